// Date::to_string writes its digits directly: every day it can hold reads back as itself, zero-padded.
#include <gtest/gtest.h>

#include <cstdio>

#include "core/date.hpp"

namespace mf {
namespace {

TEST(DateText, EveryDayReadsBackAsWrittenWithPaddedDigits) {
    for (const int year : {1900, 1970, 1999, 2000, 2024, 2026, 9999}) {
        Date day = Date::from_ymd(year, 1, 1).value();
        while (day.year() == year) {
            char expected[16];
            std::snprintf(expected, sizeof expected, "%04d-%02u-%02u", day.year(), day.month(), day.day());
            ASSERT_EQ(day.to_string(), expected);
            ASSERT_EQ(parse_date(day.to_string(), "day").value(), day);
            if (year == 9999 && day.month() == 12 && day.day() == 31)
                break;
            day = day.plus_days(1);
        }
    }
    EXPECT_EQ(Date::from_ymd(2026, 2, 3).value().to_string(), "2026-02-03");
    EXPECT_EQ(Date().to_string(), "1970-01-01");
}

}  // namespace
}  // namespace mf
