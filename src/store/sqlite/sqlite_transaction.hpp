// The SQLite Transaction: every repository method of store.hpp over one connection inside a transaction that
// SqliteStore began. The methods are split by record over parties.cpp, invoices.cpp, cash.cpp, journal.cpp
// and audit.cpp. Thread-safety: used only by the thread running the store's write()/read() function.
#pragma once

#include <map>
#include "store/cash_codec.hpp"
#include "store/fee_text_memo.hpp"
#include "store/pending_balances.hpp"
#include "store/pending_flows.hpp"
#include "store/record_codec.hpp"
#include "store/sqlite/connection.hpp"
#include "store/store.hpp"

namespace mf::sqlite {

class SqliteTransaction final : public Transaction {
  public:
    SqliteTransaction(Connection& connection, FeeTextMemo& fee_text) : db_(connection), fee_text_(fee_text) {}

    Result<BookSettings> load_settings() override;
    Status save_settings(const BookSettings& settings) override;

    Result<int64_t> insert_client(const Client& client) override;
    Status update_client(const Client& client) override;
    Result<std::optional<Client>> find_client(int64_t id) override;
    Result<std::vector<Client>> list_clients() override;

    Result<int64_t> insert_debtor(const Debtor& debtor) override;
    Status update_debtor(const Debtor& debtor) override;
    Result<std::optional<Debtor>> find_debtor(int64_t id) override;
    Result<std::vector<Debtor>> list_debtors() override;
    Status set_debtor_cross_aged(int64_t debtor_id, bool cross_aged) override;
    Result<bool> debtor_cross_aged(int64_t debtor_id) override;

    Result<int64_t> insert_schedule(const Schedule& schedule) override;
    Status update_schedule(const Schedule& schedule) override;
    Result<std::optional<Schedule>> find_schedule(int64_t id) override;
    Result<std::vector<Schedule>> list_schedules(std::optional<int64_t> client_id) override;

    Result<int64_t> insert_invoice(const Invoice& invoice) override;
    Status update_invoice(const Invoice& invoice) override;
    Result<std::optional<Invoice>> find_invoice(int64_t id) override;
    Result<std::optional<int64_t>> find_invoice_by_number(int64_t client_id, int64_t debtor_id,
                                                          std::string_view number) override;
    Result<std::vector<Invoice>> list_invoices(const InvoiceFilter& filter) override;
    Status scan_invoices(const InvoiceFilter& filter,
                         const std::function<Status(const Invoice&)>& fn) override;
    Status scan_invoice_figures(const InvoiceFilter& filter,
                                const std::function<Status(const Invoice&)>& fn) override;
    Result<int64_t> exposure_minor(const ExposureQuery& query) override;
    Result<std::vector<InvoiceKey>> open_invoice_keys_of_debtor(int64_t debtor_id) override;
    Result<std::vector<InvoiceKey>> open_invoice_twins(int64_t debtor_id, int64_t face_minor,
                                                       Date issue_date) override;
    Result<std::optional<int64_t>> median_face_minor(int64_t client_id, Currency currency) override;

    Result<int64_t> insert_receipt(const Receipt& receipt) override;
    Status update_receipt(const Receipt& receipt) override;
    Result<std::optional<Receipt>> find_receipt(int64_t id) override;
    Result<std::vector<Receipt>> list_receipts(bool unapplied_only) override;
    Status insert_application(const ReceiptApplication& application) override;
    Result<std::vector<ReceiptApplication>> applications_of_invoice(int64_t invoice_id) override;
    Result<std::vector<ReceiptApplication>> applications_of_receipt(int64_t receipt_id) override;
    Status insert_bank_line(const BankLine& line) override;
    Result<std::optional<int64_t>> find_bank_line(const BankLine& key) override;

    Result<int64_t> insert_payout(const Payout& payout) override;
    Result<std::optional<Payout>> find_payout(int64_t id) override;
    Result<std::vector<Payout>> list_payouts(std::optional<int64_t> client_id) override;
    Result<std::vector<Payout>> pending_payouts(Currency currency) override;
    Status mark_payout_sent(int64_t payout_id, int64_t payout_file_id) override;
    Result<int64_t> insert_payout_file(const PayoutFile& file) override;
    Result<std::optional<PayoutFile>> find_payout_file(int64_t id) override;
    Result<std::vector<PayoutFile>> list_payout_files() override;

    Result<int64_t> insert_charge(const Charge& charge) override;
    Result<std::optional<Charge>> find_charge(std::string_view code) override;
    Result<std::vector<Charge>> list_charges() override;

    Result<int64_t> append_entry(const JournalEntry& entry) override;
    Result<std::vector<JournalEntry>> entries_between(Date from, Date to,
                                                      std::optional<int64_t> client_id) override;
    Result<std::vector<JournalEntry>> entries_of_invoice(int64_t invoice_id) override;
    Result<std::vector<JournalEntry>> entries_page(Date from, Date to, int64_t after_id,
                                                   int64_t limit) override;
    Result<std::vector<BalanceRow>> stored_balances() override;
    Result<std::vector<BalanceRow>> balances_from_postings() override;
    Status scan_receivables_by_invoice(
        const std::function<Status(int64_t invoice_id, int64_t minor)>& fn) override;
    Result<int64_t> balance_minor(Account account, Currency currency, int64_t client_id) override;
    Result<int64_t> count_entries() override;
    Status scan_flows(Date from, Date to, std::optional<int64_t> client_id,
                      const std::function<Status(const FlowRow&)>& fn) override;
    Result<std::vector<int64_t>> unbalanced_entries() override;
    Result<std::vector<FlowRow>> stored_flows() override;
    Result<std::vector<FlowRow>> flows_from_postings() override;
    Result<PostingSums> posting_sums() override;
    Result<int64_t> required_reserve_minor(int64_t client_id) override;
    Status add_required_reserve(int64_t client_id, int64_t delta_minor) override;
    Status set_required_reserve(int64_t client_id, int64_t minor) override;
    Result<int64_t> insert_user(const User& user) override;
    Status update_user(const User& user) override;
    Result<std::optional<User>> find_user(int64_t id) override;
    Result<std::optional<User>> find_user_by_email(std::string_view email) override;
    Result<std::vector<User>> list_users() override;
    Status insert_credential(const Credential& credential) override;
    Result<std::optional<Credential>> find_credential(std::string_view secret_hash) override;
    Status delete_credential(std::string_view secret_hash) override;
    Result<int64_t> delete_credentials_of_user(int64_t user_id, std::string_view kind) override;
    Result<std::optional<IdempotencyRecord>> find_idempotency(std::string_view actor,
                                                              std::string_view key) override;
    Status insert_idempotency(const IdempotencyRecord& record) override;
    Result<int64_t> purge_idempotency(std::string_view created_before) override;
    Status record_sign_in_failure(std::string_view key_hash, int64_t at, int64_t forget_through) override;
    Result<int64_t> count_sign_in_failures(std::string_view key_hash, int64_t after) override;
    // The writer lane serializes every write transaction of the book already (BEGIN IMMEDIATE).
    Status lock_exclusive(std::string_view) override { return ok(); }

    Result<std::optional<VerificationPolicy>> find_verification_policy(int64_t client_id) override;
    Status save_verification_policy(const VerificationPolicy& policy) override;
    Result<int64_t> insert_verification_record(const VerificationRecord& record) override;
    Result<std::vector<VerificationRecord>> list_verification_records(
        const VerificationLogQuery& query) override;
    Result<int64_t> insert_debtor_link(const DebtorLink& link) override;
    Result<std::optional<DebtorLink>> find_debtor_link(std::string_view token_hash) override;
    Result<bool> use_debtor_link(int64_t link_id, std::string_view at) override;
    Result<std::optional<NoticeStatus>> find_notice(int64_t client_id, int64_t debtor_id) override;
    Status save_notice(const NoticeStatus& notice) override;
    Result<std::vector<NoticeStatus>> list_notices(std::optional<int64_t> client_id) override;
    Result<std::vector<NoaQueueRow>> funded_pairs_without_notice() override;
    Status scan_debtor_payment_stats(Date as_of, Date volume_since, std::optional<int64_t> debtor_id,
                                     const std::function<Status(const DebtorPaymentStats&)>& fn) override;
    Result<int64_t> insert_bureau_score(const BureauScore& score) override;
    Result<std::vector<BureauScore>> bureau_scores(std::optional<int64_t> debtor_id) override;
    Result<int64_t> insert_credit_review(const CreditReview& review) override;
    Result<std::vector<CreditReview>> credit_reviews_of(int64_t debtor_id) override;
    Result<std::optional<CreditReview>> latest_credit_review(int64_t debtor_id) override;
    Result<int64_t> insert_client_application(const ClientApplication& application) override;
    Status update_client_application(const ClientApplication& application) override;
    Result<std::optional<ClientApplication>> find_client_application(int64_t id) override;
    Result<std::vector<ClientApplication>> list_client_applications() override;
    // ---- the e-mail outbox (outbox files) ----
    Result<int64_t> insert_mail(const OutboxMail& mail) override;
    Result<std::optional<OutboxMail>> find_mail(int64_t id) override;
    Result<std::vector<OutboxMail>> list_mail(const OutboxQuery& query) override;
    Result<std::vector<OutboxMail>> due_mail(std::string_view now, int64_t limit) override;
    Result<bool> claim_mail(int64_t id, std::string_view seen_next_attempt_at,
                            std::string_view lease_until) override;
    Status update_mail(const OutboxMail& mail) override;

    Result<std::optional<AutoApprovalRules>> find_auto_approval_rules(int64_t client_id) override;
    Status save_auto_approval_rules(const AutoApprovalRules& rules) override;
    Result<int64_t> insert_auto_approval_decision(const AutoApprovalDecision& decision) override;
    Result<std::vector<AutoApprovalDecision>> auto_approval_decisions_of(int64_t schedule_id) override;

    // Writes the balance changes the transaction's entries made so far, and the required-reserve changes. The
    // store calls it before COMMIT; every method that reads balances or a required reserve calls it first, so
    // reads see their own transaction's changes.
    Status flush_balances();
    // Forgets the changes not yet written (a savepoint being undone).
    void discard_balances() {
        pending_balances_.clear();
        pending_required_.clear();
        pending_flows_.clear();
        pending_audit_.clear();
    }
    // flush_balances() and the audit events not yet written: before COMMIT and around a savepoint.
    Status flush_pending() {
        MF_CHECK(flush_balances());
        return flush_audit();
    }

    // Audit events kept in the transaction and written this many to a statement (flush_audit).
    static constexpr size_t kAuditBatch = 32;
    Status append_audit(const AuditEvent& event) override;
    // Writes the audit events appended and not yet written; reads of the audit trail call it first.
    Status flush_audit();
    Result<std::vector<AuditEvent>> audit_of(std::string_view entity_type, int64_t entity_id) override;
    Result<int64_t> count_audit() override;

    Status save_snapshot(const Snapshot& snapshot) override;
    Result<std::vector<Snapshot>> snapshots_between(Date from, Date to) override;

  private:
    // After an UPDATE ... WHERE id = ? AND version = ?: success when a row changed, else "conflict" when the
    // record exists (someone updated it since it was read) or "not_found".
    Status check_versioned_update(const Sql& exists, int64_t id, std::string_view what);
    // After an UPDATE ... WHERE id = ?: "not_found" when no row changed.
    Status check_found(int64_t id, std::string_view what);

    Connection& db_;
    FeeTextMemo& fee_text_;
    PendingBalances pending_balances_;
    // Changes of clients' required reserves (add_required_reserve) summed per client in memory and written,
    // one row each, with the balances (flush_balances).
    std::map<int64_t, int64_t> pending_required_;
    Status flush_required_reserves();
    // The day's flows of the transaction's entries, added to daily_flows with the balances.
    PendingFlows pending_flows_;
    Status flush_flows();
    std::vector<AuditEvent> pending_audit_;
};

using codec::collect_rows;
using codec::first_row;

}  // namespace mf::sqlite
