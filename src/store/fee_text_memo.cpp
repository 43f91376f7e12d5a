#include "store/fee_text_memo.hpp"

#include "core/fee_text.hpp"

namespace mf {

Result<std::optional<std::string_view>> FeeTextMemo::text_of(const FeeSchedule& schedule, Currency currency) {
    if (schedule == FeeSchedule{})
        return std::optional<std::string_view>();
    if (!has_formatted_ || !(formatted_ == schedule) || !(formatted_currency_ == currency)) {
        has_formatted_ = false;
        MF_CHECK(validate(schedule));
        formatted_text_ = format_fee_schedule(schedule, currency);
        formatted_ = schedule;
        formatted_currency_ = currency;
        has_formatted_ = true;
    }
    return std::optional<std::string_view>(formatted_text_);
}

Result<FeeSchedule> FeeTextMemo::schedule_of(std::string_view text, Currency currency) {
    if (has_parsed_ && parsed_text_ == text && parsed_currency_ == currency)
        return parsed_;
    has_parsed_ = false;
    MF_TRY(parsed_, parse_fee_schedule(text, currency));
    parsed_text_ = text;
    parsed_currency_ = currency;
    has_parsed_ = true;
    return parsed_;
}

}  // namespace mf
