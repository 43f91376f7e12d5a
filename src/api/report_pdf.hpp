// A report's JSON answer as a PDF (?format=pdf on the report routes), laid out with documents::Pdf: the
// factor's name, the report's title and date, then each of the report's lists as a table under its own
// heading (column headers repeated on every page, numbers right-aligned, "Page n of m" in the footer),
// landscape when a table has many columns. Like the CSV (report_csv.hpp) the cells are the JSON's own
// values as text: nothing is recomputed. Thread-safety: pure functions, except report_file_reply which reads
// the book's settings.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "api/report_csv.hpp"
#include "core/date.hpp"
#include "documents/pdf.hpp"

namespace mf::api {

enum class ReportFormat { json, csv, pdf };

// ?format: json (or absent), csv or pdf; any other value is refused naming the field (invalid_format).
Result<ReportFormat> report_format(const Call& call);

struct ReportPdf {
    std::string title;       // "Aging"
    bool transpose = false;  // lists of few rows and many fields: one column per row, one line per field
    // The fields that are rates in percent ("annualized_yield": "18.2"): printed with "%" after them, as a
    // bare "18.2" beside amounts reads as money or a count. The JSON and the CSV keep the bare number.
    std::vector<std::string> percent_fields = {};
};

// Who the PDF is for and when: the factor's name and the report's date (the report's as_of when it has one).
struct ReportPdfIssuer {
    std::string factor_name;
    Date date;
    documents::PageSize page_size = documents::PageSize::letter;
};

// The PDF bytes of a report's JSON object: `shape.sections` are its lists, in order.
Result<std::string> report_pdf_bytes(const boost::json::object& report, const ReportCsv& shape,
                                     const ReportPdf& layout, const ReportPdfIssuer& issuer);

// The report as a CSV or PDF attachment (format is not json). The PDF is issued in the book's name and dated
// the report's as_of, else the business date; its file is "<file_stem>-<date>.pdf".
Result<Reply> report_file_reply(Call& call, ReportFormat format, const boost::json::object& report,
                                const ReportCsv& shape, const ReportPdf& layout);

}  // namespace mf::api
