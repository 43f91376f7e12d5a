// The e-mail outbox in the SQLite store: the contract's tests (support/outbox_contract.hpp, shared with
// PostgreSQL).
#include <gtest/gtest.h>

#include "sqlite_test_support.hpp"
#include "support/outbox_contract.hpp"

namespace mf::testing {
namespace {

using SqliteOutbox = BookTest;

TEST_F(SqliteOutbox, MailsAreQueuedClaimedOnceAndUpdated) {
    contract::outbox_mails_are_queued_claimed_once_and_updated(*store);
}

}  // namespace
}  // namespace mf::testing
