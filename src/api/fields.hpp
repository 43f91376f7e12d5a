// Strict reading of a JSON request body (API.md): each field is read with its type (money as a decimal
// string, rates as percent strings, dates YYYY-MM-DD, ids with their prefix), a missing required field or a
// field of the wrong type is an error naming it, and finish() refuses any field the handler did not read, so
// a typo never passes silently. Thread-safety: one Fields per request.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"

namespace mf::api {

namespace json = boost::json;

// The nesting and size bounds of a request body's JSON.
constexpr size_t kJsonDepthMax = 16;

// Parses a body into a JSON value: "invalid_json" naming the position, for any syntax error, a non-object
// top level, or nesting deeper than kJsonDepthMax. An empty body reads as {}.
Result<json::object> parse_object(std::string_view body);

class Fields {
  public:
    // `prefix` names where this object sits in the body ("invoices[2].") for error fields.
    explicit Fields(const json::object& object, std::string prefix = {});

    bool has(std::string_view name) const;

    Result<std::string> text(std::string_view name);
    Result<std::optional<std::string>> optional_text(std::string_view name);
    Result<int64_t> id(IdKind kind, std::string_view name);
    Result<std::optional<int64_t>> optional_id(IdKind kind, std::string_view name);
    Result<std::vector<int64_t>> ids(IdKind kind, std::string_view name);
    Result<Currency> currency(std::string_view name);
    // A decimal string in `currency` ("1234.50"): never a JSON number.
    Result<int64_t> amount(std::string_view name, Currency currency);
    Result<std::optional<int64_t>> optional_amount(std::string_view name, Currency currency);
    Result<Date> date(std::string_view name);
    Result<std::optional<Date>> optional_date(std::string_view name);
    // A percent string ("90", "2.5") as ppm.
    Result<std::optional<int64_t>> optional_rate_ppm(std::string_view name);
    // A JSON integer in [low, high].
    Result<std::optional<int64_t>> optional_integer(std::string_view name, int64_t low, int64_t high);
    Result<bool> flag(std::string_view name, bool absent_value);
    Result<std::optional<bool>> optional_flag(std::string_view name);
    // A nested object (prefix "name."), absent -> nullopt.
    Result<std::optional<Fields>> optional_object(std::string_view name);
    // An array of objects, each read with its own Fields (prefix "name[i].").
    Result<std::vector<Fields>> objects(std::string_view name, size_t count_max);

    // "unknown_field" for the first field no read asked for.
    Status finish() const;
    std::string field_name(std::string_view name) const { return prefix_ + std::string(name); }

  private:
    // The value of a field, or nullptr when absent or null; marks the field as read.
    const json::value* find(std::string_view name);
    Error wrong_type(std::string_view name, std::string_view expected) const;

    const json::object* object_;
    std::string prefix_;
    std::set<std::string, std::less<>> read_;
};

}  // namespace mf::api
