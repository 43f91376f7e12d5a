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

    explicit Columns(const CsvTable& table)
        : number(table.column("invoice_number")),
          debtor_name(table.column("debtor_name")),
          debtor_ref(table.column("debtor_ref")),
          issue_date(table.column("invoice_date")),
          due_date(table.column("due_date")),
          amount(table.column("amount")),
          currency(table.column("currency")),
          po_number(table.column("po_number")) {}
};

void read_row(const CsvTable& table, const Columns& columns, const CsvRow& row, Place place,
              const InvoiceReadOptions& options, InvoiceFile& file) {
    DocumentCheck check(std::move(place));
    InvoiceDocument document;
    if (auto number = required_text(check, table.field(row, columns.number), "invoice_number"))
        document.number = *number;
    if (auto name = required_text(check, table.field(row, columns.debtor_name), "debtor_name"))
        document.debtor.name = *name;
    document.debtor.external_ref = table.field(row, columns.debtor_ref);
    if (auto issued = read_iso_date(check, table.field(row, columns.issue_date), "invoice_date"))
        document.issue_date = *issued;
    document.due_date = read_iso_date(check, table.field(row, columns.due_date), "due_date");
    if (auto currency = read_currency(check, table.field(row, columns.currency), "currency", options)) {
        if (auto amount = read_amount(check, table.field(row, columns.amount), *currency, "amount")) {
            check_document_amount(check, document.kind, *amount, "amount");
            document.amount = *amount;
        }
    }
    document.po_number = table.field(row, columns.po_number);
    check.finish(file, std::move(document));
}

}  // namespace

std::vector<std::string_view> missing_invoice_columns(const CsvTable& table) {
    std::vector<std::string_view> missing;
    for (auto name : kRequiredColumns) {
        if (!table.column(name))
            missing.push_back(name);
    }
    return missing;
}

Status read_invoice_csv(CsvTable& table, const InvoiceReadOptions& options, InvoiceFile& file) {
    if (const auto missing = missing_invoice_columns(table); !missing.empty()) {
        return file_error(
            "missing_column",
            fmt::format("the CSV header lacks the column{} {} (it has: {})", missing.size() == 1 ? "" : "s",
                        fmt::join(missing, ", "), fmt::join(table.header, ", ")));
    }
    const Columns columns(table);
    std::size_t index = 0;
    file.documents.reserve(table.rows.size());
    for (auto& row : table.rows) {
        read_row(table, columns, row, fmt::format("row {} (line {})", ++index, row.line), options, file);
        std::vector<std::string>().swap(row.fields);
    }
    return ok();
}

}  // namespace mf::formats::invoice
