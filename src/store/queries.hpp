// One-call statements for the repository methods of both stores: prepare a known statement, bind the
// arguments in order, then collect its rows, read at most one, scan them, read one aggregate or just run it.
// Written over the connection and statement types of either store (bind_*/column_*/step/run). Thread-safety:
// as the connection passed in.
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "store/record_codec.hpp"

namespace mf::query {

template <class Statement>
void bind_one(Statement& statement, int64_t value) {
    statement.bind_int(value);
}
template <class Statement>
void bind_one(Statement& statement, std::string_view value) {
    statement.bind_text(value);
}
template <class Statement>
void bind_one(Statement& statement, Date value) {
    statement.bind_date(value);
}
template <class Statement>
void bind_one(Statement& statement, Currency value) {
    statement.bind_currency(value);
}

// Every row, read by read_row.
template <class Row, class Db, class Sql, class ReadRow, class... Args>
Result<std::vector<Row>> rows(Db& db, const Sql& sql, ReadRow&& read_row, const Args&... args) {
    MF_TRY(auto statement, db.prepare(sql));
    (bind_one(statement, args), ...);
    return codec::collect_rows<Row>(statement, read_row);
}

// The first row or nullopt, read by read_row.
template <class Row, class Db, class Sql, class ReadRow, class... Args>
Result<std::optional<Row>> first(Db& db, const Sql& sql, ReadRow&& read_row, const Args&... args) {
    MF_TRY(auto statement, db.prepare(sql));
    (bind_one(statement, args), ...);
    return codec::first_row<Row>(statement, read_row);
}

// The integer of an aggregate (COUNT, COALESCE(SUM)), which always returns one row.
template <class Db, class Sql, class... Args>
Result<int64_t> aggregate(Db& db, const Sql& sql, const Args&... args) {
    MF_TRY(auto statement, db.prepare(sql));
    (bind_one(statement, args), ...);
    MF_TRY(const bool row, statement.step());
    MF_ASSERT(row);
    return statement.column_int();
}

// Calls fn with each row read by read_row; fn may stop the scan by returning an error, passed through.
template <class Db, class Sql, class ReadRow, class Fn, class... Args>
Status scan(Db& db, const Sql& sql, ReadRow&& read_row, const Fn& fn, const Args&... args) {
    MF_TRY(auto statement, db.prepare(sql));
    (bind_one(statement, args), ...);
    while (true) {
        MF_TRY(const bool more, statement.step());
        if (!more)
            return ok();
        MF_TRY(const auto row, read_row(statement));
        MF_CHECK(fn(row));
    }
}

// Runs a statement for its effect.
template <class Db, class Sql, class... Args>
Status execute(Db& db, const Sql& sql, const Args&... args) {
    MF_TRY(auto statement, db.prepare(sql));
    (bind_one(statement, args), ...);
    return statement.run();
}

}  // namespace mf::query
