// Users, credentials and idempotent responses in the SQLite store: round trips, unique e-mails, the client
// binding, revocation and purging.
#include <gtest/gtest.h>

#include "sqlite_test_support.hpp"

namespace mf::testing {
namespace {

class SqliteAccess : public BookTest {
  protected:
    User user(std::string email, std::string role = "admin") {
        User out;
        out.email = std::move(email);
        out.name = "A Person";
        out.role = std::move(role);
        out.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
        out.created_at = "2026-11-22T10:00:00Z";
        return out;
    }
};

TEST_F(SqliteAccess, UsersRoundTripAndEmailsAreUnique) {
    write([&](Transaction& tx) -> Status {
        MF_TRY(const int64_t id, tx.insert_user(user("ann@factor.example")));
        MF_TRY(auto found, tx.find_user_by_email("ann@factor.example"));
        EXPECT_TRUE(found.has_value());
        EXPECT_EQ(found->id, id);
        EXPECT_EQ(found->role, "admin");
        EXPECT_EQ(found->client_id, 0);
        EXPECT_TRUE(found->active);
        auto again = tx.insert_user(user("ann@factor.example"));
        EXPECT_FALSE(again);
        EXPECT_EQ(again.error().code, "conflict");
        EXPECT_EQ(again.error().field, "email");

        User changed = *found;
        changed.active = false;
        MF_CHECK(tx.update_user(changed));
        auto stale = tx.update_user(changed);
        EXPECT_EQ(stale.error().code, "conflict");
        MF_TRY(auto reread, tx.find_user(id));
        EXPECT_FALSE(reread->active);
        EXPECT_EQ(reread->version, 1);
        return ok();
    });
}

TEST_F(SqliteAccess, AClientUserMustNameItsClientAndOnlyIt) {
    write([&](Transaction& tx) -> Status {
        EXPECT_FALSE(tx.insert_user(user("nobody@client.example", "client")));
        User staff = user("staff@factor.example", "viewer");
        staff.client_id = 99;
        EXPECT_FALSE(tx.insert_user(staff));
        EXPECT_FALSE(tx.insert_user(user("who@factor.example", "superuser")));
        return ok();
    });
}

TEST_F(SqliteAccess, CredentialsAreFoundByHashAndRevoked) {
    write([&](Transaction& tx) -> Status {
        MF_TRY(const int64_t id, tx.insert_user(user("ann@factor.example")));
        MF_CHECK(tx.insert_credential(
            {"aa11", "session", id, "browser", "2026-11-22T10:00:00Z", "2026-11-22T22:00:00Z"}));
        MF_CHECK(tx.insert_credential(
            {"bb22", "session", id, "phone", "2026-11-22T10:00:00Z", "2026-11-22T22:00:00Z"}));
        MF_CHECK(tx.insert_credential({"cc33", "api_key", id, "bank sync", "2026-11-22T10:00:00Z", ""}));
        MF_TRY(auto found, tx.find_credential("aa11"));
        EXPECT_EQ(found->user_id, id);
        EXPECT_EQ(found->expires_at, "2026-11-22T22:00:00Z");
        MF_CHECK(tx.delete_credential("aa11"));
        MF_TRY(auto gone, tx.find_credential("aa11"));
        EXPECT_FALSE(gone.has_value());
        MF_TRY(const int64_t sessions, tx.delete_credentials_of_user(id, "session"));
        EXPECT_EQ(sessions, 1);
        MF_TRY(auto key, tx.find_credential("cc33"));
        EXPECT_TRUE(key.has_value());
        return ok();
    });
}

TEST_F(SqliteAccess, IdempotentResponsesAreKeptPerActorAndPurgedByAge) {
    write([&](Transaction& tx) -> Status {
        MF_CHECK(tx.insert_idempotency({"api:usr_1", "k1", "h1", 201, "{\"id\":1}", "2026-11-20T10:00:00Z"}));
        MF_CHECK(tx.insert_idempotency({"api:usr_2", "k1", "h2", 200, "{}", "2026-11-22T10:00:00Z"}));
        EXPECT_FALSE(tx.insert_idempotency({"api:usr_1", "k1", "h1", 201, "{}", "2026-11-22T10:00:00Z"}));
        MF_TRY(auto first, tx.find_idempotency("api:usr_1", "k1"));
        EXPECT_EQ(first->status, 201);
        EXPECT_EQ(first->response_body, "{\"id\":1}");
        MF_TRY(const int64_t purged, tx.purge_idempotency("2026-11-21T10:00:00Z"));
        EXPECT_EQ(purged, 1);
        MF_TRY(auto other, tx.find_idempotency("api:usr_2", "k1"));
        EXPECT_TRUE(other.has_value());
        return ok();
    });
}

}  // namespace
}  // namespace mf::testing
