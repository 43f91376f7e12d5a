#include "store/postgres/pg_store.hpp"

#include <fmt/format.h>

#include <chrono>
#include <random>
#include <thread>
#include <utility>

#include "store/postgres/pg_pool.hpp"
#include "store/postgres/pg_schema.hpp"
#include "store/postgres/pg_transaction.hpp"

namespace mf {
namespace {

using pg::Connection;
using pg::PgTransaction;

constexpr std::string_view kDefaultSchema = "microfactor";
// A write that keeps meeting concurrent ones gives up after this many runs ("storage_error").
constexpr int kMaxWriteAttempts = 20;
constexpr int kBackoffBaseMs = 2;
constexpr int kBackoffCapMs = 100;

constexpr const char* kBeginWrite = "BEGIN ISOLATION LEVEL SERIALIZABLE";
constexpr const char* kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

// A transaction the current thread is running, so a write() or read() of the same store called by its
// function runs in it (a second lease would deadlock on the outer transaction's row locks or exhaust the
// pool). Frames of different stores chain.
struct Running {
    const Store* store = nullptr;
    PgTransaction::Mode mode = PgTransaction::Mode::read;
    Connection* connection = nullptr;
    PgTransaction* transaction = nullptr;  // of the current attempt
    int savepoints = 0;                    // nesting depth below it
    Running* previous = nullptr;
};
thread_local Running* running = nullptr;

Running* running_of(const Store& store) {
    for (Running* frame = running; frame != nullptr; frame = frame->previous) {
        if (frame->store == &store)
            return frame;
    }
    return nullptr;
}

// Makes a frame the thread's innermost while it lives.
class Enter {
  public:
    explicit Enter(Running& frame) : frame_(frame) {
        frame.previous = running;
        running = &frame;
    }
    ~Enter() { running = frame_.previous; }
    Enter(const Enter&) = delete;
    Enter& operator=(const Enter&) = delete;

  private:
    Running& frame_;
};

// Leaves the connection outside any transaction whatever way the function ends (an error, an exception).
class EndTransaction {
  public:
    explicit EndTransaction(Connection& db) : db_(db) {}
    ~EndTransaction() {
        if (db_.in_transaction())
            (void)db_.exec("roll back", "ROLLBACK");
    }
    EndTransaction(const EndTransaction&) = delete;
    EndTransaction& operator=(const EndTransaction&) = delete;

  private:
    Connection& db_;
};

// A random wait that grows with the attempt, so transactions that collided do not collide again in step.
void back_off(int attempt) {
    thread_local std::minstd_rand random(std::random_device{}());
    const int cap_ms = std::min(kBackoffCapMs, kBackoffBaseMs << std::min(attempt, 6));
    std::uniform_int_distribution<int> wait_ms(0, cap_ms);
    std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms(random)));
}

class PgStore final : public Store {
  public:
    PgStore(std::string url, PostgresUrl parts) : url_(std::move(url)), pool_(parts.conninfo, parts.schema) {}

    Status write(const std::function<Status(Transaction&)>& fn) override;
    Status read(const std::function<Status(Transaction&)>& fn) override;
    std::string describe() const override { return url_; }

  private:
    // One run of fn in a transaction. Sets retry when it met a serialization failure or deadlock (also in a
    // nested write whose failure fn did not pass on): nothing was committed and fn must run again.
    Status run_once(pg::Lease& lease, Running& frame, const std::function<Status(Transaction&)>& fn,
                    bool& retry);
    // A write() inside the thread's own write transaction: fn runs in a savepoint of it.
    Status run_nested(Running& frame, const std::function<Status(Transaction&)>& fn);

    std::string url_;
    pg::Pool pool_;
};

Status PgStore::run_once(pg::Lease& lease, Running& frame, const std::function<Status(Transaction&)>& fn,
                         bool& retry) {
    Connection& db = lease.connection();
    db.clear_retry();
    EndTransaction end(db);
    auto result = [&]() -> Status {
        const bool writes = frame.mode == PgTransaction::Mode::write;
        MF_CHECK(db.exec("begin transaction", writes ? kBeginWrite : kBeginRead));
        PgTransaction transaction(db, lease.fee_text(), frame.mode);
        frame.connection = &db;
        frame.transaction = &transaction;
        struct Forget {
            Running& frame;
            ~Forget() { frame.transaction = nullptr; }
        } forget{frame};
        MF_CHECK(fn(transaction));
        if (db.must_retry())
            return pg::storage_error("write transaction", "met a concurrent write: run again");
        // A statement failed and fn went on without passing its failure: COMMIT would roll back in silence.
        if (db.failed_transaction())
            return pg::storage_error("commit",
                                     "a statement of the transaction failed, so it was rolled back");
        MF_CHECK(transaction.flush_balances());
        return db.exec("commit", "COMMIT");
    }();
    retry = db.must_retry();
    return result;
}

// Inside the thread's own write transaction a write runs in a savepoint. Balances are flushed on the way in
// and out so undoing the savepoint undoes them too; undoing it also leaves the transaction usable after a
// failed statement (PostgreSQL aborts the whole transaction otherwise). A serialization failure or deadlock
// is not retried here: it is passed on, and the outer write() runs its whole function again.
Status PgStore::run_nested(Running& frame, const std::function<Status(Transaction&)>& fn) {
    MF_ASSERT(frame.transaction != nullptr);
    PgTransaction& transaction = *frame.transaction;
    Connection& db = *frame.connection;
    MF_CHECK(transaction.flush_balances());
    const std::string name = fmt::format("nested_{}", ++frame.savepoints);
    struct Depth {
        Running& frame;
        ~Depth() { --frame.savepoints; }
    } depth{frame};
    MF_CHECK(db.exec("begin savepoint", "SAVEPOINT " + name));
    Status result = fn(transaction);
    if (result)
        result = transaction.flush_balances();
    if (result && db.must_retry())
        result = pg::storage_error("nested write", "met a concurrent write: the outer write runs again");
    if (!result) {
        transaction.discard_balances();
        MF_CHECK(db.exec("undo savepoint", "ROLLBACK TO SAVEPOINT " + name));
    }
    MF_CHECK(db.exec("release savepoint", "RELEASE SAVEPOINT " + name));
    return result;
}

Status PgStore::write(const std::function<Status(Transaction&)>& fn) {
    if (Running* outer = running_of(*this)) {
        // A write inside a read would need a second connection while holding a snapshot: a bug.
        const bool not_nested_in_a_read_of_this_store = outer->mode == PgTransaction::Mode::write;
        MF_ASSERT(not_nested_in_a_read_of_this_store);
        return run_nested(*outer, fn);
    }
    Running frame{this, PgTransaction::Mode::write};
    const Enter enter(frame);
    MF_TRY(auto lease, pool_.lease());
    for (int attempt = 1;; ++attempt) {
        bool retry = false;
        Status result = run_once(lease, frame, fn, retry);
        if (!retry)
            return result;
        if (attempt == kMaxWriteAttempts) {
            return pg::storage_error(
                "write transaction",
                fmt::format("gave up after {} attempts that met concurrent writes (last: {})", attempt,
                            result ? "commit" : result.error().message));
        }
        back_off(attempt);
    }
}

Status PgStore::read(const std::function<Status(Transaction&)>& fn) {
    if (Running* outer = running_of(*this)) {
        // A read inside a write reads through the write transaction (seeing its changes); inside a read it is
        // a bug, as on SQLite.
        const bool not_nested_in_a_read_of_this_store = outer->mode == PgTransaction::Mode::write;
        MF_ASSERT(not_nested_in_a_read_of_this_store);
        MF_ASSERT(outer->transaction != nullptr);
        return fn(*outer->transaction);
    }
    Running frame{this, PgTransaction::Mode::read};
    const Enter enter(frame);
    MF_TRY(auto lease, pool_.lease());
    bool retry = false;
    return run_once(lease, frame, fn, retry);
}

}  // namespace

Result<PostgresUrl> parse_postgres_url(std::string_view url) {
    if (!url.starts_with("postgresql://") && !url.starts_with("postgres://")) {
        return make_error("invalid_store_url", fmt::format("'{}' is not a postgresql:// URL", url), "db");
    }
    PostgresUrl parts;
    parts.schema = kDefaultSchema;
    const size_t query_at = url.find('?');
    parts.conninfo = std::string(url.substr(0, query_at));
    std::string rest;  // the query parameters that are libpq's
    std::string_view query = query_at == std::string_view::npos ? "" : url.substr(query_at + 1);
    while (!query.empty()) {
        const size_t end = std::min(query.find('&'), query.size());
        const std::string_view parameter = query.substr(0, end);
        query.remove_prefix(std::min(end + 1, query.size()));
        if (parameter.starts_with("schema=")) {
            parts.schema = std::string(parameter.substr(7));
        } else if (!parameter.empty()) {
            rest += (rest.empty() ? "?" : "&") + std::string(parameter);
        }
    }
    parts.conninfo += rest;
    if (!pg::valid_schema_name(parts.schema)) {
        return make_error(
            "invalid_store_url",
            fmt::format("schema '{}' is not a plain name: use lower-case letters, digits and '_' "
                        "(at most 63, not starting with a digit)",
                        parts.schema),
            "db");
    }
    return parts;
}

Result<std::unique_ptr<Store>> open_postgres_store(std::string_view url, OpenMode mode) {
    MF_TRY(auto parts, parse_postgres_url(url));
    {
        MF_TRY(auto connection, Connection::open(parts.conninfo));
        MF_CHECK(connection->exec("configure the connection", "SET client_min_messages TO warning"));
        MF_CHECK(pg::open_book_schema(*connection, parts.schema, mode));
    }
    return std::unique_ptr<Store>(new PgStore(std::string(url), std::move(parts)));
}

}  // namespace mf
