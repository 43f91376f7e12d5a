// Opening books (modes, migrations, refusals) and the transaction discipline of the SQLite store.
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/schema.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <future>
#include <thread>

#include "store/sqlite_test_support.hpp"
#include "support/store_contract.hpp"

namespace mf::testing {
namespace {

// Runs SQL on the file with a connection of its own, as a person with the sqlite3 shell would.
void exec_raw(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
    EXPECT_EQ(rc, SQLITE_OK) << (message != nullptr ? message : "");
    sqlite3_free(message);
    sqlite3_close(db);
}

int64_t query_raw(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    int64_t value = -1;
    if (sqlite3_step(stmt) == SQLITE_ROW)
        value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
}

std::string error_code_of(const Result<std::unique_ptr<Store>>& opened) {
    return opened ? std::string("(opened)") : opened.error().code;
}

TEST(SqliteOpen, CreatesAMigratedBookInWalMode) {
    TempDir dir;
    const std::string path = dir.file("book.sqlite");
    {
        auto store = open_sqlite_store(path, OpenMode::create_new);
        ASSERT_TRUE(store) << store.error().message;
        EXPECT_EQ(store.value()->describe(), "sqlite:" + path);
    }
    EXPECT_EQ(query_raw(path, "PRAGMA user_version"), mf::sqlite::latest_schema_version());
    EXPECT_EQ(query_raw(path, "SELECT COUNT(*) FROM schema_migrations WHERE applied_at != ''"),
              mf::sqlite::latest_schema_version());
    EXPECT_EQ(query_raw(path, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
    EXPECT_EQ(query_raw(path, "PRAGMA application_id"), 0x4D46424B);
    // STRICT everywhere: every table of the book but SQLite's own is strict.
    EXPECT_EQ(query_raw(path,
                        "SELECT COUNT(*) FROM pragma_table_list WHERE schema = 'main' AND strict = 0 "
                        "AND name NOT LIKE 'sqlite_%'"),
              0);
}

TEST(SqliteOpen, ReopensAnExistingBookWithItsData) {
    TempDir dir;
    const std::string path = dir.file("book.sqlite");
    int64_t client_id = 0;
    {
        auto store = open_sqlite_store(path, OpenMode::create_new).value();
        ASSERT_TRUE(store->write([&](Transaction& tx) -> Status {
            MF_TRY(client_id, tx.insert_client(sample_client()));
            return ok();
        }));
    }
    for (const OpenMode mode : {OpenMode::open_existing, OpenMode::open_or_create}) {
        auto store = open_sqlite_store(path, mode);
        ASSERT_TRUE(store) << store.error().message;
        ASSERT_TRUE(store.value()->read([&](Transaction& tx) -> Status {
            MF_TRY(auto client, tx.find_client(client_id));
            EXPECT_TRUE(client.has_value());
            return ok();
        }));
    }
    EXPECT_EQ(query_raw(path, "SELECT COUNT(*) FROM schema_migrations"),
              mf::sqlite::latest_schema_version());  // nothing ran twice
}

TEST(SqliteOpen, CreateNewRefusesAnExistingBook) {
    TempDir dir;
    const std::string path = dir.file("book.sqlite");
    ASSERT_TRUE(open_sqlite_store(path, OpenMode::create_new));
    EXPECT_EQ(error_code_of(open_sqlite_store(path, OpenMode::create_new)), "book_exists");
}

TEST(SqliteOpen, CreateNewAcceptsAnEmptyFile) {
    TempDir dir;
    const std::string path = dir.file("book.sqlite");
    std::ofstream(path).close();
    EXPECT_TRUE(open_sqlite_store(path, OpenMode::create_new));
}

TEST(SqliteOpen, OpenExistingRefusesAMissingFileWithoutCreatingIt) {
    TempDir dir;
    const std::string path = dir.file("missing.sqlite");
    EXPECT_EQ(error_code_of(open_sqlite_store(path, OpenMode::open_existing)), "book_not_found");
    EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(SqliteOpen, OpenExistingRefusesAnEmptyFile) {
    TempDir dir;
    const std::string path = dir.file("empty.sqlite");
    std::ofstream(path).close();
    EXPECT_EQ(error_code_of(open_sqlite_store(path, OpenMode::open_existing)), "book_not_found");
}

TEST(SqliteOpen, OpenOrCreateCreatesAMissingBook) {
    TempDir dir;
    const std::string path = dir.file("book.sqlite");
    EXPECT_TRUE(open_sqlite_store(path, OpenMode::open_or_create));
    EXPECT_EQ(query_raw(path, "PRAGMA user_version"), mf::sqlite::latest_schema_version());
}

TEST(SqliteOpen, RefusesABookOfANewerSchema) {
    TempDir dir;
    const std::string path = dir.file("book.sqlite");
    ASSERT_TRUE(open_sqlite_store(path, OpenMode::create_new));
    exec_raw(path, "PRAGMA user_version = 99");
    for (const OpenMode mode : {OpenMode::open_existing, OpenMode::open_or_create}) {
        auto store = open_sqlite_store(path, mode);
        ASSERT_FALSE(store);
        EXPECT_EQ(store.error().code, "schema_too_new");
        EXPECT_NE(store.error().message.find("99"), std::string::npos) << store.error().message;
    }
    EXPECT_EQ(query_raw(path, "PRAGMA user_version"), 99);  // left as it was
}

TEST(SqliteOpen, RefusesAnotherProgramsDatabaseWithoutTouchingIt) {
    TempDir dir;
    const std::string path = dir.file("other.sqlite");
    exec_raw(path, "CREATE TABLE notes (text TEXT)");
    EXPECT_EQ(error_code_of(open_sqlite_store(path, OpenMode::open_or_create)), "not_a_book");
    EXPECT_EQ(query_raw(path, "SELECT journal_mode = 'delete' FROM pragma_journal_mode"), 1);

    const std::string text_path = dir.file("notes.txt");
    std::ofstream(text_path) << "this is not a database, it is a text file long enough to have a header\n";
    EXPECT_EQ(error_code_of(open_sqlite_store(text_path, OpenMode::open_existing)), "not_a_book");
}

TEST(OpenStore, ReadsTheUrlForms) {
    TempDir dir;
    const std::string path = dir.file("book.sqlite");
    auto by_url = open_store("sqlite:" + path, OpenMode::create_new);
    ASSERT_TRUE(by_url) << by_url.error().message;
    EXPECT_EQ(by_url.value()->describe(), "sqlite:" + path);
    by_url.value().reset();
    auto bare = open_store(path, OpenMode::open_existing);
    ASSERT_TRUE(bare) << bare.error().message;

    // PostgreSQL URLs go to the PostgreSQL store (tests/store_pg), which checks the schema name before it
    // connects.
    EXPECT_EQ(
        error_code_of(open_store("postgresql://localhost/books?schema=Bad-Name", OpenMode::open_existing)),
        "invalid_store_url");
    EXPECT_EQ(error_code_of(open_store("mysql://x", OpenMode::open_existing)), "unsupported_store");
    EXPECT_EQ(error_code_of(open_store("sqlite:", OpenMode::open_or_create)), "invalid_store_url");
}

class SqliteTransactions : public BookTest {};

TEST_F(SqliteTransactions, AnErrorRollsEverythingBackAndComesBackUnchanged) {
    const Error failure = make_error("limit_exceeded", "over the limit", "face_amount");
    auto status = store->write([&](Transaction& tx) -> Status {
        MF_TRY(auto parties, insert_parties(tx));
        MF_CHECK(tx.insert_invoice(submitted_invoice(parties.client_id, parties.debtor_id, "INV-1", 100'00)));
        MF_CHECK(tx.append_entry(capital_entry(day(2025, 1, 2), usd(), 1'000'00, "seed")));
        return failure;
    });
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error(), failure);
    read([&](Transaction& tx) -> Status {
        MF_TRY(auto clients, tx.list_clients());
        MF_TRY(auto debtors, tx.list_debtors());
        MF_TRY(auto invoices, tx.list_invoices({}));
        MF_TRY(auto entries, tx.count_entries());
        MF_TRY(auto balances, tx.stored_balances());
        EXPECT_TRUE(clients.empty());
        EXPECT_TRUE(debtors.empty());
        EXPECT_TRUE(invoices.empty());
        EXPECT_EQ(entries, 0);
        EXPECT_TRUE(balances.empty());
        return ok();
    });
    // The connection is usable again after the rollback.
    write([](Transaction& tx) { return status_of(insert_parties(tx)); });
}

TEST_F(SqliteTransactions, ASuccessCommitsAndSurvivesReopening) {
    write([](Transaction& tx) -> Status {
        MF_CHECK(tx.append_entry(capital_entry(day(2025, 1, 2), usd(), 1'000'00, "seed")));
        return ok();
    });
    store.reset();
    auto reopened = open_sqlite_store(book_path(), OpenMode::open_existing);
    ASSERT_TRUE(reopened);
    ASSERT_TRUE(reopened.value()->read([](Transaction& tx) -> Status {
        MF_TRY(auto count, tx.count_entries());
        EXPECT_EQ(count, 1);
        return ok();
    }));
}

TEST_F(SqliteTransactions, AReadCannotWrite) {
    auto status = store->read([](Transaction& tx) { return status_of(insert_parties(tx)); });
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, "storage_error");
    EXPECT_NE(status.error().message.find("insert client"), std::string::npos) << status.error().message;
}

TEST_F(SqliteTransactions, AReadSeesTheLastCommitWhileAWriteRuns) {
    write([](Transaction& tx) { return status_of(insert_parties(tx)); });
    std::promise<void> inserted, looked;
    auto writer = std::async(std::launch::async, [&] {
        return store->write([&](Transaction& tx) -> Status {
            MF_CHECK(insert_parties(tx));
            inserted.set_value();
            looked.get_future().wait();
            return ok();
        });
    });
    inserted.get_future().wait();
    read([](Transaction& tx) -> Status {
        MF_TRY(auto clients, tx.list_clients());
        EXPECT_EQ(clients.size(), 1u);  // not the uncommitted second one
        return ok();
    });
    looked.set_value();
    ASSERT_TRUE(writer.get());
    read([](Transaction& tx) -> Status {
        MF_TRY(auto clients, tx.list_clients());
        EXPECT_EQ(clients.size(), 2u);
        return ok();
    });
}

TEST_F(SqliteTransactions, WritesFromManyThreadsSerialize) {
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 25; ++i) {
                EXPECT_TRUE(store->write([](Transaction& tx) -> Status {
                    MF_CHECK(tx.append_entry(capital_entry(day(2025, 1, 2), usd(), 1'00, "seed")));
                    return ok();
                }));
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    read([](Transaction& tx) -> Status {
        MF_TRY(auto count, tx.count_entries());
        EXPECT_EQ(count, 100);
        MF_TRY(auto cash, tx.balance_minor(Account::cash, usd(), 0));
        EXPECT_EQ(cash, 100'00);
        return ok();
    });
}

TEST_F(SqliteTransactions, ANestedWriteIsASavepointUndoneAloneWhenItFails) {
    contract::a_nested_write_is_a_savepoint_undone_alone_when_it_fails(*store);
}

TEST_F(SqliteTransactions, AFailedOuterWriteUndoesItsNestedWrites) {
    contract::a_failed_outer_write_undoes_its_nested_writes(*store);
}

using SqliteTransactionsDeathTest = SqliteTransactions;

TEST_F(SqliteTransactionsDeathTest, AWriteInsideAReadStopsTheProcess) {
    // "fast" forks at the statement: the child does not set up a book of its own, which its abort would leave
    // behind.
    GTEST_FLAG_SET(death_test_style, "fast");
    EXPECT_DEATH(
        (void)store->read([&](Transaction&) { return store->write([](Transaction&) { return ok(); }); }),
        "not_nested_in_a_read_of_this_store");
    EXPECT_DEATH(
        (void)store->read([&](Transaction&) { return store->read([](Transaction&) { return ok(); }); }),
        "not_nested_in_a_read_of_this_store");
}

}  // namespace
}  // namespace mf::testing
