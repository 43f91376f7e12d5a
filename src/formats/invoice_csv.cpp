// The invoice CSV of FORMATS.md: a header naming the columns (any order, any case), one invoice per row. The
// columns may also carry the names accounting tools give them in their exports ("Invoice No.", "Customer",
// "Total"), and an amount may group its thousands with commas ("1,250.00"): the files small businesses have.
#include <algorithm>
#include <array>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/text.hpp"
#include "formats/invoice_read.hpp"
#include "formats/invoice_readers.hpp"

namespace mf::formats::invoice {

namespace {

// A column of the invoice CSV: FORMATS.md's name and the other names exports give it, as people read them.
// Header cells and names are compared folded: letters and digits only, in any case ("Invoice No." =
// "invoice_no" = "InvoiceNo"). No folded name belongs to two columns.
struct ColumnName {
    std::string_view name;
    std::vector<std::string_view> also;
};

enum Column : size_t { number, debtor_name, debtor_ref, issue_date, due_date, amount, currency, po_number };

const std::array<ColumnName, 8>& column_names() {
    static const std::array<ColumnName, 8> names = {{
        {"invoice_number",
         {"Invoice No", "Invoice #", "Invoice Num", "Inv No", "Number", "No", "Num", "Doc Number",
          "Document Number"}},
        {"debtor_name",
         {"Debtor", "Customer", "Customer Name", "Contact Name", "Client Name", "Client", "Bill To", "Buyer",
          "Buyer Name"}},
        // Our id for the debtor (dbt_3); not the client's own customer numbers, which are not ours.
        {"debtor_ref", {"Debtor Reference", "Debtor ID"}},
        {"invoice_date", {"Date", "Issue Date", "Date Issued", "Txn Date", "Document Date"}},
        {"due_date", {"Due", "Date Due", "Due On", "Payment Due Date"}},
        {"amount", {"Total", "Invoice Total", "Invoice Amount", "Total Amount", "Total Amt", "Grand Total"}},
        {"currency", {"Currency Code", "Ccy"}},
        {"po_number", {"PO", "PO No", "Purchase Order", "Purchase Order Number", "Purchase Order No"}},
    }};
    return names;
}

// The header columns each invoice column is read from. A cell named as FORMATS.md names the column wins over
// those named another way; two cells that could each be the column (both by FORMATS.md's name, or neither)
// are refused rather than guessed between.
struct Columns {
    std::array<std::optional<size_t>, 8> at{};
    std::vector<std::string> ambiguous;  // "invoice_date could be 'Date' or 'Issue Date'"

    explicit Columns(const std::vector<std::string>& header) {
        for (size_t c = 0; c < at.size(); ++c) {
            const auto& column = column_names()[c];
            const auto exact = letters_and_digits_upper(column.name);
            std::vector<size_t> named, others;
            for (size_t i = 0; i < header.size(); ++i) {
                const auto cell = letters_and_digits_upper(header[i]);
                if (cell == exact)
                    named.push_back(i);
                else if (std::any_of(column.also.begin(), column.also.end(), [&](std::string_view name) {
                             return cell == letters_and_digits_upper(name);
                         }))
                    others.push_back(i);
            }
            const auto& candidates = named.empty() ? others : named;
            if (candidates.size() == 1) {
                at[c] = candidates.front();
            } else if (candidates.size() > 1) {
                std::vector<std::string> cells;
                for (const auto i : candidates)
                    cells.push_back("'" + header[i] + "'");
                ambiguous.push_back(fmt::format("{} could be {}", column.name, fmt::join(cells, " or ")));
            }
        }
    }
};

// The required columns a header lacks, each with the other names it may have; the currency only when no
// default currency stands in for it.
std::vector<std::string> missing(const Columns& columns, bool default_currency) {
    std::vector<std::string> out;
    for (const Column c : {Column::number, Column::debtor_name, Column::issue_date, Column::due_date,
                           Column::amount, Column::currency}) {
        if (columns.at[c] || (c == Column::currency && default_currency))
            continue;
        const auto& column = column_names()[c];
        out.push_back(fmt::format("{} (or {})", column.name, fmt::join(column.also, ", ")));
    }
    return out;
}

// An amount as exports write it: "1,250.00" (commas between groups of three digits, before a decimal point)
// is 1250.00. A comma anywhere else is refused, named: "1,250" and "12,50" could each hold a decimal comma.
std::optional<Money> read_csv_amount(DocumentCheck& check, std::string_view cell, Currency currency) {
    const auto text = trim(cell);
    if (text.find(',') == std::string_view::npos)
        return read_amount(check, text, currency, "amount");
    const size_t sign = text.starts_with('-') ? 1 : 0;
    const auto point = text.find('.');
    if (point != std::string_view::npos && text.find(',', point) == std::string_view::npos) {
        const auto whole = text.substr(sign, point - sign);
        std::string plain(text.substr(0, sign));
        bool grouped = true;
        for (size_t start = 0; grouped;) {
            const auto comma = whole.find(',', start);
            const auto group =
                whole.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
            grouped = all_digits(group) &&
                      (start == 0 ? group.size() <= 3 && group.front() != '0' : group.size() == 3);
            plain += group;
            if (comma == std::string_view::npos)
                break;
            start = comma + 1;
        }
        if (grouped) {
            plain += text.substr(point);
            return read_amount(check, plain, currency, "amount");
        }
    }
    check.fail("invalid_amount",
               fmt::format("amount: '{}' is not an amount as written: decimals go after a point (12.50), and "
                           "commas only between groups of three digits before it (1,250.00)",
                           text));
    return std::nullopt;
}

void read_row(const CsvReader& csv, const Columns& columns, Place place, const InvoiceReadOptions& options,
              InvoiceSink& sink) {
    DocumentCheck check(std::move(place));
    InvoiceDocument document;
    const auto& at = columns.at;
    if (auto number = required_text(check, csv.field(at[Column::number]), "invoice_number"))
        document.number = *number;
    if (auto name = required_text(check, csv.field(at[Column::debtor_name]), "debtor_name"))
        document.debtor.name = *name;
    document.debtor.external_ref = csv.field(at[Column::debtor_ref]);
    if (auto issued = read_iso_date(check, csv.field(at[Column::issue_date]), "invoice_date"))
        document.issue_date = *issued;
    document.due_date = read_iso_date(check, csv.field(at[Column::due_date]), "due_date");
    if (auto currency = read_currency(check, csv.field(at[Column::currency]), "currency", options)) {
        if (auto amount = read_csv_amount(check, csv.field(at[Column::amount]), *currency)) {
            check_document_amount(check, document.kind, *amount, "amount");
            document.amount = *amount;
        }
    }
    document.po_number = csv.field(at[Column::po_number]);
    check.finish(sink, std::move(document));
}

}  // namespace

bool names_an_invoice_column(const CsvReader& csv) {
    const Columns columns(csv.header());
    return !columns.ambiguous.empty() ||
           std::any_of(columns.at.begin(), columns.at.end(), [](const auto& at) { return at.has_value(); });
}

Status read_invoice_csv(CsvReader& csv, const InvoiceReadOptions& options, InvoiceSink& sink) {
    const Columns columns(csv.header());
    if (!columns.ambiguous.empty()) {
        return file_error("ambiguous_column",
                          fmt::format("the CSV header names a column twice: {}; rename or remove one",
                                      fmt::join(columns.ambiguous, "; ")));
    }
    if (const auto lacking = missing(columns, options.default_currency.has_value()); !lacking.empty()) {
        return file_error(
            "missing_column",
            fmt::format("the CSV header lacks the column{} {} (it has: {})", lacking.size() == 1 ? "" : "s",
                        fmt::join(lacking, "; "), fmt::join(csv.header(), ", ")));
    }
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
