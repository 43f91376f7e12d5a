// Routes of invoice verification and notices of assignment: client policies, staff verification records,
// debtor links (issued by staff; opened and answered by the debtor with the link's token and no login), the
// verification log, each pair's notice, the assignment legend and the NOA work queue.
#include "api/report_pdf.hpp"
#include "api/routes.hpp"
#include "auth/secrets.hpp"
#include "documents/documents.hpp"
#include "wire/debtor_link_address.hpp"
#include "wire/verification.hpp"

namespace mf::api {
namespace {

using auth::Role;
constexpr RoleSet kPolicySetters = roles(Role::admin, Role::underwriter);
constexpr RoleSet kVerifiers = roles(Role::admin, Role::underwriter, Role::collector);
constexpr RoleSet kClientReaders = kStaffRead | roles(Role::client);
constexpr int64_t kLinkDaysMax = 90;

// ---- policies ----

Result<Reply> get_policy(Call& call) {
    MF_TRY(const int64_t client_id, call.path_id(IdKind::client));
    MF_CHECK(call.check_visible(IdKind::client, client_id, client_id));
    MF_TRY(auto client, call.book().client(client_id));
    MF_TRY(auto policy, call.book().verification_policy(client_id));
    return json_reply(wire::policy_json(policy, client.currency));
}

Result<Reply> set_policy(Call& call) {
    MF_TRY(const int64_t client_id, call.path_id(IdKind::client));
    MF_TRY(auto client, call.book().client(client_id));
    MF_TRY(auto body, call.body());
    VerificationPolicy policy;
    policy.client_id = client_id;
    MF_TRY(auto kind, body.text("policy"));
    MF_TRY(policy.kind, named(parse_verification_policy_kind(kind), "policy"));
    MF_TRY(auto threshold, body.optional_amount("threshold_amount", client.currency));
    policy.threshold_minor = threshold.value_or(0);
    MF_TRY(auto sample, body.optional_rate_ppm("sample"));
    policy.sample_ppm = sample.value_or(0);
    MF_CHECK(body.finish());
    MF_TRY(auto saved, call.book().set_verification_policy(call.actor(), policy));
    return json_reply(wire::policy_json(saved, client.currency));
}

// ---- staff records, standing, links ----

Result<Reply> record_verification(Call& call) {
    StaffVerification input;
    MF_TRY(input.invoice_id, call.path_id(IdKind::invoice));
    MF_TRY(auto body, call.body());
    MF_TRY(input.channel, body.text("channel"));
    MF_TRY(input.contact, body.text("contact"));
    MF_TRY(input.outcome, body.text("outcome"));
    MF_TRY(auto notes, body.optional_text("notes"));
    input.notes = notes.value_or("");
    MF_CHECK(body.finish());
    MF_TRY(auto outcome, call.book().record_verification(call.actor(), input));
    return reply_of(outcome, 201);
}

Result<Reply> invoice_verification(Call& call) {
    MF_TRY(const int64_t invoice_id, call.path_id(IdKind::invoice));
    MF_TRY(auto standing, call.book().verification_standing(invoice_id));
    VerificationLogQuery query;
    query.invoice_id = invoice_id;
    MF_TRY(auto records, call.book().verification_log(query));
    json::object body = json::value_from(standing).as_object();
    body["invoice_id"] = format_id(IdKind::invoice, invoice_id);
    body["records"] = json::value_from(records);
    return json_reply(std::move(body));
}

// Draws a token, stores the link by its hash and answers with the token, shown this once: "path" is the
// debtor portal's page for it, "api_path" the API route.
Result<Reply> issue_link(Call& call, NewDebtorLink input, Fields& body) {
    MF_TRY(auto days, body.optional_integer("expires_in_days", 1, kLinkDaysMax));
    if (days)
        input.expires_in_days = static_cast<int32_t>(*days);
    MF_CHECK(body.finish());
    const std::string token = auth::random_token();
    input.token_hash = auth::token_hash(token);
    input.url = debtor_link_url(public_base_url(), token);
    MF_TRY(auto link, call.book().issue_debtor_link(call.actor(), input));
    return json_reply(json::object{{"link", json::value_from(link)},
                                   {"token", token},
                                   {"path", wire::debtor_link_page_path(token)},
                                   {"api_path", wire::debtor_link_api_path(token)}},
                      201);
}

Result<Reply> issue_invoice_link(Call& call) {
    NewDebtorLink input;
    input.purpose = std::string(kLinkVerifyInvoice);
    MF_TRY(input.invoice_id, call.path_id(IdKind::invoice));
    MF_TRY(auto body, call.body());
    return issue_link(call, std::move(input), body);
}

// The log as JSON, or as a CSV or PDF file with ?format=csv|pdf.
Result<Reply> verification_log(Call& call) {
    MF_TRY(const auto format, report_format(call));
    VerificationLogQuery query;
    MF_TRY(auto client_id, call.query_id(IdKind::client, "client_id"));
    MF_TRY(auto debtor_id, call.query_id(IdKind::debtor, "debtor_id"));
    MF_TRY(auto invoice_id, call.query_id(IdKind::invoice, "invoice_id"));
    query.client_id = client_id.value_or(0);
    query.debtor_id = debtor_id.value_or(0);
    query.invoice_id = invoice_id.value_or(0);
    MF_TRY(query.from, call.query_date("from"));
    MF_TRY(query.to, call.query_date("to"));
    MF_TRY(auto records, call.book().verification_log(query));
    json::object body{{"data", json::value_from(records)}};
    if (format != ReportFormat::json)
        return report_file_reply(call, format, body, {"microfactor-verifications", {"data"}},
                                 {"Verification log"});
    return json_reply(std::move(body));
}

// ---- notices of assignment ----

Result<Reply> client_notices(Call& call) {
    MF_TRY(const int64_t client_id, call.path_id(IdKind::client));
    MF_CHECK(call.check_visible(IdKind::client, client_id, client_id));
    MF_TRY(auto notices, call.book().notices(client_id));
    return json_reply(json::object{{"data", json::value_from(notices)}});
}

Result<Reply> notice_sent(Call& call) {
    MF_TRY(const int64_t client_id, call.path_id(IdKind::client));
    MF_TRY(auto body, call.body());
    MF_TRY(const int64_t debtor_id, body.id(IdKind::debtor, "debtor_id"));
    MF_TRY(auto sent_on, body.optional_date("sent_on"));
    MF_TRY(auto method, body.text("method"));
    MF_CHECK(body.finish());
    MF_TRY(auto notice, call.book().record_notice_sent(call.actor(), client_id, debtor_id, sent_on, method));
    return reply_of(notice);
}

Result<Reply> notice_acknowledged(Call& call) {
    MF_TRY(const int64_t client_id, call.path_id(IdKind::client));
    MF_TRY(auto body, call.body());
    MF_TRY(const int64_t debtor_id, body.id(IdKind::debtor, "debtor_id"));
    MF_TRY(auto on, body.optional_date("acknowledged_on"));
    MF_CHECK(body.finish());
    MF_TRY(auto notice, call.book().record_notice_acknowledged(call.actor(), client_id, debtor_id, on));
    return reply_of(notice);
}

Result<Reply> issue_notice_link(Call& call) {
    NewDebtorLink input;
    input.purpose = std::string(kLinkAcknowledgeNoa);
    MF_TRY(input.client_id, call.path_id(IdKind::client));
    MF_TRY(auto body, call.body());
    MF_TRY(input.debtor_id, body.id(IdKind::debtor, "debtor_id"));
    return issue_link(call, std::move(input), body);
}

Result<std::string> legend_of(Book& book, BookSettings& settings) {
    MF_TRY(settings, book.settings());
    return documents::assignment_legend(settings.name, settings.remittance_instructions);
}

Result<Reply> assignment_legend(Call& call) {
    MF_TRY(const int64_t client_id, call.path_id(IdKind::client));
    MF_CHECK(call.check_visible(IdKind::client, client_id, client_id));
    MF_CHECK(call.book().client(client_id));
    BookSettings settings;
    MF_TRY(auto legend, legend_of(call.book(), settings));
    return json_reply(json::object{{"client_id", format_id(IdKind::client, client_id)},
                                   {"factor", settings.name},
                                   {"remittance_instructions", settings.remittance_instructions},
                                   {"legend", legend}});
}

Result<Reply> noa_queue(Call& call) {
    MF_TRY(const auto format, report_format(call));
    MF_TRY(auto rows, call.book().noa_queue());
    json::object body{{"data", json::value_from(rows)}};
    if (format != ReportFormat::json)
        return report_file_reply(call, format, body, {"microfactor-noa-queue", {"data"}},
                                 {"Notices of assignment to send"});
    return json_reply(std::move(body));
}

// ---- the debtor's side: no login, the link's token ----

// The hash of the token sent as "Authorization: Bearer TOKEN" or "?token=TOKEN" ("" when none).
std::string link_token_hash(const Call& call) {
    constexpr std::string_view kBearer = "Bearer ";
    std::string_view token;
    const auto authorization = call.request[http::field::authorization];
    if (authorization.starts_with(kBearer))
        token = authorization.substr(kBearer.size());
    else if (auto query = call.query("token"))
        token = *query;
    return token.empty() ? std::string() : auth::token_hash(token);
}

Result<Reply> open_link(Call& call) {
    MF_TRY(auto view, call.book().open_debtor_link(link_token_hash(call), ""));
    BookSettings settings;
    MF_TRY(auto legend, legend_of(call.book(), settings));
    return json_reply(wire::debtor_link_json(view, legend));
}

// The debtor's answer: a confirmation (the three statements) or a contest (a reason, and whichever statements
// the debtor does make). The book checks the token before the answer.
Result<Reply> answer_by_link(Call& call, bool confirm) {
    MF_TRY(auto body, call.body());
    DebtorAnswer answer;
    answer.confirm = confirm;
    if (!confirm) {
        MF_TRY(auto reason, body.optional_text("reason"));
        answer.reason = reason.value_or("");
    }
    MF_TRY(answer.delivered, body.flag("delivered", false));
    MF_TRY(answer.amount_correct, body.flag("amount_correct", false));
    MF_TRY(answer.no_offsets, body.flag("no_offsets", false));
    MF_CHECK(body.finish());
    MF_TRY(auto outcome, call.book().answer_debtor_link(link_token_hash(call), answer));
    return json_reply(json::object{{"verification", json::value_from(outcome.record)},
                                   {"invoice_verification", to_string(outcome.invoice.verification)}});
}

Result<Reply> acknowledge_by_link(Call& call) {
    MF_TRY(auto body, call.body());
    MF_CHECK(body.finish());
    MF_TRY(auto notice, call.book().acknowledge_notice_by_link(link_token_hash(call)));
    return reply_of(notice);
}

}  // namespace

void add_verification_routes(Router& router) {
    using http::verb;
    router.add({verb::get, "/v1/clients/{id}/verification-policy", kClientReaders, Effect::read,
                "A client's verification policy (none, every, above an amount, a sample share)", get_policy});
    router.add({verb::post, "/v1/clients/{id}/verification-policy", kPolicySetters, Effect::change,
                "Set a client's verification policy (for invoices submitted from now on)", set_policy});
    router.add({verb::post, "/v1/invoices/{id}/verifications", kVerifiers, Effect::change,
                "Record a call or e-mail verifying an invoice with its debtor", record_verification});
    router.add({verb::get, "/v1/invoices/{id}/verification", kStaffRead, Effect::read,
                "An invoice's verification standing and records", invoice_verification});
    router.add({verb::post, "/v1/invoices/{id}/debtor-links", kVerifiers, Effect::change,
                "Issue a signed, expiring, single-use link for the debtor to confirm or contest the invoice",
                issue_invoice_link});
    router.add({verb::get, "/v1/reports/verifications", kStaffRead, Effect::read,
                "The verification log (?client_id&debtor_id&invoice_id&from&to; ?format=csv|pdf for a file)",
                verification_log});
    router.add({verb::get, "/v1/clients/{id}/notices", kClientReaders, Effect::read,
                "The notice of assignment status of each of a client's debtors", client_notices});
    router.add({verb::post, "/v1/clients/{id}/notices/sent", kVerifiers, Effect::change,
                "Record that the notice of assignment to a debtor was sent (date, method)", notice_sent});
    router.add({verb::post, "/v1/clients/{id}/notices/acknowledged", kVerifiers, Effect::change,
                "Record the debtor's acknowledgement of the notice of assignment", notice_acknowledged});
    router.add({verb::post, "/v1/clients/{id}/notices/links", kVerifiers, Effect::change,
                "Issue a signed, expiring, single-use link for the debtor to acknowledge the notice",
                issue_notice_link});
    router.add({verb::get, "/v1/clients/{id}/assignment-legend", kClientReaders, Effect::read,
                "The assignment legend the client prints on its invoices", assignment_legend});
    router.add({verb::get, "/v1/reports/noa-queue", kStaffRead, Effect::read,
                "Pairs with funded invoices and no notice of assignment sent (?format=csv|pdf for a file)",
                noa_queue});
    router.add({verb::get, "/v1/debtor-link", kPublic, Effect::read,
                "What a debtor link shows (its token as Bearer or ?token=): one invoice, or one notice",
                open_link});
    router.add({verb::post, "/v1/debtor-link/confirm", kPublic, Effect::change,
                "The debtor confirms the link's invoice (delivered, amount right, no offsets)",
                [](Call& call) { return answer_by_link(call, true); }});
    router.add({verb::post, "/v1/debtor-link/contest", kPublic, Effect::change,
                "The debtor contests the link's invoice with a reason",
                [](Call& call) { return answer_by_link(call, false); }});
    router.add({verb::post, "/v1/debtor-link/acknowledge", kPublic, Effect::change,
                "The debtor acknowledges the link's notice of assignment", acknowledge_by_link});
}

}  // namespace mf::api
