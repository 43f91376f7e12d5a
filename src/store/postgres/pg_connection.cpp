#include "store/postgres/pg_connection.hpp"

#include <fmt/format.h>

#include <charconv>
#include <utility>

namespace mf::pg {

Error storage_error(std::string_view operation, std::string_view message) {
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.remove_suffix(1);
    return make_error("storage_error", fmt::format("{}: {}", operation, message));
}

// ---- Statement ----

Statement::Statement(Connection& connection, std::string prepared_name, const char* name)
    : connection_(&connection), prepared_name_(std::move(prepared_name)), name_(name) {}

Statement::Statement(Connection& connection, ResultHandle result, const char* name)
    : connection_(&connection), name_(name), result_(std::move(result)), rows_(PQntuples(result_.get())) {}

Statement& Statement::bind_int(int64_t value) {
    values_.push_back(std::to_string(value));
    nulls_.push_back(false);
    return *this;
}

Statement& Statement::bind_bool(bool value) {
    return bind_text(value ? "t" : "f");
}

Statement& Statement::bind_text(std::string_view value) {
    values_.emplace_back(value);
    nulls_.push_back(false);
    return *this;
}

Statement& Statement::bind_null() {
    values_.emplace_back();
    nulls_.push_back(true);
    return *this;
}

Statement& Statement::bind_id(int64_t id) {
    return id == 0 ? bind_null() : bind_int(id);
}

Statement& Statement::bind_optional_id(const std::optional<int64_t>& id) {
    return id ? bind_int(*id) : bind_null();
}

Statement& Statement::bind_date(Date date) {
    return bind_text(date.to_string());
}

Statement& Statement::bind_optional_date(const std::optional<Date>& date) {
    return date ? bind_date(*date) : bind_null();
}

Statement& Statement::bind_currency(Currency currency) {
    MF_ASSERT(currency.valid());
    return bind_text(currency.code());
}

Status Statement::execute() {
    MF_ASSERT(result_ == nullptr);  // a statement runs once
    MF_TRY(result_, connection_->run_prepared(prepared_name_, name_, values_, nulls_, failed_state_));
    rows_ = PQntuples(result_.get());
    return ok();
}

Result<bool> Statement::step() {
    if (result_ == nullptr)
        MF_CHECK(execute());
    column_ = 0;
    ++row_;
    return row_ < rows_;
}

Status Statement::run() {
    return execute();
}

int64_t Statement::changed_rows() const {
    MF_ASSERT(result_ != nullptr);
    const char* count = PQcmdTuples(result_.get());
    int64_t changed = 0;
    std::from_chars(count, count + std::char_traits<char>::length(count), changed);
    return changed;
}

int64_t Statement::column_int() {
    const std::string_view text = column_text_view();
    int64_t value = 0;
    const auto parsed = std::from_chars(text.data(), text.data() + text.size(), value);
    // The columns read as integers are BIGINT or integer sums: anything else is a bug in this store's SQL.
    MF_ASSERT(text.empty() || (parsed.ec == std::errc() && parsed.ptr == text.data() + text.size()));
    return value;
}

bool Statement::column_bool() {
    const std::string_view text = column_text_view();
    return text == "t" || text == "true" || text == "1";
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
    MF_ASSERT(row_ >= 0 && row_ < rows_ && index < PQnfields(result_.get()));
    if (PQgetisnull(result_.get(), row_, index))
        return {};
    return {PQgetvalue(result_.get(), row_, index),
            static_cast<size_t>(PQgetlength(result_.get(), row_, index))};
}

std::string Statement::column_text() {
    return std::string(column_text_view());
}

bool Statement::column_is_null() {
    return PQgetisnull(result_.get(), row_, column_) != 0;
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
    const char* column = result_ != nullptr ? PQfname(result_.get(), index) : nullptr;
    return storage_error(name_, fmt::format("stored value of column {} does not read back: {}",
                                            column != nullptr ? column : "?", message));
}

// ---- Connection ----

Result<std::unique_ptr<Connection>> Connection::open(const std::string& conninfo) {
    PGconn* conn = PQconnectdb(conninfo.c_str());
    if (conn == nullptr)
        return storage_error("connect to PostgreSQL", "out of memory");
    if (PQstatus(conn) != CONNECTION_OK) {
        // The server is down, restarting or unreachable: the caller may try again later (HTTP 503).
        Error error =
            make_error("store_unavailable", fmt::format("connect to PostgreSQL: {}", PQerrorMessage(conn)));
        PQfinish(conn);
        return error;
    }
    return std::unique_ptr<Connection>(new Connection(conn));
}

Connection::~Connection() {
    PQfinish(conn_);
}

Result<Statement> Connection::prepare(const Sql& sql) {
    return checkout(Key{&sql, 0}, sql.name, [&sql] { return std::string(sql.text); });
}

Result<Statement> Connection::prepare_shaped(const Sql& family, uint32_t shape,
                                             const std::function<std::string()>& build) {
    return checkout(Key{&family, shape}, family.name, build);
}

Result<Statement> Connection::checkout(const Key& key, const char* name,
                                       const std::function<std::string()>& text) {
    auto found = prepared_.find(key);
    if (found != prepared_.end())
        return Statement(*this, found->second, name);
    std::string prepared_name = fmt::format("mf_{}", prepared_.size() + 1);
    const std::string sql = text();
    ResultHandle result(PQprepare(conn_, prepared_name.c_str(), sql.c_str(), 0, nullptr));
    if (result == nullptr || PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
        std::string ignored;
        return failure(result.get(), name, ignored);
    }
    prepared_.emplace(key, prepared_name);
    return Statement(*this, std::move(prepared_name), name);
}

Status Connection::exec(std::string_view operation, const std::string& sql) {
    ResultHandle result(PQexec(conn_, sql.c_str()));
    const ExecStatusType status = result != nullptr ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
        return ok();
    std::string ignored;
    const std::string name(operation);
    return failure(result.get(), name.c_str(), ignored);
}

Result<int64_t> Connection::query_int(std::string_view operation, const std::string& sql) {
    const std::string name(operation);
    ResultHandle result(PQexec(conn_, sql.c_str()));
    if (result == nullptr || PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
        std::string ignored;
        return failure(result.get(), name.c_str(), ignored);
    }
    Statement row(*this, std::move(result), name.c_str());
    MF_TRY(const bool found, row.step());
    if (!found || row.column_is_null())
        return storage_error(name, "returned no value");
    return row.column_int();
}

Result<ResultHandle> Connection::run_prepared(const std::string& prepared_name, const char* name,
                                              const std::vector<std::string>& values,
                                              const std::vector<bool>& nulls, std::string& failed_state) {
    std::vector<const char*> parameters(values.size());
    for (size_t i = 0; i < values.size(); ++i)
        parameters[i] = nulls[i] ? nullptr : values[i].c_str();
    ResultHandle result(PQexecPrepared(conn_, prepared_name.c_str(), static_cast<int>(parameters.size()),
                                       parameters.data(), nullptr, nullptr, 0));
    const ExecStatusType status = result != nullptr ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
        return result;
    return failure(result.get(), name, failed_state);
}

Error Connection::failure(const PGresult* result, const char* name, std::string& failed_state) {
    const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    failed_state = state != nullptr ? state : "";
    if (failed_state == kSerializationFailure || failed_state == kDeadlockDetected)
        must_retry_ = true;
    const char* primary = result != nullptr ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    const std::string message = primary != nullptr ? primary : PQerrorMessage(conn_);
    // The connection broke (the server stopped, restarted or is shutting down): nothing of the transaction
    // was committed unless its COMMIT had reached the server; the connection is dropped from the pool.
    const bool connection_lost = PQstatus(conn_) != CONNECTION_OK || failed_state.rfind("08", 0) == 0 ||
                                 failed_state == "57P01" || failed_state == "57P02" ||
                                 failed_state == "57P03";
    if (connection_lost)
        return make_error("store_unavailable",
                          fmt::format("{}: the PostgreSQL server is unavailable: {}", name, message));
    if (failed_state == kForeignKeyViolation) {
        return make_error("invalid_reference",
                          fmt::format("{}: a record it refers to does not exist ({})", name, message));
    }
    return storage_error(name, message);
}

}  // namespace mf::pg
