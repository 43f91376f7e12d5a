// The e-mail outbox: mails written in the transaction of the event that causes them (and gone when it rolls
// back), unaddressed mail kept and visible, and delivery through a local SMTP sink on 127.0.0.1: messages
// read back, a relay that is down (attempts, backoff, last error, nothing lost), a 550 refusal, and a
// retry that later delivers. Runs on SQLite and, with MF_TEST_PG_URL, on PostgreSQL.
#include <gtest/gtest.h>

#include <functional>

#include "book/fixture.hpp"
#include "mail/smtp.hpp"
#include "support/smtp_sink.hpp"

namespace mf::testing {
namespace {

class OutboxTest : public BookTest {
  public:
    Debtor debtor_with_email(const std::string& email) {
        auto debtor = add_debtor();
        DebtorChange change;
        change.email = email;
        return must(book->update_debtor(staff, debtor.id, change));
    }

    // Writes through the store, behind the book's checks: data from a book written before they existed.
    void write_behind_the_book(const std::function<Status(Transaction&)>& change) {
        auto store = must(open_store(url(), OpenMode::open_existing));
        ASSERT_TRUE(store->write(change));
    }

    static mail::SmtpTransport transport_to(uint16_t port) {
        mail::SmtpSettings smtp;
        smtp.host = "127.0.0.1";
        smtp.port = port;
        smtp.tls = mail::SmtpTls::none;
        smtp.timeout_s = 5;
        return mail::SmtpTransport(smtp);
    }

    static MailDelivery delivery(int64_t attempts_max = 8) {
        MailDelivery out;
        out.from_address = "factor@book.test";
        out.from_name = "Test Factor";
        out.retry.attempts_max = attempts_max;
        out.retry.backoff_first_s = 60;
        return out;
    }

    // The same book seen at another instant (the delivery worker of a later minute).
    std::unique_ptr<Book> book_at(const std::string& instant) {
        return must(Book::open(url(), std::make_shared<FixedClock>(instant)));
    }

    std::vector<OutboxMail> all_mail() { return must(book->outbox({})); }

    // The mail of a verify_invoice link for a funded invoice, with the link's URL.
    OutboxMail link_mail(const Debtor& debtor, const std::string& url) {
        auto client = add_client("flat 2%/30d +1%/15d");
        auto invoice = fund_one(client, debtor, 1'000'00);
        NewDebtorLink input;
        input.purpose = kLinkVerifyInvoice;
        input.invoice_id = invoice.id;
        input.token_hash = std::string(64, 'a');
        input.url = url;
        must(book->issue_debtor_link(staff, input));
        auto mails = all_mail();
        EXPECT_EQ(mails.size(), 1u);
        return mails.at(0);
    }
};

TEST_F(OutboxTest, SendingANoticeQueuesItsMailToTheDebtorInTheSameTransaction) {
    auto client = add_client("flat 2%/30d +1%/15d");
    auto debtor = debtor_with_email("ap@debtor.test");
    must(book->record_notice_sent(staff, client.id, debtor.id, std::nullopt, "email"));
    auto mails = all_mail();
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_EQ(mails[0].kind, kMailNoaSent);
    EXPECT_EQ(mails[0].state, MailState::queued);
    EXPECT_EQ(mails[0].recipients, "ap@debtor.test");
    EXPECT_EQ(mails[0].next_attempt_at, "2026-06-01T09:00:00Z");
    EXPECT_NE(mails[0].subject.find(client.name), std::string::npos);
    ASSERT_TRUE(book->store().read([&](Transaction& tx) -> Status {
        MF_TRY(auto found, tx.audit_of("client", client.id));
        EXPECT_NE(found.back().detail.find("mail eml_" + std::to_string(mails[0].id) + " queued"),
                  std::string::npos)
            << found.back().detail;
        return ok();
    }));
}

TEST_F(OutboxTest, AnEventRolledBackLeavesNoMail) {
    auto client = add_client("flat 2%/30d +1%/15d");
    auto debtor = debtor_with_email("ap@debtor.test");
    // The use case runs in a savepoint of an outer transaction that then fails: the notice and its mail go
    // together.
    auto outer = book->store().write([&](Transaction&) -> Status {
        auto sent = book->record_notice_sent(staff, client.id, debtor.id, std::nullopt, "email");
        EXPECT_TRUE(sent) << sent.error().message;
        EXPECT_EQ(all_mail().size(), 1u);  // seen inside the transaction
        return make_error("test_rollback", "the caller gives up");
    });
    ASSERT_FALSE(outer);
    EXPECT_TRUE(all_mail().empty());
    EXPECT_FALSE(must(book->notice_in_place(client.id, debtor.id)));
}

TEST_F(OutboxTest, ARefusedEventQueuesNothing) {
    auto client = add_client("flat 2%/30d +1%/15d");
    auto debtor = debtor_with_email("ap@debtor.test");
    auto future = book->record_notice_sent(staff, client.id, debtor.id, date(2026, 7, 1), "email");
    ASSERT_FALSE(future);
    EXPECT_TRUE(all_mail().empty());
}

TEST_F(OutboxTest, ADebtorWithoutAnAddressGetsAnUnaddressedMailUntilOneIsSet) {
    auto client = add_client("flat 2%/30d +1%/15d");
    auto debtor = add_debtor();  // no e-mail
    must(book->record_notice_sent(staff, client.id, debtor.id, std::nullopt, "mail"));
    auto mails = all_mail();
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_EQ(mails[0].state, MailState::unaddressed);
    EXPECT_TRUE(mails[0].recipients.empty());
    EXPECT_NE(mails[0].last_error.find("has no e-mail address"), std::string::npos) << mails[0].last_error;
    // Delivery leaves it alone; a retry still has no address.
    SmtpSink sink;
    auto transport = transport_to(sink.port());
    EXPECT_TRUE(must(book->deliver_mail(transport, delivery())).attempts.empty());
    auto refused = book->retry_mail(staff, mails[0].id);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "no_address");
    DebtorChange change;
    change.email = "pay@debtor.test";
    must(book->update_debtor(staff, debtor.id, change));
    auto retried = must(book->retry_mail(staff, mails[0].id));
    EXPECT_EQ(retried.state, MailState::queued);
    EXPECT_EQ(retried.recipients, "pay@debtor.test");
    auto run = must(book->deliver_mail(transport, delivery()));
    EXPECT_EQ(run.delivered, 1);
    ASSERT_EQ(sink.received().size(), 1u);
    EXPECT_EQ(sink.received()[0].rcpt_to, std::vector<std::string>{"<pay@debtor.test>"});
}

TEST_F(OutboxTest, AnAddressThatWouldInjectAHeaderIsRefusedAndNeverUsed) {
    auto client = add_client("flat 2%/30d +1%/15d");
    auto debtor = add_debtor();
    DebtorChange change;
    change.email = "ap@debtor.test\r\nBcc: thief@evil.test";
    auto refused = book->update_debtor(staff, debtor.id, change);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "invalid_email");
    EXPECT_EQ(must(book->debtor(debtor.id)).email, "");
    // Such an address in a book written before the check: the outbox still never uses it.
    write_behind_the_book([&](Transaction& tx) -> Status {
        auto stored = must(tx.find_debtor(debtor.id));
        stored->email = *change.email;
        return tx.update_debtor(*stored);
    });
    must(book->record_notice_sent(staff, client.id, debtor.id, std::nullopt, "email"));
    auto mails = all_mail();
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_EQ(mails[0].state, MailState::unaddressed);
    EXPECT_NE(mails[0].last_error.find("line break"), std::string::npos) << mails[0].last_error;
}

TEST_F(OutboxTest, ASubjectWithALineBreakFromDataIsNotSent) {
    NewClient input;
    input.name = "Evil\r\nBcc: thief@evil.test";
    input.currency = usd();
    input.terms.fee_schedule = parse_fee_schedule("flat 2%/30d +1%/15d", usd()).value();
    input.terms.factoring_limit_minor = 1'000'000'00;
    auto refused = book->add_client(staff, input);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "invalid_field");
    EXPECT_NE(refused.error().message.find("control character"), std::string::npos);
    // Such a name in a book written before the check: the mail it would head is not sent.
    input.name = "Evil";
    auto client = must(book->add_client(staff, input));
    write_behind_the_book([&](Transaction& tx) -> Status {
        auto stored = must(tx.find_client(client.id));
        stored->name = "Evil\r\nBcc: thief@evil.test";
        return tx.update_client(*stored);
    });
    auto debtor = debtor_with_email("ap@debtor.test");
    must(book->record_notice_sent(staff, client.id, debtor.id, std::nullopt, "email"));
    auto mails = all_mail();
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_EQ(mails[0].state, MailState::failed);
    EXPECT_NE(mails[0].last_error.find("line break"), std::string::npos) << mails[0].last_error;
    auto retried = book->retry_mail(staff, mails[0].id);
    ASSERT_FALSE(retried);
    EXPECT_EQ(retried.error().code, "invalid_header");
}

TEST_F(OutboxTest, ADeliveredMessageReadsBackWithItsHeadersAndTheLink) {
    SmtpSink sink;
    auto debtor = debtor_with_email("ap@debtor.test");
    const std::string url = "https://factor.test/v1/debtor-link?token=tok123";
    auto queued = link_mail(debtor, url);
    EXPECT_EQ(queued.kind, kMailVerificationRequest);
    EXPECT_NE(queued.body.find(kLinkPlaceholder), std::string::npos);  // the faces never see the token
    EXPECT_TRUE(queued.secret_url.empty());
    auto transport = transport_to(sink.port());
    auto run = must(book->deliver_mail(transport, delivery()));
    EXPECT_EQ(run.delivered, 1);
    auto received = sink.received();
    ASSERT_EQ(received.size(), 1u);
    EXPECT_EQ(received[0].mail_from, "<factor@book.test>");
    const std::string& data = received[0].data;
    EXPECT_EQ(data.rfind("Date: Mon, 01 Jun 2026 09:00:00 +0000\r\n", 0), 0u) << data;
    EXPECT_NE(data.find("Message-ID: <eml_" + std::to_string(queued.id) + ".20260601090000@book.test>"),
              std::string::npos);
    EXPECT_NE(data.find("\r\nFrom: \"Test Factor\" <factor@book.test>\r\n"), std::string::npos);
    EXPECT_NE(data.find("\r\nTo: ap@debtor.test\r\n"), std::string::npos);
    EXPECT_NE(data.find("\r\nSubject: test book: please confirm invoice N-1 from Client 1\r\n"),
              std::string::npos)
        << data;
    EXPECT_NE(data.find("\r\nContent-Type: text/plain; charset=utf-8\r\n"), std::string::npos);
    EXPECT_NE(data.find("\r\n\r\n"), std::string::npos);
    EXPECT_NE(data.find(url), std::string::npos) << data;  // the link, whole, in the body
    auto delivered = must(book->mail(queued.id));
    EXPECT_EQ(delivered.state, MailState::delivered);
    EXPECT_EQ(delivered.attempts, 1);
    EXPECT_EQ(delivered.delivered_at, "2026-06-01T09:00:00Z");
    // Delivered: the book forgets the link's secret.
    ASSERT_TRUE(book->store().read([&](Transaction& tx) -> Status {
        MF_TRY(auto stored, tx.find_mail(queued.id));
        EXPECT_TRUE(stored->secret_url.empty());
        return ok();
    }));
    // A second run finds nothing due.
    EXPECT_TRUE(must(book->deliver_mail(transport, delivery())).attempts.empty());
}

TEST_F(OutboxTest, ARelayThatIsDownKeepsTheMailWithBackoffAndTheError) {
    auto debtor = debtor_with_email("ap@debtor.test");
    auto queued = link_mail(debtor, "https://factor.test/v1/debtor-link?token=t");
    auto down = transport_to(closed_port());
    auto first = must(book->deliver_mail(down, delivery(2)));
    EXPECT_EQ(first.retrying, 1);
    auto mail = must(book->mail(queued.id));
    EXPECT_EQ(mail.state, MailState::queued);
    EXPECT_EQ(mail.attempts, 1);
    EXPECT_EQ(mail.next_attempt_at, "2026-06-01T09:01:00Z");  // 60 s
    EXPECT_NE(mail.last_error.find("cannot deliver through relay 127.0.0.1:"), std::string::npos)
        << mail.last_error;
    EXPECT_NE(mail.last_error.find("onnect"), std::string::npos) << mail.last_error;
    // Not due again within the backoff.
    EXPECT_TRUE(must(book->deliver_mail(down, delivery(2))).attempts.empty());
    // A minute later: the second and last attempt fails for good, and the mail is still there.
    auto later = book_at("2026-06-01T09:01:30Z");
    auto second = must(later->deliver_mail(down, delivery(2)));
    EXPECT_EQ(second.failed, 1);
    mail = must(book->mail(queued.id));
    EXPECT_EQ(mail.state, MailState::failed);
    EXPECT_EQ(mail.attempts, 2);
    EXPECT_NE(mail.last_error.find("gave up after 2 attempts"), std::string::npos) << mail.last_error;
    // The relay is back: a retry delivers it.
    SmtpSink sink;
    auto up = transport_to(sink.port());
    must(later->retry_mail(staff, queued.id));
    EXPECT_EQ(must(later->deliver_mail(up, delivery(2))).delivered, 1);
    ASSERT_EQ(sink.received().size(), 1u);
    EXPECT_NE(sink.received()[0].data.find("token=t"), std::string::npos);
    EXPECT_EQ(must(book->mail(queued.id)).state, MailState::delivered);
}

TEST_F(OutboxTest, TheBackoffDoublesUpToItsCap) {
    RetryPolicy policy;
    policy.backoff_first_s = 60;
    policy.backoff_max_s = 300;
    EXPECT_EQ(backoff_seconds(policy, 1), 60);
    EXPECT_EQ(backoff_seconds(policy, 2), 120);
    EXPECT_EQ(backoff_seconds(policy, 3), 240);
    EXPECT_EQ(backoff_seconds(policy, 4), 300);
    EXPECT_EQ(backoff_seconds(policy, 40), 300);
}

TEST_F(OutboxTest, ARelayThatReplies550FailsTheMailAtOnceWithItsReply) {
    SmtpSink sink;
    sink.refuse_recipients("550 5.1.1 <ap@debtor.test>: Recipient address rejected: User unknown");
    auto debtor = debtor_with_email("ap@debtor.test");
    auto queued = link_mail(debtor, "https://factor.test/v1/debtor-link?token=t");
    auto transport = transport_to(sink.port());
    auto run = must(book->deliver_mail(transport, delivery()));
    EXPECT_EQ(run.failed, 1);
    auto mail = must(book->mail(queued.id));
    EXPECT_EQ(mail.state, MailState::failed);
    EXPECT_EQ(mail.attempts, 1);
    EXPECT_NE(
        mail.last_error.find("refused the mail: 550 5.1.1 <ap@debtor.test>: Recipient address rejected"),
        std::string::npos)
        << mail.last_error;
    EXPECT_TRUE(sink.received().empty());
    // The address is fixed at the relay: a retry delivers.
    sink.refuse_recipients("");
    must(book->retry_mail(staff, queued.id));
    EXPECT_EQ(must(book->deliver_mail(transport, delivery())).delivered, 1);
    EXPECT_EQ(sink.received().size(), 1u);
    auto delivered_again = book->retry_mail(staff, queued.id);
    ASSERT_FALSE(delivered_again);
    EXPECT_EQ(delivered_again.error().code, "already_delivered");
}

TEST_F(OutboxTest, AStatementReadyMailGoesToTheClient) {
    NewClient input;
    input.name = "Mailed Client";
    input.currency = usd();
    input.email = "books@client.test";
    input.terms.fee_schedule = parse_fee_schedule("flat 2%/30d +1%/15d", usd()).value();
    input.terms.factoring_limit_minor = 1'000'000'00;
    auto client = must(book->add_client(staff, input));
    auto mail = must(book->send_client_statement(staff, client.id, date(2026, 5, 1), date(2026, 5, 31)));
    EXPECT_EQ(mail.kind, kMailStatementReady);
    EXPECT_EQ(mail.state, MailState::queued);
    EXPECT_EQ(mail.recipients, "books@client.test");
    EXPECT_NE(mail.body.find("Closing reserve:"), std::string::npos);
}

TEST_F(OutboxTest, APaidRebateMailsTheClientAndAFailedReleaseMailsNothing) {
    auto client = add_client("flat 2%/30d +1%/15d");
    ClientChange change;
    change.email = "books@client.test";
    client = must(book->update_client(staff, client.id, change));
    const auto invoice = fund_one(client, add_debtor(), 1000'00);
    const auto today = book->settings().value().business_date;
    must(book->record_receipt(
        staff,
        {Money{1000'00, usd()}, today, "payer", "R-1", std::nullopt, "manual", {{invoice.id, 1000'00}}}));
    EXPECT_FALSE(book->release_rebate(staff, client.id, 1'000'000'00));  // more than releasable
    EXPECT_TRUE(all_mail().empty());
    auto payout = must(book->release_rebate(staff, client.id, std::nullopt));
    ASSERT_TRUE(payout.has_value());
    auto mails = all_mail();
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_EQ(mails[0].kind, kMailRebatePaid);
    EXPECT_EQ(mails[0].recipients, "books@client.test");
    EXPECT_EQ(mails[0].entity_id, payout->id);
    EXPECT_EQ(mails[0].subject.rfind("test book: rebate of ", 0), 0u) << mails[0].subject;
    EXPECT_NE(mails[0].body.find("pay_" + std::to_string(payout->id)), std::string::npos) << mails[0].body;
}

}  // namespace
}  // namespace mf::testing
