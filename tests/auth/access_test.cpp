// Signing in: argon2id passwords, sessions that expire and are revoked, API keys, the throttle on failed
// sign-ins, the binding of client users, and instants.
#include "auth/access.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>

#include "auth/secrets.hpp"
#include "book/fixture.hpp"
#include "core/ids.hpp"

namespace mf::testing {
namespace {

using auth::Role;

// A clock the test moves.
class SteppingClock final : public Clock {
  public:
    std::string now_utc() const override { return auth::format_instant(seconds.load()); }
    std::atomic<int64_t> seconds{auth::parse_instant("2026-06-01T09:00:00Z").value()};
};

class AccessTest : public BookTest {
  protected:
    void SetUp() override {
        BookTest::SetUp();
        clock = std::make_shared<SteppingClock>();
        access = std::make_unique<auth::Access>(book->store(), clock);
    }
    User add(const std::string& email, Role role = Role::viewer, int64_t client_id = 0) {
        return must(access->add_user(staff, {email, "A Person", role, client_id, "correct horse battery"}));
    }

    std::shared_ptr<SteppingClock> clock;
    std::unique_ptr<auth::Access> access;
};

TEST(Secrets, PasswordsHashWithArgon2idAndVerify) {
    const auto hash = auth::hash_password("correct horse battery").value();
    EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
    EXPECT_TRUE(auth::password_matches(hash, "correct horse battery"));
    EXPECT_FALSE(auth::password_matches(hash, "correct horse batterY"));
    EXPECT_FALSE(auth::password_matches("garbage", "correct horse battery"));
    EXPECT_NE(auth::hash_password("correct horse battery").value(), hash);  // salted
    EXPECT_EQ(auth::hash_password("short").error().code, "weak_password");
    EXPECT_EQ(auth::hash_password(std::string(2000, 'x')).error().code, "weak_password");
}

TEST(Secrets, TokensAreRandomAndStoredAsHashes) {
    const auto a = auth::random_token();
    const auto b = auth::random_token();
    EXPECT_EQ(a.size(), 43u);
    EXPECT_NE(a, b);
    EXPECT_EQ(auth::token_hash(a).size(), 64u);
    EXPECT_EQ(auth::token_hash(a), auth::token_hash(a));
    EXPECT_NE(auth::keyed_hash(a, "csrf"), auth::keyed_hash(b, "csrf"));
    EXPECT_TRUE(auth::same_secret("abc", "abc"));
    EXPECT_FALSE(auth::same_secret("abc", "abd"));
    EXPECT_FALSE(auth::same_secret("abc", "abcd"));
}

TEST(Secrets, InstantsRoundTrip) {
    for (const char* text : {"1970-01-01T00:00:00Z", "2026-11-22T23:59:59Z", "2024-02-29T12:00:01Z"})
        EXPECT_EQ(auth::format_instant(auth::parse_instant(text).value()), text);
    EXPECT_EQ(auth::parse_instant("2026-11-22T10:15:00Z").value() -
                  auth::parse_instant("2026-11-21T10:15:00Z").value(),
              86'400);
    for (const char* bad :
         {"2026-11-22 10:15:00Z", "2026-11-22T24:00:00Z", "2026-02-30T10:00:00Z", "", "2026-11-22T10:15:00"})
        EXPECT_FALSE(auth::parse_instant(bad)) << bad;
}

TEST_F(AccessTest, SignInGivesATokenThatAuthenticatesUntilItExpires) {
    const User user = add("Ann@Factor.Example ");
    EXPECT_EQ(user.email, "ann@factor.example");
    auto session = must(access->login("ANN@factor.example", "correct horse battery", "10.0.0.1"));
    EXPECT_EQ(session.csrf_token, auth::Access::csrf_token_for(session.token));
    auto caller = must(access->authenticate(session.token));
    EXPECT_EQ(caller.user_id, user.id);
    EXPECT_EQ(caller.role, Role::viewer);
    EXPECT_EQ(caller.actor().name, "api:" + format_id(IdKind::user, user.id));
    // The token itself is nowhere in the book, only its hash.
    EXPECT_TRUE(book->store().read([&](Transaction& tx) -> Status {
        MF_TRY(auto by_token, tx.find_credential(session.token));
        EXPECT_FALSE(by_token.has_value());
        return ok();
    }));
    clock->seconds += 12 * 3'600;
    EXPECT_EQ(access->authenticate(session.token).error().code, "unauthenticated");
}

TEST_F(AccessTest, WrongPasswordsAndUnknownUsersGetTheSameAnswer) {
    add("ann@factor.example");
    EXPECT_EQ(access->login("ann@factor.example", "wrong password!", "10.0.0.1").error().code,
              "invalid_credentials");
    EXPECT_EQ(access->login("bob@factor.example", "correct horse battery", "10.0.0.1").error().code,
              "invalid_credentials");
    EXPECT_EQ(access->login("not an email", "correct horse battery", "10.0.0.1").error().code,
              "invalid_credentials");
}

TEST_F(AccessTest, RepeatedFailuresLockTheAccountForAWhile) {
    add("ann@factor.example");
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(
            access->login("ann@factor.example", "guess number " + std::to_string(i), "10.0.0.9").error().code,
            "invalid_credentials");
    // Now even the right password is refused, from any address, until the window passes.
    EXPECT_EQ(access->login("ann@factor.example", "correct horse battery", "10.0.0.1").error().code,
              "too_many_attempts");
    clock->seconds += 15 * 60 + 1;
    EXPECT_TRUE(access->login("ann@factor.example", "correct horse battery", "10.0.0.1"));
}

// The failures are counted in the book: a second node (another Access on the same book) sees them, and they
// are kept by the hash of what was typed, not the text.
TEST_F(AccessTest, TwoNodesOfOneBookThrottleTogether) {
    add("ann@factor.example");
    auth::Access other_node(book->store(), clock);
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(access->login("ann@factor.example", "guess " + std::to_string(i), "10.0.0.9").error().code,
                  "invalid_credentials");
    for (int i = 3; i < 5; ++i)
        EXPECT_EQ(
            other_node.login("ann@factor.example", "guess " + std::to_string(i), "10.0.0.8").error().code,
            "invalid_credentials");
    EXPECT_EQ(access->login("ann@factor.example", "correct horse battery", "10.0.0.1").error().code,
              "too_many_attempts");
    EXPECT_EQ(other_node.login("ann@factor.example", "correct horse battery", "10.0.0.1").error().code,
              "too_many_attempts");
    int64_t kept = 0;
    ASSERT_TRUE(book->store().read([&](Transaction& tx) -> Status {
        MF_TRY(kept, tx.count_sign_in_failures(auth::token_hash("account:ann@factor.example"), 0));
        MF_TRY(const int64_t by_text, tx.count_sign_in_failures("account:ann@factor.example", 0));
        EXPECT_EQ(by_text, 0);
        return ok();
    }));
    EXPECT_EQ(kept, 5);
    // A new node (a restart) remembers them too.
    auth::Access restarted(book->store(), clock);
    EXPECT_EQ(restarted.login("ann@factor.example", "correct horse battery", "10.0.0.1").error().code,
              "too_many_attempts");
}

// An address that failed 20 times is refused for any account; another address is not.
TEST_F(AccessTest, AnAddressThatFailsTooOftenIsRefusedForEveryAccount) {
    add("ann@factor.example");
    for (int i = 0; i < 20; ++i)
        EXPECT_EQ(access->login(fmt::format("user{}@factor.example", i), "guess", "10.0.0.66").error().code,
                  "invalid_credentials");
    EXPECT_EQ(access->login("ann@factor.example", "correct horse battery", "10.0.0.66").error().code,
              "too_many_attempts");
    EXPECT_TRUE(access->login("ann@factor.example", "correct horse battery", "10.0.0.1"));
}

TEST_F(AccessTest, LogoutDeactivationAndANewPasswordRevokeSessions) {
    const User user = add("ann@factor.example", Role::admin);
    auto first = must(access->login("ann@factor.example", "correct horse battery", "10.0.0.1"));
    auto second = must(access->login("ann@factor.example", "correct horse battery", "10.0.0.2"));
    auto key = must(access->create_api_key(staff, user.id, "bank sync"));
    EXPECT_EQ(key.key.rfind("mfk_", 0), 0u);
    EXPECT_EQ(must(access->authenticate(key.key)).credential_kind, "api_key");

    EXPECT_TRUE(access->logout(must(access->authenticate(first.token))));
    EXPECT_FALSE(access->authenticate(first.token));
    EXPECT_TRUE(access->authenticate(second.token));

    auth::UserChange change;
    change.password = "a brand new password";
    must(access->update_user(staff, user.id, change));
    EXPECT_FALSE(access->authenticate(second.token));
    EXPECT_TRUE(access->authenticate(key.key));  // machines keep their key across a password change

    auth::UserChange off;
    off.active = false;
    must(access->update_user(staff, user.id, off));
    EXPECT_FALSE(access->authenticate(key.key));
    EXPECT_EQ(access->login("ann@factor.example", "a brand new password", "10.0.0.1").error().code,
              "invalid_credentials");
}

TEST_F(AccessTest, ClientUsersActForOneExistingClient) {
    const Client client = add_client("flat 2%/30d +1%/15d");
    EXPECT_EQ(access->add_user(staff, {"c@client.example", "C", Role::client, 0, "correct horse battery"})
                  .error()
                  .code,
              "missing_field");
    EXPECT_EQ(access->add_user(staff, {"c@client.example", "C", Role::client, 999, "correct horse battery"})
                  .error()
                  .code,
              "not_found");
    EXPECT_EQ(
        access->add_user(staff, {"v@factor.example", "V", Role::viewer, client.id, "correct horse battery"})
            .error()
            .code,
        "invalid_field");
    const User user = add("c@client.example", Role::client, client.id);
    EXPECT_EQ(user.client_id, client.id);
    EXPECT_EQ(access->add_user(staff, {"C@client.example", "C", Role::viewer, 0, "correct horse battery"})
                  .error()
                  .code,
              "conflict");
    EXPECT_TRUE(book->store().read([&](Transaction& tx) -> Status {
        MF_TRY(auto audit, tx.audit_of("user", user.id));
        EXPECT_EQ(audit.size(), 1u);
        EXPECT_EQ(audit.at(0).action, "user.add");
        EXPECT_EQ(audit.at(0).actor, staff.name);
        return ok();
    }));
}

}  // namespace
}  // namespace mf::testing
