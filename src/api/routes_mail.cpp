// Routes of the e-mail outbox (docs/mail.md): staff list and read the mails with their delivery state and
// last error, retry one, and tell a client its statement is ready. Client users never see the outbox.
#include "api/routes.hpp"
#include "wire/outbox.hpp"

namespace mf::api {
namespace {

using auth::Role;
constexpr RoleSet kMailSenders = roles(Role::admin, Role::underwriter, Role::collector);

Result<Reply> list_outbox(Call& call) {
    MF_TRY(auto page, page_request(call, IdKind::mail));
    OutboxQuery query;
    if (auto state = call.query("state")) {
        MF_TRY(query.state, parse_mail_state(*state));
    }
    query.after_id = page.after_id;
    query.limit = page.limit + 1;  // one more tells whether a next page exists
    MF_TRY(auto mails, call.book().outbox(query));
    return page_reply(mails, page, IdKind::mail);
}

Result<Reply> get_mail(Call& call) {
    MF_TRY(const int64_t id, call.path_id(IdKind::mail));
    MF_TRY(auto mail, call.book().mail(id));
    return reply_of(mail);
}

Result<Reply> retry_mail(Call& call) {
    MF_TRY(const int64_t id, call.path_id(IdKind::mail));
    MF_TRY(auto mail, call.book().retry_mail(call.actor(), id));
    return reply_of(mail);
}

Result<Reply> send_statement(Call& call) {
    MF_TRY(const int64_t client_id, call.path_id(IdKind::client));
    MF_TRY(auto period, statement_period(call));
    MF_TRY(auto mail, call.book().send_client_statement(call.actor(), client_id, period.from, period.to));
    return reply_of(mail, 201);
}

}  // namespace

void add_mail_routes(Router& router) {
    using http::verb;
    router.add({verb::get, "/v1/outbox", kStaffRead, Effect::read,
                "List the e-mail outbox (?state=queued|delivered|failed|unaddressed)", list_outbox});
    router.add({verb::get, "/v1/outbox/{id}", kStaffRead, Effect::read,
                "One mail: recipients, text, attempts, next attempt, last error", get_mail});
    router.add({verb::post, "/v1/outbox/{id}/retry", kMailSenders, Effect::change,
                "Make a queued, failed or unaddressed mail due now with its attempts counted afresh",
                retry_mail});
    router.add({verb::post, "/v1/clients/{id}/statement/mail", kMailSenders, Effect::change,
                "Tell the client its statement for a period is ready (?from&to; queues the mail)",
                send_statement});
}

}  // namespace mf::api
