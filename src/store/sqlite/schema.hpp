// The SQLite book's schema as forward-only migrations, and the open-time checks that a file is a book this
// code may use. Thread-safety: runs on a connection the caller holds alone.
#pragma once

#include <cstdint>

#include "core/error.hpp"
#include "store/sqlite/connection.hpp"

namespace mf::sqlite {

// PRAGMA application_id of every book ("MFBK"), so a file that is some other program's database is refused.
inline constexpr int64_t kApplicationId = 0x4D46424B;

// The schema version this code writes: the number of migrations.
int64_t latest_schema_version();

// Reads the file's schema version without writing anything: 0 for an empty file, else the version of a book
// this code may open. A book written by newer code is "schema_too_new"; another program's database is
// "not_a_book".
Result<int64_t> check_file(Connection& connection);

// Runs the pending migrations in one IMMEDIATE transaction (checking the file again under the lock), each
// recorded in schema_migrations and PRAGMA user_version.
Status migrate(Connection& connection);

}  // namespace mf::sqlite
