// The CLI's table formatter and cell spellings.
#include <gtest/gtest.h>

#include <sstream>

#include "cli/table.hpp"

namespace mf::cli {
namespace {

Currency usd() {
    return Currency::from_code("USD").value();
}

TEST(Table, AlignsColumnsAndRightAlignsMoney) {
    Table table;
    table.column("ID").column("Name").column("Face", Align::right);
    table.row({"inv_1", "Acme", amount_cell(1'234'50, usd())});
    table.row({"inv_22", "Müller Bau AG", amount_cell(5'00, usd())});
    std::ostringstream out;
    table.print(out);
    EXPECT_EQ(out.str(),
              "ID      Name               Face\n"
              "-------------------------------\n"
              "inv_1   Acme           1,234.50\n"
              "inv_22  Müller Bau AG      5.00\n");
}

TEST(Table, ShortRowsArePadded) {
    Table table;
    table.column("A").column("B", Align::right);
    table.row({"x"});
    std::ostringstream out;
    table.print(out);
    EXPECT_EQ(out.str(), "A  B\n----\nx\n");
}

TEST(Table, EmptyTableSaysSo) {
    Table table;
    table.column("Client").column("Debtor");
    std::ostringstream out;
    table.print(out);
    EXPECT_EQ(out.str(), "Client  Debtor\n--------------\n(none)\n");
}

TEST(Table, FieldsLineUp) {
    std::ostringstream out;
    print_fields(out, {{"Client", "cli_1"}, {"Factoring limit", "250,000.00 USD"}});
    EXPECT_EQ(out.str(), "Client           cli_1\nFactoring limit  250,000.00 USD\n");
}

TEST(Cells, MoneyRatesDatesIds) {
    EXPECT_EQ(amount_cell(-1'234'567'89, usd()), "-1,234,567.89");
    EXPECT_EQ(money_text(100'00, usd()), "100.00 USD");
    EXPECT_EQ(amount_cell(1'000'000, Currency::from_code("JPY").value()), "1,000,000");
    EXPECT_EQ(percent_text(35'000), "3.5%");
    EXPECT_EQ(date_text(std::nullopt), "-");
    EXPECT_EQ(id_text(IdKind::invoice, 0), "-");
    EXPECT_EQ(id_text(IdKind::invoice, 7), "inv_7");
    EXPECT_EQ(display_width("Söhne"), 5u);
}

}  // namespace
}  // namespace mf::cli
