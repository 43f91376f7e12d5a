// Sign-in records of the SQLite transaction: users, the credentials issued to them (by the hash of their
// secret) and the responses kept for idempotent requests.
#include <fmt/format.h>

#include "store/sqlite/sqlite_transaction.hpp"

namespace mf::sqlite {
namespace {

#define MF_USER_COLUMNS "email, name, role, client_id, password_hash, active, created_at"
constexpr Sql kInsertUser{
    "add user", "INSERT INTO users (" MF_USER_COLUMNS ", version, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"};
constexpr Sql kUpdateUser{"update user",
                          "UPDATE users SET email = ?, name = ?, role = ?, client_id = ?, password_hash = ?, "
                          "active = ?, created_at = ?, version = version + 1 WHERE id = ? AND version = ?"};
constexpr Sql kUserExists{"find user", "SELECT 1 FROM users WHERE id = ?"};
constexpr Sql kEmailTaken{"find user by e-mail", "SELECT id FROM users WHERE email = ? AND id <> ?"};
constexpr Sql kFindUser{"find user", "SELECT id, " MF_USER_COLUMNS ", version FROM users WHERE id = ?"};
constexpr Sql kFindUserByEmail{"find user by e-mail",
                               "SELECT id, " MF_USER_COLUMNS ", version FROM users WHERE email = ?"};
constexpr Sql kListUsers{"list users", "SELECT id, " MF_USER_COLUMNS ", version FROM users ORDER BY id"};
#undef MF_USER_COLUMNS

constexpr Sql kInsertCredential{"issue credential",
                                "INSERT INTO credentials (secret_hash, kind, user_id, label, created_at, "
                                "expires_at) VALUES (?, ?, ?, ?, ?, ?)"};
constexpr Sql kFindCredential{"find credential",
                              "SELECT secret_hash, kind, user_id, label, created_at, expires_at "
                              "FROM credentials WHERE secret_hash = ?"};
constexpr Sql kDeleteCredential{"revoke credential", "DELETE FROM credentials WHERE secret_hash = ?"};
constexpr Sql kDeleteCredentialsOfUser{"revoke credentials of user",
                                       "DELETE FROM credentials WHERE user_id = ? AND kind = ?"};

constexpr Sql kFindIdempotency{"find idempotent response",
                               "SELECT actor, key, request_hash, status, response_body, created_at "
                               "FROM idempotency_keys WHERE actor = ? AND key = ?"};
constexpr Sql kInsertIdempotency{"keep idempotent response",
                                 "INSERT INTO idempotency_keys (actor, key, request_hash, status, "
                                 "response_body, created_at) VALUES (?, ?, ?, ?, ?, ?)"};
constexpr Sql kPurgeIdempotency{"forget old idempotent responses",
                                "DELETE FROM idempotency_keys WHERE created_at < ?"};

void bind_user(Statement& statement, const User& user) {
    statement.bind_text(user.email)
        .bind_text(user.name)
        .bind_text(user.role)
        .bind_id(user.client_id)
        .bind_text(user.password_hash)
        .bind_bool(user.active)
        .bind_text(user.created_at);
}

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

}  // namespace

// The e-mail is checked first so a taken one reads as a conflict naming the field, not a storage error.
static Status check_email_free(Connection& db, const User& user) {
    MF_TRY(auto statement, db.prepare(kEmailTaken));
    MF_TRY(const bool taken, statement.bind_text(user.email).bind_int(user.id).step());
    if (taken)
        return make_error("conflict", fmt::format("a user with e-mail {} exists already", user.email),
                          "email");
    return ok();
}

Result<int64_t> SqliteTransaction::insert_user(const User& user) {
    MF_CHECK(check_email_free(db_, user));
    MF_TRY(auto statement, db_.prepare(kInsertUser));
    bind_user(statement, user);
    MF_CHECK(statement.bind_int(user.version).bind_id(user.id).run());
    return db_.last_insert_id();
}

Status SqliteTransaction::update_user(const User& user) {
    MF_CHECK(check_email_free(db_, user));
    MF_TRY(auto statement, db_.prepare(kUpdateUser));
    bind_user(statement, user);
    MF_CHECK(statement.bind_int(user.id).bind_int(user.version).run());
    return check_versioned_update(kUserExists, user.id, "user");
}

Result<std::optional<User>> SqliteTransaction::find_user(int64_t id) {
    MF_TRY(auto statement, db_.prepare(kFindUser));
    statement.bind_int(id);
    return first_row<User>(statement, read_user);
}

Result<std::optional<User>> SqliteTransaction::find_user_by_email(std::string_view email) {
    MF_TRY(auto statement, db_.prepare(kFindUserByEmail));
    statement.bind_text(email);
    return first_row<User>(statement, read_user);
}

Result<std::vector<User>> SqliteTransaction::list_users() {
    MF_TRY(auto statement, db_.prepare(kListUsers));
    return collect_rows<User>(statement, read_user);
}

Status SqliteTransaction::insert_credential(const Credential& credential) {
    MF_TRY(auto statement, db_.prepare(kInsertCredential));
    statement.bind_text(credential.secret_hash)
        .bind_text(credential.kind)
        .bind_int(credential.user_id)
        .bind_text(credential.label)
        .bind_text(credential.created_at)
        .bind_text(credential.expires_at);
    return statement.run();
}

Result<std::optional<Credential>> SqliteTransaction::find_credential(std::string_view secret_hash) {
    MF_TRY(auto statement, db_.prepare(kFindCredential));
    statement.bind_text(secret_hash);
    return first_row<Credential>(statement, read_credential);
}

Status SqliteTransaction::delete_credential(std::string_view secret_hash) {
    MF_TRY(auto statement, db_.prepare(kDeleteCredential));
    return statement.bind_text(secret_hash).run();
}

Result<int64_t> SqliteTransaction::delete_credentials_of_user(int64_t user_id, std::string_view kind) {
    MF_TRY(auto statement, db_.prepare(kDeleteCredentialsOfUser));
    MF_CHECK(statement.bind_int(user_id).bind_text(kind).run());
    return db_.changes();
}

Result<std::optional<IdempotencyRecord>> SqliteTransaction::find_idempotency(std::string_view actor,
                                                                             std::string_view key) {
    MF_TRY(auto statement, db_.prepare(kFindIdempotency));
    statement.bind_text(actor).bind_text(key);
    return first_row<IdempotencyRecord>(statement, read_idempotency);
}

Status SqliteTransaction::insert_idempotency(const IdempotencyRecord& record) {
    MF_TRY(auto statement, db_.prepare(kInsertIdempotency));
    statement.bind_text(record.actor)
        .bind_text(record.key)
        .bind_text(record.request_hash)
        .bind_int(record.status)
        .bind_text(record.response_body)
        .bind_text(record.created_at);
    return statement.run();
}

Result<int64_t> SqliteTransaction::purge_idempotency(std::string_view created_before) {
    MF_TRY(auto statement, db_.prepare(kPurgeIdempotency));
    MF_CHECK(statement.bind_text(created_before).run());
    return db_.changes();
}

}  // namespace mf::sqlite
