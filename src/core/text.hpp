// Small text folds shared by the readers and the matchers. Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace mf {

// The ASCII letters and digits of a text, upper-cased, everything else dropped: "us 12-345/678" ->
// "US12345678", "Invoice No." -> "INVOICENO". How identifiers, references and column names are compared.
std::string letters_and_digits_upper(std::string_view text);

// Whether a text is one or more ASCII digits and nothing else.
bool all_digits(std::string_view text);

}  // namespace mf
