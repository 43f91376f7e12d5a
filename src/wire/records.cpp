// The JSON form of the book's records; see records.hpp for the conventions.
#include "wire/records.hpp"

#include "core/calendar.hpp"
#include "core/fee_text.hpp"
#include "wire/auto_approval.hpp"

namespace mf {

namespace json = boost::json;
using namespace wire;

namespace {

json::string currency_code(Currency currency) {
    return json::string(currency.code());
}

json::value entity_link(std::string_view entity_type, int64_t entity_id) {
    struct Kind {
        std::string_view type;
        IdKind kind;
    };
    static constexpr Kind kKinds[] = {
        {"client", IdKind::client},     {"debtor", IdKind::debtor},   {"invoice", IdKind::invoice},
        {"schedule", IdKind::schedule}, {"receipt", IdKind::receipt}, {"payout", IdKind::payout},
        {"entry", IdKind::entry},       {"charge", IdKind::charge},   {"user", IdKind::user},
    };
    for (const auto& candidate : kKinds) {
        if (candidate.type == entity_type)
            return link(candidate.kind, entity_id);
    }
    if (entity_type == "application")  // client onboarding (book/onboarding.cpp)
        return link(IdKind::application, entity_id);
    if (entity_id == 0)
        return nullptr;
    return entity_id;
}

json::object terms_json(const ClientTerms& terms, Currency currency) {
    return json::object{
        {"advance_rate", rate(terms.advance_rate_ppm)},
        {"fee_schedule", format_fee_schedule(terms.fee_schedule, currency)},
        {"factoring_limit", amount(terms.factoring_limit_minor, currency)},
        {"recourse", code(to_string(terms.recourse))},
        {"recourse_days", terms.recourse_days},
        {"clearance_days", terms.clearance_days},
        {"concentration_limit", rate(terms.concentration_limit_ppm)},
    };
}

json::object posting_json(const Posting& posting, Currency currency) {
    return json::object{
        {"account", code(to_string(posting.account))},
        {"amount", amount(posting.amount_minor, currency)},
        {"client_id", link(IdKind::client, posting.client_id)},
        {"debtor_id", link(IdKind::debtor, posting.debtor_id)},
        {"invoice_id", link(IdKind::invoice, posting.invoice_id)},
    };
}

json::object application_json(const ReceiptApplication& application, Currency currency) {
    return json::object{
        {"receipt_id", id(IdKind::receipt, application.receipt_id)},
        {"invoice_id", id(IdKind::invoice, application.invoice_id)},
        {"amount", amount(application.amount_minor, currency)},
        {"applied_on", date(application.applied_on)},
    };
}

// The terms copied onto an invoice exist once it is funded; before that they are null.
json::object originator_json(const PayoutOriginator& originator) {
    return json::object{
        {"name", text(originator.name)},
        {"ach_company_id", text(originator.ach_company_id)},
        {"ach_immediate_origin", text(originator.ach_immediate_origin)},
        {"ach_origin_name", text(originator.ach_origin_name)},
        {"ach_odfi_routing", text(originator.ach_odfi_routing)},
        {"ach_destination", text(originator.ach_destination)},
        {"ach_destination_name", text(originator.ach_destination_name)},
        {"iban", text(originator.iban)},
        {"bic", text(originator.bic)},
    };
}

void add_invoice_terms(json::object& out, const Invoice& invoice) {
    const bool funded = invoice.funded_on.has_value();
    out["advance_rate"] = funded ? json::value(rate(invoice.advance_rate_ppm)) : json::value(nullptr);
    out["fee_schedule"] =
        funded ? json::value(json::string(format_fee_schedule(invoice.fee_schedule, invoice.currency)))
               : json::value(nullptr);
    out["recourse"] = funded ? json::value(code(to_string(invoice.recourse))) : json::value(nullptr);
    out["recourse_days"] = funded ? json::value(invoice.recourse_days) : json::value(nullptr);
    out["clearance_days"] = funded ? json::value(invoice.clearance_days) : json::value(nullptr);
    out["funded_on"] = date(invoice.funded_on);
}

void add_invoice_amounts(json::object& out, const Invoice& invoice) {
    const Currency c = invoice.currency;
    out["face_amount"] = amount(invoice.face_minor, c);
    out["advance_amount"] = amount(invoice.advance_minor, c);
    out["reserve_amount"] = amount(invoice.funded_on ? invoice.reserve_minor() : 0, c);
    out["outstanding_amount"] = amount(invoice.funded_on ? invoice.outstanding_minor() : 0, c);
    out["collected_amount"] = amount(invoice.collected_minor, c);
    out["diluted_amount"] = amount(invoice.diluted_minor, c);
    out["charged_back_amount"] = amount(invoice.charged_back_minor, c);
    out["written_off_amount"] = amount(invoice.written_off_minor, c);
    out["misdirected_amount"] = amount(invoice.misdirected_minor, c);
    out["fee_settled_amount"] = amount(invoice.fee_settled_minor, c);
}

}  // namespace

// null when the client has no payout account.
json::value wire::payout_account_json(const PayoutAccount& account) {
    if (!account.has_ach() && !account.has_iban())
        return nullptr;
    return json::object{
        {"routing_number", text(account.routing_number)},
        {"account_number", text(account.account_number)},
        {"account_type", account.has_ach() ? json::value(code(to_string(account.account_type))) : nullptr},
        {"iban", text(account.iban)},
        {"bic", text(account.bic)},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const Error& error) {
    out = wire::error(error);
}

void tag_invoke(const json::value_from_tag&, json::value& out, const Money& value) {
    out = money(value.minor, value.currency);
}

void tag_invoke(const json::value_from_tag&, json::value& out, const Date& value) {
    out = date(value);
}

void tag_invoke(const json::value_from_tag&, json::value& out, const BookSettings& settings) {
    out = json::object{
        {"name", settings.name},
        {"base_currency", currency_code(settings.base_currency)},
        {"calendar", code(calendar_name(settings.calendar))},
        {"business_date", date(settings.business_date)},
        {"last_closed_on", date(settings.last_closed_on)},
        {"rebate_schedule", code(to_string(settings.rebate_schedule))},
        {"rebate_weekday", settings.rebate_weekday},
        {"recourse_action", code(to_string(settings.recourse_action))},
        {"max_invoice_age_days", settings.max_invoice_age_days},
        {"cross_age", rate(settings.cross_age_ppm)},
        {"cross_age_days", settings.cross_age_days},
        {"stale_future_days", settings.stale_future_days},
        {"originator", originator_json(settings.originator)},
        {"require_noa_before_funding", settings.require_noa_before_funding},
        {"remittance_instructions", settings.remittance_instructions},
        {"require_credit_review", settings.require_credit_review},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const Client& client) {
    out = json::object{
        {"id", id(IdKind::client, client.id)},
        {"name", client.name},
        {"currency", currency_code(client.currency)},
        {"status", code(to_string(client.status))},
        {"terms", terms_json(client.terms, client.currency)},
        {"email", text(client.email)},
        {"tax_id", text(client.tax_id)},
        {"version", client.version},
        {"payout_account", payout_account_json(client.payout_account)},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const Debtor& debtor) {
    out = json::object{
        {"id", id(IdKind::debtor, debtor.id)},
        {"name", debtor.name},
        {"currency", currency_code(debtor.currency)},
        {"credit_limit", amount(debtor.credit_limit_minor, debtor.currency)},
        {"email", text(debtor.email)},
        {"tax_id", text(debtor.tax_id)},
        {"version", debtor.version},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const Charge& charge) {
    out = json::object{
        {"id", id(IdKind::charge, charge.id)},
        {"code", charge.code},
        {"name", charge.name},
        {"currency", currency_code(charge.currency)},
        {"amount", amount(charge.amount_minor, charge.currency)},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const Schedule& schedule) {
    out = json::object{
        {"id", id(IdKind::schedule, schedule.id)},
        {"client_id", id(IdKind::client, schedule.client_id)},
        {"currency", currency_code(schedule.currency)},
        {"submitted_on", date(schedule.submitted_on)},
        {"state", code(to_string(schedule.state))},
        {"payout_id", id(IdKind::payout, schedule.payout_id)},
        {"version", schedule.version},
    };
}

json::object schedule_summary(const Schedule& schedule, size_t invoice_count, int64_t face_minor) {
    json::object object = json::value_from(schedule).as_object();
    object["invoice_count"] = static_cast<int64_t>(invoice_count);
    object["face_amount"] = amount(face_minor, schedule.currency);
    return object;
}

void tag_invoke(const json::value_from_tag&, json::value& out, const ScheduleView& view) {
    int64_t face_minor = 0;
    for (const auto& invoice : view.invoices)
        face_minor += invoice.face_minor;
    json::object object = schedule_summary(view.schedule, view.invoices.size(), face_minor);
    object["invoices"] = json::value_from(view.invoices);
    if (view.auto_approval)
        object["auto_approval"] = json::value_from(*view.auto_approval);
    out = std::move(object);
}

void tag_invoke(const json::value_from_tag&, json::value& out, const Invoice& invoice) {
    json::object object{
        {"id", id(IdKind::invoice, invoice.id)},
        {"client_id", id(IdKind::client, invoice.client_id)},
        {"debtor_id", id(IdKind::debtor, invoice.debtor_id)},
        {"schedule_id", link(IdKind::schedule, invoice.schedule_id)},
        {"number", invoice.number},
        {"currency", currency_code(invoice.currency)},
        {"state", code(to_string(invoice.state))},
        {"verification", code(to_string(invoice.verification))},
        {"disputed", invoice.disputed},
        {"needs_review", invoice.needs_review()},
        {"review_reasons", split_codes(invoice.review_reasons)},
        {"override_reason", text(invoice.override_reason)},
        {"issue_date", date(invoice.issue_date)},
        {"due_date", date(invoice.due_date)},
    };
    add_invoice_terms(object, invoice);
    add_invoice_amounts(object, invoice);
    object["last_payment_on"] = date(invoice.last_payment_on);
    object["closed_on"] = date(invoice.closed_on);
    object["version"] = invoice.version;
    out = std::move(object);
}

void tag_invoke(const json::value_from_tag&, json::value& out, const ApprovalOutcome& outcome) {
    out = json::object{
        {"invoice", json::value_from(outcome.invoice)},
        {"approved", outcome.approved},
        {"rules", split_codes(outcome.rules)},
        {"message", text(outcome.message)},
        {"overridden", outcome.overridden},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const AuditEvent& event) {
    out = json::object{
        {"id", event.id},
        {"at", event.at},
        {"business_date", date(event.business_date)},
        {"actor", event.actor},
        {"action", event.action},
        {"entity_type", event.entity_type},
        {"entity_id", entity_link(event.entity_type, event.entity_id)},
        {"detail", event.detail},
        {"reason", text(event.reason)},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const InvoiceHistory& history) {
    json::array applications;
    for (const auto& application : history.applications) {
        applications.push_back(application_json(application, history.invoice.currency));
    }
    out = json::object{
        {"invoice", json::value_from(history.invoice)},
        {"fee_to_date_amount", amount(history.fee_to_date_minor, history.invoice.currency)},
        {"events", json::value_from(history.events)},
        {"entries", json::value_from(history.entries)},
        {"applications", std::move(applications)},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const JournalEntry& entry) {
    json::array postings;
    for (const auto& posting : entry)
        postings.push_back(posting_json(posting, entry.currency));
    out = json::object{
        {"id", link(IdKind::entry, entry.id)},
        {"kind", code(to_string(entry.kind))},
        {"effective_on", date(entry.effective_on)},
        {"currency", currency_code(entry.currency)},
        {"memo", entry.memo},
        {"postings", std::move(postings)},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const Receipt& receipt) {
    out = json::object{
        {"id", id(IdKind::receipt, receipt.id)},
        {"currency", currency_code(receipt.currency)},
        {"amount", amount(receipt.amount_minor, receipt.currency)},
        {"applied_amount", amount(receipt.amount_minor - receipt.unapplied_minor, receipt.currency)},
        {"unapplied_amount", amount(receipt.unapplied_minor, receipt.currency)},
        {"received_on", date(receipt.received_on)},
        {"payer", receipt.payer},
        {"reference", receipt.reference},
        {"debtor_id", id(IdKind::debtor, receipt.debtor_id)},
        {"source", receipt.source},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const ReceiptView& view) {
    json::object object = json::value_from(view.receipt).as_object();
    object["entries"] = json::value_from(view.entries);
    out = std::move(object);
}

void tag_invoke(const json::value_from_tag&, json::value& out, const ReceiptDetail& detail) {
    json::object object = json::value_from(detail.receipt).as_object();
    json::array applications;
    for (const auto& line : detail.applications) {
        applications.push_back(json::object{
            {"invoice_id", id(IdKind::invoice, line.invoice_id)},
            {"invoice_number", line.invoice_number},
            {"client_id", id(IdKind::client, line.client_id)},
            {"amount", amount(line.amount_minor, detail.receipt.currency)},
            {"applied_on", date(line.applied_on)},
        });
    }
    object["applications"] = std::move(applications);
    out = std::move(object);
}

void tag_invoke(const json::value_from_tag&, json::value& out, const Payout& payout) {
    out = json::object{
        {"id", id(IdKind::payout, payout.id)},
        {"client_id", id(IdKind::client, payout.client_id)},
        {"kind", code(to_string(payout.kind))},
        {"currency", currency_code(payout.currency)},
        {"amount", amount(payout.amount_minor, payout.currency)},
        {"netted_amount", amount(payout.netted_minor, payout.currency)},
        {"paid_on", date(payout.paid_on)},
        {"schedule_id", id(IdKind::schedule, payout.schedule_id)},
        {"status", code(to_string(payout.status))},
        {"payout_file_id", id(IdKind::payout_file, payout.payout_file_id)},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const PayoutFile& file) {
    out = json::object{
        {"id", id(IdKind::payout_file, file.id)},
        {"format", code(to_string(file.format))},
        {"currency", currency_code(file.currency)},
        {"created_at", file.created_at},
        {"business_date", date(file.business_date)},
        {"payout_count", file.payout_count},
        {"total", amount(file.total_minor, file.currency)},
        {"sha256", file.sha256},
        {"file_name", wire::payout_file_name(file)},
        {"content_type", wire::payout_file_content_type(file.format)},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const User& user) {
    out = json::object{
        {"id", id(IdKind::user, user.id)},
        {"email", user.email},
        {"name", user.name},
        {"role", user.role},
        {"client_id", link(IdKind::client, user.client_id)},
        {"active", user.active},
        {"created_at", user.created_at},
        {"version", user.version},
    };
}

}  // namespace mf

namespace mf::wire {

json::object error(const Error& error) {
    return json::object{{"code", error.code}, {"message", error.message}, {"field", text(error.field)}};
}

json::object problem(const Error& error, int status) {
    json::object out{
        {"type", "about:blank"},   {"title", error.message}, {"status", status},
        {"detail", error.message}, {"code", error.code},
    };
    if (!error.field.empty()) {
        out["errors"] = json::array{
            json::object{{"field", error.field}, {"code", error.code}, {"message", error.message}}};
    }
    return out;
}

json::array split_codes(std::string_view joined) {
    json::array out;
    while (!joined.empty()) {
        const auto comma = joined.find(',');
        const auto piece = joined.substr(0, comma);
        if (!piece.empty())
            out.emplace_back(json::string(piece));
        if (comma == std::string_view::npos)
            break;
        joined.remove_prefix(comma + 1);
    }
    return out;
}

}  // namespace mf::wire

namespace mf::wire {

std::string_view payout_file_content_type(PayoutFileFormat format) {
    return format == PayoutFileFormat::nacha ? "text/plain" : "application/xml";
}

std::string payout_file_name(const PayoutFile& file) {
    return format_id(IdKind::payout_file, file.id) +
           (file.format == PayoutFileFormat::nacha ? ".ach" : ".xml");
}

}  // namespace mf::wire
