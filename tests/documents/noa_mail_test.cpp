// The notice of assignment's e-mail carries its letter: delivered to a local SMTP sink, the message is
// multipart/mixed with the text and a base64 application/pdf part named for the pair; the part decodes to a
// PDF whose text names the debtor, the client and the remittance instructions. Every attempt sends the same
// bytes; without remittance instructions the mail goes as text alone; a letter that cannot be drawn fails the
// mail.
#include <gtest/gtest.h>
#include <sodium.h>

#include "book/fixture.hpp"
#include "core/ids.hpp"
#include "documents/documents.hpp"
#include "mail/smtp.hpp"
#include "support/pdf_text.hpp"
#include "support/smtp_sink.hpp"

namespace mf::testing {
namespace {

// One MIME part of a message: its headers (as sent) and its body.
struct Part {
    std::string headers;
    std::string body;
};

std::string header_value(const std::string& headers, const std::string& name) {
    const std::string key = "\r\n" + name + ": ";
    const size_t at = ("\r\n" + headers).find(key);
    if (at == std::string::npos)
        return {};
    const size_t start = at + key.size() - 2;
    return headers.substr(start, headers.find("\r\n", start) - start);
}

// The parts of a multipart message between "--boundary" lines, up to "--boundary--".
std::vector<Part> parts_of(const std::string& message, const std::string& boundary) {
    std::vector<Part> out;
    const std::string delimiter = "\r\n--" + boundary;
    size_t at = message.find(delimiter);
    while (at != std::string::npos) {
        const size_t start = at + delimiter.size();
        if (message.compare(start, 2, "--") == 0)
            break;
        const size_t next = message.find(delimiter, start);
        if (next == std::string::npos)
            break;
        const std::string part = message.substr(start + 2, next - start - 2);  // after the CRLF
        const size_t blank = part.find("\r\n\r\n");
        out.push_back({part.substr(0, blank + 2), part.substr(blank + 4)});
        at = next;
    }
    return out;
}

std::string decode_base64(const std::string& text) {
    std::string bytes(text.size(), '\0');
    size_t length = 0;
    const int status =
        sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                          text.size(), "\r\n", &length, nullptr, sodium_base64_VARIANT_ORIGINAL);
    EXPECT_EQ(status, 0) << "not base64";
    bytes.resize(length);
    return bytes;
}

class NoticeMailTest : public BookTest {
  public:
    void SetUp() override {
        BookTest::SetUp();
        client = add_client("flat 2%/30d +1%/15d");
        debtor = add_debtor();
        DebtorChange change;
        change.email = "ap@debtor.test";
        must(book->update_debtor(staff, debtor.id, change));
    }

    void set_remittance(const std::string& text) {
        SettingsChange change;
        change.remittance_instructions = text;
        must(book->update_settings(staff, change));
    }

    static MailDelivery delivery() {
        MailDelivery out;
        out.from_address = "factor@book.test";
        out.from_name = "Test Factor";
        out.retry.attempts_max = 3;
        out.notice_letter = documents::notice_letter_pdf;
        return out;
    }

    DeliveryRun deliver(SmtpSink& sink, const MailDelivery& how = delivery()) {
        mail::SmtpSettings smtp;
        smtp.host = "127.0.0.1";
        smtp.port = sink.port();
        smtp.tls = mail::SmtpTls::none;
        smtp.timeout_s = 5;
        mail::SmtpTransport transport(smtp);
        return must(book->deliver_mail(transport, how));
    }

    Client client;
    Debtor debtor;
};

TEST_F(NoticeMailTest, TheDeliveredNoticeCarriesItsLetterAsAPdfAttachment) {
    set_remittance("Pay Test Factor\nABA 021000021, account 99887766");
    must(book->record_notice_sent(staff, client.id, debtor.id, std::nullopt, "email"));
    SmtpSink sink;
    EXPECT_EQ(deliver(sink).delivered, 1);
    ASSERT_EQ(sink.received().size(), 1u);
    const std::string message = sink.received()[0].data;
    const size_t blank = message.find("\r\n\r\n");
    ASSERT_NE(blank, std::string::npos);
    const std::string headers = message.substr(0, blank + 2);
    EXPECT_EQ(header_value(headers, "MIME-Version"), "1.0");
    const std::string type = header_value(headers, "Content-Type");
    const std::string prefix = "multipart/mixed; boundary=\"";
    ASSERT_EQ(type.rfind(prefix, 0), 0u) << type;
    const std::string boundary = type.substr(prefix.size(), type.size() - prefix.size() - 1);
    EXPECT_NE(message.find("\r\n--" + boundary + "--\r\n"), std::string::npos) << "the closing delimiter";

    auto parts = parts_of(message.substr(blank), boundary);
    ASSERT_EQ(parts.size(), 2u) << message.substr(0, 2000);
    EXPECT_EQ(header_value(parts[0].headers, "Content-Type"), "text/plain; charset=utf-8");
    EXPECT_NE(parts[0].body.find("has assigned its accounts receivable"), std::string::npos) << parts[0].body;

    const std::string file = "notice-of-assignment-" + format_id(IdKind::client, client.id) + "-" +
                             format_id(IdKind::debtor, debtor.id) + ".pdf";
    EXPECT_EQ(header_value(parts[1].headers, "Content-Type"), "application/pdf; name=\"" + file + "\"");
    EXPECT_EQ(header_value(parts[1].headers, "Content-Disposition"), "attachment; filename=\"" + file + "\"");
    EXPECT_EQ(header_value(parts[1].headers, "Content-Transfer-Encoding"), "base64");
    size_t line_start = 0;
    while (line_start < parts[1].body.size()) {
        const size_t end = std::min(parts[1].body.find("\r\n", line_start), parts[1].body.size());
        EXPECT_LE(end - line_start, 76u) << "base64 lines of at most 76 characters";
        line_start = end + 2;
    }
    const std::string pdf = decode_base64(parts[1].body);
    ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u) << "the attachment is a PDF";
    const std::string text = pdf_text(pdf, "-raw");
    EXPECT_NE(text.find("Notice of Assignment"), std::string::npos) << text;
    EXPECT_NE(text.find(debtor.name), std::string::npos) << text;
    EXPECT_NE(text.find(client.name), std::string::npos) << text;
    EXPECT_NE(text.find("ABA 021000021, account 99887766"), std::string::npos) << text;
    EXPECT_NE(text.find("2026-06-01"), std::string::npos) << "dated the day the notice was sent: " << text;
}

// A relay that took the message but whose answer was lost: the outbox must try again.
class LostAnswerTransport : public mail::Transport {
  public:
    Status send(const std::string&, const std::vector<std::string>&, const std::string& message) override {
        sent.push_back(message);
        return make_error(std::string(mail::kTransient), "connection reset after DATA");
    }
    std::vector<std::string> sent;
};

TEST_F(NoticeMailTest, EveryAttemptSendsTheSameLetterUnderTheSameBoundary) {
    set_remittance("Pay Test Factor\nPO Box 9");
    must(book->record_notice_sent(staff, client.id, debtor.id, std::nullopt, "email"));
    LostAnswerTransport lost;
    EXPECT_EQ(must(book->deliver_mail(lost, delivery())).retrying, 1);
    ASSERT_EQ(lost.sent.size(), 1u);
    auto later = must(Book::open(url(), std::make_shared<FixedClock>("2026-06-01T09:05:00Z")));
    mail::SmtpSettings smtp;
    SmtpSink sink;
    smtp.host = "127.0.0.1";
    smtp.port = sink.port();
    smtp.tls = mail::SmtpTls::none;
    smtp.timeout_s = 5;
    mail::SmtpTransport transport(smtp);
    EXPECT_EQ(must(later->deliver_mail(transport, delivery())).delivered, 1);
    ASSERT_EQ(sink.received().size(), 1u);
    // Only the Date header (the attempt's time) differs.
    auto without_date = [](std::string message) {
        const size_t at = message.find("Date: ");
        return message.erase(at, message.find("\r\n", at) + 2 - at);
    };
    EXPECT_EQ(without_date(lost.sent[0]), without_date(sink.received()[0].data));
    EXPECT_NE(lost.sent[0].find("application/pdf"), std::string::npos);
}

TEST_F(NoticeMailTest, WithoutRemittanceInstructionsTheMailGoesAsTextAlone) {
    must(book->record_notice_sent(staff, client.id, debtor.id, std::nullopt, "email"));
    SmtpSink sink;
    EXPECT_EQ(deliver(sink).delivered, 1);
    ASSERT_EQ(sink.received().size(), 1u);
    const std::string data = sink.received()[0].data;
    EXPECT_NE(data.find("Content-Type: text/plain; charset=utf-8"), std::string::npos);
    EXPECT_EQ(data.find("multipart"), std::string::npos);
    EXPECT_NE(data.find("Ask us for our remittance instructions"), std::string::npos);
}

TEST_F(NoticeMailTest, ALetterThatCannotBeDrawnFailsTheMailWithTheReason) {
    set_remittance("PO Box 9");
    must(book->record_notice_sent(staff, client.id, debtor.id, std::nullopt, "email"));
    MailDelivery broken = delivery();
    broken.notice_letter = [](const NoticeLetter&) -> Result<std::string> {
        return make_error("pdf_failed", "cairo ran out of memory");
    };
    SmtpSink sink;
    auto run = deliver(sink, broken);
    EXPECT_EQ(run.failed, 1);
    EXPECT_TRUE(sink.received().empty());
    auto mail = must(book->outbox({})).at(0);
    EXPECT_EQ(mail.state, MailState::failed);
    EXPECT_NE(mail.last_error.find("cannot draw the notice of assignment letter"), std::string::npos)
        << mail.last_error;
    // Once fixed, a person's retry delivers it with its letter.
    must(book->retry_mail(staff, mail.id));
    EXPECT_EQ(deliver(sink).delivered, 1);
    ASSERT_EQ(sink.received().size(), 1u);
    EXPECT_NE(sink.received()[0].data.find("application/pdf"), std::string::npos);
}

TEST_F(NoticeMailTest, ALetterWhoseFactsCannotBeReadFailsItsOwnMailNotTheRun) {
    set_remittance("PO Box 9");
    must(book->record_notice_sent(staff, client.id, debtor.id, std::nullopt, "email"));
    // A notice's mail naming a client the book does not have (written behind the book's checks).
    {
        auto store = must(open_store(url(), OpenMode::open_existing));
        ASSERT_TRUE(store->write([&](Transaction& tx) -> Status {
            OutboxMail orphan = must(tx.find_mail(must(book->outbox({})).at(0).id)).value();
            orphan.id = 0;
            orphan.entity_id = 999;
            return tx.insert_mail(orphan).has_error() ? make_error("test", "insert failed") : ok();
        }));
    }
    SmtpSink sink;
    auto run = deliver(sink);
    EXPECT_EQ(run.delivered, 1);
    EXPECT_EQ(run.failed, 1);
    ASSERT_EQ(sink.received().size(), 1u);
    EXPECT_NE(sink.received()[0].data.find("application/pdf"), std::string::npos);
    auto mails = must(book->outbox({}));
    ASSERT_EQ(mails.size(), 2u);
    const auto& orphan = mails[0].state == MailState::failed ? mails[0] : mails[1];
    EXPECT_EQ(orphan.state, MailState::failed);
    EXPECT_NE(orphan.last_error.find("cannot read the notice of assignment letter's facts"),
              std::string::npos)
        << orphan.last_error;
}

}  // namespace
}  // namespace mf::testing
