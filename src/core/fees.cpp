#include "core/fees.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "core/money.hpp"

namespace mf {

std::span<const FeeTier> TieredRates::in_use() const {
    MF_ASSERT(tier_count >= 0 && tier_count <= kMaxFeeTiers);
    return {tiers.data(), static_cast<size_t>(tier_count)};
}

bool operator==(const FeeSchedule& a, const FeeSchedule& b) {
    if (a.kind != b.kind || a.basis != b.basis || a.minimum_fee_minor != b.minimum_fee_minor ||
        a.minimum_days != b.minimum_days) {
        return false;
    }
    switch (a.kind) {
        case FeeKind::flat_plus_periods:
            return a.flat_plus_periods.initial_rate_ppm == b.flat_plus_periods.initial_rate_ppm &&
                   a.flat_plus_periods.initial_days == b.flat_plus_periods.initial_days &&
                   a.flat_plus_periods.period_rate_ppm == b.flat_plus_periods.period_rate_ppm &&
                   a.flat_plus_periods.period_days == b.flat_plus_periods.period_days;
        case FeeKind::tiered: {
            if (a.tiered.tier_count != b.tiered.tier_count ||
                a.tiered.after_rate_ppm != b.tiered.after_rate_ppm) {
                return false;
            }
            const auto a_tiers = a.tiered.in_use();
            const auto b_tiers = b.tiered.in_use();
            return std::equal(a_tiers.begin(), a_tiers.end(), b_tiers.begin(),
                              [](const FeeTier& x, const FeeTier& y) {
                                  return x.up_to_days == y.up_to_days && x.rate_ppm == y.rate_ppm;
                              });
        }
        case FeeKind::daily:
            return a.daily.rate_per_period_ppm == b.daily.rate_per_period_ppm &&
                   a.daily.period_days == b.daily.period_days;
    }
    return false;
}

namespace {

Error schedule_error(std::string field, std::string why) {
    return make_error("invalid_fee_schedule", field + " " + why, std::move(field));
}

Status check_rate(int64_t rate_ppm, const std::string& field) {
    if (rate_ppm >= 0 && rate_ppm <= kPpmPerUnit)
        return ok();
    return schedule_error(field, "must be between 0% and 100%, got " + std::to_string(rate_ppm) + " ppm");
}

Status check_positive_days(int32_t days, const std::string& field) {
    if (days > 0)
        return ok();
    return schedule_error(field, "must be at least 1 day, got " + std::to_string(days));
}

Status validate_tiered(const TieredRates& tiered) {
    if (tiered.tier_count < 1 || tiered.tier_count > kMaxFeeTiers) {
        return schedule_error("tiers", "must hold 1 to " + std::to_string(kMaxFeeTiers) + " tiers, got " +
                                           std::to_string(tiered.tier_count));
    }
    const FeeTier* previous = nullptr;
    for (int32_t i = 0; i < tiered.tier_count; ++i) {
        const FeeTier& tier = tiered.tiers[i];
        const std::string field = "tiers[" + std::to_string(i) + "]";
        MF_CHECK(check_positive_days(tier.up_to_days, field + ".up_to_days"));
        MF_CHECK(check_rate(tier.rate_ppm, field + ".rate_ppm"));
        if (previous != nullptr && tier.up_to_days <= previous->up_to_days) {
            return schedule_error(field + ".up_to_days", "must be greater than the previous tier's " +
                                                             std::to_string(previous->up_to_days) + ", got " +
                                                             std::to_string(tier.up_to_days));
        }
        // A falling rate would make the fee fall as days pass: a later collection would earn less.
        if (previous != nullptr && tier.rate_ppm < previous->rate_ppm) {
            return schedule_error(field + ".rate_ppm", "must not be below the previous tier's rate");
        }
        previous = &tier;
    }
    MF_CHECK(check_rate(tiered.after_rate_ppm, "after_rate_ppm"));
    if (tiered.after_rate_ppm < previous->rate_ppm) {
        return schedule_error("after_rate_ppm", "must not be below the last tier's rate");
    }
    return ok();
}

Status check_face(int64_t face_minor) {
    if (face_minor >= 0)
        return ok();
    return make_error("invalid_amount", "face amount must not be negative, got " + std::to_string(face_minor),
                      "face_amount");
}

}  // namespace

Status validate(const FeeSchedule& schedule) {
    if (schedule.minimum_fee_minor < 0)
        return schedule_error("minimum_fee_minor", "must not be negative");
    if (schedule.minimum_days < 0)
        return schedule_error("minimum_days", "must not be negative");
    switch (schedule.kind) {
        case FeeKind::flat_plus_periods: {
            const FlatPlusPeriods& flat = schedule.flat_plus_periods;
            MF_CHECK(check_rate(flat.initial_rate_ppm, "initial_rate_ppm"));
            MF_CHECK(check_positive_days(flat.initial_days, "initial_days"));
            MF_CHECK(check_rate(flat.period_rate_ppm, "period_rate_ppm"));
            MF_CHECK(check_positive_days(flat.period_days, "period_days"));
            return ok();
        }
        case FeeKind::tiered:
            return validate_tiered(schedule.tiered);
        case FeeKind::daily: {
            MF_CHECK(check_rate(schedule.daily.rate_per_period_ppm, "rate_per_period_ppm"));
            MF_CHECK(check_positive_days(schedule.daily.period_days, "period_days"));
            return ok();
        }
    }
    return schedule_error("kind", "is not a known fee kind");
}

Result<FeeRate> fee_rate_ppm(const FeeSchedule& schedule, int32_t days) {
    if (days < 0) {
        return make_error("invalid_days",
                          "days outstanding must not be negative, got " + std::to_string(days),
                          "days_outstanding");
    }
    const int64_t charged_days = std::max(days, schedule.minimum_days);
    switch (schedule.kind) {
        case FeeKind::flat_plus_periods: {
            const FlatPlusPeriods& flat = schedule.flat_plus_periods;
            MF_ASSERT(flat.period_days > 0);
            if (charged_days <= flat.initial_days)
                return FeeRate{flat.initial_rate_ppm, 1};
            // Every period or part of one beyond the initial days: a ceiling division.
            const int64_t periods =
                (charged_days - flat.initial_days + flat.period_days - 1) / flat.period_days;
            return FeeRate{flat.initial_rate_ppm + periods * flat.period_rate_ppm, 1};
        }
        case FeeKind::tiered: {
            for (const FeeTier& tier : schedule.tiered.in_use()) {
                if (tier.up_to_days >= charged_days)
                    return FeeRate{tier.rate_ppm, 1};
            }
            return FeeRate{schedule.tiered.after_rate_ppm, 1};
        }
        case FeeKind::daily:
            MF_ASSERT(schedule.daily.period_days > 0);
            return FeeRate{schedule.daily.rate_per_period_ppm * charged_days, schedule.daily.period_days};
    }
    MF_ASSERT(false && "unknown FeeKind");
    return FeeRate{};
}

Result<int64_t> fee_minor(const FeeSchedule& schedule, int64_t basis_minor, int32_t days) {
    if (basis_minor < 0) {
        return make_error("invalid_amount",
                          "fee basis must not be negative, got " + std::to_string(basis_minor), "basis");
    }
    MF_TRY(const FeeRate rate, fee_rate_ppm(schedule, days));
    // basis <= 2^63, numerator_ppm <= 10^6 x 2^31 (+10^6): the product stays far inside 128 bits.
    return divide_round_half_up(static_cast<int128>(basis_minor) * rate.numerator_ppm,
                                static_cast<int128>(rate.denominator) * kPpmPerUnit);
}

int32_t days_outstanding(Date funded_on, Date as_of, int32_t clearance_days) {
    const int64_t days = static_cast<int64_t>(days_between(funded_on, as_of)) + clearance_days;
    MF_ASSERT(days <= std::numeric_limits<int32_t>::max());
    return static_cast<int32_t>(std::max<int64_t>(1, days));
}

Result<int64_t> advance_minor(int64_t face_minor, int64_t advance_rate_ppm) {
    MF_CHECK(check_face(face_minor));
    if (advance_rate_ppm < 0 || advance_rate_ppm > kPpmPerUnit) {
        return make_error(
            "invalid_rate",
            "advance rate must be between 0% and 100%, got " + std::to_string(advance_rate_ppm) + " ppm",
            "advance_rate");
    }
    return apply_rate_ppm(face_minor, advance_rate_ppm);
}

Result<int64_t> reserve_minor(int64_t face_minor, int64_t advance_minor) {
    return checked_sub(face_minor, advance_minor);
}

Result<int64_t> fee_for_invoice(const FeeSchedule& schedule, int64_t face_minor, int64_t advance_minor,
                                int32_t days_outstanding) {
    MF_CHECK(check_face(face_minor));
    if (advance_minor < 0 || advance_minor > face_minor) {
        return make_error("invalid_amount", "advance amount must be between 0 and the face amount",
                          "advance_amount");
    }
    const int64_t basis_minor = schedule.basis == FeeBasis::face ? face_minor : advance_minor;
    MF_TRY(const int64_t computed_minor, fee_minor(schedule, basis_minor, days_outstanding));
    return std::max(schedule.minimum_fee_minor, computed_minor);
}

Result<int64_t> rebate_minor(int64_t face_minor, int64_t advance_minor, int64_t fee_minor,
                             int64_t charges_minor) {
    MF_TRY(const int64_t reserve, reserve_minor(face_minor, advance_minor));
    MF_TRY(const int64_t after_fee, checked_sub(reserve, fee_minor));
    return checked_sub(after_fee, charges_minor);
}

}  // namespace mf
