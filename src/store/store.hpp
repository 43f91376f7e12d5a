// The persistence seam of a book: a Store runs functions in transactions, and a Transaction is the repository
// of every record. Two implementations share this contract (SQLite now; PostgreSQL for scale-out).
// Thread-safety: a Store may be shared by threads; a Transaction belongs to the thread running the function
// it was handed.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/auto_approval.hpp"
#include "core/error.hpp"
#include "core/ledger.hpp"
#include "core/model.hpp"
#include "core/outbox.hpp"
#include "core/underwriting.hpp"
#include "core/verification.hpp"

namespace mf {

struct AuditEvent {
    int64_t id = 0;
    std::string at;  // RFC 3339 UTC instant, from the caller's clock
    Date business_date;
    std::string actor;        // "cli:alice", "api:usr_3", "system:close-day"
    std::string action;       // "invoice.fund", "client.update", ...
    std::string entity_type;  // "invoice", "client", ...
    int64_t entity_id = 0;
    std::string detail;  // what changed, for a person ("state submitted -> approved")
    std::string reason;  // why, when a person gave one (overrides, write-offs)
};

// A stored balance: the sum of the postings of one account in one currency for one client (0 = none) and, for
// purchased_receivables only, one debtor (the limits read a debtor's and a pair's exposure; other accounts
// are kept per client with debtor 0, so a batch of entries touches few balance rows).
struct BalanceRow {
    Account account = Account::cash;
    Currency currency;
    int64_t client_id = 0;
    int64_t debtor_id = 0;
    int64_t amount_minor = 0;  // debit-positive
};

// The sum of one account's postings of one entry kind on one day, in one currency: the day's flows,
// set-based.
struct FlowRow {
    Date on;
    Currency currency;
    EntryKind kind = EntryKind::capital_contributed;
    Account account = Account::cash;
    int64_t amount_minor = 0;  // debit-positive
    int64_t client_id = 0;     // per client where a read keeps them apart (0 = no client); else 0
};

// What verify recomputes from the postings (Transaction::posting_sums).
struct PostingSums {
    std::vector<BalanceRow> balances;
    std::vector<std::pair<int64_t, int64_t>> receivables_by_invoice;  // (invoice id, minor), ascending ids
    std::vector<int64_t> unbalanced_entries;
    // The day's flows per day, currency, entry kind, account and client (FlowRow::client_id; 0 = none):
    // what the running sums of daily_flows should hold.
    std::vector<FlowRow> flows;
};

struct ReceiptApplication {
    int64_t receipt_id = 0;
    int64_t invoice_id = 0;
    int64_t amount_minor = 0;
    Date applied_on;
};

// What the bank said of a receipt loaded from a bank file. Its key (bank account, bank reference, currency,
// amount, booking date) is unique, so loading the same statement twice books nothing twice (FORMATS.md).
struct BankLine {
    int64_t receipt_id = 0;
    std::string bank_account;
    std::string bank_reference;
    Currency currency;
    int64_t amount_minor = 0;
    Date booked_on;
    std::string payer_account;
    std::string end_to_end_id;
    std::string creditor_reference;
    std::string file_id;  // the statement's message id or file name
};

// An open invoice (submitted, approved or funded) as the intake checks compare it: same debtor, amount and
// date under another client is a possible double pledge.
struct InvoiceKey {
    int64_t id = 0;
    int64_t client_id = 0;
    int64_t face_minor = 0;
    Date issue_date;
    std::string number;
};

// One row of the daily portfolio snapshot close-day records (per currency).
struct Snapshot {
    Date on;
    Currency currency;
    int64_t open_invoices = 0;
    int64_t outstanding_face_minor = 0;
    int64_t funded_face_minor = 0;  // face funded on this date
    int64_t collected_minor = 0;    // applied to purchased receivables on this date
    int64_t fee_income_minor = 0;   // fee income posted on this date
    int64_t client_reserve_minor = 0;
};

// Someone who may sign in (API.md "Auth"): factor staff, a client's user (bound to that client), an investor.
struct User {
    int64_t id = 0;
    std::string email;  // unique, lower-case
    std::string name;
    std::string role;           // admin, underwriter, collector, viewer, client, investor
    int64_t client_id = 0;      // the client a client user acts for; 0 for everyone else
    std::string password_hash;  // argon2id string (libsodium); never leaves the server
    bool active = true;
    std::string created_at;  // RFC 3339 UTC
    int64_t version = 0;
};

// A credential the server issued, found by the hash of its secret (the secret itself is never stored): a
// login session or a machine's API key.
struct Credential {
    std::string secret_hash;  // hex
    std::string kind;         // "session" or "api_key"
    int64_t user_id = 0;
    std::string label;
    std::string created_at;
    std::string expires_at;  // RFC 3339 UTC; empty = does not expire (API keys until revoked)
};

// The response a POST with an Idempotency-Key gave, kept so a retry gets the same answer (API.md).
struct IdempotencyRecord {
    std::string actor;  // keys are scoped to who sent them
    std::string key;
    std::string request_hash;  // method, path and body: the same key with another request is refused
    int32_t status = 0;
    std::string response_body;
    std::string created_at;
};

struct InvoiceFilter {
    std::optional<int64_t> client_id;
    std::optional<int64_t> debtor_id;
    std::optional<int64_t> schedule_id;
    std::vector<InvoiceState> states;  // empty = any
    int64_t after_id = 0;              // keyset paging: ids greater than this
    int64_t limit = 0;                 // 0 = no limit
};

// What the limit checks count against: face of approved-not-funded invoices plus the outstanding face of
// funded ones, for a client, a debtor, or one client/debtor pair (0 = any).
struct ExposureQuery {
    int64_t client_id = 0;
    int64_t debtor_id = 0;
};

// Which verification records a log lists (0 = any; dates are business dates, both ends included).
struct VerificationLogQuery {
    int64_t client_id = 0;
    int64_t debtor_id = 0;
    int64_t invoice_id = 0;
    std::optional<Date> from;
    std::optional<Date> to;
};

// Which outbox mails a list shows, in id order (empty / 0 = any).
struct OutboxQuery {
    std::optional<MailState> state;
    std::string entity_type;
    int64_t entity_id = 0;
    int64_t after_id = 0;  // keyset paging: ids greater than this
    int64_t limit = 0;     // 0 = no limit
};

class Transaction {
  public:
    virtual ~Transaction() = default;

    virtual Result<BookSettings> load_settings() = 0;
    virtual Status save_settings(const BookSettings& settings) = 0;

    // Inserts return the new id. Updates check `version` (optimistic concurrency: a stale version is a
    // "conflict" error) and bump it in the stored row; find_* return nullopt for an unknown id.
    virtual Result<int64_t> insert_client(const Client& client) = 0;
    virtual Status update_client(const Client& client) = 0;
    virtual Result<std::optional<Client>> find_client(int64_t id) = 0;
    virtual Result<std::vector<Client>> list_clients() = 0;

    virtual Result<int64_t> insert_debtor(const Debtor& debtor) = 0;
    virtual Status update_debtor(const Debtor& debtor) = 0;
    virtual Result<std::optional<Debtor>> find_debtor(int64_t id) = 0;
    virtual Result<std::vector<Debtor>> list_debtors() = 0;
    virtual Status set_debtor_cross_aged(int64_t debtor_id, bool cross_aged) = 0;
    virtual Result<bool> debtor_cross_aged(int64_t debtor_id) = 0;

    virtual Result<int64_t> insert_schedule(const Schedule& schedule) = 0;
    virtual Status update_schedule(const Schedule& schedule) = 0;
    virtual Result<std::optional<Schedule>> find_schedule(int64_t id) = 0;
    virtual Result<std::vector<Schedule>> list_schedules(std::optional<int64_t> client_id) = 0;

    virtual Result<int64_t> insert_invoice(const Invoice& invoice) = 0;
    virtual Status update_invoice(const Invoice& invoice) = 0;
    virtual Result<std::optional<Invoice>> find_invoice(int64_t id) = 0;
    virtual Result<std::optional<int64_t>> find_invoice_by_number(int64_t client_id, int64_t debtor_id,
                                                                  std::string_view number) = 0;
    virtual Result<std::vector<Invoice>> list_invoices(const InvoiceFilter& filter) = 0;
    // Streams invoices in id order without holding them all (reports, close-day); fn may stop the scan by
    // returning an error, which is passed through.
    virtual Status scan_invoices(const InvoiceFilter& filter,
                                 const std::function<Status(const Invoice&)>& fn) = 0;
    // As scan_invoices, reading only the figures close-day and verify compute with (ids, currency, face and
    // its movements, issue, due and funding dates, state, dispute, the terms taken at funding, the settled
    // fee): number, schedule, verification, reasons, last payment and closing dates and version are left
    // empty. Much cheaper per row on a large book.
    virtual Status scan_invoice_figures(const InvoiceFilter& filter,
                                        const std::function<Status(const Invoice&)>& fn) = 0;
    virtual Result<int64_t> exposure_minor(const ExposureQuery& query) = 0;
    // The intake checks: a debtor's open invoices under every client, and the median face of a client's
    // invoices in a currency (nothing when it has none).
    virtual Result<std::vector<InvoiceKey>> open_invoice_keys_of_debtor(int64_t debtor_id) = 0;
    // The debtor's open invoices (any client's) with this face and issue date: an invoice's possible twins.
    virtual Result<std::vector<InvoiceKey>> open_invoice_twins(int64_t debtor_id, int64_t face_minor,
                                                               Date issue_date) = 0;
    virtual Result<std::optional<int64_t>> median_face_minor(int64_t client_id, Currency currency) = 0;

    virtual Result<int64_t> insert_receipt(const Receipt& receipt) = 0;
    virtual Status update_receipt(const Receipt& receipt) = 0;
    virtual Result<std::optional<Receipt>> find_receipt(int64_t id) = 0;
    virtual Result<std::vector<Receipt>> list_receipts(bool unapplied_only) = 0;
    virtual Status insert_application(const ReceiptApplication& application) = 0;
    virtual Result<std::vector<ReceiptApplication>> applications_of_invoice(int64_t invoice_id) = 0;
    virtual Result<std::vector<ReceiptApplication>> applications_of_receipt(int64_t receipt_id) = 0;
    // A second line with the same key is "conflict"; find returns the receipt id of a line with the key.
    virtual Status insert_bank_line(const BankLine& line) = 0;
    virtual Result<std::optional<int64_t>> find_bank_line(const BankLine& key) = 0;

    virtual Result<int64_t> insert_payout(const Payout& payout) = 0;
    virtual Result<std::optional<Payout>> find_payout(int64_t id) = 0;
    virtual Result<std::vector<Payout>> list_payouts(std::optional<int64_t> client_id) = 0;
    // Pending payouts in a currency, in id order: what a payout file pays by default.
    virtual Result<std::vector<Payout>> pending_payouts(Currency currency) = 0;
    // A pending payout becomes sent by the file; one that is not pending (another file sent it) is
    // "conflict", an unknown one "not_found".
    virtual Status mark_payout_sent(int64_t payout_id, int64_t payout_file_id) = 0;
    virtual Result<int64_t> insert_payout_file(const PayoutFile& file) = 0;
    virtual Result<std::optional<PayoutFile>> find_payout_file(int64_t id) = 0;  // with its content
    virtual Result<std::vector<PayoutFile>> list_payout_files() = 0;             // id order, content left out

    virtual Result<int64_t> insert_charge(const Charge& charge) = 0;
    virtual Result<std::optional<Charge>> find_charge(std::string_view code) = 0;
    virtual Result<std::vector<Charge>> list_charges() = 0;

    // The journal: append-only. append_entry asserts the entry balances, writes it with its postings and
    // updates the stored balances in this same transaction; the id is returned.
    virtual Result<int64_t> append_entry(const JournalEntry& entry) = 0;
    virtual Result<std::vector<JournalEntry>> entries_between(Date from, Date to,
                                                              std::optional<int64_t> client_id) = 0;
    virtual Result<std::vector<JournalEntry>> entries_of_invoice(int64_t invoice_id) = 0;
    // Keyset pages over the journal (exports): the entries effective in [from, to] with ids above after_id,
    // in id order, at most `limit` of them, so no caller holds the whole journal.
    virtual Result<std::vector<JournalEntry>> entries_page(Date from, Date to, int64_t after_id,
                                                           int64_t limit) = 0;
    virtual Result<std::vector<BalanceRow>> stored_balances() = 0;
    // Balances summed from the postings themselves, set-based: the other half of verify's pair assertion.
    virtual Result<std::vector<BalanceRow>> balances_from_postings() = 0;
    // purchased_receivables per invoice summed from the postings, for invoices with a non-zero sum or any
    // posting.
    virtual Status scan_receivables_by_invoice(
        const std::function<Status(int64_t invoice_id, int64_t minor)>& fn) = 0;
    // Balance of one account for a client (all debtors) in a currency; client 0 = the whole book.
    virtual Result<int64_t> balance_minor(Account account, Currency currency, int64_t client_id) = 0;
    virtual Result<int64_t> count_entries() = 0;
    // Sums of postings by day, currency, entry kind and account over [from, to]; with a client, only the
    // postings that carry that client. Rows come ordered by day.
    virtual Status scan_flows(Date from, Date to, std::optional<int64_t> client_id,
                              const std::function<Status(const FlowRow&)>& fn) = 0;
    // Ids of entries whose postings do not sum to zero (per currency): none in a sound book.
    virtual Result<std::vector<int64_t>> unbalanced_entries() = 0;
    // The running sums of the day's flows as stored (daily_flows), one row per day, currency, entry kind,
    // account and client, and the same summed from the postings and their entries, set-based: verify's pair
    // assertion of the flows close-day and the statements read.
    virtual Result<std::vector<FlowRow>> stored_flows() = 0;
    virtual Result<std::vector<FlowRow>> flows_from_postings() = 0;
    // The sums verify compares, over all postings at once: balances_from_postings(), the receivables of
    // scan_receivables_by_invoice() (ascending invoice ids), unbalanced_entries() and flows_from_postings().
    // By default those queries; a store may read the postings once instead (store/posting_sums.cpp).
    virtual Result<PostingSums> posting_sums();

    // Each client's required reserve (ACCOUNTING.md), kept by the book in the transaction of every invoice
    // change and reset by close-day, so funding reads it instead of scanning the client's invoices; verify
    // recomputes it. An unknown client reads as 0.
    virtual Result<int64_t> required_reserve_minor(int64_t client_id) = 0;
    virtual Status add_required_reserve(int64_t client_id, int64_t delta_minor) = 0;
    virtual Status set_required_reserve(int64_t client_id, int64_t minor) = 0;

    virtual Status append_audit(const AuditEvent& event) = 0;
    virtual Result<std::vector<AuditEvent>> audit_of(std::string_view entity_type, int64_t entity_id) = 0;
    virtual Result<int64_t> count_audit() = 0;

    virtual Status save_snapshot(const Snapshot& snapshot) = 0;
    virtual Result<std::vector<Snapshot>> snapshots_between(Date from, Date to) = 0;

    // Sign-in records. A second user with the same e-mail is "conflict".
    virtual Result<int64_t> insert_user(const User& user) = 0;
    virtual Status update_user(const User& user) = 0;
    virtual Result<std::optional<User>> find_user(int64_t id) = 0;
    virtual Result<std::optional<User>> find_user_by_email(std::string_view email) = 0;
    virtual Result<std::vector<User>> list_users() = 0;
    virtual Status insert_credential(const Credential& credential) = 0;
    virtual Result<std::optional<Credential>> find_credential(std::string_view secret_hash) = 0;
    virtual Status delete_credential(std::string_view secret_hash) = 0;
    // Signs a user out everywhere (a deactivated user, a changed password): returns how many were removed.
    virtual Result<int64_t> delete_credentials_of_user(int64_t user_id, std::string_view kind) = 0;
    virtual Result<std::optional<IdempotencyRecord>> find_idempotency(std::string_view actor,
                                                                      std::string_view key) = 0;
    virtual Status insert_idempotency(const IdempotencyRecord& record) = 0;
    // Forgets responses created before the instant (keys live at least 24 hours): returns how many.
    virtual Result<int64_t> purge_idempotency(std::string_view created_before) = 0;
    // Failed sign-ins, kept in the book so every node of it throttles the same account and address; key_hash
    // is the hash of "account:E-MAIL" or "address:IP" (what was typed is not kept), at in seconds since 1970.
    // Recording one forgets every failure at or before forget_through.
    virtual Status record_sign_in_failure(std::string_view key_hash, int64_t at, int64_t forget_through) = 0;
    virtual Result<int64_t> count_sign_in_failures(std::string_view key_hash, int64_t after) = 0;

    // Waits until no other transaction of the book (in this process or another one) holds the lock of this
    // name, then holds it until this transaction ends (commit or rollback): work that must run on one node at
    // a time, such as close-day. SQLite: nothing to do, its writes are serialized already. PostgreSQL: a
    // transaction-scoped advisory lock; the snapshot of a SERIALIZABLE transaction is taken by its first
    // statement, so one that had to wait may meet a serialization failure and run again, seeing the other's
    // work.
    virtual Status lock_exclusive(std::string_view name) = 0;

    // Verification and notices of assignment (core/verification.hpp). A client without a stored policy has
    // the policy none; a pair without a stored notice has none sent.
    virtual Result<std::optional<VerificationPolicy>> find_verification_policy(int64_t client_id) = 0;
    virtual Status save_verification_policy(const VerificationPolicy& policy) = 0;  // insert or replace
    virtual Result<int64_t> insert_verification_record(const VerificationRecord& record) = 0;
    virtual Result<std::vector<VerificationRecord>> list_verification_records(
        const VerificationLogQuery& query) = 0;  // id order
    virtual Result<int64_t> insert_debtor_link(const DebtorLink& link) = 0;
    virtual Result<std::optional<DebtorLink>> find_debtor_link(std::string_view token_hash) = 0;
    // Marks an unused link used at the instant; false when it was used already (a replay, or a concurrent
    // answer that came first).
    virtual Result<bool> use_debtor_link(int64_t link_id, std::string_view at) = 0;
    virtual Result<std::optional<NoticeStatus>> find_notice(int64_t client_id, int64_t debtor_id) = 0;
    virtual Status save_notice(const NoticeStatus& notice) = 0;  // insert or replace
    virtual Result<std::vector<NoticeStatus>> list_notices(std::optional<int64_t> client_id) = 0;
    // Pairs with funded invoices and no notice sent, by client, debtor and currency.
    virtual Result<std::vector<NoaQueueRow>> funded_pairs_without_notice() = 0;
    // ---- underwriting: debtor credit and client onboarding (store/*/underwriting files) ----
    // Each debtor's payment history (core/underwriting.hpp) summed by aggregate queries over its funded
    // invoices and the dispute events of the audit trail, in debtor id order; only debtors with a funded
    // invoice come back. Open invoices are aged at as_of; the volume counts face funded on or after
    // volume_since. With debtor_id, that debtor alone (by the invoices' debtor index).
    virtual Status scan_debtor_payment_stats(Date as_of, Date volume_since, std::optional<int64_t> debtor_id,
                                             const std::function<Status(const DebtorPaymentStats&)>& fn) = 0;
    // A second score for the same debtor, bureau and date is "conflict".
    virtual Result<int64_t> insert_bureau_score(const BureauScore& score) = 0;
    // Ordered by debtor, bureau, as_of newest first: the first of each (debtor, bureau) is its latest.
    virtual Result<std::vector<BureauScore>> bureau_scores(std::optional<int64_t> debtor_id) = 0;
    virtual Result<int64_t> insert_credit_review(const CreditReview& review) = 0;
    virtual Result<std::vector<CreditReview>> credit_reviews_of(int64_t debtor_id) = 0;  // newest first
    virtual Result<std::optional<CreditReview>> latest_credit_review(int64_t debtor_id) = 0;
    virtual Result<int64_t> insert_client_application(const ClientApplication& application) = 0;
    virtual Status update_client_application(const ClientApplication& application) = 0;  // checks version
    virtual Result<std::optional<ClientApplication>> find_client_application(int64_t id) = 0;
    virtual Result<std::vector<ClientApplication>> list_client_applications() = 0;  // id order

    // ---- auto-approval (core/auto_approval.hpp; store/*/auto_approval files) ----
    // The book's rules (client 0) or a client's override; nullopt when none was ever saved.
    virtual Result<std::optional<AutoApprovalRules>> find_auto_approval_rules(int64_t client_id) = 0;
    virtual Status save_auto_approval_rules(const AutoApprovalRules& rules) = 0;  // insert or replace
    virtual Result<int64_t> insert_auto_approval_decision(const AutoApprovalDecision& decision) = 0;
    // A schedule's decisions in id order (oldest first).
    virtual Result<std::vector<AutoApprovalDecision>> auto_approval_decisions_of(int64_t schedule_id) = 0;
    // ---- the e-mail outbox (store/*/outbox files; core/outbox.hpp, docs/mail.md) ----
    virtual Result<int64_t> insert_mail(const OutboxMail& mail) = 0;
    virtual Result<std::optional<OutboxMail>> find_mail(int64_t id) = 0;
    virtual Result<std::vector<OutboxMail>> list_mail(const OutboxQuery& query) = 0;
    // Queued mails due at `now` (next attempt at or before it), the longest due first, at most `limit`.
    virtual Result<std::vector<OutboxMail>> due_mail(std::string_view now, int64_t limit) = 0;
    // Takes a queued mail for one delivery attempt by moving its next attempt to `lease_until`, only while
    // it is still queued with the next attempt `seen_next_attempt_at`: false when another worker took it
    // first. A worker that dies mid-attempt leaves the mail due again when the lease ends.
    virtual Result<bool> claim_mail(int64_t id, std::string_view seen_next_attempt_at,
                                    std::string_view lease_until) = 0;
    // Writes what delivery changes: recipients, secret_url, state, attempts, next and last attempt, last
    // error, delivered_at. An unknown id is "not_found".
    virtual Status update_mail(const OutboxMail& mail) = 0;
};

class Store {
  public:
    virtual ~Store() = default;
    // Runs fn in one write transaction: committed when fn returns success, rolled back (nothing changed) when
    // it returns an error, which is passed on. Errors of the database itself come back as code
    // "storage_error". A write() called by fn on the same thread runs in a savepoint of the outer
    // transaction: undone alone when it fails, committed with the outer one when it succeeds (the API keeps a
    // request's effect and its idempotency record in one transaction this way).
    virtual Status write(const std::function<Status(Transaction&)>& fn) = 0;
    // Runs fn in a read-only transaction over one consistent snapshot. Called inside a write() on the same
    // thread, it reads through the write transaction (seeing its changes).
    virtual Status read(const std::function<Status(Transaction&)>& fn) = 0;
    virtual std::string describe() const = 0;  // "sqlite:/path/book.sqlite"
};

enum class OpenMode { open_existing, create_new, open_or_create };

// Opens a book by URL: "sqlite:PATH" (or a bare PATH), or "postgresql://USER@HOST:PORT/DB?schema=NAME".
// Migrations run forward at open; a book written by a newer version is refused ("schema_too_new").
Result<std::unique_ptr<Store>> open_store(std::string_view url, OpenMode mode);

}  // namespace mf
