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

// The store whose transaction the current thread is running, to catch a nested one (it could deadlock on
// its own row locks or exhaust the pool).
thread_local const Store* running_store = nullptr;

class NotNested {
  public:
    explicit NotNested(const Store& store) : previous_(running_store) {
        MF_ASSERT(running_store != &store);  // a nested transaction of this store on this thread
        running_store = &store;
    }
    ~NotNested() { running_store = previous_; }
    NotNested(const NotNested&) = delete;
    NotNested& operator=(const NotNested&) = delete;

  private:
    const Store* previous_;
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
    // One run of fn in a transaction. Sets retry when it failed on a serialization failure or deadlock.
    Status run_once(pg::Lease& lease, PgTransaction::Mode mode, const std::function<Status(Transaction&)>& fn,
                    bool& retry);

    std::string url_;
    pg::Pool pool_;
};

Status PgStore::run_once(pg::Lease& lease, PgTransaction::Mode mode,
                         const std::function<Status(Transaction&)>& fn, bool& retry) {
    Connection& db = lease.connection();
    db.clear_retry();
    EndTransaction end(db);
    auto result = [&]() -> Status {
        MF_CHECK(db.exec("begin transaction", mode == PgTransaction::Mode::write ? kBeginWrite : kBeginRead));
        PgTransaction transaction(db, lease.fee_text(), mode);
        MF_CHECK(fn(transaction));
        MF_CHECK(transaction.flush_balances());
        return db.exec("commit", "COMMIT");
    }();
    retry = db.must_retry();
    return result;
}

Status PgStore::write(const std::function<Status(Transaction&)>& fn) {
    const NotNested not_nested(*this);
    MF_TRY(auto lease, pool_.lease());
    for (int attempt = 1;; ++attempt) {
        bool retry = false;
        Status result = run_once(lease, PgTransaction::Mode::write, fn, retry);
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
    const NotNested not_nested(*this);
    MF_TRY(auto lease, pool_.lease());
    bool retry = false;
    return run_once(lease, PgTransaction::Mode::read, fn, retry);
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
