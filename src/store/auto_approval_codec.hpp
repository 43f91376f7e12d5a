// How the auto-approval records of store.hpp (rules, decisions) are bound and read back, in the column order
// of the SQL of both stores. Written once for the SQLite and PostgreSQL statement types. Thread-safety:
// functions of their arguments.
#pragma once

#include "core/auto_approval.hpp"
#include "store/store.hpp"

namespace mf::codec {

// Columns: client_id, mode, invoice_max_minor, schedule_max_minor, updated_at, updated_by
template <class Statement>
void bind_auto_approval_rules(Statement& statement, const AutoApprovalRules& rules) {
    statement.bind_int(rules.client_id)
        .bind_text(to_string(rules.mode))
        .bind_optional_id(rules.invoice_max_minor)
        .bind_optional_id(rules.schedule_max_minor)
        .bind_text(rules.updated_at)
        .bind_text(rules.updated_by);
}

template <class Statement>
Result<AutoApprovalRules> read_auto_approval_rules(Statement& row) {
    AutoApprovalRules rules;
    rules.client_id = row.column_int();
    MF_TRY(rules.mode, parse_auto_approval_mode(row.column_text()));
    rules.invoice_max_minor = row.column_optional_id();
    rules.schedule_max_minor = row.column_optional_id();
    rules.updated_at = row.column_text();
    rules.updated_by = row.column_text();
    return rules;
}

// Columns (after id): schedule_id, client_id, at, business_date, requested_by, occasion, approved,
// failed_rule, checks, payout_id. Text is bound without a copy, so the caller keeps the checks' encoding
// (encode_checks) alive until the statement has run.
template <class Statement>
void bind_auto_approval_decision(Statement& statement, const AutoApprovalDecision& decision,
                                 const std::string& encoded_checks) {
    statement.bind_int(decision.schedule_id)
        .bind_int(decision.client_id)
        .bind_text(decision.at)
        .bind_date(decision.business_date)
        .bind_text(decision.requested_by)
        .bind_text(to_string(decision.trigger))
        .bind_bool(decision.approved)
        .bind_text(decision.failed_rule)
        .bind_text(encoded_checks)
        .bind_id(decision.payout_id);
}

template <class Statement>
Result<AutoApprovalDecision> read_auto_approval_decision(Statement& row) {
    AutoApprovalDecision decision;
    decision.id = row.column_int();
    decision.schedule_id = row.column_int();
    decision.client_id = row.column_int();
    decision.at = row.column_text();
    MF_TRY(decision.business_date, row.column_date());
    decision.requested_by = row.column_text();
    MF_TRY(decision.trigger, parse_auto_approval_trigger(row.column_text()));
    decision.approved = row.column_bool();
    decision.failed_rule = row.column_text();
    MF_TRY(decision.checks, decode_checks(row.column_text()));
    decision.payout_id = row.column_id();
    return decision;
}

}  // namespace mf::codec
