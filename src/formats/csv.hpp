// CSV in and out (RFC 4180) over libcsv: the one CSV reader of formats/ (invoice files, lockbox files) and
// the one writer (journal lines, report exports). Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace mf::formats {

struct CsvLimits {
    size_t bytes_max = 50u << 20;
    size_t rows_max = 1'000'000;  // rows of data, the header row aside
    size_t fields_per_row_max = 256;
    size_t field_bytes_max = 64u << 10;
};

struct CsvRow {
    size_t line = 0;  // the file line the row starts on (1-based; the header is usually line 1)
    std::vector<std::string> fields;
};

struct CsvTable {
    std::vector<std::string> header;  // as written, trimmed
    std::vector<CsvRow> rows;         // data rows; rows of only empty fields are dropped

    // Index of a header column, compared trimmed and case-insensitively ("Invoice_Number" =
    // "invoice_number").
    std::optional<size_t> column(std::string_view name) const;
    // The field of a row at a column, trimmed; empty when the row is shorter or the column absent.
    std::string_view field(const CsvRow& row, std::optional<size_t> column) const;
};

// Reads a CSV file whose first non-empty row is the header. Accepts a UTF-8 byte-order mark, CRLF or LF,
// quoted fields with commas, quotes ("") and line breaks. Rejects (code "invalid_csv", message naming the
// line) invalid UTF-8, a stray quote, an unterminated quoted field, a row with values beyond the header's
// columns (empty trailing fields, as spreadsheets write them, are fine), and files beyond the limits.
Result<CsvTable> read_csv(std::string_view bytes, const CsvLimits& limits = {});

// Appends one row, quoting the fields that need it, ending with CRLF (RFC 4180).
void append_csv_row(std::string& out, const std::vector<std::string_view>& fields);

// The first invalid byte's offset, or nothing when the text is valid UTF-8 (no overlongs or surrogates).
std::optional<size_t> first_invalid_utf8(std::string_view text);

}  // namespace mf::formats
