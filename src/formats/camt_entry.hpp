// One camt entry (Ntry) and its transaction details (TxDtls) read into credits or counted as skipped; the
// rules are in camt.hpp. Internal to the camt reader. Thread-safety: pure functions.
#pragma once

#include <pugixml.hpp>

#include <string>

#include "core/error.hpp"
#include "formats/bank_common.hpp"
#include "formats/records.hpp"

namespace mf::formats {

// The account number in an Acct, CdtrAcct or DbtrAcct: Id/IBAN, else Id/Othr/Id; empty when neither.
std::string account_id(pugi::xml_node account);

// Appends the entry's credits to file.credits (or counts it as skipped), naming problems by place.
Status read_entry(pugi::xml_node entry, const Place& place, const std::string& account, BankFile& file,
                  BankReferences& references);

}  // namespace mf::formats
