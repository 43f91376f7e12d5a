// Text for payout files: payees' names and remittance lines carried into the narrow character sets banks
// accept (NACHA's upper-case ASCII, the SEPA basic Latin set). Transliteration is ICU's ("Any-Latin;
// Latin-ASCII"). Thread-safe: each thread keeps its own transliterator.
#pragma once

#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/error.hpp"
#include "formats/records.hpp"

namespace mf::formats {

// "Müller & Søn – Ltd" -> "Muller & Son - Ltd", "Ромашка" -> "Romaska". What ICU cannot write in printable
// ASCII is dropped; runs of white space become one space and the ends are trimmed. Fails (invalid_text) on
// bytes that are not UTF-8, naming the field.
Result<std::string> to_printable_ascii(std::string_view utf8, std::string_view field);

// ASCII upper case of printable ASCII text.
std::string to_upper_ascii(std::string_view ascii);

// The SEPA basic Latin set: a-z A-Z 0-9 / - ? : ( ) . , ' + and space. From printable ASCII: '&' becomes '+',
// '"' becomes '\'', '_' becomes '-', every other character outside the set becomes a space (then spaces
// collapse as above).
std::string to_sepa_charset(std::string_view ascii);
bool is_sepa_charset(std::string_view text);

// The first width characters of single-byte text, with trailing spaces trimmed.
std::string truncate_to(std::string_view text, size_t width);

// An error about payouts[index]: field "payouts[index].<field>", message "payout <id>: <message>".
Error payout_error(size_t index, const PayoutOrder& payout, std::string_view field, std::string code,
                   std::string_view message);

// A payout paid (effective, executed) before the file is made is refused: the bank would move the date.
Status check_not_before_file(size_t index, const PayoutOrder& payout, Date paid_on, Date file_created);

}  // namespace mf::formats
