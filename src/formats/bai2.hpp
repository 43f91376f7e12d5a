// BAI2 (cash management balance reporting, version 2) read into the credits a factor books as receipts.
// Thread-safety: pure functions.
//
// Records 01 file, 02 group, 03 account, 16 transaction detail, 49/98/99 trailers, and 88 continuing the
// record before it (a 16's text included). Every 49, 98 and 99 is checked: control totals (the algebraic sum
// of the amounts of 03 and 16 records, then of the trailers below) and record counts (each 88 counts), with
// errors naming the line and the stated and found values. Amounts are minor units of the account's
// currency (the 03's, else the 02's, else USD as BAI2 defaults). Funds types 0, 1, 2, Z, V (value date and
// time), S (three amounts) and D (a count and as many day/amount pairs) are stepped over to reach the bank
// reference, customer reference and text.
//
// What a 16 record becomes, by type code:
//  - 100-399 (credits): a credit, except the codes that return money of an earlier debit or of our own
//    payment rather than pay us (123, 168, 251, 252, 254-258, 260, 261, 266, 268, 395: debit reversals,
//    returns, rejected outgoing credits, check reversals), which count in reversals_skipped. Adjustment
//    credits (118, 172, 196, 357, ...) are money on the account and stay credits for a person to apply.
//  - 400-699 (debits): debits_skipped, except the reversals of earlier credits (423, 551, 552, 554-558,
//    566, 568, 694, 695: deposited items returned, ACH returns, credit and deposit reversals), which count in
//    reversals_skipped, so that a receipt that bounced is noticed.
//  - 920-959 and 960-999, the ranges BAI2 leaves to each bank for its own credit and debit codes: a credit
//    (its code kept, for a person to read in the bank's guide) and debits_skipped. A bank-specific credit is
//    money on the account whatever the bank calls it, so it is recorded and matched like any other.
//  - anything else (status codes 001-099 and the bank's 900-919, the unused 700-899): unsupported_type_code,
//    since nothing says whether money came in.
// A credit's booking date is the group's as-of date, its value date the funds type V date; the bank
// reference (else a derived one, bank_common.hpp), customer reference (as creditor_reference) and text
// (as remittance) come from the 16 record; a file that is not UTF-8 is read as Latin-1. A group with status 3 (deletion) or 4 (test only) may carry
// balances but no transactions: a file that books or deletes through them is refused.
#pragma once

#include <string_view>

#include "core/error.hpp"
#include "formats/records.hpp"

namespace mf::formats {

Result<BankFile> read_bai2(std::string_view bytes);

}  // namespace mf::formats
