#include "core/ids.hpp"

#include <charconv>

namespace mf {

std::string_view id_prefix(IdKind kind) {
    switch (kind) {
        case IdKind::client:
            return "cli";
        case IdKind::debtor:
            return "dbt";
        case IdKind::invoice:
            return "inv";
        case IdKind::schedule:
            return "sch";
        case IdKind::receipt:
            return "rcp";
        case IdKind::payout:
            return "pay";
        case IdKind::entry:
            return "jrn";
        case IdKind::charge:
            return "chg";
        case IdKind::user:
            return "usr";
        case IdKind::payout_file:
            return "pfl";
        case IdKind::debtor_link:
            return "dlk";
        case IdKind::verification:
            return "vrf";
        case IdKind::credit_review:
            return "crv";
        case IdKind::bureau_score:
            return "bur";
        case IdKind::application:
            return "app";
        case IdKind::mail:
            return "eml";
    }
    MF_ASSERT(false);
}

std::string_view id_noun(IdKind kind) {
    switch (kind) {
        case IdKind::client:
            return "client";
        case IdKind::debtor:
            return "debtor";
        case IdKind::invoice:
            return "invoice";
        case IdKind::schedule:
            return "schedule";
        case IdKind::receipt:
            return "receipt";
        case IdKind::payout:
            return "payout";
        case IdKind::entry:
            return "journal entry";
        case IdKind::charge:
            return "charge";
        case IdKind::user:
            return "user";
        case IdKind::payout_file:
            return "payout file";
        case IdKind::debtor_link:
            return "debtor link";
        case IdKind::verification:
            return "verification record";
        case IdKind::credit_review:
            return "credit review";
        case IdKind::bureau_score:
            return "bureau score";
        case IdKind::application:
            return "client application";
        case IdKind::mail:
            return "mail";
    }
    MF_ASSERT(false);
}

std::string format_id(IdKind kind, int64_t id) {
    return std::string(id_prefix(kind)) + "_" + std::to_string(id);
}

Result<int64_t> parse_id(IdKind kind, std::string_view text, std::string_view field) {
    std::string_view digits = text;
    const std::string prefix = std::string(id_prefix(kind)) + "_";
    if (digits.substr(0, prefix.size()) == prefix)
        digits.remove_prefix(prefix.size());
    int64_t id = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size() || id <= 0) {
        return make_error("invalid_id",
                          std::string(field) + ": '" + std::string(text) + "' is not a " + prefix + "... id",
                          std::string(field));
    }
    return id;
}

}  // namespace mf
