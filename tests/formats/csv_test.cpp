#include "formats/csv.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>

namespace mf::formats {
namespace {

CsvTable read_ok(std::string_view text) {
    auto table = read_csv(text);
    EXPECT_TRUE(table.has_value()) << (table ? "" : table.error().message);
    return table ? std::move(table.value()) : CsvTable{};
}

std::string read_error(std::string_view text, const CsvLimits& limits = {}) {
    auto table = read_csv(text, limits);
    EXPECT_FALSE(table.has_value());
    if (table)
        return {};
    EXPECT_EQ(table.error().code, "invalid_csv");
    return table.error().message;
}

TEST(Csv, ReadsQuotingBomCrlfAndLineNumbers) {
    const auto table = read_ok(
        "\xEF\xBB\xBF Invoice_Number ,amount\r\n"
        "A-1,\"1,250.00\"\r\n"
        "\r\n"
        "\"B \"\"2\"\"\",\"two\r\nlines\"\r\n"
        "C-3,7\r\n");
    ASSERT_EQ(table.header.size(), 2u);
    EXPECT_EQ(table.header[0], "Invoice_Number");
    ASSERT_EQ(table.rows.size(), 3u);
    EXPECT_EQ(table.rows[0].line, 2u);
    EXPECT_EQ(table.rows[0].fields[1], "1,250.00");
    EXPECT_EQ(table.rows[1].line, 4u);
    EXPECT_EQ(table.rows[1].fields[0], "B \"2\"");
    EXPECT_EQ(table.rows[1].fields[1], "two\r\nlines");
    EXPECT_EQ(table.rows[2].line, 6u);
    EXPECT_EQ(table.column("INVOICE_NUMBER"), 0u);
    EXPECT_EQ(table.column("due_date"), std::nullopt);
    EXPECT_EQ(table.field(table.rows[2], table.column("amount")), "7");
    EXPECT_EQ(table.field(table.rows[2], std::nullopt), "");
}

TEST(Csv, LastLineWithoutBreakAndTrailingEmptyFields) {
    const auto table = read_ok("a,b\n1,2,,\n3,4");
    ASSERT_EQ(table.rows.size(), 2u);
    EXPECT_EQ(table.rows[1].fields[1], "4");
    EXPECT_EQ(table.rows[1].line, 3u);
}

TEST(Csv, RejectsWithTheLine) {
    EXPECT_EQ(read_error(""), "the file has no header row");
    EXPECT_EQ(read_error("a,b\n1,2\n3,\"open\n"),
              "line 4: a quoted field is not closed before the end of the file");
    EXPECT_NE(read_error("a,b\n1,\"x\"y\n").find("line 2:"), std::string::npos);
    EXPECT_EQ(read_error("a,b\n1,2\n1,2,3\n"),
              "line 3: the row has a value in column 3, beyond the 2 columns of the header");
    EXPECT_EQ(read_error("a,b\n1,\xC3\x28\n"), "line 2: the text is not valid UTF-8 (byte 7)");
    EXPECT_EQ(read_error("a,b\n1,2\n", CsvLimits{.bytes_max = 4}), "the file is larger than 4 bytes");
    EXPECT_EQ(read_error("a,b\n1,2\n3,4\n", CsvLimits{.rows_max = 1}), "line 3: more than 1 data rows");
    EXPECT_EQ(read_error("a,b\n1,22\n", CsvLimits{.field_bytes_max = 1}),
              "line 2: a field is longer than 1 bytes");
}

// The reader holds one row: each row as read_csv would give it, then the end; a bad line stops it for good.
TEST(Csv, TheReaderGivesOneRowAtATimeAndStopsAtABadLine) {
    auto reader = CsvReader::open("\xEF\xBB\xBF id , Amount\n1,\"2\n0\"\n\n3,4\n5,6,7\n8,9\n").value();
    ASSERT_TRUE(reader.read_header());
    EXPECT_EQ(reader.header(), (std::vector<std::string>{"id", "Amount"}));
    EXPECT_EQ(reader.column("amount"), 1u);
    ASSERT_TRUE(reader.next().value());
    EXPECT_EQ(reader.row().line, 2u);
    EXPECT_EQ(reader.field(reader.column("AMOUNT")), "2\n0");
    ASSERT_TRUE(reader.next().value());
    EXPECT_EQ(reader.row().line, 5u);
    EXPECT_EQ(reader.field(0), "3");
    auto bad = reader.next();
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message,
              "line 6: the row has a value in column 3, beyond the 2 columns of the header");
    EXPECT_FALSE(reader.next());  // stays failed: row 8,9 is never given

    // Lines ended by CR alone are one chunk to the parser: the rows after a bad one are still never given.
    auto carriage_returns = CsvReader::open("a,b\r1,2,3\r4,5\r").value();
    EXPECT_FALSE(carriage_returns.next());
    EXPECT_FALSE(carriage_returns.next());

    auto short_file = CsvReader::open("a,b\n1,2").value();
    EXPECT_TRUE(short_file.next().value());  // next() reads the header first
    EXPECT_EQ(short_file.field(1), "2");
    EXPECT_FALSE(short_file.next().value());
    EXPECT_FALSE(short_file.next().value());
    EXPECT_EQ(CsvReader::open("a\n", CsvLimits{.bytes_max = 1}).error().message,
              "the file is larger than 1 bytes");
}

TEST(Csv, Utf8Validation) {
    EXPECT_EQ(first_invalid_utf8("plain, Müller, 東京, 😀"), std::nullopt);
    EXPECT_EQ(first_invalid_utf8("\xC0\x80"), 0u);         // overlong
    EXPECT_EQ(first_invalid_utf8("ab\xED\xA0\x80"), 2u);   // surrogate
    EXPECT_EQ(first_invalid_utf8("abc\xF0\x9F\x98"), 3u);  // truncated
}

TEST(Csv, WriterQuotesOnlyWhatNeedsIt) {
    std::string out;
    append_csv_row(out, {"plain", "a,b", "say \"hi\"", "two\nlines", " padded", ""});
    EXPECT_EQ(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",\r\n");
}

// Found by fuzz/csv_fuzz.cpp: a cell with a tab at an edge was written unquoted, and read back without it.
TEST(Csv, WriterKeepsTabsAtTheEdges) {
    std::string out;
    append_csv_row(out, {"name", "note"});
    append_csv_row(out, {"tab\t", "\tlead"});
    EXPECT_EQ(out, "name,note\r\n\"tab\t\",\"\tlead\"\r\n");
    const auto table = read_ok(out);
    ASSERT_EQ(table.rows.size(), 1u);
    EXPECT_EQ(table.rows[0].fields, (std::vector<std::string>{"tab\t", "\tlead"}));
}

TEST(Csv, WhatIsWrittenReadsBack) {
    rc::check([](const std::vector<std::string>& cells) {
        // Printable ASCII with commas, quotes and line breaks kept; no edge spaces, which the reader trims.
        std::vector<std::string> fields;
        for (const auto& cell : cells) {
            std::string clean;
            for (char c : cell) {
                if ((c >= 0x21 && c < 0x7F) || ((c == ' ' || c == '\n') && !clean.empty()))
                    clean += c;
            }
            while (!clean.empty() && (clean.back() == ' ' || clean.back() == '\n'))
                clean.pop_back();
            fields.push_back(clean.empty() ? "x" : clean);
        }
        if (fields.empty())
            fields.push_back("x");
        const std::vector<std::string_view> views(fields.begin(), fields.end());
        std::string text;
        append_csv_row(text, views);  // header
        append_csv_row(text, views);
        const auto table = read_csv(text);
        RC_ASSERT(table.has_value());
        RC_ASSERT(table.value().rows.size() == 1u);
        for (size_t i = 0; i < fields.size(); ++i) {
            RC_ASSERT(table.value().field(table.value().rows[0], i) == std::string_view(fields[i]));
        }
    });
}

}  // namespace
}  // namespace mf::formats
