// libpq plumbing of the PostgreSQL store: one connection with its prepared statements, and statement handles
// that bind text parameters, run once and read the rows in the bind_*/column_* vocabulary the record codec
// shares with SQLite; PostgreSQL failures become "storage_error" (or "invalid_reference"), and a
// serialization failure or deadlock marks the connection so the store re-runs the transaction.
// Thread-safety: a Connection and its statements are used by one thread at a time (the store's pool leases a
// connection to one transaction).
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/money.hpp"

namespace mf::pg {

// A statement known at compile time: a name for error messages and its SQL ($1, $2, ... parameters). Its
// address keys the connection's prepared statements, so each is defined once (constexpr, namespace scope).
struct Sql {
    const char* name;
    const char* text;
};

// SQLSTATEs the store acts on.
inline constexpr std::string_view kSerializationFailure = "40001";
inline constexpr std::string_view kDeadlockDetected = "40P01";
inline constexpr std::string_view kUniqueViolation = "23505";
inline constexpr std::string_view kForeignKeyViolation = "23503";

// "storage_error" naming the operation, with the server's own message.
Error storage_error(std::string_view operation, std::string_view message);

class Connection;

struct ResultDeleter {
    void operator()(PGresult* result) const { PQclear(result); }
};
using ResultHandle = std::unique_ptr<PGresult, ResultDeleter>;

// A prepared statement with its parameters: bound in order, run once (step() runs it on the first call and
// walks the rows, all fetched), columns read in order.
class Statement {
  public:
    Statement(Connection& connection, std::string prepared_name, const char* name);
    // The rows of a statement that ran already.
    Statement(Connection& connection, ResultHandle result, const char* name);

    Statement& bind_int(int64_t value);
    Statement& bind_bool(bool value);
    Statement& bind_text(std::string_view value);
    Statement& bind_null();
    Statement& bind_id(int64_t id);  // 0 (no record) binds NULL, so foreign keys hold
    Statement& bind_optional_id(const std::optional<int64_t>& id);
    Statement& bind_date(Date date);  // 'YYYY-MM-DD'
    Statement& bind_optional_date(const std::optional<Date>& date);
    Statement& bind_currency(Currency currency);

    // Runs the statement on the first call; true while a row is ready. Restarts the column cursor.
    Result<bool> step();
    // Runs a statement for its effect (INSERT, UPDATE, ...); rows it returns are ignored.
    Status run();
    // Rows changed by the statement that ran (UPDATE, INSERT).
    int64_t changed_rows() const;
    // The SQLSTATE of the run when it failed ("23505", ...), else empty.
    const std::string& failed_state() const { return failed_state_; }
    const char* name() const { return name_; }

    int64_t column_int();  // NULL reads as 0
    bool column_bool();
    int64_t column_id() { return column_int(); }
    std::optional<int64_t> column_optional_id();
    std::string column_text();
    std::string_view column_text_view();  // valid while the statement lives
    bool column_is_null();                // looks at the next column without moving past it
    Result<Date> column_date();
    Result<std::optional<Date>> column_optional_date();
    Result<Currency> column_currency();
    template <class Enum>
    Result<Enum> column_enum(Result<Enum> (*parse)(std::string_view)) {
        const int index = column_;
        auto parsed = parse(column_text_view());
        if (!parsed)
            return corrupt(index, parsed.error().message);
        return parsed.value();
    }
    int column_index() const { return column_; }
    void skip_columns(int count) { column_ += count; }
    // A stored value that does not read back: "storage_error" naming the column.
    Error corrupt(int index, std::string_view message) const;

  private:
    Status execute();

    Connection* connection_;
    std::string prepared_name_;
    const char* name_;
    std::vector<std::string> values_;
    std::vector<bool> nulls_;
    ResultHandle result_;
    std::string failed_state_;
    int row_ = -1;
    int rows_ = 0;
    int column_ = 0;
};

class Connection {
  public:
    // conninfo: a libpq connection string or URI.
    static Result<std::unique_ptr<Connection>> open(const std::string& conninfo);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // A statement of sql, prepared on this connection on first use.
    Result<Statement> prepare(const Sql& sql);
    // A statement whose text depends on a query's shape (never its values): prepared per (family, shape);
    // build makes the text on the first use of a shape.
    Result<Statement> prepare_shaped(const Sql& family, uint32_t shape,
                                     const std::function<std::string()>& build);
    // Runs SQL text without parameters or results (transaction control, schema); may hold several
    // statements.
    Status exec(std::string_view operation, const std::string& sql);
    // One integer from a statement without parameters that returns one row (counts, versions). Not for the
    // hot path.
    Result<int64_t> query_int(std::string_view operation, const std::string& sql);

    // Runs a statement with text parameters and returns its result, or the failure (recorded for retry).
    Result<ResultHandle> run_prepared(const std::string& prepared_name, const char* name,
                                      const std::vector<std::string>& values, const std::vector<bool>& nulls,
                                      std::string& failed_state);

    // True when a statement since the last clear failed with a serialization failure or a deadlock: the
    // transaction must be rolled back and run again.
    bool must_retry() const { return must_retry_; }
    void clear_retry() { must_retry_ = false; }
    bool healthy() const { return PQstatus(conn_) == CONNECTION_OK; }
    bool in_transaction() const { return PQtransactionStatus(conn_) != PQTRANS_IDLE; }
    // True inside a transaction that a failed statement aborted (only ROLLBACK [TO SAVEPOINT] works there).
    bool failed_transaction() const { return PQtransactionStatus(conn_) == PQTRANS_INERROR; }

  private:
    explicit Connection(PGconn* conn) : conn_(conn) {}
    struct Key {
        const Sql* family;
        uint32_t shape;
        friend bool operator==(const Key&, const Key&) = default;
    };
    struct KeyHash {
        size_t operator()(const Key& key) const {
            return std::hash<const void*>()(key.family) ^
                   (static_cast<size_t>(key.shape) * 0x9E3779B97F4A7C15ull);
        }
    };
    Result<Statement> checkout(const Key& key, const char* name, const std::function<std::string()>& text);
    Error failure(const PGresult* result, const char* name, std::string& failed_state);

    PGconn* conn_;
    std::unordered_map<Key, std::string, KeyHash> prepared_;  // the server-side name of each statement
    bool must_retry_ = false;
};

}  // namespace mf::pg
