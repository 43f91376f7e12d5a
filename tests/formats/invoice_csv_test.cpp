// The invoice CSV of FORMATS.md: columns in any order and case, RFC 4180 quoting, BOM, CRLF, per-row
// problems.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>
#include <string>

#include "formats/csv.hpp"

#include "invoice_test_support.hpp"

namespace mf::formats::test {
namespace {

TEST(InvoiceCsv, QuotingBomCrlfAnyColumnOrderAndExtraColumns) {
    const std::string text =
        "\xEF\xBB\xBF"
        " Amount ,INVOICE_NUMBER,debtor_name,Debtor_Ref,invoice_date,due_date,currency,po_number,notes\r\n"
        "1250.00,INV-1,\"Acme, Inc.\",D-1,2024-04-01,2024-05-01,USD,PO-9,\"first \"\"big\"\" one\"\r\n"
        "99.5,INV-2,\"Bolt\r\nand Nut LLC\",,2024-04-02,2024-05-02,usd,,\r\n"
        "\r\n"
        "7,INV-3,Crane Co,D-3,2024-04-03,2024-04-03,JPY,,\r\n";
    const auto file = read_ok(text);
    EXPECT_EQ(file.format, InvoiceFormat::csv);
    EXPECT_TRUE(file.problems.empty());
    ASSERT_EQ(file.documents.size(), 3u);

    const auto& first = file.documents[0];
    EXPECT_EQ(first.place, "row 1 (line 2)");
    EXPECT_EQ(first.kind, DocumentKind::invoice);
    EXPECT_EQ(first.number, "INV-1");
    EXPECT_EQ(first.debtor.name, "Acme, Inc.");
    EXPECT_EQ(first.debtor.external_ref, "D-1");
    EXPECT_EQ(first.issue_date, date("2024-04-01"));
    EXPECT_EQ(first.due_date, date("2024-05-01"));
    EXPECT_EQ(first.amount, money(125'000, "USD"));
    EXPECT_EQ(first.po_number, "PO-9");

    const auto& second = file.documents[1];
    EXPECT_EQ(second.place, "row 2 (line 3)");
    EXPECT_EQ(second.debtor.name, "Bolt\r\nand Nut LLC");  // a quoted line break is part of the name
    EXPECT_EQ(second.debtor.external_ref, "");
    EXPECT_EQ(second.amount, money(9'950, "USD"));  // "usd": codes are read in any case
    EXPECT_EQ(second.po_number, "");

    const auto& third = file.documents[2];
    EXPECT_EQ(third.place, "row 3 (line 6)");  // after the two-line row and a blank line
    EXPECT_EQ(third.amount, money(7, "JPY"));
}

TEST(InvoiceCsv, LfLinesWithoutOptionalColumns) {
    const auto file = read_ok(
        "invoice_number,debtor_name,invoice_date,due_date,amount,currency\n"
        "A1,Delta Ltd,2024-01-10,2024-02-09,10,GBP\n");
    const auto document = only_document(file);
    EXPECT_EQ(document.number, "A1");
    EXPECT_EQ(document.amount, money(1'000, "GBP"));
}

TEST(InvoiceCsv, MissingColumnFailsTheFileAndNamesIt) {
    const auto file = read_invoice_file(
        "invoice_number,debtor_name,invoice_date,amount,currency\nA1,Delta Ltd,2024-01-10,10,GBP\n");
    ASSERT_FALSE(file);
    EXPECT_EQ(file.error().code, "missing_column");
    EXPECT_EQ(
        file.error().message,
        "the CSV header lacks the column due_date (or Due, Date Due, Due On, Payment Due Date) (it has: "
        "invoice_number, debtor_name, invoice_date, amount, currency)");
}

// A client's export as its accounting tool writes it: its own column names, amounts grouped by commas, no
// currency column (the client's currency stands in).
TEST(InvoiceCsv, AnExportsOwnColumnNamesAndGroupedAmountsAreRead) {
    const std::string text =
        "Invoice No.,Customer,Invoice Date,Due Date,Total,P.O. Number,Memo\n"
        "1001,ACME Corporation,2026-11-20,2026-12-20,\"1,250.00\",PO-7,copper pipe\n"
        "1002,Acme Corp.,2026-11-21,2026-12-21,980.50,,\n"
        "1003,Big Buyer LLC,2026-11-21,2026-12-21,\"12,345,678.90\",,\n";
    const auto file = read_ok(text, {.default_currency = Currency::from_code("USD").value()});
    EXPECT_TRUE(file.problems.empty());
    ASSERT_EQ(file.documents.size(), 3u);
    EXPECT_EQ(file.documents[0].number, "1001");
    EXPECT_EQ(file.documents[0].debtor.name, "ACME Corporation");
    EXPECT_EQ(file.documents[0].issue_date, date("2026-11-20"));
    EXPECT_EQ(file.documents[0].due_date, date("2026-12-20"));
    EXPECT_EQ(file.documents[0].amount, money(125'000, "USD"));
    EXPECT_EQ(file.documents[0].po_number, "PO-7");
    EXPECT_EQ(file.documents[1].amount, money(98'050, "USD"));
    EXPECT_EQ(file.documents[2].amount, money(1'234'567'890, "USD"));

    // Without a currency to stand in, the file must name it.
    const auto without = read_invoice_file(text);
    ASSERT_FALSE(without);
    EXPECT_EQ(without.error().code, "missing_column");
    EXPECT_TRUE(
        without.error().message.starts_with("the CSV header lacks the column currency (or Currency Code, "
                                            "Ccy)"))
        << without.error().message;
    // Camel case and other spellings fold the same way.
    const auto xero_like = only_document(
        read_ok("InvoiceNumber,ContactName,InvoiceDate,DueDate,Total,Currency\nINV-9,Delta Ltd,2024-01-10,"
                "2024-02-09,10.00,GBP\n"));
    EXPECT_EQ(xero_like.number, "INV-9");
    EXPECT_EQ(xero_like.debtor.name, "Delta Ltd");
    EXPECT_EQ(xero_like.amount, money(1'000, "GBP"));
}

// Two columns that could each be the invoice date are not guessed between; FORMATS.md's own name settles it.
TEST(InvoiceCsv, TwoColumnsThatCouldBeOneAreRefusedUnlessOneHasTheFormatsName) {
    const auto ambiguous = read_invoice_file(
        "Invoice Number,Customer,Date,Issue Date,Due Date,Amount,Currency\nA1,Delta "
        "Ltd,2024-01-10,2024-01-09,"
        "2024-02-09,10,GBP\n");
    ASSERT_FALSE(ambiguous);
    EXPECT_EQ(ambiguous.error().code, "ambiguous_column");
    EXPECT_EQ(ambiguous.error().message,
              "the CSV header names a column twice: invoice_date could be 'Date' or 'Issue Date'; rename or "
              "remove one");
    const auto settled = only_document(
        read_ok("Invoice Number,Customer,Date,Invoice_Date,Due Date,Amount,Currency\nA1,Delta Ltd,2024-01-10,"
                "2024-01-09,2024-02-09,10,GBP\n"));
    EXPECT_EQ(settled.issue_date, date("2024-01-09"));
    // Two cells by FORMATS.md's name, spelled two ways, are as ambiguous.
    const auto twice = read_invoice_file(
        "invoice_number,Invoice Number,Customer,Date,Due Date,Amount,Currency\nA1,A2,Delta Ltd,2024-01-10,"
        "2024-02-09,10,GBP\n");
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().message,
              "the CSV header names a column twice: invoice_number could be 'invoice_number' or 'Invoice "
              "Number'; rename or remove one");
}

TEST(InvoiceCsv, ACommaThatCouldBeADecimalCommaIsRefused) {
    for (const std::string amount :
         {"1,250", "12,50", "1.250,00", "1,25.00", "0,250.00", "1,2500.00", "12,,345.00", ",250.00"}) {
        const auto problem = only_problem(read_ok(
            "invoice_number,debtor_name,invoice_date,due_date,amount,currency\nA1,Delta Ltd,2024-01-10,"
            "2024-02-09,\"" +
            amount + "\",GBP\n"));
        EXPECT_EQ(problem.code, "invalid_amount") << amount;
        EXPECT_EQ(problem.message,
                  "row 1 (line 2): amount: '" + amount +
                      "' is not an amount as written: decimals go after a point (12.50), and commas only "
                      "between groups of three digits before it (1,250.00)")
            << amount;
    }
}

TEST(InvoiceCsv, BadRowsAreProblemsWithRowAndLineTheOthersAreRead) {
    const auto file = read_ok(
        "invoice_number,debtor_name,invoice_date,due_date,amount,currency\n"
        "A1,Delta Ltd,2024-01-10,2024-02-09,\"12,5\",EUR\n"
        "A2,Delta Ltd,10/01/2024,2024-02-09,12.50,EUR\n"
        "A3,Delta Ltd,2024-01-10,2024-02-09,12.50,EUR\n"
        ",,2024-01-10,,12.505,XXX\n"
        "A5,Echo AB,2024-01-10,2024-02-09,-3,SEK\n"
        "A6,Echo AB,2024-01-10,2024-02-09,3,SEK\n");
    ASSERT_EQ(file.documents.size(), 2u);
    EXPECT_EQ(file.documents[0].number, "A3");
    EXPECT_EQ(file.documents[1].number, "A6");

    std::vector<std::string> messages;
    for (const auto& problem : file.problems)
        messages.push_back(problem.message);
    const std::vector<std::string> expected = {
        "row 1 (line 2): amount: '12,5' is not an amount as written: decimals go after a point (12.50), and "
        "commas only between groups of three digits before it (1,250.00)",
        "row 2 (line 3): invoice_date: '10/01/2024' is not a date in YYYY-MM-DD form",
        "row 4 (line 5): invoice_number is missing; debtor_name is missing; due_date is missing; currency: "
        "unknown "
        "currency 'XXX' (ISO 4217 code expected)",
        "row 5 (line 6): amount is -3.00: not an invoice to buy (a positive amount is needed)",
    };
    EXPECT_EQ(messages, expected);
    EXPECT_EQ(file.problems[0].place, "row 1 (line 2)");
    EXPECT_EQ(file.problems[0].code, "invalid_amount");
    EXPECT_EQ(file.problems[1].code, "invalid_date");
    EXPECT_EQ(file.problems[2].code, "missing_field");
    EXPECT_EQ(file.problems[3].code, "not_payable");
}

TEST(InvoiceCsv, EmptyCurrencyTakesTheDefault) {
    const std::string text =
        "invoice_number,debtor_name,invoice_date,due_date,amount,currency\nA1,Delta "
        "Ltd,2024-01-10,2024-02-09,10,\n";
    EXPECT_EQ(only_problem(read_ok(text)).code, "missing_field");
    const auto document =
        only_document(read_ok(text, {.default_currency = Currency::from_code("EUR").value()}));
    EXPECT_EQ(document.amount, money(1'000, "EUR"));
}

TEST(InvoiceCsv, HeaderOnlyIsAnEmptyFile) {
    const auto file = read_ok("invoice_number,debtor_name,invoice_date,due_date,amount,currency\r\n");
    EXPECT_TRUE(file.documents.empty());
    EXPECT_TRUE(file.problems.empty());
}

TEST(InvoiceCsv, MalformedCsvFailsTheFileWithTheLine) {
    const auto file = read_invoice_file(
        "invoice_number,debtor_name,invoice_date,due_date,amount,currency\nA1,\"Delta "
        "Ltd,2024-01-10,2024-02-09,10,EUR\n");
    ASSERT_FALSE(file);
    EXPECT_EQ(file.error().code, "invalid_csv");
    EXPECT_TRUE(file.error().message.starts_with(
        "the invoice CSV cannot be read: line 3: a quoted field is not closed"))
        << file.error().message;
}

// A field that is either a valid value (and then `valid` stays true) or any printable text, commas, quotes
// and line breaks included.
std::string field_or_noise(const std::string& value, bool& valid) {
    if (*rc::gen::arbitrary<bool>())
        return value;
    valid = false;
    return *rc::gen::container<std::string>(
        rc::gen::oneOf(rc::gen::inRange<char>(' ', '~' + 1), rc::gen::element(',', '"', '\n', '\r')));
}

// Rows written by the CSV writer and read back: each row is a document or has problems, never both or
// neither, and a row of valid values is read exactly.
RC_GTEST_PROP(InvoiceCsvProperty, EveryRowIsAccountedForOnce, ()) {
    const auto row_count = *rc::gen::inRange(1, 20);
    std::string text;
    append_csv_row(text, {"invoice_number", "debtor_name", "invoice_date", "due_date", "amount", "currency"});
    std::map<std::string, int64_t> valid_amounts;  // invoice number -> minor units, for the rows all valid
    for (int row = 1; row <= row_count; ++row) {
        bool valid = true;
        const auto number =
            "INV-" + std::to_string(row) + field_or_noise("", valid);  // never blank: row kept
        const auto minor = *rc::gen::inRange<int64_t>(1, 1'000'000'000);
        const auto amount = field_or_noise(format_amount(minor, Currency::from_code("USD").value()), valid);
        const auto fields = std::vector<std::string>{number,
                                                     field_or_noise("Debtor " + std::to_string(row), valid),
                                                     field_or_noise("2024-01-10", valid),
                                                     field_or_noise("2024-02-09", valid),
                                                     amount,
                                                     field_or_noise("USD", valid)};
        append_csv_row(text, {fields.begin(), fields.end()});
        if (valid)
            valid_amounts[number] = minor;
    }
    const auto file = read_invoice_file(text);
    RC_ASSERT(file.has_value());

    std::map<std::string, int> seen;  // place -> 1 for a document, 2 for a row's problem
    for (const auto& document : file.value().documents) {
        RC_ASSERT(seen[document.place] == 0);
        seen[document.place] = 1;
        const auto expected = valid_amounts.find(document.number);
        if (expected != valid_amounts.end())
            RC_ASSERT(document.amount == money(expected->second, "USD"));
    }
    for (const auto& problem : file.value().problems) {
        RC_ASSERT(seen[problem.place] == 0);  // one problem per row
        seen[problem.place] = 2;
    }
    RC_ASSERT(seen.size() == static_cast<size_t>(row_count));
    for (const auto& [number, minor] : valid_amounts) {
        const auto& documents = file.value().documents;
        RC_ASSERT(std::any_of(documents.begin(), documents.end(),
                              [&](const InvoiceDocument& d) { return d.number == number; }));
    }
}

}  // namespace
}  // namespace mf::formats::test
