// The e-mail outbox in the PostgreSQL store: the contract's tests (support/outbox_contract.hpp, shared with
// SQLite).
#include "store_pg/pg_support.hpp"
#include "support/outbox_contract.hpp"

namespace mf::testing {
namespace {

using PostgresOutbox = PostgresStoreTest;

TEST_F(PostgresOutbox, MailsAreQueuedClaimedOnceAndUpdated) {
    contract::outbox_mails_are_queued_claimed_once_and_updated(*store);
}

}  // namespace
}  // namespace mf::testing
