#include "formats/payout_fields.hpp"

#include <gtest/gtest.h>

namespace mf::formats {
namespace {

TEST(PayoutText, TransliteratesToPrintableAscii) {
    const std::pair<const char*, const char*> cases[] = {
        {"Müller & Söhne", "Muller & Sohne"},
        {"  Straße\t\tGroß \n Ltd  ", "Strasse Gross Ltd"},
        {"Ромашка", "Romaska"},
        {"Société Générale", "Societe Generale"},
        {"Łódź Żółć", "Lodz Zolc"},
        {"O'Brien — “quoted” ™", "O'Brien - \"quoted\""},  // no letters in ™: dropped
        {"", ""},
    };
    for (const auto& [input, expected] : cases) {
        auto ascii = to_printable_ascii(input, "name");
        ASSERT_TRUE(ascii) << input;
        EXPECT_EQ(ascii.value(), expected) << input;
    }
}

TEST(PayoutText, RefusesBytesThatAreNotUtf8) {
    for (const char* bad : {"\xff", "abc\xc3", "\xe2\x82", "\xc0\xaf"}) {
        auto ascii = to_printable_ascii(bad, "payee_name");
        ASSERT_FALSE(ascii) << bad;
        EXPECT_EQ(ascii.error().code, "invalid_text");
        EXPECT_EQ(ascii.error().field, "payee_name");
    }
    EXPECT_FALSE(to_printable_ascii(std::string(100'001, 'a'), "remittance"));
}

TEST(PayoutText, SepaCharsetKeepsItsSetAndReplacesTheRest) {
    EXPECT_EQ(to_sepa_charset("A&B \"Q\" <x> sch_4 50% [ok]"), "A+B 'Q' x sch-4 50 ok");
    EXPECT_EQ(to_sepa_charset("a-z/?:().,'+ 09"), "a-z/?:().,'+ 09");
    EXPECT_TRUE(is_sepa_charset("pay-12 (rebate) 1.5/2"));
    EXPECT_FALSE(is_sepa_charset("pay_12"));
    EXPECT_FALSE(is_sepa_charset("a&b"));
}

TEST(PayoutText, UpperCaseAndTruncation) {
    EXPECT_EQ(to_upper_ascii("cli_3 abc"), "CLI_3 ABC");
    EXPECT_EQ(truncate_to("NORTHWIND FACTORING", 10), "NORTHWIND");
    EXPECT_EQ(truncate_to("ABC", 10), "ABC");
}

}  // namespace
}  // namespace mf::formats
