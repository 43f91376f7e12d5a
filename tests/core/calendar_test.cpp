#include "core/calendar.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

namespace mf {
namespace {

constexpr CalendarKind kFed = CalendarKind::us_federal_reserve;
constexpr CalendarKind kWeekends = CalendarKind::weekends_only;

Date day(const char* text) {
    return parse_date(text).value();
}

// Weekdays of a year on which the calendar is closed, by brute force over every day.
std::vector<std::string> weekday_closures(CalendarKind kind, int year) {
    std::vector<std::string> closures;
    const Date first = Date::from_ymd(year, 1, 1).value();
    const Date next_year = Date::from_ymd(year + 1, 1, 1).value();
    for (Date date = first; date < next_year; date = date.plus_days(1)) {
        if (!is_weekend(date) && !is_business_day(kind, date))
            closures.push_back(date.to_string());
    }
    return closures;
}

struct YearCase {
    int year;
    std::vector<std::string> closures;
};

// The Federal Reserve's published holiday schedules: Sunday holidays move to Monday, Saturday ones do not
// move.
TEST(CalendarFed, FullHolidayListPerYear) {
    const YearCase cases[] = {
        {2022,
         {"2022-01-17", "2022-02-21", "2022-05-30", "2022-06-20", "2022-07-04", "2022-09-05", "2022-10-10",
          "2022-11-11", "2022-11-24", "2022-12-26"}},
        {2023,
         {"2023-01-02", "2023-01-16", "2023-02-20", "2023-05-29", "2023-06-19", "2023-07-04", "2023-09-04",
          "2023-10-09", "2023-11-23", "2023-12-25"}},
        {2024,
         {"2024-01-01", "2024-01-15", "2024-02-19", "2024-05-27", "2024-06-19", "2024-07-04", "2024-09-02",
          "2024-10-14", "2024-11-11", "2024-11-28", "2024-12-25"}},
        {2025,
         {"2025-01-01", "2025-01-20", "2025-02-17", "2025-05-26", "2025-06-19", "2025-07-04", "2025-09-01",
          "2025-10-13", "2025-11-11", "2025-11-27", "2025-12-25"}},
        {2026,
         {"2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-09-07", "2026-10-12",
          "2026-11-11", "2026-11-26", "2026-12-25"}},
        {2027,
         {"2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-07-05", "2027-09-06", "2027-10-11",
          "2027-11-11", "2027-11-25"}},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(weekday_closures(kFed, c.year), c.closures) << c.year;
    }
}

struct DayCase {
    const char* date;
    bool business_day;
    const char* holiday;  // nullptr: no holiday
};

TEST(CalendarFed, NamedDaysAndSaturdayHolidaysThatDoNotMove) {
    const DayCase cases[] = {
        {"2023-01-01", false, "New Year's Day"},             // Sunday
        {"2023-01-02", false, "New Year's Day (observed)"},  // Monday after
        {"2022-12-25", false, "Christmas Day"},              // Sunday
        {"2022-12-26", false, "Christmas Day (observed)"},   // Monday after
        {"2022-06-20", false, "Juneteenth National Independence Day (observed)"},
        {"2021-06-18", true, nullptr},   // the government's first Juneteenth: the Fed was open
        {"2021-06-19", false, nullptr},  // Saturday, and no Fed Juneteenth before 2022
        {"2021-12-24", true, nullptr},   // Friday before a Saturday Christmas
        {"2021-12-25", false, "Christmas Day"},
        {"2021-12-31", true, nullptr},  // Friday before a Saturday New Year
        {"2022-01-01", false, "New Year's Day"},
        {"2026-07-03", true, nullptr},  // Friday before a Saturday Independence Day
        {"2026-07-04", false, "Independence Day"},
        {"2027-06-18", true, nullptr},  // Friday before a Saturday Juneteenth
        {"2027-06-19", false, "Juneteenth National Independence Day"},
        {"2027-07-05", false, "Independence Day (observed)"},
        {"2023-11-10", true, nullptr},  // Friday before a Saturday Veterans Day
        {"2023-11-11", false, "Veterans Day"},
        {"2025-01-20", false, "Birthday of Martin Luther King, Jr."},
        {"2025-02-17", false, "Washington's Birthday"},
        {"2025-05-26", false, "Memorial Day"},
        {"2025-09-01", false, "Labor Day"},
        {"2025-10-13", false, "Columbus Day"},
        {"2025-11-27", false, "Thanksgiving Day"},
        {"2025-11-28", true, nullptr},  // the day after Thanksgiving is a business day
        {"2025-12-24", true, nullptr},
        {"2025-12-27", false, nullptr},  // a plain Saturday
        {"2025-05-19", true, nullptr},   // a Monday that is not the last of May
    };
    for (const auto& c : cases) {
        const Date date = day(c.date);
        EXPECT_EQ(is_business_day(kFed, date), c.business_day) << c.date;
        const auto name = holiday_name(kFed, date);
        EXPECT_EQ(is_holiday(kFed, date), c.holiday != nullptr) << c.date;
        if (c.holiday != nullptr) {
            ASSERT_TRUE(name.has_value()) << c.date;
            EXPECT_EQ(*name, c.holiday) << c.date;
        } else {
            EXPECT_FALSE(name.has_value()) << c.date;
        }
    }
}

TEST(CalendarWeekendsOnly, EveryWeekdayIsABusinessDay) {
    EXPECT_TRUE(weekday_closures(kWeekends, 2025).empty());
    EXPECT_TRUE(is_business_day(kWeekends, day("2025-12-25")));
    EXPECT_FALSE(is_holiday(kWeekends, day("2025-12-25")));
    EXPECT_FALSE(holiday_name(kWeekends, day("2025-12-25")).has_value());
    EXPECT_FALSE(is_business_day(kWeekends, day("2025-12-27")));
    EXPECT_FALSE(is_business_day(kWeekends, day("2025-12-28")));
}

TEST(Calendar, NamesRoundTripAndUnknownNamesAreErrors) {
    for (const CalendarKind kind : {kFed, kWeekends}) {
        auto parsed = parse_calendar(calendar_name(kind));
        ASSERT_TRUE(parsed);
        EXPECT_EQ(parsed.value(), kind);
    }
    EXPECT_EQ(calendar_name(kFed), "us_federal_reserve");
    EXPECT_EQ(calendar_name(kWeekends), "weekends_only");
    for (const char* text : {"", "fed", "US_FEDERAL_RESERVE", "weekends_only ", "weekends"}) {
        auto parsed = parse_calendar(text, "payout_calendar");
        ASSERT_FALSE(parsed) << text;
        EXPECT_EQ(parsed.error().code, "invalid_calendar");
        EXPECT_EQ(parsed.error().field, "payout_calendar");
        EXPECT_NE(parsed.error().message.find("us_federal_reserve"), std::string::npos);
    }
}

struct StepCase {
    CalendarKind kind;
    const char* from;
    int32_t business_days;
    const char* expected;
};

TEST(Calendar, AddBusinessDaysAcrossHolidaysAndWeekends) {
    const StepCase cases[] = {
        {kFed, "2025-12-24", 1, "2025-12-26"},       // over Christmas
        {kFed, "2025-12-24", 2, "2025-12-29"},       // and the weekend
        {kFed, "2025-12-31", 1, "2026-01-02"},       // over New Year
        {kFed, "2026-07-02", 1, "2026-07-03"},       // Saturday Independence Day: Friday stays open
        {kFed, "2027-07-02", 1, "2027-07-06"},       // Sunday Independence Day: Monday observed
        {kFed, "2023-11-22", 1, "2023-11-24"},       // over Thanksgiving
        {kFed, "2025-05-24", 1, "2025-05-27"},       // from a Saturday over Memorial Day
        {kFed, "2025-05-24", 0, "2025-05-24"},       // zero keeps the date, business day or not
        {kFed, "2025-05-27", -1, "2025-05-23"},      // back over Memorial Day and the weekend
        {kFed, "2026-01-02", -1, "2025-12-31"},      // back over New Year
        {kFed, "2025-05-25", -1, "2025-05-23"},      // back from a Sunday
        {kFed, "2025-01-01", 250, "2025-12-31"},     // 2025 has 250 Fed business days
        {kFed, "2025-12-31", -249, "2025-01-02"},    // and back again
        {kFed, "2024-12-31", 1001, "2028-12-26"},    // years at once
        {kWeekends, "2025-12-24", 1, "2025-12-25"},  // Christmas is a business day without holidays
        {kWeekends, "2025-12-26", 1, "2025-12-29"},   {kWeekends, "2025-12-29", -1, "2025-12-26"},
        {kWeekends, "2024-12-31", 261, "2025-12-31"},
    };
    for (const auto& c : cases) {
        const Date result = add_business_days(c.kind, day(c.from), c.business_days);
        EXPECT_EQ(result.to_string(), c.expected) << c.from << " + " << c.business_days;
        EXPECT_EQ(business_days_between(c.kind, day(c.from), result), c.business_days) << c.from;
    }
}

struct CountCase {
    CalendarKind kind;
    const char* from;
    const char* to;
    int32_t business_days;
};

TEST(Calendar, BusinessDaysBetweenCountsTheHalfOpenInterval) {
    const CountCase cases[] = {
        {kFed, "2024-12-31", "2025-12-31", 250}, {kFed, "2022-12-31", "2023-12-31", 250},
        {kFed, "2023-12-31", "2024-12-31", 251}, {kFed, "2025-12-31", "2026-12-31", 251},
        {kFed, "2026-12-31", "2027-12-31", 252}, {kWeekends, "2024-12-31", "2025-12-31", 261},
        {kFed, "2025-12-24", "2025-12-26", 1},   {kFed, "2025-12-26", "2025-12-26", 0},
        {kFed, "2025-12-26", "2025-12-24", -1},  // [Dec 24, Dec 26): Dec 24, not Christmas
        {kFed, "2025-12-27", "2025-12-26", -1},  {kFed, "2025-12-28", "2025-12-27", 0},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(business_days_between(c.kind, day(c.from), day(c.to)), c.business_days)
            << c.from << " " << c.to;
    }
}

TEST(Calendar, NextAndPreviousBusinessDay) {
    EXPECT_EQ(next_business_day_on_or_after(kFed, day("2025-12-25")).to_string(), "2025-12-26");
    EXPECT_EQ(next_business_day_on_or_after(kFed, day("2025-12-26")).to_string(), "2025-12-26");
    EXPECT_EQ(next_business_day_after(kFed, day("2025-12-26")).to_string(), "2025-12-29");
    EXPECT_EQ(next_business_day_on_or_after(kFed, day("2022-12-24")).to_string(), "2022-12-27");
    EXPECT_EQ(previous_business_day_before(kFed, day("2022-12-27")).to_string(), "2022-12-23");
    EXPECT_EQ(previous_business_day_before(kFed, day("2023-01-03")).to_string(), "2022-12-30");
    EXPECT_EQ(previous_business_day_before(kWeekends, day("2023-01-03")).to_string(), "2023-01-02");
}

Date random_date() {
    const int32_t first = Date::from_ymd(1990, 1, 1).value().days_since_epoch();
    const int32_t last = Date::from_ymd(2090, 12, 31).value().days_since_epoch();
    return Date::from_days(*rc::gen::inRange(first, last + 1));
}

CalendarKind random_kind() {
    return *rc::gen::element(kFed, kWeekends);
}

RC_GTEST_PROP(CalendarProperty, AddingThenCountingGivesBackTheDistance, ()) {
    const CalendarKind kind = random_kind();
    const Date from = random_date();
    const int32_t business_days = *rc::gen::inRange(-800, 801);
    const Date to = add_business_days(kind, from, business_days);
    RC_ASSERT(business_days_between(kind, from, to) == business_days);
    if (business_days != 0)
        RC_ASSERT(is_business_day(kind, to));
}

RC_GTEST_PROP(CalendarProperty, CountingMatchesDayByDay, ()) {
    const CalendarKind kind = random_kind();
    const Date from = random_date();
    const Date to = from.plus_days(*rc::gen::inRange(0, 1200));
    int32_t expected = 0;
    for (Date date = from.plus_days(1); date <= to; date = date.plus_days(1)) {
        if (is_business_day(kind, date))
            ++expected;
    }
    RC_ASSERT(business_days_between(kind, from, to) == expected);
}

RC_GTEST_PROP(CalendarProperty, NextBusinessDaySkipsOnlyClosedDays, ()) {
    const CalendarKind kind = random_kind();
    const Date from = random_date();
    const Date next = next_business_day_on_or_after(kind, from);
    RC_ASSERT(next >= from);
    RC_ASSERT(is_business_day(kind, next));
    for (Date date = from; date < next; date = date.plus_days(1))
        RC_ASSERT(!is_business_day(kind, date));
    const Date previous = previous_business_day_before(kind, from);
    RC_ASSERT(previous < from);
    RC_ASSERT(is_business_day(kind, previous));
    for (Date date = previous.plus_days(1); date < from; date = date.plus_days(1)) {
        RC_ASSERT(!is_business_day(kind, date));
    }
}

}  // namespace
}  // namespace mf
