// The one portable text form of a fee schedule, shared by the CLI, the store and reports (core knows no
// JSON):
//   flat 2%/30d +1%/15d | tiered 2%/10d 3%/20d after 20% | daily 3.5%/30d   [basis=advance] [min_fee=5.00]
//   [min_days=10]
// Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/fees.hpp"
#include "core/money.hpp"

namespace mf {

// Reads the text form; min_fee is a decimal in `currency`. Words are separated by any amount of whitespace
// and the options may come in any order, each at most once. A malformed or unknown word fails with
// "invalid_fee_schedule" (field "fee_schedule") naming it; the result has passed validate(), whose failures
// are reported the same way.
Result<FeeSchedule> parse_fee_schedule(std::string_view text, Currency currency);

// The canonical text: single spaces, shortest exact percents, options only when not the default, in the order
// basis, min_fee, min_days. parse_fee_schedule(format_fee_schedule(s, c), c) == s for every valid schedule.
std::string format_fee_schedule(const FeeSchedule& schedule, Currency currency);

}  // namespace mf
