// Internal to the invoice readers: JSON parsed with every number kept as the text the file wrote, so that an
// amount becomes Money from its decimal digits and never passes through a binary double; and field lookups on
// that tree. Thread-safety: functions of their arguments.
#pragma once

#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/error.hpp"
#include "formats/invoice_read.hpp"

namespace mf::formats::invoice {

inline constexpr std::size_t kJsonDepthMax = 64;  // QuickBooks and Xero nest about 5 deep

// Parses UTF-8 `text`. Numbers become strings of their source text ("1234.50", "1e3"), so a reader cannot
// tell a number from a string: amounts written as strings read the same. Fails (whole-file error) with the
// line of a syntax error, on invalid UTF-8 in a string, or past kJsonDepthMax.
Result<boost::json::value> parse_json_keeping_numbers(std::string_view text);

// The text of a string (or number) member; "" when absent, null, or an object, array or bool.
std::string_view json_text(const boost::json::object& object, std::string_view key);
// The member when it is an object, else nullptr.
const boost::json::object* json_object(const boost::json::object& object, std::string_view key);
// Text at a path of object members: json_path_text(invoice, {"CurrencyRef", "value"}).
std::string_view json_path_text(const boost::json::object& object,
                                std::initializer_list<std::string_view> keys);

// The document's object, or nullptr once the problem "is not a JSON object" is added to `file`.
const boost::json::object* document_object(const boost::json::value& value, DocumentCheck& check,
                                           InvoiceSink& sink);
// The total as the document amount and, when the file gives one, the open balance.
void read_total_and_balance(DocumentCheck& check, const boost::json::object& object, Currency currency,
                            std::string_view total_field, std::string_view balance_field,
                            InvoiceDocument& document);

}  // namespace mf::formats::invoice
