#include "wire/verification.hpp"

#include "wire/records.hpp"
#include "wire/values.hpp"

namespace mf {

using namespace wire;

void tag_invoke(const json::value_from_tag&, json::value& out, const VerificationRecord& record) {
    out = json::object{
        {"id", id(IdKind::verification, record.id)},
        {"invoice_id", id(IdKind::invoice, record.invoice_id)},
        {"client_id", id(IdKind::client, record.client_id)},
        {"debtor_id", id(IdKind::debtor, record.debtor_id)},
        {"at", record.at},
        {"business_date", date(record.business_date)},
        {"actor", record.actor},
        {"channel", code(record.channel)},
        {"contact", record.contact},
        {"outcome", code(record.outcome)},
        {"delivered", record.delivered},
        {"amount_correct", record.amount_correct},
        {"no_offsets", record.no_offsets},
        {"notes", text(record.notes)},
        {"link_id", link(IdKind::debtor_link, record.link_id)},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const DebtorLink& debtor_link) {
    out = json::object{
        {"id", id(IdKind::debtor_link, debtor_link.id)},
        {"purpose", code(debtor_link.purpose)},
        {"invoice_id", link(IdKind::invoice, debtor_link.invoice_id)},
        {"client_id", id(IdKind::client, debtor_link.client_id)},
        {"debtor_id", id(IdKind::debtor, debtor_link.debtor_id)},
        {"created_at", debtor_link.created_at},
        {"created_by", debtor_link.created_by},
        {"expires_at", debtor_link.expires_at},
        {"used_at", text(debtor_link.used_at)},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const NoticeStatus& notice) {
    out = json::object{
        {"client_id", id(IdKind::client, notice.client_id)},
        {"debtor_id", id(IdKind::debtor, notice.debtor_id)},
        {"status", code(notice.status())},
        {"sent_on", date(notice.sent_on)},
        {"method", text(notice.method)},
        {"acknowledged_on", date(notice.acknowledged_on)},
        {"in_place", notice.in_place()},
        {"updated_at", text(notice.updated_at)},
        {"updated_by", text(notice.updated_by)},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const NoaQueueRow& row) {
    out = json::object{
        {"client_id", id(IdKind::client, row.client_id)},
        {"debtor_id", id(IdKind::debtor, row.debtor_id)},
        {"currency", json::string(row.currency.code())},
        {"funded_invoices", row.funded_invoices},
        {"funded_face_amount", amount(row.outstanding_face_minor, row.currency)},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const VerificationOutcome& outcome) {
    out = json::object{
        {"record", json::value_from(outcome.record)},
        {"invoice", json::value_from(outcome.invoice)},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const VerificationStanding& standing) {
    out = json::object{
        {"verification", code(to_string(standing.verification))},
        {"required", standing.required},
        {"passed", standing.passed},
    };
}

}  // namespace mf

namespace mf::wire {

json::object policy_json(const VerificationPolicy& policy, Currency currency) {
    json::object object{
        {"client_id", id(IdKind::client, policy.client_id)},
        {"policy", code(to_string(policy.kind))},
        {"currency", json::string(currency.code())},
        {"threshold_amount", nullptr},
        {"sample", nullptr},
        {"updated_at", text(policy.updated_at)},
        {"updated_by", text(policy.updated_by)},
    };
    if (policy.kind == VerificationPolicyKind::above)
        object["threshold_amount"] = amount(policy.threshold_minor, currency);
    if (policy.kind == VerificationPolicyKind::sample)
        object["sample"] = rate(policy.sample_ppm);
    return object;
}

json::object debtor_link_json(const DebtorLinkView& view, const std::string& legend) {
    json::object object{
        {"purpose", code(view.link.purpose)},
        {"link_id", id(IdKind::debtor_link, view.link.id)},
        {"expires_at", view.link.expires_at},
        {"factor", view.factor_name},
        {"client", view.client_name},
        {"debtor", view.debtor_name},
        {"remittance_instructions", view.remittance_instructions},
        {"assignment_legend", legend},
        {"notice", json::value_from(view.notice)},
        {"invoice", nullptr},
    };
    if (view.invoice) {
        const Invoice& invoice = *view.invoice;
        object["invoice"] = json::object{
            {"id", id(IdKind::invoice, invoice.id)},
            {"number", invoice.number},
            {"currency", json::string(invoice.currency.code())},
            {"face_amount", amount(invoice.face_minor, invoice.currency)},
            {"issue_date", date(invoice.issue_date)},
            {"due_date", date(invoice.due_date)},
            {"verification", code(to_string(invoice.verification))},
        };
    }
    return object;
}

}  // namespace mf::wire
