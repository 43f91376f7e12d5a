// How the verification records of store.hpp (policies, the verification log, debtor links, notices of
// assignment, the NOA work queue) are bound and read back, in the column order of the SQL of both stores.
// Written once for the SQLite and PostgreSQL statement types. Thread-safety: functions of their arguments.
#pragma once

#include "core/verification.hpp"
#include "store/store.hpp"

namespace mf::codec {

// Columns: client_id, kind, threshold_minor, sample_ppm, updated_at, updated_by
template <class Statement>
void bind_policy(Statement& statement, const VerificationPolicy& policy) {
    statement.bind_int(policy.client_id)
        .bind_text(to_string(policy.kind))
        .bind_int(policy.threshold_minor)
        .bind_int(policy.sample_ppm)
        .bind_text(policy.updated_at)
        .bind_text(policy.updated_by);
}

template <class Statement>
Result<VerificationPolicy> read_policy(Statement& row) {
    VerificationPolicy policy;
    policy.client_id = row.column_int();
    MF_TRY(policy.kind, parse_verification_policy_kind(row.column_text()));
    policy.threshold_minor = row.column_int();
    policy.sample_ppm = row.column_int();
    policy.updated_at = row.column_text();
    policy.updated_by = row.column_text();
    return policy;
}

// Columns (after id): invoice_id, client_id, debtor_id, at, business_date, actor, channel, contact, outcome,
// delivered, amount_correct, no_offsets, notes, link_id
template <class Statement>
void bind_verification_record(Statement& statement, const VerificationRecord& record) {
    statement.bind_int(record.invoice_id)
        .bind_int(record.client_id)
        .bind_int(record.debtor_id)
        .bind_text(record.at)
        .bind_date(record.business_date)
        .bind_text(record.actor)
        .bind_text(record.channel)
        .bind_text(record.contact)
        .bind_text(record.outcome)
        .bind_bool(record.delivered)
        .bind_bool(record.amount_correct)
        .bind_bool(record.no_offsets)
        .bind_text(record.notes)
        .bind_int(record.link_id);
}

template <class Statement>
Result<VerificationRecord> read_verification_record(Statement& row) {
    VerificationRecord record;
    record.id = row.column_int();
    record.invoice_id = row.column_int();
    record.client_id = row.column_int();
    record.debtor_id = row.column_int();
    record.at = row.column_text();
    MF_TRY(record.business_date, row.column_date());
    record.actor = row.column_text();
    record.channel = row.column_text();
    record.contact = row.column_text();
    record.outcome = row.column_text();
    record.delivered = row.column_bool();
    record.amount_correct = row.column_bool();
    record.no_offsets = row.column_bool();
    record.notes = row.column_text();
    record.link_id = row.column_int();
    return record;
}

// Columns (after id): token_hash, purpose, invoice_id, client_id, debtor_id, created_at, created_by,
// expires_at, used_at
template <class Statement>
void bind_debtor_link(Statement& statement, const DebtorLink& link) {
    statement.bind_text(link.token_hash)
        .bind_text(link.purpose)
        .bind_int(link.invoice_id)
        .bind_int(link.client_id)
        .bind_int(link.debtor_id)
        .bind_text(link.created_at)
        .bind_text(link.created_by)
        .bind_text(link.expires_at)
        .bind_text(link.used_at);
}

template <class Statement>
Result<DebtorLink> read_debtor_link(Statement& row) {
    DebtorLink link;
    link.id = row.column_int();
    link.token_hash = row.column_text();
    link.purpose = row.column_text();
    link.invoice_id = row.column_int();
    link.client_id = row.column_int();
    link.debtor_id = row.column_int();
    link.created_at = row.column_text();
    link.created_by = row.column_text();
    link.expires_at = row.column_text();
    link.used_at = row.column_text();
    return link;
}

// Columns: client_id, debtor_id, sent_on, method, acknowledged_on, updated_at, updated_by
template <class Statement>
void bind_notice(Statement& statement, const NoticeStatus& notice) {
    statement.bind_int(notice.client_id)
        .bind_int(notice.debtor_id)
        .bind_optional_date(notice.sent_on)
        .bind_text(notice.method)
        .bind_optional_date(notice.acknowledged_on)
        .bind_text(notice.updated_at)
        .bind_text(notice.updated_by);
}

template <class Statement>
Result<NoticeStatus> read_notice(Statement& row) {
    NoticeStatus notice;
    notice.client_id = row.column_int();
    notice.debtor_id = row.column_int();
    MF_TRY(notice.sent_on, row.column_optional_date());
    notice.method = row.column_text();
    MF_TRY(notice.acknowledged_on, row.column_optional_date());
    notice.updated_at = row.column_text();
    notice.updated_by = row.column_text();
    return notice;
}

// Columns: client_id, debtor_id, currency, funded_invoices, outstanding_face_minor
template <class Statement>
Result<NoaQueueRow> read_noa_queue_row(Statement& row) {
    NoaQueueRow out;
    out.client_id = row.column_int();
    out.debtor_id = row.column_int();
    MF_TRY(out.currency, row.column_currency());
    out.funded_invoices = row.column_int();
    out.outstanding_face_minor = row.column_int();
    return out;
}

}  // namespace mf::codec
