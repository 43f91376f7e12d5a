// The CSV reader (formats/csv.hpp) on any bytes. A table it returns has a header, rows on non-decreasing
// lines with no value beyond the header's columns, valid UTF-8 everywhere, and survives a round trip through
// the writer (append_csv_row) field for field. Tighter limits never let through what the defaults refuse, and
// what passes them reads the same as with the defaults. A refusal is invalid_csv with a message.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "formats/csv.hpp"
#include "fuzz_check.hpp"

namespace {

using mf::formats::CsvTable;

bool blank(std::string_view text) {
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string write(const CsvTable& table) {
    std::string out;
    mf::formats::append_csv_row(out, {table.header.begin(), table.header.end()});
    for (const auto& row : table.rows)
        mf::formats::append_csv_row(out, {row.fields.begin(), row.fields.end()});
    return out;
}

bool same_cells(const CsvTable& a, const CsvTable& b) {
    if (a.header != b.header || a.rows.size() != b.rows.size())
        return false;
    for (size_t r = 0; r < a.rows.size(); ++r) {
        if (a.rows[r].fields != b.rows[r].fields)
            return false;
    }
    return true;
}

void check_table(const CsvTable& table, std::string_view bytes) {
    const auto lines = static_cast<size_t>(std::count(bytes.begin(), bytes.end(), '\n')) + 1;
    FUZZ_CHECK(!table.header.empty(), "no header");
    for (const auto& name : table.header) {
        FUZZ_CHECK(!mf::formats::first_invalid_utf8(name), name);
        FUZZ_CHECK(name.empty() || (!blank(name.substr(0, 1)) && !blank(name.substr(name.size() - 1))), name);
    }
    size_t previous = 1;
    for (const auto& row : table.rows) {
        // A lone CR ends a row (libcsv reads CR, LF and CRLF) without starting a new '\n' line: two rows may
        // share a line number, never go back.
        FUZZ_CHECK(row.line >= previous && row.line >= 1 && row.line <= lines, std::to_string(row.line));
        previous = row.line;
        FUZZ_CHECK(!std::all_of(row.fields.begin(), row.fields.end(), blank), "a blank row was kept");
        for (size_t f = 0; f < row.fields.size(); ++f) {
            FUZZ_CHECK(!mf::formats::first_invalid_utf8(row.fields[f]), row.fields[f]);
            FUZZ_CHECK(f < table.header.size() || blank(row.fields[f]), row.fields[f]);
        }
        for (size_t c = 0; c < table.header.size(); ++c)
            FUZZ_CHECK(blank(table.field(row, c)) == table.field(row, c).empty(), "field() is not trimmed");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes = mf::fuzz::as_text(data, size);
    auto table = mf::formats::read_csv(bytes);
    mf::formats::CsvLimits tight;
    tight.rows_max = 8;
    tight.fields_per_row_max = 6;
    tight.field_bytes_max = 24;
    tight.bytes_max = 4096;
    auto tight_table = mf::formats::read_csv(bytes, tight);
    if (!table) {
        mf::fuzz::check_error(table.error());
        FUZZ_CHECK(table.error().code == "invalid_csv", table.error().code);
        FUZZ_CHECK(!tight_table.has_value(), table.error().message);
        return 0;
    }
    check_table(table.value(), bytes);
    if (tight_table) {
        FUZZ_CHECK(same_cells(tight_table.value(), table.value()), "tight limits read otherwise");
        // rows_max counts rows of data, the header aside.
        FUZZ_CHECK(tight_table.value().rows.size() <= tight.rows_max, "rows beyond the limit");
    } else {
        mf::fuzz::check_error(tight_table.error());
    }
    // A second BOM would be taken as the first one when read back: not a cell the writer can keep.
    if (table.value().header[0].starts_with("\xEF\xBB\xBF"))
        return 0;
    const std::string written = write(table.value());
    auto again = mf::formats::read_csv(written);
    FUZZ_CHECK(again.has_value(), again ? written : again.error().message + "\n" + written);
    FUZZ_CHECK(same_cells(again.value(), table.value()), written);
    return 0;
}
