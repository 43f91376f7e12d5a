// Sign-in records of the SQLite transaction: users, the credentials issued to them (by the hash of their
// secret) and the responses kept for idempotent requests.
#include "store/access_codec.hpp"
#include "store/queries.hpp"
#include "store/sqlite/sqlite_transaction.hpp"

namespace mf::sqlite {
using namespace codec;
namespace {

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

constexpr Sql kInsertCredential{
    "issue credential", "INSERT INTO credentials (" MF_CREDENTIAL_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?)"};
constexpr Sql kFindCredential{"find credential",
                              "SELECT " MF_CREDENTIAL_COLUMNS " FROM credentials WHERE secret_hash = ?"};
constexpr Sql kDeleteCredential{"revoke credential", "DELETE FROM credentials WHERE secret_hash = ?"};
constexpr Sql kDeleteCredentialsOfUser{"revoke credentials of user",
                                       "DELETE FROM credentials WHERE user_id = ? AND kind = ?"};

constexpr Sql kFindIdempotency{"find idempotent response",
                               "SELECT " MF_IDEMPOTENCY_COLUMNS
                               " FROM idempotency_keys WHERE actor = ? AND key = ?"};
constexpr Sql kInsertIdempotency{"keep idempotent response",
                                 "INSERT INTO idempotency_keys (" MF_IDEMPOTENCY_COLUMNS
                                 ") VALUES (?, ?, ?, ?, ?, ?)"};
constexpr Sql kPurgeIdempotency{"forget old idempotent responses",
                                "DELETE FROM idempotency_keys WHERE created_at < ?"};

constexpr Sql kForgetSignInFailures{"forget old failed sign-ins",
                                    "DELETE FROM sign_in_failures WHERE at <= ?"};
constexpr Sql kInsertSignInFailure{"record failed sign-in",
                                   "INSERT INTO sign_in_failures (key_hash, at) VALUES (?, ?)"};
constexpr Sql kCountSignInFailures{"count failed sign-ins",
                                   "SELECT COUNT(*) FROM sign_in_failures WHERE key_hash = ? AND at > ?"};

// The e-mail is checked first so a taken one reads as a conflict naming the field, not a storage error.
Status check_email_free(Connection& db, const User& user) {
    MF_TRY(const auto taken, query::first<int64_t>(db, kEmailTaken, read_int<Statement>,
                                                   std::string_view(user.email), user.id));
    if (taken)
        return email_taken(user.email);
    return ok();
}

}  // namespace

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
    return query::first<User>(db_, kFindUser, read_user<Statement>, id);
}

Result<std::optional<User>> SqliteTransaction::find_user_by_email(std::string_view email) {
    return query::first<User>(db_, kFindUserByEmail, read_user<Statement>, email);
}

Result<std::vector<User>> SqliteTransaction::list_users() {
    return query::rows<User>(db_, kListUsers, read_user<Statement>);
}

Status SqliteTransaction::insert_credential(const Credential& credential) {
    MF_TRY(auto statement, db_.prepare(kInsertCredential));
    bind_credential(statement, credential);
    return statement.run();
}

Result<std::optional<Credential>> SqliteTransaction::find_credential(std::string_view secret_hash) {
    return query::first<Credential>(db_, kFindCredential, read_credential<Statement>, secret_hash);
}

Status SqliteTransaction::delete_credential(std::string_view secret_hash) {
    return query::execute(db_, kDeleteCredential, secret_hash);
}

Result<int64_t> SqliteTransaction::delete_credentials_of_user(int64_t user_id, std::string_view kind) {
    MF_CHECK(query::execute(db_, kDeleteCredentialsOfUser, user_id, kind));
    return db_.changes();
}

Result<std::optional<IdempotencyRecord>> SqliteTransaction::find_idempotency(std::string_view actor,
                                                                             std::string_view key) {
    return query::first<IdempotencyRecord>(db_, kFindIdempotency, read_idempotency<Statement>, actor, key);
}

Status SqliteTransaction::insert_idempotency(const IdempotencyRecord& record) {
    MF_TRY(auto statement, db_.prepare(kInsertIdempotency));
    bind_idempotency(statement, record);
    return statement.run();
}

Result<int64_t> SqliteTransaction::purge_idempotency(std::string_view created_before) {
    MF_CHECK(query::execute(db_, kPurgeIdempotency, created_before));
    return db_.changes();
}

Status SqliteTransaction::record_sign_in_failure(std::string_view key_hash, int64_t at,
                                                 int64_t forget_through) {
    MF_CHECK(query::execute(db_, kForgetSignInFailures, forget_through));
    return query::execute(db_, kInsertSignInFailure, key_hash, at);
}

Result<int64_t> SqliteTransaction::count_sign_in_failures(std::string_view key_hash, int64_t after) {
    return query::aggregate(db_, kCountSignInFailures, key_hash, after);
}

}  // namespace mf::sqlite
