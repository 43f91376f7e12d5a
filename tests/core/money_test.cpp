#include "core/money.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace mf {
namespace {

Currency usd() {
    return Currency::from_code("USD").value();
}

TEST(Currency, KnownCodesCarryTheirExponent) {
    EXPECT_EQ(Currency::from_code("USD").value().exponent(), 2);
    EXPECT_EQ(Currency::from_code("JPY").value().exponent(), 0);
    EXPECT_EQ(Currency::from_code("KWD").value().exponent(), 3);
    EXPECT_EQ(Currency::from_code("CLF").value().exponent(), 4);
    EXPECT_EQ(Currency::from_code("EUR").value().code(), "EUR");
}

TEST(Currency, UnknownCodesAreErrors) {
    for (const char* code : {"usd", "XXX", "US", "USDD", "", "ZZZ"}) {
        auto currency = Currency::from_code(code);
        ASSERT_FALSE(currency) << code;
        EXPECT_EQ(currency.error().code, "unknown_currency");
    }
}

struct ParseCase {
    const char* text;
    const char* currency;
    int64_t minor;
};

TEST(ParseMoney, AcceptsPlainDecimals) {
    const ParseCase cases[] = {
        {"1234.50", "USD", 123450}, {"1234.5", "USD", 123450}, {"1234", "USD", 123400}, {"0.01", "USD", 1},
        {"-7.25", "USD", -725},     {"500", "JPY", 500},       {"1.234", "KWD", 1234},  {"0", "EUR", 0},
    };
    for (const auto& c : cases) {
        auto money = parse_money(c.text, c.currency);
        ASSERT_TRUE(money) << c.text << ": " << money.error().message;
        EXPECT_EQ(money.value().minor, c.minor) << c.text;
    }
}

TEST(ParseMoney, RejectsWhatAccountingMdForbids) {
    const char* bad[] = {"1234.567", "1e3",  "1,234.50", "+5",  "",    ".5",
                         "5.",       "12 3", "abc",      "5.5", "--1", "99999999999999999999"};
    for (const char* text : bad) {
        const char* currency = std::string_view(text) == "5.5" ? "JPY" : "USD";
        auto money = parse_money(text, currency, "face_amount");
        ASSERT_FALSE(money) << text;
        EXPECT_EQ(money.error().code, "invalid_amount") << text;
        EXPECT_EQ(money.error().field, "face_amount");
        EXPECT_NE(money.error().message.find(text), std::string::npos) << money.error().message;
    }
}

TEST(FormatMoney, ExactlyTheCurrencyDecimals) {
    EXPECT_EQ(format_amount(Money{123450, usd()}), "1234.50");
    EXPECT_EQ(format_amount(Money{-5, usd()}), "-0.05");
    EXPECT_EQ(format_amount(Money{0, usd()}), "0.00");
    EXPECT_EQ(format_amount(Money{500, Currency::from_code("JPY").value()}), "500");
    EXPECT_EQ(format_money(Money{123456789, usd()}), "1,234,567.89 USD");
    EXPECT_EQ(format_money(Money{-100000, usd()}), "-1,000.00 USD");
    EXPECT_EQ(format_amount(Money{INT64_MIN, usd()}), "-92233720368547758.08");
}

TEST(Arithmetic, OverflowIsAnErrorNotAWrap) {
    EXPECT_FALSE(checked_add(INT64_MAX, 1));
    EXPECT_FALSE(checked_sub(INT64_MIN, 1));
    EXPECT_FALSE(checked_mul(INT64_MAX / 2, 3));
    EXPECT_EQ(checked_add(INT64_MAX, 1).error().code, "overflow");
}

TEST(Arithmetic, CurrenciesNeverMix) {
    auto sum = add(Money{1, usd()}, Money{1, Currency::from_code("EUR").value()});
    ASSERT_FALSE(sum);
    EXPECT_EQ(sum.error().code, "currency_mismatch");
}

TEST(Rounding, HalfUpAwayFromZeroOnce) {
    EXPECT_EQ(divide_round_half_up(5, 10).value(), 1);
    EXPECT_EQ(divide_round_half_up(4, 10).value(), 0);
    EXPECT_EQ(divide_round_half_up(-5, 10).value(), -1);
    EXPECT_EQ(divide_round_half_up(-4, 10).value(), 0);
    EXPECT_EQ(apply_rate_ppm(123456, 900000).value(), 111110);  // 1111.104 -> 1111.10
    EXPECT_EQ(apply_rate_ppm(250000, 35000).value(), 8750);
}

TEST(Rates, PercentTextRoundTrips) {
    EXPECT_EQ(parse_rate_percent("90").value(), 900000);
    EXPECT_EQ(parse_rate_percent("2.5").value(), 25000);
    EXPECT_EQ(parse_rate_percent("0.0001").value(), 1);
    EXPECT_FALSE(parse_rate_percent("0.00001"));
    EXPECT_FALSE(parse_rate_percent("101"));
    EXPECT_FALSE(parse_rate_percent("-1"));
    EXPECT_EQ(format_rate_percent(900000), "90");
    EXPECT_EQ(format_rate_percent(35000), "3.5");
    EXPECT_EQ(format_rate_percent(1), "0.0001");
}

RC_GTEST_PROP(MoneyText, FormatThenParseIsIdentity, (int64_t minor)) {
    const Money money{minor, usd()};
    auto parsed = parse_money(format_amount(money), usd());
    RC_PRE(minor != INT64_MIN);
    RC_ASSERT(parsed.has_value());
    RC_ASSERT(parsed.value().minor == minor);
}

}  // namespace
}  // namespace mf
