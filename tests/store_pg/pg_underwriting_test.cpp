// Underwriting records in the PostgreSQL store: the contract's tests (support/underwriting_contract.hpp,
// shared with SQLite).
#include "store_pg/pg_support.hpp"
#include "support/underwriting_contract.hpp"

namespace mf::testing {
namespace {

using PostgresUnderwriting = PostgresStoreTest;

TEST_F(PostgresUnderwriting, ApplicationsRoundTripAndAStaleVersionIsAConflict) {
    contract::applications_round_trip_and_a_stale_version_is_a_conflict(*store);
}

TEST_F(PostgresUnderwriting, ReviewsAndBureauScoresComeBackInOrder) {
    contract::reviews_and_bureau_scores_come_back_in_order(*store);
}

}  // namespace
}  // namespace mf::testing
