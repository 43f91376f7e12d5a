// Decimal money text, percent rates and dates (core/money.hpp, core/date.hpp): whatever parses formats back
// to text that parses to the same value; what is refused is refused with a code and a message.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/money.hpp"
#include "fuzz_check.hpp"

namespace {

using mf::fuzz::check_error;

constexpr std::string_view kCurrencies[] = {"USD", "EUR", "JPY", "KWD", "GBP", "CLF"};

void money(std::string_view text, std::string_view code) {
    auto parsed = mf::parse_money(text, code);
    if (!parsed) {
        check_error(parsed.error());
        return;
    }
    const mf::Money amount = parsed.value();
    FUZZ_CHECK(amount.currency.code() == code, text);
    const std::string formatted = mf::format_amount(amount);
    auto again = mf::parse_money(formatted, amount.currency);
    FUZZ_CHECK(again.has_value(), formatted);
    FUZZ_CHECK(again.value() == amount, formatted);
    FUZZ_CHECK(mf::format_amount(again.value()) == formatted, formatted);
    // Exactly the currency's decimals, a '-' only on a negative amount.
    const auto point = formatted.find('.');
    const int exponent = amount.currency.exponent();
    FUZZ_CHECK(exponent == 0 ? point == std::string::npos
                             : point != std::string::npos &&
                                   formatted.size() - point - 1 == static_cast<size_t>(exponent),
               formatted);
    FUZZ_CHECK((formatted[0] == '-') == amount.is_negative(), formatted);
    FUZZ_CHECK(mf::require_positive(amount, "amount").has_value() == amount.is_positive(), formatted);
}

void rate(std::string_view text) {
    auto parsed = mf::parse_rate_percent(text);
    if (!parsed) {
        check_error(parsed.error());
        return;
    }
    const int64_t ppm = parsed.value();
    FUZZ_CHECK(ppm >= 0 && ppm <= mf::kPpmPerUnit, text);
    const std::string formatted = mf::format_rate_percent(ppm);
    auto again = mf::parse_rate_percent(formatted);
    FUZZ_CHECK(again.has_value() && again.value() == ppm, formatted);
}

void date(std::string_view text) {
    auto parsed = mf::parse_date(text);
    if (!parsed) {
        check_error(parsed.error());
        return;
    }
    const mf::Date day = parsed.value();
    // The strict form has one spelling: it is the text itself.
    FUZZ_CHECK(day.to_string() == text, text);
    auto rebuilt = mf::Date::from_ymd(day.year(), day.month(), day.day());
    FUZZ_CHECK(rebuilt.has_value() && rebuilt.value() == day, text);
    FUZZ_CHECK(day.iso_weekday() >= 1 && day.iso_weekday() <= 7, text);
    FUZZ_CHECK(days_between(day, day.plus_days(1)) == 1, text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0)
        return 0;
    // The first byte picks the currency; the rest is the text, read as money, a rate and a date.
    const std::string_view code = kCurrencies[data[0] % std::size(kCurrencies)];
    const std::string_view text = mf::fuzz::as_text(data + 1, size - 1);
    money(text, code);
    rate(text);
    date(text);
    return 0;
}
