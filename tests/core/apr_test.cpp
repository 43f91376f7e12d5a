#include "core/apr.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace mf {
namespace {

Date day(const char* text) {
    return parse_date(text).value();
}

using Flows = std::vector<AprFlow>;

Flows every_months(int64_t amount_minor, const char* first, int count, int months) {
    Flows flows;
    for (int index = 0; index < count; ++index)
        flows.push_back({amount_minor, day(first).plus_months(index * months)});
    return flows;
}

Flows every_weeks(int64_t amount_minor, const char* first, int count, int weeks) {
    Flows flows;
    for (int index = 0; index < count; ++index)
        flows.push_back({amount_minor, day(first).plus_days(index * 7 * weeks)});
    return flows;
}

// Twice a month: on first's day and on second's day, starting with first.
Flows twice_a_month(int64_t amount_minor, const char* first, const char* second, int count) {
    Flows flows;
    for (int index = 0; index < count; ++index) {
        const Date anchor = day(index % 2 == 0 ? first : second);
        flows.push_back({amount_minor, anchor.plus_months(index / 2)});
    }
    return flows;
}

Flows join(std::initializer_list<Flows> parts) {
    Flows flows;
    for (const auto& part : parts)
        flows.insert(flows.end(), part.begin(), part.end());
    return flows;
}

Flows one(int64_t amount_minor, const char* date) {
    return Flows{{amount_minor, day(date)}};
}

struct ExampleCase {
    const char* example;
    int64_t advance_minor;
    const char* advance_date;
    Flows payments;
    const char* apr_percent;
    UnitPeriod unit_period;
};

// 12 CFR 1026 Appendix J (c): the published examples, with the APRs the appendix gives.
TEST(AprAppendixJ, PublishedExamples) {
    const UnitPeriod month{UnitPeriodKind::month, 1};
    const ExampleCase cases[] = {
        {"(c)(1)(i) monthly, regular first period", 500000, "1978-01-10",
         every_months(23000, "1978-02-10", 24, 1), "9.69", month},
        {"(c)(1)(ii) monthly, long first period", 600000, "1978-02-10",
         every_months(20000, "1978-04-01", 36, 1), "11.82", month},
        {"(c)(1)(iii) semimonthly, short first period",
         500000,
         "1978-02-23",
         twice_a_month(21917, "1978-03-01", "1978-03-16", 24),
         "10.34",
         {UnitPeriodKind::semimonth, 1}},
        {"(c)(1)(iv) quarterly, long first period",
         1000000,
         "1978-05-23",
         every_months(38500, "1978-10-01", 40, 3),
         "8.97",
         {UnitPeriodKind::month, 3}},
        {"(c)(1)(v) weekly, long first period",
         50000,
         "1978-03-20",
         every_weeks(1760, "1978-04-21", 30, 1),
         "14.96",
         {UnitPeriodKind::week, 1}},
        {"(c)(2)(i) monthly, odd first payment", 500000, "1978-01-10",
         join({one(25000, "1978-02-10"), every_months(23000, "1978-03-10", 23, 1)}), "10.08", month},
        {"(c)(2)(ii) every 4 weeks, long first period, odd first payment",
         40000,
         "1978-03-18",
         join({one(3950, "1978-04-20"), every_weeks(3831, "1978-05-18", 11, 4)}),
         "28.50",
         {UnitPeriodKind::week, 4}},
        {"(c)(3)(i) monthly, odd final payment", 500000, "1978-01-10",
         join({every_months(23000, "1978-02-10", 23, 1), one(28000, "1980-01-10")}), "10.50", month},
        {"(c)(3)(ii) every 2 weeks, short first period, odd final payment",
         20000,
         "1978-04-03",
         join({every_weeks(950, "1978-04-11", 19, 2), one(3000, "1979-01-02")}),
         "12.22",
         {UnitPeriodKind::week, 2}},
        {"(c)(4)(i) monthly, odd first and final payments", 500000, "1978-01-10",
         join({one(25000, "1978-02-10"), every_months(23000, "1978-03-10", 22, 1), one(28000, "1980-01-10")}),
         "10.90", month},
        {"(c)(4)(ii) every 2 months, short first period, odd first and final payments",
         800000,
         "1978-01-10",
         join({one(44936, "1978-03-01"), every_months(46500, "1978-05-01", 18, 2), one(20000, "1981-05-01")}),
         "7.30",
         {UnitPeriodKind::month, 2}},
        {"(c)(5)(i) single advance, single payment, term under a year in days",
         100000,
         "1978-01-03",
         one(108000, "1978-09-15"),
         "11.45",
         {UnitPeriodKind::day, 255}},
    };
    for (const auto& c : cases) {
        const Flows advances = one(c.advance_minor, c.advance_date);
        auto apr = actuarial_apr(advances, c.payments);
        ASSERT_TRUE(apr) << c.example << ": " << apr.error().message;
        EXPECT_EQ(format_apr_percent(apr.value().apr_ppm), c.apr_percent) << c.example;
        EXPECT_EQ(apr.value().unit_period, c.unit_period) << c.example;
    }
}

// ACCOUNTING.md: advance 9,000.00, charge 300.00, 30 days -> 40.56%.
TEST(AprFactoring, SimpleFormulaVector) {
    auto apr_ppm = simple_apr_ppm(900000, 30000, 30);
    ASSERT_TRUE(apr_ppm);
    EXPECT_EQ(apr_ppm.value(), 405556);  // 40.5555...% rounded half up to 1 ppm
    EXPECT_EQ(format_apr_percent(apr_ppm.value()), "40.56");

    auto solved = actuarial_apr(one(900000, "2025-03-03"), one(930000, "2025-04-02"));
    ASSERT_TRUE(solved);
    EXPECT_EQ(solved.value().apr_ppm, 405556);
    EXPECT_EQ(solved.value().unit_period, (UnitPeriod{UnitPeriodKind::day, 30}));
}

TEST(AprFactoring, FlowsOnOneDateAreOneFlow) {
    // Two advances funded the same day and a payment in two receipts are still one advance and one payment.
    const Flows advances{{400000, day("2025-03-03")}, {500000, day("2025-03-03")}};
    const Flows payments{{900000, day("2025-04-02")}, {30000, day("2025-04-02")}};
    auto solved = actuarial_apr(advances, payments);
    ASSERT_TRUE(solved);
    EXPECT_EQ(solved.value().apr_ppm, 405556);
}

TEST(AprSingleAdvance, TermOfAYearOrMoreHasAYearUnitPeriod) {
    struct Case {
        const char* paid_on;
        int64_t payment_minor;
        int64_t apr_ppm;
    };
    const Case cases[] = {
        {"2021-01-15", 110000, 100000},  // one year at 10%
        {"2022-01-15", 121000, 100000},  // two whole years: compounded yearly
        {"2021-07-15", 115500, 100000},  // a year and 6 whole months: fraction 6/12
    };
    for (const auto& c : cases) {
        auto apr = actuarial_apr(one(100000, "2020-01-15"), one(c.payment_minor, c.paid_on));
        ASSERT_TRUE(apr) << c.paid_on;
        EXPECT_EQ(apr.value().unit_period, (UnitPeriod{UnitPeriodKind::year, 1})) << c.paid_on;
        EXPECT_EQ(apr.value().apr_ppm, c.apr_ppm) << c.paid_on;
    }
    // A year and 46 odd days (2020-01-15 to 2020-03-01, a leap February): the fraction is 46/365.
    auto odd_days = actuarial_apr(one(100000, "2020-01-15"), one(111386, "2021-03-01"));
    ASSERT_TRUE(odd_days);
    EXPECT_EQ(format_apr_percent(odd_days.value().apr_ppm), "10.00");
}

TEST(AprMultipleAdvances, SolvesTheGeneralEquation) {
    // 1% a month: 1,000.00 on Jan 15 and Feb 15, repaid by two payments a month apart from Mar 15.
    const Flows advances{{100000, day("2025-01-15")}, {100000, day("2025-02-15")}};
    auto apr = actuarial_apr(advances, every_months(102010, "2025-03-15", 2, 1));
    ASSERT_TRUE(apr) << apr.error().message;
    EXPECT_EQ(apr.value().unit_period, (UnitPeriod{UnitPeriodKind::month, 1}));
    EXPECT_EQ(format_apr_percent(apr.value().apr_ppm), "12.00");
}

TEST(AprUnitPeriod, SemimonthIsToldFromTwoWeeksByTheCalendar) {
    // 1st and 15th: 14-day periods alternate with 13-17-day ones; every pair is a calendar month.
    auto semimonthly =
        actuarial_apr(one(100000, "2025-01-01"), twice_a_month(10500, "2025-01-15", "2025-02-01", 10));
    ASSERT_TRUE(semimonthly);
    EXPECT_EQ(semimonthly.value().unit_period, (UnitPeriod{UnitPeriodKind::semimonth, 1}));
    // Every 14 days, even across February where two of them make a calendar month.
    auto biweekly = actuarial_apr(one(100000, "2025-01-18"), every_weeks(10500, "2025-02-01", 10, 2));
    ASSERT_TRUE(biweekly);
    EXPECT_EQ(biweekly.value().unit_period, (UnitPeriod{UnitPeriodKind::week, 2}));
    // No common period: 20 and 45 days average 32.5, nearest a month.
    auto irregular = actuarial_apr(one(100000, "2025-01-01"),
                                   Flows{{50000, day("2025-01-21")}, {52000, day("2025-03-07")}});
    ASSERT_TRUE(irregular);
    EXPECT_EQ(irregular.value().unit_period, (UnitPeriod{UnitPeriodKind::month, 1}));
    // Month-end payments from a month-end start keep whole months.
    auto month_ends = actuarial_apr(one(100000, "2025-01-31"), every_months(34000, "2025-02-28", 3, 1));
    ASSERT_TRUE(month_ends);
    EXPECT_EQ(month_ends.value().unit_period, (UnitPeriod{UnitPeriodKind::month, 1}));
}

TEST(AprNegative, ALossGivesANegativeRate) {
    auto single = actuarial_apr(one(100000, "2025-01-01"), one(99000, "2025-01-31"));
    ASSERT_TRUE(single);
    EXPECT_EQ(format_apr_percent(single.value().apr_ppm), "-12.17");
    auto monthly = actuarial_apr(one(100000, "2025-01-01"), every_months(49000, "2025-02-01", 2, 1));
    ASSERT_TRUE(monthly);
    EXPECT_LT(monthly.value().apr_ppm, 0);
}

struct InvalidCase {
    const char* what;
    Flows advances;
    Flows payments;
    const char* field;
};

TEST(AprErrors, InvalidInputIsAnErrorValue) {
    const InvalidCase cases[] = {
        {"no advances", {}, one(100, "2025-01-02"), "advances"},
        {"no payments", one(100, "2025-01-01"), {}, "payments"},
        {"zero advance", one(0, "2025-01-01"), one(100, "2025-01-02"), "advances"},
        {"negative payment", one(100, "2025-01-01"), one(-100, "2025-01-02"), "payments"},
        {"payment before the advance", one(100, "2025-01-02"), one(110, "2025-01-01"), "payments"},
        {"single payment on the advance date", one(100, "2025-01-01"), one(110, "2025-01-01"), "payments"},
    };
    for (const auto& c : cases) {
        auto apr = actuarial_apr(c.advances, c.payments);
        ASSERT_FALSE(apr) << c.what;
        EXPECT_EQ(apr.error().code, "invalid_apr_input") << c.what;
        EXPECT_EQ(apr.error().field, c.field) << c.what;
    }
    for (auto apr : {simple_apr_ppm(0, 10, 30), simple_apr_ppm(100, -100, 30), simple_apr_ppm(100, 10, 0),
                     simple_apr_ppm(100, 10, 366)}) {
        ASSERT_FALSE(apr);
        EXPECT_EQ(apr.error().code, "invalid_apr_input");
    }
}

TEST(AprFormat, TwoDecimalsHalfUp) {
    const std::pair<int64_t, const char*> cases[] = {
        {405556, "40.56"},   {114509, "11.45"},       {0, "0.00"},      {50, "0.01"},
        {49, "0.00"},        {-50, "-0.01"},          {-5000, "-0.50"}, {100, "0.01"},
        {1000000, "100.00"}, {123456789, "12345.68"}, {96949, "9.69"},  {-121667, "-12.17"},
        {99999, "10.00"},    {100000, "10.00"},
    };
    for (const auto& [apr_ppm, text] : cases)
        EXPECT_EQ(format_apr_percent(apr_ppm), text) << apr_ppm;
}

Date random_date() {
    const int32_t first = Date::from_ymd(1980, 1, 1).value().days_since_epoch();
    const int32_t last = Date::from_ymd(2080, 12, 31).value().days_since_epoch();
    return Date::from_days(*rc::gen::inRange(first, last + 1));
}

RC_GTEST_PROP(AprProperty, SingleAdvanceSinglePaymentIsTheSimpleFormula, ()) {
    const int64_t advance_minor = *rc::gen::inRange<int64_t>(1, 10'000'000'000);
    const int64_t charge_minor = *rc::gen::inRange<int64_t>(0, 2 * advance_minor);
    const int32_t term_days = *rc::gen::inRange(1, 365);  // under a year from any date
    const Date funded = random_date();
    auto solved = actuarial_apr(Flows{{advance_minor, funded}},
                                Flows{{advance_minor + charge_minor, funded.plus_days(term_days)}});
    RC_ASSERT(solved.has_value());
    RC_ASSERT(solved.value().apr_ppm == simple_apr_ppm(advance_minor, charge_minor, term_days).value());
    RC_ASSERT(solved.value().unit_period == (UnitPeriod{UnitPeriodKind::day, term_days}));
}

RC_GTEST_PROP(AprProperty, WholeYearsSolveToTheCompoundRate, ()) {
    const int64_t advance_minor = *rc::gen::inRange<int64_t>(100, 1'000'000'000);
    const int64_t payment_minor = advance_minor + *rc::gen::inRange<int64_t>(0, 3 * advance_minor);
    const int years = *rc::gen::inRange(1, 31);
    const Date funded = random_date();
    auto solved =
        actuarial_apr(Flows{{advance_minor, funded}}, Flows{{payment_minor, funded.plus_months(12 * years)}});
    RC_ASSERT(solved.has_value());
    const long double rate =
        std::pow(static_cast<long double>(payment_minor) / advance_minor, 1.0L / years) - 1;
    RC_ASSERT(std::fabs(static_cast<long double>(solved.value().apr_ppm) - rate * 1e6L) <= 1.0L);
}

// A schedule of equal payments, then more finance charge on one of them: the APR never goes down.
RC_GTEST_PROP(AprProperty, MoreFinanceChargeNeverLowersTheApr, ()) {
    const int64_t advance_minor = *rc::gen::inRange<int64_t>(1'000, 100'000'000);
    const int count = *rc::gen::inRange(1, 61);
    const int64_t payment_minor =
        advance_minor / count + *rc::gen::inRange<int64_t>(0, advance_minor / count + 2);
    const int step_days = *rc::gen::element(7, 14, 30, 91);
    const Date funded = random_date();
    const Date first_due = funded.plus_days(*rc::gen::inRange(1, 60));
    Flows payments;
    for (int index = 0; index < count; ++index) {
        const Date due =
            step_days == 30 ? first_due.plus_months(index) : first_due.plus_days(index * step_days);
        payments.push_back({std::max<int64_t>(payment_minor, 1), due});
    }
    const Flows advances{{advance_minor, funded}};
    auto before = actuarial_apr(advances, payments);
    RC_ASSERT(before.has_value());
    const size_t which = *rc::gen::inRange<size_t>(0, payments.size());
    payments[which].amount_minor += *rc::gen::inRange<int64_t>(1, advance_minor);
    auto after = actuarial_apr(advances, payments);
    RC_ASSERT(after.has_value());
    RC_ASSERT(after.value().apr_ppm >= before.value().apr_ppm);
}

}  // namespace
}  // namespace mf
