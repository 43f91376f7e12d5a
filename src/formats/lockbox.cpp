#include "formats/lockbox.hpp"

#include <array>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "formats/bank_common.hpp"
#include "formats/csv.hpp"

namespace mf::formats {
namespace {

constexpr std::array<std::string_view, 5> kRequiredColumns = {"date", "amount", "currency", "payer_name",
                                                              "reference"};

struct Columns {
    std::optional<size_t> date, amount, currency, payer_name, reference, bank_reference, account;
};

Result<Columns> find_columns(const CsvTable& table) {
    for (std::string_view name : kRequiredColumns) {
        if (!table.column(name)) {
            return bank_error("invalid_bank_file", "header row",
                              fmt::format("the header has no '{}' column; a lockbox file has {}", name,
                                          fmt::join(kRequiredColumns, ", ")));
        }
    }
    return Columns{table.column("date"),       table.column("amount"),    table.column("currency"),
                   table.column("payer_name"), table.column("reference"), table.column("bank_reference"),
                   table.column("account")};
}

Result<BankCredit> read_row(const CsvTable& table, const CsvRow& row, const Columns& columns) {
    BankCredit credit;
    credit.place = fmt::format("line {}", row.line);
    MF_TRY(credit.booking_date, parse_date(table.field(row, columns.date), credit.place + ", date"));
    MF_TRY(const Currency currency, currency_at(table.field(row, columns.currency), credit.place));
    MF_TRY(credit.amount, parse_money(table.field(row, columns.amount), currency, credit.place + ", amount"));
    if (!credit.amount.is_positive()) {
        return bank_error("invalid_amount", credit.place,
                          fmt::format("amount {} is not a payment received; it must be greater than zero",
                                      format_amount(credit.amount)));
    }
    credit.account = std::string(table.field(row, columns.account));
    credit.payer_name = std::string(table.field(row, columns.payer_name));
    credit.creditor_reference = std::string(table.field(row, columns.reference));
    return credit;
}

}  // namespace

Result<BankFile> read_lockbox_csv(std::string_view bytes) {
    MF_CHECK(check_bank_file_size(bytes));
    MF_TRY(const CsvTable table, read_csv(bytes));
    MF_TRY(const Columns columns, find_columns(table));
    BankFile file;
    file.format = BankFormat::lockbox_csv;
    file.message_id = derived_file_id(bytes);
    BankReferences references;
    for (const CsvRow& row : table.rows) {
        MF_TRY(BankCredit credit, read_row(table, row, columns));
        references.assign(credit, table.field(row, columns.bank_reference));
        file.credits.push_back(std::move(credit));
    }
    return file;
}

}  // namespace mf::formats
