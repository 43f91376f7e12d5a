// Annual percentage rate by the actuarial method of Regulation Z Appendix J (12 CFR 1026), the cost
// disclosure of ACCOUNTING.md "Cost disclosure (APR)". A disclosure figure, not money: solved in long double,
// returned in ppm. Pure and thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "core/date.hpp"
#include "core/error.hpp"

namespace mf {

// One advance (money to the client) or one payment (money back), in minor units of one currency.
struct AprFlow {
    int64_t amount_minor = 0;
    Date date;
};

// Appendix J (b)(4): the unit period the APR is an annual multiple of.
enum class UnitPeriodKind {
    day,   // count days: 1, or the whole term of a single advance, single payment transaction under a year
    week,  // count weeks, 1..52
    semimonth,  // count 1
    month,      // count months, 1..11
    year,       // count 1
};

struct UnitPeriod {
    UnitPeriodKind kind = UnitPeriodKind::day;
    int32_t count = 1;

    friend bool operator==(const UnitPeriod&, const UnitPeriod&) = default;
};

struct AprResult {
    int64_t apr_ppm = 0;  // 1% = 10,000; rounded half up (away from zero) to 1 ppm
    UnitPeriod unit_period;
};

// The factoring case, one unit period of term_days ((b)(5)(vii)): APR = finance_charge / amount_financed x
// 365 / term_days, exact and rounded once. amount_financed > 0, finance_charge > -amount_financed, 1 <=
// term_days <= 365 (a longer term is not one unit period: use actuarial_apr). Errors: invalid_apr_input.
Result<int64_t> simple_apr_ppm(int64_t amount_financed_minor, int64_t finance_charge_minor,
                               int32_t term_days);

// The general equation (b)(8) for any advances and payments. The term begins at the first advance; flows on
// the same date are added together; every amount is positive; no payment precedes the first advance. A single
// advance and single payment under a year is answered exactly by simple_apr_ppm. A negative finance charge
// gives a negative APR. Errors: invalid_apr_input (with the field), apr_no_solution.
Result<AprResult> actuarial_apr(std::span<const AprFlow> advances, std::span<const AprFlow> payments);

// Percent with two decimals, rounded half up: 405556 -> "40.56", -5000 -> "-0.50".
std::string format_apr_percent(int64_t apr_ppm);

}  // namespace mf
