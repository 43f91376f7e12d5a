#include "formats/invoice_file.hpp"

#include <algorithm>
#include <cctype>
#include <memory>

#include <fmt/format.h>

#include "formats/csv.hpp"
#include "formats/invoice_json.hpp"
#include "formats/invoice_read.hpp"
#include "formats/invoice_readers.hpp"
#include "formats/invoice_xml.hpp"

namespace mf::formats {

namespace json = boost::json;
using invoice::file_error;

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// A file parsed once, for detection and reading alike: an XML or JSON document whole, a CSV up to its header
// (its rows are read as they are handed over).
struct ParsedFile {
    InvoiceFormat format = InvoiceFormat::csv;
    std::unique_ptr<pugi::xml_document> xml;
    json::value json;
    std::optional<CsvReader> csv;
};

// The file as UTF-8 text without its byte-order mark.
Result<std::string_view> checked_text(std::string_view bytes, const InvoiceReadOptions& options) {
    if (bytes.size() > options.size_bytes_max) {
        return file_error("file_too_large",
                          fmt::format("the file has {} bytes, more than the {} an invoice file may have",
                                      bytes.size(), options.size_bytes_max));
    }
    if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF"))
        return file_error("invalid_encoding", "the file is UTF-16: save it as UTF-8");
    if (bytes.starts_with(kUtf8Bom))
        bytes.remove_prefix(kUtf8Bom.size());
    if (invoice::trim(bytes).empty())
        return file_error("empty_file", "the file is empty");
    if (const auto offset = first_invalid_utf8(bytes)) {
        const auto line =
            1 + std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(*offset), '\n');
        return file_error(
            "invalid_encoding",
            fmt::format("the file is not valid UTF-8 (byte 0x{:02X} at line {}): save it as UTF-8",
                        static_cast<unsigned char>(bytes[*offset]), line));
    }
    return bytes;
}

Status parse_xml(std::string_view text, ParsedFile& parsed) {
    parsed.xml = std::make_unique<pugi::xml_document>();
    MF_CHECK(invoice::load_xml(text, *parsed.xml));
    const auto root = parsed.xml->document_element();
    const auto format = invoice::xml_format(root);
    if (!format) {
        const auto name = invoice::xml_name(root);
        return file_error(
            "unknown_format",
            fmt::format("the XML root element is {} in namespace '{}': not a UBL Invoice or CreditNote "
                        "nor a CII CrossIndustryInvoice",
                        name.local, name.uri));
    }
    parsed.format = *format;
    return ok();
}

Status parse_json(std::string_view text, ParsedFile& parsed) {
    MF_TRY(parsed.json, invoice::parse_json_keeping_numbers(text));
    const auto format = invoice::json_format(parsed.json);
    if (!format) {
        return file_error(
            "unknown_format",
            "the JSON is neither Xero ({\"Invoices\": [...]}) nor QuickBooks Online "
            "({\"QueryResponse\": {\"Invoice\": [...]}}, {\"Invoice\": {...}} or an Invoice entity)");
    }
    parsed.format = *format;
    return ok();
}

// Whether a first line names the invoice_number column: then a CSV that fails to read is a broken invoice CSV
// rather than some other file.
bool names_invoice_number(std::string_view line) {
    constexpr std::string_view kColumn = "invoice_number";
    const auto found = std::search(
        line.begin(), line.end(), kColumn.begin(), kColumn.end(),
        [](char c, char column) { return std::tolower(static_cast<unsigned char>(c)) == column; });
    return found != line.end();
}

Status parse_csv(std::string_view text, const InvoiceReadOptions& options, ParsedFile& parsed) {
    auto header = [&]() -> Result<CsvReader> {
        MF_TRY(auto reader, CsvReader::open(text, CsvLimits{.bytes_max = options.size_bytes_max}));
        MF_CHECK(reader.read_header());
        return reader;
    }();
    if (!header) {
        if (names_invoice_number(text.substr(0, text.find('\n')))) {
            return file_error("invalid_csv",
                              fmt::format("the invoice CSV cannot be read: {}", header.error().message));
        }
        return file_error("unknown_format", fmt::format("the file is not XML, JSON or an invoice CSV ({})",
                                                        header.error().message));
    }
    parsed.csv.emplace(std::move(header).value());
    if (!invoice::names_an_invoice_column(*parsed.csv)) {  // not one invoice column: not ours
        return file_error(
            "unknown_format",
            "the file is not XML, JSON or an invoice CSV (its first row names none of the columns "
            "invoice_number, debtor_name, invoice_date, due_date, amount, currency)");
    }
    parsed.format = InvoiceFormat::csv;
    return ok();
}

Result<ParsedFile> parse_file(std::string_view bytes, const InvoiceReadOptions& options) {
    MF_TRY(auto text, checked_text(bytes, options));
    ParsedFile parsed;
    const auto start = invoice::trim(text);
    if (start.front() == '<') {
        MF_CHECK(parse_xml(text, parsed));
    } else if (start.front() == '{' || start.front() == '[') {
        MF_CHECK(parse_json(text, parsed));
    } else {
        MF_CHECK(parse_csv(text, options, parsed));
    }
    return parsed;
}

Status read_parsed(ParsedFile& parsed, const InvoiceReadOptions& options, InvoiceSink& sink) {
    switch (parsed.format) {
        case InvoiceFormat::ubl:
            invoice::read_ubl(parsed.xml->document_element(), options, sink);
            return ok();
        case InvoiceFormat::cii:
            invoice::read_cii(parsed.xml->document_element(), options, sink);
            return ok();
        case InvoiceFormat::quickbooks:
            return invoice::read_quickbooks(parsed.json, options, sink);
        case InvoiceFormat::xero:
            return invoice::read_xero(parsed.json, options, sink);
        case InvoiceFormat::csv:
            return invoice::read_invoice_csv(*parsed.csv, options, sink);
    }
    MF_ASSERT(false);
    return ok();
}

}  // namespace

namespace invoice {

std::optional<InvoiceFormat> xml_format(pugi::xml_node root) {
    const auto name = xml_name(root);
    if ((name.local == "Invoice" && name.uri == kUblInvoiceNamespace) ||
        (name.local == "CreditNote" && name.uri == kUblCreditNoteNamespace)) {
        return InvoiceFormat::ubl;
    }
    if (name.local == "CrossIndustryInvoice" && name.uri == kCiiNamespace)
        return InvoiceFormat::cii;
    return std::nullopt;
}

std::optional<InvoiceFormat> json_format(const json::value& root) {
    const auto* object = root.if_object();
    if (object == nullptr)
        return std::nullopt;
    const auto is_array = [&](std::string_view key) {
        const auto* member = object->if_contains(key);
        return member != nullptr && member->is_array();
    };
    if (is_array("Invoices") || is_array("CreditNotes"))
        return InvoiceFormat::xero;
    if (json_object(*object, "QueryResponse") != nullptr || json_object(*object, "Invoice") != nullptr)
        return InvoiceFormat::quickbooks;
    for (std::string_view key : {"DocNumber", "TxnDate", "TotalAmt", "CustomerRef"}) {
        if (object->contains(key))
            return InvoiceFormat::quickbooks;
    }
    return std::nullopt;
}

}  // namespace invoice

Result<InvoiceFormat> detect_invoice_format(std::string_view bytes, const InvoiceReadOptions& options) {
    MF_TRY(auto parsed, parse_file(bytes, options));
    return parsed.format;
}

Result<InvoiceFormat> read_invoice_file(std::string_view bytes, InvoiceSink& sink,
                                        std::optional<InvoiceFormat> format,
                                        const InvoiceReadOptions& options) {
    MF_TRY(auto parsed, parse_file(bytes, options));
    if (format && *format != parsed.format) {
        return file_error("wrong_format", fmt::format("the file was to be {} but it reads as {}",
                                                      to_string(*format), to_string(parsed.format)));
    }
    MF_CHECK(read_parsed(parsed, options, sink));
    return parsed.format;
}

Result<InvoiceFile> read_invoice_file(std::string_view bytes, std::optional<InvoiceFormat> format,
                                      const InvoiceReadOptions& options) {
    struct Collect final : InvoiceSink {
        InvoiceFile file;
        void document(InvoiceDocument&& document) override { file.documents.push_back(std::move(document)); }
        void problem(RowProblem&& problem) override { file.problems.push_back(std::move(problem)); }
    } collect;
    MF_TRY(collect.file.format, read_invoice_file(bytes, collect, format, options));
    return std::move(collect.file);
}

}  // namespace mf::formats
