// Sign-in records of the PostgreSQL transaction: users, the credentials issued to them (by the hash of their
// secret), the responses kept for idempotent requests, and named exclusive locks.
#include "store/access_codec.hpp"
#include "store/postgres/pg_transaction.hpp"
#include "store/queries.hpp"

namespace mf::pg {
using namespace codec;
namespace {

constexpr Sql kInsertUser{"add user", "INSERT INTO users (" MF_USER_COLUMNS
                                      ", version, id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, " MF_NEXT_ID(
                                          "users", "$9") ") RETURNING id"};
constexpr Sql kUpdateUser{
    "update user",
    "UPDATE users SET email = $1, name = $2, role = $3, client_id = $4, password_hash = $5, "
    "active = $6, created_at = $7, version = version + 1 WHERE id = $8 AND version = $9"};
constexpr Sql kUserExists{"find user", "SELECT 1 FROM users WHERE id = $1"};
constexpr Sql kEmailTaken{"find user by e-mail", "SELECT id FROM users WHERE email = $1 AND id <> $2"};
constexpr Sql kFindUser{"find user", "SELECT id, " MF_USER_COLUMNS ", version FROM users WHERE id = $1"};
constexpr Sql kFindUserByEmail{"find user by e-mail",
                               "SELECT id, " MF_USER_COLUMNS ", version FROM users WHERE email = $1"};
constexpr Sql kListUsers{"list users", "SELECT id, " MF_USER_COLUMNS ", version FROM users ORDER BY id"};

constexpr Sql kInsertCredential{"issue credential", "INSERT INTO credentials (" MF_CREDENTIAL_COLUMNS
                                                    ") VALUES ($1, $2, $3, $4, $5, $6)"};
constexpr Sql kFindCredential{"find credential",
                              "SELECT " MF_CREDENTIAL_COLUMNS " FROM credentials WHERE secret_hash = $1"};
constexpr Sql kDeleteCredential{"revoke credential", "DELETE FROM credentials WHERE secret_hash = $1"};
constexpr Sql kDeleteCredentialsOfUser{"revoke credentials of user",
                                       "DELETE FROM credentials WHERE user_id = $1 AND kind = $2"};

constexpr Sql kFindIdempotency{"find idempotent response",
                               "SELECT " MF_IDEMPOTENCY_COLUMNS
                               " FROM idempotency_keys WHERE actor = $1 AND key = $2"};
constexpr Sql kInsertIdempotency{"keep idempotent response",
                                 "INSERT INTO idempotency_keys (" MF_IDEMPOTENCY_COLUMNS
                                 ") VALUES ($1, $2, $3, $4, $5, $6)"};
constexpr Sql kLockExclusive{"take an exclusive lock", "SELECT pg_advisory_xact_lock(hashtext($1))"};

constexpr Sql kPurgeIdempotency{"forget old idempotent responses",
                                "DELETE FROM idempotency_keys WHERE created_at < $1"};
constexpr Sql kForgetSignInFailures{"forget old failed sign-ins",
                                    "DELETE FROM sign_in_failures WHERE at <= $1"};
constexpr Sql kInsertSignInFailure{"record failed sign-in",
                                   "INSERT INTO sign_in_failures (key_hash, at) VALUES ($1, $2)"};
constexpr Sql kCountSignInFailures{"count failed sign-ins",
                                   "SELECT COUNT(*) FROM sign_in_failures WHERE key_hash = $1 AND at > $2"};

// The e-mail is checked first so a taken one reads as a conflict naming the field, not a storage error.
Status check_email_free(Connection& db, const User& user) {
    MF_TRY(const auto taken, query::first<int64_t>(db, kEmailTaken, read_int<Statement>,
                                                   std::string_view(user.email), user.id));
    if (taken)
        return email_taken(user.email);
    return ok();
}

// A user added at once by another transaction with the same e-mail is refused by the unique index: the same
// conflict as one found by the check.
template <class T>
Result<T> email_conflict_or(Result<T> result, const Statement& statement, const User& user) {
    if (!result && statement.failed_state() == kUniqueViolation)
        return email_taken(user.email);
    return result;
}

}  // namespace

Result<int64_t> PgTransaction::insert_user(const User& user) {
    MF_CHECK(check_email_free(db_, user));
    MF_TRY(auto statement, db_.prepare(kInsertUser));
    bind_user(statement, user);
    statement.bind_int(user.version).bind_id(user.id);
    auto id = returned_id(statement);
    return email_conflict_or(std::move(id), statement, user);
}

Status PgTransaction::update_user(const User& user) {
    MF_CHECK(check_email_free(db_, user));
    MF_TRY(auto statement, db_.prepare(kUpdateUser));
    bind_user(statement, user);
    MF_CHECK(email_conflict_or(statement.bind_int(user.id).bind_int(user.version).run(), statement, user));
    return check_versioned_update(statement, kUserExists, user.id, "user");
}

Result<std::optional<User>> PgTransaction::find_user(int64_t id) {
    return query::first<User>(db_, kFindUser, read_user<Statement>, id);
}

Result<std::optional<User>> PgTransaction::find_user_by_email(std::string_view email) {
    return query::first<User>(db_, kFindUserByEmail, read_user<Statement>, email);
}

Result<std::vector<User>> PgTransaction::list_users() {
    return query::rows<User>(db_, kListUsers, read_user<Statement>);
}

Status PgTransaction::insert_credential(const Credential& credential) {
    MF_TRY(auto statement, db_.prepare(kInsertCredential));
    bind_credential(statement, credential);
    return statement.run();
}

Result<std::optional<Credential>> PgTransaction::find_credential(std::string_view secret_hash) {
    return query::first<Credential>(db_, kFindCredential, read_credential<Statement>, secret_hash);
}

Status PgTransaction::delete_credential(std::string_view secret_hash) {
    return query::execute(db_, kDeleteCredential, secret_hash);
}

Result<int64_t> PgTransaction::delete_credentials_of_user(int64_t user_id, std::string_view kind) {
    MF_TRY(auto statement, db_.prepare(kDeleteCredentialsOfUser));
    MF_CHECK(statement.bind_int(user_id).bind_text(kind).run());
    return statement.changed_rows();
}

Result<std::optional<IdempotencyRecord>> PgTransaction::find_idempotency(std::string_view actor,
                                                                         std::string_view key) {
    return query::first<IdempotencyRecord>(db_, kFindIdempotency, read_idempotency<Statement>, actor, key);
}

Status PgTransaction::insert_idempotency(const IdempotencyRecord& record) {
    MF_TRY(auto statement, db_.prepare(kInsertIdempotency));
    bind_idempotency(statement, record);
    return statement.run();
}

Result<int64_t> PgTransaction::purge_idempotency(std::string_view created_before) {
    MF_TRY(auto statement, db_.prepare(kPurgeIdempotency));
    MF_CHECK(statement.bind_text(created_before).run());
    return statement.changed_rows();
}

Status PgTransaction::record_sign_in_failure(std::string_view key_hash, int64_t at, int64_t forget_through) {
    MF_CHECK(query::execute(db_, kForgetSignInFailures, forget_through));
    return query::execute(db_, kInsertSignInFailure, key_hash, at);
}

Result<int64_t> PgTransaction::count_sign_in_failures(std::string_view key_hash, int64_t after) {
    return query::aggregate(db_, kCountSignInFailures, key_hash, after);
}

Status PgTransaction::lock_exclusive(std::string_view name) {
    return query::execute(db_, kLockExclusive, name);
}

}  // namespace mf::pg
