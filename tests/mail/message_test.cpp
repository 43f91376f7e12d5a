// RFC 5322 messages: the headers, the body's encodings, and header injection refused.
#include <gtest/gtest.h>

#include "mail/message.hpp"
#include "mail/smtp.hpp"

namespace mf::mail {
namespace {

Message sample() {
    Message message;
    message.from_address = "factor@book.test";
    message.from_name = "Test \"Factor\"";
    message.to = {"a@debtor.test", "b@debtor.test"};
    message.subject = "Invoice N-1";
    message.body = "Hello,\nplease confirm.\n";
    message.date_s = 1'780'304'400;  // 2026-06-01T09:00:00Z
    message.message_id = "eml_1.20260601090000@book.test";
    return message;
}

TEST(Message, HasTheHeadersOfRfc5322AndAPlainTextBody) {
    auto text = compose(sample());
    ASSERT_TRUE(text) << text.error().message;
    EXPECT_EQ(text.value(),
              "Date: Mon, 01 Jun 2026 09:00:00 +0000\r\n"
              "Message-ID: <eml_1.20260601090000@book.test>\r\n"
              "From: \"Test \\\"Factor\\\"\" <factor@book.test>\r\n"
              "To: a@debtor.test, b@debtor.test\r\n"
              "Subject: Invoice N-1\r\n"
              "MIME-Version: 1.0\r\n"
              "Content-Type: text/plain; charset=utf-8\r\n"
              "Content-Transfer-Encoding: 7bit\r\n"
              "Auto-Submitted: auto-generated\r\n"
              "\r\n"
              "Hello,\r\nplease confirm.\r\n");
}

TEST(Message, RefusesALineBreakInAnyHeaderFromData) {
    for (const std::string bad : {"x\r\nBcc: thief@evil.test", "x\nBcc: thief@evil.test", "x\rBcc: y"}) {
        auto subject = sample();
        subject.subject = bad;
        auto refused = compose(subject);
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code, "invalid_header");
        EXPECT_EQ(refused.error().field, "subject");
        auto to = sample();
        to.to = {"a@debtor.test" + bad.substr(1)};
        EXPECT_FALSE(compose(to));
        auto name = sample();
        name.from_name = bad;
        EXPECT_FALSE(compose(name));
    }
    auto no_recipient = sample();
    no_recipient.to.clear();
    EXPECT_EQ(compose(no_recipient).error().code, "missing_address");
}

TEST(Message, EncodesNonAsciiSubjectsAndBodies) {
    auto message = sample();
    message.subject = "Müller Bau: Rechnung bestätigt";
    message.body = "Grüße\n";
    auto text = compose(message).value();
    EXPECT_NE(text.find("Subject: =?utf-8?B?TcO8bGxlciBCYXU6IFJlY2hudW5nIGJlc3TDpHRpZ3Q=?=\r\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("Content-Transfer-Encoding: quoted-printable\r\n"), std::string::npos);
    EXPECT_NE(text.find("\r\n\r\nGr=C3=BC=C3=9Fe\r\n"), std::string::npos) << text;
}

TEST(Message, QuotedPrintableKeepsLinesShortAndEscapesEquals) {
    const std::string long_line(200, 'x');
    const std::string encoded = quoted_printable(long_line + "=\n");
    size_t start = 0;
    while (start < encoded.size()) {
        const size_t end = encoded.find("\r\n", start);
        ASSERT_NE(end, std::string::npos);
        EXPECT_LE(end - start, 76u);
        start = end + 2;
    }
    EXPECT_NE(encoded.find("=3D\r\n"), std::string::npos);
}

TEST(Smtp, NoTlsOnlyForALoopbackRelay) {
    SmtpSettings settings;
    settings.host = "smtp.example.com";
    settings.port = 587;
    settings.tls = SmtpTls::none;
    auto refused = check_smtp_settings(settings);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "insecure_relay");
    settings.tls = SmtpTls::starttls;
    EXPECT_TRUE(check_smtp_settings(settings));
    settings.host = "127.0.0.1";
    settings.tls = SmtpTls::none;
    EXPECT_TRUE(check_smtp_settings(settings));
    settings.host = "";
    EXPECT_EQ(check_smtp_settings(settings).error().code, "missing_field");
}

}  // namespace
}  // namespace mf::mail
