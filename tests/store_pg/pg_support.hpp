// Shared by the PostgreSQL store tests: the test server's URL (the tests fail, never skip, without one), a
// fresh book schema per test, and raw SQL on the server for what the store's interface cannot do (tamper with
// a book). Thread-safety: one test thread, except where a test says otherwise.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <memory>
#include <string>

#include "store/store.hpp"
#include "support/test_books.hpp"

namespace mf::testing {

inline Currency usd() {
    return Currency::from_code("USD").value();
}

// Runs SQL on the test server outside any book; returns the server's error message, empty on success.
inline std::string run_sql(const std::string& sql) {
    std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(postgres_test_server().c_str()), &PQfinish);
    if (PQstatus(conn.get()) != CONNECTION_OK)
        return PQerrorMessage(conn.get());
    std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn.get(), sql.c_str()), &PQclear);
    const auto status = PQresultStatus(result.get());
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
        return "";
    return PQresultErrorMessage(result.get());
}

class PostgresTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_FALSE(postgres_test_server().empty())
            << "MF_TEST_PG_URL is not set: run these tests with ctest (it starts a throwaway server) or "
               "scripts/pg-test-server run DIR mf_store_pg_tests";
        schema = fresh_schema_name();
        url = postgres_test_server() + "?schema=" + schema;
    }

    std::string schema;
    std::string url;
};

// A test with a new book open in a fresh schema.
class PostgresStoreTest : public PostgresTest {
  protected:
    void SetUp() override {
        PostgresTest::SetUp();
        auto opened = open_store(url, OpenMode::create_new);
        ASSERT_TRUE(opened) << opened.error().message;
        store = std::move(opened).value();
    }

    void read(const std::function<Status(Transaction&)>& fn) {
        auto status = store->read(fn);
        ASSERT_TRUE(status) << status.error().code << ": " << status.error().message;
    }

    std::unique_ptr<Store> store;
};

}  // namespace mf::testing
