#include "core/date.hpp"

#include <cstdio>

namespace mf {

namespace chr = std::chrono;

Result<Date> Date::from_ymd(int y, unsigned m, unsigned d) {
    const chr::year_month_day value{chr::year{y}, chr::month{m}, chr::day{d}};
    if (y < 1900 || y > 9999 || !value.ok()) {
        char text[48];
        std::snprintf(text, sizeof text, "%04d-%02u-%02u", y, m, d);
        return make_error("invalid_date", std::string("no such date: ") + text, "date");
    }
    return Date(static_cast<int32_t>(chr::sys_days{value}.time_since_epoch().count()));
}

chr::year_month_day Date::ymd() const {
    return chr::year_month_day{chr::sys_days{chr::days{days_}}};
}
int Date::year() const {
    return static_cast<int>(ymd().year());
}
unsigned Date::month() const {
    return static_cast<unsigned>(ymd().month());
}
unsigned Date::day() const {
    return static_cast<unsigned>(ymd().day());
}
unsigned Date::iso_weekday() const {
    return chr::weekday{chr::sys_days{chr::days{days_}}}.iso_encoding();
}

Date Date::plus_months(int months_to_add) const {
    const auto current = ymd();
    const chr::year_month shifted =
        chr::year_month{current.year(), current.month()} + chr::months{months_to_add};
    const auto last = chr::year_month_day_last{shifted.year(), chr::month_day_last{shifted.month()}}.day();
    const auto target_day = current.day() > last ? last : current.day();
    return Date(
        static_cast<int32_t>(chr::sys_days{chr::year_month_day{shifted.year(), shifted.month(), target_day}}
                                 .time_since_epoch()
                                 .count()));
}

std::string Date::to_string() const {
    const auto value = ymd();
    const int year = static_cast<int>(value.year());
    if (year >= 0 &&
        year <= 9999) {  // the digits written directly: every stored date and audit line has some
        const auto month = static_cast<unsigned>(value.month());
        const auto day = static_cast<unsigned>(value.day());
        const char text[10] = {static_cast<char>('0' + year / 1000),
                               static_cast<char>('0' + year / 100 % 10),
                               static_cast<char>('0' + year / 10 % 10),
                               static_cast<char>('0' + year % 10),
                               '-',
                               static_cast<char>('0' + month / 10),
                               static_cast<char>('0' + month % 10),
                               '-',
                               static_cast<char>('0' + day / 10),
                               static_cast<char>('0' + day % 10)};
        return std::string(text, sizeof text);
    }
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(value.year()),
                  static_cast<unsigned>(value.month()), static_cast<unsigned>(value.day()));
    return text;
}

Result<Date> parse_date(std::string_view text, std::string_view field) {
    auto bad = [&](const char* why) {
        return make_error("invalid_date", std::string(field) + ": '" + std::string(text) + "' " + why,
                          std::string(field));
    };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return bad("is not a date in YYYY-MM-DD form");
    int parts[3] = {0, 0, 0};
    const int starts[3] = {0, 5, 8};
    const int lengths[3] = {4, 2, 2};
    for (int p = 0; p < 3; ++p) {
        for (int i = 0; i < lengths[p]; ++i) {
            const char c = text[starts[p] + i];
            if (c < '0' || c > '9')
                return bad("is not a date in YYYY-MM-DD form");
            parts[p] = parts[p] * 10 + (c - '0');
        }
    }
    auto date = Date::from_ymd(parts[0], static_cast<unsigned>(parts[1]), static_cast<unsigned>(parts[2]));
    if (!date)
        return bad("is not a real calendar date");
    return date.value();
}

}  // namespace mf
