// The requests of the use cases, already parsed into domain values by the faces (CLI, API): amounts as minor
// units with their currency, dates as Dates, ids as integers. Optional fields of a change are left unset to
// keep the stored value. Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace mf {

struct NewBook {
    std::string name = "microfactor book";
    Currency base_currency;
    CalendarKind calendar = CalendarKind::us_federal_reserve;
    Date business_date;
    bool require_credit_review = true;  // funding needs a current credit review of the debtor
};

struct SettingsChange {
    std::optional<std::string> name;
    std::optional<RebateSchedule> rebate_schedule;
    std::optional<unsigned> rebate_weekday;
    std::optional<RecourseAction> recourse_action;
    std::optional<int32_t> max_invoice_age_days;
    std::optional<int64_t> cross_age_ppm;
    // The factor as originator of payout files: each field set replaces the stored one ("" clears it).
    std::optional<std::string> originator_name;
    std::optional<std::string> ach_company_id;
    std::optional<std::string> ach_immediate_origin;
    std::optional<std::string> ach_origin_name;
    std::optional<std::string> ach_odfi_routing;
    std::optional<std::string> ach_destination;
    std::optional<std::string> ach_destination_name;
    std::optional<std::string> originator_iban;
    std::optional<std::string> originator_bic;
    // Notices of assignment: funding needs the pair's notice sent; the factor's remittance instructions.
    std::optional<bool> require_noa_before_funding;
    std::optional<std::string> remittance_instructions;
    std::optional<bool> require_credit_review;
};

// A client's payout account as given: each field set replaces the stored one ("" clears it). ACH (routing,
// account, type) for USD clients, IBAN (and BIC) for EUR clients.
struct PayoutAccountChange {
    std::optional<std::string> routing_number;
    std::optional<std::string> account_number;
    std::optional<AchAccountType> account_type;
    std::optional<std::string> iban;
    std::optional<std::string> bic;
};

struct NewClient {
    std::string name;
    Currency currency;
    ClientTerms terms;
    std::string email;
    std::string tax_id;
    PayoutAccountChange payout_account;
};

struct ClientChange {
    std::optional<int64_t> expected_version;  // If-Match: a stale version is a conflict
    std::optional<std::string> name;
    std::optional<int64_t> advance_rate_ppm;
    std::optional<FeeSchedule> fee_schedule;
    std::optional<int64_t> factoring_limit_minor;
    std::optional<RecourseKind> recourse;
    std::optional<int32_t> recourse_days;
    std::optional<int32_t> clearance_days;
    std::optional<int64_t> concentration_limit_ppm;
    std::optional<ClientStatus> status;
    std::optional<std::string> email;
    std::optional<std::string> tax_id;
    PayoutAccountChange payout_account;
};

struct NewDebtor {
    std::string name;
    Currency currency;
    int64_t credit_limit_minor = 0;
    std::string email;
    std::string tax_id;
};

struct DebtorChange {
    std::optional<int64_t> expected_version;
    std::optional<std::string> name;
    std::optional<int64_t> credit_limit_minor;
    std::optional<std::string> email;
    std::optional<std::string> tax_id;
};

struct NewCharge {
    std::string code;
    std::string name;
    Money amount;
};

struct ChargeRequest {
    int64_t client_id = 0;
    std::string code;                     // a catalog charge ...
    std::optional<int64_t> amount_minor;  // ... or its amount overridden / an ad-hoc amount with code "other"
    int64_t invoice_id = 0;
    std::string memo;
};

struct NewInvoice {
    int64_t debtor_id = 0;
    std::string number;
    int64_t face_minor = 0;
    Currency currency;
    Date issue_date;
    Date due_date;
    // Intake rules that hold the invoice for a person ("possible_double_pledge,related_party"): it is
    // submitted needing review, and approving it needs an override reason.
    std::string review_reasons;
};

struct NewSchedule {
    int64_t client_id = 0;
    std::vector<NewInvoice> invoices;
};

struct ApprovalRequest {
    std::vector<int64_t> invoice_ids;
    std::string override_reason;  // non-empty: approve despite the breaches found, and say why
};

struct CapitalContribution {
    Money amount;
    std::string memo;
};

struct Application {
    int64_t invoice_id = 0;
    int64_t amount_minor = 0;
    // A short pay the collector accepts: the rest of the invoice is closed as dilution after this payment.
    bool close_short = false;
    // Money for an invoice the factor does not own (never funded, rejected, charged back, closed): the
    // collector says it belongs to the client, and it is credited to the client's reserve. Without it such an
    // application is refused, so cash is never absorbed silently.
    bool to_client = false;
};

struct NewReceipt {
    Money amount;
    Date received_on;
    std::string payer;
    std::string reference;
    std::optional<int64_t> debtor_id;
    std::string source = "manual";
    std::vector<Application> applications;
};

enum class DisputeOutcome { upheld_for_client, lost_as_dilution };

struct MisdirectedPayment {
    int64_t invoice_id = 0;
    int64_t amount_minor = 0;
    std::optional<Date> paid_on;
    std::string note;
};

struct ClientPayment {
    int64_t client_id = 0;
    int64_t amount_minor = 0;
    std::string memo;
};

// A payout file over pending payouts: NACHA pays USD payouts to ACH accounts, pain.001 EUR payouts to IBANs.
struct PayoutFileRequest {
    PayoutFileFormat format = PayoutFileFormat::nacha;
    std::vector<int64_t> payout_ids;  // empty: every pending payout in the format's currency
};

struct ReportScope {
    std::optional<Date> as_of;         // default: the business date
    std::optional<int64_t> client_id;  // client users see only their client
    std::optional<Currency> currency;
};

}  // namespace mf
