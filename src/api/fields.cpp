#include "api/fields.hpp"

#include <fmt/format.h>

namespace mf::api {

Result<json::object> parse_object(std::string_view body) {
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return json::object();
    json::parse_options options;
    options.max_depth = kJsonDepthMax;  // the parser stops deeper documents before building them
    boost::system::error_code error;
    json::value value = json::parse(body, error, {}, options);
    if (error) {
        return make_error("invalid_json", fmt::format("the body is not valid JSON: {}", error.message()),
                          "body");
    }
    if (!value.is_object())
        return make_error("invalid_json", "the body must be a JSON object", "body");
    return std::move(value.get_object());
}

Fields::Fields(const json::object& object, std::string prefix)
    : object_(&object), prefix_(std::move(prefix)) {}

bool Fields::has(std::string_view name) const {
    auto found = object_->find(name);
    return found != object_->end() && !found->value().is_null();
}

const json::value* Fields::find(std::string_view name) {
    read_.emplace(name);
    auto found = object_->find(name);
    if (found == object_->end() || found->value().is_null())
        return nullptr;
    return &found->value();
}

Error Fields::wrong_type(std::string_view name, std::string_view expected) const {
    return make_error("invalid_type", fmt::format("{} must be {}", field_name(name), expected),
                      field_name(name));
}

Result<std::optional<std::string>> Fields::optional_text(std::string_view name) {
    const json::value* value = find(name);
    if (!value)
        return std::optional<std::string>();
    if (!value->is_string())
        return wrong_type(name, "a string");
    return std::optional<std::string>(std::string(value->get_string()));
}

Result<std::string> Fields::text(std::string_view name) {
    MF_TRY(auto value, optional_text(name));
    if (!value)
        return make_error("missing_field", fmt::format("{} is required", field_name(name)), field_name(name));
    return std::move(*value);
}

Result<std::optional<int64_t>> Fields::optional_id(IdKind kind, std::string_view name) {
    MF_TRY(auto value, optional_text(name));
    if (!value)
        return std::optional<int64_t>();
    MF_TRY(const int64_t id, parse_id(kind, *value, field_name(name)));
    return std::optional<int64_t>(id);
}

Result<int64_t> Fields::id(IdKind kind, std::string_view name) {
    MF_TRY(const std::string value, text(name));
    return parse_id(kind, value, field_name(name));
}

Result<std::vector<int64_t>> Fields::ids(IdKind kind, std::string_view name) {
    const json::value* value = find(name);
    if (!value)
        return make_error("missing_field", fmt::format("{} is required", field_name(name)), field_name(name));
    if (!value->is_array())
        return wrong_type(name, "an array of ids");
    std::vector<int64_t> out;
    for (const auto& element : value->get_array()) {
        const std::string element_name = fmt::format("{}[{}]", field_name(name), out.size());
        if (!element.is_string())
            return make_error("invalid_type", element_name + " must be an id string", element_name);
        MF_TRY(const int64_t id, parse_id(kind, element.get_string(), element_name));
        out.push_back(id);
    }
    return out;
}

Result<Currency> Fields::currency(std::string_view name) {
    MF_TRY(const std::string code, text(name));
    auto currency = Currency::from_code(code);
    if (!currency) {
        return make_error("unknown_currency",
                          fmt::format("{} '{}' is not an ISO 4217 currency", field_name(name), code),
                          field_name(name));
    }
    return currency.value();
}

Result<std::optional<int64_t>> Fields::optional_amount(std::string_view name, Currency currency) {
    const json::value* value = find(name);
    if (!value)
        return std::optional<int64_t>();
    if (!value->is_string())
        return wrong_type(name, "a decimal string such as \"1234.50\" (never a JSON number)");
    MF_TRY(const Money money, parse_money(value->get_string(), currency, field_name(name)));
    return std::optional<int64_t>(money.minor);
}

Result<int64_t> Fields::amount(std::string_view name, Currency currency) {
    MF_TRY(auto value, optional_amount(name, currency));
    if (!value)
        return make_error("missing_field", fmt::format("{} is required", field_name(name)), field_name(name));
    return *value;
}

Result<std::optional<Date>> Fields::optional_date(std::string_view name) {
    MF_TRY(auto value, optional_text(name));
    if (!value)
        return std::optional<Date>();
    MF_TRY(const Date date, parse_date(*value, field_name(name)));
    return std::optional<Date>(date);
}

Result<Date> Fields::date(std::string_view name) {
    MF_TRY(auto value, optional_date(name));
    if (!value)
        return make_error("missing_field", fmt::format("{} is required", field_name(name)), field_name(name));
    return *value;
}

Result<std::optional<int64_t>> Fields::optional_rate_ppm(std::string_view name) {
    const json::value* value = find(name);
    if (!value)
        return std::optional<int64_t>();
    if (!value->is_string())
        return wrong_type(name, "a percent string such as \"2.5\"");
    MF_TRY(const int64_t ppm, parse_rate_percent(value->get_string(), field_name(name)));
    return std::optional<int64_t>(ppm);
}

Result<std::optional<int64_t>> Fields::optional_integer(std::string_view name, int64_t low, int64_t high) {
    const json::value* value = find(name);
    if (!value)
        return std::optional<int64_t>();
    if (!value->is_int64() && !value->is_uint64())
        return wrong_type(name, "a whole number");
    const bool in_range = value->is_int64() && value->get_int64() >= low && value->get_int64() <= high;
    if (!in_range) {
        return make_error("invalid_field",
                          fmt::format("{} must be from {} to {}", field_name(name), low, high),
                          field_name(name));
    }
    return std::optional<int64_t>(value->get_int64());
}

Result<std::optional<bool>> Fields::optional_flag(std::string_view name) {
    const json::value* value = find(name);
    if (!value)
        return std::optional<bool>();
    if (!value->is_bool())
        return wrong_type(name, "true or false");
    return std::optional<bool>(value->get_bool());
}

Result<bool> Fields::flag(std::string_view name, bool absent_value) {
    MF_TRY(auto value, optional_flag(name));
    return value.value_or(absent_value);
}

Result<std::optional<Fields>> Fields::optional_object(std::string_view name) {
    const json::value* value = find(name);
    if (!value)
        return std::optional<Fields>();
    if (!value->is_object())
        return wrong_type(name, "an object");
    return std::optional<Fields>(Fields(value->get_object(), field_name(name) + "."));
}

Result<std::vector<Fields>> Fields::objects(std::string_view name, size_t count_max) {
    const json::value* value = find(name);
    if (!value)
        return make_error("missing_field", fmt::format("{} is required", field_name(name)), field_name(name));
    if (!value->is_array())
        return wrong_type(name, "an array of objects");
    const auto& array = value->get_array();
    if (array.size() > count_max) {
        return make_error(
            "too_large",
            fmt::format("{} holds {} items; at most {}", field_name(name), array.size(), count_max),
            field_name(name));
    }
    std::vector<Fields> out;
    for (const auto& element : array) {
        const std::string element_name = fmt::format("{}[{}]", field_name(name), out.size());
        if (!element.is_object())
            return make_error("invalid_type", element_name + " must be an object", element_name);
        out.emplace_back(element.get_object(), element_name + ".");
    }
    return out;
}

Status Fields::finish() const {
    for (const auto& member : *object_) {
        if (!read_.contains(member.key())) {
            return make_error("unknown_field",
                              fmt::format("{} is not a field of this request", field_name(member.key())),
                              field_name(member.key()));
        }
    }
    return ok();
}

}  // namespace mf::api
