// Business calendars for payout and due dates (ACCOUNTING.md "Days"): the US Federal Reserve holiday calendar
// and weekends_only. Holidays are computed arithmetically per date or per year: no tables, no allocation, no
// cache. Pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/date.hpp"
#include "core/error.hpp"

namespace mf {

enum class CalendarKind {
    // New Year, MLK, Presidents, Memorial, Juneteenth (from 2022), Independence, Labor, Columbus, Veterans,
    // Thanksgiving, Christmas. A Sunday holiday is observed the Monday after; a Saturday holiday is not
    // moved.
    us_federal_reserve,
    weekends_only,  // every Monday to Friday is a business day
};

std::string_view calendar_name(CalendarKind kind);  // "us_federal_reserve", "weekends_only"
// The inverse of calendar_name; anything else fails with invalid_calendar naming the field.
Result<CalendarKind> parse_calendar(std::string_view text, std::string_view field = "calendar");

bool is_weekend(Date date);  // Saturday or Sunday

// True on a holiday's own date (even a Saturday or Sunday) and on the Monday that observes a Sunday holiday.
bool is_holiday(CalendarKind kind, Date date);

// For reports: "Independence Day", or "Independence Day (observed)" on the Monday after a Sunday holiday.
std::optional<std::string_view> holiday_name(CalendarKind kind, Date date);

// Neither a weekend nor a holiday.
bool is_business_day(CalendarKind kind, Date date);

Date next_business_day_on_or_after(CalendarKind kind, Date date);
Date next_business_day_after(CalendarKind kind, Date date);
Date previous_business_day_before(CalendarKind kind, Date date);

// The business_days-th business day after date (before it when negative); date itself when zero, even if it
// is not a business day.
Date add_business_days(CalendarKind kind, Date date, int32_t business_days);

// Business days in (from, to] when from <= to; when to < from, minus the business days in [to, from). So
// business_days_between(kind, d, add_business_days(kind, d, n)) == n for every n.
int32_t business_days_between(CalendarKind kind, Date from, Date to);

}  // namespace mf
