// Client onboarding: an application kept by staff (identity, owners, addresses, payout account, documents
// received, the UCC filing, KYC status), approved by an underwriter into a client with its terms and
// factoring limit, or declined with a reason. Every change is an audit event of the application naming the
// actor, so its history is the audit trail (docs/underwriting.md).
#include <fmt/format.h>

#include "book/book.hpp"
#include "book/internal.hpp"
#include "book/payout_files.hpp"
#include "core/fee_text.hpp"
#include "core/ids.hpp"

namespace mf {

using namespace detail;

namespace {

constexpr size_t kTextMax = 2000;

Result<ClientApplication> load_application(Transaction& tx, int64_t id) {
    MF_TRY(auto found, tx.find_client_application(id));
    if (!found)
        return not_found(IdKind::application, id);
    return std::move(*found);
}

Status require_open(const ClientApplication& application) {
    if (application.status == ApplicationStatus::open)
        return ok();
    return make_error("invalid_transition",
                      "application " + format_id(IdKind::application, application.id) + " is " +
                          std::string(to_string(application.status)) + ": only an open application changes",
                      "status");
}

Status check_text(const std::string& value, std::string_view field) {
    if (value.size() > kTextMax) {
        return make_error("invalid_field", fmt::format("{} is longer than {} characters", field, kTextMax),
                          std::string(field));
    }
    return ok();
}

// Sets a text field from the change, noting its name among the changed ones.
Status set_text(std::string& target, const std::optional<std::string>& value, std::string_view field,
                std::vector<std::string>& changed) {
    if (!value || *value == target)
        return ok();
    MF_CHECK(check_text(*value, field));
    target = *value;
    changed.emplace_back(field);
    return ok();
}

// Applies the change to the application and checks the result; `changed` names what changed (never the
// payout account's numbers: they stay out of the audit trail).
Status apply_change(ClientApplication& a, const ApplicationInput& input, Date business_date,
                    std::vector<std::string>& changed) {
    if (input.legal_name) {
        MF_CHECK(validate_name(*input.legal_name, "legal_name"));
        MF_CHECK(set_text(a.legal_name, input.legal_name, "legal_name", changed));
    }
    MF_CHECK(set_text(a.registration_id, input.registration_id, "registration_id", changed));
    MF_CHECK(set_text(a.tax_id, input.tax_id, "tax_id", changed));
    MF_CHECK(set_text(a.email, input.email, "email", changed));
    MF_CHECK(set_text(a.owners, input.owners, "owners", changed));
    MF_CHECK(set_text(a.addresses, input.addresses, "addresses", changed));
    MF_CHECK(set_text(a.documents, input.documents, "documents", changed));
    MF_CHECK(set_text(a.ucc_filing_ref, input.ucc_filing_ref, "ucc_filing_ref", changed));
    if (input.currency && !(*input.currency == a.currency)) {
        if (a.id != 0 && (a.payout_account.has_ach() || a.payout_account.has_iban()) &&
            !changes_payout_account(input.payout_account)) {
            return make_error("invalid_field",
                              "the payout account was given for " + std::string(a.currency.code()) +
                                  ": give the account of the new currency with it",
                              "currency");
        }
        a.currency = *input.currency;
        changed.emplace_back("currency");
    }
    if (input.ucc_filed_on && *input.ucc_filed_on != a.ucc_filed_on) {
        if (*input.ucc_filed_on && business_date < **input.ucc_filed_on) {
            return make_error("future_date",
                              "the UCC filing date " + (*input.ucc_filed_on)->to_string() +
                                  " is after the business date " + business_date.to_string(),
                              "ucc_filed_on");
        }
        a.ucc_filed_on = *input.ucc_filed_on;
        changed.emplace_back("ucc_filed_on");
    }
    if (input.kyc_status && *input.kyc_status != a.kyc_status) {
        changed.push_back(
            fmt::format("kyc_status {} -> {}", to_string(a.kyc_status), to_string(*input.kyc_status)));
        a.kyc_status = *input.kyc_status;
    }
    if (changes_payout_account(input.payout_account) || input.currency) {
        MF_TRY(a.payout_account, changed_payout_account(a.payout_account, input.payout_account, a.currency));
        if (changes_payout_account(input.payout_account))
            changed.emplace_back("payout_account");
    }
    if (a.tax_id.empty())
        return make_error("missing_field", "an application needs the tax id (EIN, VAT id)", "tax_id");
    if (a.owners.empty())
        return make_error("missing_field", "an application needs its owners (';'-separated)", "owners");
    if (a.addresses.empty())
        return make_error("missing_field", "an application needs an address", "addresses");
    return ok();
}

// What an application lacks before it may be approved, each named; empty when it is complete.
std::vector<std::string> missing_for_approval(const ClientApplication& a) {
    std::vector<std::string> missing;
    if (a.kyc_status != KycStatus::passed)
        missing.push_back("KYC has not passed (kyc_status " + std::string(to_string(a.kyc_status)) + ")");
    if (!a.payout_account.has_ach() && !a.payout_account.has_iban())
        missing.emplace_back("no payout bank account");
    if (a.documents.empty())
        missing.emplace_back("no documents received");
    if (a.ucc_filing_ref.empty() || !a.ucc_filed_on)
        missing.emplace_back("no UCC filing (reference and date)");
    return missing;
}

std::string joined(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const auto& part : parts)
        out += (out.empty() ? "" : std::string(separator)) + part;
    return out;
}

}  // namespace

Result<ClientApplication> Book::add_application(const Actor& actor, const ApplicationInput& input) {
    if (!input.legal_name)
        return make_error("missing_field", "an application needs the legal name", "legal_name");
    if (!input.currency || !input.currency->valid())
        return make_error("missing_field", "an application needs the currency it will factor in", "currency");
    ClientApplication application;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        application = ClientApplication{};
        application.currency = *input.currency;
        std::vector<std::string> changed;
        MF_CHECK(apply_change(application, input, settings.business_date, changed));
        application.created_at = clock_->now_utc();
        MF_TRY(application.id, tx.insert_client_application(application));
        return tx.append_audit(audit(actor, settings, "application.add", "application", application.id,
                                     "application of " + application.legal_name + " (" +
                                         std::string(application.currency.code()) + "), KYC " +
                                         std::string(to_string(application.kyc_status))));
    }));
    return application;
}

Result<ClientApplication> Book::update_application(const Actor& actor, int64_t application_id,
                                                   const ApplicationInput& change) {
    ClientApplication application;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(application, load_application(tx, application_id));
        if (change.expected_version && *change.expected_version != application.version) {
            return make_error("precondition_failed",
                              "application " + format_id(IdKind::application, application_id) +
                                  " changed since version " + std::to_string(*change.expected_version));
        }
        MF_CHECK(require_open(application));
        std::vector<std::string> changed;
        MF_CHECK(apply_change(application, change, settings.business_date, changed));
        if (changed.empty())
            return ok();  // nothing to record
        MF_CHECK(tx.update_client_application(application));
        application.version += 1;
        return tx.append_audit(audit(actor, settings, "application.update", "application", application.id,
                                     "changed " + joined(changed, ", ")));
    }));
    return application;
}

Result<ClientApplication> Book::application(int64_t application_id) {
    ClientApplication out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(out, load_application(tx, application_id));
        return ok();
    }));
    return out;
}

Result<std::vector<ClientApplication>> Book::applications() {
    std::vector<ClientApplication> out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(out, tx.list_client_applications());
        return ok();
    }));
    return out;
}

Result<std::vector<AuditEvent>> Book::application_history(int64_t application_id) {
    std::vector<AuditEvent> out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_CHECK(load_application(tx, application_id));
        MF_TRY(out, tx.audit_of("application", application_id));
        return ok();
    }));
    return out;
}

Result<ApplicationDecision> Book::approve_application(const Actor& actor, int64_t application_id,
                                                      const ApplicationApproval& approval) {
    MF_CHECK(validate_terms(approval.terms));
    if (approval.terms.factoring_limit_minor <= 0)
        return make_error("missing_field", "approval sets the client's factoring limit (above 0)",
                          "factoring_limit");
    ApplicationDecision decision;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(auto application, load_application(tx, application_id));
        MF_CHECK(require_open(application));
        const auto missing = missing_for_approval(application);
        if (!missing.empty()) {
            return make_error("application_incomplete",
                              "application " + format_id(IdKind::application, application_id) +
                                  " cannot be approved: " + joined(missing, "; "),
                              "application");
        }
        Client client;
        client.name = application.legal_name;
        client.currency = application.currency;
        client.terms = approval.terms;
        client.email = application.email;
        client.tax_id = application.tax_id;
        client.payout_account = application.payout_account;
        MF_TRY(client.id, tx.insert_client(client));
        application.status = ApplicationStatus::approved;
        application.client_id = client.id;
        application.decided_by = actor.name;
        application.decided_on = settings.business_date;
        application.decision_reason = approval.note;
        MF_CHECK(tx.update_client_application(application));
        application.version += 1;
        const std::string terms_text =
            "limit " + money_text(client.terms.factoring_limit_minor, client.currency) + ", advance " +
            format_rate_percent(client.terms.advance_rate_ppm) + "%, fee " +
            format_fee_schedule(client.terms.fee_schedule, client.currency) + ", " +
            std::string(to_string(client.terms.recourse));
        MF_CHECK(tx.append_audit(audit(
            actor, settings, "client.add", "client", client.id,
            "client " + client.name + " (" + std::string(client.currency.code()) + ") from application " +
                format_id(IdKind::application, application.id) + ", " + terms_text)));
        MF_CHECK(tx.append_audit(
            audit(actor, settings, "application.approve", "application", application.id,
                  "approved into client " + format_id(IdKind::client, client.id) + ": " + terms_text,
                  approval.note)));
        decision.application = application;
        decision.client = client;
        return ok();
    }));
    return decision;
}

Result<ClientApplication> Book::decline_application(const Actor& actor, int64_t application_id,
                                                    const std::string& reason) {
    if (reason.empty())
        return make_error("missing_field", "declining an application needs a reason", "reason");
    MF_CHECK(check_text(reason, "reason"));
    ClientApplication application;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(application, load_application(tx, application_id));
        MF_CHECK(require_open(application));
        application.status = ApplicationStatus::declined;
        application.decided_by = actor.name;
        application.decided_on = settings.business_date;
        application.decision_reason = reason;
        MF_CHECK(tx.update_client_application(application));
        application.version += 1;
        return tx.append_audit(
            audit(actor, settings, "application.decline", "application", application.id, "declined", reason));
    }));
    return application;
}

}  // namespace mf
