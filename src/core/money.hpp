// Money: int64 minor units tagged with an ISO 4217 currency; checked arithmetic, half-up rounding of exact
// rationals, and the decimal text form of ACCOUNTING.md. Pure and thread-safe (values and a constant table).
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace mf {

// 128-bit intermediates for exact products of amounts and rates (ACCOUNTING.md: rounded once, at the end).
__extension__ typedef __int128 int128;
__extension__ typedef unsigned __int128 uint128;

// An ISO 4217 currency: its three-letter code and the exponent of its minor unit (USD 2, JPY 0, KWD 3).
class Currency {
  public:
    constexpr Currency() = default;
    std::string_view code() const { return std::string_view(code_.data(), 3); }
    int exponent() const { return exponent_; }
    int64_t minor_per_major() const;  // 10^exponent
    bool valid() const { return code_[0] != 0; }

    friend bool operator==(const Currency& a, const Currency& b) { return a.code_ == b.code_; }

    // Only the currency table builds currencies: an unknown code is an error, never a currency.
    static Result<Currency> from_code(std::string_view code);

  private:
    constexpr Currency(std::array<char, 3> code, int exponent) : code_(code), exponent_(exponent) {}
    std::array<char, 3> code_{0, 0, 0};
    int exponent_ = 0;
    friend struct CurrencyTable;
};

struct Money {
    int64_t minor = 0;
    Currency currency;

    friend bool operator==(const Money&, const Money&) = default;
    bool is_zero() const { return minor == 0; }
    bool is_negative() const { return minor < 0; }
    bool is_positive() const { return minor > 0; }
};

// Overflow-checked int64 arithmetic: an overflow is an error (code "overflow"), never a wrap.
Result<int64_t> checked_add(int64_t a, int64_t b);
Result<int64_t> checked_sub(int64_t a, int64_t b);
Result<int64_t> checked_mul(int64_t a, int64_t b);

// Amounts of different currencies never meet: these fail with "currency_mismatch".
Result<Money> add(const Money& a, const Money& b);
Result<Money> subtract(const Money& a, const Money& b);

// numerator / denominator rounded once, half up (away from zero); denominator > 0. Fails on int64 overflow.
Result<int64_t> divide_round_half_up(int128 numerator, int128 denominator);

// amount x rate_ppm / 1,000,000, rounded half up once.
Result<int64_t> apply_rate_ppm(int64_t amount_minor, int64_t rate_ppm);

inline constexpr int64_t kPpmPerUnit = 1'000'000;  // rate_ppm of 100%

// Decimal text: "1234.50". Input may have fewer decimals than the currency ("12.5", "12") but never more, and
// no exponent, thousands separator, leading '+', spaces or empty parts. A leading '-' is accepted; callers
// that need a positive amount say so with require_positive().
Result<Money> parse_money(std::string_view text, Currency currency, std::string_view field = "amount");
Result<Money> parse_money(std::string_view text, std::string_view currency_code,
                          std::string_view field = "amount");
std::string format_amount(const Money& money);                // "1234.50", exactly the currency's decimals
std::string format_amount(int64_t minor, Currency currency);  // same
std::string format_money(const Money& money);                 // "1,234.50 USD": for people, never parsed back

Status require_positive(const Money& money, std::string_view field);

// Rates as decimal percent text ("90", "2.5", "0.0001") <-> ppm. At most 4 decimals (1 ppm), 0 <= rate <=
// max.
Result<int64_t> parse_rate_percent(std::string_view text, std::string_view field = "rate",
                                   int64_t max_ppm = kPpmPerUnit);
std::string format_rate_percent(int64_t rate_ppm);  // shortest exact form: 900000 -> "90", 35000 -> "3.5"

}  // namespace mf
