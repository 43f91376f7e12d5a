// Underwriting records in the SQLite store: the contract's tests (support/underwriting_contract.hpp, shared
// with PostgreSQL).
#include <gtest/gtest.h>

#include "sqlite_test_support.hpp"
#include "support/underwriting_contract.hpp"

namespace mf::testing {
namespace {

using SqliteUnderwriting = BookTest;

TEST_F(SqliteUnderwriting, ApplicationsRoundTripAndAStaleVersionIsAConflict) {
    contract::applications_round_trip_and_a_stale_version_is_a_conflict(*store);
}

TEST_F(SqliteUnderwriting, ReviewsAndBureauScoresComeBackInOrder) {
    contract::reviews_and_bureau_scores_come_back_in_order(*store);
}

}  // namespace
}  // namespace mf::testing
