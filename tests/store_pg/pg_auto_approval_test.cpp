// Auto-approval records in the PostgreSQL store: the contract's tests (support/auto_approval_contract.hpp,
// shared with SQLite).
#include "store_pg/pg_support.hpp"
#include "support/auto_approval_contract.hpp"

namespace mf::testing {
namespace {

using PostgresAutoApproval = PostgresStoreTest;

TEST_F(PostgresAutoApproval, RulesAreSavedAndReplaced) {
    contract::auto_approval_rules_are_saved_and_replaced(*store);
}

TEST_F(PostgresAutoApproval, DecisionsComeBackPerScheduleInOrder) {
    contract::auto_approval_decisions_come_back_per_schedule_in_order(*store);
}

}  // namespace
}  // namespace mf::testing
