#include "api/report_pdf.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

namespace mf::api {
namespace json = boost::json;
using documents::Align;
using documents::Column;
using documents::Table;
using documents::TableRow;
using documents::TableSize;
using documents::TextStyle;

namespace {

constexpr size_t kPortraitColumns = 8;  // wider tables turn the page and use the compact font

// "total_amount" -> "Total", "by_due_date 1-30" -> "Due date 1-30", "client.name" -> "Client name".
std::string heading_of(std::string_view key) {
    std::string text(key);
    if (text.starts_with("by_") && text.find(' ') != std::string::npos)
        text.erase(0, 3);  // a bucket of a "by_..." list: the bucket says enough
    for (std::string_view suffix : {"_amount", "_id"}) {
        if (text.size() > suffix.size() && text.ends_with(suffix) && text.find(' ') == std::string::npos)
            text.erase(text.size() - suffix.size());
    }
    std::ranges::replace(text, '_', ' ');
    std::ranges::replace(text, '.', ' ');
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
        text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

// A number as the reports print it: -?D[D,]*(.D+)?%? (no std::regex: GCC 12 warns inside it at -O1).
bool numeric(std::string_view text) {
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    size_t at = 0;
    if (at < text.size() && text[at] == '-')
        ++at;
    if (at >= text.size() || !digit(text[at]))
        return false;
    while (at < text.size() && (digit(text[at]) || text[at] == ','))
        ++at;
    if (at < text.size() && text[at] == '.') {
        const size_t fraction = ++at;
        while (at < text.size() && digit(text[at]))
            ++at;
        if (at == fraction)
            return false;
    }
    if (at < text.size() && text[at] == '%')
        ++at;
    return at == text.size();
}

// A list's rows as cells under the union of their column names, in first-seen order.
struct Grid {
    std::vector<std::string> names;
    std::vector<std::vector<std::string>> rows;
};

// "18.2" -> "18.2%" for a rate field; an empty cell (a null rate) stays empty.
std::string cell_text(const std::string& name, std::string text, const std::vector<std::string>& percents) {
    if (!text.empty() && std::ranges::find(percents, name) != percents.end())
        text += '%';
    return text;
}

Grid grid_of(const json::array& list, const std::vector<std::string>& percents) {
    Grid grid;
    std::vector<ReportCells> cells;
    for (const auto& item : list) {
        if (!item.is_object())
            continue;
        cells.push_back(report_row_cells(item.get_object()));
        for (const auto& [name, text] : cells.back()) {
            if (std::ranges::find(grid.names, name) == grid.names.end())
                grid.names.push_back(name);
        }
    }
    for (const auto& row : cells) {
        std::vector<std::string> line;
        for (const auto& name : grid.names) {
            auto cell = std::ranges::find_if(row, [&](const auto& c) { return c.first == name; });
            line.push_back(cell == row.end() ? std::string() : cell_text(name, cell->second, percents));
        }
        grid.rows.push_back(std::move(line));
    }
    return grid;
}

// Letter paper less its margins (documents/pdf.cpp): the width a table has, in points.
constexpr double kPortraitWidth = 612 - 108, kLandscapeWidth = 792 - 108;
constexpr double kCellPadding = 10;  // both sides and some slack

// A column's natural width in points: its longest text (a heading counts by its longest word, as headings
// wrap) at an estimate of the font's average character width.
double natural_width(const std::string& heading, const std::vector<std::string>& texts, TableSize size) {
    size_t longest = 0;
    for (const auto& text : texts)
        longest = std::max(longest, text.size());
    size_t run = 0;
    for (char c : heading + " ") {
        run = c == ' ' ? 0 : run + 1;
        longest = std::max(longest, run);
    }
    const double char_points = size == TableSize::compact ? 5.2 : 5.9;
    return static_cast<double>(std::max<size_t>(longest, 3)) * char_points + kCellPadding;
}

// Widths that fit `room`: every column as wide as its text when they all fit, else the widest ones capped at
// one width (their text wraps) so the narrow ones (ids, dates, amounts) stay on one line.
std::vector<double> fitted_widths(std::vector<double> widths, double room) {
    double total = 0;
    for (double width : widths)
        total += width;
    if (total <= room)
        return widths;
    std::vector<double> sorted = widths;
    std::ranges::sort(sorted);
    double below = 0, cap = room / static_cast<double>(widths.size());
    for (size_t i = 0; i < sorted.size(); ++i) {
        // cap so that the columns from i on share what the narrower ones leave
        const double share = (room - below) / static_cast<double>(sorted.size() - i);
        if (share <= sorted[i]) {
            cap = share;
            break;
        }
        below += sorted[i];
    }
    for (double& width : widths)
        width = std::min(width, cap);
    return widths;
}

Table table_of(const Grid& grid) {
    Table table;
    table.lines = documents::TableLines::none;
    if (grid.names.size() > kPortraitColumns)
        table.size = TableSize::compact;
    std::vector<double> widths;
    for (size_t i = 0; i < grid.names.size(); ++i) {
        std::vector<std::string> texts;
        bool all_numbers = true, any = false;
        for (const auto& row : grid.rows) {
            texts.push_back(row[i]);
            if (!row[i].empty()) {
                any = true;
                all_numbers = all_numbers && numeric(row[i]);
            }
        }
        const std::string heading = heading_of(grid.names[i]);
        widths.push_back(natural_width(heading, texts, table.size));
        table.columns.push_back({heading, 1, any && all_numbers ? Align::right : Align::left});
    }
    double total = 0;
    for (double width : widths)
        total += width;
    widths = fitted_widths(widths, total > kPortraitWidth ? kLandscapeWidth : kPortraitWidth);
    for (size_t i = 0; i < widths.size(); ++i)
        table.columns[i].width_share = widths[i];
    for (const auto& row : grid.rows)
        table.rows.push_back({row});
    return table;
}

// Whether the table needs the page turned: wider than portrait at its natural widths.
bool wide(const Table& table) {
    double total = 0;
    for (const auto& column : table.columns)
        total += column.width_share;
    return table.columns.size() > kPortraitColumns || total > kPortraitWidth;
}

// One line per field, one column per row headed by the row's first cell (the currency of a portfolio row).
Table transposed_table_of(const Grid& grid) {
    Table table;
    table.columns.push_back({"", 2.2});
    for (const auto& row : grid.rows)
        table.columns.push_back({row.empty() ? std::string() : row[0], 1, Align::right});
    for (size_t i = 1; i < grid.names.size(); ++i) {
        TableRow line;
        line.cells.push_back(heading_of(grid.names[i]));
        for (const auto& row : grid.rows)
            line.cells.push_back(row[i]);
        table.rows.push_back(std::move(line));
    }
    return table;
}

}  // namespace

Result<ReportFormat> report_format(const Call& call) {
    const auto format = call.query("format");
    if (!format || format->empty() || *format == "json")
        return ReportFormat::json;
    if (*format == "csv")
        return ReportFormat::csv;
    if (*format == "pdf")
        return ReportFormat::pdf;
    return make_error("invalid_format", "format is json, csv or pdf", "format");
}

Result<std::string> report_pdf_bytes(const json::object& report, const ReportCsv& shape,
                                     const ReportPdf& layout, const ReportPdfIssuer& issuer) {
    std::vector<std::pair<std::string, Table>> tables;
    bool any_wide = false;
    for (const auto& section : shape.sections) {
        const auto* list = report.if_contains(section);
        if (list == nullptr || !list->is_array())
            continue;
        const Grid grid = grid_of(list->get_array(), layout.percent_fields);
        Table table = layout.transpose && !grid.rows.empty() ? transposed_table_of(grid) : table_of(grid);
        any_wide = any_wide || (!layout.transpose && wide(table));
        tables.emplace_back(section, std::move(table));
    }
    documents::Pdf pdf({layout.title + " " + issuer.date.to_string(), issuer.factor_name,
                        layout.title + " report", issuer.date, issuer.page_size});
    if (any_wide)
        pdf.landscape();
    pdf.title(layout.title);
    // The report's own figures (as of, from, counts) under the factor's name; lists of labels are left out.
    std::string head = issuer.factor_name + "\nReport date " + issuer.date.to_string();
    for (const auto& [key, value] : report) {
        if (!value.is_array() && !value.is_object() && key != "as_of")
            head += "\n" + heading_of(key) + ": " + report_scalar_text(value);
    }
    pdf.paragraph(head);
    for (auto& [section, table] : tables) {
        if (tables.size() > 1)
            pdf.heading(heading_of(section));
        if (table.rows.empty())
            pdf.paragraph("Nothing to report.", TextStyle::italic);
        else
            pdf.table(std::move(table));
    }
    return pdf.render();
}

Result<Reply> report_file_reply(Call& call, ReportFormat format, const json::object& report,
                                const ReportCsv& shape, const ReportPdf& layout) {
    if (format != ReportFormat::pdf)
        return report_csv_reply(report, shape);
    MF_TRY(auto settings, call.book().settings());
    ReportPdfIssuer issuer{settings.name, settings.business_date};
    if (const auto* as_of = report.if_contains("as_of"); as_of != nullptr && as_of->is_string()) {
        MF_TRY(issuer.date, parse_date(as_of->get_string(), "as_of"));
    }
    Reply reply;
    MF_TRY(reply.raw, report_pdf_bytes(report, shape, layout, issuer));
    reply.content_type = "application/pdf";
    reply.headers.emplace_back("Content-Disposition", fmt::format("attachment; filename=\"{}-{}.pdf\"",
                                                                  shape.file_stem, issuer.date.to_string()));
    return reply;
}

}  // namespace mf::api
