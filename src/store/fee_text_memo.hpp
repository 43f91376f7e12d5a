// Fee schedules are stored as their canonical text (fee_text.hpp). The invoices of a client share one
// schedule and formatting or parsing allocates, so the last schedule formatted and the last text parsed are
// remembered: the hot update_invoice and the scans then do no fee-text work. Shared by the SQLite and
// PostgreSQL stores (bind/column work on either's statement type). Thread-safety: one per connection, used
// under its mutex.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/fees.hpp"
#include "core/money.hpp"

namespace mf {

class FeeTextMemo {
  public:
    // The text to store for a schedule: nullopt for the default (unset) schedule, stored as NULL. A schedule
    // that is set but invalid fails with "invalid_fee_schedule". The view is valid until the next call.
    Result<std::optional<std::string_view>> text_of(const FeeSchedule& schedule, Currency currency);
    // The schedule a stored text reads back as; the error message says why it does not parse.
    Result<FeeSchedule> schedule_of(std::string_view text, Currency currency);

    // Binds text_of(schedule) as the statement's next parameter.
    template <class Statement>
    Status bind(Statement& statement, const FeeSchedule& schedule, Currency currency) {
        MF_TRY(const auto text, text_of(schedule, currency));
        if (text) {
            statement.bind_text(*text);
        } else {
            statement.bind_null();
        }
        return ok();
    }

    // Reads the statement's next column back into a schedule (NULL = the default schedule).
    template <class Statement>
    Result<FeeSchedule> column(Statement& statement, Currency currency) {
        const int index = statement.column_index();
        if (statement.column_is_null()) {
            statement.skip_columns(1);
            return FeeSchedule{};
        }
        auto schedule = schedule_of(statement.column_text_view(), currency);
        if (!schedule)
            return statement.corrupt(index, schedule.error().message);
        return schedule;
    }

  private:
    bool has_formatted_ = false;
    FeeSchedule formatted_;
    Currency formatted_currency_;
    std::string formatted_text_;

    bool has_parsed_ = false;
    std::string parsed_text_;
    Currency parsed_currency_;
    FeeSchedule parsed_;
};

}  // namespace mf
