// A report's JSON answer as a CSV file (?format=csv on the report routes): one CSV row per row of the
// report's lists, the report's own figures (as_of, from, ...) repeated on each row, nested bucket lists as
// one column per bucket ("by_due_date 1-30"), written by formats::append_csv_row. The JSON form stays the one
// description of each report (src/wire/reports.cpp); the CSV holds exactly its values, as text.
// Thread-safety: pure functions.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "api/router.hpp"

namespace mf::api {

struct ReportCsv {
    std::string file_stem;              // "microfactor-aging" -> microfactor-aging-2026-06-01.csv
    std::vector<std::string> sections;  // the report's lists, in order ("by_client", "by_debtor", "totals")
};

// One row of a report's list as named cells, the way the CSV spreads it: scalars as text (null empty),
// bucket lists one cell per bucket ("by_due_date 1-30"), nested objects by "parent.child", other lists joined
// with "; ". The PDF (report_pdf.hpp) lays out the same cells.
using ReportCells = std::vector<std::pair<std::string, std::string>>;
ReportCells report_row_cells(const boost::json::object& row);
std::string report_scalar_text(const boost::json::value& value);

// The CSV text of a report's JSON object: a "section" column first when it has more than one list.
std::string report_csv_text(const boost::json::object& report, const ReportCsv& shape);

// The report as an attachment named after the report and its as_of date.
Reply report_csv_reply(const boost::json::object& report, const ReportCsv& shape);

}  // namespace mf::api
