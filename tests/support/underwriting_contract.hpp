// The store contract of underwriting records (store.hpp), written once and run by the suites of both stores
// (tests/store for SQLite, tests/store_pg for PostgreSQL): client applications round trip with optimistic
// versions, credit reviews and bureau scores come back in their documented order with optional figures
// kept apart from zero. Each function expects a new, empty book. Thread-safety: one test thread.
#pragma once

#include "support/store_contract.hpp"

namespace mf::testing::contract {

inline ClientApplication sample_application() {
    ClientApplication a;
    a.legal_name = "Harbor Freight Lines LLC";
    a.registration_id = "DE-7781234";
    a.tax_id = "12-3456789";
    a.currency = dollars();
    a.owners = "Ann Lee 60%; Bo Park 40%";
    a.addresses = "1 Dock St";
    a.payout_account.routing_number = "021000021";
    a.payout_account.account_number = "000123456789";
    a.payout_account.account_type = AchAccountType::savings;
    a.ucc_filed_on = Date::from_ymd(2026, 5, 28).value();
    a.kyc_status = KycStatus::passed;
    a.created_at = "2026-06-01T09:00:00Z";
    return a;
}

inline void applications_round_trip_and_a_stale_version_is_a_conflict(Store& store) {
    int64_t id = 0;
    expect_done(store.write([&](Transaction& tx) -> Status {
        MF_TRY(id, tx.insert_client_application(sample_application()));
        return ok();
    }));
    expect_done(store.read([&](Transaction& tx) -> Status {
        MF_TRY(auto found, tx.find_client_application(id));
        EXPECT_TRUE(found);
        if (!found)
            return ok();
        EXPECT_EQ(found->legal_name, "Harbor Freight Lines LLC");
        EXPECT_EQ(found->currency, dollars());
        EXPECT_EQ(found->payout_account.account_type, AchAccountType::savings);
        EXPECT_EQ(found->payout_account.account_number, "000123456789");
        EXPECT_EQ(found->ucc_filed_on, Date::from_ymd(2026, 5, 28).value());
        EXPECT_EQ(found->decided_on, std::nullopt);
        EXPECT_EQ(found->kyc_status, KycStatus::passed);
        EXPECT_EQ(found->status, ApplicationStatus::open);
        EXPECT_EQ(found->client_id, 0);
        EXPECT_EQ(found->version, 0);
        MF_TRY(auto missing, tx.find_client_application(id + 1));
        EXPECT_FALSE(missing);
        return ok();
    }));
    ClientApplication changed = sample_application();
    changed.id = id;
    changed.status = ApplicationStatus::declined;
    changed.decision_reason = "declined";
    changed.decided_on = Date::from_ymd(2026, 6, 2).value();
    expect_done(store.write([&](Transaction& tx) { return tx.update_client_application(changed); }));
    // The same version again: someone changed it since it was read.
    const Status stale = store.write([&](Transaction& tx) { return tx.update_client_application(changed); });
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, "conflict");
    changed.id = id + 7;
    const Status unknown =
        store.write([&](Transaction& tx) { return tx.update_client_application(changed); });
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, "not_found");
    expect_done(store.read([&](Transaction& tx) -> Status {
        MF_TRY(auto all, tx.list_client_applications());
        EXPECT_EQ(all.size(), 1u);
        if (!all.empty()) {
            EXPECT_EQ(all[0].version, 1);
            EXPECT_EQ(all[0].status, ApplicationStatus::declined);
            EXPECT_EQ(all[0].decided_on, Date::from_ymd(2026, 6, 2).value());
        }
        return ok();
    }));
}

inline void reviews_and_bureau_scores_come_back_in_order(Store& store) {
    int64_t debtor_id = 0;
    expect_done(store.write([&](Transaction& tx) -> Status {
        Debtor debtor;
        debtor.name = "Acme";
        debtor.currency = dollars();
        MF_TRY(debtor_id, tx.insert_debtor(debtor));
        CreditReview review;
        review.debtor_id = debtor_id;
        review.reviewer = "cli:ann";
        review.reviewed_on = jan_2();
        review.limit_minor = 10'000'00;
        review.notes = "first";
        review.expires_on = jan_2().plus_days(180);
        review.score = 0;  // a score of 0 is a score, not none
        review.created_at = "2025-01-02T09:00:00Z";
        MF_CHECK(tx.insert_credit_review(review));
        review.decision = CreditDecision::declined;
        review.limit_minor = 0;
        review.notes = "second";
        review.score = std::nullopt;
        review.suggested_limit_minor = 2'500'00;
        MF_CHECK(tx.insert_credit_review(review));
        for (const auto& [bureau, score, day] :
             {std::tuple{"experian", 70, 1}, std::tuple{"dnb", 40, 1}, std::tuple{"dnb", 82, 20}}) {
            BureauScore entry{0, debtor_id, bureau, score, jan_2().plus_days(day), "", "file.csv", "now"};
            MF_CHECK(tx.insert_bureau_score(entry));
        }
        return ok();
    }));
    expect_done(store.read([&](Transaction& tx) -> Status {
        MF_TRY(auto latest, tx.latest_credit_review(debtor_id));
        EXPECT_TRUE(latest && latest->notes == "second");
        MF_TRY(auto reviews, tx.credit_reviews_of(debtor_id));
        EXPECT_EQ(reviews.size(), 2u);
        if (reviews.size() == 2) {
            EXPECT_EQ(reviews[0].decision, CreditDecision::declined);
            EXPECT_EQ(reviews[0].score, std::nullopt);
            EXPECT_EQ(reviews[0].suggested_limit_minor, 2'500'00);
            EXPECT_EQ(reviews[1].score, 0);
            EXPECT_EQ(reviews[1].suggested_limit_minor, std::nullopt);
            EXPECT_EQ(reviews[1].expires_on, jan_2().plus_days(180));
        }
        MF_TRY(auto none, tx.latest_credit_review(debtor_id + 1));
        EXPECT_FALSE(none);
        MF_TRY(auto scores, tx.bureau_scores(debtor_id));
        std::vector<int32_t> order;
        for (const auto& score : scores)
            order.push_back(score.score);
        EXPECT_EQ(order, (std::vector<int32_t>{82, 40, 70}));  // by bureau, newest first
        MF_TRY(auto all, tx.bureau_scores(std::nullopt));
        EXPECT_EQ(all.size(), 3u);
        int rows = 0;  // nothing funded: no payment history
        MF_CHECK(tx.scan_debtor_payment_stats(jan_2(), jan_2().plus_days(-180), std::nullopt,
                                              [&](const DebtorPaymentStats&) {
                                                  ++rows;
                                                  return ok();
                                              }));
        EXPECT_EQ(rows, 0);
        return ok();
    }));
}

}  // namespace mf::testing::contract
