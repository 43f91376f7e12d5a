// The debtor credit score and suggested limit (core/credit_score.hpp): caps, thin files, the blend with
// bureau scores and the grade's multiplier, with exact figures.
#include <gtest/gtest.h>

#include "core/credit_score.hpp"

namespace mf {
namespace {

Currency usd() {
    return Currency::from_code("USD").value();
}

// Twelve observed invoices, all late: ten paid (90 days on average, 60 beyond terms), two written off.
DebtorPaymentStats bad_payer() {
    DebtorPaymentStats s;
    s.funded_count = 12;
    s.funded_face_minor = 12'000'00;
    s.diluted_minor = 1'200'00;  // 10%
    s.paid_count = 10;
    s.days_to_pay_sum = 900;
    s.paid_late_count = 10;
    s.paid_days_late_sum = 600;
    s.loss_count = 2;
    s.loss_days_late_sum = 100;
    s.disputed_count = 6;
    s.recent_funded_face_minor = 12'000'00;
    return s;
}

TEST(CreditScore, EveryPenaltyIsCappedAndTheScoreNeverGoesBelowZero) {
    const auto k = score_debtor(bad_payer(), {}, usd());
    EXPECT_EQ(k.observed_count, 12);
    EXPECT_EQ(k.late_count, 12);
    EXPECT_EQ(k.avg_days_beyond_terms, 58);  // 700 / 12
    EXPECT_EQ(k.beyond_terms_penalty, 35);
    EXPECT_EQ(k.late_share_penalty, 25);
    EXPECT_EQ(k.avg_days_to_pay, 90);
    EXPECT_EQ(k.slow_pay_penalty, 10);
    EXPECT_EQ(k.dispute_penalty, 15);   // 50% disputed
    EXPECT_EQ(k.dilution_penalty, 15);  // 10% diluted
    EXPECT_EQ(k.history_score, 0);
    EXPECT_EQ(k.score, 0);
    EXPECT_EQ(k.grade, 'D');
    EXPECT_EQ(k.limit_multiplier_pct, 0);
    EXPECT_EQ(k.suggested_limit_minor, 0);  // no new credit
}

TEST(CreditScore, ABureauScoreLiftsTheBlendByItsWeight) {
    const auto k = score_debtor(bad_payer(), {90}, usd());
    EXPECT_EQ(k.history_weight_pct, 36);  // 3% x 12
    EXPECT_EQ(k.score, 57);               // (0 x 36 + 90 x 64) / 100
    EXPECT_EQ(k.grade, 'C');
    EXPECT_EQ(k.exposure_basis_minor, 6'000'00);   // 12,000.00 x 90 / 180
    EXPECT_EQ(k.suggested_limit_minor, 3'000'00);  // 50% beats the 2,500.00 starter
}

TEST(CreditScore, AThinFileWithoutABureauScoreHasNoScoreAndNoSuggestion) {
    DebtorPaymentStats s;
    s.funded_count = 2;
    s.funded_face_minor = 2'000'00;
    s.paid_count = 2;
    s.days_to_pay_sum = 50;
    const auto k = score_debtor(s, {}, usd());
    EXPECT_EQ(k.avg_days_to_pay, 25);
    EXPECT_EQ(k.history_score, std::nullopt);
    EXPECT_EQ(k.score, std::nullopt);
    EXPECT_EQ(k.grade, '-');
    EXPECT_EQ(k.suggested_limit_minor, std::nullopt);
    // The mean of two bureaus alone scores it; the weight of a thin history is 0.
    const auto with_bureau = score_debtor(s, {81, 70}, usd());
    EXPECT_EQ(with_bureau.score, 75);
    EXPECT_EQ(with_bureau.history_weight_pct, 0);
    EXPECT_EQ(with_bureau.suggested_limit_minor, 10'000'00);
}

TEST(CreditScore, LimitsAreWholeHundredsOfTheCurrency) {
    DebtorPaymentStats s;
    s.funded_count = 40;
    s.funded_face_minor = 400'000'00;
    s.paid_count = 40;
    s.days_to_pay_sum = 40 * 45;
    s.recent_funded_face_minor = 333'333'33;
    const auto k = score_debtor(s, {}, usd());
    EXPECT_EQ(k.score, 100);
    EXPECT_EQ(k.exposure_basis_minor, 83'333'33);    // 333,333.33 x 45 / 180
    EXPECT_EQ(k.suggested_limit_minor, 124'900'00);  // 150% = 124,999.99, down to whole hundreds
    const auto yen = score_debtor(s, {}, Currency::from_code("JPY").value());
    EXPECT_EQ(yen.starter_limit_minor, 25'000);  // whole units: yen has no decimals
}

}  // namespace
}  // namespace mf
