// How the sign-in records of store.hpp (users, credentials, idempotent responses) are bound as statement
// parameters and read back, in the column order of the SQL of both stores (record_codec.hpp does parties and
// invoices, cash_codec.hpp the money records). Thread-safety: functions of their arguments only.
#pragma once

#include "store/store.hpp"

namespace mf::codec {

// The columns of a user after its id and before its version, in this order.
#define MF_USER_COLUMNS "email, name, role, client_id, password_hash, active, created_at"

// Every column but the id and the version, which each statement binds where its SQL wants them.
template <class Statement>
void bind_user(Statement& statement, const User& user) {
    statement.bind_text(user.email)
        .bind_text(user.name)
        .bind_text(user.role)
        .bind_id(user.client_id)
        .bind_text(user.password_hash)
        .bind_bool(user.active)
        .bind_text(user.created_at);
}

// Columns: id, MF_USER_COLUMNS, version.
template <class Statement>
Result<User> read_user(Statement& row) {
    User user;
    user.id = row.column_int();
    user.email = row.column_text();
    user.name = row.column_text();
    user.role = row.column_text();
    user.client_id = row.column_id();
    user.password_hash = row.column_text();
    user.active = row.column_bool();
    user.created_at = row.column_text();
    user.version = row.column_int();
    return user;
}

#define MF_CREDENTIAL_COLUMNS "secret_hash, kind, user_id, label, created_at, expires_at"

template <class Statement>
void bind_credential(Statement& statement, const Credential& credential) {
    statement.bind_text(credential.secret_hash)
        .bind_text(credential.kind)
        .bind_int(credential.user_id)
        .bind_text(credential.label)
        .bind_text(credential.created_at)
        .bind_text(credential.expires_at);
}

template <class Statement>
Result<Credential> read_credential(Statement& row) {
    Credential credential;
    credential.secret_hash = row.column_text();
    credential.kind = row.column_text();
    credential.user_id = row.column_int();
    credential.label = row.column_text();
    credential.created_at = row.column_text();
    credential.expires_at = row.column_text();
    return credential;
}

#define MF_IDEMPOTENCY_COLUMNS "actor, key, request_hash, status, response_body, created_at"

template <class Statement>
void bind_idempotency(Statement& statement, const IdempotencyRecord& record) {
    statement.bind_text(record.actor)
        .bind_text(record.key)
        .bind_text(record.request_hash)
        .bind_int(record.status)
        .bind_text(record.response_body)
        .bind_text(record.created_at);
}

template <class Statement>
Result<IdempotencyRecord> read_idempotency(Statement& row) {
    IdempotencyRecord record;
    record.actor = row.column_text();
    record.key = row.column_text();
    record.request_hash = row.column_text();
    record.status = static_cast<int32_t>(row.column_int());
    record.response_body = row.column_text();
    record.created_at = row.column_text();
    return record;
}

// The refusal of a second user with a taken e-mail, the same from both stores.
inline Error email_taken(std::string_view email) {
    return make_error("conflict", "a user with e-mail " + std::string(email) + " exists already", "email");
}

}  // namespace mf::codec
