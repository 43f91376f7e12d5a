// JSON spellings of the small values every record uses (API.md): money as decimal strings beside a currency,
// rates as decimal percent strings, dates as YYYY-MM-DD, ids with their type prefix, and the list envelope.
// Thread-safety: pure functions.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"

namespace mf::wire {

namespace json = boost::json;

json::string amount(int64_t minor, Currency currency);  // "1234.50"
json::object money(int64_t minor, Currency currency);   // {"amount": "1234.50", "currency": "USD"}
json::string rate(int64_t rate_ppm);                    // "90", "2.5"
json::string date(Date date);                           // "2026-06-01"
json::value date(const std::optional<Date>& date);      // null when absent
json::string id(IdKind kind, int64_t id);               // "cli_12"
json::value id(IdKind kind, const std::optional<int64_t>& id);
json::value link(IdKind kind, int64_t id);  // a reference that may be absent: 0 -> null, else "inv_12"
json::value text(std::string_view text);    // an optional text: "" -> null
json::string code(std::string_view name);   // an enum's text name ("funded")

// Amounts summed per currency, in currency-code order (close-day reports its fees per client).
std::vector<Money> sum_by_currency(const std::vector<Money>& amounts);

// A page of a list (API.md "Lists"): {"data": [...], "next_cursor": "inv_51" or null}.
json::object page(json::array data, const std::optional<std::string>& next_cursor);

}  // namespace mf::wire
