// Auto-approval records in the SQLite store: the contract's tests (support/auto_approval_contract.hpp, shared
// with PostgreSQL).
#include <gtest/gtest.h>

#include "sqlite_test_support.hpp"
#include "support/auto_approval_contract.hpp"

namespace mf::testing {
namespace {

using SqliteAutoApproval = BookTest;

TEST_F(SqliteAutoApproval, RulesAreSavedAndReplaced) {
    contract::auto_approval_rules_are_saved_and_replaced(*store);
}

TEST_F(SqliteAutoApproval, DecisionsComeBackPerScheduleInOrder) {
    contract::auto_approval_decisions_come_back_per_schedule_in_order(*store);
}

}  // namespace
}  // namespace mf::testing
