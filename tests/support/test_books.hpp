// Where a test's book lives: a SQLite file in the test's folder, or, when MF_TEST_PG_URL names a PostgreSQL
// server (postgresql://USER@HOST:PORT/DB, set by the ctest entries that start a throwaway server), a fresh
// schema on that server, so the same suites run against both stores. Thread-safety: one test thread.
#pragma once

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <string>

#include "support/temp_dir.hpp"

namespace mf::testing {

// The server's URL base from MF_TEST_PG_URL, or empty when the tests run on SQLite.
inline std::string postgres_test_server() {
    const char* url = std::getenv("MF_TEST_PG_URL");
    return url != nullptr ? std::string(url) : std::string();
}

// A schema name no other test (of this run or an earlier one on the same server) has used.
inline std::string fresh_schema_name() {
    static std::atomic<int> counter{0};
    const auto now_us = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    return "t_" + std::to_string(::getpid()) + "_" + std::to_string(now_us % 1'000'000'000'000) + "_" +
           std::to_string(counter++);
}

// A URL for a new book: on the PostgreSQL test server when there is one, else a file in dir.
inline std::string fresh_book_url(const TempDir& dir) {
    const std::string server = postgres_test_server();
    if (!server.empty())
        return server + "?schema=" + fresh_schema_name();
    return "sqlite:" + dir.file("book.sqlite");
}

}  // namespace mf::testing
