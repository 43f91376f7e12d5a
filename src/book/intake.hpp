// Invoice intake and bank-file loading: what a file of invoices or a bank statement becomes in the book, row
// by row. The records come from formats/; the results say, per row, what was done and why. Plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "book/cash_match.hpp"
#include "book/reports.hpp"
#include "formats/records.hpp"

namespace mf {

struct IntakeOptions {
    int64_t client_id = 0;
    // Keep the good rows of a file with bad ones. By default a file is all or nothing: one rejected row and
    // nothing is written.
    bool partial = false;
    std::string file_name;  // for the audit trail
};

enum class RowOutcome { accepted, held, rejected };
std::string_view to_string(RowOutcome outcome);

struct IntakeRow {
    std::string place;  // "row 3", "Invoice" ...
    std::string number;
    formats::DocumentKind kind = formats::DocumentKind::invoice;
    RowOutcome outcome = RowOutcome::accepted;
    // Named rules, e.g. "possible_double_pledge", "debtor_match_unsure"; for a held row they are the
    // invoice's review reasons.
    std::vector<std::string> rules;
    std::vector<std::string> messages;  // one per rule, for people
    std::optional<int64_t> debtor_id;
    std::string debtor_match;           // how the debtor was found: "tax_id", "email_domain", "name", ...
    std::optional<int64_t> invoice_id;  // the invoice written (accepted, held) or reduced (credit note)
};

// A schedule a file's invoices were submitted on, without its invoices: the file's rows name each one.
struct SubmittedSchedule {
    Schedule schedule;
    size_t invoice_count = 0;
    int64_t face_minor = 0;  // the sum of its invoices' face amounts, in the schedule's currency
    std::optional<AutoApprovalDecision> auto_approval;  // set when auto-approval ran on it
};

struct IntakeResult {
    formats::InvoiceFormat format = formats::InvoiceFormat::csv;
    bool written = false;  // false: a rejected row stopped an all-or-nothing file, or nothing was usable
    // The first schedule with its invoices (at most 10,000), as one-schedule files always had it.
    std::optional<ScheduleView> schedule;
    // Every schedule the file's invoices were submitted on, the first included, in file order: one, or one
    // per 10,000 invoices (a schedule's most) for a bigger file. Only the first keeps its invoices, so a
    // million-row file holds 100 of these rather than a million invoices.
    std::vector<SubmittedSchedule> schedules;
    std::vector<IntakeRow> rows;
    size_t accepted = 0;
    size_t held = 0;
    size_t rejected = 0;
};

struct BankDuplicate {
    std::string place;
    int64_t receipt_id = 0;  // the receipt booked from the same line before
};

struct BankImportResult {
    formats::BankFormat format = formats::BankFormat::camt053;
    std::vector<ReceiptView> recorded;
    std::vector<BankDuplicate> duplicates;  // lines already booked: skipped
    int64_t debits_skipped = 0;
    int64_t reversals_skipped = 0;
    int64_t pending_skipped = 0;
};

struct AutoApplyOutcome {
    int64_t receipt_id = 0;
    Currency currency;
    bool applied = false;
    std::string reason;                     // why the applications are certain, or why nothing was applied
    std::vector<Application> applications;  // what was applied
    std::vector<CashSuggestion> suggestions;
    std::optional<int64_t> debtor_id;  // the payer, when it could be told
};

struct AutoApplyResult {
    std::vector<AutoApplyOutcome> receipts;
    size_t applied = 0;  // receipts with applications
};

}  // namespace mf
