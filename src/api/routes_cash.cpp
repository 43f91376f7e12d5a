// Routes of money in and out: receipts and their application, capital, payouts, charges to a client's
// reserve, a client paying in, and rebate releases.
#include "api/routes.hpp"
#include "wire/files.hpp"
#include "wire/records.hpp"

namespace mf::api {
namespace {

using auth::Role;
constexpr RoleSet kCash = roles(Role::admin, Role::collector);
constexpr RoleSet kCashReaders = roles(Role::admin, Role::underwriter, Role::collector, Role::viewer);

Result<std::vector<Application>> read_applications(Fields& body, Currency currency) {
    std::vector<Application> out;
    if (!body.has("applications")) {
        (void)body.optional_text("applications");  // read: an explicit null is no applications
        return out;
    }
    constexpr size_t kApplicationsMax = 10'000;
    MF_TRY(auto rows, body.objects("applications", kApplicationsMax));
    for (auto& row : rows) {
        Application application;
        MF_TRY(application.invoice_id, row.id(IdKind::invoice, "invoice_id"));
        MF_TRY(application.amount_minor, row.amount("amount", currency));
        MF_TRY(application.close_short, row.flag("close_short", false));
        MF_TRY(application.to_client, row.flag("to_client", false));
        MF_CHECK(row.finish());
        out.push_back(application);
    }
    return out;
}

Result<Reply> post_receipt(Call& call) {
    MF_TRY(auto body, call.body());
    NewReceipt input;
    MF_TRY(const Currency currency, body.currency("currency"));
    MF_TRY(const int64_t amount, body.amount("amount", currency));
    input.amount = Money{amount, currency};
    MF_TRY(input.received_on, body.date("received_on"));
    MF_TRY(auto payer, body.optional_text("payer"));
    MF_TRY(auto reference, body.optional_text("reference"));
    input.payer = payer.value_or("");
    input.reference = reference.value_or("");
    MF_TRY(input.debtor_id, body.optional_id(IdKind::debtor, "debtor_id"));
    input.source = "api";
    MF_TRY(input.applications, read_applications(body, currency));
    MF_CHECK(body.finish());
    MF_TRY(auto view, call.book().record_receipt(call.actor(), input));
    return reply_of(view, 201);
}

Result<Reply> get_receipt(Call& call) {
    MF_TRY(const int64_t id, call.path_id(IdKind::receipt));
    MF_TRY(auto detail, call.book().receipt_detail(id));
    return reply_of(detail);
}

Result<Reply> list_receipts(Call& call) {
    MF_TRY(auto page, page_request(call, IdKind::receipt));
    const auto unapplied = call.query("unapplied");
    if (unapplied && *unapplied != "true" && *unapplied != "false")
        return make_error("invalid_query", "unapplied is true or false", "unapplied");
    MF_TRY(auto receipts, call.book().receipts(unapplied && *unapplied == "true"));
    return page_reply(receipts, page, IdKind::receipt);
}

Result<Reply> apply_receipt(Call& call) {
    MF_TRY(const int64_t id, call.path_id(IdKind::receipt));
    MF_TRY(auto receipt, call.book().receipt(id));
    MF_TRY(auto body, call.body());
    MF_TRY(auto applications, read_applications(body, receipt.currency));
    MF_CHECK(body.finish());
    if (applications.empty())
        return make_error("missing_field", "give the applications: [{invoice_id, amount}]", "applications");
    MF_TRY(auto view, call.book().apply_receipt(call.actor(), id, applications));
    return reply_of(view);
}

Result<Reply> auto_apply(Call& call) {
    std::vector<int64_t> receipt_ids;
    if (!call.request.body().empty()) {  // no body: every receipt with unapplied cash
        MF_TRY(auto body, call.body());
        if (body.has("receipt_ids")) {
            MF_TRY(receipt_ids, body.ids(IdKind::receipt, "receipt_ids"));
        }
        MF_CHECK(body.finish());
    }
    MF_TRY(auto result, call.book().auto_apply(call.actor(), receipt_ids));
    return reply_of(result);
}

Result<Reply> receipt_suggestions(Call& call) {
    MF_TRY(const int64_t id, call.path_id(IdKind::receipt));
    MF_TRY(auto match, call.book().cash_suggestions(id));
    return reply_of(match);
}

Result<Reply> post_capital(Call& call) {
    MF_TRY(auto body, call.body());
    CapitalContribution input;
    MF_TRY(const Currency currency, body.currency("currency"));
    MF_TRY(const int64_t amount, body.amount("amount", currency));
    input.amount = Money{amount, currency};
    MF_TRY(auto memo, body.optional_text("memo"));
    input.memo = memo.value_or("");
    MF_CHECK(body.finish());
    MF_TRY(auto entry, call.book().contribute_capital(call.actor(), input));
    return reply_of(entry, 201);
}

Result<Reply> list_payouts(Call& call) {
    MF_TRY(auto page, page_request(call, IdKind::payout));
    MF_TRY(auto asked, call.query_id(IdKind::client, "client_id"));
    MF_TRY(auto client_id, call.client_scope(asked));
    MF_TRY(auto payouts, call.book().payouts(client_id));
    return page_reply(payouts, page, IdKind::payout);
}

Result<Reply> charge_client(Call& call) {
    MF_TRY(const int64_t client_id, call.path_id(IdKind::client));
    MF_TRY(auto client, call.book().client(client_id));
    MF_TRY(auto body, call.body());
    ChargeRequest request;
    request.client_id = client_id;
    MF_TRY(request.code, body.text("code"));
    MF_TRY(request.amount_minor, body.optional_amount("amount", client.currency));
    MF_TRY(auto invoice_id, body.optional_id(IdKind::invoice, "invoice_id"));
    request.invoice_id = invoice_id.value_or(0);
    MF_TRY(auto memo, body.optional_text("memo"));
    request.memo = memo.value_or("");
    MF_CHECK(body.finish());
    MF_TRY(auto entry, call.book().charge_client(call.actor(), request));
    return reply_of(entry, 201);
}

Result<Reply> client_pays_in(Call& call) {
    MF_TRY(const int64_t client_id, call.path_id(IdKind::client));
    MF_TRY(auto client, call.book().client(client_id));
    MF_TRY(auto body, call.body());
    ClientPayment input;
    input.client_id = client_id;
    MF_TRY(input.amount_minor, body.amount("amount", client.currency));
    MF_TRY(auto memo, body.optional_text("memo"));
    input.memo = memo.value_or("");
    MF_CHECK(body.finish());
    MF_TRY(auto entry, call.book().client_pays_in(call.actor(), input));
    return reply_of(entry, 201);
}

Result<Reply> release_rebate(Call& call) {
    MF_TRY(const int64_t client_id, call.path_id(IdKind::client));
    MF_TRY(auto client, call.book().client(client_id));
    MF_TRY(auto body, call.body());
    MF_TRY(auto amount, body.optional_amount("amount", client.currency));
    MF_CHECK(body.finish());
    MF_TRY(auto payout, call.book().release_rebate(call.actor(), client_id, amount));
    if (!payout)
        return json_reply(
            json::object{{"payout", nullptr}, {"message", "nothing above the required reserve"}});
    return json_reply(json::object{{"payout", json::value_from(*payout)}}, 201);
}

}  // namespace

void add_cash_routes(Router& router) {
    using http::verb;
    router.add({verb::get, "/v1/receipts", kCashReaders, Effect::read, "List receipts (?unapplied=true)",
                list_receipts});
    router.add({verb::post, "/v1/receipts", kCash, Effect::money,
                "Record a receipt, applied to invoices when applications are given", post_receipt});
    router.add({verb::get, "/v1/receipts/{id}", kCashReaders, Effect::read,
                "One receipt, with the invoices its cash was applied to", get_receipt});
    router.add({verb::post, "/v1/receipts/auto-apply", kCash, Effect::money,
                "Apply unapplied receipts where the evidence makes it certain; suggestions for the rest",
                auto_apply});
    router.add({verb::get, "/v1/receipts/{id}/suggestions", kCashReaders, Effect::read,
                "Which open invoices a receipt may pay: the certain match, if any, and ranked suggestions",
                receipt_suggestions});
    router.add({verb::post, "/v1/receipts/{id}/applications", kCash, Effect::money,
                "Apply a receipt's unapplied cash to invoices", apply_receipt});
    router.add({verb::post, "/v1/capital", roles(Role::admin), Effect::money, "Record a capital contribution",
                post_capital});
    router.add({verb::get, "/v1/payouts", kStaffRead | roles(Role::client), Effect::read,
                "List payouts (advances and rebates)", list_payouts});
    router.add({verb::post, "/v1/clients/{id}/charges",
                roles(Role::admin, Role::underwriter, Role::collector), Effect::money,
                "Charge a catalog charge (or an amount) to a client's reserve", charge_client});
    router.add({verb::post, "/v1/clients/{id}/payments-in", kCash, Effect::money,
                "The client paid money in to its reserve", client_pays_in});
    router.add({verb::post, "/v1/clients/{id}/rebates", kCash, Effect::money,
                "Pay the client its reserve above the required reserve (all, or at most amount)",
                release_rebate});
}

}  // namespace mf::api
