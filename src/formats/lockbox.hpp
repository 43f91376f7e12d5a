// Lockbox and generic bank CSV: a header row naming the columns date, amount, currency, payer_name and
// reference (any order, any case), RFC 4180 quoting, UTF-8 with or without BOM (read by csv.hpp). Optional
// columns: bank_reference (the bank's id for the payment) and account (ours). Each data row is one credit:
// date YYYY-MM-DD as booking date, a positive decimal amount with at most the currency's decimals,
// reference as creditor_reference. Without a bank_reference the credit gets a derived one
// (bank_common.hpp): a digest of date, amount, currency, payer, reference and which repeat of those it is.
// The file has no id of its own, so message_id is derived from its bytes. Any bad row rejects the file.
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "core/error.hpp"
#include "formats/records.hpp"

namespace mf::formats {

Result<BankFile> read_lockbox_csv(std::string_view bytes);

}  // namespace mf::formats
