// Fee to date of a funded invoice, and what close-day has already posted for it. Fees are never summed from
// rounded daily pieces: the fee to date is recomputed from the invoice's copied schedule and only the delta
// is posted (ACCOUNTING.md "Money"). Pure; thread-safe.
#pragma once

#include <optional>

#include "core/error.hpp"
#include "core/model.hpp"

namespace mf {

// The invoice's fee if it were settled on as_of (days outstanding with its clearance days, basis, minimums).
Result<int64_t> fee_to_date_minor(const Invoice& invoice, Date as_of);

// The fee already posted to fee_income for an invoice: for an invoice that left the funded state, its settled
// fee; for an open one, its fee to the last closed business date, or 0 when it was funded after that close.
// Close-day posts accruals per client, so this is how an invoice's share of them is known without a row per
// day.
Result<int64_t> fee_posted_minor(const Invoice& invoice, std::optional<Date> last_closed_on);

}  // namespace mf
