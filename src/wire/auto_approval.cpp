#include "wire/auto_approval.hpp"

#include "wire/values.hpp"

namespace mf {

using namespace wire;

namespace {

json::value threshold(const std::optional<int64_t>& minor, Currency currency) {
    return minor ? json::value(amount(*minor, currency)) : json::value(nullptr);
}

json::object rules_json(const AutoApprovalRules& rules, Currency currency) {
    return json::object{
        {"mode", code(to_string(rules.mode))},
        {"currency", json::string(currency.code())},
        {"invoice_max", threshold(rules.invoice_max_minor, currency)},
        {"schedule_max", threshold(rules.schedule_max_minor, currency)},
        {"updated_at", text(rules.updated_at)},
        {"updated_by", text(rules.updated_by)},
    };
}

}  // namespace

void tag_invoke(const json::value_from_tag&, json::value& out, const AutoApprovalCheck& check) {
    out = json::object{{"rule", check.rule}, {"passed", check.passed}, {"detail", check.detail}};
}

void tag_invoke(const json::value_from_tag&, json::value& out, const AutoApprovalDecision& decision) {
    out = json::object{
        {"id", decision.id},
        {"schedule_id", id(IdKind::schedule, decision.schedule_id)},
        {"client_id", id(IdKind::client, decision.client_id)},
        {"at", decision.at},
        {"business_date", date(decision.business_date)},
        {"requested_by", decision.requested_by},
        {"trigger", code(to_string(decision.trigger))},
        {"outcome", decision.approved ? "approved" : "waiting"},
        {"failed_rule", text(decision.failed_rule)},
        {"payout_id", link(IdKind::payout, decision.payout_id)},
        {"checks", json::value_from(decision.checks)},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const AutoApprovalSettings& settings) {
    json::object object{{"book", rules_json(settings.book, settings.base_currency)}};
    if (settings.client) {
        const Currency currency = settings.client->currency;
        AutoApprovalRules none{settings.client->id, AutoApprovalMode::inherit, {}, {}, {}, {}};
        json::object client = rules_json(settings.client_rules.value_or(none), currency);
        client["client_id"] = id(IdKind::client, settings.client->id);
        object["client"] = std::move(client);
        if (settings.effective) {
            const auto& effective = *settings.effective;
            object["effective"] = json::object{
                {"enabled", effective.enabled},
                {"enabled_by", effective.enabled_by},
                {"currency", json::string(currency.code())},
                {"invoice_max", threshold(effective.invoice_max_minor, currency)},
                {"schedule_max", threshold(effective.schedule_max_minor, currency)},
                {"thresholds_by", text(effective.thresholds_by)},
            };
        }
    }
    out = std::move(object);
}

}  // namespace mf
