#include "api/report_csv.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "formats/csv.hpp"

namespace mf::api {
namespace json = boost::json;
std::string report_scalar_text(const json::value& value) {
    switch (value.kind()) {
        case json::kind::string:
            return std::string(value.get_string());
        case json::kind::null:
            return {};
        case json::kind::bool_:
            return value.get_bool() ? "true" : "false";
        case json::kind::int64:
            return std::to_string(value.get_int64());
        case json::kind::uint64:
            return std::to_string(value.get_uint64());
        default:
            return json::serialize(value);
    }
}

namespace {

bool is_bucket_list(const json::value& value) {
    if (!value.is_array() || value.get_array().empty())
        return false;
    return std::ranges::all_of(value.get_array(), [](const json::value& item) {
        return item.is_object() && item.get_object().contains("bucket") &&
               item.get_object().contains("amount");
    });
}

using Cells = std::vector<std::pair<std::string, std::string>>;

// One report row as named cells: scalars as they are, bucket lists one cell per bucket, nested objects by
// "parent.child", other lists joined with "; ".
void flatten(const std::string& prefix, const json::object& object, Cells& cells) {
    for (const auto& [key, value] : object) {
        const std::string name = prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
        if (is_bucket_list(value)) {
            for (const auto& item : value.get_array())
                cells.emplace_back(name + " " + report_scalar_text(item.at("bucket")),
                                   report_scalar_text(item.at("amount")));
        } else if (value.is_object()) {
            flatten(name, value.get_object(), cells);
        } else if (value.is_array()) {
            std::string joined;
            for (const auto& item : value.get_array())
                joined += (joined.empty() ? "" : "; ") + report_scalar_text(item);
            cells.emplace_back(name, joined);
        } else {
            cells.emplace_back(name, report_scalar_text(value));
        }
    }
}

void add_column(std::vector<std::string>& columns, const std::string& name) {
    if (std::ranges::find(columns, name) == columns.end())
        columns.push_back(name);
}

}  // namespace

ReportCells report_row_cells(const json::object& row) {
    ReportCells cells;
    flatten("", row, cells);
    return cells;
}

std::string report_csv_text(const json::object& report, const ReportCsv& shape) {
    // The report's own figures, repeated on every row.
    Cells head;
    for (const auto& [key, value] : report) {
        if (!value.is_array() && !value.is_object())
            head.emplace_back(std::string(key), report_scalar_text(value));
    }
    const bool named_sections = shape.sections.size() > 1;
    std::vector<std::pair<std::string, Cells>> rows;
    std::vector<std::string> columns;
    if (named_sections)
        columns.emplace_back("section");
    for (const auto& [name, value] : head)
        add_column(columns, name);
    for (const auto& section : shape.sections) {
        const auto* list = report.if_contains(section);
        if (list == nullptr || !list->is_array())
            continue;
        for (const auto& item : list->get_array()) {
            if (!item.is_object())
                continue;
            Cells cells = report_row_cells(item.get_object());
            for (const auto& [column, text] : cells)
                add_column(columns, column);
            rows.emplace_back(section, std::move(cells));
        }
    }
    std::string out;
    formats::append_csv_row(out, std::vector<std::string_view>(columns.begin(), columns.end()));
    for (const auto& [section, cells] : rows) {
        std::vector<std::string_view> fields;
        fields.reserve(columns.size());
        for (const auto& column : columns) {
            if (named_sections && column == "section") {
                fields.emplace_back(section);
                continue;
            }
            auto match = [&column](const auto& cell) { return cell.first == column; };
            if (auto cell = std::ranges::find_if(cells, match); cell != cells.end())
                fields.emplace_back(cell->second);
            else if (auto top = std::ranges::find_if(head, match); top != head.end())
                fields.emplace_back(top->second);
            else
                fields.emplace_back();
        }
        formats::append_csv_row(out, fields);
    }
    return out;
}

Reply report_csv_reply(const json::object& report, const ReportCsv& shape) {
    Reply reply;
    reply.raw = report_csv_text(report, shape);
    reply.content_type = "text/csv; charset=utf-8";
    std::string name = shape.file_stem;
    if (const auto* as_of = report.if_contains("as_of"); as_of != nullptr && as_of->is_string())
        name += "-" + std::string(as_of->get_string());
    reply.headers.emplace_back("Content-Disposition", fmt::format("attachment; filename=\"{}.csv\"", name));
    return reply;
}

}  // namespace mf::api
