#include "store/sqlite/sqlite_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "store/fee_text_memo.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/schema.hpp"
#include "store/sqlite/sqlite_transaction.hpp"

namespace mf {
namespace {

using sqlite::Connection;
using sqlite::Sql;

constexpr int kBusyTimeoutMs = 5000;

constexpr Sql kBeginWrite{"begin write transaction", "BEGIN IMMEDIATE"};
constexpr Sql kBeginRead{"begin read transaction", "BEGIN DEFERRED"};
constexpr Sql kCommit{"commit", "COMMIT"};
constexpr Sql kRollback{"roll back", "ROLLBACK"};

// One connection and what lives with it; the mutex serializes its users, owner names the thread inside.
struct Lane {
    std::mutex mutex;
    std::unique_ptr<Connection> connection;
    FeeTextMemo fee_text;
    std::atomic<std::thread::id> owner{};
    sqlite::SqliteTransaction* active = nullptr;  // the owner's transaction, for nested calls
    int savepoints = 0;                           // nesting depth below it
};

Status run_statement(Connection& db, const Sql& sql) {
    MF_TRY(auto statement, db.prepare(sql));
    return statement.run();
}

// Leaves the connection outside any transaction whatever way the function ends (an error, an exception).
class EndTransaction {
  public:
    explicit EndTransaction(Connection& db) : db_(db) {}
    ~EndTransaction() {
        if (db_.in_transaction())
            (void)run_statement(db_, kRollback);
    }
    EndTransaction(const EndTransaction&) = delete;
    EndTransaction& operator=(const EndTransaction&) = delete;

  private:
    Connection& db_;
};

class SqliteStore final : public Store {
  public:
    SqliteStore(std::string path, std::unique_ptr<Connection> writer,
                std::vector<std::unique_ptr<Connection>> readers)
        : path_(std::move(path)) {
        writer_.connection = std::move(writer);
        for (auto& reader : readers) {
            readers_.push_back(std::make_unique<Lane>());
            readers_.back()->connection = std::move(reader);
        }
    }

    Status write(const std::function<Status(Transaction&)>& fn) override {
        if (writer_.connection == nullptr) {
            return make_error("read_only_book",
                              fmt::format("the book {} is read-only (the file or its file system cannot be "
                                          "written): nothing was changed; reads are still served",
                                          path_));
        }
        if (writer_.owner.load() == std::this_thread::get_id())
            return run_nested(fn, true);
        check_not_reading();
        return run(writer_, std::unique_lock(writer_.mutex), kBeginWrite, fn);
    }
    // Reads run on whichever reader connection is free (they run side by side, each on its own snapshot).
    Status read(const std::function<Status(Transaction&)>& fn) override {
        if (writer_.owner.load() == std::this_thread::get_id())
            return run_nested(fn, false);
        check_not_reading();
        for (auto& lane : readers_) {
            std::unique_lock lock(lane->mutex, std::try_to_lock);
            if (lock)
                return run(*lane, std::move(lock), kBeginRead, fn);
        }
        Lane& lane = *readers_[std::hash<std::thread::id>{}(std::this_thread::get_id()) % readers_.size()];
        return run(lane, std::unique_lock(lane.mutex), kBeginRead, fn);
    }
    std::string describe() const override { return "sqlite:" + path_; }

  private:
    Status run(Lane& lane, std::unique_lock<std::mutex> lock, const Sql& begin,
               const std::function<Status(Transaction&)>& fn);
    Status run_nested(const std::function<Status(Transaction&)>& fn, bool writes);
    // A write or read inside a read would wait for a lane while holding a snapshot: a bug.
    void check_not_reading() const {
        const std::thread::id self = std::this_thread::get_id();
        for (const auto& lane : readers_) {
            const bool not_nested_in_a_read_of_this_store = lane->owner.load() != self;
            MF_ASSERT(not_nested_in_a_read_of_this_store);
        }
    }

    std::string path_;
    Lane writer_;  // no connection when the book is read-only
    // Declared last: closed first, so the writer's close checkpoints the WAL.
    std::vector<std::unique_ptr<Lane>> readers_;
};

Status SqliteStore::run(Lane& lane, std::unique_lock<std::mutex> lock, const Sql& begin,
                        const std::function<Status(Transaction&)>& fn) {
    MF_ASSERT(lock.owns_lock());
    const std::thread::id self = std::this_thread::get_id();
    lane.owner.store(self);
    struct ClearOwner {
        Lane& lane;
        ~ClearOwner() { lane.owner.store(std::thread::id()); }
    } clear_owner{lane};

    Connection& db = *lane.connection;
    MF_CHECK(run_statement(db, begin));
    EndTransaction end(db);
    sqlite::SqliteTransaction transaction(db, lane.fee_text);
    lane.active = &transaction;
    struct ClearActive {
        Lane& lane;
        ~ClearActive() { lane.active = nullptr; }
    } clear_active{lane};
    Status result = fn(transaction);
    if (!result)
        return result;  // rolled back by `end`
    MF_CHECK(transaction.flush_pending());
    return run_statement(db, kCommit);
}

// Inside the thread's own write transaction: a read runs on it as is (seeing its changes); a write runs in a
// savepoint. Balances and audit events are flushed on the way in and out so undoing the savepoint undoes them
// too.
Status SqliteStore::run_nested(const std::function<Status(Transaction&)>& fn, bool writes) {
    MF_ASSERT(writer_.active != nullptr);
    sqlite::SqliteTransaction& transaction = *writer_.active;
    if (!writes)
        return fn(transaction);
    Connection& db = *writer_.connection;
    MF_CHECK(transaction.flush_pending());
    const std::string name = fmt::format("nested_{}", ++writer_.savepoints);
    struct Depth {
        Lane& lane;
        ~Depth() { --lane.savepoints; }
    } depth{writer_};
    MF_CHECK(db.exec("begin savepoint", ("SAVEPOINT " + name).c_str()));
    Status result = fn(transaction);
    if (result)
        result = transaction.flush_pending();
    if (!result) {
        transaction.discard_balances();
        MF_CHECK(db.exec("undo savepoint", ("ROLLBACK TO " + name).c_str()));
    }
    MF_CHECK(db.exec("release savepoint", ("RELEASE " + name).c_str()));
    return result;
}

Status configure(Connection& db, bool writer) {
    sqlite3_busy_timeout(db.handle(), kBusyTimeoutMs);
    // A batch of thousands of invoices touches many pages: a page cache too small for it spills to the WAL
    // mid-transaction and reads the pages back.
    MF_CHECK(db.exec("set cache size", "PRAGMA cache_size = -65536"));
    if (!writer)
        return ok();
    // WAL: readers see the last commit while a write runs. FULL: a commit is on disk before write() returns.
    MF_CHECK(db.exec("set journal mode", "PRAGMA journal_mode = WAL"));
    MF_TRY(const int64_t wal,
           db.query_int("check journal mode", "SELECT journal_mode = 'wal' FROM pragma_journal_mode"));
    if (wal != 1)
        return sqlite::storage_error("set journal mode", "the file system does not support WAL");
    MF_CHECK(db.exec("set synchronous", "PRAGMA synchronous = FULL"));
    return db.exec("enable foreign keys", "PRAGMA foreign_keys = ON");
}

Status check_path(const std::string& path, OpenMode mode) {
    std::error_code error;
    const bool exists = std::filesystem::exists(path, error);
    if (error)
        return sqlite::storage_error("open " + path, error.message());
    if (mode == OpenMode::open_existing && !exists) {
        return make_error("book_not_found", fmt::format("no book at {}", path), "db");
    }
    if (mode == OpenMode::create_new && exists) {
        const auto size_bytes = std::filesystem::file_size(path, error);
        if (error || size_bytes > 0) {
            return make_error("book_exists",
                              fmt::format("{} exists already: a new book needs a new file", path), "db");
        }
    }
    return ok();
}

// Reads the schema version before anything is written, so a file that is not a book is left untouched.
Result<int64_t> check_book(Connection& db, const std::string& path, OpenMode mode) {
    auto version = sqlite::check_file(db);
    if (!version && sqlite3_errcode(db.handle()) == SQLITE_NOTADB) {
        return make_error("not_a_book", fmt::format("{} is not a SQLite database", path), "db");
    }
    if (version && version.value() == 0 && mode == OpenMode::open_existing) {
        return make_error("book_not_found", fmt::format("{} holds no book", path), "db");
    }
    return version;
}

bool is_read_only_failure(Connection& db) {
    const int code = sqlite3_extended_errcode(db.handle());
    return (code & 0xff) == SQLITE_READONLY || (code & 0xff) == SQLITE_CANTOPEN;
}

// The URI that opens a book file as immutable: SQLite then reads it without its -wal and -shm files.
std::string immutable_uri(const std::string& path) {
    std::string uri = "file:";
    for (const char c : path) {
        if (c == '%' || c == '?' || c == '#')
            uri += fmt::format("%{:02x}", static_cast<unsigned char>(c));
        else
            uri += c;
    }
    return uri + "?immutable=1";
}

// One read-only connection. On a book in a folder that cannot be written either (a read-only mount), SQLite
// cannot create the -shm file a WAL book is read with: a book closed cleanly (no -wal file left) is then read
// as immutable, which is true of it while nothing can write it.
Result<std::unique_ptr<Connection>> open_reader(const std::string& path, bool read_only_book) {
    MF_TRY(auto reader, Connection::open(path, SQLITE_OPEN_READONLY));
    auto configured = configure(*reader, false);
    if (configured)
        return reader;
    std::error_code error;
    const auto wal_bytes = std::filesystem::file_size(path + "-wal", error);
    const bool clean = error || wal_bytes == 0;
    if (!read_only_book || !is_read_only_failure(*reader))
        return configured.error();
    if (!clean) {
        return make_error(
            "read_only_book",
            fmt::format(
                "the book {} is read-only here and its -wal file is not empty (it was not closed "
                "cleanly, or a process that may write it has it open): reading it would write; open it "
                "once where it can be written",
                path),
            "db");
    }
    reader.reset();
    MF_TRY(auto immutable, Connection::open(immutable_uri(path), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI));
    MF_CHECK(configure(*immutable, false));
    return immutable;
}

// A book whose file (or file system) cannot be written: served for reading only, on read-only connections.
// Its schema must be current, since it cannot be migrated.
Result<std::vector<std::unique_ptr<Connection>>> open_readers(const std::string& path, unsigned count,
                                                              bool check) {
    std::vector<std::unique_ptr<Connection>> readers;
    for (unsigned i = 0; i < count; ++i) {
        MF_TRY(auto reader, open_reader(path, check));
        if (check && i == 0) {
            auto version = check_book(*reader, path, OpenMode::open_existing);
            if (!version) {
                if (is_read_only_failure(*reader)) {
                    return make_error(
                        "read_only_book",
                        fmt::format("the book {} is read-only and cannot be read without "
                                    "writing beside it (it was not closed cleanly: open it once "
                                    "where it can be written): {}",
                                    path, version.error().message),
                        "db");
                }
                return version.error();
            }
            if (version.value() != sqlite::latest_schema_version()) {
                return make_error("read_only_book",
                                  fmt::format("the book {} is read-only and its schema (version {}) needs "
                                              "upgrading to version {}, which writes to it",
                                              path, version.value(), sqlite::latest_schema_version()),
                                  "db");
            }
        }
        readers.push_back(std::move(reader));
    }
    return readers;
}

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, OpenMode mode) {
    // SQLite's memory statistics take a global mutex on every allocation (about a tenth of the hot path).
    // They can only be switched off before SQLite initializes, so it is done by the first book the process
    // opens; later it is refused (SQLITE_MISUSE) and harmless.
    static std::once_flag no_memory_statistics;
    std::call_once(no_memory_statistics, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
    MF_CHECK(check_path(path, mode));
    const int create = mode == OpenMode::open_existing ? 0 : SQLITE_OPEN_CREATE;
    // One reader per core, at least two: reads (the API's GETs) run side by side.
    const unsigned reader_count = std::max(2u, std::thread::hardware_concurrency());
    MF_TRY(auto writer, Connection::open(path, SQLITE_OPEN_READWRITE | create));
    // SQLite opens a file it may not write (permissions, a read-only mount) read-only instead; an existing
    // book there is served for reading, and every write is refused with "read_only_book".
    auto book = check_book(*writer, path, mode);
    const bool read_only =
        mode == OpenMode::open_existing &&
        (sqlite3_db_readonly(writer->handle(), "main") == 1 || (!book && is_read_only_failure(*writer)));
    if (read_only) {
        writer.reset();
        MF_TRY(auto readers, open_readers(path, reader_count, true));
        return std::unique_ptr<Store>(new SqliteStore(path, nullptr, std::move(readers)));
    }
    MF_CHECK(book);
    MF_CHECK(configure(*writer, true));
    MF_CHECK(sqlite::migrate(*writer));
    MF_TRY(auto readers, open_readers(path, reader_count, false));
    return std::unique_ptr<Store>(new SqliteStore(path, std::move(writer), std::move(readers)));
}

}  // namespace mf
