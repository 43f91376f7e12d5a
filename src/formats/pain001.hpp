// ISO 20022 pain.001.001.09 SEPA credit transfer initiation (money out): payout orders to the XML a bank
// takes to pay them from the factor's account, one PmtInf per requested execution date. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "formats/records.hpp"

namespace mf::formats {

struct Pain001Options {
    std::string message_id;  // GrpHdr/MsgId: unique per file, 1 to 35 characters of the SEPA set
    Date creation_date;      // GrpHdr/CreDtTm, the originator's local date and time (no zone is written)
    int creation_second_of_day = 0;  // 0..86399
};

// The end-to-end id is the payout id with '_' written as '-' ("pay_12" -> "pay-12"): the underscore is not in
// the SEPA character set, and our ids ("prefix_number") have no '-' of their own, so the bank's returns map
// back. The whole document, UTF-8. Every payout is validated first (EUR, amount, IBAN, BIC, end-to-end id,
// names and remittance carried into the SEPA character set and cut to 70 / 140 characters); the first problem
// is returned, naming the payout and the field.
Result<std::string> write_pain001(const Originator& originator, const std::vector<PayoutOrder>& payouts,
                                  const Pain001Options& options);

// ISO 13616: electronic form (no spaces), the country's length, check digits by mod 97.
bool is_valid_iban(std::string_view iban);
// ISO 9362 as the pain.001.001.09 schema has it: 4 letters or digits, a 2-letter country, 2 letters or
// digits, an optional 3-character branch.
bool is_valid_bic(std::string_view bic);

}  // namespace mf::formats
