// The scale-out store: one book per PostgreSQL schema, reached by URL
// "postgresql://USER@HOST:PORT/DBNAME?schema=NAME" (also "postgres://"; schema "microfactor" when none is
// given; other query parameters go to libpq), migrated forward at open. Thread-safety: the Store may be
// shared by threads and by processes on other machines; each transaction leases its own connection from a
// small pool, writes run SERIALIZABLE and are re-run on a serialization failure or deadlock.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "store/store.hpp"

namespace mf {

// Opens (or creates, per mode) the book in the URL's schema. Errors: "invalid_store_url", "book_not_found"
// (open_existing, no book in the schema), "book_exists" (create_new, a book in the schema), "schema_too_new",
// "not_a_book" (the schema holds other tables), "storage_error" (the server refused or failed).
// Notes on the contract (store.hpp) as this store keeps it:
// - write(fn) may run fn more than once (a serialization failure or deadlock rolls back and re-runs it, up to
//   kMaxWriteAttempts); fn must start from what the transaction reads, as the use cases do.
// - in write(), find_client and find_debtor lock the row they return until the transaction ends.
// - a write() called by a write()'s function on the same thread runs in a SAVEPOINT of the outer transaction
//   (on its connection); a read() there reads through the write transaction. A nested write is never re-run
//   on its own: a serialization failure in it is passed on and the outer write() runs its whole function
//   again. A write() or read() nested in a read() is a bug and stops the process.
// - a write whose function goes on after a failed statement (not undone by a nested write's savepoint) fails
//   with "storage_error": PostgreSQL aborted the transaction.
// - a read() function that writes fails with "storage_error" (the transaction is READ ONLY).
Result<std::unique_ptr<Store>> open_postgres_store(std::string_view url, OpenMode mode);

// The parts of a PostgreSQL book URL: what libpq connects with and the book's schema.
struct PostgresUrl {
    std::string conninfo;  // the URL without the schema parameter
    std::string schema;
};
Result<PostgresUrl> parse_postgres_url(std::string_view url);

}  // namespace mf
