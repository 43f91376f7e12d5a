#include "core/money.hpp"

#include <algorithm>
#include <limits>

namespace mf {

// The active ISO 4217 codes (list one, 2024 amendments) with their minor-unit exponents; funds codes and
// precious metals without a minor unit are left out because no invoice is payable in them.
struct CurrencyTable {
    struct Row {
        const char* code;
        int exponent;
    };
    static constexpr Row kRows[] = {
        {"AED", 2}, {"AFN", 2}, {"ALL", 2}, {"AMD", 2}, {"ANG", 2}, {"AOA", 2}, {"ARS", 2}, {"AUD", 2},
        {"AWG", 2}, {"AZN", 2}, {"BAM", 2}, {"BBD", 2}, {"BDT", 2}, {"BGN", 2}, {"BHD", 3}, {"BIF", 0},
        {"BMD", 2}, {"BND", 2}, {"BOB", 2}, {"BRL", 2}, {"BSD", 2}, {"BTN", 2}, {"BWP", 2}, {"BYN", 2},
        {"BZD", 2}, {"CAD", 2}, {"CDF", 2}, {"CHF", 2}, {"CLF", 4}, {"CLP", 0}, {"CNY", 2}, {"COP", 2},
        {"CRC", 2}, {"CUP", 2}, {"CVE", 2}, {"CZK", 2}, {"DJF", 0}, {"DKK", 2}, {"DOP", 2}, {"DZD", 2},
        {"EGP", 2}, {"ERN", 2}, {"ETB", 2}, {"EUR", 2}, {"FJD", 2}, {"FKP", 2}, {"GBP", 2}, {"GEL", 2},
        {"GHS", 2}, {"GIP", 2}, {"GMD", 2}, {"GNF", 0}, {"GTQ", 2}, {"GYD", 2}, {"HKD", 2}, {"HNL", 2},
        {"HTG", 2}, {"HUF", 2}, {"IDR", 2}, {"ILS", 2}, {"INR", 2}, {"IQD", 3}, {"IRR", 2}, {"ISK", 0},
        {"JMD", 2}, {"JOD", 3}, {"JPY", 0}, {"KES", 2}, {"KGS", 2}, {"KHR", 2}, {"KMF", 0}, {"KPW", 2},
        {"KRW", 0}, {"KWD", 3}, {"KYD", 2}, {"KZT", 2}, {"LAK", 2}, {"LBP", 2}, {"LKR", 2}, {"LRD", 2},
        {"LSL", 2}, {"LYD", 3}, {"MAD", 2}, {"MDL", 2}, {"MGA", 2}, {"MKD", 2}, {"MMK", 2}, {"MNT", 2},
        {"MOP", 2}, {"MRU", 2}, {"MUR", 2}, {"MVR", 2}, {"MWK", 2}, {"MXN", 2}, {"MYR", 2}, {"MZN", 2},
        {"NAD", 2}, {"NGN", 2}, {"NIO", 2}, {"NOK", 2}, {"NPR", 2}, {"NZD", 2}, {"OMR", 3}, {"PAB", 2},
        {"PEN", 2}, {"PGK", 2}, {"PHP", 2}, {"PKR", 2}, {"PLN", 2}, {"PYG", 0}, {"QAR", 2}, {"RON", 2},
        {"RSD", 2}, {"RUB", 2}, {"RWF", 0}, {"SAR", 2}, {"SBD", 2}, {"SCR", 2}, {"SDG", 2}, {"SEK", 2},
        {"SGD", 2}, {"SHP", 2}, {"SLE", 2}, {"SOS", 2}, {"SRD", 2}, {"SSP", 2}, {"STN", 2}, {"SVC", 2},
        {"SYP", 2}, {"SZL", 2}, {"THB", 2}, {"TJS", 2}, {"TMT", 2}, {"TND", 3}, {"TOP", 2}, {"TRY", 2},
        {"TTD", 2}, {"TWD", 2}, {"TZS", 2}, {"UAH", 2}, {"UGX", 0}, {"USD", 2}, {"UYI", 0}, {"UYU", 2},
        {"UYW", 4}, {"UZS", 2}, {"VES", 2}, {"VND", 0}, {"VUV", 0}, {"WST", 2}, {"XAF", 0}, {"XCD", 2},
        {"XCG", 2}, {"XOF", 0}, {"XPF", 0}, {"YER", 2}, {"ZAR", 2}, {"ZMW", 2}, {"ZWG", 2},
    };
    static Currency make(const Row& row) {
        return Currency({row.code[0], row.code[1], row.code[2]}, row.exponent);
    }
};

Result<Currency> Currency::from_code(std::string_view code) {
    if (code.size() == 3) {
        const auto* end = std::end(CurrencyTable::kRows);
        const auto* row =
            std::lower_bound(std::begin(CurrencyTable::kRows), end, code,
                             [](const CurrencyTable::Row& r, std::string_view c) { return r.code < c; });
        if (row != end && std::string_view(row->code) == code)
            return CurrencyTable::make(*row);
    }
    return make_error("unknown_currency",
                      "unknown currency '" + std::string(code) + "' (ISO 4217 code expected)", "currency");
}

int64_t Currency::minor_per_major() const {
    int64_t factor = 1;
    for (int i = 0; i < exponent_; ++i)
        factor *= 10;
    return factor;
}

static Error overflow_error() {
    return make_error("overflow", "amount out of range (64-bit minor units)");
}

Result<int64_t> checked_add(int64_t a, int64_t b) {
    int64_t out;
    if (__builtin_add_overflow(a, b, &out))
        return overflow_error();
    return out;
}

Result<int64_t> checked_sub(int64_t a, int64_t b) {
    int64_t out;
    if (__builtin_sub_overflow(a, b, &out))
        return overflow_error();
    return out;
}

Result<int64_t> checked_mul(int64_t a, int64_t b) {
    int64_t out;
    if (__builtin_mul_overflow(a, b, &out))
        return overflow_error();
    return out;
}

static Status same_currency(const Money& a, const Money& b) {
    if (a.currency == b.currency)
        return ok();
    return make_error(
        "currency_mismatch",
        "cannot combine " + std::string(a.currency.code()) + " with " + std::string(b.currency.code()),
        "currency");
}

Result<Money> add(const Money& a, const Money& b) {
    MF_CHECK(same_currency(a, b));
    MF_TRY(auto sum, checked_add(a.minor, b.minor));
    return Money{sum, a.currency};
}

Result<Money> subtract(const Money& a, const Money& b) {
    MF_CHECK(same_currency(a, b));
    MF_TRY(auto difference, checked_sub(a.minor, b.minor));
    return Money{difference, a.currency};
}

Result<int64_t> divide_round_half_up(int128 numerator, int128 denominator) {
    MF_ASSERT(denominator > 0);
    const bool negative = numerator < 0;
    const int128 magnitude = negative ? -numerator : numerator;
    int128 quotient = magnitude / denominator;
    const int128 remainder = magnitude % denominator;
    if (remainder * 2 >= denominator)
        ++quotient;
    if (negative)
        quotient = -quotient;
    if (quotient > std::numeric_limits<int64_t>::max() || quotient < std::numeric_limits<int64_t>::min()) {
        return overflow_error();
    }
    return static_cast<int64_t>(quotient);
}

Result<int64_t> apply_rate_ppm(int64_t amount_minor, int64_t rate_ppm) {
    return divide_round_half_up(static_cast<int128>(amount_minor) * rate_ppm, kPpmPerUnit);
}

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Parses "[-]digits[.digits]" into an integer scaled by 10^scale. Shared by money and rates.
Result<int64_t> parse_scaled_decimal(std::string_view text, int scale, std::string_view field,
                                     std::string_view what) {
    const std::string shown(text);
    auto bad = [&](const std::string& why) {
        return make_error("invalid_" + std::string(what), std::string(field) + ": '" + shown + "' " + why,
                          std::string(field));
    };
    if (text.empty())
        return bad("is empty");
    bool negative = false;
    if (text.front() == '-') {
        negative = true;
        text.remove_prefix(1);
    } else if (text.front() == '+') {
        return bad("has a leading '+'");
    }
    const auto point = text.find('.');
    std::string_view whole = text.substr(0, point);
    std::string_view fraction = point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
    if (whole.empty())
        return bad("needs a digit before the decimal point");
    if (point != std::string_view::npos && fraction.empty())
        return bad("needs a digit after the decimal point");
    for (char c : whole) {
        if (c == ',' || c == '_' || c == '\'' || c == ' ')
            return bad("has a thousands separator or space");
        if (c == 'e' || c == 'E')
            return bad("has an exponent");
        if (!is_digit(c))
            return bad("is not a plain decimal number");
    }
    for (char c : fraction) {
        if (c == 'e' || c == 'E')
            return bad("has an exponent");
        if (!is_digit(c))
            return bad("is not a plain decimal number");
    }
    if (static_cast<int>(fraction.size()) > scale) {
        return bad("has more than " + std::to_string(scale) + " decimal" + (scale == 1 ? "" : "s"));
    }
    int128 value = 0;
    for (char c : whole) {
        value = value * 10 + (c - '0');
        if (value > std::numeric_limits<int64_t>::max())
            return bad("is too large");
    }
    for (int i = 0; i < scale; ++i) {
        const int digit = i < static_cast<int>(fraction.size()) ? fraction[i] - '0' : 0;
        value = value * 10 + digit;
        if (value > std::numeric_limits<int64_t>::max())
            return bad("is too large");
    }
    return static_cast<int64_t>(negative ? -value : value);
}

std::string format_scaled(int64_t value, int scale, bool trim_zeros) {
    const bool negative = value < 0;
    uint128 magnitude = negative ? -static_cast<int128>(value) : value;
    std::string digits;
    do {
        digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
        magnitude /= 10;
    } while (magnitude != 0);
    if (static_cast<int>(digits.size()) <= scale)
        digits.insert(0, scale + 1 - digits.size(), '0');
    std::string out = negative ? "-" : "";
    out += digits.substr(0, digits.size() - scale);
    std::string fraction = digits.substr(digits.size() - scale);
    if (trim_zeros) {
        while (!fraction.empty() && fraction.back() == '0')
            fraction.pop_back();
    }
    if (!fraction.empty())
        out += "." + fraction;
    return out;
}

}  // namespace

Result<Money> parse_money(std::string_view text, Currency currency, std::string_view field) {
    MF_TRY(auto minor, parse_scaled_decimal(text, currency.exponent(), field, "amount"));
    return Money{minor, currency};
}

Result<Money> parse_money(std::string_view text, std::string_view currency_code, std::string_view field) {
    MF_TRY(auto currency, Currency::from_code(currency_code));
    return parse_money(text, currency, field);
}

std::string format_amount(int64_t minor, Currency currency) {
    return format_scaled(minor, currency.exponent(), false);
}

std::string format_amount(const Money& money) {
    return format_amount(money.minor, money.currency);
}

std::string format_money(const Money& money) {
    // Built forwards into a new string (an in-place insert loop trips GCC 12's -Wrestrict at -O3).
    const std::string plain = format_amount(money);
    const size_t whole_begin = plain[0] == '-' ? 1 : 0;
    const size_t whole_end = std::min(plain.find('.'), plain.size());
    std::string out = plain.substr(0, whole_begin);
    for (size_t i = whole_begin; i < whole_end; ++i) {
        if (i > whole_begin && (whole_end - i) % 3 == 0)
            out += ',';
        out += plain[i];
    }
    out.append(plain, whole_end, std::string::npos);
    out += ' ';
    out += money.currency.code();
    return out;
}

Status require_positive(const Money& money, std::string_view field) {
    if (money.minor > 0)
        return ok();
    return make_error("invalid_amount",
                      std::string(field) + " must be greater than zero, got " + format_amount(money),
                      std::string(field));
}

Result<int64_t> parse_rate_percent(std::string_view text, std::string_view field, int64_t max_ppm) {
    // percent with 4 decimals = ppm
    MF_TRY(auto ppm, parse_scaled_decimal(text, 4, field, "rate"));
    if (ppm < 0 || ppm > max_ppm) {
        return make_error("invalid_rate",
                          std::string(field) + ": '" + std::string(text) + "' must be between 0 and " +
                              format_rate_percent(max_ppm) + " percent",
                          std::string(field));
    }
    return ppm;
}

std::string format_rate_percent(int64_t rate_ppm) {
    return format_scaled(rate_ppm, 4, true);
}

}  // namespace mf

namespace mf {
static_assert(std::is_sorted(std::begin(CurrencyTable::kRows), std::end(CurrencyTable::kRows),
                             [](const CurrencyTable::Row& a, const CurrencyTable::Row& b) {
                                 return std::string_view(a.code) < std::string_view(b.code);
                             }),
              "the currency table is searched by bisection and must stay sorted by code");
}  // namespace mf
