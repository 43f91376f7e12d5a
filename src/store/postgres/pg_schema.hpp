// The PostgreSQL book's schema as forward-only migrations (the same tables, columns and meaning as the
// SQLite book's migrations 1 and 2), and the open-time checks that a schema is a book this code may use.
// One book = one PostgreSQL schema. Thread-safety: runs on a connection the caller holds alone.
#pragma once

#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/store.hpp"

namespace mf::pg {

// The schema version this code writes: the number of migrations.
int64_t latest_schema_version();

// A schema name as an SQL identifier, double-quoted. The name has been checked by valid_schema_name().
std::string quote_identifier(std::string_view name);
// Lower-case letters, digits and '_', starting with a letter or '_', at most 63 bytes.
bool valid_schema_name(std::string_view name);

// In one transaction holding the book's advisory lock: checks the schema against the mode ("book_not_found",
// "book_exists", "not_a_book", "schema_too_new"), creates it when needed and runs the pending migrations,
// each recorded in schema_migrations. Leaves the connection outside any transaction.
Status open_book_schema(Connection& connection, const std::string& schema, OpenMode mode);

}  // namespace mf::pg
