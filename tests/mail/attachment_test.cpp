// Messages with attachments: multipart/mixed with the text part and a base64 part per file, a boundary fixed
// by the Message-ID, and the names and types that would break a header refused.
#include <gtest/gtest.h>

#include "mail/message.hpp"

namespace mf::mail {
namespace {

Message with_file(std::string filename = "notice.pdf", std::string type = "application/pdf") {
    Message message;
    message.from_address = "factor@book.test";
    message.to = {"ap@debtor.test"};
    message.subject = "Notice";
    message.body = "Hello,\nthe notice is attached.\n";
    message.date_s = 1'780'304'400;
    message.message_id = "eml_1.20260601090000@book.test";
    message.attachments.push_back(
        {std::move(filename), std::move(type), std::string("%PDF-1.5\n\x00\xff", 11)});
    return message;
}

std::string boundary_of(const std::string& text) {
    const std::string key = "Content-Type: multipart/mixed; boundary=\"";
    const size_t at = text.find(key);
    EXPECT_NE(at, std::string::npos) << text;
    if (at == std::string::npos)
        return {};
    const size_t start = at + key.size();
    return text.substr(start, text.find('"', start) - start);
}

TEST(Attachment, MakesAMultipartMixedMessageWithABase64Part) {
    const std::string text = compose(with_file()).value();
    const std::string boundary = boundary_of(text);
    ASSERT_EQ(boundary.size(), 5u + 32u);
    EXPECT_EQ(boundary.rfind("=_mf_", 0), 0u);
    const std::string expected_tail = "--" + boundary +
                                      "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                                      "Content-Transfer-Encoding: 7bit\r\n\r\n"
                                      "Hello,\r\nthe notice is attached.\r\n"
                                      "--" +
                                      boundary +
                                      "\r\nContent-Type: application/pdf; name=\"notice.pdf\"\r\n"
                                      "Content-Disposition: attachment; filename=\"notice.pdf\"\r\n"
                                      "Content-Transfer-Encoding: base64\r\n\r\n"
                                      "JVBERi0xLjUKAP8=\r\n"
                                      "--" +
                                      boundary + "--\r\n";
    ASSERT_GE(text.size(), expected_tail.size());
    EXPECT_EQ(text.substr(text.size() - expected_tail.size()), expected_tail) << text;
    EXPECT_EQ(text.find("Content-Transfer-Encoding: 7bit\r\nAuto-Submitted"), std::string::npos)
        << "the top level holds no transfer encoding of its own";
}

TEST(Attachment, TheBoundaryIsTheSameForEveryAttemptAndDiffersBetweenMails) {
    EXPECT_EQ(compose(with_file()).value(), compose(with_file()).value());
    auto other = with_file();
    other.message_id = "eml_2.20260601090000@book.test";
    EXPECT_NE(boundary_of(compose(other).value()), boundary_of(compose(with_file()).value()));
}

TEST(Attachment, ABodyHoldingTheBoundaryIsSentQuotedPrintable) {
    auto message = with_file();
    const std::string boundary = boundary_of(compose(message).value());
    message.body = "a trap:\n--" + boundary + "--\n";
    const std::string text = compose(message).value();
    EXPECT_EQ(text.find("\r\n--" + boundary + "--\r\n"), text.size() - boundary.size() - 8)
        << "the closing delimiter appears once, at the end";
    EXPECT_NE(text.find("Content-Transfer-Encoding: quoted-printable"), std::string::npos);
}

TEST(Attachment, LongFilesAreBase64InLinesOf76) {
    EXPECT_EQ(base64_lines(std::string(120, 'x')).find("\r\n"), 76u);
    const std::string lines = base64_lines(std::string(300, 'y'));
    size_t start = 0;
    while (start < lines.size()) {
        const size_t end = lines.find("\r\n", start);
        ASSERT_NE(end, std::string::npos);
        EXPECT_LE(end - start, 76u);
        start = end + 2;
    }
    EXPECT_EQ(base64_lines(""), "");
}

TEST(Attachment, ANameOrTypeThatWouldBreakAHeaderIsRefused) {
    for (const std::string name :
         {"a\r\nBcc: x@evil.test", "quote\".pdf", "back\\slash.pdf", "", "na\xc3\xafve.pdf"}) {
        auto refused = compose(with_file(name));
        ASSERT_FALSE(refused) << name;
        EXPECT_EQ(refused.error().code, "invalid_header") << name;
    }
    for (const std::string type :
         {"application/pdf\r\nBcc: x@evil.test", "pdf", "application/", "text/plain; x=1"}) {
        auto refused = compose(with_file("notice.pdf", type));
        ASSERT_FALSE(refused) << type;
        EXPECT_EQ(refused.error().code, "invalid_header") << type;
    }
}

}  // namespace
}  // namespace mf::mail
