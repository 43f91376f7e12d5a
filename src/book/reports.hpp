// What the use cases and reports return: plain values that the faces render as tables or JSON.
// Thread-safety: plain values.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/ledger.hpp"
#include "core/model.hpp"
#include "store/store.hpp"

namespace mf {

struct ScheduleView {
    Schedule schedule;
    std::vector<Invoice> invoices;
    // Set by a submission when auto-approval ran on the schedule (book/auto_approval.cpp).
    std::optional<AutoApprovalDecision> auto_approval;
};

struct ApprovalOutcome {
    Invoice invoice;
    bool approved = false;
    std::string rules;    // the rules breached ("client_limit,concentration"), empty when none
    std::string message;  // the numbers behind them
    bool overridden = false;
};

struct InvoiceHistory {
    Invoice invoice;
    std::vector<AuditEvent> events;
    std::vector<JournalEntry> entries;
    std::vector<ReceiptApplication> applications;
    int64_t fee_to_date_minor = 0;
};

struct ReceiptView {
    Receipt receipt;
    std::vector<JournalEntry> entries;
};

// A receipt with where its cash went: each application with the invoice it paid.
struct ReceiptApplicationLine {
    int64_t invoice_id = 0;
    std::string invoice_number;
    int64_t client_id = 0;
    int64_t amount_minor = 0;
    Date applied_on;
};
struct ReceiptDetail {
    Receipt receipt;
    std::vector<ReceiptApplicationLine> applications;
};

struct CloseDayResult {
    Date date;
    bool already_closed = false;
    int64_t invoices_accrued = 0;
    std::vector<Money> fees_by_currency;  // fee accrued by close-day, one amount per currency
    int64_t overdue_invoices = 0;
    int64_t cross_aged_debtors = 0;
    int64_t charged_back = 0;
    int64_t flagged_for_recourse = 0;
    std::vector<Payout> rebates;
};

// Outstanding face in the five buckets: current (not yet due), 1-30, 31-60, 61-90, 91+ days past due; or by
// days since invoice date 0-30, 31-60, 61-90, 91-120, 121+.
inline constexpr int kAgingBuckets = 5;
struct AgingRow {
    int64_t id = 0;  // client or debtor
    std::string name;
    Currency currency;
    std::array<int64_t, kAgingBuckets> by_due_minor{};
    std::array<int64_t, kAgingBuckets> by_invoice_date_minor{};
    int64_t total_minor = 0;
    int64_t invoices = 0;
};
struct AgingReport {
    Date as_of;
    std::vector<AgingRow> by_client;
    std::vector<AgingRow> by_debtor;
    std::vector<AgingRow> totals;  // one per currency
};
std::array<const char*, kAgingBuckets> aging_due_labels();
std::array<const char*, kAgingBuckets> aging_invoice_date_labels();

struct ConcentrationRow {
    int64_t client_id = 0;  // 0 = the whole book
    std::string client_name;
    int64_t debtor_id = 0;
    std::string debtor_name;
    Currency currency;
    int64_t outstanding_minor = 0;
    int64_t base_minor = 0;  // the client's (or book's) outstanding face in the currency
    int64_t share_ppm = 0;
    int64_t limit_ppm = 0;  // the client's concentration limit; the debtor's credit-limit share for book rows
    bool breach = false;
};
struct ConcentrationReport {
    Date as_of;
    std::vector<ConcentrationRow> rows;
};

struct ReserveRow {
    int64_t client_id = 0;
    std::string name;
    Currency currency;
    int64_t reserve_minor = 0;  // credit-positive: what the factor owes the client
    int64_t required_minor = 0;
    int64_t releasable_minor = 0;
    int64_t shortfall_minor = 0;
    int64_t funds_employed_minor = 0;
    int64_t outstanding_minor = 0;
    int64_t availability_minor = 0;  // factoring limit - exposure
};
struct ReserveReport {
    Date as_of;
    std::vector<ReserveRow> rows;
};

struct StatementLine {
    Date on;
    EntryKind kind = EntryKind::charge;
    std::string memo;
    int64_t invoice_id = 0;
    int64_t reserve_change_minor = 0;  // credit-positive: + the client is owed more
    int64_t balance_minor = 0;         // running reserve after the line
};
struct ClientStatement {
    Client client;
    Date from;
    Date to;
    int64_t opening_reserve_minor = 0;
    int64_t closing_reserve_minor = 0;
    int64_t funded_face_minor = 0;
    int64_t advances_paid_minor = 0;
    int64_t fees_minor = 0;
    int64_t charges_minor = 0;
    int64_t collections_minor = 0;
    int64_t rebates_paid_minor = 0;
    std::vector<StatementLine> lines;
    std::vector<Invoice> open_invoices;
};

struct PortfolioRow {
    Currency currency;
    int64_t open_invoices = 0;
    int64_t funded_volume_minor = 0;  // face funded in the period
    int64_t outstanding_face_minor = 0;
    int64_t funds_employed_minor = 0;
    int64_t fee_income_minor = 0;  // in the period
    int64_t annualized_yield_ppm = 0;
    int64_t dso_days = 0;
    int64_t dilution_rate_ppm = 0;
    int64_t loss_rate_ppm = 0;
    int64_t average_advance_rate_ppm = 0;
    int64_t overdue_face_minor = 0;
    int64_t cash_minor = 0;
    int64_t unapplied_cash_minor = 0;
};
struct PortfolioReport {
    Date from;
    Date as_of;
    int64_t clients = 0;
    int64_t debtors = 0;
    std::vector<PortfolioRow> rows;
};

struct TrialBalanceRow {
    Account account = Account::cash;
    Currency currency;
    int64_t debit_minor = 0;
    int64_t credit_minor = 0;
};
struct TrialBalance {
    Date as_of;
    std::vector<TrialBalanceRow> rows;
    bool balanced = true;  // per currency, debits = credits
};

struct VerifyReport {
    int64_t entries = 0;
    int64_t balances_checked = 0;
    int64_t flows_checked = 0;  // running sums of the day's flows (per day, kind, account, client)
    int64_t invoices_checked = 0;
    std::vector<std::string> problems;  // empty = clean
    bool clean() const { return problems.empty(); }
};

}  // namespace mf
