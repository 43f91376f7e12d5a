// Helpers for the invoice reader tests: reading a sample file or text, and money in a currency.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "formats/invoice_file.hpp"
#include "support/testdata.hpp"

namespace mf::formats::test {

inline Money money(int64_t minor, std::string_view code) {
    return Money{minor, Currency::from_code(code).value()};
}

inline Date date(std::string_view text) {
    return parse_date(text).value();
}

// Reads bytes that must read as a file (a whole-file error fails the test with its message).
inline InvoiceFile read_ok(std::string_view bytes, const InvoiceReadOptions& options = {}) {
    auto file = read_invoice_file(bytes, std::nullopt, options);
    EXPECT_TRUE(file) << (file ? "" : file.error().message);
    return file ? std::move(file).value() : InvoiceFile{};
}

inline InvoiceFile read_sample(const std::string& name) {
    return read_ok(mf::test::read_testdata("einvoice/" + name));
}

// The one document of a file that must hold exactly one and no problem.
inline InvoiceDocument only_document(const InvoiceFile& file) {
    EXPECT_EQ(file.documents.size(), 1u);
    for (const auto& problem : file.problems)
        ADD_FAILURE() << "unexpected problem: " << problem.message;
    return file.documents.empty() ? InvoiceDocument{} : file.documents.front();
}

// The one problem of a file that must hold exactly one and no document.
inline RowProblem only_problem(const InvoiceFile& file) {
    EXPECT_TRUE(file.documents.empty());
    EXPECT_EQ(file.problems.size(), 1u);
    return file.problems.empty() ? RowProblem{} : file.problems.front();
}

// EN 16931 example 1 is one invoice written in both syntaxes (ubl-en16931-guide-example1.xml and
// cii-en16931-example1.xml): both must read to these values.
inline void expect_en16931_example1(const InvoiceDocument& document) {
    EXPECT_EQ(document.kind, DocumentKind::invoice);
    EXPECT_EQ(document.number, "12115118");
    EXPECT_EQ(document.issue_date, date("2015-01-09"));
    EXPECT_EQ(document.due_date, date("2015-01-09"));
    EXPECT_EQ(document.amount, money(25'033, "EUR"));
    EXPECT_EQ(document.payment_reference, "Deb. 10202 / Fact. 12115118");
    EXPECT_FALSE(document.payee);
    EXPECT_EQ(document.seller.name, "De Koksmaat");
    EXPECT_EQ(document.seller.registration_id, "57151520");
    EXPECT_EQ(document.seller.tax_id, "NL8200.98.395.B.01");
    EXPECT_EQ(document.seller.street, "Postbus 7l");
    EXPECT_EQ(document.seller.city, "Velsen-Noord");
    EXPECT_EQ(document.seller.postal_code, "1950 AB");
    EXPECT_EQ(document.seller.country, "NL");
    EXPECT_EQ(document.debtor.name, "ODIN 59");
    EXPECT_EQ(document.debtor.external_ref, "10202");
    EXPECT_EQ(document.debtor.street, "POSTBUS 367");
    EXPECT_EQ(document.debtor.city, "HEEMSKERK");
    EXPECT_EQ(document.debtor.postal_code, "1960 AJ");
    EXPECT_EQ(document.debtor.country, "NL");
    EXPECT_EQ(document.debtor.email, "");
}

}  // namespace mf::formats::test
