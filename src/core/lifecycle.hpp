// The invoice state machine of ACCOUNTING.md: which transitions exist and what each needs. Only the listed
// transitions exist; a forbidden one is an "invalid_transition" error naming both states. Pure; thread-safe.
#pragma once

#include <string_view>

#include "core/error.hpp"
#include "core/model.hpp"

namespace mf {

enum class InvoiceAction { approve, reject, fund, close, charge_back, write_off };

std::string_view to_string(InvoiceAction action);
// The state an action leads to from `from`, or invalid_transition.
Result<InvoiceState> transition(InvoiceState from, InvoiceAction action);

// Actions that also depend on the flags and the amounts (approve while held, fund unverified, ...).
Status check_can_approve(const Invoice& invoice, bool override_given);
Status check_can_fund(const Invoice& invoice);
Status check_can_collect(const Invoice& invoice);  // a receipt applied to its purchased receivable
Status check_can_dispute(const Invoice& invoice);
Status check_can_resolve_dispute(const Invoice& invoice);
Status check_can_charge_back(const Invoice& invoice);
Status check_can_write_off(const Invoice& invoice);

// A funded invoice with a due date before the business date is overdue.
bool is_overdue(const Invoice& invoice, Date business_date);

}  // namespace mf
