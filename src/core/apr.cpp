#include "core/apr.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <vector>

#include "core/money.hpp"

namespace mf {

namespace {

namespace chr = std::chrono;

using Real = long double;

constexpr int32_t kDaysPerYear = 365;      // (b)(5)(iv), (v), (vii)
constexpr int32_t kDaysPerMonth = 30;      // (b)(5)(ii), (iii)
constexpr int32_t kDaysPerSemimonth = 15;  // (b)(5)(iii)
constexpr size_t kFlowsMax = 100'000;      // per side: bounds every loop below
constexpr int kBracketStepsMax = 64;
constexpr int kSolverIterationsMax = 400;
constexpr Real kRateTolerance = 1e-18L;
constexpr Real kRatePerUnitPeriodMax = 1e9L;  // keeps apr_ppm far inside int64

Error invalid_input(std::string message, std::string field) {
    return make_error("invalid_apr_input", std::move(message), std::move(field));
}

Error no_solution(std::string message) {
    return make_error("apr_no_solution", std::move(message), "");
}

// Sorted by date, one flow per date, every amount positive.
Result<std::vector<AprFlow>> merged_flows(std::span<const AprFlow> flows, const std::string& field) {
    if (flows.empty())
        return invalid_input(field + ": at least one is required", field);
    if (flows.size() > kFlowsMax) {
        return invalid_input(
            field + ": " + std::to_string(flows.size()) + " flows, at most " + std::to_string(kFlowsMax),
            field);
    }
    for (size_t index = 0; index < flows.size(); ++index) {
        if (flows[index].amount_minor <= 0) {
            return invalid_input(field + "[" + std::to_string(index) + "]: amount must be positive, got " +
                                     std::to_string(flows[index].amount_minor),
                                 field);
        }
    }
    std::vector<AprFlow> sorted(flows.begin(), flows.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const AprFlow& a, const AprFlow& b) { return a.date < b.date; });
    std::vector<AprFlow> merged;
    for (const AprFlow& flow : sorted) {
        if (!merged.empty() && merged.back().date == flow.date) {
            MF_TRY(merged.back().amount_minor, checked_add(merged.back().amount_minor, flow.amount_minor));
        } else {
            merged.push_back(flow);
        }
    }
    return merged;
}

// ---- Months, (b)(3) and (b)(5): all months are equal, measured back from the later date ----

unsigned days_in_month(chr::year_month month) {
    return static_cast<unsigned>(
        chr::year_month_day_last{month.year(), chr::month_day_last{month.month()}}.day());
}

// The date `months` before `later`: the same day of the month, clamped to the month's length. A month-end
// `later` stands for every day from its own up to anchor_day (the start's), so schedules on the 29th-31st and
// on month ends keep whole months.
Date months_before(Date later, int32_t months, unsigned anchor_day) {
    const auto value = later.ymd();
    const chr::year_month target = chr::year_month{value.year(), value.month()} - chr::months{months};
    const chr::year_month later_month{value.year(), value.month()};
    unsigned day = static_cast<unsigned>(value.day());
    if (day == days_in_month(later_month))
        day = std::max(day, anchor_day);
    day = std::min(day, days_in_month(target));
    const chr::sys_days days{chr::year_month_day{target.year(), target.month(), chr::day{day}}};
    return Date::from_days(static_cast<int32_t>(days.time_since_epoch().count()));
}

int32_t month_index(Date date) {
    const auto value = date.ymd();
    return static_cast<int32_t>(value.year()) * 12 +
           static_cast<int32_t>(static_cast<unsigned>(value.month()));
}

struct MonthsAndDays {
    int32_t months;
    int32_t days;
};

// Full months measured back from later while they stay on or after start, and the odd days before them.
MonthsAndDays months_back(Date start, Date later) {
    MF_ASSERT(start <= later);
    for (int32_t months = month_index(later) - month_index(start); months > 0; --months) {
        const Date boundary = months_before(later, months, start.day());
        if (boundary >= start)
            return MonthsAndDays{months, days_between(start, boundary)};
    }
    return MonthsAndDays{0, days_between(start, later)};
}

bool whole_months_apart(Date earlier, Date later, int32_t months) {
    return earlier.plus_months(months) == later || months_before(later, months, earlier.day()) == earlier;
}

// ---- Unit period, (b)(4) ----

// Candidates: day, 1..52 weeks, semimonth, 1..11 months, year.
constexpr int kWeeksMax = 52;
constexpr int kMonthsMax = 11;
constexpr int kCandidateCount = 1 + kWeeksMax + 1 + kMonthsMax + 1;

UnitPeriod candidate(int index) {
    if (index == 0)
        return {UnitPeriodKind::day, 1};
    if (index <= kWeeksMax)
        return {UnitPeriodKind::week, index};
    if (index == kWeeksMax + 1)
        return {UnitPeriodKind::semimonth, 1};
    if (index <= kWeeksMax + 1 + kMonthsMax)
        return {UnitPeriodKind::month, index - kWeeksMax - 1};
    return {UnitPeriodKind::year, 1};
}

constexpr int kSemimonthIndex = kWeeksMax + 1;
int month_candidate_index(int months) {
    return months == 12 ? kCandidateCount - 1 : kSemimonthIndex + months;
}

// Average length in days, for the smaller-of-two rule and for rounding an average period.
Real nominal_days(UnitPeriod unit) {
    switch (unit.kind) {
        case UnitPeriodKind::day:
            return unit.count;
        case UnitPeriodKind::week:
            return 7.0L * unit.count;
        case UnitPeriodKind::semimonth:
            return kDaysPerYear / 24.0L;
        case UnitPeriodKind::month:
            return kDaysPerYear * unit.count / 12.0L;
        case UnitPeriodKind::year:
            return kDaysPerYear;
    }
    MF_ASSERT(false);
    return 0;
}

struct PeriodTally {
    std::array<int64_t, kCandidateCount> matches{};  // periods that are each standard interval
    int64_t periods = 0;
    int64_t days = 0;
};

// A period of 13-17 days is a semimonth when it and a neighbour make one calendar month (1st and 16th, 15th
// and last day...): a length alone cannot tell a semimonth from two weeks.
bool is_semimonth(const std::vector<Date>& dates, size_t index) {
    const int32_t length_days = days_between(dates[index], dates[index + 1]);
    if (length_days < 13 || length_days > 17)
        return false;
    if (index + 2 < dates.size() && whole_months_apart(dates[index], dates[index + 2], 1))
        return true;
    return index >= 1 && whole_months_apart(dates[index - 1], dates[index + 1], 1);
}

// (b)(3)(i): the periods between consecutive dates of one kind of flow.
void tally_periods(const std::vector<Date>& dates, PeriodTally& tally) {
    for (size_t index = 0; index + 1 < dates.size(); ++index) {
        const Date from = dates[index];
        const Date to = dates[index + 1];
        const int32_t length_days = days_between(from, to);
        ++tally.periods;
        tally.days += length_days;
        if (length_days == 1)
            ++tally.matches[0];
        if (length_days % 7 == 0 && length_days / 7 <= kWeeksMax)
            ++tally.matches[length_days / 7];  // weeks are candidates 1..52
        if (is_semimonth(dates, index))
            ++tally.matches[kSemimonthIndex];
        const int32_t months = month_index(to) - month_index(from);
        if (months >= 1 && months <= 12 && whole_months_apart(from, to, months)) {
            ++tally.matches[month_candidate_index(months)];
        }
    }
}

// (b)(4)(i): the standard interval that is the most frequent common period, the smaller on a tie; with no
// common period, the average period rounded to the nearest standard interval, the lower on a tie. A period
// that repeats but is no standard interval (every 45 days) counts as no common period: (b)(5) can only count
// standard ones.
UnitPeriod choose_unit_period(const std::vector<AprFlow>& advances, const std::vector<AprFlow>& payments) {
    const Date start = advances.front().date;
    std::vector<Date> payment_dates;
    if (payments.front().date > start)
        payment_dates.push_back(start);
    for (const AprFlow& payment : payments)
        payment_dates.push_back(payment.date);
    std::vector<Date> advance_dates;
    for (const AprFlow& advance : advances)
        advance_dates.push_back(advance.date);
    PeriodTally tally;
    tally_periods(payment_dates, tally);
    tally_periods(advance_dates, tally);
    MF_ASSERT(tally.periods > 0);

    int best = -1;
    for (int index = 0; index < kCandidateCount; ++index) {
        const int64_t count = tally.matches[index];
        if (count < 2)
            continue;
        if (best < 0 || count > tally.matches[best] ||
            (count == tally.matches[best] &&
             nominal_days(candidate(index)) < nominal_days(candidate(best)))) {
            best = index;
        }
    }
    if (best >= 0)
        return candidate(best);

    const Real average_days = static_cast<Real>(tally.days) / static_cast<Real>(tally.periods);
    int nearest = 0;
    for (int index = 1; index < kCandidateCount; ++index) {
        const Real distance = std::fabs(nominal_days(candidate(index)) - average_days);
        const Real best_distance = std::fabs(nominal_days(candidate(nearest)) - average_days);
        if (distance < best_distance || (distance == best_distance &&
                                         nominal_days(candidate(index)) < nominal_days(candidate(nearest)))) {
            nearest = index;
        }
    }
    return candidate(nearest);
}

// ---- Time from the start of the term to a flow, (b)(5) ----

struct UnitTime {
    Real full_periods;
    Real fraction;
};

UnitTime split(int64_t length, int64_t per_unit) {
    return UnitTime{static_cast<Real>(length / per_unit),
                    static_cast<Real>(length % per_unit) / static_cast<Real>(per_unit)};
}

UnitTime unit_time(UnitPeriod unit, Date start, Date date) {
    const int32_t days = days_between(start, date);
    MF_ASSERT(days >= 0);
    switch (unit.kind) {
        case UnitPeriodKind::day:
            return split(days, unit.count);
        case UnitPeriodKind::week:
            return split(days, 7 * int64_t{unit.count});
        case UnitPeriodKind::semimonth: {
            const MonthsAndDays back = months_back(start, date);
            return split(int64_t{kDaysPerMonth} * back.months + back.days, kDaysPerSemimonth);
        }
        case UnitPeriodKind::month: {
            const MonthsAndDays back = months_back(start, date);
            if (unit.count == 1)
                return UnitTime{static_cast<Real>(back.months), back.days / Real{kDaysPerMonth}};
            return split(int64_t{kDaysPerMonth} * back.months + back.days,
                         int64_t{kDaysPerMonth} * unit.count);
        }
        case UnitPeriodKind::year: {
            const MonthsAndDays back = months_back(start, date);
            const int32_t years = back.months / 12;
            if (back.days == 0)
                return UnitTime{static_cast<Real>(years), (back.months - 12 * years) / 12.0L};
            const Date year_boundary = months_before(date, 12 * years, start.day());
            return UnitTime{static_cast<Real>(years),
                            days_between(start, year_boundary) / Real{kDaysPerYear}};
        }
    }
    MF_ASSERT(false);
    return {};
}

Real unit_periods_per_year(UnitPeriod unit) {
    switch (unit.kind) {
        case UnitPeriodKind::day:
            return Real{kDaysPerYear} / unit.count;
        case UnitPeriodKind::week:
            return 52.0L / unit.count;
        case UnitPeriodKind::semimonth:
            return 24;
        case UnitPeriodKind::month:
            return 12.0L / unit.count;
        case UnitPeriodKind::year:
            return 1;
    }
    MF_ASSERT(false);
    return 0;
}

// ---- The general equation (b)(8), solved as in (b)(9) with a bracket kept around the root ----

struct Term {
    Real amount;  // payments positive, advances negative, in units of the total advanced
    UnitTime time;
};

struct Evaluation {
    Real value;  // present value of payments minus present value of advances at the rate
    Real derivative;
};

Evaluation evaluate(const std::vector<Term>& terms, Real rate) {
    Evaluation result{0, 0};
    for (const Term& term : terms) {
        const Real fraction_factor = 1 + term.time.fraction * rate;
        const Real present = term.amount / (fraction_factor * std::pow(1 + rate, term.time.full_periods));
        result.value += present;
        result.derivative -=
            present * (term.time.fraction / fraction_factor + term.time.full_periods / (1 + rate));
    }
    return result;
}

struct Bracket {
    Real low;
    Real high;
    bool value_at_low_positive;
};

// From rate 0 (the finance charge's sign) outwards to the first sign change: up by doubling for a positive
// finance charge, down towards the lowest rate with every discount factor positive for a negative one.
Result<Bracket> bracket_rate(const std::vector<Term>& terms, Real value_at_zero) {
    Real fraction_max = 1;
    for (const Term& term : terms)
        fraction_max = std::max(fraction_max, term.time.fraction);
    const Real rate_min = -1 / fraction_max;
    Real near = 0;
    for (int step = 0; step < kBracketStepsMax; ++step) {
        const Real far =
            value_at_zero > 0 ? std::ldexp(Real{1}, step) : rate_min * (1 - std::ldexp(Real{1}, -1 - step));
        if (value_at_zero > 0 && far > kRatePerUnitPeriodMax)
            break;
        const Real value = evaluate(terms, far).value;
        if (!std::isfinite(value))
            break;
        if ((value > 0) != (value_at_zero > 0) || value == 0) {
            if (value_at_zero > 0)
                return Bracket{near, far, true};
            return Bracket{far, near, value > 0};
        }
        near = far;
    }
    return no_solution("no rate solves the Appendix J equation for these flows");
}

Result<Real> solve_rate(const std::vector<Term>& terms) {
    const Real value_at_zero = evaluate(terms, 0).value;
    if (value_at_zero == 0)
        return Real{0};
    MF_TRY(Bracket bracket, bracket_rate(terms, value_at_zero));
    Real rate = (bracket.low + bracket.high) / 2;
    for (int iteration = 0; iteration < kSolverIterationsMax; ++iteration) {
        const Evaluation at = evaluate(terms, rate);
        if (at.value == 0)
            return rate;
        if ((at.value > 0) == bracket.value_at_low_positive) {
            bracket.low = rate;
        } else {
            bracket.high = rate;
        }
        Real next = rate - at.value / at.derivative;
        if (!std::isfinite(next) || next <= bracket.low || next >= bracket.high) {
            next = (bracket.low + bracket.high) / 2;
        }
        if (std::fabs(next - rate) <= kRateTolerance * std::max(Real{1}, std::fabs(rate)))
            return next;
        rate = next;
    }
    return no_solution("the Appendix J iteration did not converge");
}

Result<AprResult> solve_general(const std::vector<AprFlow>& advances, const std::vector<AprFlow>& payments,
                                UnitPeriod unit) {
    const Date start = advances.front().date;
    Real advanced_total = 0;
    for (const AprFlow& advance : advances)
        advanced_total += static_cast<Real>(advance.amount_minor);
    std::vector<Term> terms;
    for (const AprFlow& payment : payments) {
        terms.push_back(Term{payment.amount_minor / advanced_total, unit_time(unit, start, payment.date)});
    }
    for (const AprFlow& advance : advances) {
        terms.push_back(Term{-advance.amount_minor / advanced_total, unit_time(unit, start, advance.date)});
    }
    MF_TRY(const Real rate, solve_rate(terms));
    const Real apr_ppm = rate * unit_periods_per_year(unit) * kPpmPerUnit;
    if (!std::isfinite(apr_ppm) || std::fabs(apr_ppm) > 1e18L)
        return no_solution("the APR is out of range");
    return AprResult{static_cast<int64_t>(std::llround(apr_ppm)), unit};
}

}  // namespace

Result<int64_t> simple_apr_ppm(int64_t amount_financed_minor, int64_t finance_charge_minor,
                               int32_t term_days) {
    if (amount_financed_minor <= 0) {
        return invalid_input(
            "amount_financed: must be positive, got " + std::to_string(amount_financed_minor),
            "amount_financed");
    }
    if (finance_charge_minor <= -amount_financed_minor) {
        return invalid_input(
            "finance_charge: " + std::to_string(finance_charge_minor) + " would leave nothing to repay",
            "finance_charge");
    }
    if (term_days < 1 || term_days > kDaysPerYear) {
        return invalid_input("term_days: " + std::to_string(term_days) +
                                 " is not one unit period of 1 to 365 days; use the actuarial solver",
                             "term_days");
    }
    const int128 numerator = static_cast<int128>(finance_charge_minor) * kDaysPerYear * kPpmPerUnit;
    const int128 denominator = static_cast<int128>(amount_financed_minor) * term_days;
    auto apr_ppm = divide_round_half_up(numerator, denominator);
    if (!apr_ppm)
        return no_solution("the APR is out of range");
    return apr_ppm.value();
}

Result<AprResult> actuarial_apr(std::span<const AprFlow> advances, std::span<const AprFlow> payments) {
    MF_TRY(const auto merged_advances, merged_flows(advances, "advances"));
    MF_TRY(const auto merged_payments, merged_flows(payments, "payments"));
    const Date start = merged_advances.front().date;
    if (merged_payments.front().date < start) {
        return invalid_input("payments: " + merged_payments.front().date.to_string() +
                                 " is before the first advance on " + start.to_string(),
                             "payments");
    }
    if (merged_advances.size() == 1 && merged_payments.size() == 1) {
        // (b)(4)(ii): the unit period is the term, at most a year; under a year it is counted in days
        // ((b)(5)(vii), and the choice (b)(5)(vi) allows for a whole number of months), which is exactly the
        // simple formula.
        const Date due = merged_payments.front().date;
        if (due == start)
            return invalid_input("payments: a single payment on the advance date has no term", "payments");
        if (months_back(start, due).months < 12) {
            const int64_t amount_financed = merged_advances.front().amount_minor;
            const int32_t term_days = days_between(start, due);
            MF_TRY(const int64_t apr_ppm,
                   simple_apr_ppm(amount_financed, merged_payments.front().amount_minor - amount_financed,
                                  term_days));
            return AprResult{apr_ppm, UnitPeriod{UnitPeriodKind::day, term_days}};
        }
        return solve_general(merged_advances, merged_payments, UnitPeriod{UnitPeriodKind::year, 1});
    }
    return solve_general(merged_advances, merged_payments,
                         choose_unit_period(merged_advances, merged_payments));
}

std::string format_apr_percent(int64_t apr_ppm) {
    constexpr int64_t kPpmPerHundredthPercent = 100;
    const int64_t hundredths = divide_round_half_up(apr_ppm, kPpmPerHundredthPercent).value();
    const uint64_t magnitude =
        hundredths < 0 ? 0 - static_cast<uint64_t>(hundredths) : static_cast<uint64_t>(hundredths);
    const uint64_t cents = magnitude % 100;
    return std::string(hundredths < 0 ? "-" : "") + std::to_string(magnitude / 100) +
           (cents < 10 ? ".0" : ".") + std::to_string(cents);
}

}  // namespace mf
