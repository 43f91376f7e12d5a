#include "core/limits.hpp"

#include <algorithm>

namespace mf {
namespace {

std::string money_text(int64_t minor, Currency currency) {
    return format_money(Money{minor, currency});
}

}  // namespace

Status check_submission(const Invoice& invoice, const Client& client, const Debtor& debtor,
                        const BookSettings& settings) {
    if (invoice.number.empty())
        return make_error("missing_field", "invoice number is required", "number");
    if (invoice.face_minor <= 0) {
        return make_error("invalid_amount",
                          "invoice " + invoice.number + ": face amount must be greater than zero, got " +
                              format_amount(invoice.face_minor, invoice.currency),
                          "face_amount");
    }
    if (!(invoice.currency == client.currency) || !(invoice.currency == debtor.currency)) {
        return make_error("currency_mismatch",
                          "invoice " + invoice.number + " is in " + std::string(invoice.currency.code()) +
                              " but client " + client.name + " factors in " +
                              std::string(client.currency.code()) + " and debtor " + debtor.name +
                              " owes in " + std::string(debtor.currency.code()),
                          "currency");
    }
    if (invoice.due_date < invoice.issue_date) {
        return make_error("due_before_issue",
                          "invoice " + invoice.number + ": due date " + invoice.due_date.to_string() +
                              " is before its issue date " + invoice.issue_date.to_string(),
                          "due_date");
    }
    if (invoice.issue_date > settings.business_date) {
        return make_error("future_invoice_date",
                          "invoice " + invoice.number + ": issue date " + invoice.issue_date.to_string() +
                              " is after the business date " + settings.business_date.to_string(),
                          "issue_date");
    }
    const int32_t age_days = days_between(invoice.issue_date, settings.business_date);
    if (age_days > settings.max_invoice_age_days) {
        return make_error("stale_invoice_date",
                          "invoice " + invoice.number + ": issued " + invoice.issue_date.to_string() + ", " +
                              std::to_string(age_days) + " days ago; the limit is " +
                              std::to_string(settings.max_invoice_age_days) + " days",
                          "issue_date");
    }
    if (client.status != ClientStatus::active) {
        return make_error("client_suspended", "client " + client.name + " is suspended", "client_id");
    }
    return ok();
}

std::vector<Breach> approval_breaches(const Invoice& invoice, const Client& client, const Debtor& debtor,
                                      bool debtor_cross_aged, const Exposure& exposure) {
    std::vector<Breach> breaches;
    const auto currency = invoice.currency;
    const int128 face = invoice.face_minor;
    if (exposure.client_minor + face > client.terms.factoring_limit_minor) {
        breaches.push_back(
            {"client_limit", "client " + client.name + " would owe " +
                                 money_text(exposure.client_minor + invoice.face_minor, currency) +
                                 " against a factoring limit of " +
                                 money_text(client.terms.factoring_limit_minor, currency)});
    }
    if (exposure.debtor_minor + face > debtor.credit_limit_minor) {
        breaches.push_back(
            {"debtor_credit_limit", "debtor " + debtor.name + " would owe " +
                                        money_text(exposure.debtor_minor + invoice.face_minor, currency) +
                                        " against a credit limit of " +
                                        money_text(debtor.credit_limit_minor, currency)});
    }
    // share = (pair + face) / (client + face), compared exactly: pair' x 1e6 > limit x client'
    const int128 pair_after = exposure.pair_minor + face;
    const int128 client_after = exposure.client_minor + face;
    if (pair_after * kPpmPerUnit > static_cast<int128>(client.terms.concentration_limit_ppm) * client_after) {
        const auto share_ppm = static_cast<int64_t>(pair_after * kPpmPerUnit / client_after);
        breaches.push_back(
            {"concentration", "debtor " + debtor.name + " would be " + format_rate_percent(share_ppm) +
                                  "% of client " + client.name + "'s outstanding face; the limit is " +
                                  format_rate_percent(client.terms.concentration_limit_ppm) + "%"});
    }
    if (debtor_cross_aged) {
        breaches.push_back(
            {"cross_aged",
             "debtor " + debtor.name + " is cross-aged: too much of its outstanding face is over 90 days"});
    }
    if (client.status != ClientStatus::active) {
        breaches.push_back({"client_suspended", "client " + client.name + " is suspended"});
    }
    return breaches;
}

std::string join_rules(const std::vector<Breach>& breaches) {
    std::string out;
    for (const auto& b : breaches)
        out += (out.empty() ? "" : ",") + b.rule;
    return out;
}

std::string join_messages(const std::vector<Breach>& breaches) {
    std::string out;
    for (const auto& b : breaches)
        out += (out.empty() ? "" : "; ") + b.message;
    return out;
}

bool is_eligible(const Invoice& invoice, Date business_date, const BookSettings& settings) {
    if (invoice.disputed)
        return false;
    return days_between(invoice.issue_date, business_date) <= settings.max_invoice_age_days;
}

int64_t required_reserve_minor(const Invoice& invoice, Date business_date, const BookSettings& settings) {
    if (invoice.state != InvoiceState::funded)
        return 0;
    const int64_t outstanding = invoice.outstanding_minor();
    if (!is_eligible(invoice, business_date, settings))
        return outstanding;
    // outstanding <= face and the rate is at most 100%, so this cannot overflow
    return apply_rate_ppm(outstanding, kPpmPerUnit - invoice.advance_rate_ppm).value();
}

bool is_cross_aged(int64_t aged_outstanding_minor, int64_t total_outstanding_minor,
                   const BookSettings& settings) {
    if (total_outstanding_minor <= 0)
        return false;
    return static_cast<int128>(aged_outstanding_minor) * kPpmPerUnit >
           static_cast<int128>(settings.cross_age_ppm) * total_outstanding_minor;
}

AdvanceSplit net_advance(int64_t advance_minor, int64_t shortfall_minor) {
    const int64_t netted = std::clamp<int64_t>(shortfall_minor, 0, advance_minor);
    return AdvanceSplit{advance_minor - netted, netted};
}

}  // namespace mf
