// The JSON form of a NACHA file checked (`payout-file check FILE --json`): what the file holds and every
// problem, named by line, record and field. Same conventions as records.hpp. Thread-safety: pure functions.
#pragma once

#include <boost/json.hpp>

#include "formats/nacha_read.hpp"

namespace mf::formats {

// {"format": "nacha", "valid", "line_count", "block_count", "batch_count", "entry_count", "addenda_count",
// "entry_hash", "currency": "USD", "total_credit", "total_debit", "file_creation_date", "immediate_origin",
// "immediate_origin_name", "immediate_destination", "immediate_destination_name", "effective_dates": [...],
// "batches": [{"line", "batch_number", "service_class_code", "sec_code", "company_name",
// "company_identification", "company_entry_description", "effective_entry_date", "entry_count",
// "addenda_count", "total_credit", "total_debit"}], "problems": [{"line", "record_type", "field", "code",
// "message"}], "notes": [same]}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const NachaReading& reading);

}  // namespace mf::formats
