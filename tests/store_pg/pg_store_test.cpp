// The PostgreSQL store's own behaviour: open modes, the schema version check, the append-only journal, and
// concurrent writers (retried serialization failures, two stores on one schema that never overdraw a limit).
// The book suite (tests/book) runs against this store too.
#include "store/postgres/pg_store.hpp"
#include "core/ledger.hpp"
#include "store_pg/pg_support.hpp"

namespace mf::testing {
namespace {

std::string error_code_of(const Result<std::unique_ptr<Store>>& opened) {
    return opened ? "ok" : opened.error().code;
}

Client sample_client(int64_t limit_minor = 10'000'00) {
    Client client;
    client.name = "Acme";
    client.currency = usd();
    client.terms.factoring_limit_minor = limit_minor;
    return client;
}

TEST(PostgresUrl, SplitsTheSchemaFromWhatLibpqReads) {
    auto parts = parse_postgres_url("postgresql://u@127.0.0.1:5433/db?sslmode=disable&schema=book_1");
    ASSERT_TRUE(parts) << parts.error().message;
    EXPECT_EQ(parts.value().conninfo, "postgresql://u@127.0.0.1:5433/db?sslmode=disable");
    EXPECT_EQ(parts.value().schema, "book_1");
    EXPECT_EQ(parse_postgres_url("postgres://h/db").value().schema, "microfactor");
    EXPECT_FALSE(parse_postgres_url("postgresql://h/db?schema=x;drop"));
    EXPECT_FALSE(parse_postgres_url("postgresql://h/db?schema="));
}

using PostgresOpen = PostgresTest;

TEST_F(PostgresOpen, ModesMeanWhatTheyMeanForSqlite) {
    EXPECT_EQ(error_code_of(open_store(url, OpenMode::open_existing)), "book_not_found");
    EXPECT_EQ(error_code_of(open_store(url, OpenMode::create_new)), "ok");
    EXPECT_EQ(error_code_of(open_store(url, OpenMode::create_new)), "book_exists");
    EXPECT_EQ(error_code_of(open_store(url, OpenMode::open_existing)), "ok");
    EXPECT_EQ(error_code_of(open_store(url, OpenMode::open_or_create)), "ok");

    const std::string other = postgres_test_server() + "?schema=" + fresh_schema_name();
    EXPECT_EQ(error_code_of(open_store(other, OpenMode::open_or_create)), "ok");
    EXPECT_EQ(error_code_of(open_store(other, OpenMode::open_existing)), "ok");
}

TEST_F(PostgresOpen, AnEmptySchemaHoldsNoBookAndOneWithOtherTablesIsNotABook) {
    ASSERT_EQ(run_sql("CREATE SCHEMA " + schema), "");
    EXPECT_EQ(error_code_of(open_store(url, OpenMode::open_existing)), "book_not_found");
    ASSERT_EQ(run_sql("CREATE TABLE " + schema + ".someone_elses (x INT)"), "");
    EXPECT_EQ(error_code_of(open_store(url, OpenMode::open_or_create)), "not_a_book");
}

TEST_F(PostgresOpen, ABookOfANewerVersionIsRefused) {
    ASSERT_EQ(error_code_of(open_store(url, OpenMode::create_new)), "ok");
    ASSERT_EQ(run_sql("INSERT INTO " + schema + ".schema_migrations VALUES (999, 'later')"), "");
    auto opened = open_store(url, OpenMode::open_existing);
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code, "schema_too_new");
    EXPECT_NE(opened.error().message.find("999"), std::string::npos);
}

TEST_F(PostgresOpen, AnUnreachableServerIsUnavailable) {
    EXPECT_EQ(error_code_of(open_store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2",
                                       OpenMode::open_or_create)),
              "store_unavailable");
}

using PostgresJournal = PostgresTest;

TEST_F(PostgresJournal, EntriesAndPostingsAreAppendOnly) {
    auto store = open_store(url, OpenMode::create_new).value();
    ASSERT_TRUE(store->write([&](Transaction& tx) -> Status {
        MF_TRY(const int64_t client_id, tx.insert_client(sample_client()));
        JournalEntry entry = capital_entry(Date::from_ymd(2026, 6, 1).value(), usd(), 500'00, "seed");
        entry.postings[0].client_id = client_id;
        MF_CHECK(tx.append_entry(entry));
        return ok();
    }));
    for (const std::string sql : {"UPDATE {}.journal_entries SET memo = 'changed'", "DELETE FROM {}.postings",
                                  "UPDATE {}.postings SET amount_minor = 0", "DELETE FROM {}.journal_entries",
                                  "TRUNCATE {}.postings"}) {
        std::string statement = sql;
        statement.replace(statement.find("{}"), 2, schema);
        EXPECT_NE(run_sql(statement).find("append-only"), std::string::npos) << statement;
    }
    ASSERT_TRUE(store->read([&](Transaction& tx) -> Status {
        MF_TRY(const auto entries, tx.count_entries());
        EXPECT_EQ(entries, 1);
        MF_TRY(const auto unbalanced, tx.unbalanced_entries());
        EXPECT_TRUE(unbalanced.empty());
        return ok();
    }));
}

TEST_F(PostgresJournal, AReadTransactionCannotWrite) {
    auto store = open_store(url, OpenMode::create_new).value();
    auto wrote = store->read([&](Transaction& tx) -> Status {
        MF_CHECK(tx.insert_client(sample_client()));
        return ok();
    });
    ASSERT_FALSE(wrote);
    EXPECT_EQ(wrote.error().code, "storage_error");
}

}  // namespace
}  // namespace mf::testing
