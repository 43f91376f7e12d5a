// SQLite plumbing of the store: one connection with its cache of prepared statements, and statement handles
// that bind and read domain values and turn SQLite failures into "storage_error". Thread-safety: a Connection
// and its statements are used by one thread at a time (SqliteStore holds a mutex around each connection).
#pragma once

#include <sqlite3.h>

#include <array>
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

namespace mf::sqlite {

// A statement known at compile time: a name for error messages and its SQL. Its address keys the statement
// cache, so each one is defined once (constexpr, namespace scope) and the hot path never builds SQL.
struct Sql {
    const char* name;
    const char* text;
};

// "storage_error" naming the operation, with SQLite's own message.
Error storage_error(sqlite3* db, std::string_view operation);
Error storage_error(std::string_view operation, std::string_view message);

// A prepared statement and, per parameter, room for a short value formatted at bind time (a date, a currency
// code): bound from here without a copy, where SQLite would allocate for a transient value on every bind.
struct CachedStatement {
    static constexpr size_t kScratchBytes = 16;
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
    std::vector<std::array<char, kScratchBytes>> scratch;  // [parameter index]

    explicit CachedStatement(sqlite3_stmt* prepared);
};

// A prepared statement borrowed from the cache (or owned, when the cached one is already in use by an
// enclosing scan). Parameters are bound in order and columns read in order; the statement is reset when the
// handle dies.
class Statement {
  public:
    // A statement of the cache, or a private one (owned, finalized when the handle dies).
    Statement(CachedStatement& cached, const char* name);
    Statement(std::unique_ptr<CachedStatement> owned, const char* name);
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    ~Statement();

    // Binding: the next parameter. Text is bound without a copy: the caller's data outlives the statement's
    // steps.
    Statement& bind_int(int64_t value);
    Statement& bind_bool(bool value);
    Statement& bind_text(std::string_view value);
    Statement& bind_null();
    Statement& bind_id(int64_t id);  // 0 (no record) binds NULL, so foreign keys hold
    Statement& bind_optional_id(const std::optional<int64_t>& id);
    Statement& bind_date(Date date);  // 'YYYY-MM-DD'
    Statement& bind_optional_date(const std::optional<Date>& date);
    Statement& bind_currency(Currency currency);

    // true when a row is ready, false when the statement is done. Restarts the column cursor.
    Result<bool> step();
    // Steps a statement that returns no row (INSERT, UPDATE, ...).
    Status run();
    // Ready to bind and run again (a statement run once per row of a batch).
    void reset();
    // The extended result code of the last failed step (SQLITE_CONSTRAINT_UNIQUE, ...); SQLITE_OK when none
    // failed.
    int failed_code() const { return failed_code_; }
    const char* name() const { return name_; }

    // Reading the current row: the next column.
    int64_t column_int();
    bool column_bool();
    int64_t column_id();  // NULL reads as 0
    std::optional<int64_t> column_optional_id();
    std::string column_text();
    std::string_view column_text_view();  // valid until the next step
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
    int column_index() const { return column_; }  // of the next column
    void skip_columns(int count) { column_ += count; }
    // A stored value that does not read back (a bad enum name, date or currency): "storage_error" naming the
    // column.
    Error corrupt(int index, std::string_view message) const;

  private:
    Statement& bind_scratch(std::string_view value);

    std::unique_ptr<CachedStatement> owned_;  // set for a private statement
    CachedStatement* slot_;                   // the cached statement, or owned_
    sqlite3_stmt* stmt_;
    const char* name_;
    int parameter_ = 0;
    int column_ = 0;
    int failed_code_ = SQLITE_OK;
};

class Connection {
  public:
    // flags: SQLITE_OPEN_READWRITE [| SQLITE_OPEN_CREATE] or SQLITE_OPEN_READONLY.
    static Result<std::unique_ptr<Connection>> open(const std::string& path, int flags);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // The cached statement of sql, prepared on first use.
    Result<Statement> prepare(const Sql& sql);
    // A statement whose text depends on which optional parts a query uses (a filter's shape, never its
    // values): cached per (family, shape); build makes the text on the first use of a shape.
    Result<Statement> prepare_shaped(const Sql& family, uint32_t shape,
                                     const std::function<std::string()>& build);
    // Runs SQL text without results (pragmas, schema). Not for the hot path.
    Status exec(std::string_view operation, const char* sql);
    // One integer from a single-row statement (pragmas, counts).
    Result<int64_t> query_int(std::string_view operation, const char* sql);

    int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
    int64_t changes() const { return sqlite3_changes64(db_); }
    bool in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }
    sqlite3* handle() const { return db_; }

  private:
    explicit Connection(sqlite3* db) : db_(db) {}
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
    Result<Statement> checkout(const Key& key, const char* name, const char* text);

    sqlite3* db_;
    std::unordered_map<Key, CachedStatement, KeyHash> cache_;
    std::unordered_map<Key, std::string, KeyHash> shaped_texts_;
};

}  // namespace mf::sqlite
