#include "wire/values.hpp"

#include <map>

namespace mf::wire {

json::string amount(int64_t minor, Currency currency) {
    return json::string(format_amount(minor, currency));
}

json::object money(int64_t minor, Currency currency) {
    return json::object{{"amount", amount(minor, currency)}, {"currency", std::string(currency.code())}};
}

json::string rate(int64_t rate_ppm) {
    return json::string(format_rate_percent(rate_ppm));
}

json::string date(Date value) {
    return json::string(value.to_string());
}

json::value date(const std::optional<Date>& value) {
    if (!value)
        return nullptr;
    return date(*value);
}

json::string id(IdKind kind, int64_t value) {
    return json::string(format_id(kind, value));
}

json::value id(IdKind kind, const std::optional<int64_t>& value) {
    if (!value)
        return nullptr;
    return id(kind, *value);
}

json::value link(IdKind kind, int64_t value) {
    if (value == 0)
        return nullptr;
    return id(kind, value);
}

json::value text(std::string_view value) {
    if (value.empty())
        return nullptr;
    return json::string(value);
}

json::string code(std::string_view name) {
    return json::string(name);
}

std::vector<Money> sum_by_currency(const std::vector<Money>& amounts) {
    std::map<std::string_view, Money> sums;
    for (const auto& money : amounts) {
        auto& sum = sums[money.currency.code()];
        sum.currency = money.currency;
        sum.minor += money.minor;
    }
    std::vector<Money> out;
    for (const auto& [code, sum] : sums)
        out.push_back(sum);
    return out;
}

json::object page(json::array data, const std::optional<std::string>& next_cursor) {
    json::object out;
    out["data"] = std::move(data);
    out["next_cursor"] = next_cursor ? json::value(json::string(*next_cursor)) : json::value(nullptr);
    return out;
}

}  // namespace mf::wire
