// A SQLite book copied with the online backup API: all pages in one step, so the copy is the snapshot of one
// read transaction (WAL lets writers go on meanwhile), and restored the same way.
#include <fmt/format.h>

#include <filesystem>

#include "store/backup_internal.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/schema.hpp"

namespace mf::backup {
namespace {

using sqlite::Connection;

constexpr int kBusyTimeoutMs = 5000;
// A copy that keeps meeting a lock (a checkpoint, a writer on the destination) gives up after this many
// tries.
constexpr int kMaxCopyAttempts = 50;
constexpr int kCopyRetryWaitMs = 100;

Result<std::unique_ptr<Connection>> open_file(const std::string& path, int flags) {
    MF_TRY(auto connection, Connection::open(path, flags));
    sqlite3_busy_timeout(connection->handle(), kBusyTimeoutMs);
    return connection;
}

// Copies every page of from into to in one step (one read transaction on from, one write on to).
Status copy_pages(Connection& from, Connection& to, std::string_view operation) {
    sqlite3_backup* backup = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
    if (backup == nullptr)
        return sqlite::storage_error(to.handle(), operation);
    int rc = SQLITE_OK;
    for (int attempt = 1; attempt <= kMaxCopyAttempts; ++attempt) {
        rc = sqlite3_backup_step(backup, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            break;
        sqlite3_sleep(kCopyRetryWaitMs);
    }
    const int finished = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE || finished != SQLITE_OK) {
        return sqlite::storage_error(operation, rc == SQLITE_BUSY || rc == SQLITE_LOCKED
                                                    ? "the book stayed locked"
                                                    : sqlite3_errmsg(to.handle()));
    }
    return ok();
}

// An existing book: its schema version is known to this code (a newer one is "schema_too_new").
Status check_is_book(Connection& connection, const std::string& path, std::string_view field) {
    auto version = sqlite::check_file(connection);
    if (!version && sqlite3_errcode(connection.handle()) == SQLITE_NOTADB)
        return make_error("not_a_book", fmt::format("{} is not a SQLite database", path), std::string(field));
    MF_CHECK(version);
    if (version.value() <= 0)
        return make_error("book_not_found", fmt::format("{} holds no book", path), std::string(field));
    return ok();
}

Status check_copy(Connection& copy, const std::string& path) {
    MF_TRY(auto sound, copy.query_int("check the copy", "SELECT quick_check = 'ok' FROM pragma_quick_check"));
    if (sound != 1)
        return sqlite::storage_error("check the copy", path + " failed SQLite's quick_check");
    return ok();
}

// Leaves a copy in rollback-journal mode with its WAL folded in, so the file alone is the whole book and may
// be renamed (the store switches it back to WAL when it opens it).
Status make_self_contained(Connection& copy) {
    MF_CHECK(copy.exec("fold in the WAL", "PRAGMA wal_checkpoint(TRUNCATE)"));
    return copy.exec("leave WAL mode", "PRAGMA journal_mode = DELETE");
}

void remove_book_files(const std::string& path) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(path + suffix, ignored);
}

// The folder of a file about to be written, made when missing.
Status make_folder_of(const std::string& path, std::string_view field) {
    const auto folder = std::filesystem::path(path).parent_path();
    std::error_code error;
    if (!folder.empty())
        std::filesystem::create_directories(folder, error);
    if (error) {
        return make_error("storage_error",
                          fmt::format("cannot create folder {}: {}", folder.string(), error.message()),
                          std::string(field));
    }
    return ok();
}

bool exists_non_empty(const std::string& path) {
    std::error_code error;
    return std::filesystem::exists(path, error) && std::filesystem::file_size(path, error) > 0;
}

}  // namespace

Result<BackupResult> backup_sqlite(const std::string& book_path, const std::string& out_path,
                                   Overwrite overwrite) {
    std::error_code error;
    if (!std::filesystem::exists(book_path, error))
        return make_error("book_not_found", fmt::format("no book at {}", book_path), "db");
    MF_CHECK(check_out_path(out_path, overwrite));
    MF_CHECK(make_folder_of(out_path, "out"));
    const std::string partial = partial_path(out_path);
    {
        MF_TRY(auto source, open_file(book_path, SQLITE_OPEN_READONLY));
        MF_CHECK(check_is_book(*source, book_path, "db"));
        remove_book_files(partial);
        MF_TRY(auto copy, open_file(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
        Status copied = copy_pages(*source, *copy, "back up " + book_path);
        if (copied)
            copied = check_copy(*copy, partial);
        if (copied)
            copied = make_self_contained(*copy);
        if (!copied) {
            copy.reset();
            remove_book_files(partial);
            return copied.error();
        }
    }
    MF_CHECK(place_file(partial, out_path));
    return BackupResult{"sqlite", out_path, file_size_bytes(out_path)};
}

Status restore_sqlite(const std::string& from_path, const std::string& book_path, Overwrite overwrite,
                      const CheckRestored& check) {
    const bool replacing = exists_non_empty(book_path);
    if (replacing && overwrite == Overwrite::refuse) {
        return make_error(
            "book_exists",
            fmt::format("{} holds a book already: restore to a new place, or --force to replace "
                        "it (stop its servers first)",
                        book_path),
            "db");
    }
    MF_CHECK(make_folder_of(book_path, "db"));
    const std::string staged = book_path + ".restoring";
    remove_book_files(staged);
    struct RemoveStaged {
        const std::string& path;
        ~RemoveStaged() { remove_book_files(path); }
    } remove_staged{staged};
    {
        MF_TRY(auto from, open_file(from_path, SQLITE_OPEN_READONLY));
        MF_CHECK(check_is_book(*from, from_path, "from"));
        MF_TRY(auto copy, open_file(staged, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
        MF_CHECK(copy_pages(*from, *copy, "restore " + from_path));
        MF_CHECK(check_copy(*copy, staged));
    }
    MF_CHECK(check("sqlite:" + staged));  // opens it as a book (migrating it forward) and verifies it
    MF_TRY(auto copy, open_file(staged, SQLITE_OPEN_READWRITE));
    MF_CHECK(make_self_contained(*copy));
    if (!replacing) {
        copy.reset();
        remove_book_files(book_path);  // an empty file, or a WAL left without its book
        return place_file(staged, book_path);
    }
    // Into the existing book through SQLite's own locks, so its WAL and readers stay consistent.
    MF_TRY(auto target, open_file(book_path, SQLITE_OPEN_READWRITE));
    return copy_pages(*copy, *target, "replace " + book_path);
}

}  // namespace mf::backup
