// Routes of the book's settings and its parties: clients (with their terms), debtors, the charge catalog.
#include "api/routes.hpp"
#include "core/fee_text.hpp"
#include "wire/records.hpp"

#include <charconv>

namespace mf::api {
namespace {

using auth::Role;
constexpr RoleSet kUnderwriting = roles(Role::admin, Role::underwriter);

Result<Reply> get_settings(Call& call) {
    MF_TRY(auto settings, call.book().settings());
    return reply_of(settings);
}

Result<Reply> patch_settings(Call& call) {
    MF_TRY(auto body, call.body());
    SettingsChange change;
    MF_TRY(change.name, body.optional_text("name"));
    MF_TRY(auto rebate_schedule, body.optional_text("rebate_schedule"));
    if (rebate_schedule) {
        MF_TRY(change.rebate_schedule, named(parse_rebate_schedule(*rebate_schedule), "rebate_schedule"));
    }
    MF_TRY(auto weekday, body.optional_integer("rebate_weekday", 1, 5));
    if (weekday)
        change.rebate_weekday = static_cast<unsigned>(*weekday);
    MF_TRY(auto recourse_action, body.optional_text("recourse_action"));
    if (recourse_action) {
        MF_TRY(change.recourse_action, named(parse_recourse_action(*recourse_action), "recourse_action"));
    }
    MF_TRY(auto age, body.optional_integer("max_invoice_age_days", 1, 3'650));
    if (age)
        change.max_invoice_age_days = static_cast<int32_t>(*age);
    MF_TRY(change.cross_age_ppm, body.optional_rate_ppm("cross_age"));
    MF_TRY(change.require_credit_review, body.optional_flag("require_credit_review"));
    MF_TRY(auto originator, body.optional_object("originator"));
    if (originator) {
        for (auto [name, target] :
             {std::pair{"name", &change.originator_name}, std::pair{"ach_company_id", &change.ach_company_id},
              std::pair{"ach_immediate_origin", &change.ach_immediate_origin},
              std::pair{"ach_origin_name", &change.ach_origin_name},
              std::pair{"ach_odfi_routing", &change.ach_odfi_routing},
              std::pair{"ach_destination", &change.ach_destination},
              std::pair{"ach_destination_name", &change.ach_destination_name},
              std::pair{"iban", &change.originator_iban}, std::pair{"bic", &change.originator_bic}}) {
            if (originator->has(name)) {
                MF_TRY(auto value, originator->optional_text(name));
                *target = value.value_or("");
            }
        }
        MF_CHECK(originator->finish());
    }
    MF_TRY(change.require_noa_before_funding, body.optional_flag("require_noa_before_funding"));
    MF_TRY(change.remittance_instructions, body.optional_text("remittance_instructions"));
    MF_CHECK(body.finish());
    MF_TRY(auto settings, call.book().update_settings(call.actor(), change));
    return reply_of(settings);
}

// The terms of a new client, or the changed ones of an update (absent fields keep their value).
Status read_terms(Fields& terms, Currency currency, ClientChange& change) {
    MF_TRY(change.advance_rate_ppm, terms.optional_rate_ppm("advance_rate"));
    MF_TRY(auto fee_text, terms.optional_text("fee_schedule"));
    if (fee_text) {
        MF_TRY(change.fee_schedule,
               named(parse_fee_schedule(*fee_text, currency), terms.field_name("fee_schedule")));
    }
    MF_TRY(change.factoring_limit_minor, terms.optional_amount("factoring_limit", currency));
    MF_TRY(auto recourse, terms.optional_text("recourse"));
    if (recourse) {
        MF_TRY(change.recourse, named(parse_recourse(*recourse), terms.field_name("recourse")));
    }
    MF_TRY(auto recourse_days, terms.optional_integer("recourse_days", 1, 365));
    if (recourse_days)
        change.recourse_days = static_cast<int32_t>(*recourse_days);
    MF_TRY(auto clearance_days, terms.optional_integer("clearance_days", 0, 30));
    if (clearance_days)
        change.clearance_days = static_cast<int32_t>(*clearance_days);
    MF_TRY(change.concentration_limit_ppm, terms.optional_rate_ppm("concentration_limit"));
    return terms.finish();
}

// "payout_account": {"routing_number", "account_number", "account_type", "iban", "bic"}: each field given
// replaces the stored one (null or "" clears it).
Status read_payout_account(Fields& body, PayoutAccountChange& change) {
    MF_TRY(auto account, body.optional_object("payout_account"));
    if (!account)
        return ok();
    for (auto [name, target] : {std::pair{"routing_number", &change.routing_number},
                                std::pair{"account_number", &change.account_number},
                                std::pair{"iban", &change.iban}, std::pair{"bic", &change.bic}}) {
        if (account->has(name)) {
            MF_TRY(auto value, account->optional_text(name));
            *target = value.value_or("");
        }
    }
    MF_TRY(auto type, account->optional_text("account_type"));
    if (type) {
        MF_TRY(change.account_type,
               named(parse_ach_account_type(*type), account->field_name("account_type")));
    }
    return account->finish();
}

// Bank details in full for admins and underwriters; the last 4 characters for everyone else.
Client as_seen_by(const Call& call, Client client) {
    const bool full =
        call.caller && (call.caller->role == Role::admin || call.caller->role == Role::underwriter);
    if (!full)
        client.payout_account = masked(client.payout_account);
    return client;
}

Result<Reply> post_client(Call& call) {
    MF_TRY(auto body, call.body());
    NewClient input;
    MF_TRY(input.name, body.text("name"));
    MF_TRY(input.currency, body.currency("currency"));
    MF_TRY(auto email, body.optional_text("email"));
    MF_TRY(auto tax_id, body.optional_text("tax_id"));
    input.email = email.value_or("");
    input.tax_id = tax_id.value_or("");
    MF_TRY(auto terms, body.optional_object("terms"));
    if (!terms)
        return make_error("missing_field", "terms is required (at least fee_schedule and factoring_limit)",
                          "terms");
    ClientChange given;
    MF_CHECK(read_terms(*terms, input.currency, given));
    if (!given.fee_schedule)
        return make_error("missing_field", "terms.fee_schedule is required", "terms.fee_schedule");
    if (!given.factoring_limit_minor)
        return make_error("missing_field", "terms.factoring_limit is required", "terms.factoring_limit");
    input.terms.fee_schedule = *given.fee_schedule;
    input.terms.factoring_limit_minor = *given.factoring_limit_minor;
    input.terms.advance_rate_ppm = given.advance_rate_ppm.value_or(input.terms.advance_rate_ppm);
    input.terms.recourse = given.recourse.value_or(input.terms.recourse);
    input.terms.recourse_days = given.recourse_days.value_or(input.terms.recourse_days);
    input.terms.clearance_days = given.clearance_days.value_or(input.terms.clearance_days);
    input.terms.concentration_limit_ppm =
        given.concentration_limit_ppm.value_or(input.terms.concentration_limit_ppm);
    MF_CHECK(read_payout_account(body, input.payout_account));
    MF_CHECK(body.finish());
    MF_TRY(auto client, call.book().add_client(call.actor(), input));
    return reply_of(client, 201);
}

// If-Match: "3" (or 3) names the version the caller read; a stale one is 412.
Result<std::optional<int64_t>> if_match(const Call& call) {
    std::string_view text = call.request[http::field::if_match];
    if (text.empty())
        return std::optional<int64_t>();
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
        text = text.substr(1, text.size() - 2);
    int64_t version = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), version);
    if (error != std::errc() || end != text.data() + text.size() || version < 0)
        return make_error("invalid_field", "If-Match must be the version number read", "If-Match");
    return std::optional<int64_t>(version);
}

Result<Reply> get_client(Call& call) {
    MF_TRY(const int64_t id, call.path_id(IdKind::client));
    MF_CHECK(call.check_visible(IdKind::client, id, id));
    MF_TRY(auto client, call.book().client(id));
    return reply_of(as_seen_by(call, std::move(client)));
}

Result<Reply> patch_client(Call& call) {
    MF_TRY(const int64_t id, call.path_id(IdKind::client));
    MF_TRY(auto client, call.book().client(id));
    MF_TRY(auto body, call.body());
    ClientChange change;
    MF_TRY(change.expected_version, if_match(call));
    MF_TRY(change.name, body.optional_text("name"));
    MF_TRY(change.email, body.optional_text("email"));
    MF_TRY(change.tax_id, body.optional_text("tax_id"));
    MF_TRY(auto status, body.optional_text("status"));
    if (status) {
        MF_TRY(change.status, named(parse_client_status(*status), "status"));
    }
    MF_TRY(auto terms, body.optional_object("terms"));
    if (terms)
        MF_CHECK(read_terms(*terms, client.currency, change));
    MF_CHECK(read_payout_account(body, change.payout_account));
    MF_CHECK(body.finish());
    MF_TRY(auto updated, call.book().update_client(call.actor(), id, change));
    return reply_of(updated);
}

Result<Reply> list_clients(Call& call) {
    MF_TRY(auto page, page_request(call, IdKind::client));
    MF_TRY(auto clients, call.book().clients());
    if (call.is_client_user()) {
        std::erase_if(clients, [&](const Client& client) { return client.id != call.caller->client_id; });
    }
    for (auto& client : clients)
        client = as_seen_by(call, std::move(client));
    return page_reply(clients, page, IdKind::client);
}

Result<Reply> post_debtor(Call& call) {
    MF_TRY(auto body, call.body());
    NewDebtor input;
    MF_TRY(input.name, body.text("name"));
    MF_TRY(input.currency, body.currency("currency"));
    MF_TRY(input.credit_limit_minor, body.amount("credit_limit", input.currency));
    MF_TRY(auto email, body.optional_text("email"));
    MF_TRY(auto tax_id, body.optional_text("tax_id"));
    input.email = email.value_or("");
    input.tax_id = tax_id.value_or("");
    MF_CHECK(body.finish());
    MF_TRY(auto debtor, call.book().add_debtor(call.actor(), input));
    return reply_of(debtor, 201);
}

Result<Reply> get_debtor(Call& call) {
    MF_TRY(const int64_t id, call.path_id(IdKind::debtor));
    MF_TRY(auto debtor, call.book().debtor(id));
    return reply_of(debtor);
}

Result<Reply> patch_debtor(Call& call) {
    MF_TRY(const int64_t id, call.path_id(IdKind::debtor));
    MF_TRY(auto debtor, call.book().debtor(id));
    MF_TRY(auto body, call.body());
    DebtorChange change;
    MF_TRY(change.expected_version, if_match(call));
    MF_TRY(change.name, body.optional_text("name"));
    MF_TRY(change.credit_limit_minor, body.optional_amount("credit_limit", debtor.currency));
    MF_TRY(change.email, body.optional_text("email"));
    MF_TRY(change.tax_id, body.optional_text("tax_id"));
    MF_CHECK(body.finish());
    MF_TRY(auto updated, call.book().update_debtor(call.actor(), id, change));
    return reply_of(updated);
}

Result<Reply> list_debtors(Call& call) {
    MF_TRY(auto page, page_request(call, IdKind::debtor));
    MF_TRY(auto debtors, call.book().debtors());
    return page_reply(debtors, page, IdKind::debtor);
}

Result<Reply> list_charges(Call& call) {
    MF_TRY(auto charges, call.book().charges());
    return json_reply(json::object{{"data", json::value_from(charges)}, {"next_cursor", nullptr}});
}

Result<Reply> post_charge(Call& call) {
    MF_TRY(auto body, call.body());
    NewCharge input;
    MF_TRY(input.code, body.text("code"));
    MF_TRY(input.name, body.text("name"));
    MF_TRY(const Currency currency, body.currency("currency"));
    MF_TRY(const int64_t amount, body.amount("amount", currency));
    input.amount = Money{amount, currency};
    MF_CHECK(body.finish());
    MF_TRY(auto charge, call.book().define_charge(call.actor(), input));
    return reply_of(charge, 201);
}

}  // namespace

void add_party_routes(Router& router) {
    using http::verb;
    router.add({verb::get, "/v1/settings", kStaffRead, Effect::read, "The book's settings", get_settings});
    router.add({verb::patch, "/v1/settings", roles(Role::admin), Effect::change, "Change the book's settings",
                patch_settings});
    router.add({verb::get, "/v1/clients", kStaffRead | roles(Role::client), Effect::read,
                "List clients (a client user sees its own)", list_clients});
    router.add({verb::post, "/v1/clients", kUnderwriting, Effect::change, "Add a client with its terms",
                post_client});
    router.add({verb::get, "/v1/clients/{id}", kStaffRead | roles(Role::client), Effect::read, "One client",
                get_client});
    router.add({verb::patch, "/v1/clients/{id}", kUnderwriting, Effect::change,
                "Change a client's details, terms or status (If-Match: version)", patch_client});
    router.add({verb::get, "/v1/debtors", kStaffRead, Effect::read, "List debtors", list_debtors});
    router.add({verb::post, "/v1/debtors", kUnderwriting, Effect::change,
                "Add a debtor with its credit limit", post_debtor});
    router.add({verb::get, "/v1/debtors/{id}", kStaffRead, Effect::read, "One debtor", get_debtor});
    router.add({verb::patch, "/v1/debtors/{id}", kUnderwriting, Effect::change,
                "Change a debtor's details or credit limit (If-Match: version)", patch_debtor});
    router.add({verb::get, "/v1/charges", kStaffRead, Effect::read, "The charge catalog", list_charges});
    router.add({verb::post, "/v1/charges", roles(Role::admin), Effect::change, "Define a catalog charge",
                post_charge});
}

}  // namespace mf::api
