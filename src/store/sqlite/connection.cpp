#include "store/sqlite/connection.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace mf::sqlite {

Error storage_error(sqlite3* db, std::string_view operation) {
    return storage_error(operation, db != nullptr ? sqlite3_errmsg(db) : "out of memory");
}

Error storage_error(std::string_view operation, std::string_view message) {
    return make_error("storage_error", fmt::format("{}: {}", operation, message));
}

// ---- Statement ----

CachedStatement::CachedStatement(sqlite3_stmt* prepared)
    : stmt(prepared), scratch(static_cast<size_t>(sqlite3_bind_parameter_count(prepared)) + 1) {}

Statement::Statement(CachedStatement& cached, const char* name)
    : slot_(&cached), stmt_(cached.stmt), name_(name) {
    slot_->in_use = true;
}

Statement::Statement(std::unique_ptr<CachedStatement> owned, const char* name)
    : owned_(std::move(owned)), slot_(owned_.get()), stmt_(owned_->stmt), name_(name) {}

Statement::Statement(Statement&& other) noexcept
    : owned_(std::move(other.owned_)),
      slot_(std::exchange(other.slot_, nullptr)),
      stmt_(std::exchange(other.stmt_, nullptr)),
      name_(other.name_),
      parameter_(other.parameter_),
      column_(other.column_),
      failed_code_(other.failed_code_) {}

Statement::~Statement() {
    if (stmt_ == nullptr)
        return;
    if (owned_ != nullptr) {
        sqlite3_finalize(stmt_);
        return;
    }
    sqlite3_reset(stmt_);
    slot_->in_use = false;
}

namespace {
void check_bind(int rc) {
    // Binding fails only on a wrong parameter index or a value past SQLite's limits: a bug in this store.
    MF_ASSERT(rc == SQLITE_OK);
}
}  // namespace

Statement& Statement::bind_int(int64_t value) {
    check_bind(sqlite3_bind_int64(stmt_, ++parameter_, value));
    return *this;
}

Statement& Statement::bind_bool(bool value) {
    return bind_int(value ? 1 : 0);
}

Statement& Statement::bind_text(std::string_view value) {
    // A null data pointer would bind SQL NULL; an empty view is an empty string.
    const char* data = value.data() != nullptr ? value.data() : "";
    check_bind(sqlite3_bind_text64(stmt_, ++parameter_, data, value.size(), SQLITE_STATIC, SQLITE_UTF8));
    return *this;
}

Statement& Statement::bind_null() {
    check_bind(sqlite3_bind_null(stmt_, ++parameter_));
    return *this;
}

Statement& Statement::bind_id(int64_t id) {
    return id == 0 ? bind_null() : bind_int(id);
}

Statement& Statement::bind_optional_id(const std::optional<int64_t>& id) {
    return id ? bind_int(*id) : bind_null();
}

namespace {
// The 'YYYY-MM-DD' of Date::to_string without its snprintf and string: dates are bound on every hot write.
void format_date(Date date, char (&text)[10]) {
    const std::chrono::year_month_day ymd = date.ymd();
    const int year = static_cast<int>(ymd.year());
    MF_ASSERT(year >= 0 && year <= 9999);  // Date keeps 1900..9999
    const auto digit = [](unsigned value) { return static_cast<char>('0' + value % 10); };
    const auto year_digits = static_cast<unsigned>(year);
    const auto month = static_cast<unsigned>(ymd.month()), day = static_cast<unsigned>(ymd.day());
    text[0] = digit(year_digits / 1000);
    text[1] = digit(year_digits / 100);
    text[2] = digit(year_digits / 10);
    text[3] = digit(year_digits);
    text[4] = '-';
    text[5] = digit(month / 10);
    text[6] = digit(month);
    text[7] = '-';
    text[8] = digit(day / 10);
    text[9] = digit(day);
}
}  // namespace

Statement& Statement::bind_scratch(std::string_view value) {
    auto& buffer = slot_->scratch[static_cast<size_t>(++parameter_)];
    MF_ASSERT(value.size() <= buffer.size());
    std::copy(value.begin(), value.end(), buffer.begin());
    check_bind(
        sqlite3_bind_text(stmt_, parameter_, buffer.data(), static_cast<int>(value.size()), SQLITE_STATIC));
    return *this;
}

Statement& Statement::bind_date(Date date) {
    char text[10];
    format_date(date, text);
    return bind_scratch(std::string_view(text, sizeof text));
}

Statement& Statement::bind_optional_date(const std::optional<Date>& date) {
    return date ? bind_date(*date) : bind_null();
}

Statement& Statement::bind_currency(Currency currency) {
    MF_ASSERT(currency.valid());
    return bind_scratch(currency.code());  // the code lives in the Currency value, which may be a temporary
}

Result<bool> Statement::step() {
    column_ = 0;
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    sqlite3* db = sqlite3_db_handle(stmt_);
    failed_code_ = sqlite3_extended_errcode(db);
    if (failed_code_ == SQLITE_CONSTRAINT_FOREIGNKEY) {
        return make_error("invalid_reference", fmt::format("{}: a record it refers to does not exist ({})",
                                                           name_, sqlite3_errmsg(db)));
    }
    return storage_error(db, name_);
}

Status Statement::run() {
    MF_TRY(const bool row, step());
    // A statement run for its effect returns no row; one that does is a bug in its SQL.
    MF_ASSERT(!row);
    return ok();
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    parameter_ = 0;
    column_ = 0;
}

int64_t Statement::column_int() {
    return sqlite3_column_int64(stmt_, column_++);
}

bool Statement::column_bool() {
    return column_int() != 0;
}

int64_t Statement::column_id() {
    return column_int();
}

std::optional<int64_t> Statement::column_optional_id() {
    if (column_is_null()) {
        ++column_;
        return std::nullopt;
    }
    return column_int();
}

std::string_view Statement::column_text_view() {
    const int index = column_++;
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, index));
    if (data == nullptr)
        return {};
    return {data, static_cast<size_t>(sqlite3_column_bytes(stmt_, index))};
}

std::string Statement::column_text() {
    return std::string(column_text_view());
}

bool Statement::column_is_null() {
    return sqlite3_column_type(stmt_, column_) == SQLITE_NULL;
}

Result<Date> Statement::column_date() {
    const int index = column_;
    auto date = parse_date(column_text_view());
    if (!date)
        return corrupt(index, date.error().message);
    return date.value();
}

Result<std::optional<Date>> Statement::column_optional_date() {
    if (column_is_null()) {
        ++column_;
        return std::optional<Date>();
    }
    MF_TRY(const Date date, column_date());
    return std::optional<Date>(date);
}

Result<Currency> Statement::column_currency() {
    const int index = column_;
    auto currency = Currency::from_code(column_text_view());
    if (!currency)
        return corrupt(index, currency.error().message);
    return currency.value();
}

Error Statement::corrupt(int index, std::string_view message) const {
    const char* column = sqlite3_column_name(stmt_, index);
    return storage_error(name_, fmt::format("stored value of column {} does not read back: {}",
                                            column != nullptr ? column : "?", message));
}

// ---- Connection ----

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path, int flags) {
    sqlite3* db = nullptr;
    const int rc =
        sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, nullptr);
    if (rc != SQLITE_OK) {
        Error error = storage_error(db, "open " + path);
        sqlite3_close_v2(db);
        return error;
    }
    return std::unique_ptr<Connection>(new Connection(db));
}

Connection::~Connection() {
    for (auto& [key, cached] : cache_) {
        MF_ASSERT(!cached.in_use);  // a statement handle outlived its connection
        sqlite3_finalize(cached.stmt);
    }
    sqlite3_close_v2(db_);
}

Result<Statement> Connection::prepare(const Sql& sql) {
    return checkout(Key{&sql, 0}, sql.name, sql.text);
}

Result<Statement> Connection::prepare_shaped(const Sql& family, uint32_t shape,
                                             const std::function<std::string()>& build) {
    const Key key{&family, shape};
    auto text = shaped_texts_.find(key);
    if (text == shaped_texts_.end())
        text = shaped_texts_.emplace(key, build()).first;
    return checkout(key, family.name, text->second.c_str());
}

Result<Statement> Connection::checkout(const Key& key, const char* name, const char* text) {
    auto found = cache_.find(key);
    if (found != cache_.end() && !found->second.in_use)
        return Statement(found->second, name);
    // In use by an enclosing scan (a callback querying the same thing): a private statement for this use
    // only.
    const bool cache_it = found == cache_.end();
    sqlite3_stmt* stmt = nullptr;
    const unsigned flags = cache_it ? SQLITE_PREPARE_PERSISTENT : 0;
    if (sqlite3_prepare_v3(db_, text, -1, flags, &stmt, nullptr) != SQLITE_OK) {
        return storage_error(db_, std::string("prepare ") + name);
    }
    if (!cache_it)
        return Statement(std::make_unique<CachedStatement>(stmt), name);
    return Statement(cache_.emplace(key, CachedStatement(stmt)).first->second, name);
}

Status Connection::exec(std::string_view operation, const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        Error error = storage_error(operation, message != nullptr ? message : sqlite3_errmsg(db_));
        sqlite3_free(message);
        return error;
    }
    return ok();
}

Result<int64_t> Connection::query_int(std::string_view operation, const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) != SQLITE_OK)
        return storage_error(db_, operation);
    const int rc = sqlite3_step(stmt);
    const int64_t value = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        Error error = storage_error(db_, operation);
        sqlite3_finalize(stmt);
        return error;
    }
    sqlite3_finalize(stmt);
    return value;
}

}  // namespace mf::sqlite
