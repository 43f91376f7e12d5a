#include "core/lifecycle.hpp"

#include <string>

namespace mf {
namespace {

struct Transition {
    InvoiceState from;
    InvoiceAction action;
    InvoiceState to;
};

constexpr Transition kTransitions[] = {
    {InvoiceState::submitted, InvoiceAction::approve, InvoiceState::approved},
    {InvoiceState::submitted, InvoiceAction::reject, InvoiceState::rejected},
    {InvoiceState::approved, InvoiceAction::reject, InvoiceState::rejected},
    {InvoiceState::approved, InvoiceAction::fund, InvoiceState::funded},
    {InvoiceState::funded, InvoiceAction::close, InvoiceState::closed},
    {InvoiceState::funded, InvoiceAction::charge_back, InvoiceState::charged_back},
    {InvoiceState::funded, InvoiceAction::write_off, InvoiceState::written_off},
};

Error state_error(const Invoice& invoice, std::string_view what) {
    return make_error("invalid_transition", "invoice " + invoice.number + " is " +
                                                std::string(to_string(invoice.state)) + ": cannot " +
                                                std::string(what));
}

}  // namespace

std::string_view to_string(InvoiceAction action) {
    switch (action) {
        case InvoiceAction::approve:
            return "approve";
        case InvoiceAction::reject:
            return "reject";
        case InvoiceAction::fund:
            return "fund";
        case InvoiceAction::close:
            return "close";
        case InvoiceAction::charge_back:
            return "charge back";
        case InvoiceAction::write_off:
            return "write off";
    }
    MF_ASSERT(false);
}

Result<InvoiceState> transition(InvoiceState from, InvoiceAction action) {
    for (const auto& t : kTransitions) {
        if (t.from == from && t.action == action)
            return t.to;
    }
    return make_error("invalid_transition", "an invoice that is " + std::string(to_string(from)) +
                                                " cannot " + std::string(to_string(action)));
}

static Status check_transition(const Invoice& invoice, InvoiceAction action) {
    if (transition(invoice.state, action))
        return ok();
    return state_error(invoice, to_string(action));
}

Status check_can_approve(const Invoice& invoice, bool override_given) {
    MF_CHECK(check_transition(invoice, InvoiceAction::approve));
    if (invoice.verification == Verification::failed) {
        return make_error("verification_failed", "invoice " + invoice.number + " failed verification");
    }
    if (invoice.verification == Verification::pending) {
        return make_error("verification_required",
                          "invoice " + invoice.number + " waits for verification with its debtor");
    }
    if (invoice.needs_review() && !override_given) {
        return make_error("needs_review", "invoice " + invoice.number + " is held for review (" +
                                              invoice.review_reasons +
                                              "): approving it needs an override reason");
    }
    return ok();
}

Status check_can_fund(const Invoice& invoice) {
    MF_CHECK(check_transition(invoice, InvoiceAction::fund));
    if (invoice.verification == Verification::pending || invoice.verification == Verification::failed) {
        return make_error("verification_required", "invoice " + invoice.number + " is not verified (" +
                                                       std::string(to_string(invoice.verification)) + ")");
    }
    if (invoice.disputed)
        return make_error("disputed", "invoice " + invoice.number + " is disputed");
    return ok();
}

Status check_can_collect(const Invoice& invoice) {
    if (invoice.state != InvoiceState::funded)
        return state_error(invoice, "apply a payment to it");
    MF_ASSERT(invoice.outstanding_minor() > 0);
    return ok();
}

Status check_can_dispute(const Invoice& invoice) {
    if (invoice.state != InvoiceState::funded && invoice.state != InvoiceState::approved &&
        invoice.state != InvoiceState::submitted) {
        return state_error(invoice, "dispute it");
    }
    if (invoice.disputed)
        return make_error("conflict", "invoice " + invoice.number + " is already disputed");
    return ok();
}

Status check_can_resolve_dispute(const Invoice& invoice) {
    if (!invoice.disputed)
        return make_error("conflict", "invoice " + invoice.number + " is not disputed");
    return ok();
}

Status check_can_charge_back(const Invoice& invoice) {
    MF_CHECK(check_transition(invoice, InvoiceAction::charge_back));
    if (invoice.recourse != RecourseKind::recourse) {
        return make_error("non_recourse", "invoice " + invoice.number +
                                              " was bought without recourse: the credit loss is written off");
    }
    return ok();
}

Status check_can_write_off(const Invoice& invoice) {
    MF_CHECK(check_transition(invoice, InvoiceAction::write_off));
    if (invoice.recourse != RecourseKind::non_recourse) {
        return make_error("recourse", "invoice " + invoice.number +
                                          " was bought with recourse: charge it back to the client instead");
    }
    if (invoice.disputed) {
        return make_error("disputed",
                          "invoice " + invoice.number +
                              " is disputed: a dispute stays with the client (resolve it as dilution)");
    }
    return ok();
}

bool is_overdue(const Invoice& invoice, Date business_date) {
    return invoice.state == InvoiceState::funded && invoice.due_date < business_date;
}

}  // namespace mf
