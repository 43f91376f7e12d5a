// Backups of a book: a consistent copy taken while servers write to it (SQLite's online backup API; pg_dump
// of the book's schema, custom format) and its restore to a new place. Thread-safety: each call opens its own
// connections, so it may run beside Stores of the same book in this process or in others.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace mf {

enum class Overwrite { refuse, replace };

struct BackupResult {
    std::string format;  // "sqlite" (a book file) or "pg_dump" (pg_dump's custom format)
    std::string path;
    int64_t size_bytes = 0;
};

// Copies the book at url (an existing one) to out_path, never leaving a half-written file there: the copy is
// written beside it and renamed into place. Errors: "backup_exists" (out_path exists and overwrite is
// refuse), "book_not_found", "not_a_book", "tool_failed" (pg_dump), "storage_error".
Result<BackupResult> backup_book(std::string_view url, const std::string& out_path, Overwrite overwrite);

// Checks a restored book before it is put in place (SQLite) or kept (PostgreSQL): opens it and verifies it.
using CheckRestored = std::function<Status(const std::string& url)>;

// Restores the backup at from_path as the book at url. The backup's kind must match the URL's store.
// SQLite: the file is copied beside the target, checked, then renamed into place (a new book) or copied into
// the existing book through SQLite's locks (overwrite = replace; stop the servers first). PostgreSQL: the
// schema is restored in one transaction under the URL's schema name (renamed when the dump's differs) and
// dropped again when the check fails; an existing schema is never replaced. Errors: "not_a_backup",
// "backup_mismatch", "book_exists", "schema_taken", "tool_failed", "storage_error", or the check's own.
Status restore_book(const std::string& from_path, std::string_view url, Overwrite overwrite,
                    const CheckRestored& check);

// A book URL fit to print: a PostgreSQL URL's password replaced by "***".
std::string printable_url(std::string_view url);

}  // namespace mf
