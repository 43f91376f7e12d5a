// The JSON form of auto-approval rules and decisions (API.md spelling, shared by the API and the CLI's
// --json). Thresholds are money in the currency of whose rules they are (the book's base currency, or the
// client's). Thread-safety: pure functions.
#pragma once

#include <boost/json.hpp>

#include "book/auto_approval.hpp"

namespace mf {

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const AutoApprovalCheck& check);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const AutoApprovalDecision& decision);
// {"book": {...}, "client": {...} | absent, "effective": {...} | absent}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const AutoApprovalSettings& settings);

}  // namespace mf
