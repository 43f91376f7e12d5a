// Xero Invoices (and CreditNotes) JSON to InvoiceDocuments. Only sales documents that were issued are
// documents to buy: ACCPAY bills and DRAFT, SUBMITTED, DELETED or VOIDED ones are problems that say why, so a
// person sees every row of the export accounted for.
#include <charconv>

#include <fmt/format.h>

#include "formats/invoice_json.hpp"
#include "formats/invoice_read.hpp"
#include "formats/invoice_readers.hpp"

namespace mf::formats::invoice {

namespace json = boost::json;

namespace {

constexpr int64_t kMillisecondsPerDay = 86'400'000;

// "/Date(1518652800000+0000)/": milliseconds since 1970 and the offset (±HHMM) of the local time it stands
// for.
std::optional<Date> read_xero_date(DocumentCheck& check, std::string_view text, std::string_view field) {
    constexpr std::string_view kOpen = "/Date(";
    constexpr std::string_view kClose = ")/";
    if (!text.starts_with(kOpen))
        return read_iso_date(check, text, field);
    const auto bad = [&] {
        check.fail("invalid_date",
                   fmt::format("{}: '{}' is not a date in /Date(milliseconds+hhmm)/ form", field, text));
        return std::nullopt;
    };
    if (!text.ends_with(kClose))
        return bad();
    auto inner = text.substr(kOpen.size(), text.size() - kOpen.size() - kClose.size());
    int64_t milliseconds = 0;
    const auto [end, error] = std::from_chars(inner.data(), inner.data() + inner.size(), milliseconds);
    if (error != std::errc() || end == inner.data())
        return bad();
    inner.remove_prefix(static_cast<std::size_t>(end - inner.data()));
    int64_t offset_ms = 0;
    if (!inner.empty()) {
        const bool digits =
            inner.size() == 5 && inner.find_first_not_of("0123456789", 1) == std::string_view::npos;
        if (!digits || (inner[0] != '+' && inner[0] != '-'))
            return bad();
        const int64_t hours = (inner[1] - '0') * 10 + (inner[2] - '0');
        const int64_t minutes = (inner[3] - '0') * 10 + (inner[4] - '0');
        offset_ms = (hours * 60 + minutes) * 60'000 * (inner[0] == '-' ? -1 : 1);
    }
    // 10000-01-01T00:00Z: beyond it a year would not fit std::chrono::year, and Date refuses years past 9999.
    constexpr int64_t kMillisecondsMax = 253'402'300'800'000;
    if (milliseconds > kMillisecondsMax || milliseconds < -kMillisecondsMax)
        return bad();
    const int64_t local_ms = milliseconds + offset_ms;
    const int64_t days = local_ms / kMillisecondsPerDay - (local_ms % kMillisecondsPerDay < 0 ? 1 : 0);
    const auto ymd = Date::from_days(static_cast<int32_t>(days)).ymd();
    return check.take(Date::from_ymd(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                                     static_cast<unsigned>(ymd.day())));
}

// The kind of a sales document, or a problem for anything else.
std::optional<DocumentKind> kind_of(DocumentCheck& check, std::string_view type) {
    if (type == "ACCREC")
        return DocumentKind::invoice;
    if (type == "ACCRECCREDIT")
        return DocumentKind::credit_note;
    if (type == "ACCPAY" || type == "ACCPAYCREDIT") {
        check.fail("not_a_sales_invoice",
                   fmt::format("Type {} is a supplier's bill (accounts payable), not a sales invoice", type));
    } else {
        check.fail("invalid_type", fmt::format("Type '{}' is not ACCREC or ACCRECCREDIT", type));
    }
    return std::nullopt;
}

void check_status(DocumentCheck& check, std::string_view status) {
    if (status == "DRAFT" || status == "SUBMITTED")
        check.fail("invalid_status", fmt::format("Status {}: not yet issued to the customer", status));
    else if (status == "VOIDED" || status == "DELETED")
        check.fail("invalid_status", fmt::format("Status {}: cancelled, nothing is owed on it", status));
}

PartyIdentity contact_of(const json::object& document) {
    PartyIdentity contact;
    if (const auto* object = json_object(document, "Contact")) {
        contact.name = json_text(*object, "Name");
        contact.external_ref = json_text(*object, "ContactID");
        contact.email = json_text(*object, "EmailAddress");
        contact.tax_id = json_text(*object, "TaxNumber");
        contact.registration_id = json_text(*object, "CompanyNumber");
    }
    return contact;
}

void read_document(const json::value& value, Place place, const InvoiceReadOptions& options,
                   InvoiceSink& sink) {
    DocumentCheck check(std::move(place));
    const auto* object = document_object(value, check, sink);
    if (object == nullptr)
        return;
    InvoiceDocument document;
    const auto kind = kind_of(check, json_text(*object, "Type"));
    check_status(check, json_text(*object, "Status"));
    if (!kind) {
        check.finish(sink, {});
        return;
    }
    document.kind = *kind;
    const std::string_view number_field =
        *kind == DocumentKind::credit_note && !json_text(*object, "CreditNoteNumber").empty()
            ? "CreditNoteNumber"
            : "InvoiceNumber";
    if (auto number = required_text(check, json_text(*object, number_field), number_field))
        document.number = *number;
    if (auto issued = read_xero_date(check, json_text(*object, "Date"), "Date"))
        document.issue_date = *issued;
    if (!json_text(*object, "DueDate").empty())
        document.due_date = read_xero_date(check, json_text(*object, "DueDate"), "DueDate");
    if (auto currency = read_currency(check, json_text(*object, "CurrencyCode"), "CurrencyCode", options))
        read_total_and_balance(check, *object, *currency, "Total",
                               *kind == DocumentKind::credit_note ? "RemainingCredit" : "AmountDue",
                               document);
    document.debtor = contact_of(*object);
    if (document.debtor.name.empty() && document.debtor.external_ref.empty())
        check.fail("missing_field", "Contact is missing");
    document.po_number = json_text(*object, "Reference");  // ACCREC Reference: the customer's order number
    if (const auto* allocations = object->if_contains("Allocations");
        allocations && allocations->is_array()) {
        for (const auto& allocation : allocations->get_array()) {
            const auto number = allocation.is_object()
                                    ? json_path_text(allocation.get_object(), {"Invoice", "InvoiceNumber"})
                                    : std::string_view{};
            if (!number.empty())
                document.referenced_invoices.emplace_back(number);
        }
    }
    check.finish(sink, std::move(document));
}

}  // namespace

Status read_xero(const json::value& root, const InvoiceReadOptions& options, InvoiceSink& sink) {
    const auto& object = root.as_object();
    const std::string_view key = object.contains("Invoices") ? "Invoices" : "CreditNotes";
    const auto* list = object.if_contains(key);
    if (list == nullptr || !list->is_array())
        return file_error("invalid_file", fmt::format("{} is not a JSON array", key));
    std::size_t index = 0;
    for (const auto& document : list->as_array())
        read_document(document, fmt::format("{}[{}]", key, ++index), options, sink);
    return ok();
}

}  // namespace mf::formats::invoice
