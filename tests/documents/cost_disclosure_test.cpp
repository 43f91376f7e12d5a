// The numbers of the cost disclosure against hand-computed vectors.
#include "documents/cost_disclosure.hpp"

#include <gtest/gtest.h>

#include "documents/test_values.hpp"

namespace mf::documents {
namespace {

using testing::date;

TEST(CostDisclosure, SingleInvoiceMatchesTheSimpleApr) {
    // 10,000.00 face at 90%: 9,000.00 advanced on 01-01, due 01-31 (30 days), 3% of face = 300.00.
    auto client = testing::client();
    ScheduleView view = testing::schedule({testing::invoice(1, 1'000'000, date("2026-01-31"))});
    auto d = compute_cost_disclosure(view, client, date("2026-01-01"));
    ASSERT_TRUE(d) << d.error().message;
    EXPECT_EQ(d.value().face_minor, 1'000'000);
    EXPECT_EQ(d.value().amount_financed_minor, 900'000);
    EXPECT_EQ(d.value().fees_minor, 30'000);
    EXPECT_EQ(d.value().finance_charge_minor, 30'000);
    EXPECT_EQ(d.value().total_payment_minor, 930'000);
    EXPECT_EQ(d.value().expected_rebate_minor, 70'000);
    EXPECT_EQ(d.value().advance_rate_ppm, 900'000);
    EXPECT_EQ(d.value().term_days, 30);
    auto simple = simple_apr_ppm(900'000, 30'000, 30);
    ASSERT_TRUE(simple);
    EXPECT_EQ(d.value().apr.apr_ppm, simple.value());
    EXPECT_EQ(format_apr_percent(d.value().apr.apr_ppm), "40.56");  // ACCOUNTING.md's vector
}

TEST(CostDisclosure, FeeGrowsWithTheDaysToTheDueDate) {
    // 45 days: 3% for 30 + 1% per 10 days or part (2 periods) = 5% of 2,000.00 = 100.00; 1,800.00 advanced.
    auto client = testing::client();
    ScheduleView view = testing::schedule({testing::invoice(1, 200'000, date("2026-02-15"))});
    auto d = compute_cost_disclosure(view, client, date("2026-01-01"));
    ASSERT_TRUE(d) << d.error().message;
    EXPECT_EQ(d.value().fees_minor, 10'000);
    EXPECT_EQ(d.value().term_days, 45);
    EXPECT_EQ(d.value().apr.apr_ppm,
              simple_apr_ppm(180'000, 10'000, 45).value());  // 100/1800 x 365/45 = 45.06%
    EXPECT_EQ(format_apr_percent(d.value().apr.apr_ppm), "45.06");
}

TEST(CostDisclosure, TwoInvoicesAddUpAndTheAprLiesBetweenTheirs) {
    auto client = testing::client();
    ScheduleView view = testing::schedule({testing::invoice(1, 1'000'000, date("2026-01-31")),
                                           testing::invoice(2, 200'000, date("2026-02-15"))});
    auto d = compute_cost_disclosure(view, client, date("2026-01-01"), 2'500);
    ASSERT_TRUE(d) << d.error().message;
    EXPECT_EQ(d.value().lines.size(), 2u);
    EXPECT_EQ(d.value().face_minor, 1'200'000);
    EXPECT_EQ(d.value().amount_financed_minor, 1'080'000);
    EXPECT_EQ(d.value().fees_minor, 40'000);
    EXPECT_EQ(d.value().charges_minor, 2'500);
    EXPECT_EQ(d.value().finance_charge_minor, 42'500);
    EXPECT_EQ(d.value().total_payment_minor, 1'122'500);
    EXPECT_EQ(d.value().expected_rebate_minor, 77'500);
    EXPECT_EQ(d.value().term_days, 45);
    EXPECT_EQ(d.value().last_expected_on, date("2026-02-15"));
    EXPECT_GT(d.value().apr.apr_ppm, 405'556);
    EXPECT_LT(d.value().apr.apr_ppm, 600'000);
}

TEST(CostDisclosure, FundedInvoicesKeepTheirOwnTermsAndDate) {
    auto client = testing::client();
    auto invoice = testing::invoice(1, 1'000'000, date("2026-01-31"));
    invoice.state = InvoiceState::funded;
    invoice.funded_on = date("2026-01-11");
    invoice.advance_minor = 800'000;  // funded at 80%, before the client's terms changed
    invoice.advance_rate_ppm = 800'000;
    invoice.fee_schedule = client.terms.fee_schedule;
    invoice.fee_schedule.flat_plus_periods.initial_rate_ppm = 20'000;
    auto d = compute_cost_disclosure(testing::schedule({invoice}), client, date("2026-01-20"));
    ASSERT_TRUE(d) << d.error().message;
    EXPECT_EQ(d.value().amount_financed_minor, 800'000);
    EXPECT_EQ(d.value().fees_minor, 20'000);
    EXPECT_EQ(d.value().first_funded_on, date("2026-01-11"));
    EXPECT_EQ(d.value().term_days, 20);
    EXPECT_EQ(d.value().apr.apr_ppm, simple_apr_ppm(800'000, 20'000, 20).value());
}

TEST(CostDisclosure, PastDueInvoiceIsExpectedTheNextDay) {
    auto client = testing::client();
    auto d = compute_cost_disclosure(testing::schedule({testing::invoice(1, 100'000, date("2025-12-01"))}),
                                     client, date("2026-01-01"));
    ASSERT_TRUE(d) << d.error().message;
    EXPECT_EQ(d.value().lines[0].expected_on, date("2026-01-02"));
    EXPECT_EQ(d.value().term_days, 1);
    EXPECT_EQ(d.value().fees_minor, 3'000);  // the 30-day minimum rate
}

TEST(CostDisclosure, RejectedInvoicesAreLeftOut) {
    auto client = testing::client();
    auto rejected = testing::invoice(2, 500'000, date("2026-01-31"));
    rejected.state = InvoiceState::rejected;
    auto d = compute_cost_disclosure(
        testing::schedule({testing::invoice(1, 1'000'000, date("2026-01-31")), rejected}), client,
        date("2026-01-01"));
    ASSERT_TRUE(d);
    EXPECT_EQ(d.value().face_minor, 1'000'000);
    auto none = compute_cost_disclosure(testing::schedule({rejected}), client, date("2026-01-01"));
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().code, "nothing_to_disclose");
}

TEST(CostDisclosure, BadInputsAreErrors) {
    auto client = testing::client();
    auto view = testing::schedule({testing::invoice(1, 1'000'000, date("2026-01-31"))});
    auto negative = compute_cost_disclosure(view, client, date("2026-01-01"), -1);
    ASSERT_FALSE(negative);
    EXPECT_EQ(negative.error().code, "invalid_amount");
    client.terms.advance_rate_ppm = 0;  // nothing financed: no APR
    auto nothing = compute_cost_disclosure(view, client, date("2026-01-01"));
    ASSERT_FALSE(nothing);
    EXPECT_EQ(nothing.error().code, "invalid_apr_input");
}

}  // namespace
}  // namespace mf::documents
