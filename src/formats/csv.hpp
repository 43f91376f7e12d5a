// CSV in and out (RFC 4180) over libcsv: the one CSV reader of formats/ (invoice files, lockbox files) and
// the one writer (journal lines, report exports). Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <memory>
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

// Reads a CSV file a row at a time, with read_csv's checks and messages, holding one row (not the file's
// rows): the header (the first row that is not blank), then each data row that is not blank, in file order.
class CsvReader {
  public:
    // Fails (invalid_csv) on a file beyond the byte limit or not valid UTF-8, as read_csv does.
    static Result<CsvReader> open(std::string_view bytes, const CsvLimits& limits = {});
    CsvReader(CsvReader&&) noexcept;
    CsvReader& operator=(CsvReader&&) noexcept;
    ~CsvReader();

    // Reads the header row; fails when the file has none or its first row cannot be read.
    Status read_header();
    const std::vector<std::string>& header() const;             // as written, trimmed
    std::optional<size_t> column(std::string_view name) const;  // as CsvTable::column

    // The next data row into row(): true, or false at the end of the file. Fails (invalid_csv, naming the
    // line) on a row read_csv would refuse; a reader that failed stays failed.
    Result<bool> next();
    const CsvRow& row() const;
    CsvRow& row();  // the caller's to move from until the next call of next()
    std::string_view field(std::optional<size_t> column) const;  // of row(), as CsvTable::field

  private:
    struct State;
    explicit CsvReader(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
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
