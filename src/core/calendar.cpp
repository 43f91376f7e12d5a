#include "core/calendar.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <string>

namespace mf {

namespace {

namespace chr = std::chrono;

constexpr unsigned kMonday = 1;
constexpr unsigned kThursday = 4;
constexpr unsigned kSaturday = 6;
constexpr unsigned kSunday = 7;

enum class RuleKind { fixed_date, nth_weekday, last_weekday };

struct HolidayRule {
    std::string_view name;
    std::string_view observed_name;  // fixed dates only: the Monday after a Sunday holiday
    unsigned month;
    RuleKind kind;
    unsigned day_or_ordinal;  // day of month (fixed_date) or which weekday of the month (nth_weekday)
    unsigned iso_weekday;     // nth_weekday and last_weekday
    int first_year;
};

// The Fed was open on 2021-06-18, the day the government observed the first federal Juneteenth, and first
// closed for it on 2022-06-20; earlier years have no Juneteenth. The other rules are today's, applied to
// every year.
constexpr int kJuneteenthFirstYear = 2022;
constexpr int kAlways = 0;

constexpr std::array<HolidayRule, 11> kFederalReserveRules{{
    {"New Year's Day", "New Year's Day (observed)", 1, RuleKind::fixed_date, 1, 0, kAlways},
    {"Birthday of Martin Luther King, Jr.", "", 1, RuleKind::nth_weekday, 3, kMonday, kAlways},
    {"Washington's Birthday", "", 2, RuleKind::nth_weekday, 3, kMonday, kAlways},
    {"Memorial Day", "", 5, RuleKind::last_weekday, 0, kMonday, kAlways},
    {"Juneteenth National Independence Day", "Juneteenth National Independence Day (observed)", 6,
     RuleKind::fixed_date, 19, 0, kJuneteenthFirstYear},
    {"Independence Day", "Independence Day (observed)", 7, RuleKind::fixed_date, 4, 0, kAlways},
    {"Labor Day", "", 9, RuleKind::nth_weekday, 1, kMonday, kAlways},
    {"Columbus Day", "", 10, RuleKind::nth_weekday, 2, kMonday, kAlways},
    {"Veterans Day", "Veterans Day (observed)", 11, RuleKind::fixed_date, 11, 0, kAlways},
    {"Thanksgiving Day", "", 11, RuleKind::nth_weekday, 4, kThursday, kAlways},
    {"Christmas Day", "Christmas Day (observed)", 12, RuleKind::fixed_date, 25, 0, kAlways},
}};

// A closure lasts at most three days in a row with a weekend (Sat, Sun, observed Mon), so this bounds the
// search.
constexpr int kNonBusinessDaysInARowMax = 7;

struct CivilDay {
    int year;
    unsigned month;
    unsigned day;
    unsigned iso_weekday;
};

CivilDay civil(Date date) {
    const auto value = date.ymd();
    return CivilDay{static_cast<int>(value.year()), static_cast<unsigned>(value.month()),
                    static_cast<unsigned>(value.day()), date.iso_weekday()};
}

unsigned days_in_month(int year, unsigned month) {
    return static_cast<unsigned>(
        chr::year_month_day_last{chr::year{year}, chr::month_day_last{chr::month{month}}}.day());
}

// No range check: a rule date of a valid year is always a real date.
Date make_date(int year, unsigned month, unsigned day) {
    const chr::sys_days days{chr::year_month_day{chr::year{year}, chr::month{month}, chr::day{day}}};
    return Date::from_days(static_cast<int32_t>(days.time_since_epoch().count()));
}

std::optional<std::string_view> match_rule(const HolidayRule& rule, const CivilDay& day) {
    if (day.month != rule.month || day.year < rule.first_year)
        return std::nullopt;
    switch (rule.kind) {
        case RuleKind::fixed_date:
            if (day.day == rule.day_or_ordinal)
                return rule.name;
            // Every fixed date is at most the 25th, so the observing Monday is in the same month.
            if (day.iso_weekday == kMonday && day.day == rule.day_or_ordinal + 1)
                return rule.observed_name;
            return std::nullopt;
        case RuleKind::nth_weekday:
            if (day.iso_weekday == rule.iso_weekday && (day.day - 1) / 7 + 1 == rule.day_or_ordinal)
                return rule.name;
            return std::nullopt;
        case RuleKind::last_weekday:
            if (day.iso_weekday == rule.iso_weekday && day.day + 7 > days_in_month(day.year, day.month)) {
                return rule.name;
            }
            return std::nullopt;
    }
    return std::nullopt;
}

// The weekday on which the Fed closes for a rule in a year; none for a fixed date that falls on a Saturday.
std::optional<Date> closure_date(const HolidayRule& rule, int year) {
    if (year < rule.first_year)
        return std::nullopt;
    switch (rule.kind) {
        case RuleKind::fixed_date: {
            const Date date = make_date(year, rule.month, rule.day_or_ordinal);
            if (date.iso_weekday() == kSaturday)
                return std::nullopt;
            return date.iso_weekday() == kSunday ? date.plus_days(1) : date;
        }
        case RuleKind::nth_weekday: {
            const Date first = make_date(year, rule.month, 1);
            const unsigned offset =
                (rule.iso_weekday + 7 - first.iso_weekday()) % 7 + 7 * (rule.day_or_ordinal - 1);
            return first.plus_days(static_cast<int32_t>(offset));
        }
        case RuleKind::last_weekday: {
            const Date last = make_date(year, rule.month, days_in_month(year, rule.month));
            const unsigned back = (last.iso_weekday() + 7 - rule.iso_weekday) % 7;
            return last.plus_days(-static_cast<int32_t>(back));
        }
    }
    return std::nullopt;
}

int32_t floor_div(int32_t a, int32_t b) {
    return a / b - (a % b != 0 && (a < 0) != (b < 0) ? 1 : 0);
}

// Monday to Friday days from a fixed Monday through date: a running count whose differences count weekdays.
int64_t weekdays_through(Date date) {
    constexpr int32_t kMondayDayNumber = 4;  // 1970-01-05
    const int32_t offset = date.days_since_epoch() - kMondayDayNumber;
    const int32_t weeks = floor_div(offset, 7);
    const int32_t day_of_week = offset - 7 * weeks;  // 0 = Monday
    return 5 * static_cast<int64_t>(weeks) + std::min(day_of_week + 1, 5);
}

// Weekday closures of the Fed in (from, to], from <= to.
int64_t federal_reserve_closures_in(Date from, Date to) {
    int64_t count = 0;
    for (int year = from.year(); year <= to.year(); ++year) {
        for (const auto& rule : kFederalReserveRules) {
            const auto date = closure_date(rule, year);
            if (date && from < *date && *date <= to)
                ++count;
        }
    }
    return count;
}

// Business days in (from, to], from <= to.
int64_t business_days_in(CalendarKind kind, Date from, Date to) {
    const int64_t weekdays = weekdays_through(to) - weekdays_through(from);
    if (kind == CalendarKind::weekends_only)
        return weekdays;
    return weekdays - federal_reserve_closures_in(from, to);
}

}  // namespace

std::string_view calendar_name(CalendarKind kind) {
    switch (kind) {
        case CalendarKind::us_federal_reserve:
            return "us_federal_reserve";
        case CalendarKind::weekends_only:
            return "weekends_only";
    }
    MF_ASSERT(false);
    return {};
}

Result<CalendarKind> parse_calendar(std::string_view text, std::string_view field) {
    for (const CalendarKind kind : {CalendarKind::us_federal_reserve, CalendarKind::weekends_only}) {
        if (text == calendar_name(kind))
            return kind;
    }
    return make_error("invalid_calendar",
                      std::string(field) + ": '" + std::string(text) +
                          "' is not a calendar (us_federal_reserve or weekends_only)",
                      std::string(field));
}

bool is_weekend(Date date) {
    return date.iso_weekday() >= kSaturday;
}

std::optional<std::string_view> holiday_name(CalendarKind kind, Date date) {
    if (kind == CalendarKind::weekends_only)
        return std::nullopt;
    const CivilDay day = civil(date);
    for (const auto& rule : kFederalReserveRules) {
        if (auto name = match_rule(rule, day))
            return name;
    }
    return std::nullopt;
}

bool is_holiday(CalendarKind kind, Date date) {
    return holiday_name(kind, date).has_value();
}

bool is_business_day(CalendarKind kind, Date date) {
    return !is_weekend(date) && !is_holiday(kind, date);
}

Date next_business_day_on_or_after(CalendarKind kind, Date date) {
    for (int step = 0; step <= kNonBusinessDaysInARowMax; ++step) {
        const Date candidate = date.plus_days(step);
        if (is_business_day(kind, candidate))
            return candidate;
    }
    MF_ASSERT(false);
    return date;
}

Date next_business_day_after(CalendarKind kind, Date date) {
    return next_business_day_on_or_after(kind, date.plus_days(1));
}

Date previous_business_day_before(CalendarKind kind, Date date) {
    for (int step = 1; step <= kNonBusinessDaysInARowMax + 1; ++step) {
        const Date candidate = date.plus_days(-step);
        if (is_business_day(kind, candidate))
            return candidate;
    }
    MF_ASSERT(false);
    return date;
}

Date add_business_days(CalendarKind kind, Date date, int32_t business_days) {
    const int32_t direction = business_days < 0 ? -1 : 1;
    int64_t remaining = direction * static_cast<int64_t>(business_days);
    Date current = date;
    // Whole weeks first, leaving at least one business day to step to, so a long distance costs few steps.
    constexpr int64_t kJumpWeeksMax = 52 * 100;
    while (remaining > 5) {
        const int64_t weeks = std::min((remaining - 1) / 5, kJumpWeeksMax);
        const Date next = current.plus_days(static_cast<int32_t>(direction * 7 * weeks));
        const int64_t counted = direction * static_cast<int64_t>(business_days_between(kind, current, next));
        MF_ASSERT(counted > 0 && counted < remaining);
        remaining -= counted;
        current = next;
    }
    for (; remaining > 0; --remaining) {
        current = direction > 0 ? next_business_day_after(kind, current)
                                : previous_business_day_before(kind, current);
    }
    return current;
}

int32_t business_days_between(CalendarKind kind, Date from, Date to) {
    if (from <= to)
        return static_cast<int32_t>(business_days_in(kind, from, to));
    // [to, from) is (to - 1, from - 1].
    return -static_cast<int32_t>(business_days_in(kind, to.plus_days(-1), from.plus_days(-1)));
}

}  // namespace mf
