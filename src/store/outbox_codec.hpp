// How outbox mails (core/outbox.hpp) are bound and read back, in the column order of the SQL of both stores.
// Written once for the SQLite and PostgreSQL statement types. Thread-safety: functions of their arguments.
#pragma once

#include "core/outbox.hpp"
#include "store/store.hpp"

namespace mf::codec {

// The columns after id, in the order of bind_mail and read_mail.
#define MF_OUTBOX_COLUMNS                                                                                  \
    "created_at, kind, event, entity_type, entity_id, recipient_type, recipient_id, recipients, subject, " \
    "body, secret_url, state, attempts, next_attempt_at, last_attempt_at, last_error, delivered_at"

template <class Statement>
void bind_mail(Statement& statement, const OutboxMail& mail) {
    statement.bind_text(mail.created_at)
        .bind_text(mail.kind)
        .bind_text(mail.event)
        .bind_text(mail.entity_type)
        .bind_int(mail.entity_id)
        .bind_text(mail.recipient_type)
        .bind_int(mail.recipient_id)
        .bind_text(mail.recipients)
        .bind_text(mail.subject)
        .bind_text(mail.body)
        .bind_text(mail.secret_url)
        .bind_text(to_string(mail.state))
        .bind_int(mail.attempts)
        .bind_text(mail.next_attempt_at)
        .bind_text(mail.last_attempt_at)
        .bind_text(mail.last_error)
        .bind_text(mail.delivered_at);
}

// The changing fields, then the id: the SET list of update_mail.
template <class Statement>
void bind_mail_delivery(Statement& statement, const OutboxMail& mail) {
    statement.bind_text(mail.recipients)
        .bind_text(mail.secret_url)
        .bind_text(to_string(mail.state))
        .bind_int(mail.attempts)
        .bind_text(mail.next_attempt_at)
        .bind_text(mail.last_attempt_at)
        .bind_text(mail.last_error)
        .bind_text(mail.delivered_at)
        .bind_int(mail.id);
}

template <class Statement>
Result<OutboxMail> read_mail(Statement& row) {
    OutboxMail mail;
    mail.id = row.column_int();
    mail.created_at = row.column_text();
    mail.kind = row.column_text();
    mail.event = row.column_text();
    mail.entity_type = row.column_text();
    mail.entity_id = row.column_int();
    mail.recipient_type = row.column_text();
    mail.recipient_id = row.column_int();
    mail.recipients = row.column_text();
    mail.subject = row.column_text();
    mail.body = row.column_text();
    mail.secret_url = row.column_text();
    MF_TRY(mail.state, parse_mail_state(row.column_text()));
    mail.attempts = row.column_int();
    mail.next_attempt_at = row.column_text();
    mail.last_attempt_at = row.column_text();
    mail.last_error = row.column_text();
    mail.delivered_at = row.column_text();
    return mail;
}

// A list's limit for SQL: 0 (no limit) as the largest count.
inline int64_t sql_limit(int64_t limit) {
    return limit > 0 ? limit : INT64_MAX;
}

}  // namespace mf::codec
