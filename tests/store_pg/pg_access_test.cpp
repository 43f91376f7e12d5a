// Users, credentials and idempotent responses in the PostgreSQL store: the contract's tests
// (support/store_contract.hpp, shared with SQLite), one e-mail added by two transactions at once, and
// migration 3 on a book of version 2.
#include <latch>
#include <thread>

#include "store_pg/pg_support.hpp"
#include "support/store_contract.hpp"

namespace mf::testing {
namespace {

using contract::sample_user;
using contract::status_of;
using PostgresAccess = PostgresStoreTest;

TEST_F(PostgresAccess, UsersRoundTripAndEmailsAreUnique) {
    contract::users_round_trip_and_emails_are_unique(*store);
}

TEST_F(PostgresAccess, AClientUserMustNameItsClientAndOnlyIt) {
    contract::a_client_user_must_name_its_client_and_only_it(*store);
}

TEST_F(PostgresAccess, CredentialsAreFoundByHashAndRevoked) {
    contract::credentials_are_found_by_hash_and_revoked(*store);
}

TEST_F(PostgresAccess, IdempotentResponsesAreKeptPerActorAndPurgedByAge) {
    contract::idempotent_responses_are_kept_per_actor_and_purged_by_age(*store);
}

TEST_F(PostgresAccess, SignInFailuresAreCountedPerKeyAndForgottenByAge) {
    contract::sign_in_failures_are_counted_per_key_and_forgotten_by_age(*store);
}

// The second transaction's check does not see the first's uncommitted user; its insert waits for the first to
// commit and is refused (a unique violation, or a serialization failure whose re-run finds the user): the
// same "conflict" on "email" either way.
TEST_F(PostgresAccess, TwoTransactionsAddingOneEmailAtOnceLeaveOneUser) {
    std::latch inserted(1);
    std::thread first([&] {
        auto added = store->write([&](Transaction& tx) -> Status {
            MF_CHECK(tx.insert_user(sample_user("ann@factor.example")));
            inserted.count_down();
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            return ok();
        });
        EXPECT_TRUE(added) << added.error().message;
    });
    inserted.wait();
    auto second = store->write([&](Transaction& tx) -> Status {
        return status_of(tx.insert_user(sample_user("ann@factor.example")));
    });
    first.join();
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, "conflict") << second.error().message;
    EXPECT_EQ(second.error().field, "email");
}

TEST_F(PostgresAccess, ABookOfAnEarlierVersionGainsTheAccessTables) {
    // Migrations 3 and on, on a book that stopped at 2: their tables appear. (Migration 5 undone first: its
    // columns on clients, settings and payouts.)
    // The debtor index of migration 14 undone: the (debtor, state) index of migration 1 again.
    ASSERT_EQ(run_sql("DROP INDEX " + schema +
                      ".invoices_by_debtor_state; CREATE INDEX invoices_by_debtor_state ON " + schema +
                      ".invoices (debtor_id, state)"),
              "");
    // The receipt applications index (13) undone.
    ASSERT_EQ(run_sql("DROP INDEX " + schema + ".receipt_applications_by_receipt"), "");
    // The daily flows migration (12) undone: its table.
    ASSERT_EQ(run_sql("DROP TABLE " + schema + ".daily_flows"), "");
    // The sign-in throttle migration (11) undone: its table.
    ASSERT_EQ(run_sql("DROP TABLE " + schema + ".sign_in_failures"), "");
    // The outbox migration (10) undone: its table.
    ASSERT_EQ(run_sql("DROP TABLE " + schema + ".outbox"), "");
    // The auto-approval migration (9) undone: its two tables.
    ASSERT_EQ(
        run_sql("DROP TABLE " + schema + ".auto_approval_decisions, " + schema + ".auto_approval_rules"), "");
    std::string undo_5 = "ALTER TABLE " + schema + ".payouts DROP COLUMN payout_file_id; DROP TABLE " +
                         schema + ".payout_files; DROP INDEX " + schema + ".payouts_pending; ALTER TABLE " +
                         schema + ".clients";
    for (const char* column : {"payout_routing_number", "payout_account_number", "payout_account_type",
                               "payout_iban", "payout_bic"})
        undo_5 +=
            std::string(column == std::string("payout_routing_number") ? "" : ",") + " DROP COLUMN " + column;
    undo_5 += "; ALTER TABLE " + schema + ".settings";
    for (const char* column :
         {"originator_name", "ach_company_id", "ach_immediate_origin", "ach_origin_name", "ach_odfi_routing",
          "ach_destination", "ach_destination_name", "originator_iban", "originator_bic"})
        undo_5 += std::string(column == std::string("originator_name") ? "" : ",") + " DROP COLUMN " + column;
    ASSERT_EQ(run_sql(undo_5), "");
    // The underwriting migration (8) undone: its tables, the disputes index and its settings column.
    ASSERT_EQ(run_sql("DROP TABLE " + schema + ".bureau_scores, " + schema + ".credit_reviews, " + schema +
                      ".client_applications; DROP INDEX " + schema + ".audit_events_disputes; ALTER TABLE " +
                      schema + ".settings DROP COLUMN require_credit_review"),
              "");
    // (The twins index of migration 7 is gone already: migration 14 dropped it.)
    // The verification and notices migration undone too: its tables and its two settings columns.
    ASSERT_EQ(
        run_sql("DROP TABLE " + schema + ".verification_policies, " + schema + ".debtor_links, " + schema +
                ".verification_records, " + schema + ".notices_of_assignment; ALTER TABLE " + schema +
                ".settings DROP COLUMN require_noa_before_funding, DROP COLUMN remittance_instructions"),
        "");
    ASSERT_EQ(run_sql("DROP TABLE " + schema + ".bank_lines, " + schema + ".idempotency_keys, " + schema +
                      ".credentials, " + schema + ".users; DELETE FROM " + schema +
                      ".schema_migrations WHERE version >= 3"),
              "");
    auto reopened = open_store(url, OpenMode::open_existing);
    ASSERT_TRUE(reopened) << reopened.error().message;
    ASSERT_TRUE(reopened.value()->write([&](Transaction& tx) -> Status {
        MF_CHECK(tx.insert_user(sample_user("ann@factor.example")));
        MF_CHECK(tx.insert_idempotency({"api:usr_1", "k1", "h1", 201, "{}", "2026-11-22T10:00:00Z"}));
        BankLine key;  // a key as a statement gives it: a currency always (bind_currency asserts it)
        key.currency = Currency::from_code("USD").value();
        MF_TRY(auto line, tx.find_bank_line(key));
        return line ? make_error("internal", "a bank line in an empty table") : ok();
    }));
}

}  // namespace
}  // namespace mf::testing
