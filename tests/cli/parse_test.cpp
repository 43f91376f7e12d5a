// Command-line text to use-case inputs: invoice specs, CSV files, applications, ids.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli/parse.hpp"
#include "support/temp_dir.hpp"

namespace mf::cli {
namespace {

Currency usd() {
    return Currency::from_code("USD").value();
}

TEST(InvoiceSpec, ReadsTheFiveFields) {
    const auto invoice = parse_invoice_spec("dbt_7,INV-100,1234.5,2026-05-20,2026-06-19", usd());
    ASSERT_TRUE(invoice) << invoice.error().message;
    EXPECT_EQ(invoice.value().debtor_id, 7);
    EXPECT_EQ(invoice.value().number, "INV-100");
    EXPECT_EQ(invoice.value().face_minor, 1'234'50);
    EXPECT_EQ(invoice.value().issue_date.to_string(), "2026-05-20");
    EXPECT_EQ(invoice.value().due_date.to_string(), "2026-06-19");
    EXPECT_EQ(invoice.value().currency, usd());
}

TEST(InvoiceSpec, RejectsBadFieldsWithTheirCodes) {
    EXPECT_EQ(parse_invoice_spec("7,A,1.234,2026-05-20,2026-06-19", usd()).error().code, "invalid_amount");
    EXPECT_EQ(parse_invoice_spec("7,A,10,2025-02-30,2026-06-19", usd()).error().code, "invalid_date");
    EXPECT_EQ(parse_invoice_spec("cli_7,A,10,2026-05-20,2026-06-19", usd()).error().code, "invalid_id");
    EXPECT_EQ(parse_invoice_spec("7,A,10,2026-05-20", usd()).error().code, "invalid_field");
    EXPECT_EQ(parse_invoice_spec("7,,10,2026-05-20,2026-06-19", usd()).error().code, "missing_field");
}

TEST(Application, AmountAndShortPay) {
    const auto full = parse_application("inv_3=100.25", usd());
    ASSERT_TRUE(full);
    EXPECT_EQ(full.value().invoice_id, 3);
    EXPECT_EQ(full.value().amount_minor, 100'25);
    EXPECT_FALSE(full.value().close_short);
    const auto short_pay = parse_application("3=95:short", usd());
    ASSERT_TRUE(short_pay);
    EXPECT_TRUE(short_pay.value().close_short);
    EXPECT_EQ(short_pay.value().amount_minor, 95'00);
    EXPECT_FALSE(parse_application("inv_3", usd()));
    EXPECT_FALSE(parse_application("inv_3=1e3", usd()));
}

class CsvFile : public ::testing::Test {
  protected:
    std::string write(const std::string& text) {
        const std::string path = dir_.file("schedule.csv");
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }
    mf::testing::TempDir dir_;
};

TEST_F(CsvFile, ReadsRowsInAnyColumnOrderWithBomAndCrlf) {
    const auto path = write(
        "\xEF\xBB\xBFnumber,debtor_id,amount,issue_date,due_date\r\n"
        "A-1,dbt_2,100.00,2026-05-01,2026-05-31\r\n"
        "\r\n"
        "\"A-2\",3,5,2026-05-02,2026-06-01\r\n");
    const auto invoices = read_invoice_csv(path, usd());
    ASSERT_TRUE(invoices) << invoices.error().message;
    ASSERT_EQ(invoices.value().size(), 2u);
    EXPECT_EQ(invoices.value()[0].number, "A-1");
    EXPECT_EQ(invoices.value()[0].debtor_id, 2);
    EXPECT_EQ(invoices.value()[1].face_minor, 5'00);
}

TEST_F(CsvFile, ErrorsNameTheLine) {
    const auto path =
        write("debtor_id,number,amount,issue_date,due_date\n2,A,1,2026-05-01,2026-05-31\n2,B,-,x,y\n");
    const auto invoices = read_invoice_csv(path, usd());
    ASSERT_FALSE(invoices);
    EXPECT_NE(invoices.error().message.find("line 3"), std::string::npos) << invoices.error().message;
}

TEST_F(CsvFile, HeaderMustNameEveryColumn) {
    const auto path = write("debtor,number,amount,issue_date,due_date\n");
    const auto invoices = read_invoice_csv(path, usd());
    ASSERT_FALSE(invoices);
    EXPECT_EQ(invoices.error().code, "invalid_csv");
}

TEST(Csv, MissingFile) {
    EXPECT_EQ(read_invoice_csv("/nonexistent/x.csv", usd()).error().code, "file_not_found");
}

TEST(Count, Bounds) {
    EXPECT_EQ(parse_count("30", 0, 30, "days").value(), 30);
    EXPECT_EQ(parse_count("31", 0, 30, "days").error().code, "invalid_field");
    EXPECT_FALSE(parse_count("3x", 0, 30, "days"));
    EXPECT_FALSE(parse_count("", 0, 30, "days"));
}

}  // namespace
}  // namespace mf::cli
