// Public ids: opaque strings with a type prefix (API.md: cli_, dbt_, inv_, sch_, rcp_, pay_, ...) over the
// book's integer row ids. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace mf {

enum class IdKind {
    client,
    debtor,
    invoice,
    schedule,
    receipt,
    payout,
    entry,
    charge,
    user,
    payout_file,
    debtor_link,
    verification,
    credit_review,
    bureau_score,
    application,
    mail
};

std::string_view id_prefix(IdKind kind);
std::string_view id_noun(IdKind kind);  // "client", "debtor", ... for messages         // "cli", "dbt", ...
std::string format_id(IdKind kind, int64_t id);  // "cli_12"
// Accepts "cli_12" (and the bare number "12" for people typing at the CLI). Unknown or other-kind ids are
// "invalid_id" errors naming the field.
Result<int64_t> parse_id(IdKind kind, std::string_view text, std::string_view field);

}  // namespace mf
