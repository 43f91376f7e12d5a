// Calendar dates as a day number (days since 1970-01-01), with strict YYYY-MM-DD text in and out. A Date is a
// business date, never an instant: no time zone or clock is involved. Pure; thread-safe.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace mf {

class Date {
  public:
    constexpr Date() = default;
    static constexpr Date from_days(int32_t days_since_epoch) { return Date(days_since_epoch); }
    // Fails with invalid_date for impossible dates (2025-02-29) and years outside 1900..9999.
    static Result<Date> from_ymd(int year, unsigned month, unsigned day);

    int32_t days_since_epoch() const { return days_; }
    std::chrono::year_month_day ymd() const;
    int year() const;
    unsigned month() const;
    unsigned day() const;
    // ISO weekday: Monday = 1 ... Sunday = 7
    unsigned iso_weekday() const;

    Date plus_days(int32_t days) const { return Date(days_ + days); }
    // Same day of month n months later, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29).
    Date plus_months(int months) const;
    std::string to_string() const;  // YYYY-MM-DD

    friend constexpr auto operator<=>(const Date&, const Date&) = default;
    friend constexpr bool operator==(const Date&, const Date&) = default;

  private:
    constexpr explicit Date(int32_t days) : days_(days) {}
    int32_t days_ = 0;
};

// Calendar days from a to b (b - a), negative when b is earlier.
inline int32_t days_between(Date a, Date b) {
    return b.days_since_epoch() - a.days_since_epoch();
}

// Strict "YYYY-MM-DD": four-digit year, two-digit month and day, a real date. Errors name the field.
Result<Date> parse_date(std::string_view text, std::string_view field = "date");

}  // namespace mf
