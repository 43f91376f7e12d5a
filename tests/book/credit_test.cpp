// Debtor credit: the payment-history score with its exact figures, bureau imports (all or nothing), the
// suggested limit, and credit reviews gating funding. Runs on SQLite and, with MF_TEST_PG_URL, PostgreSQL.
#include <gtest/gtest.h>

#include "book/fixture.hpp"
#include "core/ids.hpp"

namespace mf::testing {
namespace {

class Credit : public BookTest {
  public:
    // Closes business days until the business date is `day`.
    void advance_to(Date day) {
        while (book->settings().value().business_date < day) {
            auto closed = book->close_day(staff, std::nullopt);
            ASSERT_TRUE(closed) << closed.error().message;
        }
        ASSERT_EQ(book->settings().value().business_date, day);
    }

    void pay(const Invoice& invoice, int64_t amount, bool close_short = false) {
        NewReceipt receipt;
        receipt.amount = Money{amount, usd()};
        receipt.received_on = book->settings().value().business_date;
        receipt.payer = "debtor";
        receipt.reference = invoice.number;
        receipt.applications = {{invoice.id, amount, close_short, false}};
        auto recorded = book->record_receipt(staff, receipt);
        ASSERT_TRUE(recorded) << recorded.error().message;
    }

    // Five invoices of 1,000.00 issued 2026-06-01, due 2026-07-01, funded that day; by 2026-07-31 one was
    // paid on day 25 as a short pay of 900.00 (100.00 diluted), one on the due date, one 12 days late, one
    // disputed then paid 30 days late, and one is still open 30 days past due.
    Debtor build_history() {
        const auto client = add_client("flat 2%/30d +1%/15d");
        const auto debtor = add_debtor();
        std::vector<Invoice> invoices;
        for (int i = 0; i < 5; ++i)
            invoices.push_back(fund_one(client, debtor, 1000'00));
        advance_to(date(2026, 6, 26));
        pay(invoices[0], 900'00, true);
        advance_to(date(2026, 7, 1));
        pay(invoices[1], 1000'00);
        advance_to(date(2026, 7, 13));
        pay(invoices[2], 1000'00);
        EXPECT_TRUE(book->dispute(staff, invoices[3].id, "goods damaged"));
        EXPECT_TRUE(
            book->resolve_dispute(staff, invoices[3].id, DisputeOutcome::upheld_for_client, "resolved"));
        advance_to(date(2026, 7, 31));
        pay(invoices[3], 1000'00);
        return debtor;
    }
};

TEST_F(Credit, TheHistoryScoreComesFromTheBooksOwnInvoices) {
    const auto debtor = build_history();
    const auto credit = must(book->debtor_credit(debtor.id));
    const auto& s = credit.stats;
    EXPECT_EQ(credit.as_of, date(2026, 7, 31));
    EXPECT_EQ(s.funded_count, 5);
    EXPECT_EQ(s.funded_face_minor, 5000'00);
    EXPECT_EQ(s.diluted_minor, 100'00);
    EXPECT_EQ(s.paid_count, 4);
    EXPECT_EQ(s.days_to_pay_sum, 25 + 30 + 42 + 60);
    EXPECT_EQ(s.paid_late_count, 2);
    EXPECT_EQ(s.paid_days_late_sum, 12 + 30);
    EXPECT_EQ(s.open_past_due_count, 1);
    EXPECT_EQ(s.open_days_past_due_sum, 30);
    EXPECT_EQ(s.loss_count, 0);
    EXPECT_EQ(s.disputed_count, 1);
    EXPECT_EQ(s.recent_funded_face_minor, 5000'00);
    EXPECT_EQ(s.open_outstanding_minor, 1000'00);

    const auto& k = credit.score;
    EXPECT_EQ(k.observed_count, 5);
    EXPECT_EQ(k.late_count, 3);
    EXPECT_EQ(k.avg_days_to_pay, 39);        // 157 / 4
    EXPECT_EQ(k.avg_days_beyond_terms, 14);  // 72 / 5
    EXPECT_EQ(k.late_share_ppm, 600'000);
    EXPECT_EQ(k.dispute_share_ppm, 200'000);
    EXPECT_EQ(k.dilution_ppm, 20'000);
    EXPECT_EQ(k.beyond_terms_penalty, 14);
    EXPECT_EQ(k.late_share_penalty, 15);
    EXPECT_EQ(k.slow_pay_penalty, 0);
    EXPECT_EQ(k.dispute_penalty, 15);
    EXPECT_EQ(k.dilution_penalty, 6);
    EXPECT_EQ(k.history_score, 50);
    EXPECT_EQ(k.bureau_score, std::nullopt);
    EXPECT_EQ(k.score, 50);
    EXPECT_EQ(k.grade, 'C');
    EXPECT_EQ(k.exposure_basis_minor, 1083'33);  // 5,000.00 x 39 / 180
    EXPECT_EQ(k.limit_multiplier_pct, 50);
    EXPECT_EQ(k.suggested_limit_minor, 2500'00);  // the C starter limit beats 541.66
    EXPECT_EQ(credit.standing, ReviewStanding::none);

    // Every debtor at once gives the same figures (one aggregate pass); a debtor with nothing funded has
    // none.
    const auto other = add_debtor();
    const auto all = must(book->debtor_credits());
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].debtor.id, debtor.id);
    EXPECT_EQ(all[0].score.score, 50);
    EXPECT_EQ(all[0].stats.days_to_pay_sum, 157);
    EXPECT_EQ(all[0].stats.disputed_count, 1);
    EXPECT_EQ(all[1].debtor.id, other.id);
    EXPECT_EQ(all[1].stats.funded_count, 0);
    EXPECT_EQ(all[1].score.score, std::nullopt);
    EXPECT_EQ(all[1].score.suggested_limit_minor, std::nullopt);
}

TEST_F(Credit, BureauScoresBlendWithTheHistoryAndRaiseTheSuggestedLimit) {
    const auto debtor = build_history();
    const std::string id = format_id(IdKind::debtor, debtor.id);
    const std::string csv = "debtor_id,bureau,score,as_of,reference\n" + id + ",dnb,40,2026-01-01,old\n" +
                            id + ",DNB,82,2026-07-15,R-1\n" + id + ",experian,70,2026-06-30,\n" + id +
                            ",creditsafe,30,2025-06-01,\n";
    const auto imported = must(book->import_bureau_scores(staff, csv, "scores.csv"));
    EXPECT_EQ(imported.imported.size(), 4u);
    EXPECT_EQ(imported.imported[1].bureau, "dnb");  // names are lower-cased

    const auto credit = must(book->debtor_credit(debtor.id));
    const auto& k = credit.score;
    ASSERT_EQ(credit.bureau_used.size(), 2u);  // dnb 82 and experian 70; creditsafe is 425 days old
    EXPECT_EQ(k.bureau_score, 76);
    EXPECT_EQ(k.history_weight_pct, 15);  // 3% x 5 observed invoices
    EXPECT_EQ(k.score, 72);               // (50 x 15 + 76 x 85) / 100
    EXPECT_EQ(k.grade, 'B');
    EXPECT_EQ(k.limit_multiplier_pct, 100);
    EXPECT_EQ(k.suggested_limit_minor, 10'000'00);  // the B starter limit beats 1,083.33

    const auto report = must(book->debtor_credit_report(debtor.id));
    ASSERT_EQ(report.bureau_scores.size(), 4u);
    // Ordered by bureau, newest first: creditsafe, dnb 2026-07-15, dnb 2026-01-01, experian.
    EXPECT_EQ(report.bureau_notes, (std::vector<std::string>{"stale: older than 365 days", "used",
                                                             "superseded by a later score of dnb", "used"}));
}

TEST_F(Credit, ABureauFileWithBadRowsIsRefusedWholeNamingEachRow) {
    const auto debtor = add_debtor();
    const std::string id = format_id(IdKind::debtor, debtor.id);
    const std::string csv = "debtor_id,bureau,score,as_of\n" + id + ",dnb,80,2026-05-01\n" + id +
                            ",dnb,120,2026-05-01\n" + "dbt_99,dnb,50,2026-05-01\n" + id +
                            ",experian,60,2026-07-01\n" + id + ",dnb,80,2026-05-01\n";
    const auto before = fingerprint();
    auto refused = book->import_bureau_scores(staff, csv, "bad.csv");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "file_rejected");
    const std::string& message = refused.error().message;
    EXPECT_NE(message.find("4 of 5 rows rejected, nothing imported"), std::string::npos) << message;
    EXPECT_NE(message.find("line 3: score 120 is outside 0 to 100"), std::string::npos) << message;
    EXPECT_NE(message.find("line 4: no debtor dbt_99"), std::string::npos) << message;
    EXPECT_NE(message.find("line 5: as_of 2026-07-01 is after the business date 2026-06-01"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("line 6: an earlier row has the same debtor, bureau and as_of"), std::string::npos)
        << message;
    EXPECT_EQ(fingerprint(), before);
    EXPECT_TRUE(must(book->debtor_credit_report(debtor.id)).bureau_scores.empty());

    auto unknown_column = book->import_bureau_scores(staff, "debtor_id,bureau,scroe,as_of\n", "x.csv");
    ASSERT_FALSE(unknown_column);
    EXPECT_NE(unknown_column.error().message.find("unknown column 'scroe'"), std::string::npos);

    // The good row alone imports; importing it again is refused as already in the book.
    const std::string good = "tax_id,debtor_id,bureau,score,as_of\n," + id + ",dnb,80,2026-05-01\n";
    ASSERT_TRUE(book->import_bureau_scores(staff, good, "good.csv"));
    auto again = book->import_bureau_scores(staff, good, "good.csv");
    ASSERT_FALSE(again);
    EXPECT_NE(again.error().message.find("already holds a dnb score"), std::string::npos)
        << again.error().message;
}

TEST_F(Credit, FundingNeedsACurrentReviewWhenTheBookRequiresIt) {
    const auto client = add_client("flat 2%/30d +1%/15d");
    const auto debtor = add_debtor();
    SettingsChange on;
    on.require_credit_review = true;
    ASSERT_TRUE(book->update_settings(staff, on));

    auto submit_and_approve = [&](const std::string& number) {
        const auto today = book->settings().value().business_date;
        auto view = must(book->submit_schedule(
            staff, {client.id, {{debtor.id, number, 500'00, usd(), today, today.plus_days(30)}}}));
        EXPECT_TRUE(must(book->approve_invoices(staff, {{view.invoices.at(0).id}, ""})).at(0).approved);
        return view.schedule.id;
    };

    const int64_t first = submit_and_approve("R-1");
    const auto before = fingerprint();
    auto refused = book->fund_schedule(staff, first);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "credit_review_required");
    EXPECT_NE(refused.error().message.find("has no credit review"), std::string::npos);
    EXPECT_EQ(fingerprint(), before);

    NewCreditReview review;
    review.debtor_id = debtor.id;
    review.limit_minor = 50'000'00;
    review.notes = "pays well, references checked";
    review.expires_on = date(2026, 6, 5);
    const auto recorded = must(book->review_debtor(staff, review));
    EXPECT_EQ(recorded.reviewer, "test:staff");
    EXPECT_EQ(recorded.reviewed_on, date(2026, 6, 1));
    EXPECT_EQ(recorded.score, std::nullopt);  // nothing to score yet
    EXPECT_EQ(must(book->debtor(debtor.id)).credit_limit_minor, 50'000'00);
    ASSERT_TRUE(book->fund_schedule(staff, first));

    // The review holds through 2026-06-05 (a Friday); on Monday it has expired.
    advance_to(date(2026, 6, 8));
    const int64_t second = submit_and_approve("R-2");
    auto expired = book->fund_schedule(staff, second);
    ASSERT_FALSE(expired);
    EXPECT_EQ(expired.error().code, "credit_review_required");
    EXPECT_NE(expired.error().message.find("expired on 2026-06-05"), std::string::npos)
        << expired.error().message;
    EXPECT_EQ(must(book->debtor_credit(debtor.id)).standing, ReviewStanding::expired);

    // A declined review refuses too, and sets the limit to 0.
    NewCreditReview decline;
    decline.debtor_id = debtor.id;
    decline.decision = CreditDecision::declined;
    decline.notes = "stopped paying other factors";
    ASSERT_TRUE(book->review_debtor(staff, decline));
    EXPECT_EQ(must(book->debtor(debtor.id)).credit_limit_minor, 0);
    auto declined = book->fund_schedule(staff, second);
    ASSERT_FALSE(declined);
    EXPECT_NE(declined.error().message.find("declined"), std::string::npos);

    // A fresh approval (the suggested limit by default: one paid-nothing invoice is a thin file, no score)
    // needs a limit; with one, funding goes through. Turning the requirement off needs none.
    review.expires_on = std::nullopt;
    review.limit_minor = std::nullopt;
    auto no_limit = book->review_debtor(staff, review);
    ASSERT_FALSE(no_limit);
    EXPECT_EQ(no_limit.error().field, "limit");
    review.limit_minor = 20'000'00;
    const auto fresh = must(book->review_debtor(staff, review));
    EXPECT_EQ(fresh.expires_on, date(2026, 6, 8).plus_days(180));
    ASSERT_TRUE(book->fund_schedule(staff, second));
    EXPECT_EQ(must(book->credit_reviews(debtor.id)).size(), 3u);

    const auto events = book->store().read([&](Transaction& tx) -> Status {
        auto audit = tx.audit_of("debtor", debtor.id);
        EXPECT_TRUE(audit);
        int reviews = 0;
        for (const auto& event : audit.value()) {
            if (event.action == "debtor.credit_review") {
                ++reviews;
                EXPECT_EQ(event.actor, "test:staff");
            }
        }
        EXPECT_EQ(reviews, 3);
        return ok();
    });
    EXPECT_TRUE(events);
}

TEST_F(Credit, AReviewRefusesBadInput) {
    const auto debtor = add_debtor();
    NewCreditReview review;
    review.debtor_id = debtor.id;
    review.limit_minor = 1000'00;
    EXPECT_EQ(book->review_debtor(staff, review).error().field, "notes");
    review.notes = "ok";
    review.expires_on = date(2026, 6, 1);
    EXPECT_EQ(book->review_debtor(staff, review).error().field, "expires_on");
    review.expires_on = date(2028, 6, 2);  // 732 days
    EXPECT_EQ(book->review_debtor(staff, review).error().field, "expires_on");
    review.expires_on = std::nullopt;
    review.decision = CreditDecision::declined;
    EXPECT_EQ(book->review_debtor(staff, review).error().field, "limit");
    review.debtor_id = 999;
    review.limit_minor = std::nullopt;
    EXPECT_EQ(book->review_debtor(staff, review).error().code, "not_found");
}

// ---- onboarding ----

ApplicationInput complete_application() {
    ApplicationInput input;
    input.legal_name = "Harbor Freight Lines LLC";
    input.currency = usd();
    input.tax_id = "12-3456789";
    input.registration_id = "DE-7781234";
    input.owners = "Ann Lee 60%; Bo Park 40%";
    input.addresses = "1 Dock St, Oakland CA 94607";
    input.email = "ap@harbor.example";
    return input;
}

TEST_F(Credit, AnApplicationIsApprovedIntoAClientWithItsHistoryInTheAuditTrail) {
    ApplicationInput missing = complete_application();
    missing.tax_id = std::nullopt;
    auto refused = book->add_application(staff, missing);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "tax_id");

    const Actor clerk{"test:clerk"};
    const Actor underwriter{"test:underwriter"};
    auto application = must(book->add_application(clerk, complete_application()));
    EXPECT_EQ(application.status, ApplicationStatus::open);
    EXPECT_EQ(application.kyc_status, KycStatus::pending);

    ApplicationApproval approval;
    approval.terms.fee_schedule = parse_fee_schedule("flat 2%/30d +1%/15d", usd()).value();
    approval.terms.factoring_limit_minor = 75'000'00;
    approval.terms.advance_rate_ppm = 850'000;
    auto incomplete = book->approve_application(underwriter, application.id, approval);
    ASSERT_FALSE(incomplete);
    EXPECT_EQ(incomplete.error().code, "application_incomplete");
    EXPECT_NE(
        incomplete.error().message.find("KYC has not passed (kyc_status pending); no payout bank account; "
                                        "no documents received; no UCC filing (reference and date)"),
        std::string::npos)
        << incomplete.error().message;

    ApplicationInput bad_account;
    bad_account.payout_account.routing_number = "123456789";  // wrong check digit
    bad_account.payout_account.account_number = "000123";
    EXPECT_FALSE(book->update_application(clerk, application.id, bad_account));
    ApplicationInput future_ucc;
    future_ucc.ucc_filed_on = std::optional<Date>(date(2026, 6, 2));
    EXPECT_EQ(book->update_application(clerk, application.id, future_ucc).error().field, "ucc_filed_on");

    ApplicationInput change;
    change.kyc_status = KycStatus::passed;
    change.documents = "articles; W-9; bank letter";
    change.ucc_filing_ref = "CA-2026-0012345";
    change.ucc_filed_on = std::optional<Date>(date(2026, 5, 28));
    change.payout_account.routing_number = "021000021";
    change.payout_account.account_number = "000123456789";
    application = must(book->update_application(clerk, application.id, change));
    EXPECT_EQ(application.version, 1);
    ApplicationInput stale;
    stale.expected_version = 0;
    stale.email = "x@y.example";
    EXPECT_EQ(book->update_application(clerk, application.id, stale).error().code, "precondition_failed");

    const auto decision = must(book->approve_application(underwriter, application.id, approval));
    ASSERT_TRUE(decision.client);
    const Client client = must(book->client(decision.client->id));
    EXPECT_EQ(client.name, "Harbor Freight Lines LLC");
    EXPECT_EQ(client.tax_id, "12-3456789");
    EXPECT_EQ(client.terms.factoring_limit_minor, 75'000'00);
    EXPECT_EQ(client.terms.advance_rate_ppm, 850'000);
    EXPECT_EQ(client.payout_account.routing_number, "021000021");
    EXPECT_EQ(decision.application.status, ApplicationStatus::approved);
    EXPECT_EQ(decision.application.client_id, client.id);
    EXPECT_EQ(decision.application.decided_by, "test:underwriter");

    // Decided applications do not change; the history names who did what.
    ApplicationInput late;
    late.email = "late@harbor.example";
    EXPECT_EQ(book->update_application(clerk, application.id, late).error().code, "invalid_transition");
    EXPECT_EQ(book->decline_application(underwriter, application.id, "no").error().code,
              "invalid_transition");
    const auto history = must(book->application_history(application.id));
    ASSERT_EQ(history.size(), 3u);
    EXPECT_EQ(history[0].action, "application.add");
    EXPECT_EQ(history[0].actor, "test:clerk");
    EXPECT_EQ(history[1].action, "application.update");
    EXPECT_EQ(history[1].detail,
              "changed documents, ucc_filing_ref, ucc_filed_on, kyc_status pending -> passed, "
              "payout_account");
    EXPECT_EQ(history[1].detail.find("000123456789"), std::string::npos);  // never the account number
    EXPECT_EQ(history[2].action, "application.approve");
    EXPECT_EQ(history[2].actor, "test:underwriter");
}

TEST_F(Credit, AnApplicationIsDeclinedWithAReason) {
    const auto application = must(book->add_application(staff, complete_application()));
    EXPECT_EQ(book->decline_application(staff, application.id, "").error().field, "reason");
    const auto declined = must(book->decline_application(staff, application.id, "owner on a sanctions list"));
    EXPECT_EQ(declined.status, ApplicationStatus::declined);
    EXPECT_EQ(declined.decision_reason, "owner on a sanctions list");
    EXPECT_EQ(declined.client_id, 0);
    EXPECT_TRUE(must(book->clients()).empty());
    const auto history = must(book->application_history(application.id));
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[1].reason, "owner on a sanctions list");
    EXPECT_EQ(must(book->applications()).size(), 1u);
    EXPECT_EQ(book->application(99).error().code, "not_found");
}

}  // namespace
}  // namespace mf::testing
