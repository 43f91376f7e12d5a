// Routes of buying invoices: schedules (submit, approve, fund) and each invoice's life (approve, reject,
// dispute and its resolution, close short, charge back, write off, a payment made to the client instead).
#include "api/routes.hpp"
#include "wire/records.hpp"

namespace mf::api {
namespace {

using auth::Role;
constexpr RoleSet kUnderwriting = roles(Role::admin, Role::underwriter);
constexpr RoleSet kCollecting = roles(Role::admin, Role::underwriter, Role::collector);

Result<Invoice> visible_invoice(Call& call) {
    MF_TRY(const int64_t id, call.path_id(IdKind::invoice));
    MF_TRY(auto invoice, call.book().invoice(id));
    MF_CHECK(call.check_visible(IdKind::invoice, id, invoice.client_id));
    return invoice;
}

Result<ScheduleView> visible_schedule(Call& call) {
    MF_TRY(const int64_t id, call.path_id(IdKind::schedule));
    MF_TRY(auto view, call.book().schedule(id));
    MF_CHECK(call.check_visible(IdKind::schedule, id, view.schedule.client_id));
    return view;
}

Result<Reply> post_schedule(Call& call) {
    MF_TRY(auto body, call.body());
    NewSchedule input;
    MF_TRY(input.client_id, body.id(IdKind::client, "client_id"));
    MF_CHECK(call.check_visible(IdKind::client, input.client_id, input.client_id));
    MF_TRY(auto client, call.book().client(input.client_id));
    MF_TRY(auto rows, body.objects("invoices", Book::kMaxScheduleInvoices));
    if (rows.empty())
        return make_error("missing_field", "a schedule needs at least one invoice", "invoices");
    for (auto& row : rows) {
        NewInvoice invoice;
        MF_TRY(invoice.debtor_id, row.id(IdKind::debtor, "debtor_id"));
        MF_TRY(invoice.number, row.text("number"));
        invoice.currency = client.currency;
        if (row.has("currency")) {
            MF_TRY(invoice.currency, row.currency("currency"));
        }
        MF_TRY(invoice.face_minor, row.amount("amount", invoice.currency));
        MF_TRY(invoice.issue_date, row.date("issue_date"));
        MF_TRY(invoice.due_date, row.date("due_date"));
        MF_CHECK(row.finish());
        input.invoices.push_back(std::move(invoice));
    }
    MF_CHECK(body.finish());
    MF_TRY(auto view, call.book().submit_schedule(call.actor(), input));
    return reply_of(view, 201);
}

Result<Reply> get_schedule(Call& call) {
    MF_TRY(auto view, visible_schedule(call));
    return reply_of(view);
}

Result<Reply> list_schedules(Call& call) {
    MF_TRY(auto page, page_request(call, IdKind::schedule));
    MF_TRY(auto asked, call.query_id(IdKind::client, "client_id"));
    MF_TRY(auto client_id, call.client_scope(asked));
    MF_TRY(auto schedules, call.book().schedules(client_id));
    return page_reply(schedules, page, IdKind::schedule);
}

// Approves the named invoices, or every invoice of the schedule still waiting for a decision.
Result<Reply> approve_schedule(Call& call) {
    MF_TRY(auto view, visible_schedule(call));
    MF_TRY(auto body, call.body());
    ApprovalRequest request;
    if (body.has("invoice_ids")) {
        MF_TRY(request.invoice_ids, body.ids(IdKind::invoice, "invoice_ids"));
    } else {
        for (const auto& invoice : view.invoices) {
            if (invoice.state == InvoiceState::submitted)
                request.invoice_ids.push_back(invoice.id);
        }
    }
    MF_TRY(auto reason, body.optional_text("override_reason"));
    request.override_reason = reason.value_or("");
    MF_CHECK(body.finish());
    if (request.invoice_ids.empty())
        return make_error("nothing_to_approve", "no invoice of this schedule waits for a decision");
    MF_TRY(auto outcomes, call.book().approve_invoices(call.actor(), request));
    return json_reply(json::object{{"data", json::value_from(outcomes)}});
}

Result<Reply> fund_schedule(Call& call) {
    MF_TRY(auto view, visible_schedule(call));
    MF_TRY(auto body, call.body());
    MF_CHECK(body.finish());
    MF_TRY(auto payout, call.book().fund_schedule(call.actor(), view.schedule.id));
    return reply_of(payout, 201);
}

Result<Reply> list_invoices(Call& call) {
    MF_TRY(auto page, page_request(call, IdKind::invoice));
    InvoiceFilter filter;
    MF_TRY(auto asked, call.query_id(IdKind::client, "client_id"));
    MF_TRY(filter.client_id, call.client_scope(asked));
    MF_TRY(filter.debtor_id, call.query_id(IdKind::debtor, "debtor_id"));
    MF_TRY(filter.schedule_id, call.query_id(IdKind::schedule, "schedule_id"));
    if (auto states = call.query("state")) {
        for (auto codes = wire::split_codes(*states); const auto& code : codes) {
            MF_TRY(const InvoiceState state, named(parse_invoice_state(code.as_string()), "state"));
            filter.states.push_back(state);
        }
    }
    filter.after_id = page.after_id;
    filter.limit = page.limit + 1;  // one more tells whether a next page exists
    MF_TRY(auto invoices, call.book().invoices(filter));
    return page_reply(invoices, page, IdKind::invoice);
}

Result<Reply> get_invoice(Call& call) {
    MF_TRY(auto invoice, visible_invoice(call));
    return reply_of(invoice);
}

Result<Reply> invoice_history(Call& call) {
    MF_TRY(auto invoice, visible_invoice(call));
    MF_TRY(auto history, call.book().invoice_history(invoice.id));
    return reply_of(history);
}

Result<Reply> approve_invoice(Call& call) {
    MF_TRY(auto invoice, visible_invoice(call));
    MF_TRY(auto body, call.body());
    ApprovalRequest request;
    request.invoice_ids = {invoice.id};
    MF_TRY(auto reason, body.optional_text("override_reason"));
    request.override_reason = reason.value_or("");
    MF_CHECK(body.finish());
    MF_TRY(auto outcomes, call.book().approve_invoices(call.actor(), request));
    return reply_of(outcomes.front());
}

// The actions that take only a reason.
using ReasonAction = Result<Invoice> (Book::*)(const Actor&, int64_t, const std::string&);

Handler with_reason(ReasonAction action) {
    return [action](Call& call) -> Result<Reply> {
        MF_TRY(auto invoice, visible_invoice(call));
        MF_TRY(auto body, call.body());
        MF_TRY(const std::string reason, body.text("reason"));
        MF_CHECK(body.finish());
        MF_TRY(auto changed, (call.book().*action)(call.actor(), invoice.id, reason));
        return reply_of(changed);
    };
}

Result<Reply> reject_invoice(Call& call) {
    MF_TRY(auto invoice, visible_invoice(call));
    MF_TRY(auto body, call.body());
    MF_TRY(const std::string reason, body.text("reason"));
    MF_CHECK(body.finish());
    MF_TRY(auto rejected, call.book().reject_invoices(call.actor(), {invoice.id}, reason));
    return reply_of(rejected.front());
}

Result<Reply> resolve_dispute(Call& call) {
    MF_TRY(auto invoice, visible_invoice(call));
    MF_TRY(auto body, call.body());
    MF_TRY(const std::string outcome_text, body.text("outcome"));
    MF_TRY(const std::string reason, body.text("reason"));
    MF_CHECK(body.finish());
    DisputeOutcome outcome;
    if (outcome_text == "upheld_for_client") {
        outcome = DisputeOutcome::upheld_for_client;
    } else if (outcome_text == "lost_as_dilution") {
        outcome = DisputeOutcome::lost_as_dilution;
    } else {
        return make_error("invalid_outcome", "outcome is upheld_for_client or lost_as_dilution", "outcome");
    }
    MF_TRY(auto changed, call.book().resolve_dispute(call.actor(), invoice.id, outcome, reason));
    return reply_of(changed);
}

Result<Reply> misdirected_payment(Call& call) {
    MF_TRY(auto invoice, visible_invoice(call));
    MF_TRY(auto body, call.body());
    MisdirectedPayment input;
    input.invoice_id = invoice.id;
    MF_TRY(input.amount_minor, body.amount("amount", invoice.currency));
    MF_TRY(input.paid_on, body.optional_date("paid_on"));
    MF_TRY(auto note, body.optional_text("note"));
    input.note = note.value_or("");
    MF_CHECK(body.finish());
    MF_TRY(auto changed, call.book().report_misdirected_payment(call.actor(), input));
    return reply_of(changed);
}

}  // namespace

void add_invoice_routes(Router& router) {
    using http::verb;
    const RoleSet readers = kStaffRead | roles(Role::client);
    router.add({verb::get, "/v1/schedules", readers, Effect::read, "List schedules", list_schedules});
    router.add({verb::post, "/v1/schedules", kUnderwriting | roles(Role::client), Effect::money,
                "Submit a schedule of invoices", post_schedule});
    router.add({verb::get, "/v1/schedules/{id}", readers, Effect::read, "One schedule with its invoices",
                get_schedule});
    router.add({verb::post, "/v1/schedules/{id}/approve", kUnderwriting, Effect::change,
                "Approve a schedule's waiting invoices (or the ones named), with an override reason if given",
                approve_schedule});
    router.add({verb::post, "/v1/schedules/{id}/fund", kUnderwriting, Effect::money,
                "Fund the approved invoices of a schedule as one payout", fund_schedule});
    router.add(
        {verb::get, "/v1/invoices", readers, Effect::read, "List invoices (filters, paging)", list_invoices});
    router.add({verb::get, "/v1/invoices/{id}", readers, Effect::read, "One invoice", get_invoice});
    router.add({verb::get, "/v1/invoices/{id}/history", readers, Effect::read,
                "An invoice with its audit events, journal entries and receipt applications",
                invoice_history});
    router.add({verb::post, "/v1/invoices/{id}/approve", kUnderwriting, Effect::change, "Approve one invoice",
                approve_invoice});
    router.add({verb::post, "/v1/invoices/{id}/reject", kUnderwriting, Effect::change, "Reject one invoice",
                reject_invoice});
    router.add({verb::post, "/v1/invoices/{id}/dispute", kCollecting, Effect::change,
                "Record the debtor's dispute", with_reason(&Book::dispute)});
    router.add({verb::post, "/v1/invoices/{id}/resolve-dispute", kCollecting, Effect::money,
                "Resolve a dispute: upheld_for_client or lost_as_dilution", resolve_dispute});
    router.add({verb::post, "/v1/invoices/{id}/close-short", kCollecting, Effect::money,
                "Close the unpaid rest as dilution", with_reason(&Book::close_short)});
    router.add({verb::post, "/v1/invoices/{id}/charge-back", kCollecting, Effect::money,
                "Charge a recourse invoice back to the client's reserve", with_reason(&Book::charge_back)});
    router.add({verb::post, "/v1/invoices/{id}/write-off", kUnderwriting, Effect::money,
                "Write off a non-recourse invoice as a credit loss", with_reason(&Book::write_off)});
    router.add({verb::post, "/v1/invoices/{id}/misdirected-payment", kCollecting, Effect::money,
                "The debtor paid the client: the client owes it to the factor", misdirected_payment});
}

}  // namespace mf::api
