// Users, credentials and idempotent responses in the SQLite store: round trips, unique e-mails, the client
// binding, revocation and purging (the contract's tests, support/store_contract.hpp, shared with PostgreSQL).
#include <gtest/gtest.h>

#include "sqlite_test_support.hpp"
#include "support/store_contract.hpp"

namespace mf::testing {
namespace {

using SqliteAccess = BookTest;

TEST_F(SqliteAccess, UsersRoundTripAndEmailsAreUnique) {
    contract::users_round_trip_and_emails_are_unique(*store);
}

TEST_F(SqliteAccess, AClientUserMustNameItsClientAndOnlyIt) {
    contract::a_client_user_must_name_its_client_and_only_it(*store);
}

TEST_F(SqliteAccess, CredentialsAreFoundByHashAndRevoked) {
    contract::credentials_are_found_by_hash_and_revoked(*store);
}

TEST_F(SqliteAccess, IdempotentResponsesAreKeptPerActorAndPurgedByAge) {
    contract::idempotent_responses_are_kept_per_actor_and_purged_by_age(*store);
}

TEST_F(SqliteAccess, SignInFailuresAreCountedPerKeyAndForgottenByAge) {
    contract::sign_in_failures_are_counted_per_key_and_forgotten_by_age(*store);
}

}  // namespace
}  // namespace mf::testing
