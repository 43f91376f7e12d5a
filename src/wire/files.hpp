// The JSON form of what files and cash application give back: per-row intake results, a bank file's
// receipts and duplicates, certain applications and suggestions. Same conventions as records.hpp.
// Thread-safety: pure functions.
#pragma once

#include <boost/json.hpp>

#include "book/intake.hpp"

namespace mf {

// {"format", "written", "accepted", "held", "rejected", "schedule": {...}|null, "rows": [{"place", "number",
// "kind", "outcome", "rules": [{"code", "message"}], "debtor_id", "debtor_match", "invoice_id"}]}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const IntakeResult& result);
// {"format", "recorded": [receipt...], "duplicates": [{"place", "receipt_id"}], "debits_skipped",
// "reversals_skipped", "pending_skipped"}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const BankImportResult& result);
// {"debtor_id", "certain": {"applications", "reason"}|null, "suggestions": [{"score", "reason",
// "applications": [{"invoice_id", "amount", "close_short", "to_client"}]}]}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const CashMatch& match);
// {"applied": n, "receipts": [{"receipt_id", "applied", "reason", "applications", "suggestions",
// "debtor_id"}]}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const AutoApplyResult& result);

}  // namespace mf
