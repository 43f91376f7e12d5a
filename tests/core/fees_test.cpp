#include "core/fees.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <limits>
#include <ostream>
#include <vector>

#include "core/fee_text.hpp"
#include "core/money.hpp"

namespace mf {

// RapidCheck prints a failing schedule in its text form (found by argument-dependent lookup).
void showValue(const FeeSchedule& schedule, std::ostream& os) {
    os << format_fee_schedule(schedule, Currency::from_code("USD").value());
}

namespace testing {

// Every valid schedule shape, with small rates and day counts where the edge cases live. fee_text_test.cpp
// uses it too (declared there).
rc::Gen<FeeSchedule> valid_fee_schedules() {
    return rc::gen::exec([] {
        const auto rates_ppm = rc::gen::oneOf(rc::gen::element<int64_t>(0, 1, 10'000, kPpmPerUnit),
                                              rc::gen::inRange<int64_t>(0, kPpmPerUnit + 1));
        const auto days = rc::gen::inRange<int32_t>(1, 400);
        FeeSchedule schedule;
        schedule.kind = *rc::gen::element(FeeKind::flat_plus_periods, FeeKind::tiered, FeeKind::daily);
        schedule.basis = *rc::gen::element(FeeBasis::face, FeeBasis::advance);
        schedule.minimum_fee_minor =
            *rc::gen::oneOf(rc::gen::just<int64_t>(0), rc::gen::inRange<int64_t>(0, 1'000'000));
        schedule.minimum_days = *rc::gen::oneOf(rc::gen::just<int32_t>(0), rc::gen::inRange<int32_t>(0, 120));
        switch (schedule.kind) {
            case FeeKind::flat_plus_periods:
                schedule.flat_plus_periods = {*rates_ppm, *days, *rates_ppm, *days};
                break;
            case FeeKind::tiered: {
                const int32_t tier_count = *rc::gen::inRange<int32_t>(1, kMaxFeeTiers + 1);
                auto tier_rates_ppm = *rc::gen::container<std::vector<int64_t>>(tier_count + 1, rates_ppm);
                std::sort(tier_rates_ppm.begin(), tier_rates_ppm.end());
                int32_t up_to_days = 0;
                for (int32_t i = 0; i < tier_count; ++i) {
                    up_to_days += *rc::gen::inRange<int32_t>(1, 60);
                    schedule.tiered.tiers[i] = {up_to_days, tier_rates_ppm[i]};
                }
                schedule.tiered.tier_count = tier_count;
                schedule.tiered.after_rate_ppm = tier_rates_ppm.back();
                break;
            }
            case FeeKind::daily:
                schedule.daily = {*rates_ppm, *days};
                break;
        }
        return schedule;
    });
}

}  // namespace testing

namespace {

constexpr int64_t kPercent = 10'000;  // ppm

FeeSchedule flat(int64_t initial_rate_ppm, int32_t initial_days, int64_t period_rate_ppm,
                 int32_t period_days) {
    FeeSchedule schedule;
    schedule.kind = FeeKind::flat_plus_periods;
    schedule.flat_plus_periods = {initial_rate_ppm, initial_days, period_rate_ppm, period_days};
    return schedule;
}

FeeSchedule daily(int64_t rate_per_period_ppm, int32_t period_days) {
    FeeSchedule schedule;
    schedule.kind = FeeKind::daily;
    schedule.daily = {rate_per_period_ppm, period_days};
    return schedule;
}

// ACCOUNTING.md: 2/3/4/6/8/10/12/15/18% per 10 days, after 20%.
FeeSchedule accounting_tiered() {
    FeeSchedule schedule;
    schedule.kind = FeeKind::tiered;
    const int64_t rates_percent[] = {2, 3, 4, 6, 8, 10, 12, 15, 18};
    for (int32_t i = 0; i < 9; ++i)
        schedule.tiered.tiers[i] = {10 * (i + 1), rates_percent[i] * kPercent};
    schedule.tiered.tier_count = 9;
    schedule.tiered.after_rate_ppm = 20 * kPercent;
    return schedule;
}

FeeSchedule with_minimum_days(FeeSchedule schedule, int32_t minimum_days) {
    schedule.minimum_days = minimum_days;
    return schedule;
}

FeeSchedule with_minimum_fee(FeeSchedule schedule, int64_t minimum_fee_minor) {
    schedule.minimum_fee_minor = minimum_fee_minor;
    return schedule;
}

FeeSchedule on_advance(FeeSchedule schedule) {
    schedule.basis = FeeBasis::advance;
    return schedule;
}

struct InvoiceVector {
    const char* name;
    FeeSchedule schedule;
    int64_t face_minor;
    int64_t advance_rate_ppm;
    int32_t days;
    int64_t fee_minor;
    int64_t rebate_minor;
};

void expect_invoice(const InvoiceVector& row) {
    SCOPED_TRACE(row.name);
    ASSERT_TRUE(validate(row.schedule));
    const auto advance = advance_minor(row.face_minor, row.advance_rate_ppm);
    ASSERT_TRUE(advance);
    const auto fee = fee_for_invoice(row.schedule, row.face_minor, advance.value(), row.days);
    ASSERT_TRUE(fee) << fee.error().message;
    EXPECT_EQ(fee.value(), row.fee_minor);
    const auto rebate = rebate_minor(row.face_minor, advance.value(), fee.value(), 0);
    ASSERT_TRUE(rebate);
    EXPECT_EQ(rebate.value(), row.rebate_minor);
}

TEST(FeeVectors, AccountingMdTable) {
    const FeeSchedule flat_2_30_1_15 = flat(2 * kPercent, 30, 1 * kPercent, 15);
    const FeeSchedule daily_35_30 = daily(35'000, 30);
    const InvoiceVector rows[] = {
        {"flat 30d", flat_2_30_1_15, 100'000, 900'000, 30, 2'000, 8'000},
        {"flat 31d", flat_2_30_1_15, 100'000, 900'000, 31, 3'000, 7'000},
        {"flat 45d", flat_2_30_1_15, 100'000, 900'000, 45, 3'000, 7'000},
        {"flat 46d", flat_2_30_1_15, 100'000, 900'000, 46, 4'000, 6'000},
        {"flat 90d", flat_2_30_1_15, 100'000, 900'000, 90, 6'000, 4'000},
        {"tiered 25d", accounting_tiered(), 500'000, 800'000, 25, 20'000, 80'000},
        {"tiered 90d", accounting_tiered(), 500'000, 800'000, 90, 90'000, 10'000},
        {"tiered 91d", accounting_tiered(), 500'000, 800'000, 91, 100'000, 0},
        {"daily 17d", daily_35_30, 250'000, 900'000, 17, 4'958, 20'042},
        {"daily min_days 10, 3d", with_minimum_days(daily_35_30, 10), 250'000, 900'000, 3, 2'917, 22'083},
        {"daily 1234.56 45d", daily_35_30, 123'456, 900'000, 45, 6'481, 5'865},
        {"flat min_fee 5.00 12d", with_minimum_fee(flat(2 * kPercent, 30, 1 * kPercent, 15), 500), 10'000,
         900'000, 12, 500, 500},
    };
    for (const auto& row : rows)
        expect_invoice(row);
}

TEST(FeeVectors, AdvanceBasis) {
    const InvoiceVector rows[] = {
        // 2% of the 900.00 advance; reserve 100.00.
        {"flat on advance 30d", on_advance(flat(2 * kPercent, 30, 1 * kPercent, 15)), 100'000, 900'000, 30,
         1'800, 8'200},
        {"flat on advance 46d", on_advance(flat(2 * kPercent, 30, 1 * kPercent, 15)), 100'000, 900'000, 46,
         3'600, 6'400},
        // 2,250.00 x 3.5% x 17 / 30 = 44.625: an exact half, rounded up once.
        {"daily on advance 17d", on_advance(daily(35'000, 30)), 250'000, 900'000, 17, 4'463, 20'537},
        {"tiered on advance 91d", on_advance(accounting_tiered()), 500'000, 800'000, 91, 80'000, 20'000},
        {"min_fee on advance", with_minimum_fee(on_advance(daily(35'000, 30)), 1'000), 10'000, 900'000, 1,
         1'000, 0},
    };
    for (const auto& row : rows)
        expect_invoice(row);
}

TEST(FeeVectors, ZeroAndOneDay) {
    const InvoiceVector rows[] = {
        {"daily 0d", daily(35'000, 30), 250'000, 900'000, 0, 0, 25'000},
        {"daily 1d", daily(35'000, 30), 250'000, 900'000, 1, 292, 24'708},  // 2.9166...
        {"flat 0d", flat(2 * kPercent, 30, 1 * kPercent, 15), 100'000, 900'000, 0, 2'000, 8'000},
        {"flat 1d", flat(2 * kPercent, 30, 1 * kPercent, 15), 100'000, 900'000, 1, 2'000, 8'000},
        {"tiered 0d", accounting_tiered(), 500'000, 800'000, 0, 10'000, 90'000},
        {"tiered 1d", accounting_tiered(), 500'000, 800'000, 1, 10'000, 90'000},
        {"daily min_days 10, 0d", with_minimum_days(daily(35'000, 30), 10), 250'000, 900'000, 0, 2'917,
         22'083},
        {"zero face", daily(35'000, 30), 0, 900'000, 30, 0, 0},
    };
    for (const auto& row : rows)
        expect_invoice(row);
}

TEST(FeeVectors, FeesBeyondTheReserveGiveANegativeRebate) {
    // 10% fee on a 95% advance: the client owes the factor 5.00.
    const auto rebate = rebate_minor(10'000, 9'500, 1'000, 0);
    ASSERT_TRUE(rebate);
    EXPECT_EQ(rebate.value(), -500);
    EXPECT_EQ(rebate_minor(100'000, 90'000, 2'000, 1'500).value(),
              6'500);  // charges come off the reserve too
}

TEST(FeeRate, ExactRationalAfterMinimumDays) {
    EXPECT_EQ(fee_rate_ppm(flat(2 * kPercent, 30, 1 * kPercent, 15), 31).value(), (FeeRate{30'000, 1}));
    EXPECT_EQ(fee_rate_ppm(flat(2 * kPercent, 30, 1 * kPercent, 15), 90).value(), (FeeRate{60'000, 1}));
    EXPECT_EQ(fee_rate_ppm(accounting_tiered(), 10).value(), (FeeRate{20'000, 1}));
    EXPECT_EQ(fee_rate_ppm(accounting_tiered(), 11).value(), (FeeRate{30'000, 1}));
    EXPECT_EQ(fee_rate_ppm(daily(35'000, 30), 17).value(), (FeeRate{35'000 * 17, 30}));
    EXPECT_EQ(fee_rate_ppm(with_minimum_days(daily(35'000, 30), 10), 3).value(), (FeeRate{35'000 * 10, 30}));
    EXPECT_EQ(fee_rate_ppm(with_minimum_days(accounting_tiered(), 95), 3).value(), (FeeRate{200'000, 1}));
}

TEST(FeeErrors, BadInputsAreErrorsNotGuesses) {
    const FeeSchedule schedule = daily(35'000, 30);
    EXPECT_EQ(fee_rate_ppm(schedule, -1).error().code, "invalid_days");
    EXPECT_EQ(fee_minor(schedule, 100, -1).error().code, "invalid_days");
    EXPECT_EQ(fee_minor(schedule, -100, 10).error().code, "invalid_amount");
    EXPECT_EQ(fee_for_invoice(schedule, -100, 0, 10).error().field, "face_amount");
    EXPECT_EQ(fee_for_invoice(schedule, 100, 101, 10).error().field, "advance_amount");
    EXPECT_EQ(fee_for_invoice(schedule, 100, -1, 10).error().field, "advance_amount");
    EXPECT_EQ(advance_minor(100, kPpmPerUnit + 1).error().code, "invalid_rate");
    EXPECT_EQ(advance_minor(100, -1).error().code, "invalid_rate");
    EXPECT_EQ(advance_minor(-100, 900'000).error().code, "invalid_amount");
}

TEST(FeeErrors, HugeFacesOverflowIntoAnErrorNotAWrap) {
    constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
    // 3.5% per 30 days for 1,000 days is 116.7% of the face: beyond int64.
    const auto daily_fee = fee_for_invoice(daily(35'000, 30), kMax, 0, 1'000);
    ASSERT_FALSE(daily_fee);
    EXPECT_EQ(daily_fee.error().code, "overflow");
    const auto flat_fee = fee_minor(flat(100 * kPercent, 1, 100 * kPercent, 1), kMax, 2);
    ASSERT_FALSE(flat_fee);
    EXPECT_EQ(flat_fee.error().code, "overflow");
    // The longest possible time at the highest rates still fits the 128-bit intermediate.
    const auto longest =
        fee_minor(flat(100 * kPercent, 1, 100 * kPercent, 1), kMax, std::numeric_limits<int32_t>::max());
    ASSERT_FALSE(longest);
    EXPECT_EQ(longest.error().code, "overflow");
    // Up to 100% of the face there is no overflow, and rounding stays exact at the top of the range.
    EXPECT_EQ(fee_for_invoice(accounting_tiered(), kMax, kMax, 91).value(),
              kMax / 5);  // ...807 x 20% = ...161.4
    EXPECT_EQ(advance_minor(kMax, kPpmPerUnit).value(), kMax);
    EXPECT_EQ(rebate_minor(0, 0, kMax, kMax).error().code, "overflow");
    EXPECT_EQ(reserve_minor(std::numeric_limits<int64_t>::min(), 1).error().code, "overflow");
}

TEST(FeeDaysOutstanding, CalendarDaysPlusClearanceAtLeastOne) {
    const Date funded_on = Date::from_ymd(2025, 1, 10).value();
    const auto on = [](int month, int day) { return Date::from_ymd(2025, month, day).value(); };
    EXPECT_EQ(days_outstanding(funded_on, on(1, 10)), 1);  // same day counts as one
    EXPECT_EQ(days_outstanding(funded_on, on(1, 11)), 1);
    EXPECT_EQ(days_outstanding(funded_on, on(1, 12)), 2);
    EXPECT_EQ(days_outstanding(funded_on, on(2, 9)), 30);
    EXPECT_EQ(days_outstanding(funded_on, on(2, 9), 2), 32);
    EXPECT_EQ(days_outstanding(funded_on, on(1, 10), 3), 3);
    EXPECT_EQ(days_outstanding(funded_on, on(1, 5)), 1);      // a value date before funding
    EXPECT_EQ(days_outstanding(funded_on, on(1, 5), 3), 1);   // -5 + 3
    EXPECT_EQ(days_outstanding(funded_on, on(12, 31)), 355);  // 2025 is not a leap year
}

struct InvalidCase {
    const char* name;
    FeeSchedule schedule;
    const char* field;
};

FeeSchedule tiered_with(std::initializer_list<FeeTier> tiers, int64_t after_rate_ppm) {
    FeeSchedule schedule;
    schedule.kind = FeeKind::tiered;
    for (const FeeTier& tier : tiers)
        schedule.tiered.tiers[schedule.tiered.tier_count++] = tier;
    schedule.tiered.after_rate_ppm = after_rate_ppm;
    return schedule;
}

TEST(FeeValidate, NamesTheOffendingField) {
    FeeSchedule too_many_tiers = accounting_tiered();
    too_many_tiers.tiered.tier_count = kMaxFeeTiers + 1;
    const InvalidCase cases[] = {
        {"flat period 0d", flat(20'000, 30, 10'000, 0), "period_days"},
        {"flat initial 0d", flat(20'000, 0, 10'000, 15), "initial_days"},
        {"flat initial > 100%", flat(kPpmPerUnit + 1, 30, 10'000, 15), "initial_rate_ppm"},
        {"flat period rate < 0", flat(20'000, 30, -1, 15), "period_rate_ppm"},
        {"daily period 0d", daily(35'000, 0), "period_days"},
        {"daily period < 0", daily(35'000, -30), "period_days"},
        {"daily rate > 100%", daily(kPpmPerUnit + 1, 30), "rate_per_period_ppm"},
        {"no tiers", tiered_with({}, 10'000), "tiers"},
        {"17 tiers", too_many_tiers, "tiers"},
        {"tier days repeat", tiered_with({{10, 1}, {10, 2}}, 3), "tiers[1].up_to_days"},
        {"tier days fall", tiered_with({{10, 1}, {20, 2}, {15, 3}}, 3), "tiers[2].up_to_days"},
        {"first tier 0d", tiered_with({{0, 1}}, 3), "tiers[0].up_to_days"},
        {"tier rate falls", tiered_with({{10, 5}, {20, 4}}, 6), "tiers[1].rate_ppm"},
        {"tier rate > 100%", tiered_with({{10, kPpmPerUnit + 1}}, kPpmPerUnit), "tiers[0].rate_ppm"},
        {"after below last", tiered_with({{10, 5}, {20, 6}}, 5), "after_rate_ppm"},
        {"negative minimum fee", with_minimum_fee(daily(35'000, 30), -1), "minimum_fee_minor"},
        {"negative minimum days", with_minimum_days(daily(35'000, 30), -1), "minimum_days"},
    };
    for (const auto& c : cases) {
        const Status valid = validate(c.schedule);
        ASSERT_FALSE(valid) << c.name;
        EXPECT_EQ(valid.error().code, "invalid_fee_schedule") << c.name;
        EXPECT_EQ(valid.error().field, c.field) << c.name;
    }
    EXPECT_TRUE(validate(accounting_tiered()));
    EXPECT_TRUE(validate(tiered_with({{10, 0}, {20, 0}}, 0)));
    EXPECT_TRUE(validate(flat(kPpmPerUnit, 1, kPpmPerUnit, 1)));
}

TEST(FeeScheduleEquality, IgnoresTheBlocksNotInForce) {
    FeeSchedule a = daily(35'000, 30);
    FeeSchedule b = daily(35'000, 30);
    b.flat_plus_periods = {1, 2, 3, 4};
    b.tiered.tiers[5] = {99, 99};
    EXPECT_EQ(a, b);
    b.daily.period_days = 31;
    EXPECT_NE(a, b);
    FeeSchedule c = accounting_tiered();
    FeeSchedule d = accounting_tiered();
    d.tiered.tiers[12] = {500, 1};  // beyond tier_count
    EXPECT_EQ(c, d);
    d.tiered.tiers[8].rate_ppm += 1;
    EXPECT_NE(c, d);
}

// Shift-and-subtract long division, independent of the 128-bit '/' the code under test uses; then half up.
int64_t long_division_round_half_up(uint128 numerator, uint128 denominator) {
    uint128 quotient = 0;
    uint128 remainder = 0;
    for (int bit = 127; bit >= 0; --bit) {
        remainder = (remainder << 1) | ((numerator >> bit) & 1);
        if (remainder >= denominator) {
            remainder -= denominator;
            quotient |= static_cast<uint128>(1) << bit;
        }
    }
    if (remainder * 2 >= denominator)
        ++quotient;
    return static_cast<int64_t>(quotient);
}

// A bound on the rate over `days` computed without the schedule's formulas: the highest tier, or whole
// periods rounded up.
uint128 highest_rate_ppm(const FeeSchedule& schedule, int32_t days) {
    const int64_t charged_days = std::max(days, schedule.minimum_days);
    switch (schedule.kind) {
        case FeeKind::flat_plus_periods: {
            const FlatPlusPeriods& flat = schedule.flat_plus_periods;
            return flat.initial_rate_ppm + (charged_days / flat.period_days + 1) * flat.period_rate_ppm;
        }
        case FeeKind::tiered: {
            int64_t highest_ppm = schedule.tiered.after_rate_ppm;
            for (const FeeTier& tier : schedule.tiered.in_use())
                highest_ppm = std::max(highest_ppm, tier.rate_ppm);
            return highest_ppm;
        }
        case FeeKind::daily:
            return schedule.daily.rate_per_period_ppm *
                   ((charged_days + schedule.daily.period_days - 1) / schedule.daily.period_days);
    }
    return 0;
}

// Faces up to 10^13 minor units and ten years keep every fee inside int64, so no case here is an overflow.
const auto kFaces = rc::gen::inRange<int64_t>(0, 10'000'000'000'000);
const auto kDays = rc::gen::inRange<int32_t>(0, 3'650);

RC_GTEST_PROP(FeeProperties, ValidGeneratedSchedules, ()) {
    const FeeSchedule schedule = *testing::valid_fee_schedules();
    RC_ASSERT(validate(schedule).has_value());
}

RC_GTEST_PROP(FeeProperties, FeeNeverFallsAsDaysPass, ()) {
    const FeeSchedule schedule = *testing::valid_fee_schedules();
    const int64_t face_minor = *kFaces;
    const int64_t advance = advance_minor(face_minor, *rc::gen::inRange<int64_t>(0, kPpmPerUnit + 1)).value();
    const int32_t days = *kDays;
    const int64_t fee_today = fee_for_invoice(schedule, face_minor, advance, days).value();
    const int64_t fee_tomorrow = fee_for_invoice(schedule, face_minor, advance, days + 1).value();
    const int64_t fee_later = fee_for_invoice(schedule, face_minor, advance, days + 1 + *kDays).value();
    RC_ASSERT(fee_today <= fee_tomorrow);
    RC_ASSERT(fee_tomorrow <= fee_later);
}

RC_GTEST_PROP(FeeProperties, FeeIsAtLeastTheMinimumFee, ()) {
    const FeeSchedule schedule = *testing::valid_fee_schedules();
    const int64_t face_minor = *kFaces;
    const int64_t advance = *rc::gen::inRange<int64_t>(0, face_minor + 1);
    RC_ASSERT(fee_for_invoice(schedule, face_minor, advance, *kDays).value() >= schedule.minimum_fee_minor);
}

RC_GTEST_PROP(FeeProperties, DailyFeeIsTheExactRationalRoundedOnce, ()) {
    const FeeSchedule schedule =
        daily(*rc::gen::inRange<int64_t>(0, kPpmPerUnit + 1), *rc::gen::inRange(1, 400));
    const int64_t basis_minor = *kFaces;
    const int32_t days = *kDays;
    const uint128 numerator = static_cast<uint128>(basis_minor) * schedule.daily.rate_per_period_ppm * days;
    const uint128 denominator = static_cast<uint128>(schedule.daily.period_days) * kPpmPerUnit;
    RC_ASSERT(fee_minor(schedule, basis_minor, days).value() ==
              long_division_round_half_up(numerator, denominator));
}

RC_GTEST_PROP(FeeProperties, FeeNeverExceedsBasisTimesTheHighestRate, ()) {
    const FeeSchedule schedule = *testing::valid_fee_schedules();
    const int64_t face_minor = *kFaces;
    const int64_t advance = *rc::gen::inRange<int64_t>(0, face_minor + 1);
    const int32_t days = *kDays;
    const int64_t basis_minor = schedule.basis == FeeBasis::face ? face_minor : advance;
    const uint128 ceiling_numerator = static_cast<uint128>(basis_minor) * highest_rate_ppm(schedule, days);
    const int64_t ceiling_minor = static_cast<int64_t>((ceiling_numerator + kPpmPerUnit - 1) / kPpmPerUnit);
    const int64_t fee = fee_for_invoice(schedule, face_minor, advance, days).value();
    RC_ASSERT(fee <= std::max(schedule.minimum_fee_minor, ceiling_minor));
}

RC_GTEST_PROP(FeeProperties, AdvanceIsTheFaceTimesRateRoundedHalfUp, ()) {
    const int64_t face_minor = *kFaces;
    const int64_t rate_ppm = *rc::gen::inRange<int64_t>(0, kPpmPerUnit + 1);
    const int64_t advance = advance_minor(face_minor, rate_ppm).value();
    const int128 error_scaled =
        static_cast<int128>(advance) * kPpmPerUnit - static_cast<int128>(face_minor) * rate_ppm;
    // Half up: the exact value x rounds to an advance in (x - 1/2, x + 1/2].
    RC_ASSERT(error_scaled > -kPpmPerUnit / 2);
    RC_ASSERT(error_scaled <= kPpmPerUnit / 2);
    RC_ASSERT(advance + reserve_minor(face_minor, advance).value() == face_minor);
}

}  // namespace
}  // namespace mf
