#include "store/sqlite/fee_text_memo.hpp"

#include "core/fee_text.hpp"

namespace mf::sqlite {

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

Status FeeTextMemo::bind(Statement& statement, const FeeSchedule& schedule, Currency currency) {
    MF_TRY(const auto text, text_of(schedule, currency));
    if (text) {
        statement.bind_text(*text);
    } else {
        statement.bind_null();
    }
    return ok();
}

Result<FeeSchedule> FeeTextMemo::column(Statement& statement, Currency currency) {
    const int index = statement.column_index();
    if (statement.column_is_null()) {
        (void)statement.column_text_view();  // move past the NULL
        return FeeSchedule{};
    }
    const std::string_view text = statement.column_text_view();
    if (has_parsed_ && parsed_text_ == text && parsed_currency_ == currency)
        return parsed_;
    has_parsed_ = false;
    auto schedule = parse_fee_schedule(text, currency);
    if (!schedule)
        return statement.corrupt(index, schedule.error().message);
    parsed_ = schedule.value();
    parsed_text_ = text;
    parsed_currency_ = currency;
    has_parsed_ = true;
    return parsed_;
}

}  // namespace mf::sqlite
