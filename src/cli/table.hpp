// Text output for people: aligned tables (headers, a rule, right-aligned money), "label: value" blocks, and
// the cell spellings of money, rates and ids. Widths count characters, not bytes, so names like "Müller Bau"
// line up. Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"

namespace mf::cli {

enum class Align { left, right };

class Table {
  public:
    Table& column(std::string header, Align align = Align::left);
    // One cell per column, in order; a short row is padded with empty cells.
    Table& row(std::vector<std::string> cells);
    size_t rows() const { return rows_.size(); }
    void print(std::ostream& out) const;

  private:
    struct Column {
        std::string header;
        Align align;
    };
    std::vector<Column> columns_;
    std::vector<std::vector<std::string>> rows_;
};

// A block of "label  value" lines with the values aligned.
using Fields = std::vector<std::pair<std::string, std::string>>;
void print_fields(std::ostream& out, const Fields& fields);

// A heading line for a section of output.
void print_heading(std::ostream& out, std::string_view heading);

size_t display_width(std::string_view utf8);

std::string amount_cell(int64_t minor, Currency currency);  // "1,234.50" (thousands separators)
std::string money_text(int64_t minor, Currency currency);   // "1,234.50 USD"
std::string percent_text(int64_t rate_ppm);                 // "90%"
std::string date_text(const std::optional<Date>& date);     // "2026-06-01" or "-"
std::string id_text(IdKind kind, int64_t id);               // "inv_12", or "-" for 0
std::string yes_no(bool value);

// "12 more (use --limit or --after)" lines under a truncated list.
void print_more(std::ostream& out, size_t shown, bool more, const std::string& next_cursor);

}  // namespace mf::cli
