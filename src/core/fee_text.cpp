#include "core/fee_text.hpp"

#include <limits>
#include <span>
#include <vector>

namespace mf {

namespace {

using Words = std::span<const std::string_view>;

constexpr std::string_view kGrammar =
    "expected 'flat 2%/30d +1%/15d', 'tiered 2%/10d 3%/20d after 20%' or 'daily 3.5%/30d', then optionally "
    "basis=face|advance, min_fee=AMOUNT, min_days=DAYS";

Error text_error(const std::string& message) {
    return make_error("invalid_fee_schedule", "fee schedule: " + message, "fee_schedule");
}

std::string quoted(std::string_view word) {
    return "'" + std::string(word) + "'";
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::vector<std::string_view> split_words(std::string_view text) {
    std::vector<std::string_view> words;
    size_t at = 0;
    while (at < text.size()) {
        while (at < text.size() && is_space(text[at]))
            ++at;
        const size_t begin = at;
        while (at < text.size() && !is_space(text[at]))
            ++at;
        if (at > begin)
            words.push_back(text.substr(begin, at - begin));
    }
    return words;
}

// Plain digits (no sign) of a day count in minimum_days..int32 max; `word` is named in errors.
Result<int32_t> parse_day_count(std::string_view digits, std::string_view word, int32_t minimum_days) {
    if (digits.empty())
        return text_error(quoted(word) + " needs a whole number of days");
    int64_t days = 0;
    for (char c : digits) {
        if (c < '0' || c > '9')
            return text_error(quoted(word) + ": days must be a whole number");
        days = days * 10 + (c - '0');
        if (days > std::numeric_limits<int32_t>::max())
            return text_error(quoted(word) + ": too many days");
    }
    if (days < minimum_days) {
        return text_error(quoted(word) + ": days must be at least " + std::to_string(minimum_days));
    }
    return static_cast<int32_t>(days);
}

// "3.5%" -> 35000 ppm, 0..100%.
Result<int64_t> parse_percent(std::string_view text, std::string_view word) {
    if (text.empty() || text.back() != '%')
        return text_error(quoted(word) + ": a rate is a percent, like 2%");
    auto rate_ppm = parse_rate_percent(text.substr(0, text.size() - 1), "rate");
    if (!rate_ppm)
        return text_error(quoted(word) + ": " + rate_ppm.error().message);
    return rate_ppm.value();
}

struct RateDays {
    int64_t rate_ppm = 0;
    int32_t days = 0;
};

// "2%/30d": a rate and a positive number of days. `word` is the whole word, named in errors.
Result<RateDays> parse_rate_days(std::string_view text, std::string_view word) {
    const size_t slash = text.find('/');
    if (slash == std::string_view::npos)
        return text_error(quoted(word) + " should be a rate per days, like 2%/30d");
    const std::string_view days_text = text.substr(slash + 1);
    if (days_text.empty() || days_text.back() != 'd') {
        return text_error(quoted(word) + ": days end in 'd', like 30d");
    }
    MF_TRY(const int64_t rate_ppm, parse_percent(text.substr(0, slash), word));
    MF_TRY(const int32_t days, parse_day_count(days_text.substr(0, days_text.size() - 1), word, 1));
    return RateDays{rate_ppm, days};
}

// Each parse_<kind> reads its words from words[at] on and leaves `at` on the first word after them.
Status parse_flat(Words words, size_t& at, FlatPlusPeriods& flat) {
    if (words.size() - at < 2 || words[at + 1].empty() || words[at + 1].front() != '+') {
        return text_error("'flat' needs an initial rate and a period rate, like 'flat 2%/30d +1%/15d'");
    }
    MF_TRY(const RateDays initial, parse_rate_days(words[at], words[at]));
    MF_TRY(const RateDays period, parse_rate_days(words[at + 1].substr(1), words[at + 1]));
    flat = FlatPlusPeriods{initial.rate_ppm, initial.days, period.rate_ppm, period.days};
    at += 2;
    return ok();
}

// Tier order is checked here, where the word is known; validate() holds the same rule for every other source.
Status append_tier(std::string_view word, TieredRates& tiered) {
    if (tiered.tier_count == kMaxFeeTiers) {
        return text_error(quoted(word) + ": at most " + std::to_string(kMaxFeeTiers) + " tiers");
    }
    MF_TRY(const RateDays tier, parse_rate_days(word, word));
    if (tiered.tier_count > 0) {
        const FeeTier& previous = tiered.tiers[tiered.tier_count - 1];
        if (tier.days <= previous.up_to_days) {
            return text_error(quoted(word) + ": tier days must increase, the previous tier ends at " +
                              std::to_string(previous.up_to_days) + "d");
        }
        if (tier.rate_ppm < previous.rate_ppm) {
            return text_error(quoted(word) + ": a tier's rate must not be below the previous tier's " +
                              format_rate_percent(previous.rate_ppm) + "%");
        }
    }
    tiered.tiers[tiered.tier_count++] = FeeTier{tier.days, tier.rate_ppm};
    return ok();
}

Status parse_tiered(Words words, size_t& at, TieredRates& tiered) {
    for (; at < words.size() && words[at] != "after"; ++at) {
        MF_CHECK(append_tier(words[at], tiered));  // MF_TRY is several statements: keep the braces
    }
    if (tiered.tier_count == 0)
        return text_error("'tiered' needs at least one tier, like 'tiered 2%/10d after 3%'");
    if (at + 1 >= words.size())
        return text_error("'tiered' needs 'after RATE%' after its last tier");
    MF_TRY(tiered.after_rate_ppm, parse_percent(words[at + 1], words[at + 1]));
    const int64_t last_rate_ppm = tiered.tiers[tiered.tier_count - 1].rate_ppm;
    if (tiered.after_rate_ppm < last_rate_ppm) {
        return text_error("'after " + std::string(words[at + 1]) + "' must not be below the last tier's " +
                          format_rate_percent(last_rate_ppm) + "%");
    }
    at += 2;
    return ok();
}

Status parse_daily(Words words, size_t& at, DailyRate& daily) {
    if (at >= words.size())
        return text_error("'daily' needs a rate per period, like 'daily 3.5%/30d'");
    MF_TRY(const RateDays rate, parse_rate_days(words[at], words[at]));
    daily = DailyRate{rate.rate_ppm, rate.days};
    ++at;
    return ok();
}

Status parse_kind(Words words, size_t& at, FeeSchedule& schedule) {
    const std::string_view kind = words[at++];
    if (kind == "flat") {
        schedule.kind = FeeKind::flat_plus_periods;
        return parse_flat(words, at, schedule.flat_plus_periods);
    }
    if (kind == "tiered") {
        schedule.kind = FeeKind::tiered;
        return parse_tiered(words, at, schedule.tiered);
    }
    if (kind == "daily") {
        schedule.kind = FeeKind::daily;
        return parse_daily(words, at, schedule.daily);
    }
    return text_error("unknown kind " + quoted(kind) + ": " + std::string(kGrammar));
}

Status parse_option_value(std::string_view key, std::string_view value, std::string_view word,
                          Currency currency, FeeSchedule& schedule) {
    if (key == "basis") {
        if (value == "face" || value == "advance") {
            schedule.basis = value == "face" ? FeeBasis::face : FeeBasis::advance;
            return ok();
        }
        return text_error(quoted(word) + ": basis is 'face' or 'advance'");
    }
    if (key == "min_fee") {
        auto minimum_fee = parse_money(value, currency, "min_fee");
        if (!minimum_fee)
            return text_error(quoted(word) + ": " + minimum_fee.error().message);
        if (minimum_fee.value().is_negative())
            return text_error(quoted(word) + ": min_fee must not be negative");
        schedule.minimum_fee_minor = minimum_fee.value().minor;
        return ok();
    }
    MF_TRY(schedule.minimum_days, parse_day_count(value, word, 0));
    return ok();
}

// One of basis=, min_fee=, min_days=; `seen` catches an option given twice.
Status parse_option(std::string_view word, Currency currency, FeeSchedule& schedule, std::string& seen) {
    const size_t equals = word.find('=');
    const std::string_view key = word.substr(0, equals);
    if (equals == std::string_view::npos || (key != "basis" && key != "min_fee" && key != "min_days")) {
        return text_error("unknown word " + quoted(word) + ": options are basis=, min_fee= and min_days=");
    }
    const std::string marker = " " + std::string(key) + " ";
    if (seen.find(marker) != std::string::npos)
        return text_error(quoted(word) + ": " + std::string(key) + " is given twice");
    seen += marker;
    return parse_option_value(key, word.substr(equals + 1), word, currency, schedule);
}

std::string format_rate_days(int64_t rate_ppm, int32_t days) {
    return format_rate_percent(rate_ppm) + "%/" + std::to_string(days) + "d";
}

}  // namespace

Result<FeeSchedule> parse_fee_schedule(std::string_view text, Currency currency) {
    const std::vector<std::string_view> words = split_words(text);
    if (words.empty())
        return text_error("is empty: " + std::string(kGrammar));
    FeeSchedule schedule;
    size_t at = 0;
    MF_CHECK(parse_kind(words, at, schedule));
    std::string seen;
    for (; at < words.size(); ++at) {
        MF_CHECK(parse_option(words[at], currency, schedule, seen));
    }
    if (auto valid = validate(schedule); !valid)
        return text_error(valid.error().message);
    return schedule;
}

std::string format_fee_schedule(const FeeSchedule& schedule, Currency currency) {
    std::string text;
    switch (schedule.kind) {
        case FeeKind::flat_plus_periods: {
            const FlatPlusPeriods& flat = schedule.flat_plus_periods;
            text = "flat " + format_rate_days(flat.initial_rate_ppm, flat.initial_days) + " +" +
                   format_rate_days(flat.period_rate_ppm, flat.period_days);
            break;
        }
        case FeeKind::tiered:
            text = "tiered";
            for (const FeeTier& tier : schedule.tiered.in_use())
                text += " " + format_rate_days(tier.rate_ppm, tier.up_to_days);
            text += " after " + format_rate_percent(schedule.tiered.after_rate_ppm) + "%";
            break;
        case FeeKind::daily:
            text =
                "daily " + format_rate_days(schedule.daily.rate_per_period_ppm, schedule.daily.period_days);
            break;
    }
    if (schedule.basis == FeeBasis::advance)
        text += " basis=advance";
    if (schedule.minimum_fee_minor != 0)
        text += " min_fee=" + format_amount(schedule.minimum_fee_minor, currency);
    if (schedule.minimum_days != 0)
        text += " min_days=" + std::to_string(schedule.minimum_days);
    return text;
}

}  // namespace mf
