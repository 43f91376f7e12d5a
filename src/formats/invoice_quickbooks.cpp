// QuickBooks Online Invoice entities (API v3) to InvoiceDocuments: a bare entity, {"Invoice": {...}} (a
// read), or {"QueryResponse": {"Invoice": [...]}} (a query). Amounts are read from the numbers' own text.
#include <fmt/format.h>

#include "formats/invoice_json.hpp"
#include "formats/invoice_read.hpp"
#include "formats/invoice_readers.hpp"

namespace mf::formats::invoice {

namespace json = boost::json;

namespace {

PartyIdentity customer_of(const json::object& invoice) {
    PartyIdentity customer;
    customer.name = json_path_text(invoice, {"CustomerRef", "name"});
    customer.external_ref = json_path_text(invoice, {"CustomerRef", "value"});
    customer.email = json_path_text(invoice, {"BillEmail", "Address"});
    if (const auto* address = json_object(invoice, "BillAddr")) {
        customer.street = join_nonempty(json_text(*address, "Line1"), json_text(*address, "Line2"));
        customer.city = json_text(*address, "City");
        customer.postal_code = json_text(*address, "PostalCode");
        customer.country = country_code(json_text(*address, "Country"));
    }
    return customer;
}

void read_invoice(const json::value& value, Place place, const InvoiceReadOptions& options,
                  InvoiceSink& sink) {
    DocumentCheck check(std::move(place));
    const auto* invoice = document_object(value, check, sink);
    if (invoice == nullptr)
        return;
    InvoiceDocument document;
    if (auto number = required_text(check, json_text(*invoice, "DocNumber"), "DocNumber"))
        document.number = *number;
    if (auto issued = read_iso_date(check, json_text(*invoice, "TxnDate"), "TxnDate"))
        document.issue_date = *issued;
    document.due_date = read_optional_iso_date(check, json_text(*invoice, "DueDate"), "DueDate");
    const auto currency_code = json_path_text(*invoice, {"CurrencyRef", "value"});
    if (auto currency = read_currency(check, currency_code, "CurrencyRef.value", options))
        read_total_and_balance(check, *invoice, *currency, "TotalAmt", "Balance", document);
    document.debtor = customer_of(*invoice);
    if (document.debtor.name.empty() && document.debtor.external_ref.empty())
        check.fail("missing_field", "CustomerRef is missing");
    check.finish(sink, std::move(document));
}

}  // namespace

Status read_quickbooks(const json::value& root, const InvoiceReadOptions& options, InvoiceSink& sink) {
    const auto& object = root.as_object();
    if (const auto* response = object.if_contains("QueryResponse")) {
        if (!response->is_object())
            return file_error("invalid_file", "QueryResponse is not a JSON object");
        const auto* list = response->as_object().if_contains("Invoice");
        if (list == nullptr) {
            for (const auto& member : response->as_object()) {
                if (member.value().is_array()) {
                    return file_error("unknown_format",
                                      fmt::format("the QuickBooks query answers {} entities, not Invoice",
                                                  std::string_view(member.key())));
                }
            }
            return ok();  // a query that found nothing answers without the list
        }
        if (!list->is_array())
            return file_error("invalid_file", "QueryResponse.Invoice is not a JSON array");
        std::size_t index = 0;
        for (const auto& invoice : list->as_array())
            read_invoice(invoice, fmt::format("Invoice[{}]", ++index), options, sink);
        return ok();
    }
    if (const auto* single = object.if_contains("Invoice")) {
        read_invoice(*single, "Invoice", options, sink);
        return ok();
    }
    read_invoice(root, "Invoice", options, sink);
    return ok();
}

}  // namespace mf::formats::invoice
