// The embedded store: one book per SQLite file (WAL, synchronous=FULL, foreign keys, STRICT tables), migrated
// forward at open. Thread-safety: the Store may be shared by threads; writes serialize on one connection and
// reads on another, so a read runs beside a write over the last committed state.
#pragma once

#include <memory>
#include <string>

#include "core/error.hpp"
#include "store/store.hpp"

namespace mf {

// Opens (or creates, per mode) the book at path. Errors: "book_not_found" (open_existing, no book at path),
// "book_exists" (create_new, a non-empty file at path), "schema_too_new", "not_a_book", "storage_error".
// Notes on the contract (store.hpp) as this store keeps it:
// - insert_*: a record with id 0 gets a new id; a non-zero id is kept (a taken one fails). The version is
// stored
//   as given; update_* then require it and store version + 1, which callers holding the struct mirror or
//   reload.
// - write() or read() inside a write() on the same thread runs in it (a write in a savepoint); a write()
// inside
//   a read() is a bug and stops the process (it would deadlock).
// - a read() function that writes fails with "storage_error" (its connection is read-only).
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, OpenMode mode);

}  // namespace mf
