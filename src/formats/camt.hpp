// ISO 20022 camt.053 (bank to customer statement) and camt.054 (debit/credit notification), versions
// .001.02 to .001.08, read into the credits a factor books as receipts. Thread-safety: pure functions.
//
// What becomes a credit, entry by entry (Ntry), in this order:
//  - RvslInd true: a reversal (of an earlier credit, or of a debit), counted in reversals_skipped;
//  - CdtDbtInd DBIT: counted in debits_skipped;
//  - Sts other than BOOK (PDNG, INFO, FUTR): counted in pending_skipped;
//  - otherwise one credit per entry. A batch (an entry with several TxDtls, each with its amount) gives one
//    credit per TxDtls; their amounts must add up to the entry's (control_total_mismatch otherwise), a
//    TxDtls marked DBIT inside it counts as a skipped debit. Several TxDtls without amounts give one credit
//    of the entry's amount, with their texts and references joined. A single TxDtls only adds its
//    details: the entry's amount is what was booked.
// Field by field: bank_reference is the entry's AcctSvcrRef, else the TxDtls's Refs/AcctSvcrRef (a batch
// member without its own gets the entry's with "/n"), else derived (bank_common.hpp); booking_date is the
// date written in BookgDt (Dt, or the date part of DtTm as the bank wrote it, not converted to UTC),
// falling back to ValDt; payer = RltdPties/Dbtr (Nm, or Pty/Nm from .08), else UltmtDbtr; payer_account =
// DbtrAcct/Id (IBAN or Othr/Id); remittance = every RmtInf/Ustrd joined by ' ' (AddtlNtryInf for an entry
// without details); creditor_reference = RmtInf/Strd/CdtrRefInf/Ref (several joined by "; ");
// end_to_end_id = Refs/EndToEndId unless NOTPROVIDED; type_code = BkTxCd Domn/Fmly/SubFmly as
// "PMNT/RCDT/ESCT", else Prtry/Cd. Places read "Stmt[1]/Ntry[3]/TxDtls[2]" (Ntfctn[1] in camt.054).
// An error anywhere rejects the whole file.
#pragma once

#include <optional>
#include <string_view>

#include "core/error.hpp"
#include "formats/records.hpp"

namespace mf::formats {

// The message kind from the namespace of <Document>: camt053 or camt054. unsupported_version for other
// versions of them, invalid_bank_file for anything else.
Result<BankFormat> detect_camt_format(std::string_view bytes);

// expected, when given, must match the document's namespace.
Result<BankFile> read_camt(std::string_view bytes, std::optional<BankFormat> expected = std::nullopt);

}  // namespace mf::formats
