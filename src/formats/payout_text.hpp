// Text for payout files: payees' names and remittance lines carried into the narrow character sets banks
// accept (NACHA's upper-case ASCII, the SEPA basic Latin set). Transliteration is ICU's ("Any-Latin;
// Latin-ASCII"). Thread-safe: each thread keeps its own transliterator.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace mf::formats {

// "Müller & Søn – Ltd" -> "Muller & Son - Ltd", "Ромашка" -> "Romaska". What ICU cannot write in printable
// ASCII is dropped; runs of white space become one space and the ends are trimmed. Fails (invalid_text) on
// bytes that are not UTF-8, naming the field.
Result<std::string> to_printable_ascii(std::string_view utf8, std::string_view field);

// ASCII upper case of printable ASCII text.
std::string to_upper_ascii(std::string_view ascii);

// The SEPA basic Latin set: a-z A-Z 0-9 / - ? : ( ) . , ' + and space. From printable ASCII: '&' becomes '+',
// '"' becomes '\'', every other character outside the set becomes a space (then spaces collapse as above).
std::string to_sepa_charset(std::string_view ascii);
bool is_sepa_charset(std::string_view text);

// The first width characters of single-byte text, with trailing spaces trimmed.
std::string truncate_to(std::string_view text, size_t width);

}  // namespace mf::formats
