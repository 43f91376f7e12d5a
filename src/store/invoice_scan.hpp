// The SQL of an invoice scan by filter, shared by both stores: a filter's shape (which optional parts its
// WHERE has, never their values) keys a cached statement, its text is built once per shape, and the filter's
// values are bound in the same order. Thread-safety: functions of their arguments only.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/model.hpp"
#include "store/store.hpp"

namespace mf::scan {

inline constexpr size_t kStateCount = 7;
inline constexpr std::array<InvoiceState, kStateCount> kAllStates{
    InvoiceState::submitted, InvoiceState::approved,     InvoiceState::funded,     InvoiceState::closed,
    InvoiceState::rejected,  InvoiceState::charged_back, InvoiceState::written_off};

// The distinct states of a filter as a bit set over kAllStates, so a filter's shape has a small bound.
uint32_t state_bits(const InvoiceFilter& filter);

// Bits: client, debtor, schedule, limit, then the count of distinct states.
uint32_t shape_of(const InvoiceFilter& filter, uint32_t states);

// How a statement's parameters are written: SQLite's "?" or PostgreSQL's "$1", "$2", ...
enum class Placeholders { question_mark, numbered };

// select ends with "WHERE id > <first parameter>"; the shape's conditions, ORDER BY id and LIMIT follow.
std::string text_of(std::string_view select, uint32_t shape, Placeholders placeholders);

// Binds the filter's values in the order text_of() wrote their parameters, the after_id first.
template <class Statement>
void bind_filter(Statement& statement, const InvoiceFilter& filter, uint32_t states) {
    statement.bind_int(filter.after_id);
    if (filter.client_id)
        statement.bind_int(*filter.client_id);
    if (filter.debtor_id)
        statement.bind_int(*filter.debtor_id);
    if (filter.schedule_id)
        statement.bind_int(*filter.schedule_id);
    for (const InvoiceState state : kAllStates) {
        if (states & (1u << static_cast<uint32_t>(state)))
            statement.bind_text(to_string(state));
    }
    if (filter.limit > 0)
        statement.bind_int(filter.limit);
}

}  // namespace mf::scan
