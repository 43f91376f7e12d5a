// Routes of auto-approval: the book's rules and each client's override (read by staff, set by admins and
// underwriters), the explicit re-run on a schedule that waited, and a schedule's decisions with every rule
// checked. Submission runs the rules itself (POST /v1/schedules, POST /v1/invoice-files).
#include "api/routes.hpp"
#include "wire/auto_approval.hpp"

namespace mf::api {
namespace {

using auth::Role;
constexpr RoleSet kRuleSetters = roles(Role::admin, Role::underwriter);

// A threshold field: an amount string, "none" to clear it, or absent to keep it.
Result<std::optional<std::optional<int64_t>>> threshold_field(Fields& body, std::string_view name,
                                                              Currency currency) {
    MF_TRY(auto given, body.optional_text(name));
    if (!given)
        return std::optional<std::optional<int64_t>>();
    if (*given == "none")
        return std::optional<std::optional<int64_t>>(std::optional<int64_t>());
    MF_TRY(const Money money, parse_money(*given, currency, body.field_name(name)));
    return std::optional<std::optional<int64_t>>(std::optional<int64_t>(money.minor));
}

Result<Reply> set_rules(Call& call, int64_t client_id, Currency currency) {
    MF_TRY(auto body, call.body());
    AutoApprovalChange change;
    change.client_id = client_id;
    MF_TRY(auto mode, body.optional_text("mode"));
    if (mode) {
        MF_TRY(change.mode, named(parse_auto_approval_mode(*mode), "mode"));
    }
    MF_TRY(change.invoice_max_minor, threshold_field(body, "invoice_max", currency));
    MF_TRY(change.schedule_max_minor, threshold_field(body, "schedule_max", currency));
    MF_CHECK(body.finish());
    MF_TRY(auto settings, call.book().set_auto_approval(call.actor(), change));
    return reply_of(settings);
}

Result<Reply> get_book_rules(Call& call) {
    MF_TRY(auto settings, call.book().auto_approval_settings(std::nullopt));
    return reply_of(settings);
}

Result<Reply> set_book_rules(Call& call) {
    MF_TRY(auto settings, call.book().settings());
    return set_rules(call, 0, settings.base_currency);
}

Result<Reply> get_client_rules(Call& call) {
    MF_TRY(const int64_t client_id, call.path_id(IdKind::client));
    MF_TRY(auto settings, call.book().auto_approval_settings(client_id));
    return reply_of(settings);
}

Result<Reply> set_client_rules(Call& call) {
    MF_TRY(const int64_t client_id, call.path_id(IdKind::client));
    MF_TRY(auto client, call.book().client(client_id));
    return set_rules(call, client_id, client.currency);
}

Result<Reply> auto_approve(Call& call) {
    MF_TRY(const int64_t schedule_id, call.path_id(IdKind::schedule));
    MF_TRY(auto body, call.body());
    MF_CHECK(body.finish());
    MF_TRY(auto decision, call.book().auto_approve_schedule(call.actor(), schedule_id));
    return reply_of(decision, 201);
}

Result<Reply> decisions(Call& call) {
    MF_TRY(const int64_t schedule_id, call.path_id(IdKind::schedule));
    MF_TRY(auto found, call.book().auto_approval_decisions(schedule_id));
    return json_reply(json::object{{"data", json::value_from(found)}});
}

}  // namespace

void add_auto_approval_routes(Router& router) {
    using http::verb;
    router.add({verb::get, "/v1/auto-approval", kStaffRead, Effect::read,
                "The book's auto-approval rules (mode, invoice and schedule thresholds)", get_book_rules});
    router.add({verb::post, "/v1/auto-approval", kRuleSetters, Effect::change,
                "Change the book's auto-approval rules", set_book_rules});
    router.add({verb::get, "/v1/clients/{id}/auto-approval", kStaffRead, Effect::read,
                "A client's auto-approval override and the rules in effect for its schedules",
                get_client_rules});
    router.add({verb::post, "/v1/clients/{id}/auto-approval", kRuleSetters, Effect::change,
                "Change a client's auto-approval override (inherit, on, off; thresholds)", set_client_rules});
    router.add({verb::post, "/v1/schedules/{id}/auto-approve", kRuleSetters, Effect::money,
                "Run the auto-approval rules on a schedule that waited: approve and fund it when all pass",
                auto_approve});
    router.add({verb::get, "/v1/schedules/{id}/auto-approvals", kStaffRead, Effect::read,
                "A schedule's auto-approval decisions with every rule checked", decisions});
}

}  // namespace mf::api
