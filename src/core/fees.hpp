// Fee schedules and the per-invoice amounts of ACCOUNTING.md ("Money", "Days", "Fee schedules"): days
// outstanding, advance, reserve, discount fee and rebate, all exact integers rounded once, half up. Pure;
// thread-safe (values only). Computing a fee allocates nothing on success.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "core/date.hpp"
#include "core/error.hpp"

namespace mf {

enum class FeeKind : uint8_t { flat_plus_periods, tiered, daily };
enum class FeeBasis : uint8_t { face, advance };

inline constexpr int32_t kMaxFeeTiers = 16;

// rate = initial_rate for days <= initial_days, then + period_rate for every period_days or part of one
// beyond.
struct FlatPlusPeriods {
    int64_t initial_rate_ppm = 0;
    int32_t initial_days = 0;
    int64_t period_rate_ppm = 0;
    int32_t period_days = 0;
};

struct FeeTier {
    int32_t up_to_days = 0;
    int64_t rate_ppm = 0;
};

// rate = that of the first tier whose up_to_days >= days; after the last tier, after_rate. Fixed capacity so
// a schedule is a plain value that a fee computation never allocates for.
struct TieredRates {
    std::array<FeeTier, kMaxFeeTiers> tiers{};
    int32_t tier_count = 0;
    int64_t after_rate_ppm = 0;

    std::span<const FeeTier> in_use()
        const;  // the first tier_count tiers; tier_count must be 0..kMaxFeeTiers
};

// rate = rate_per_period x days / period_days, kept as an exact rational (the amount is rounded once).
struct DailyRate {
    int64_t rate_per_period_ppm = 0;
    int32_t period_days = 0;
};

// A tagged struct: `kind` says which parameter block is in force; the other blocks are ignored (and ignored
// by ==, so a schedule read back from its text form equals the one written).
struct FeeSchedule {
    FeeKind kind = FeeKind::flat_plus_periods;
    FeeBasis basis = FeeBasis::face;
    int64_t minimum_fee_minor = 0;  // in the invoice currency; 0 = none. Applies per invoice.
    int32_t minimum_days = 0;       // days outstanding below it count as minimum_days
    FlatPlusPeriods flat_plus_periods;
    TieredRates tiered;
    DailyRate daily;

    friend bool operator==(const FeeSchedule& a, const FeeSchedule& b);
};

// Positive day counts, rates 0..100%, 1..kMaxFeeTiers tiers with strictly increasing up_to_days and
// non-decreasing rates (after_rate included: a fee never falls as days pass), minimum fee and days >= 0.
// Fails with "invalid_fee_schedule" naming the field ("tiers[2].up_to_days"). Every function below expects a
// valid schedule.
Status validate(const FeeSchedule& schedule);

// An exact rate: rate_ppm = numerator_ppm / denominator. The denominator is 1 except for daily schedules.
struct FeeRate {
    int64_t numerator_ppm = 0;
    int64_t denominator = 1;

    friend bool operator==(const FeeRate&, const FeeRate&) = default;
};

// The rate for days outstanding after minimum_days is applied. days >= 0, else "invalid_days".
Result<FeeRate> fee_rate_ppm(const FeeSchedule& schedule, int32_t days);

// round(basis x rate(days)) in one exact 128-bit step, before the minimum fee. basis_minor >= 0
// ("invalid_amount"), days >= 0 ("invalid_days"); a fee beyond int64 is "overflow".
Result<int64_t> fee_minor(const FeeSchedule& schedule, int64_t basis_minor, int32_t days);

// max(1, as_of - funded_on + clearance_days) in calendar days.
int32_t days_outstanding(Date funded_on, Date as_of, int32_t clearance_days = 0);

// round(face x advance_rate), half up. advance_rate_ppm 0..100% and face_minor >= 0, else an error.
Result<int64_t> advance_minor(int64_t face_minor, int64_t advance_rate_ppm);

// face - advance: the unadvanced part the factor holds until collection.
Result<int64_t> reserve_minor(int64_t face_minor, int64_t advance_minor);

// The invoice's discount fee: the schedule's basis (face or advance), minimum_days, then
// max(minimum_fee, computed). Requires 0 <= advance_minor <= face_minor.
Result<int64_t> fee_for_invoice(const FeeSchedule& schedule, int64_t face_minor, int64_t advance_minor,
                                int32_t days_outstanding);

// reserve - fee - charges. It may be negative: the fees and charges then exceed the reserve and the client
// owes the factor the difference (client_reserve goes negative, ACCOUNTING.md "Chart of accounts").
Result<int64_t> rebate_minor(int64_t face_minor, int64_t advance_minor, int64_t fee_minor,
                             int64_t charges_minor);

}  // namespace mf
