// What the bank-file readers (camt, BAI2, lockbox CSV) share: the size limit, errors that start with the
// place, and bank references that are unique within a file and the same each time the file is read.
// Thread-safety: a BankReferences belongs to one reading of one file; the rest are pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.hpp"
#include "formats/records.hpp"

namespace mf::formats {

// Larger files are refused before any parsing (camt statements of a busy account stay far below this).
inline constexpr size_t kBankFileBytesMax = size_t{50} << 20;

// An error whose message starts with the place ("line 7: ...", "Stmt[1]/Ntry[3]: ...") and whose field is
// the place, so a person can find it in the file.
Error bank_error(std::string code, std::string_view place, std::string_view problem);

// The ISO 4217 currency of a code; unknown_currency naming the place otherwise.
Result<Currency> currency_at(std::string_view code, std::string_view place);

// "file_too_large" beyond kBankFileBytesMax.
Status check_bank_file_size(std::string_view bytes);

// Spaces, tabs and line breaks off both ends.
std::string_view trim_space(std::string_view text);

// For a file that carries no id of its own: "derived:" and a name-based UUID of its bytes.
std::string derived_file_id(std::string_view bytes);

// Gives each credit of one file its bank reference. Receipts are de-duplicated on (account, bank reference,
// amount, date), so a reference must be unique within the file and must not change when the same file is
// loaded again.
class BankReferences {
  public:
    // Sets credit.bank_reference: the bank's own reference when it gave one, else a reference derived from
    // the credit's fields (a "derived:" name-based UUID, RFC 9562 version 5, of account, dates, amount,
    // payer, references, remittance, type, and how many earlier credits of this file had the same fields).
    // A repeated reference gets "#2", "#3", ... so each stays unique.
    void assign(BankCredit& credit, std::string_view bank_given);

  private:
    std::string derive(const BankCredit& credit);

    std::unordered_map<std::string, int> uses_;          // reference -> credits that claimed it
    std::unordered_map<std::string, int> fingerprints_;  // derivation input -> credits that had it
};

}  // namespace mf::formats
