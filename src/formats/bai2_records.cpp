#include "formats/bai2_records.hpp"

#include <fmt/format.h>

#include "formats/bank_common.hpp"

namespace mf::formats::bai2 {
namespace {

bool is_digits(std::string_view text) {
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// A line as it may be shown in a message: at most 24 characters.
std::string shown(std::string_view line) {
    return line.size() <= 24 ? std::string(line) : std::string(line.substr(0, 24)) + "...";
}

Status check_characters(std::string_view line, size_t number) {
    for (char c : line) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && c != '\t') || byte == 0x7F) {
            return bank_error("invalid_bank_file", fmt::format("line {}", number),
                              fmt::format("control character 0x{:02X} in a BAI2 record", byte));
        }
    }
    return ok();
}

}  // namespace

Result<std::vector<Record>> split_records(std::string_view bytes) {
    std::vector<Record> records;
    size_t number = 0;
    while (!bytes.empty()) {
        ++number;
        const auto end = bytes.find('\n');
        std::string_view line = bytes.substr(0, end);
        bytes.remove_prefix(end == std::string_view::npos ? bytes.size() : end + 1);
        // Records may be padded to the file's record length; the "/" ends the last field.
        line = trim_space(line);
        if (line.empty())
            continue;
        MF_CHECK(check_characters(line, number));
        if (line.size() < 2 || !is_digits(line.substr(0, 2)) || (line.size() > 2 && line[2] != ',')) {
            return bank_error("invalid_bank_file", fmt::format("line {}", number),
                              fmt::format("a BAI2 record starts with a two-digit record code and a comma, "
                                          "found '{}'",
                                          shown(line)));
        }
        std::string_view content = line.size() > 2 ? line.substr(3) : std::string_view{};
        if (content.ends_with('/'))
            content.remove_suffix(1);
        const std::string code(line.substr(0, 2));
        if (code != "88") {
            records.push_back(Record{code, number, 1, std::string(content)});
            continue;
        }
        if (records.empty()) {
            return bank_error("invalid_bank_file", fmt::format("line {}", number),
                              "an 88 continuation record with no record before it");
        }
        records.back().content += kContinuation;
        records.back().content += content;
        ++records.back().physical_count;
    }
    return records;
}

std::string_view FieldCursor::next() {
    if (exhausted())
        return {};
    const auto end = content_.find_first_of(std::string_view(",\x1f", 2), position_);
    const size_t stop = end == std::string_view::npos ? content_.size() : end;
    const std::string_view field = content_.substr(position_, stop - position_);
    position_ = stop + 1;
    return field;
}

std::string FieldCursor::rest_as_text() {
    if (exhausted())
        return {};
    std::string text(content_.substr(position_));
    position_ = content_.size() + 1;
    for (char& c : text) {
        if (c == kContinuation)
            c = ' ';
    }
    return std::string(trim_space(text));
}

Result<int64_t> parse_amount(std::string_view text, Sign sign, const Place& place, std::string_view what) {
    if (text.empty())
        return int64_t{0};
    std::string_view digits = text;
    const bool negative = digits.front() == '-';
    if (sign == Sign::signed_allowed && (digits.front() == '+' || digits.front() == '-'))
        digits.remove_prefix(1);
    if (!is_digits(digits) || digits.size() > 18) {
        return bank_error("invalid_amount", place,
                          fmt::format("{} '{}' is not a whole number of minor units{}", what, text,
                                      sign == Sign::unsigned_only ? " without sign" : ""));
    }
    int64_t value = 0;
    for (char c : digits)
        value = value * 10 + (c - '0');
    return negative ? -value : value;
}

Result<Date> parse_yymmdd(std::string_view text, const Place& place, std::string_view what) {
    if (text.size() == 6 && is_digits(text)) {
        const int year = (text[0] - '0') * 10 + (text[1] - '0');
        const unsigned month = static_cast<unsigned>((text[2] - '0') * 10 + (text[3] - '0'));
        const unsigned day = static_cast<unsigned>((text[4] - '0') * 10 + (text[5] - '0'));
        if (auto date = Date::from_ymd(year < 70 ? 2000 + year : 1900 + year, month, day))
            return date.value();
    }
    return bank_error("invalid_date", place, fmt::format("{} '{}' is not a YYMMDD date", what, text));
}

Result<int64_t> parse_count(std::string_view text, const Place& place, std::string_view what) {
    if (!is_digits(text) || text.size() > 12)
        return bank_error("invalid_bank_file", place, fmt::format("{} '{}' is not a count", what, text));
    int64_t value = 0;
    for (char c : text)
        value = value * 10 + (c - '0');
    return value;
}

Result<std::optional<Date>> read_funds_type(FieldCursor& cursor, const Place& place) {
    const std::string_view type = cursor.next();
    if (type.empty() || type == "0" || type == "1" || type == "2" || type == "Z")
        return std::optional<Date>();
    if (type == "V") {
        const std::string_view date = cursor.next();
        cursor.next();  // value time, HHMM or empty: the day is what matters here
        MF_TRY(Date value_date, parse_yymmdd(date, place, "value date"));
        return std::optional<Date>(value_date);
    }
    if (type == "S") {
        for (const char* what : {"immediate amount", "one-day amount", "two-or-more-day amount"}) {
            MF_CHECK(parse_amount(cursor.next(), Sign::signed_allowed, place, what));
        }
        return std::optional<Date>();
    }
    if (type == "D") {
        MF_TRY(const int64_t distributions, parse_count(cursor.next(), place, "distribution count"));
        for (int64_t i = 0; i < distributions; ++i) {
            if (cursor.exhausted()) {
                return bank_error("invalid_bank_file", place,
                                  fmt::format("funds type D announces {} distributions, the record has {}",
                                              distributions, i));
            }
            MF_CHECK(parse_count(cursor.next(), place, "availability days"));
            MF_CHECK(parse_amount(cursor.next(), Sign::signed_allowed, place, "distributed amount"));
        }
        return std::optional<Date>();
    }
    return bank_error("invalid_bank_file", place,
                      fmt::format("funds type '{}' is not 0, 1, 2, V, S, D or Z", type));
}

}  // namespace mf::formats::bai2
