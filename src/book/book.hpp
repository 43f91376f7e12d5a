// The use cases of a factoring book: one function per business action, each one store transaction that writes
// the records, the balanced journal entries and the audit events together, or nothing. Faces (CLI, API) call
// only this. Thread-safety: a Book may be shared; each call runs in its own transaction of the Store.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "book/auto_approval.hpp"
#include "book/clock.hpp"
#include "book/exports.hpp"
#include "book/inputs.hpp"
#include "book/intake.hpp"
#include "book/outbox.hpp"
#include "book/reports.hpp"
#include "book/underwriting.hpp"
#include "book/verification_inputs.hpp"
#include "core/model.hpp"
#include "formats/invoice_file.hpp"
#include "store/store.hpp"

namespace mf {

namespace detail {
class ApprovalBatch;
}

namespace mail {
class Transport;
}

class Book {
  public:
    Book(std::unique_ptr<Store> store, std::shared_ptr<const Clock> clock);

    // A new book file with its settings and the standard charge catalog; refuses an existing book.
    static Result<std::unique_ptr<Book>> create(std::string_view url, const NewBook& input,
                                                std::shared_ptr<const Clock> clock);
    static Result<std::unique_ptr<Book>> open(std::string_view url, std::shared_ptr<const Clock> clock);

    Result<BookSettings> settings();
    Result<BookSettings> update_settings(const Actor& actor, const SettingsChange& change);

    Result<Client> add_client(const Actor& actor, const NewClient& input);
    Result<Client> update_client(const Actor& actor, int64_t client_id, const ClientChange& change);
    Result<Client> client(int64_t client_id);
    Result<std::vector<Client>> clients();

    Result<Debtor> add_debtor(const Actor& actor, const NewDebtor& input);
    Result<Debtor> update_debtor(const Actor& actor, int64_t debtor_id, const DebtorChange& change);
    Result<Debtor> debtor(int64_t debtor_id);
    Result<std::vector<Debtor>> debtors();

    Result<Charge> define_charge(const Actor& actor, const NewCharge& input);
    Result<std::vector<Charge>> charges();
    // Charges a catalog charge (or an amount) to a client's reserve.
    Result<JournalEntry> charge_client(const Actor& actor, const ChargeRequest& request);

    // Submission: every invoice is checked (amounts, currencies, dates, duplicates); one bad row refuses the
    // whole schedule and nothing is written.
    Result<ScheduleView> submit_schedule(const Actor& actor, const NewSchedule& input);
    // Many schedules in one transaction (file imports, benchmarks): all or nothing.
    Result<std::vector<ScheduleView>> submit_schedules(const Actor& actor,
                                                       const std::vector<NewSchedule>& inputs);
    static constexpr size_t kMaxScheduleInvoices = 10'000;
    // Approval checks the limits and eligibility of each invoice: a breach holds it (needs_review) with the
    // rules named, unless the request carries an override reason, which then lands in the audit log.
    Result<std::vector<ApprovalOutcome>> approve_invoices(const Actor& actor, const ApprovalRequest& request);
    Result<std::vector<Invoice>> reject_invoices(const Actor& actor, const std::vector<int64_t>& invoice_ids,
                                                 const std::string& reason);
    // Funds the approved invoices of a schedule as one payout, netting a reserve shortfall.
    Result<Payout> fund_schedule(const Actor& actor, int64_t schedule_id);
    // Many schedules, one transaction (imports, benchmarks); all or nothing.
    Result<std::vector<Payout>> fund_schedules(const Actor& actor, const std::vector<int64_t>& schedule_ids);

    // A client's file of invoices (CSV, UBL, CII, QuickBooks, Xero, read by formats/): debtors matched, each
    // row checked as submission checks it plus the intake rules (duplicates, double pledges, assignment to
    // another factor, related parties, outliers), then one schedule of the accepted and held rows, and credit
    // notes booked as dilution of the invoices they reduce. Per-row results either way; nothing is written
    // when the file is all-or-nothing and a row is rejected.
    // Each row is in the results where the file has it; a file already read puts its problems first.
    Result<IntakeResult> import_invoices(const Actor& actor, const formats::InvoiceFile& file,
                                         const IntakeOptions& options);
    // The same from the file's bytes, each row judged as it is read (formats::read_invoice_file with a
    // sink), so the documents of a big file are never all held at once. A file that cannot be read is that
    // error, and nothing is written.
    Result<IntakeResult> import_invoices(const Actor& actor, std::string_view bytes,
                                         std::optional<formats::InvoiceFormat> format,
                                         const formats::InvoiceReadOptions& read_options,
                                         const IntakeOptions& options);
    // A bank statement's credits as receipts to unapplied cash, one transaction; lines booked before (same
    // account, bank reference, amount and date) are skipped and listed.
    Result<BankImportResult> import_bank_file(const Actor& actor, const formats::BankFile& file,
                                              const std::string& file_name);

    Result<ScheduleView> schedule(int64_t schedule_id);
    Result<std::vector<Schedule>> schedules(std::optional<int64_t> client_id);
    Result<Invoice> invoice(int64_t invoice_id);
    Result<std::vector<Invoice>> invoices(const InvoiceFilter& filter);
    Result<InvoiceHistory> invoice_history(int64_t invoice_id);

    Result<JournalEntry> contribute_capital(const Actor& actor, const CapitalContribution& input);

    // Cash in: a receipt is booked to unapplied cash, then applied (in the same call when applications are
    // given).
    Result<ReceiptView> record_receipt(const Actor& actor, const NewReceipt& input);
    // A bank statement's receipts in one transaction: all or nothing.
    Result<std::vector<ReceiptView>> record_receipts(const Actor& actor,
                                                     const std::vector<NewReceipt>& inputs);
    Result<ReceiptView> apply_receipt(const Actor& actor, int64_t receipt_id,
                                      const std::vector<Application>& applications);
    // Cash application by the matcher (cash_match.hpp): each unapplied receipt (or those named) gets the
    // applications the evidence makes certain, in one transaction; the others keep their cash and come back
    // with ranked suggestions for a collector.
    Result<AutoApplyResult> auto_apply(const Actor& actor, const std::vector<int64_t>& receipt_ids);
    Result<CashMatch> cash_suggestions(int64_t receipt_id);
    Result<Receipt> receipt(int64_t receipt_id);
    Result<ReceiptDetail> receipt_detail(int64_t receipt_id);
    Result<std::vector<Receipt>> receipts(bool unapplied_only);

    Result<Invoice> close_short(const Actor& actor, int64_t invoice_id, const std::string& reason);
    Result<Invoice> dispute(const Actor& actor, int64_t invoice_id, const std::string& reason);
    Result<Invoice> resolve_dispute(const Actor& actor, int64_t invoice_id, DisputeOutcome outcome,
                                    const std::string& reason);
    Result<Invoice> charge_back(const Actor& actor, int64_t invoice_id, const std::string& reason);
    Result<Invoice> write_off(const Actor& actor, int64_t invoice_id, const std::string& reason);
    Result<Invoice> report_misdirected_payment(const Actor& actor, const MisdirectedPayment& input);
    Result<JournalEntry> client_pays_in(const Actor& actor, const ClientPayment& input);
    // Pays a client what its reserve holds beyond the required reserve (all of it, or at most `amount`).
    Result<std::optional<Payout>> release_rebate(const Actor& actor, int64_t client_id,
                                                 std::optional<int64_t> amount_minor);
    Result<std::vector<Payout>> payouts(std::optional<int64_t> client_id);
    // A bank file paying pending payouts (NACHA for USD to ACH accounts, pain.001 for EUR to IBANs), written
    // with the book's originator settings, business date and clock, stored whole and its payouts marked sent,
    // in one transaction. A payout that is not pending, in another currency, or whose client has no account
    // of the format's kind refuses the whole file, naming the payout and the client.
    Result<PayoutFile> create_payout_file(const Actor& actor, const PayoutFileRequest& request);
    Result<PayoutFile> payout_file(int64_t payout_file_id);  // with its content, for re-download
    Result<std::vector<PayoutFile>> payout_files();          // without content

    // Closes business days up to and including `through` (the current business date when empty), one
    // transaction per day, in order. Re-closing the last closed date changes nothing; an earlier date is
    // "out_of_order".
    Result<std::vector<CloseDayResult>> close_day(const Actor& actor, std::optional<Date> through);

    Result<AgingReport> aging_report(const ReportScope& scope);
    Result<ConcentrationReport> concentration_report(const ReportScope& scope);
    Result<ReserveReport> reserve_report(const ReportScope& scope);
    Result<ClientStatement> client_statement(int64_t client_id, Date from, Date to);
    Result<PortfolioReport> portfolio_report(const ReportScope& scope, std::optional<Date> from);
    Result<TrialBalance> trial_balance();
    // Recomputes every stored balance from the postings and every invoice's receivable and fee; lists each
    // difference (none in a healthy book).
    Result<VerifyReport> verify();
    // Every journal entry effective in the period, in id order, written in `request.format` to `sink` a page
    // at a time from one consistent snapshot (book/exports.cpp).
    Result<JournalExportSummary> export_journal(const JournalExportRequest& request, const ExportSink& sink);

    // ---- verification (book/verification.cpp) ----
    // A client's policy (none when never set) and its change; the policy applies to invoices submitted after.
    Result<VerificationPolicy> verification_policy(int64_t client_id);
    Result<VerificationPolicy> set_verification_policy(const Actor& actor, const VerificationPolicy& policy);
    // A staff call or e-mail about one open invoice, logged; confirmed verifies it, contested fails it (a
    // failed invoice is held: approval and funding refused), the other outcomes change nothing.
    Result<VerificationOutcome> record_verification(const Actor& actor, const StaffVerification& input);
    // Stores a link for a debtor (its token's hash), expiring in input.expires_in_days.
    Result<DebtorLink> issue_debtor_link(const Actor& actor, const NewDebtorLink& input);
    // What a link shows; errors: invalid_link (unknown or altered token), link_expired, link_used,
    // wrong_link_purpose (a link for another purpose: `purpose` empty accepts any).
    Result<DebtorLinkView> open_debtor_link(std::string_view token_hash, std::string_view purpose);
    // The debtor's confirmation or contest through a verify_invoice link, which is then used up; the
    // audit actor names the debtor and the link.
    Result<VerificationOutcome> answer_debtor_link(std::string_view token_hash, const DebtorAnswer& answer);
    // The debtor's acknowledgement of the notice through an acknowledge_noa link, which is then used up.
    Result<NoticeStatus> acknowledge_notice_by_link(std::string_view token_hash);
    Result<std::vector<VerificationRecord>> verification_log(const VerificationLogQuery& query);
    // Whether the invoice needs verification and whether it has passed it.
    Result<VerificationStanding> verification_standing(int64_t invoice_id);

    // ---- notices of assignment (book/notices.cpp) ----
    // The notice of a pair (not_sent when none was recorded).
    Result<NoticeStatus> notice(int64_t client_id, int64_t debtor_id);
    // Whether the pair's notice is in place (sent, or acknowledged).
    Result<bool> notice_in_place(int64_t client_id, int64_t debtor_id);
    // Every pair of the client (or of the book) that has invoices or a notice record.
    Result<std::vector<NoticeStatus>> notices(std::optional<int64_t> client_id);
    Result<NoticeStatus> record_notice_sent(const Actor& actor, int64_t client_id, int64_t debtor_id,
                                            std::optional<Date> sent_on, const std::string& method);
    Result<NoticeStatus> record_notice_acknowledged(const Actor& actor, int64_t client_id, int64_t debtor_id,
                                                    std::optional<Date> acknowledged_on);
    // Pairs with funded invoices and no notice sent: the work queue.
    Result<std::vector<NoaQueueRow>> noa_queue();
    // ---- underwriting (book/credit.cpp, book/onboarding.cpp; docs/underwriting.md) ----
    // Debtor credit as of the business date: one debtor, or every debtor of the book (aggregate queries).
    Result<DebtorCredit> debtor_credit(int64_t debtor_id);
    Result<std::vector<DebtorCredit>> debtor_credits();
    Result<DebtorCreditReport> debtor_credit_report(int64_t debtor_id);
    // A bureau CSV (docs/underwriting.md "Bureau files"): every row checked, one bad row refuses the file
    // ("file_rejected" listing each bad row and why) and nothing is written.
    Result<BureauImportResult> import_bureau_scores(const Actor& actor, std::string_view csv_text,
                                                    const std::string& source);
    // Records an underwriter's review and sets the debtor's credit limit to it (0 when declined).
    Result<CreditReview> review_debtor(const Actor& actor, const NewCreditReview& input);
    Result<std::vector<CreditReview>> credit_reviews(int64_t debtor_id);

    Result<ClientApplication> add_application(const Actor& actor, const ApplicationInput& input);
    Result<ClientApplication> update_application(const Actor& actor, int64_t application_id,
                                                 const ApplicationInput& change);
    Result<ClientApplication> application(int64_t application_id);
    Result<std::vector<ClientApplication>> applications();
    Result<std::vector<AuditEvent>> application_history(int64_t application_id);
    // An open application with KYC passed, a payout account, documents and the UCC filing becomes a client
    // with the terms given, in one transaction.
    Result<ApplicationDecision> approve_application(const Actor& actor, int64_t application_id,
                                                    const ApplicationApproval& approval);
    Result<ClientApplication> decline_application(const Actor& actor, int64_t application_id,
                                                  const std::string& reason);

    // ---- auto-approval (book/auto_approval.cpp; docs/auto-approval.md) ----
    // The book's rules (off for a new book) and, with a client, its override and the rules in effect.
    Result<AutoApprovalSettings> auto_approval_settings(std::optional<int64_t> client_id);
    Result<AutoApprovalSettings> set_auto_approval(const Actor& actor, const AutoApprovalChange& change);
    // Runs the rules on a submitted schedule: when every one passes, its invoices are approved and the
    // schedule funded as one pending payout (the next payout file pays it), by the actor
    // "system:auto-approval", in one transaction with the decision and its audit event; else the decision
    // names the rule that failed and nothing else changes. Submission runs it (submit_schedule,
    // import_invoices) when auto-approval is on for the client; staff re-run it for a schedule that waited.
    Result<AutoApprovalDecision> auto_approve_schedule(const Actor& actor, int64_t schedule_id);
    Result<std::vector<AutoApprovalDecision>> auto_approval_decisions(int64_t schedule_id);

    // ---- the e-mail outbox (book/outbox.cpp, book/mail_delivery.cpp; docs/mail.md) ----
    // Mails in id order; a mail's secret link never leaves the book (secret_url comes back empty).
    Result<std::vector<OutboxMail>> outbox(const OutboxQuery& query);
    Result<OutboxMail> mail(int64_t mail_id);
    // Makes a queued or failed mail due now with its attempts counted afresh; an unaddressed one first reads
    // its recipient's address again ("no_address" while there is still none). A delivered one is
    // "already_delivered".
    Result<OutboxMail> retry_mail(const Actor& actor, int64_t mail_id);
    // Tells the client its statement for the period is ready: a mail with the period's figures, and the
    // audit event "client.statement_ready", in one transaction.
    Result<OutboxMail> send_client_statement(const Actor& actor, int64_t client_id, Date from, Date to);
    // One delivery run: claims the due mails (at most delivery.batch_max), sends each through the transport
    // outside any transaction, then records each attempt (delivered; queued again after a backoff; failed
    // on a 5xx reply or when the attempts ran out).
    Result<DeliveryRun> deliver_mail(mail::Transport& transport, const MailDelivery& delivery);

    Store& store() { return *store_; }
    const Clock& clock() const { return *clock_; }

  private:
    Status submit_in_transaction(Transaction& tx, const BookSettings& settings, const Actor& actor,
                                 const NewSchedule& input, ScheduleView& view);
    Result<Payout> fund_in_transaction(Transaction& tx, const BookSettings& settings, const Actor& actor,
                                       int64_t schedule_id);
    Status receive_in_transaction(Transaction& tx, const BookSettings& settings, const Actor& actor,
                                  const NewReceipt& input, ReceiptView& view);
    // Reads a file into the sink it is given and says its format: the documents an import judges.
    using InvoiceReader = std::function<Result<formats::InvoiceFormat>(formats::InvoiceSink&)>;
    Result<IntakeResult> import_read(const Actor& actor, const InvoiceReader& read,
                                     const IntakeOptions& options);
    using CreditNotes = std::vector<std::pair<size_t, formats::InvoiceDocument>>;  // row index, note
    Status judge_credit_notes(Transaction& tx, const Client& client, const CreditNotes& notes,
                              std::vector<IntakeRow>& rows);
    Status book_credit_notes(Transaction& tx, const BookSettings& settings, const Actor& actor,
                             const CreditNotes& notes, std::vector<IntakeRow>& rows);
    Status apply_in_transaction(Transaction& tx, const BookSettings& settings, const Actor& actor,
                                Receipt& receipt, const std::vector<Application>& applications,
                                ReceiptView& view, const std::string& why);
    // batch: the client, debtor and exposure figures of the transaction's approvals so far.
    Result<ApprovalOutcome> approve_in_transaction(Transaction& tx, const BookSettings& settings,
                                                   const Actor& actor, int64_t invoice_id,
                                                   const std::string& override_reason,
                                                   detail::ApprovalBatch& batch);
    Result<AutoApprovalDecision> auto_approve_in_transaction(Transaction& tx, const BookSettings& settings,
                                                             const Actor& actor, int64_t schedule_id,
                                                             AutoApprovalTrigger trigger);
    // After a submission: the schedule's decision when auto-approval is on for its client (the view is then
    // read again), nothing when it is off.
    Status auto_approve_submitted(const Actor& actor, ScheduleView& view);
    Status write(const Actor& actor, const std::function<Status(Transaction&, const BookSettings&)>& fn);
    AuditEvent audit(const Actor& actor, const BookSettings& settings, std::string action, std::string entity,
                     int64_t entity_id, std::string detail, std::string reason = {}) const;

    std::unique_ptr<Store> store_;
    std::shared_ptr<const Clock> clock_;
};

}  // namespace mf
