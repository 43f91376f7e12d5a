// The API's request bodies (api/fields.hpp) without a server: any bytes through parse_object, then read the
// way the receipt route reads its body (currency, amount, date, texts, nested objects, an array of
// applications) and finish(). A body is refused with a code, a message and the field; a field read is one the
// body holds with the right type; finish() passes exactly when every key of the body was read.
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "api/fields.hpp"
#include "fuzz_check.hpp"

namespace {

using mf::api::Fields;
namespace json = boost::json;

// Every refusal names its field, under the object's prefix.
template <class T>
bool read(mf::Result<T> result, const std::string& prefix) {
    if (result)
        return true;
    mf::fuzz::check_error(result.error());
    FUZZ_CHECK(result.error().field.starts_with(prefix), result.error().field);
    FUZZ_CHECK(result.error().field.size() > prefix.size(), result.error().field);
    return false;
}

// finish() passes exactly when each key of the object was asked for.
void check_finish(const Fields& fields, const json::object& object, const std::set<std::string>& asked,
                  const std::string& prefix) {
    bool all_asked = true;
    for (const auto& entry : object)
        all_asked = all_asked && asked.contains(std::string(entry.key()));
    const auto finished = fields.finish();
    FUZZ_CHECK(finished.has_value() == all_asked, prefix);
    if (!finished) {
        mf::fuzz::check_error(finished.error());
        FUZZ_CHECK(finished.error().code == "unknown_field", finished.error().code);
    }
}

void read_application(Fields& row, const json::object& object, mf::Currency currency,
                      const std::string& prefix) {
    if (!read(row.id(mf::IdKind::invoice, "invoice_id"), prefix))
        return;
    auto amount = row.amount("amount", currency);
    if (!read(amount, prefix))
        return;
    const std::string text = mf::format_amount(amount.value(), currency);
    FUZZ_CHECK(object.at("amount").is_string(), text);
    auto again = mf::parse_money(text, currency);
    FUZZ_CHECK(again && again.value().minor == amount.value(), text);
    if (!read(row.flag("close_short", false), prefix) || !read(row.flag("to_client", false), prefix))
        return;
    check_finish(row, object, {"invoice_id", "amount", "close_short", "to_client"}, prefix);
}

void read_body(const json::object& object) {
    Fields body(object);
    auto currency = body.currency("currency");
    if (!read(currency, ""))
        return;
    auto amount = body.amount("amount", currency.value());
    if (!read(amount, ""))
        return;
    auto received = body.date("received_on");
    if (!read(received, ""))
        return;
    FUZZ_CHECK(object.at("received_on").as_string() == received.value().to_string(),
               "a date of another form");
    if (!read(body.optional_text("payer_name"), "") || !read(body.optional_rate_ppm("rate"), "") ||
        !read(body.optional_integer("days", 0, 365), "") || !read(body.optional_date("value_date"), ""))
        return;
    auto terms = body.optional_object("terms");
    if (!read(terms, ""))
        return;
    if (terms.value()) {
        Fields& nested = *terms.value();
        if (!read(nested.optional_amount("limit", currency.value()), "terms.") ||
            !read(nested.ids(mf::IdKind::debtor, "debtor_ids"), "terms."))
            return;
        check_finish(nested, object.at("terms").as_object(), {"limit", "debtor_ids"}, "terms.");
    }
    if (body.has("applications")) {
        auto rows = body.objects("applications", 8);
        if (!read(rows, ""))
            return;
        const auto& array = object.at("applications").as_array();
        FUZZ_CHECK(rows.value().size() == array.size(), "applications");
        for (size_t i = 0; i < array.size(); ++i)
            read_application(rows.value()[i], array[i].as_object(), currency.value(),
                             rows.value()[i].field_name(""));
    } else {
        (void)body.optional_text("applications");
    }
    check_finish(body, object,
                 {"currency", "amount", "received_on", "payer_name", "rate", "days", "value_date", "terms",
                  "applications"},
                 "");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto object = mf::api::parse_object(mf::fuzz::as_text(data, size));
    if (!object) {
        mf::fuzz::check_error(object.error());
        FUZZ_CHECK(object.error().code == "invalid_json" && object.error().field == "body",
                   object.error().code);
        return 0;
    }
    read_body(object.value());
    return 0;
}
