// Command-line text to the values the use cases take: ids ("cli_12" or "12"), amounts in a given currency,
// dates, enum names, and the invoice and application specs of `schedule submit` and `receipt`. Errors name
// the option. Thread-safety: pure functions (read_invoice_csv reads a file).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "book/inputs.hpp"
#include "cli/context.hpp"
#include "core/ids.hpp"

namespace mf::cli {

Result<std::vector<int64_t>> parse_ids(IdKind kind, const std::vector<std::string>& texts,
                                       std::string_view field);
Result<std::optional<int64_t>> parse_optional_id(IdKind kind, const Text& text, std::string_view field);
// A whole number in [low, high] ("recourse days").
Result<int32_t> parse_count(std::string_view text, int32_t low, int32_t high, std::string_view field);
Result<std::optional<Date>> parse_optional_date(const Text& text, std::string_view field);
// An amount in `currency`: its decimals at most, no exponent or thousands separators.
Result<int64_t> parse_amount(std::string_view text, Currency currency, std::string_view field);

// "DEBTOR_ID,NUMBER,AMOUNT,ISSUE_DATE,DUE_DATE", the amount in `currency`.
Result<NewInvoice> parse_invoice_spec(std::string_view spec, Currency currency);
// A CSV file with the header debtor_id,number,amount,issue_date,due_date (any column order; RFC 4180 quotes;
// a UTF-8 BOM and CRLF line ends are accepted). An error names the file and line.
Result<std::vector<NewInvoice>> read_invoice_csv(const std::string& path, Currency currency);
// "INV_ID=AMOUNT" or "INV_ID=AMOUNT:short" (accept a short pay: the rest is closed as dilution).
Result<Application> parse_application(std::string_view spec, Currency currency);

// The text with each "\n" (backslash, n) typed on the command line made a line break.
std::string with_line_breaks(std::string text);

// A whole file, refused beyond bytes_max (file_too_large) or when it cannot be read (file_not_found).
Result<std::string> read_whole_file(const std::string& path, size_t bytes_max, std::string_view field);

}  // namespace mf::cli
