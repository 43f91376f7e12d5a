#include "core/outbox.hpp"

#include <algorithm>
#include <cstdio>

#include "core/date.hpp"

namespace mf {

std::string_view to_string(MailState state) {
    switch (state) {
        case MailState::queued:
            return "queued";
        case MailState::delivered:
            return "delivered";
        case MailState::failed:
            return "failed";
        case MailState::unaddressed:
            return "unaddressed";
    }
    MF_ASSERT(false);
    return "";
}

Result<MailState> parse_mail_state(std::string_view text) {
    for (const auto state :
         {MailState::queued, MailState::delivered, MailState::failed, MailState::unaddressed}) {
        if (to_string(state) == text)
            return state;
    }
    return make_error(
        "invalid_state",
        "'" + std::string(text) + "' is not a mail state (queued, delivered, failed, unaddressed)", "state");
}

int64_t backoff_seconds(const RetryPolicy& policy, int64_t attempts) {
    MF_ASSERT(attempts >= 1);
    int64_t wait = std::max<int64_t>(policy.backoff_first_s, 1);
    for (int64_t i = 1; i < attempts && wait < policy.backoff_max_s; ++i)
        wait *= 2;
    return std::min(wait, policy.backoff_max_s);
}

namespace {

bool digits(std::string_view text, size_t from, size_t count, int& value) {
    value = 0;
    for (size_t i = from; i < from + count; ++i) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        value = value * 10 + (text[i] - '0');
    }
    return true;
}

}  // namespace

Result<int64_t> instant_seconds(std::string_view instant) {
    auto bad = [&] {
        return make_error("invalid_instant", "'" + std::string(instant) +
                                                 "' is not an RFC 3339 UTC instant (YYYY-MM-DDTHH:MM:SSZ)");
    };
    if (instant.size() != 20 || instant[10] != 'T' || instant[13] != ':' || instant[16] != ':' ||
        instant[19] != 'Z')
        return bad();
    auto date = parse_date(instant.substr(0, 10));
    int hours = 0, minutes = 0, seconds = 0;
    if (!date || !digits(instant, 11, 2, hours) || !digits(instant, 14, 2, minutes) ||
        !digits(instant, 17, 2, seconds) || hours > 23 || minutes > 59 || seconds > 60)
        return bad();
    return int64_t{date.value().days_since_epoch()} * 86'400 + hours * 3600 + minutes * 60 + seconds;
}

std::string instant_text(int64_t seconds_since_epoch) {
    int64_t days = seconds_since_epoch / 86'400;
    int64_t rest = seconds_since_epoch % 86'400;
    if (rest < 0) {
        rest += 86'400;
        days -= 1;
    }
    char time[16];
    std::snprintf(time, sizeof time, "T%02d:%02d:%02dZ", static_cast<int>(rest / 3600),
                  static_cast<int>(rest % 3600 / 60), static_cast<int>(rest % 60));
    return Date::from_days(static_cast<int32_t>(days)).to_string() + time;
}

Result<std::string> instant_plus_seconds(std::string_view instant, int64_t seconds) {
    MF_TRY(const int64_t at, instant_seconds(instant));
    return instant_text(at + seconds);
}

Status check_header_text(std::string_view text, std::string_view field) {
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte == '\r' || byte == '\n')
            return make_error(
                "invalid_header",
                std::string(field) + " may not hold a line break (it would start a header of its own)",
                std::string(field));
        if ((byte < 0x20 && byte != '\t') || byte == 0x7f)
            return make_error("invalid_header", std::string(field) + " holds a control character",
                              std::string(field));
    }
    return ok();
}

Status check_address(std::string_view address, std::string_view field) {
    MF_CHECK(check_header_text(address, field));
    const size_t at = address.find('@');
    const bool shaped = at != std::string_view::npos && at > 0 && at + 1 < address.size() &&
                        address.find('@', at + 1) == std::string_view::npos &&
                        address.find('.', at + 1) != std::string_view::npos && address.size() <= 254;
    const bool clean = address.find_first_of(" \t<>,;:\"\\()[]") == std::string_view::npos;
    if (!shaped || !clean)
        return make_error("invalid_address",
                          "'" + std::string(address) + "' is not an e-mail address (name@domain)",
                          std::string(field));
    return ok();
}

Result<std::vector<std::string>> split_addresses(std::string_view recipients, std::string_view field) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= recipients.size()) {
        size_t end = recipients.find(',', start);
        if (end == std::string_view::npos)
            end = recipients.size();
        std::string_view part = recipients.substr(start, end - start);
        while (!part.empty() && part.front() == ' ')
            part.remove_prefix(1);
        while (!part.empty() && part.back() == ' ')
            part.remove_suffix(1);
        if (!part.empty()) {
            MF_CHECK(check_address(part, field));
            out.emplace_back(part);
        }
        start = end + 1;
    }
    if (out.empty())
        return make_error("missing_address", "no e-mail address", std::string(field));
    return out;
}

}  // namespace mf
