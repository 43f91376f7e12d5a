#include "formats/invoice_json.hpp"

#include <algorithm>
#include <string>

#include <fmt/format.h>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>

#include "formats/invoice_read.hpp"

namespace mf::formats::invoice {

namespace json = boost::json;
using boost::system::error_code;

namespace {

// A basic_parser handler that builds the tree like json::parser does, except that numbers are pushed as
// strings of their text (the parser hands the text beside its double, in parts when it spans buffers).
struct NumberKeepingHandler {
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);

    json::value_stack stack;
    std::string number;

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }
    bool on_array_begin(error_code&) { return true; }
    bool on_array_end(std::size_t size, error_code&) {
        stack.push_array(size);
        return true;
    }
    bool on_object_begin(error_code&) { return true; }
    bool on_object_end(std::size_t size, error_code&) {
        stack.push_object(size);
        return true;
    }
    bool on_string_part(json::string_view part, std::size_t, error_code&) {
        stack.push_chars(part);
        return true;
    }
    bool on_string(json::string_view last, std::size_t, error_code&) {
        stack.push_string(last);
        return true;
    }
    bool on_key_part(json::string_view part, std::size_t, error_code&) {
        stack.push_chars(part);
        return true;
    }
    bool on_key(json::string_view last, std::size_t, error_code&) {
        stack.push_key(last);
        return true;
    }
    bool on_number_part(json::string_view part, error_code&) {
        number.append(part.data(), part.size());
        return true;
    }
    bool push_number(json::string_view last) {
        number.append(last.data(), last.size());
        stack.push_string(number);
        number.clear();
        return true;
    }
    bool on_int64(int64_t, json::string_view last, error_code&) { return push_number(last); }
    bool on_uint64(uint64_t, json::string_view last, error_code&) { return push_number(last); }
    bool on_double(double, json::string_view last, error_code&) { return push_number(last); }
    bool on_bool(bool value, error_code&) {
        stack.push_bool(value);
        return true;
    }
    bool on_null(error_code&) {
        stack.push_null();
        return true;
    }
    bool on_comment_part(json::string_view, error_code&) { return true; }
    bool on_comment(json::string_view, error_code&) { return true; }
};

}  // namespace

Result<json::value> parse_json_keeping_numbers(std::string_view text) {
    json::parse_options options;
    options.max_depth = kJsonDepthMax;
    json::basic_parser<NumberKeepingHandler> parser(options);
    parser.handler().stack.reset();
    error_code error;
    std::size_t consumed = 0;
    try {
        consumed = parser.write_some(false, text.data(), text.size(), error);
    } catch (const std::exception& thrown) {  // value_stack allocates; nothing else throws here
        return file_error("invalid_json", fmt::format("the JSON could not be read: {}", thrown.what()));
    }
    if (!error && consumed < text.size())
        error = json::error::extra_data;
    if (error == json::error::too_deep) {
        return file_error(
            "invalid_json",
            fmt::format("the JSON nests deeper than {} levels: not an invoice file", kJsonDepthMax));
    }
    if (error) {
        const auto line =
            1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(consumed), '\n');
        return file_error("invalid_json",
                          fmt::format("not valid JSON at line {}: {}", line, error.message()));
    }
    return parser.handler().stack.release();
}

std::string_view json_text(const json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    if (value == nullptr || !value->is_string())
        return {};
    return trim(std::string_view(value->get_string()));
}

const json::object* json_object(const json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    return value == nullptr ? nullptr : value->if_object();
}

std::string_view json_path_text(const json::object& object, std::initializer_list<std::string_view> keys) {
    const json::object* current = &object;
    const auto* last = keys.end() - 1;
    for (const auto* key = keys.begin(); key != last; ++key) {
        current = json_object(*current, *key);
        if (current == nullptr)
            return {};
    }
    return json_text(*current, *last);
}

const json::object* document_object(const json::value& value, DocumentCheck& check, InvoiceSink& sink) {
    if (const auto* object = value.if_object())
        return object;
    check.fail("invalid_document", "is not a JSON object");
    check.finish(sink, {});
    return nullptr;
}

void read_total_and_balance(DocumentCheck& check, const json::object& object, Currency currency,
                            std::string_view total_field, std::string_view balance_field,
                            InvoiceDocument& document) {
    if (auto total = read_amount(check, json_text(object, total_field), currency, total_field)) {
        check_document_amount(check, document.kind, *total, total_field);
        document.amount = *total;
    }
    const auto balance = json_text(object, balance_field);
    if (!balance.empty())
        document.open_balance = read_amount(check, balance, currency, balance_field);
}

}  // namespace mf::formats::invoice
