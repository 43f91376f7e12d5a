#include "cli/table.hpp"

#include <algorithm>
#include <ostream>

namespace mf::cli {

Table& Table::column(std::string header, Align align) {
    columns_.push_back({std::move(header), align});
    return *this;
}

Table& Table::row(std::vector<std::string> cells) {
    cells.resize(columns_.size());
    rows_.push_back(std::move(cells));
    return *this;
}

namespace {

void pad(std::string& line, std::string_view text, size_t width, Align align) {
    const size_t fill = width > display_width(text) ? width - display_width(text) : 0;
    if (align == Align::right)
        line.append(fill, ' ');
    line += text;
    if (align == Align::left)
        line.append(fill, ' ');
}

template <class CellOf>
void print_line(std::ostream& out, size_t columns, const std::vector<size_t>& widths,
                const std::vector<Align>& aligns, const CellOf& cell_of) {
    std::string line;
    for (size_t i = 0; i < columns; ++i) {
        if (i > 0)
            line += "  ";
        pad(line, cell_of(i), widths[i], aligns[i]);
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out << line << '\n';
}

}  // namespace

void Table::print(std::ostream& out) const {
    std::vector<size_t> widths;
    std::vector<Align> aligns;
    for (const auto& column : columns_) {
        widths.push_back(display_width(column.header));
        aligns.push_back(column.align);
    }
    for (const auto& cells : rows_) {
        for (size_t i = 0; i < cells.size(); ++i)
            widths[i] = std::max(widths[i], display_width(cells[i]));
    }
    print_line(out, columns_.size(), widths, aligns,
               [&](size_t i) -> std::string_view { return columns_[i].header; });
    size_t total = 0;
    for (size_t i = 0; i < widths.size(); ++i)
        total += widths[i] + (i > 0 ? 2 : 0);
    out << std::string(total, '-') << '\n';
    for (const auto& cells : rows_) {
        print_line(out, columns_.size(), widths, aligns,
                   [&](size_t i) -> std::string_view { return cells[i]; });
    }
    if (rows_.empty())
        out << "(none)\n";
}

void print_fields(std::ostream& out, const Fields& fields) {
    size_t width = 0;
    for (const auto& [label, value] : fields)
        width = std::max(width, display_width(label));
    for (const auto& [label, value] : fields) {
        out << label << std::string(width - display_width(label) + 2, ' ') << value << '\n';
    }
}

void print_heading(std::ostream& out, std::string_view heading) {
    out << '\n' << heading << '\n';
}

size_t display_width(std::string_view utf8) {
    // Count code points: every byte that does not continue a UTF-8 sequence starts a character.
    return static_cast<size_t>(std::count_if(
        utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string amount_cell(int64_t minor, Currency currency) {
    std::string text = format_money(Money{minor, currency});
    return text.substr(0, text.rfind(' '));
}

std::string money_text(int64_t minor, Currency currency) {
    return format_money(Money{minor, currency});
}

std::string percent_text(int64_t rate_ppm) {
    return format_rate_percent(rate_ppm) + "%";
}

std::string date_text(const std::optional<Date>& date) {
    return date ? date->to_string() : "-";
}

std::string id_text(IdKind kind, int64_t id) {
    return id == 0 ? "-" : format_id(kind, id);
}

std::string yes_no(bool value) {
    return value ? "yes" : "no";
}

void print_more(std::ostream& out, size_t shown, bool more, const std::string& next_cursor) {
    if (!more)
        return;
    out << "(first " << shown << " shown; next page with --after " << next_cursor << ", or raise --limit)\n";
}

}  // namespace mf::cli
