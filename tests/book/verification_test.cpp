// Verification and notices of assignment in the book: each policy selects exactly the invoices it should,
// a pending or failed invoice is neither approved nor funded, staff records and debtor links move the flag
// and name their actor, links are single-purpose, expiring and single-use, and the book setting
// require_noa_before_funding refuses funding until the pair's notice is sent.
#include <atomic>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "core/ids.hpp"
#include "fixture.hpp"

namespace mf::testing {
namespace {

// The faces draw a random token and hash it with libsodium (auth/secrets.hpp, tested there); the book only
// stores and finds the 64-hex-digit hash, so here a token's hex spelling, padded, stands in for it.
std::string hash_of(const std::string& token) {
    std::string hex;
    for (const char c : token)
        hex += fmt::format("{:02x}", static_cast<unsigned char>(c));
    hex.resize(64, '0');
    return hex;
}

class Verification_ : public BookTest {
  protected:
    std::string new_token() { return "token-" + std::to_string(++tokens_made) + "-of-a-test"; }
    int tokens_made = 0;

    // Submits one invoice per face, issued today, due in 30 days; returns them as stored.
    std::vector<Invoice> submit(const Client& client, const Debtor& debtor,
                                const std::vector<int64_t>& faces) {
        const auto today = book->settings().value().business_date;
        NewSchedule schedule{client.id, {}};
        for (const int64_t face : faces) {
            schedule.invoices.push_back(
                {debtor.id, "V-" + std::to_string(++invoices_made), face, usd(), today, today.plus_days(30)});
        }
        auto view = must(book->submit_schedule(staff, schedule));
        return view.invoices;
    }

    void set_policy(const Client& client, VerificationPolicyKind kind, int64_t threshold = 0,
                    int64_t ppm = 0) {
        VerificationPolicy policy;
        policy.client_id = client.id;
        policy.kind = kind;
        policy.threshold_minor = threshold;
        policy.sample_ppm = ppm;
        must(book->set_verification_policy(staff, policy));
    }

    // A link for the invoice: the token and the link.
    std::pair<std::string, DebtorLink> link_for(const Invoice& invoice, int32_t days = 14) {
        const std::string token = new_token();
        NewDebtorLink input;
        input.purpose = std::string(kLinkVerifyInvoice);
        input.invoice_id = invoice.id;
        input.expires_in_days = days;
        input.token_hash = hash_of(token);
        return {token, must(book->issue_debtor_link(staff, input))};
    }

    static DebtorAnswer confirmation() { return DebtorAnswer{true, true, true, true, ""}; }

    std::string code_of(const Status& status) { return status ? "ok" : status.error().code; }
    template <class T>
    std::string code_of(const Result<T>& result) {
        return result ? "ok" : result.error().code;
    }
};

TEST_F(Verification_, TheDefaultPolicyIsNoneAndNothingWaits) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    EXPECT_EQ(must(book->verification_policy(client.id)).kind, VerificationPolicyKind::none);
    const auto invoice = fund_one(client, add_debtor(), 500'00);
    EXPECT_EQ(invoice.verification, Verification::not_required);
    const auto standing = must(book->verification_standing(invoice.id));
    EXPECT_FALSE(standing.required);
    EXPECT_TRUE(standing.passed);
}

TEST_F(Verification_, EveryAndAboveSelectExactlyTheirInvoices) {
    const auto every = add_client("flat 2%/30d +1%/15d");
    const auto above = add_client("flat 2%/30d +1%/15d");
    const auto debtor = add_debtor();
    set_policy(every, VerificationPolicyKind::every);
    set_policy(above, VerificationPolicyKind::above, 1'000'00);
    for (const auto& invoice : submit(every, debtor, {10'00, 5'000'00}))
        EXPECT_EQ(invoice.verification, Verification::pending);
    const auto invoices = submit(above, debtor, {999'99, 1'000'00, 1'000'01});
    EXPECT_EQ(invoices[0].verification, Verification::not_required);
    EXPECT_EQ(invoices[1].verification, Verification::not_required);  // strictly above
    EXPECT_EQ(invoices[2].verification, Verification::pending);
    EXPECT_EQ(must(book->invoice(invoices[2].id)).verification, Verification::pending);
    const auto events = must(book->invoice_history(invoices[2].id)).events;
    EXPECT_EQ(events.back().action, "invoice.verification_required");
}

TEST_F(Verification_, ASampleIsDrawnByTheInvoiceIdExactly) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    set_policy(client, VerificationPolicyKind::sample, 0, 250'000);  // 25%
    const auto invoices = submit(client, add_debtor(), std::vector<int64_t>(40, 100'00));
    int selected = 0;
    for (const auto& invoice : invoices) {
        const bool drawn = sample_draw_ppm(invoice.id) < 250'000;
        EXPECT_EQ(invoice.verification, drawn ? Verification::pending : Verification::not_required)
            << invoice.id;
        EXPECT_EQ(must(book->invoice(invoice.id)).verification, invoice.verification);
        selected += drawn ? 1 : 0;
    }
    EXPECT_GT(selected, 0);
    EXPECT_LT(selected, 40);
    // The draw is a fixed function of the id.
    EXPECT_EQ(sample_draw_ppm(1), sample_draw_ppm(1));
    EXPECT_NE(sample_draw_ppm(1), sample_draw_ppm(2));
}

TEST_F(Verification_, BadPoliciesAreRefusedAndChangeNothing) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    const auto before = fingerprint();
    VerificationPolicy policy;
    policy.client_id = client.id;
    policy.kind = VerificationPolicyKind::above;
    EXPECT_EQ(code_of(book->set_verification_policy(staff, policy)), "invalid_policy");
    policy.kind = VerificationPolicyKind::sample;
    policy.sample_ppm = 1'000'001;
    EXPECT_EQ(code_of(book->set_verification_policy(staff, policy)), "invalid_policy");
    policy.client_id = 999;
    policy.sample_ppm = 10'000;
    EXPECT_EQ(code_of(book->set_verification_policy(staff, policy)), "not_found");
    EXPECT_EQ(fingerprint(), before);
    EXPECT_EQ(must(book->verification_policy(client.id)).kind, VerificationPolicyKind::none);
}

TEST_F(Verification_, APendingInvoiceIsNeitherApprovedNorFundedUntilVerified) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    set_policy(client, VerificationPolicyKind::every);
    const auto invoice = submit(client, add_debtor(), {700'00}).at(0);
    const auto before = fingerprint();
    EXPECT_EQ(code_of(book->approve_invoices(staff, {{invoice.id}, ""})), "verification_required");
    EXPECT_EQ(code_of(book->approve_invoices(staff, {{invoice.id}, "override"})), "verification_required");
    EXPECT_EQ(fingerprint(), before);
    EXPECT_TRUE(must(book->verification_standing(invoice.id)).required);

    // A call with no answer changes nothing but the log.
    auto attempt = must(book->record_verification(staff, {invoice.id, "call", "AP desk", "no_answer", ""}));
    EXPECT_EQ(attempt.invoice.verification, Verification::pending);
    auto confirmed = must(
        book->record_verification(staff, {invoice.id, "email", "ap@debtor.example", "confirmed", "PO 77"}));
    EXPECT_EQ(confirmed.invoice.verification, Verification::verified);
    EXPECT_TRUE(confirmed.record.delivered && confirmed.record.amount_correct && confirmed.record.no_offsets);
    const auto standing = must(book->verification_standing(invoice.id));
    EXPECT_FALSE(standing.required);
    EXPECT_TRUE(standing.passed);
    ASSERT_TRUE(must(book->approve_invoices(staff, {{invoice.id}, ""})).at(0).approved);
    must(book->fund_schedule(staff, invoice.schedule_id));
    EXPECT_EQ(must(book->invoice(invoice.id)).state, InvoiceState::funded);

    const auto events = must(book->invoice_history(invoice.id)).events;
    std::set<std::string> actions;
    for (const auto& event : events) {
        actions.insert(event.action);
        if (event.action == "invoice.verification") {
            EXPECT_EQ(event.actor, "test:staff");
        }
    }
    EXPECT_TRUE(actions.contains("invoice.verification"));
    expect_clean();
}

TEST_F(Verification_, AContestFailsTheInvoiceAndHoldsIt) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    set_policy(client, VerificationPolicyKind::every);
    const auto invoice = submit(client, add_debtor(), {700'00}).at(0);
    EXPECT_EQ(code_of(book->record_verification(staff, {invoice.id, "call", "AP", "contested", ""})),
              "missing_field");  // a contest needs the reason
    auto contested = must(
        book->record_verification(staff, {invoice.id, "call", "AP desk", "contested", "goods came back"}));
    EXPECT_EQ(contested.invoice.verification, Verification::failed);
    EXPECT_EQ(code_of(book->approve_invoices(staff, {{invoice.id}, "override"})), "verification_failed");
    const auto standing = must(book->verification_standing(invoice.id));
    EXPECT_TRUE(standing.required);
    EXPECT_FALSE(standing.passed);
    const auto events = must(book->invoice_history(invoice.id)).events;
    EXPECT_EQ(events.back().reason, "goods came back");
}

TEST_F(Verification_, StaffRecordsAreCheckedAndBadOnesChangeNothing) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    const auto invoice = submit(client, add_debtor(), {700'00}).at(0);
    const auto before = fingerprint();
    EXPECT_EQ(code_of(book->record_verification(staff, {invoice.id, "fax", "AP", "confirmed", ""})),
              "invalid_channel");
    EXPECT_EQ(code_of(book->record_verification(staff, {invoice.id, "link", "AP", "confirmed", ""})),
              "invalid_channel");
    EXPECT_EQ(code_of(book->record_verification(staff, {invoice.id, "call", "AP", "maybe", ""})),
              "invalid_outcome");
    EXPECT_EQ(code_of(book->record_verification(staff, {invoice.id, "call", "", "confirmed", ""})),
              "missing_field");
    EXPECT_EQ(code_of(book->record_verification(staff, {999, "call", "AP", "confirmed", ""})), "not_found");
    must(book->reject_invoices(staff, {invoice.id}, "not ours"));
    const auto rejected = fingerprint();
    EXPECT_EQ(code_of(book->record_verification(staff, {invoice.id, "call", "AP", "confirmed", ""})),
              "invalid_transition");
    EXPECT_EQ(fingerprint(), rejected);
    EXPECT_NE(before, rejected);
    EXPECT_TRUE(must(book->verification_log({})).empty());
}

TEST_F(Verification_, ADebtorConfirmsThroughItsLinkOnceAndTheActorNamesDebtorAndLink) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    set_policy(client, VerificationPolicyKind::every);
    const auto debtor = add_debtor();
    const auto invoice = submit(client, debtor, {1'234'00}).at(0);
    const auto [token, link] = link_for(invoice);
    EXPECT_EQ(link.expires_at, "2026-06-15T09:00:00Z");
    EXPECT_EQ(link.invoice_id, invoice.id);
    EXPECT_EQ(link.debtor_id, debtor.id);
    EXPECT_EQ(link.token_hash, hash_of(token));

    const auto view = must(book->open_debtor_link(hash_of(token), kLinkVerifyInvoice));
    ASSERT_TRUE(view.invoice.has_value());
    EXPECT_EQ(view.invoice->id, invoice.id);
    EXPECT_EQ(view.client_name, client.name);
    EXPECT_EQ(view.debtor_name, debtor.name);

    DebtorAnswer partial = confirmation();
    partial.no_offsets = false;
    EXPECT_EQ(code_of(book->answer_debtor_link(hash_of(token), partial)), "invalid_confirmation");
    // A refused answer does not use the link up.
    auto answered = must(book->answer_debtor_link(hash_of(token), confirmation()));
    EXPECT_EQ(answered.invoice.verification, Verification::verified);
    EXPECT_EQ(answered.record.channel, "link");
    EXPECT_EQ(answered.record.link_id, link.id);
    const std::string actor =
        "debtor:" + format_id(IdKind::debtor, debtor.id) + "/" + format_id(IdKind::debtor_link, link.id);
    EXPECT_EQ(answered.record.actor, actor);
    EXPECT_EQ(must(book->invoice_history(invoice.id)).events.back().actor, actor);

    const auto before = fingerprint();
    EXPECT_EQ(code_of(book->answer_debtor_link(hash_of(token), confirmation())), "link_used");
    EXPECT_EQ(code_of(book->open_debtor_link(hash_of(token), "")), "link_used");
    EXPECT_EQ(fingerprint(), before);
}

TEST_F(Verification_, ConcurrentAnswersThroughOneLinkCountOnce) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    set_policy(client, VerificationPolicyKind::every);
    const auto invoice = submit(client, add_debtor(), {900'00}).at(0);
    const auto [token, link] = link_for(invoice);
    std::atomic<int> answered{0}, used{0}, other{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&, hash = hash_of(token)] {
            auto result = book->answer_debtor_link(hash, confirmation());
            if (result)
                ++answered;
            else if (result.error().code == "link_used")
                ++used;
            else
                ++other;
        });
    }
    for (auto& thread : threads)
        thread.join();
    EXPECT_EQ(answered.load(), 1);
    EXPECT_EQ(used.load(), 7);
    EXPECT_EQ(other.load(), 0);
    VerificationLogQuery query;
    query.invoice_id = invoice.id;
    EXPECT_EQ(must(book->verification_log(query)).size(), 1u);
}

TEST_F(Verification_, AContestThroughTheLinkHoldsTheInvoice) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    set_policy(client, VerificationPolicyKind::every);
    const auto invoice = submit(client, add_debtor(), {800'00}).at(0);
    const auto [token, link] = link_for(invoice);
    DebtorAnswer contest{false, true, false, true, ""};
    EXPECT_EQ(code_of(book->answer_debtor_link(hash_of(token), contest)), "missing_field");
    contest.reason = "we were billed 800, the order was 600";
    auto answered = must(book->answer_debtor_link(hash_of(token), contest));
    EXPECT_EQ(answered.invoice.verification, Verification::failed);
    EXPECT_EQ(answered.record.outcome, "contested");
    EXPECT_FALSE(answered.record.amount_correct);
    EXPECT_EQ(answered.record.notes, contest.reason);
    EXPECT_EQ(code_of(book->approve_invoices(staff, {{invoice.id}, "override"})), "verification_failed");
}

TEST_F(Verification_, ForgedWrongPurposeAndExpiredLinksAreRefused) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    const auto debtor = add_debtor();
    const auto invoice = submit(client, debtor, {800'00}).at(0);
    const auto [token, link] = link_for(invoice, 3);
    std::string tampered = token;
    tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
    EXPECT_EQ(code_of(book->open_debtor_link(hash_of(tampered), "")), "invalid_link");
    EXPECT_EQ(code_of(book->open_debtor_link("", "")), "invalid_link");
    EXPECT_EQ(code_of(book->answer_debtor_link(hash_of(tampered), confirmation())), "invalid_link");
    EXPECT_EQ(code_of(book->acknowledge_notice_by_link(hash_of(token))), "wrong_link_purpose");

    // The same book three days later: the link has expired, and answering it changes nothing.
    auto later = must(Book::open(url(), std::make_shared<FixedClock>("2026-06-04T09:00:00Z")));
    const auto before = fingerprint();
    EXPECT_EQ(code_of(later->open_debtor_link(hash_of(token), "")), "link_expired");
    EXPECT_EQ(code_of(later->answer_debtor_link(hash_of(token), confirmation())), "link_expired");
    EXPECT_EQ(fingerprint(), before);
    auto earlier = must(Book::open(url(), std::make_shared<FixedClock>("2026-06-04T08:59:59Z")));
    EXPECT_EQ(code_of(earlier->open_debtor_link(hash_of(token), "")), "ok");

    NewDebtorLink bad;
    bad.purpose = "pay_invoice";
    bad.invoice_id = invoice.id;
    bad.token_hash = hash_of("x");
    EXPECT_EQ(code_of(book->issue_debtor_link(staff, bad)), "invalid_purpose");
    bad.purpose = std::string(kLinkVerifyInvoice);
    bad.expires_in_days = 91;
    EXPECT_EQ(code_of(book->issue_debtor_link(staff, bad)), "invalid_days");
}

TEST_F(Verification_, TheLogListsRecordsByClientDebtorInvoiceAndDate) {
    const auto client_a = add_client("flat 2%/30d +1%/15d");
    const auto client_b = add_client("flat 2%/30d +1%/15d");
    const auto debtor = add_debtor();
    const auto a = submit(client_a, debtor, {100'00}).at(0);
    const auto b = submit(client_b, debtor, {200'00}).at(0);
    must(book->record_verification(staff, {a.id, "call", "AP", "no_answer", ""}));
    must(book->record_verification(staff, {b.id, "email", "AP", "confirmed", ""}));
    must(book->record_verification(staff, {a.id, "call", "AP", "confirmed", ""}));
    EXPECT_EQ(must(book->verification_log({})).size(), 3u);
    VerificationLogQuery query;
    query.client_id = client_a.id;
    const auto of_a = must(book->verification_log(query));
    ASSERT_EQ(of_a.size(), 2u);
    EXPECT_EQ(of_a[0].outcome, "no_answer");
    EXPECT_EQ(of_a[1].outcome, "confirmed");
    query = {};
    query.invoice_id = b.id;
    EXPECT_EQ(must(book->verification_log(query)).size(), 1u);
    query = {};
    query.from = date(2026, 6, 2);
    EXPECT_TRUE(must(book->verification_log(query)).empty());
    query.from = date(2026, 6, 1);
    query.to = date(2026, 6, 1);
    EXPECT_EQ(must(book->verification_log(query)).size(), 3u);
    query.to = date(2026, 5, 31);
    EXPECT_EQ(code_of(book->verification_log(query)), "invalid_period");
}

TEST_F(Verification_, NoticesGoFromNotSentToSentToAcknowledged) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    const auto debtor = add_debtor();
    EXPECT_EQ(must(book->notice(client.id, debtor.id)).status(), "not_sent");
    EXPECT_FALSE(must(book->notice_in_place(client.id, debtor.id)));
    EXPECT_EQ(code_of(book->record_notice_sent(staff, client.id, debtor.id, std::nullopt, "pigeon")),
              "invalid_method");
    EXPECT_EQ(code_of(book->record_notice_sent(staff, client.id, debtor.id, date(2026, 6, 2), "mail")),
              "future_date");
    auto sent = must(book->record_notice_sent(staff, client.id, debtor.id, date(2026, 5, 28), "mail"));
    EXPECT_EQ(sent.status(), "sent");
    EXPECT_EQ(sent.sent_on, date(2026, 5, 28));
    EXPECT_TRUE(must(book->notice_in_place(client.id, debtor.id)));
    EXPECT_EQ(code_of(book->record_notice_acknowledged(staff, client.id, debtor.id, date(2026, 5, 27))),
              "invalid_date");
    auto acknowledged = must(book->record_notice_acknowledged(staff, client.id, debtor.id, std::nullopt));
    EXPECT_EQ(acknowledged.status(), "acknowledged");
    EXPECT_EQ(acknowledged.acknowledged_on, date(2026, 6, 1));
    EXPECT_EQ(acknowledged.sent_on, date(2026, 5, 28));
    EXPECT_EQ(acknowledged.updated_by, "test:staff");
    EXPECT_EQ(code_of(book->notice(client.id, 999)), "not_found");
}

TEST_F(Verification_, NoticesListEveryPairWithInvoicesAndTheQueueHoldsFundedPairsWithoutOne) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    const auto debtor_1 = add_debtor();
    const auto debtor_2 = add_debtor();
    const auto debtor_3 = add_debtor();
    fund_one(client, debtor_1, 100'00);
    fund_one(client, debtor_1, 150'00);
    fund_one(client, debtor_2, 200'00);
    submit(client, debtor_3, {300'00});  // not funded: not in the queue
    const auto notices = must(book->notices(client.id));
    ASSERT_EQ(notices.size(), 3u);
    for (const auto& notice : notices)
        EXPECT_EQ(notice.status(), "not_sent");
    auto queue = must(book->noa_queue());
    ASSERT_EQ(queue.size(), 2u);
    EXPECT_EQ(queue[0].debtor_id, debtor_1.id);
    EXPECT_EQ(queue[0].funded_invoices, 2);
    EXPECT_EQ(queue[0].outstanding_face_minor, 250'00);
    EXPECT_EQ(queue[1].debtor_id, debtor_2.id);
    must(book->record_notice_sent(staff, client.id, debtor_1.id, std::nullopt, "email"));
    queue = must(book->noa_queue());
    ASSERT_EQ(queue.size(), 1u);
    EXPECT_EQ(queue[0].debtor_id, debtor_2.id);
}

TEST_F(Verification_, NotificationFactoringRefusesFundingUntilTheNoticeIsSent) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    const auto debtor = add_debtor();
    SettingsChange change;
    change.require_noa_before_funding = true;
    change.remittance_instructions = "Pay to Test Factor, ACH 021000021 account 12345";
    EXPECT_TRUE(must(book->update_settings(staff, change)).require_noa_before_funding);
    const auto invoice = submit(client, debtor, {500'00}).at(0);
    ASSERT_TRUE(must(book->approve_invoices(staff, {{invoice.id}, ""})).at(0).approved);
    const auto before = fingerprint();
    auto refused = book->fund_schedule(staff, invoice.schedule_id);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "noa_required");
    EXPECT_NE(refused.error().message.find(format_id(IdKind::debtor, debtor.id)), std::string::npos);
    EXPECT_EQ(fingerprint(), before);
    must(book->record_notice_sent(staff, client.id, debtor.id, std::nullopt, "email"));
    must(book->fund_schedule(staff, invoice.schedule_id));
    EXPECT_EQ(must(book->invoice(invoice.id)).state, InvoiceState::funded);
    expect_clean();
}

TEST_F(Verification_, ADebtorAcknowledgesTheNoticeThroughItsLink) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    const auto debtor = add_debtor();
    const std::string token = new_token();
    NewDebtorLink input;
    input.purpose = std::string(kLinkAcknowledgeNoa);
    input.client_id = client.id;
    input.debtor_id = debtor.id;
    input.token_hash = hash_of(token);
    const auto link = must(book->issue_debtor_link(staff, input));
    const auto view = must(book->open_debtor_link(hash_of(token), ""));
    EXPECT_FALSE(view.invoice.has_value());
    EXPECT_EQ(view.notice.status(), "not_sent");
    EXPECT_EQ(code_of(book->answer_debtor_link(hash_of(token), confirmation())), "wrong_link_purpose");
    const auto notice = must(book->acknowledge_notice_by_link(hash_of(token)));
    EXPECT_EQ(notice.status(), "acknowledged");
    EXPECT_TRUE(notice.in_place());
    EXPECT_EQ(notice.updated_by, "debtor:" + format_id(IdKind::debtor, debtor.id) + "/" +
                                     format_id(IdKind::debtor_link, link.id));
    EXPECT_EQ(code_of(book->acknowledge_notice_by_link(hash_of(token))), "link_used");
}

}  // namespace
}  // namespace mf::testing
