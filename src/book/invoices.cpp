// The purchase of invoices: submit a schedule, approve (limits and eligibility) or reject, fund as one
// payout.
#include <map>

#include "book/approval_batch.hpp"
#include "book/book.hpp"
#include "book/fraud_rules.hpp"
#include "book/internal.hpp"
#include "core/fees.hpp"
#include "core/ids.hpp"
#include "core/ledger.hpp"
#include "core/lifecycle.hpp"
#include "core/limits.hpp"

namespace mf {

using namespace detail;

namespace {

Error row_error(size_t row, Error error) {
    error.message = "invoice " + std::to_string(row + 1) + ": " + error.message;
    error.field = "invoices[" + std::to_string(row) + "]." + (error.field.empty() ? "invoice" : error.field);
    return error;
}

}  // namespace

Result<ScheduleView> Book::submit_schedule(const Actor& actor, const NewSchedule& input) {
    MF_TRY(auto views, submit_schedules(actor, {input}));
    MF_CHECK(auto_approve_submitted(actor, views.front()));
    return std::move(views.front());
}

Status Book::submit_in_transaction(Transaction& tx, const BookSettings& settings, const Actor& actor,
                                   const NewSchedule& input, ScheduleView& view) {
    if (input.invoices.empty()) {
        return make_error("missing_field", "a schedule needs at least one invoice", "invoices");
    }
    if (input.invoices.size() > kMaxScheduleInvoices) {
        return make_error("too_large", "a schedule holds at most 10,000 invoices; split the file",
                          "invoices");
    }
    MF_TRY(auto client, load_client(tx, input.client_id));
    Schedule schedule;
    schedule.client_id = client.id;
    schedule.currency = client.currency;
    schedule.submitted_on = settings.business_date;
    MF_TRY(schedule.id, tx.insert_schedule(schedule));
    MF_TRY(const auto policy, tx.find_verification_policy(client.id));
    std::map<int64_t, Debtor> debtors;  // read once per schedule: a big file names the same debtors often
    view.invoices.reserve(input.invoices.size());
    for (size_t row = 0; row < input.invoices.size(); ++row) {
        const auto& line = input.invoices[row];
        auto known = debtors.find(line.debtor_id);
        if (known == debtors.end()) {
            auto loaded = load_debtor(tx, line.debtor_id);
            if (!loaded)
                return row_error(row, loaded.error());
            known = debtors.emplace(line.debtor_id, std::move(loaded).value()).first;
        }
        const Debtor& debtor = known->second;
        Invoice invoice;
        invoice.client_id = client.id;
        invoice.debtor_id = line.debtor_id;
        invoice.schedule_id = schedule.id;
        invoice.number = line.number;
        invoice.currency = line.currency.valid() ? line.currency : client.currency;
        invoice.face_minor = line.face_minor;
        invoice.issue_date = line.issue_date;
        invoice.due_date = line.due_date;
        invoice.review_reasons = line.review_reasons;
        if (auto checked = check_submission(invoice, client, debtor, settings); !checked) {
            return row_error(row, checked.error());
        }
        // The store's unique (client, debtor, number) key finds a number already submitted, earlier in
        // the book or earlier in this schedule, with no lookup of its own.
        auto inserted = tx.insert_invoice(invoice);
        if (!inserted && inserted.error().code == "duplicate_invoice") {
            return row_error(row, make_error("duplicate_invoice",
                                             "invoice number " + line.number + " of debtor " + debtor.name +
                                                 " was already submitted by " + client.name,
                                             "number"));
        }
        MF_TRY(invoice.id, std::move(inserted));
        MF_CHECK(tx.append_audit(audit(actor, settings, "invoice.submit", "invoice", invoice.id,
                                       "submitted on " + format_id(IdKind::schedule, schedule.id) + ": " +
                                           money_text(invoice.face_minor, invoice.currency) + " owed by " +
                                           debtor.name + ", due " + invoice.due_date.to_string())));
        if (invoice.needs_review()) {
            MF_CHECK(tx.append_audit(audit(actor, settings, "invoice.hold", "invoice", invoice.id,
                                           "held for review at intake: " + invoice.review_reasons)));
        }
        MF_TRY(const bool to_verify, apply_verification_policy(tx, policy, invoice));
        if (to_verify) {
            MF_CHECK(tx.append_audit(audit(
                actor, settings, "invoice.verification_required", "invoice", invoice.id,
                "verification pending: the client's policy is " + std::string(to_string(policy->kind)))));
        }
        view.invoices.push_back(std::move(invoice));
    }
    view.schedule = schedule;
    return tx.append_audit(audit(actor, settings, "schedule.submit", "schedule", schedule.id,
                                 std::to_string(input.invoices.size()) + " invoices from " + client.name));
}

Result<std::vector<ScheduleView>> Book::submit_schedules(const Actor& actor,
                                                         const std::vector<NewSchedule>& inputs) {
    if (inputs.empty())
        return make_error("missing_field", "no schedules to submit", "schedules");
    std::vector<ScheduleView> views;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        views.assign(inputs.size(), ScheduleView{});
        for (size_t i = 0; i < inputs.size(); ++i) {
            auto submitted = submit_in_transaction(tx, settings, actor, inputs[i], views[i]);
            if (!submitted && inputs.size() > 1) {
                auto error = submitted.error();
                error.message = "schedule " + std::to_string(i + 1) + ": " + error.message;
                return error;
            }
            MF_CHECK(submitted);
        }
        return ok();
    }));
    return views;
}

Result<ApprovalOutcome> Book::approve_in_transaction(Transaction& tx, const BookSettings& settings,
                                                     const Actor& actor, int64_t invoice_id,
                                                     const std::string& override_reason,
                                                     ApprovalBatch& batch) {
    const bool override_given = !override_reason.empty();
    MF_TRY(auto invoice, load_invoice(tx, invoice_id));
    const Invoice before = invoice;
    MF_CHECK(check_can_approve(invoice, override_given));
    MF_TRY(const Client* client_read, batch.client(tx, invoice.client_id));
    MF_TRY(const Debtor* debtor_read, batch.debtor(tx, invoice.debtor_id));
    const Client& client = *client_read;
    const Debtor& debtor = *debtor_read;
    MF_TRY(auto cross_aged, batch.debtor_cross_aged(tx, debtor.id));
    MF_TRY(const Exposure exposure, batch.exposure(tx, client.id, debtor.id));
    auto breaches = approval_breaches(invoice, client, debtor, cross_aged, exposure);
    // The fraud rules of intake again: another client may have pledged the same invoice since, and an
    // invoice submitted by form or API never went through intake.
    MF_TRY(auto twins, tx.open_invoice_twins(debtor.id, invoice.face_minor, invoice.issue_date));
    if (auto twin =
            double_pledge(twins, debtor, client.id, invoice.id, invoice.face_minor, invoice.issue_date))
        breaches.push_back(std::move(*twin));
    if (auto related = related_party(client, debtor))
        breaches.push_back(std::move(*related));
    ApprovalOutcome outcome;
    outcome.rules = join_rules(breaches);
    outcome.message = join_messages(breaches);
    if (breaches.empty() || override_given) {
        outcome.approved = true;
        outcome.overridden = !breaches.empty() || invoice.needs_review();
        if (outcome.overridden) {
            // the hold is decided: its rules stay in the audit event, the reason on the invoice
            invoice.override_reason = override_reason;
            if (outcome.rules.empty())
                outcome.rules = invoice.review_reasons;
            invoice.review_reasons.clear();
        }
        invoice.state = InvoiceState::approved;
        MF_CHECK(save_invoice(tx, settings, before, invoice));
        invoice.version += 1;
        batch.approved(client.id, debtor.id, invoice.face_minor);
        const std::string detail = outcome.overridden
                                       ? "approved over " + outcome.rules + ": " + outcome.message
                                       : "state submitted -> approved";
        MF_CHECK(tx.append_audit(audit(actor, settings, "invoice.approve", "invoice", invoice.id, detail,
                                       outcome.overridden ? override_reason : "")));
    } else {
        invoice.review_reasons = outcome.rules;
        MF_CHECK(save_invoice(tx, settings, before, invoice));
        invoice.version += 1;
        MF_CHECK(tx.append_audit(audit(actor, settings, "invoice.hold", "invoice", invoice.id,
                                       "held for review: " + outcome.message)));
    }
    outcome.invoice = invoice;
    return outcome;
}

Result<std::vector<ApprovalOutcome>> Book::approve_invoices(const Actor& actor,
                                                            const ApprovalRequest& request) {
    if (request.invoice_ids.empty())
        return make_error("missing_field", "no invoices to approve", "invoice_ids");
    std::vector<ApprovalOutcome> outcomes;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        outcomes.clear();
        ApprovalBatch batch;
        for (const int64_t id : request.invoice_ids) {
            MF_TRY(auto outcome,
                   approve_in_transaction(tx, settings, actor, id, request.override_reason, batch));
            outcomes.push_back(std::move(outcome));
        }
        return ok();
    }));
    return outcomes;
}

Result<std::vector<Invoice>> Book::reject_invoices(const Actor& actor,
                                                   const std::vector<int64_t>& invoice_ids,
                                                   const std::string& reason) {
    if (reason.empty())
        return make_error("missing_field", "a rejection needs a reason", "reason");
    std::vector<Invoice> out;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        out.clear();
        for (const int64_t id : invoice_ids) {
            MF_TRY(auto invoice, load_invoice(tx, id));
            const Invoice before = invoice;
            const auto from = invoice.state;
            MF_TRY(invoice.state, transition(invoice.state, InvoiceAction::reject));
            MF_CHECK(save_invoice(tx, settings, before, invoice));
            invoice.version += 1;
            MF_CHECK(
                tx.append_audit(audit(actor, settings, "invoice.reject", "invoice", invoice.id,
                                      "state " + std::string(to_string(from)) + " -> rejected", reason)));
            out.push_back(invoice);
        }
        return ok();
    }));
    return out;
}

Result<Payout> Book::fund_schedule(const Actor& actor, int64_t schedule_id) {
    MF_TRY(auto payouts, fund_schedules(actor, {schedule_id}));
    MF_ASSERT(payouts.size() == 1);
    return payouts.front();
}

namespace {

// The approved invoices of an open schedule; a schedule with an undecided invoice, or none approved, is
// refused.
Result<std::vector<Invoice>> approved_invoices_to_fund(Transaction& tx, const Schedule& schedule) {
    const std::string name = format_id(IdKind::schedule, schedule.id);
    if (schedule.state != ScheduleState::open) {
        return make_error("invalid_transition", name + " is " + std::string(to_string(schedule.state)) +
                                                    ": it cannot be funded again");
    }
    InvoiceFilter filter;
    filter.schedule_id = schedule.id;
    MF_TRY(auto invoices, tx.list_invoices(filter));
    std::vector<Invoice> approved;
    for (const auto& invoice : invoices) {
        if (invoice.state == InvoiceState::submitted) {
            return make_error("not_approved", "invoice " + invoice.number + " of " + name +
                                                  " is not approved or rejected yet");
        }
        if (invoice.state == InvoiceState::approved)
            approved.push_back(invoice);
    }
    if (approved.empty())
        return make_error("nothing_to_fund", name + " has no approved invoice to fund");
    return approved;
}

// Copies the client's terms onto the invoice, so later edits of the client never rewrite its history.
Status take_terms(Invoice& invoice, const Client& client, Date funded_on) {
    invoice.advance_rate_ppm = client.terms.advance_rate_ppm;
    invoice.fee_schedule = client.terms.fee_schedule;
    invoice.clearance_days = client.terms.clearance_days;
    invoice.recourse = client.terms.recourse;
    invoice.recourse_days = client.terms.recourse_days;
    invoice.funded_on = funded_on;
    MF_TRY(invoice.advance_minor, advance_minor(invoice.face_minor, invoice.advance_rate_ppm));
    return ok();
}

}  // namespace

Result<Payout> Book::fund_in_transaction(Transaction& tx, const BookSettings& settings, const Actor& actor,
                                         int64_t schedule_id) {
    MF_TRY(auto schedule, load_schedule(tx, schedule_id));
    MF_TRY(auto approved, approved_invoices_to_fund(tx, schedule));
    MF_CHECK(check_credit_reviews(tx, settings, approved));
    MF_TRY(auto client, load_client(tx, schedule.client_id));
    MF_TRY(auto figures, client_reserve_figures(tx, client));
    int64_t shortfall = figures.shortfall();
    Payout payout;
    payout.client_id = client.id;
    payout.kind = PayoutKind::advance;
    payout.currency = client.currency;
    payout.paid_on = settings.business_date;
    payout.schedule_id = schedule_id;
    for (auto& invoice : approved) {
        const Invoice before = invoice;
        MF_CHECK(check_can_fund(invoice));
        MF_CHECK(check_notice_for_funding(tx, settings, invoice));
        MF_CHECK(take_terms(invoice, client, settings.business_date));
        const auto split = net_advance(invoice.advance_minor, shortfall);
        shortfall -= split.netted_minor;
        MF_TRY(invoice.state, transition(invoice.state, InvoiceAction::fund));
        MF_CHECK(save_invoice(tx, settings, before, invoice));
        MF_CHECK(tx.append_entry(
            fund_entry(settings.business_date, invoice, invoice.advance_minor, split.netted_minor)));
        std::string detail =
            "state approved -> funded; advance " + money_text(invoice.advance_minor, invoice.currency);
        if (split.netted_minor > 0) {
            detail += ", of which " + money_text(split.netted_minor, invoice.currency) +
                      " netted against the reserve shortfall";
        }
        MF_CHECK(tx.append_audit(audit(actor, settings, "invoice.fund", "invoice", invoice.id, detail)));
        MF_TRY(payout.amount_minor, checked_add(payout.amount_minor, split.paid_minor));
        MF_TRY(payout.netted_minor, checked_add(payout.netted_minor, split.netted_minor));
    }
    MF_TRY(payout.id, tx.insert_payout(payout));
    schedule.state = ScheduleState::funded;
    schedule.payout_id = payout.id;
    MF_CHECK(tx.update_schedule(schedule));
    MF_CHECK(tx.append_audit(audit(actor, settings, "schedule.fund", "schedule", schedule_id,
                                   std::to_string(approved.size()) + " invoices funded; payout " +
                                       format_id(IdKind::payout, payout.id) + " of " +
                                       money_text(payout.amount_minor, payout.currency))));
    return payout;
}

Result<std::vector<Payout>> Book::fund_schedules(const Actor& actor,
                                                 const std::vector<int64_t>& schedule_ids) {
    std::vector<Payout> out;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        out.clear();
        for (const int64_t schedule_id : schedule_ids) {
            MF_TRY(auto payout, fund_in_transaction(tx, settings, actor, schedule_id));
            out.push_back(payout);
        }
        return ok();
    }));
    return out;
}

Result<ScheduleView> Book::schedule(int64_t schedule_id) {
    ScheduleView view;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(view.schedule, load_schedule(tx, schedule_id));
        InvoiceFilter filter;
        filter.schedule_id = schedule_id;
        MF_TRY(view.invoices, tx.list_invoices(filter));
        return ok();
    }));
    return view;
}

Result<std::vector<Schedule>> Book::schedules(std::optional<int64_t> client_id) {
    std::vector<Schedule> out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(out, tx.list_schedules(client_id));
        return ok();
    }));
    return out;
}

Result<Invoice> Book::invoice(int64_t invoice_id) {
    Invoice out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(out, load_invoice(tx, invoice_id));
        return ok();
    }));
    return out;
}

Result<std::vector<Invoice>> Book::invoices(const InvoiceFilter& filter) {
    std::vector<Invoice> out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(out, tx.list_invoices(filter));
        return ok();
    }));
    return out;
}

}  // namespace mf
