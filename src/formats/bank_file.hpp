// Bank files in: camt.053/camt.054 XML, BAI2 and lockbox CSV read into the credits a factor books as
// receipts, the format found from the bytes when the caller does not name it. Each reader's header says what
// becomes a credit (camt.hpp, bai2.hpp, lockbox.hpp). A file is all-or-nothing: any problem rejects it with
// a stable code and a message that starts with the place (line, element path). Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string_view>

#include "core/error.hpp"
#include "formats/records.hpp"

namespace mf::formats {

// XML whose <Document> namespace is camt.053/camt.054 (.001.02 to .001.08), BAI2 (a first record "01,"),
// or CSV whose header row names date and amount columns. Errors: unknown_bank_format (with what was
// expected), invalid_bank_file, unsupported_version, file_too_large.
Result<BankFormat> detect_bank_format(std::string_view bytes);

// Reads the file as format, or as the format detect_bank_format finds when none is given.
Result<BankFile> read_bank_file(std::string_view bytes, std::optional<BankFormat> format = std::nullopt);

}  // namespace mf::formats
