// The invoice CSV of FORMATS.md: a header naming the columns (any order, any case), one invoice per row.
#include <array>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "formats/invoice_read.hpp"
#include "formats/invoice_readers.hpp"

namespace mf::formats::invoice {

namespace {

constexpr std::array<std::string_view, 6> kRequiredColumns = {"invoice_number", "debtor_name", "invoice_date",
                                                              "due_date",       "amount",      "currency"};

struct Columns {
    std::optional<size_t> number, debtor_name, debtor_ref, issue_date, due_date, amount, currency, po_number;

    explicit Columns(const CsvReader& csv)
        : number(csv.column("invoice_number")),
          debtor_name(csv.column("debtor_name")),
          debtor_ref(csv.column("debtor_ref")),
          issue_date(csv.column("invoice_date")),
          due_date(csv.column("due_date")),
          amount(csv.column("amount")),
          currency(csv.column("currency")),
          po_number(csv.column("po_number")) {}
};

void read_row(const CsvReader& csv, const Columns& columns, Place place, const InvoiceReadOptions& options,
              InvoiceSink& sink) {
    DocumentCheck check(std::move(place));
    InvoiceDocument document;
    if (auto number = required_text(check, csv.field(columns.number), "invoice_number"))
        document.number = *number;
    if (auto name = required_text(check, csv.field(columns.debtor_name), "debtor_name"))
        document.debtor.name = *name;
    document.debtor.external_ref = csv.field(columns.debtor_ref);
    if (auto issued = read_iso_date(check, csv.field(columns.issue_date), "invoice_date"))
        document.issue_date = *issued;
    document.due_date = read_iso_date(check, csv.field(columns.due_date), "due_date");
    if (auto currency = read_currency(check, csv.field(columns.currency), "currency", options)) {
        if (auto amount = read_amount(check, csv.field(columns.amount), *currency, "amount")) {
            check_document_amount(check, document.kind, *amount, "amount");
            document.amount = *amount;
        }
    }
    document.po_number = csv.field(columns.po_number);
    check.finish(sink, std::move(document));
}

}  // namespace

std::vector<std::string_view> missing_invoice_columns(const CsvReader& csv) {
    std::vector<std::string_view> missing;
    for (auto name : kRequiredColumns) {
        if (!csv.column(name))
            missing.push_back(name);
    }
    return missing;
}

Status read_invoice_csv(CsvReader& csv, const InvoiceReadOptions& options, InvoiceSink& sink) {
    if (const auto missing = missing_invoice_columns(csv); !missing.empty()) {
        return file_error(
            "missing_column",
            fmt::format("the CSV header lacks the column{} {} (it has: {})", missing.size() == 1 ? "" : "s",
                        fmt::join(missing, ", "), fmt::join(csv.header(), ", ")));
    }
    const Columns columns(csv);
    std::size_t index = 0;
    while (true) {
        auto more = csv.next();
        if (!more)
            return file_error("invalid_csv",
                              fmt::format("the invoice CSV cannot be read: {}", more.error().message));
        if (!more.value())
            return ok();
        read_row(csv, columns, fmt::format("row {} (line {})", ++index, csv.row().line), options, sink);
    }
}

}  // namespace mf::formats::invoice
