// Auto-approval: a schedule whose every rule passes is approved and funded at submission with no person (a
// pending payout the next payout file pays); each rule that fails stops it, is named in the decision and its
// audit event, and changes no money. Runs on SQLite and, with MF_TEST_PG_URL, PostgreSQL.
#include <gtest/gtest.h>

#include <functional>

#include "book/fixture.hpp"
#include "core/ids.hpp"
#include "support/payout_fixtures.hpp"

namespace mf::testing {
namespace {

class AutoApproval : public BookTest {
  public:
    void SetUp() override {
        BookTest::SetUp();
        must(book->update_settings(staff, test::sample_originator_settings()));
    }

    // The book's rules on: invoices up to 5,000.00, schedules up to 20,000.00.
    void turn_on() {
        AutoApprovalChange change;
        change.mode = AutoApprovalMode::on;
        change.invoice_max_minor = std::optional<int64_t>(5'000'00);
        change.schedule_max_minor = std::optional<int64_t>(20'000'00);
        must(book->set_auto_approval(staff, change));
    }

    // A client with an ACH account to pay and a debtor with a current approved review.
    Client ready_client() {
        Client client = add_client("flat 2%/30d +1%/15d");
        ClientChange change;
        change.payout_account.routing_number = "021000021";
        change.payout_account.account_number = "000123456789";
        return must(book->update_client(staff, client.id, change));
    }
    Debtor reviewed_debtor(int64_t limit_minor = 100'000'00) {
        Debtor debtor = add_debtor();
        NewCreditReview review;
        review.debtor_id = debtor.id;
        review.limit_minor = limit_minor;
        review.notes = "trade references good";
        must(book->review_debtor(staff, review));
        return must(book->debtor(debtor.id));
    }

    NewSchedule schedule_of(const Client& client, const Debtor& debtor, std::vector<int64_t> faces) {
        const Date today = book->settings().value().business_date;
        NewSchedule schedule{client.id, {}};
        for (const int64_t face : faces) {
            schedule.invoices.push_back({debtor.id, "AA-" + std::to_string(++invoices_made), face, usd(),
                                         today, today.plus_days(30)});
        }
        return schedule;
    }

    std::vector<AuditEvent> schedule_audit(int64_t schedule_id) {
        std::vector<AuditEvent> events;
        EXPECT_TRUE(book->store().read([&](Transaction& tx) -> Status {
            MF_TRY(events, tx.audit_of("schedule", schedule_id));
            return ok();
        }));
        return events;
    }

    std::vector<int64_t> unbalanced() {
        std::vector<int64_t> out;
        EXPECT_TRUE(book->store().read([&](Transaction& tx) -> Status {
            MF_TRY(out, tx.unbalanced_entries());
            return ok();
        }));
        return out;
    }
};

const std::vector<std::string> kRulesInOrder{"enabled",
                                             "invoices_undecided",
                                             "client_active",
                                             "invoice_threshold",
                                             "schedule_threshold",
                                             "credit_review",
                                             "verification",
                                             "notice",
                                             "no_hold",
                                             "payout_account",
                                             "limits",
                                             "fraud",
                                             "funding"};

TEST_F(AutoApproval, IsOffForANewBookAndSubmissionThenDecidesNothing) {
    const auto settings = must(book->auto_approval_settings(std::nullopt));
    EXPECT_EQ(settings.book.mode, AutoApprovalMode::off);
    EXPECT_FALSE(settings.book.invoice_max_minor);
    const auto view =
        must(book->submit_schedule(staff, schedule_of(ready_client(), reviewed_debtor(), {100'00})));
    EXPECT_FALSE(view.auto_approval);
    EXPECT_EQ(view.invoices.at(0).state, InvoiceState::submitted);
    EXPECT_TRUE(must(book->auto_approval_decisions(view.schedule.id)).empty());
}

TEST_F(AutoApproval, WhenEveryRulePassesTheScheduleIsApprovedFundedAndInTheNextPayoutFile) {
    turn_on();
    const Client client = ready_client();
    const Debtor debtor = reviewed_debtor();
    const auto view =
        must(book->submit_schedule(staff, schedule_of(client, debtor, {1'000'00, 2'500'00, 400'00})));

    ASSERT_TRUE(view.auto_approval);
    const auto& decision = *view.auto_approval;
    EXPECT_TRUE(decision.approved) << decision.failures();
    EXPECT_EQ(decision.failed_rule, "");
    EXPECT_EQ(decision.trigger, AutoApprovalTrigger::submission);
    EXPECT_EQ(decision.requested_by, staff.name);
    std::vector<std::string> rules;
    for (const auto& check : decision.checks) {
        rules.push_back(check.rule);
        EXPECT_TRUE(check.passed) << check.rule << ": " << check.detail;
    }
    EXPECT_EQ(rules, kRulesInOrder);
    EXPECT_EQ(view.schedule.state, ScheduleState::funded);
    for (const auto& invoice : view.invoices)
        EXPECT_EQ(invoice.state, InvoiceState::funded) << invoice.number;

    // One pending payout of the advances (90% of 3,900.00), made by the auto-approver.
    const auto payouts = must(book->payouts(client.id));
    ASSERT_EQ(payouts.size(), 1u);
    EXPECT_EQ(payouts[0].id, decision.payout_id);
    EXPECT_EQ(payouts[0].amount_minor, 3'510'00);
    EXPECT_EQ(payouts[0].status, PayoutStatus::pending);
    EXPECT_TRUE(unbalanced().empty());
    expect_clean();

    // The decision is stored, and its audit event lists every rule.
    const auto stored = must(book->auto_approval_decisions(view.schedule.id));
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].checks.size(), kRulesInOrder.size());
    EXPECT_EQ(stored[0].payout_id, decision.payout_id);
    const auto events = schedule_audit(view.schedule.id);
    const auto approved = std::find_if(events.begin(), events.end(), [](const AuditEvent& e) {
        return e.action == "schedule.auto_approve";
    });
    ASSERT_NE(approved, events.end());
    EXPECT_EQ(approved->actor, "system:auto-approval");
    for (const auto& rule : kRulesInOrder)
        EXPECT_NE(approved->detail.find(rule), std::string::npos)
            << rule << " missing from " << approved->detail;
    const auto history = must(book->invoice_history(view.invoices[0].id));
    EXPECT_TRUE(std::any_of(history.events.begin(), history.events.end(), [](const AuditEvent& e) {
        return e.action == "invoice.fund" && e.actor == "system:auto-approval";
    }));

    // The next payout file pays it with no one choosing it.
    const auto file = must(book->create_payout_file(staff, PayoutFileRequest{PayoutFileFormat::nacha, {}}));
    EXPECT_EQ(file.payout_count, 1);
    EXPECT_EQ(file.total_minor, 3'510'00);
}

// Each rule, broken alone on an otherwise ready schedule, stops it: the decision names it, the audit event
// says so, and nothing of money changes.
TEST_F(AutoApproval, EachFailingRuleStopsTheScheduleAndIsNamed) {
    turn_on();
    struct Case {
        std::string rule;
        std::function<NewSchedule()> arrange;
        std::function<void(const ScheduleView&)> after_submit = nullptr;
    };
    // A client suspended after it submitted: submission refuses a suspended client's invoices, so the rules
    // are off for it while it submits.
    const auto override_of = [&](int64_t client_id, AutoApprovalMode mode) {
        AutoApprovalChange change;
        change.client_id = client_id;
        change.mode = mode;
        must(book->set_auto_approval(staff, change));
    };
    const std::vector<Case> cases{
        {"enabled",
         [&] {
             const Client client = ready_client();
             override_of(client.id, AutoApprovalMode::off);
             return schedule_of(client, reviewed_debtor(), {100'00});
         }},
        {"client_active",
         [&] {
             const Client client = ready_client();
             override_of(client.id, AutoApprovalMode::off);
             return schedule_of(client, reviewed_debtor(), {100'00});
         },
         [&](const ScheduleView& view) {
             ClientChange change;
             change.status = ClientStatus::suspended;
             must(book->update_client(staff, view.schedule.client_id, change));
             override_of(view.schedule.client_id, AutoApprovalMode::inherit);
         }},
        {"invoice_threshold", [&] { return schedule_of(ready_client(), reviewed_debtor(), {5'000'01}); }},
        {"schedule_threshold",
         [&] {
             return schedule_of(ready_client(), reviewed_debtor(),
                                {5'000'00, 5'000'00, 5'000'00, 5'000'00, 1});
         }},
        {"credit_review", [&] { return schedule_of(ready_client(), add_debtor(), {100'00}); }},
        {"verification",
         [&] {
             const Client client = ready_client();
             VerificationPolicy policy;
             policy.client_id = client.id;
             policy.kind = VerificationPolicyKind::every;
             must(book->set_verification_policy(staff, policy));
             return schedule_of(client, reviewed_debtor(), {100'00});
         }},
        {"no_hold",
         [&] {
             auto schedule = schedule_of(ready_client(), reviewed_debtor(), {100'00});
             schedule.invoices[0].review_reasons = "outlier_amount";
             return schedule;
         }},
        {"payout_account",
         [&] { return schedule_of(add_client("flat 2%/30d +1%/15d"), reviewed_debtor(), {100'00}); }},
        // The review's limit is the debtor's credit limit: 150.00 against two invoices of 100.00.
        {"limits",
         [&] {
             return schedule_of(ready_client(), reviewed_debtor(150'00), {100'00, 100'00});
         }},
        {"fraud",
         [&] {
             Client client = ready_client();
             ClientChange change;
             change.tax_id = "98-7654321";
             client = must(book->update_client(staff, client.id, change));
             Debtor debtor = reviewed_debtor();
             DebtorChange same;
             same.tax_id = "98-7654321";
             must(book->update_debtor(staff, debtor.id, same));
             return schedule_of(client, debtor, {100'00});
         }},
    };
    for (const auto& test_case : cases) {
        SCOPED_TRACE(test_case.rule);
        const NewSchedule schedule = test_case.arrange();
        const auto view = must(book->submit_schedule(staff, schedule));
        if (test_case.after_submit)
            test_case.after_submit(view);
        const std::string before = fingerprint();
        // Submission decides when the rules are on for the client; a re-run decides in every case.
        const auto decision = must(book->auto_approve_schedule(staff, view.schedule.id));
        EXPECT_FALSE(decision.approved);
        EXPECT_EQ(decision.failed_rule, test_case.rule) << decision.failures();
        EXPECT_EQ(decision.trigger, AutoApprovalTrigger::rerun);
        EXPECT_EQ(decision.payout_id, 0);
        size_t failed = 0;
        for (const auto& check : decision.checks)
            failed += !check.passed;
        EXPECT_EQ(failed, 1u) << decision.failures();
        EXPECT_EQ(fingerprint().substr(0, before.find(" audit")), before.substr(0, before.find(" audit")))
            << "a waiting schedule moved money";
        for (const auto& invoice : must(book->schedule(view.schedule.id)).invoices)
            EXPECT_EQ(invoice.state, InvoiceState::submitted);
        const auto events = schedule_audit(view.schedule.id);
        ASSERT_FALSE(events.empty());
        EXPECT_EQ(events.back().action, "schedule.auto_approval_waiting");
        EXPECT_NE(events.back().detail.find(test_case.rule + ": "), std::string::npos)
            << events.back().detail;
    }
    EXPECT_TRUE(unbalanced().empty());
    expect_clean();
}

TEST_F(AutoApproval, TheNoticeRuleFollowsTheBookSetting) {
    turn_on();
    SettingsChange notification;
    notification.require_noa_before_funding = true;
    must(book->update_settings(staff, notification));
    const Client client = ready_client();
    const Debtor debtor = reviewed_debtor();
    const auto waiting = must(book->submit_schedule(staff, schedule_of(client, debtor, {100'00})));
    ASSERT_TRUE(waiting.auto_approval);
    EXPECT_EQ(waiting.auto_approval->failed_rule, "notice");
    must(book->record_notice_sent(staff, client.id, debtor.id, std::nullopt, "mail"));
    EXPECT_TRUE(must(book->auto_approve_schedule(staff, waiting.schedule.id)).approved);
}

TEST_F(AutoApproval, AScheduleThatWaitedForAReviewIsApprovedByARerun) {
    turn_on();
    const Client client = ready_client();
    const Debtor debtor = add_debtor();
    const auto view = must(book->submit_schedule(staff, schedule_of(client, debtor, {700'00})));
    ASSERT_TRUE(view.auto_approval);
    EXPECT_EQ(view.auto_approval->failed_rule, "credit_review");
    EXPECT_EQ(view.schedule.state, ScheduleState::open);

    NewCreditReview review;
    review.debtor_id = debtor.id;
    review.limit_minor = 10'000'00;
    review.notes = "bureau clean";
    must(book->review_debtor(staff, review));
    const auto decision = must(book->auto_approve_schedule(staff, view.schedule.id));
    EXPECT_TRUE(decision.approved) << decision.failures();
    EXPECT_EQ(must(book->schedule(view.schedule.id)).schedule.state, ScheduleState::funded);
    EXPECT_EQ(must(book->auto_approval_decisions(view.schedule.id)).size(), 2u);

    // A funded schedule has nothing left to decide: refused, nothing recorded.
    const auto again = book->auto_approve_schedule(staff, view.schedule.id);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, "invalid_transition");
    EXPECT_EQ(must(book->auto_approval_decisions(view.schedule.id)).size(), 2u);
    expect_clean();
}

TEST_F(AutoApproval, AClientOverrideWinsOverTheBook) {
    // The book off, one client on with its own thresholds: a pilot.
    const Client client = ready_client();
    AutoApprovalChange pilot;
    pilot.client_id = client.id;
    pilot.mode = AutoApprovalMode::on;
    pilot.invoice_max_minor = std::optional<int64_t>(300'00);
    pilot.schedule_max_minor = std::optional<int64_t>(600'00);
    const auto settings = must(book->set_auto_approval(staff, pilot));
    ASSERT_TRUE(settings.effective);
    EXPECT_TRUE(settings.effective->enabled);
    EXPECT_EQ(settings.effective->enabled_by, "client");
    EXPECT_EQ(settings.effective->invoice_max_minor, 300'00);

    const Debtor debtor = reviewed_debtor();
    EXPECT_TRUE(must(book->submit_schedule(staff, schedule_of(client, debtor, {300'00, 300'00})))
                    .auto_approval->approved);
    const auto over = must(book->submit_schedule(staff, schedule_of(client, debtor, {300'01})));
    EXPECT_EQ(over.auto_approval->failed_rule, "invoice_threshold");
    // Another client follows the book: off, so its submission decides nothing.
    EXPECT_FALSE(
        must(book->submit_schedule(staff, schedule_of(ready_client(), debtor, {100'00}))).auto_approval);
}

TEST_F(AutoApproval, BadRulesAreRefusedAndChangeNothing) {
    AutoApprovalChange inherit;
    inherit.mode = AutoApprovalMode::inherit;
    auto refused = book->set_auto_approval(staff, inherit);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "invalid_mode");
    AutoApprovalChange negative;
    negative.invoice_max_minor = std::optional<int64_t>(-1);
    refused = book->set_auto_approval(staff, negative);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "invalid_amount");
    AutoApprovalChange unknown;
    unknown.client_id = 999;
    refused = book->set_auto_approval(staff, unknown);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "not_found");
    EXPECT_EQ(must(book->auto_approval_settings(std::nullopt)).book.mode, AutoApprovalMode::off);
}

}  // namespace
}  // namespace mf::testing
