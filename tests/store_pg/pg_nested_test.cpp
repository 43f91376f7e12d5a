// Nested transactions on the PostgreSQL store, as tests/store/sqlite_store_test.cpp has them for SQLite: a
// write inside a write is a savepoint undone alone when it fails (also after a failed statement, which would
// otherwise abort the whole transaction), a read inside it sees its changes, and a serialization failure in a
// nested write re-runs the outer function, never the nested one alone.
#include <atomic>
#include <latch>
#include <thread>

#include "core/ledger.hpp"
#include "store_pg/pg_support.hpp"
#include "support/store_contract.hpp"

namespace mf::testing {
namespace {

Date day(int year, unsigned month, unsigned day_of_month) {
    return Date::from_ymd(year, month, day_of_month).value();
}

Charge charge(std::string code) {
    Charge out;
    out.code = std::move(code);
    out.name = "Wire fee";
    out.currency = usd();
    out.amount_minor = 25'00;
    return out;
}

using contract::status_of;
using PostgresNested = PostgresStoreTest;

TEST_F(PostgresNested, ANestedWriteIsASavepointUndoneAloneWhenItFails) {
    contract::a_nested_write_is_a_savepoint_undone_alone_when_it_fails(*store);
}

TEST_F(PostgresNested, AFailedOuterWriteUndoesItsNestedWrites) {
    contract::a_failed_outer_write_undoes_its_nested_writes(*store);
}

// A failed statement aborts a PostgreSQL transaction; in a nested write, undoing its savepoint leaves the
// outer transaction usable.
TEST_F(PostgresNested, AFailedStatementInANestedWriteLeavesTheOuterWriteUsable) {
    ASSERT_TRUE(store->write([](Transaction& tx) { return status_of(tx.insert_charge(charge("WIRE"))); }));
    ASSERT_TRUE(store->write([&](Transaction& outer) -> Status {
        const Status duplicate = store->write([](Transaction& inner) -> Status {
            MF_CHECK(inner.append_entry(capital_entry(day(2025, 1, 2), usd(), 7'00, "undone")));
            return status_of(inner.insert_charge(charge("WIRE")));
        });
        EXPECT_FALSE(duplicate);
        EXPECT_EQ(duplicate.error().code, "duplicate_charge");
        MF_CHECK(outer.insert_charge(charge("COURIER")));
        return status_of(outer.append_entry(capital_entry(day(2025, 1, 2), usd(), 5'00, "kept")));
    }));
    read([](Transaction& tx) -> Status {
        MF_TRY(auto charges, tx.list_charges());
        EXPECT_EQ(charges.size(), 2u);
        MF_TRY(auto count, tx.count_entries());
        EXPECT_EQ(count, 1);
        MF_TRY(auto cash, tx.balance_minor(Account::cash, usd(), 0));
        EXPECT_EQ(cash, 5'00);
        return ok();
    });
}

// Outside a savepoint the failed statement has aborted the transaction: a function that goes on and returns
// success gets a storage error, and nothing is committed (COMMIT would have rolled back in silence).
TEST_F(PostgresNested, AFailedStatementTheFunctionIgnoredFailsTheWrite) {
    ASSERT_TRUE(store->write([](Transaction& tx) { return status_of(tx.insert_charge(charge("WIRE"))); }));
    auto wrote = store->write([](Transaction& tx) -> Status {
        MF_CHECK(tx.append_entry(capital_entry(day(2025, 1, 2), usd(), 5'00, "lost")));
        EXPECT_FALSE(tx.insert_charge(charge("WIRE")));
        return ok();
    });
    ASSERT_FALSE(wrote);
    EXPECT_EQ(wrote.error().code, "storage_error");
    read([](Transaction& tx) -> Status {
        MF_TRY(auto count, tx.count_entries());
        EXPECT_EQ(count, 0);
        return ok();
    });
}

// Both outer writes read the reserve in a nested write, wait until the other has read it too, then write
// their sum: one meets a serialization failure in its nested write, which passes it on, and the store re-runs
// the outer function (so the nested one runs exactly as often as the outer one).
TEST_F(PostgresNested, ASerializationFailureInANestedWriteReRunsTheOuterFunction) {
    int64_t client_id = 0;
    ASSERT_TRUE(store->write([&](Transaction& tx) -> Status {
        Client client;
        client.name = "Acme";
        client.currency = usd();
        MF_TRY(client_id, tx.insert_client(client));
        return ok();
    }));
    std::latch both_read(2);
    std::atomic<int> outer_runs{0};
    std::atomic<int> nested_runs{0};
    auto increment = [&] {
        bool first_run = true;
        auto wrote = store->write([&](Transaction& outer) -> Status {
            outer_runs.fetch_add(1);
            MF_CHECK(outer.append_audit({0, "2026-06-01T09:00:00Z", day(2026, 6, 1), "test", "reserve.add",
                                         "client", client_id, "", ""}));
            return store->write([&](Transaction& tx) -> Status {
                nested_runs.fetch_add(1);
                MF_TRY(const int64_t reserve_minor, tx.required_reserve_minor(client_id));
                if (first_run) {
                    first_run = false;
                    both_read.arrive_and_wait();
                }
                return tx.set_required_reserve(client_id, reserve_minor + 1);
            });
        });
        EXPECT_TRUE(wrote) << wrote.error().message;
    };
    std::thread a(increment), b(increment);
    a.join();
    b.join();
    EXPECT_GE(outer_runs.load(), 3);  // at least one outer run was re-run
    EXPECT_EQ(nested_runs.load(), outer_runs.load());
    read([&](Transaction& tx) -> Status {
        MF_TRY(const int64_t reserve_minor, tx.required_reserve_minor(client_id));
        EXPECT_EQ(reserve_minor, 2);
        MF_TRY(const int64_t audits, tx.count_audit());
        EXPECT_EQ(audits, 2);  // the re-run outer work landed once
        return ok();
    });
}

using PostgresNestedDeathTest = PostgresNested;

TEST_F(PostgresNestedDeathTest, AWriteInsideAReadStopsTheProcess) {
    // "fast" forks at the statement: the child opens a store of its own, so it never writes on a connection
    // of the parent's pool.
    GTEST_FLAG_SET(death_test_style, "fast");
    EXPECT_DEATH(
        {
            auto child_store = open_store(url, OpenMode::open_existing).value();
            (void)child_store->read(
                [&](Transaction&) { return child_store->write([](Transaction&) { return ok(); }); });
        },
        "not_nested_in_a_read_of_this_store");
}

}  // namespace
}  // namespace mf::testing
