// Text output for people of file imports and cash application: per-row intake results, a bank file's
// receipts and duplicates, applications and suggestions. Thread-safety: plain values.
#pragma once

#include <iosfwd>

#include "book/intake.hpp"

namespace mf::cli {

void print_intake(std::ostream& out, const IntakeResult& result);
void print_bank_import(std::ostream& out, const BankImportResult& result);
void print_cash_match(std::ostream& out, const CashMatch& match);
void print_auto_apply(std::ostream& out, const AutoApplyResult& result);

}  // namespace mf::cli
