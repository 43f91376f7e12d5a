// Fee schedules are stored as their canonical text (fee_text.hpp). The invoices of a client share one
// schedule and formatting or parsing allocates, so the last schedule formatted and the last text parsed are
// remembered: the hot update_invoice and the scans then do no fee-text work. Thread-safety: one per
// connection, used under its mutex.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/fees.hpp"
#include "core/money.hpp"
#include "store/sqlite/connection.hpp"

namespace mf::sqlite {

class FeeTextMemo {
  public:
    // The text to store for a schedule: nullopt for the default (unset) schedule, stored as NULL. A schedule
    // that is set but invalid fails with "invalid_fee_schedule". The view is valid until the next call.
    Result<std::optional<std::string_view>> text_of(const FeeSchedule& schedule, Currency currency);
    // Binds text_of(schedule) as the statement's next parameter.
    Status bind(Statement& statement, const FeeSchedule& schedule, Currency currency);
    // Reads the statement's next column back into a schedule (NULL = the default schedule).
    Result<FeeSchedule> column(Statement& statement, Currency currency);

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

}  // namespace mf::sqlite
