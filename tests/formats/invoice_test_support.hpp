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

}  // namespace mf::formats::test
