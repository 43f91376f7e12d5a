// The records of a factoring book: settings, clients and their terms, debtors, schedules, invoices, receipts,
// payouts, charges. Plain values (no behaviour beyond derived amounts); the rules live in the other core
// files. Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "core/date.hpp"
#include "core/fees.hpp"
#include "core/money.hpp"

namespace mf {

enum class RebateSchedule { on_collection, weekly };
enum class RecourseAction { charge_back, flag };

// The factor as the originator of payout files (formats::Originator): who sends the money and from which
// account. Empty fields are not set up; a payout file needs those of its format.
struct PayoutOriginator {
    std::string name;                  // company name
    std::string ach_company_id;        // 10 characters, usually "1" + EIN
    std::string ach_immediate_origin;  // routing number or 10-character origin
    std::string ach_origin_name;
    std::string ach_odfi_routing;  // the factor's bank (9 digits)
    std::string ach_destination;   // immediate destination routing
    std::string ach_destination_name;
    std::string iban;  // SEPA account the payouts leave from
    std::string bic;
};

struct BookSettings {
    std::string name;
    Currency base_currency;
    CalendarKind calendar = CalendarKind::us_federal_reserve;
    Date business_date;                  // the date events are effective on now
    std::optional<Date> last_closed_on;  // the last business date close-day completed
    RebateSchedule rebate_schedule = RebateSchedule::on_collection;
    unsigned rebate_weekday = 5;  // ISO weekday for weekly releases (Friday)
    RecourseAction recourse_action = RecourseAction::charge_back;
    int32_t max_invoice_age_days = 90;
    int64_t cross_age_ppm = 100'000;  // 10%
    int32_t cross_age_days = 90;      // "over 90 days past invoice date"
    int32_t stale_future_days = 0;    // invoice dates may not be after the business date
    PayoutOriginator originator;
    // Notification factoring: funding an invoice needs its (client, debtor) pair's notice of assignment sent.
    bool require_noa_before_funding = false;
    // Where and how debtors pay the factor (notices, the assignment legend, debtor links); '\n' separates
    // lines.
    std::string remittance_instructions;
    // Funding on a debtor needs a current approved credit review (docs/underwriting.md); new books start
    // with it on, books made before it existed with it off.
    bool require_credit_review = true;
};

enum class RecourseKind { recourse, non_recourse };
enum class ClientStatus { active, suspended };

struct ClientTerms {
    int64_t advance_rate_ppm = 900'000;
    FeeSchedule fee_schedule;
    int64_t factoring_limit_minor = 0;
    RecourseKind recourse = RecourseKind::recourse;
    int32_t recourse_days = 90;
    int32_t clearance_days = 0;
    int64_t concentration_limit_ppm = 1'000'000;  // 100% = no concentration limit
};

enum class AchAccountType { checking, savings };

// Where a client's payouts go: an ACH account (USD) or an IBAN (EUR). Sensitive: shown in full only to admins
// and underwriters, and never logged.
struct PayoutAccount {
    std::string routing_number;  // ABA, 9 digits with check digit
    std::string account_number;  // 1-17 digits, capital letters or hyphens
    AchAccountType account_type = AchAccountType::checking;
    std::string iban;  // electronic form, no spaces
    std::string bic;   // optional

    bool has_ach() const { return !routing_number.empty() && !account_number.empty(); }
    bool has_iban() const { return !iban.empty(); }
};

// "****6789": the last 4 characters of an account number or IBAN, the rest starred.
std::string masked_account_number(std::string_view number);
// The account with its account number and IBAN masked, for readers who may not see them whole.
PayoutAccount masked(const PayoutAccount& account);

struct Client {
    int64_t id = 0;
    std::string name;
    Currency currency;
    ClientTerms terms;
    ClientStatus status = ClientStatus::active;
    std::string email;
    std::string tax_id;
    int64_t version = 0;
    PayoutAccount payout_account;
};

struct Debtor {
    int64_t id = 0;
    std::string name;
    Currency currency;
    int64_t credit_limit_minor = 0;
    std::string email;
    std::string tax_id;
    int64_t version = 0;
};

enum class InvoiceState { submitted, approved, funded, closed, rejected, charged_back, written_off };
enum class Verification { not_required, pending, verified, failed };

struct Invoice {
    int64_t id = 0;
    int64_t client_id = 0;
    int64_t debtor_id = 0;
    int64_t schedule_id = 0;
    std::string number;
    Currency currency;
    int64_t face_minor = 0;
    Date issue_date;
    Date due_date;
    InvoiceState state = InvoiceState::submitted;
    Verification verification = Verification::not_required;
    bool disputed = false;
    std::string review_reasons;   // needs_review when not empty: rule codes separated by ','
    std::string override_reason;  // set when an approver overrode a held rule

    // Terms copied from the client when the invoice funds, so later edits never rewrite history.
    int64_t advance_rate_ppm = 0;
    FeeSchedule fee_schedule;
    int32_t clearance_days = 0;
    RecourseKind recourse = RecourseKind::recourse;
    int32_t recourse_days = 90;
    std::optional<Date> funded_on;
    int64_t advance_minor = 0;

    // Movements of the purchased receivable after funding.
    int64_t collected_minor = 0;
    int64_t diluted_minor = 0;
    int64_t charged_back_minor = 0;
    int64_t written_off_minor = 0;
    int64_t misdirected_minor = 0;
    std::optional<Date> last_payment_on;  // value date of the latest payment applied
    int64_t fee_settled_minor = 0;        // the final fee, once the invoice left the funded state
    std::optional<Date> closed_on;
    int64_t version = 0;

    bool needs_review() const { return !review_reasons.empty(); }
    // purchased receivable still owed by the debtor; never negative (asserted by the book)
    int64_t outstanding_minor() const {
        return face_minor - collected_minor - diluted_minor - charged_back_minor - written_off_minor -
               misdirected_minor;
    }
    int64_t reserve_minor() const { return face_minor - advance_minor; }
    bool is_open_funded() const { return state == InvoiceState::funded; }
};

enum class ScheduleState { open, funded, rejected };

struct Schedule {
    int64_t id = 0;
    int64_t client_id = 0;
    Currency currency;
    Date submitted_on;
    ScheduleState state = ScheduleState::open;
    std::optional<int64_t> payout_id;
    int64_t version = 0;
};

enum class PayoutKind { advance, rebate };
enum class PayoutStatus { pending, sent };

struct Payout {
    int64_t id = 0;
    int64_t client_id = 0;
    PayoutKind kind = PayoutKind::advance;
    Currency currency;
    int64_t amount_minor = 0;  // cash paid to the client
    int64_t netted_minor = 0;  // part of the advances kept to settle a reserve shortfall
    Date paid_on;
    std::optional<int64_t> schedule_id;
    PayoutStatus status = PayoutStatus::pending;
    std::optional<int64_t> payout_file_id;  // the file that sent it
};

enum class PayoutFileFormat { nacha, pain001 };

// A payout file the book wrote (NACHA or pain.001): kept whole for re-download, with what it holds.
struct PayoutFile {
    int64_t id = 0;
    PayoutFileFormat format = PayoutFileFormat::nacha;
    Currency currency;
    std::string created_at;  // RFC 3339 UTC, the book's clock
    Date business_date;
    int64_t payout_count = 0;
    int64_t total_minor = 0;
    std::string sha256;   // hex digest of content
    std::string content;  // the file's bytes (ASCII NACHA records, UTF-8 XML); empty in lists
};

struct Receipt {
    int64_t id = 0;
    Currency currency;
    int64_t amount_minor = 0;
    Date received_on;  // value date
    std::string payer;
    std::string reference;
    std::optional<int64_t> debtor_id;
    int64_t unapplied_minor = 0;  // what is still in unapplied_cash
    std::string source;           // "manual", a bank file name, ...
};

struct Charge {
    int64_t id = 0;
    std::string code;  // ach_fee, wire_fee, credit_check_fee, noa_fee, misdirected_payment_fee, ...
    std::string name;
    Currency currency;
    int64_t amount_minor = 0;
};

// Text names used by the store, the CLI and the API (one spelling everywhere).
std::string_view to_string(InvoiceState state);
std::string_view to_string(Verification verification);
std::string_view to_string(RecourseKind recourse);
std::string_view to_string(ClientStatus status);
std::string_view to_string(ScheduleState state);
std::string_view to_string(PayoutKind kind);
std::string_view to_string(PayoutStatus status);
std::string_view to_string(RebateSchedule schedule);
std::string_view to_string(RecourseAction action);
std::string_view to_string(AchAccountType type);
std::string_view to_string(PayoutFileFormat format);
Result<InvoiceState> parse_invoice_state(std::string_view text);
Result<Verification> parse_verification(std::string_view text);
Result<RecourseKind> parse_recourse(std::string_view text);
Result<ClientStatus> parse_client_status(std::string_view text);
Result<ScheduleState> parse_schedule_state(std::string_view text);
Result<PayoutKind> parse_payout_kind(std::string_view text);
Result<PayoutStatus> parse_payout_status(std::string_view text);
Result<RebateSchedule> parse_rebate_schedule(std::string_view text);
Result<RecourseAction> parse_recourse_action(std::string_view text);
Result<AchAccountType> parse_ach_account_type(std::string_view text);
Result<PayoutFileFormat> parse_payout_file_format(std::string_view text);

}  // namespace mf
