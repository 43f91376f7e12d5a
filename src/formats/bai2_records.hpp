// BAI2 records: physical lines joined with their 88 continuations into logical records, and the field
// reading the record types share (minor-unit amounts, YYMMDD dates, funds types). Internal to the BAI2
// reader. Thread-safety: pure functions; a FieldCursor reads one record.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "formats/records.hpp"

namespace mf::formats::bai2 {

// Where an 88 continued a record: a field break that, inside a 16 record's text, reads as a space.
inline constexpr char kContinuation = '\x1f';

struct Record {
    std::string code;            // "01", "16", ...
    size_t line = 0;             // the physical line it starts on
    int64_t physical_count = 0;  // itself and its 88 continuations: what the trailers count
    std::string content;         // the fields after the code, without the "/" terminator
};

// Splits into records. Rejects control characters, lines that do not start with a two-digit code and a
// comma, and an 88 with nothing to continue. Blank lines are passed over.
Result<std::vector<Record>> split_records(std::string_view bytes);

// Reads a record's fields left to right.
class FieldCursor {
  public:
    explicit FieldCursor(const Record& record) : content_(record.content) {}
    // The next field; "" once past the end.
    std::string_view next();
    // Whether every field has been read.
    bool exhausted() const { return position_ > content_.size(); }
    // What is left, as the free text that ends a 16 record (it may hold commas), trimmed.
    std::string rest_as_text();

  private:
    std::string_view content_;
    size_t position_ = 0;
};

enum class Sign { unsigned_only, signed_allowed };

// Minor units, no decimal point; "" is 0. invalid_amount names the place and what the amount is.
Result<int64_t> parse_amount(std::string_view text, Sign sign, const Place& place, std::string_view what);
// YYMMDD, years 70-99 in the 1900s and 00-69 in the 2000s.
Result<Date> parse_yymmdd(std::string_view text, const Place& place, std::string_view what);
// A whole non-negative count ("number of records").
Result<int64_t> parse_count(std::string_view text, const Place& place, std::string_view what);

// Reads a funds type and the fields it brings; the value date of a type V.
Result<std::optional<Date>> read_funds_type(FieldCursor& cursor, const Place& place);

}  // namespace mf::formats::bai2
