#include "store/sqlite/schema.hpp"

#include <fmt/format.h>

#include <array>
#include <string>

namespace mf::sqlite {
namespace {

// Conventions: STRICT tables; dates as 'YYYY-MM-DD' TEXT (readable with the sqlite3 shell, ordered as text);
// enums by their text names; money as INTEGER minor units beside a currency code; ids INTEGER, NULL where a
// reference is absent so foreign keys hold. The journal and its postings are append-only (triggers).
constexpr const char* kMigration1 = R"sql(
CREATE TABLE schema_migrations (
    version INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    base_currency TEXT NOT NULL,
    calendar TEXT NOT NULL,
    business_date TEXT NOT NULL,
    last_closed_on TEXT,
    rebate_schedule TEXT NOT NULL,
    rebate_weekday INTEGER NOT NULL,
    recourse_action TEXT NOT NULL,
    max_invoice_age_days INTEGER NOT NULL,
    cross_age_ppm INTEGER NOT NULL,
    cross_age_days INTEGER NOT NULL,
    stale_future_days INTEGER NOT NULL
) STRICT;

CREATE TABLE clients (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    currency TEXT NOT NULL,
    advance_rate_ppm INTEGER NOT NULL,
    fee_schedule TEXT,
    factoring_limit_minor INTEGER NOT NULL,
    recourse TEXT NOT NULL,
    recourse_days INTEGER NOT NULL,
    clearance_days INTEGER NOT NULL,
    concentration_limit_ppm INTEGER NOT NULL,
    status TEXT NOT NULL,
    email TEXT NOT NULL,
    tax_id TEXT NOT NULL,
    version INTEGER NOT NULL
) STRICT;

CREATE TABLE debtors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    currency TEXT NOT NULL,
    credit_limit_minor INTEGER NOT NULL,
    email TEXT NOT NULL,
    tax_id TEXT NOT NULL,
    cross_aged INTEGER NOT NULL DEFAULT 0 CHECK (cross_aged IN (0, 1)),
    version INTEGER NOT NULL
) STRICT;

CREATE TABLE schedules (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    currency TEXT NOT NULL,
    submitted_on TEXT NOT NULL,
    state TEXT NOT NULL,
    payout_id INTEGER REFERENCES payouts (id),
    version INTEGER NOT NULL
) STRICT;
CREATE INDEX schedules_by_client ON schedules (client_id);

CREATE TABLE payouts (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    kind TEXT NOT NULL,
    currency TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
    netted_minor INTEGER NOT NULL,
    paid_on TEXT NOT NULL,
    schedule_id INTEGER REFERENCES schedules (id),
    status TEXT NOT NULL
) STRICT;
CREATE INDEX payouts_by_client ON payouts (client_id);

CREATE TABLE invoices (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    debtor_id INTEGER NOT NULL REFERENCES debtors (id),
    schedule_id INTEGER REFERENCES schedules (id),
    number TEXT NOT NULL,
    currency TEXT NOT NULL,
    face_minor INTEGER NOT NULL,
    issue_date TEXT NOT NULL,
    due_date TEXT NOT NULL,
    state TEXT NOT NULL,
    verification TEXT NOT NULL,
    disputed INTEGER NOT NULL CHECK (disputed IN (0, 1)),
    review_reasons TEXT NOT NULL,
    override_reason TEXT NOT NULL,
    advance_rate_ppm INTEGER NOT NULL,
    fee_schedule TEXT,
    clearance_days INTEGER NOT NULL,
    recourse TEXT NOT NULL,
    recourse_days INTEGER NOT NULL,
    funded_on TEXT,
    advance_minor INTEGER NOT NULL,
    collected_minor INTEGER NOT NULL,
    diluted_minor INTEGER NOT NULL,
    charged_back_minor INTEGER NOT NULL,
    written_off_minor INTEGER NOT NULL,
    misdirected_minor INTEGER NOT NULL,
    outstanding_minor INTEGER NOT NULL,
    last_payment_on TEXT,
    fee_settled_minor INTEGER NOT NULL,
    closed_on TEXT,
    version INTEGER NOT NULL,
    UNIQUE (client_id, debtor_id, number)
) STRICT;
CREATE INDEX invoices_by_client_state ON invoices (client_id, state);
CREATE INDEX invoices_by_debtor_state ON invoices (debtor_id, state);
CREATE INDEX invoices_by_schedule ON invoices (schedule_id);
CREATE INDEX invoices_by_state ON invoices (state);

CREATE TABLE receipts (
    id INTEGER PRIMARY KEY,
    currency TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
    received_on TEXT NOT NULL,
    payer TEXT NOT NULL,
    reference TEXT NOT NULL,
    debtor_id INTEGER REFERENCES debtors (id),
    unapplied_minor INTEGER NOT NULL,
    source TEXT NOT NULL
) STRICT;
CREATE INDEX receipts_unapplied ON receipts (id) WHERE unapplied_minor != 0;

CREATE TABLE receipt_applications (
    id INTEGER PRIMARY KEY,
    receipt_id INTEGER NOT NULL REFERENCES receipts (id),
    invoice_id INTEGER NOT NULL REFERENCES invoices (id),
    amount_minor INTEGER NOT NULL,
    applied_on TEXT NOT NULL
) STRICT;
CREATE INDEX receipt_applications_by_invoice ON receipt_applications (invoice_id);

CREATE TABLE charges (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    currency TEXT NOT NULL,
    amount_minor INTEGER NOT NULL
) STRICT;

CREATE TABLE journal_entries (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    effective_on TEXT NOT NULL,
    currency TEXT NOT NULL,
    memo TEXT NOT NULL
) STRICT;
CREATE INDEX journal_entries_by_date ON journal_entries (effective_on);

CREATE TABLE postings (
    entry_id INTEGER NOT NULL REFERENCES journal_entries (id),
    seq INTEGER NOT NULL,
    account TEXT NOT NULL,
    currency TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
    client_id INTEGER REFERENCES clients (id),
    debtor_id INTEGER REFERENCES debtors (id),
    invoice_id INTEGER REFERENCES invoices (id),
    PRIMARY KEY (entry_id, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX postings_by_invoice ON postings (invoice_id) WHERE invoice_id IS NOT NULL;

-- The running sum of the postings per (account, client, debtor, currency); 0 = no client / no debtor. Keyed
-- client first so a client's or a pair's exposure is a key-prefix lookup.
CREATE TABLE balances (
    account TEXT NOT NULL,
    client_id INTEGER NOT NULL,
    debtor_id INTEGER NOT NULL,
    currency TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
    PRIMARY KEY (account, client_id, debtor_id, currency)
) STRICT, WITHOUT ROWID;
CREATE INDEX balances_by_debtor ON balances (account, debtor_id);

CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    business_date TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    detail TEXT NOT NULL,
    reason TEXT NOT NULL
) STRICT;
CREATE INDEX audit_events_by_entity ON audit_events (entity_type, entity_id);

CREATE TABLE snapshots (
    on_date TEXT NOT NULL,
    currency TEXT NOT NULL,
    open_invoices INTEGER NOT NULL,
    outstanding_face_minor INTEGER NOT NULL,
    funded_face_minor INTEGER NOT NULL,
    collected_minor INTEGER NOT NULL,
    fee_income_minor INTEGER NOT NULL,
    client_reserve_minor INTEGER NOT NULL,
    PRIMARY KEY (on_date, currency)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries
BEGIN SELECT RAISE(ABORT, 'journal entries are append-only'); END;
CREATE TRIGGER journal_entries_no_delete BEFORE DELETE ON journal_entries
BEGIN SELECT RAISE(ABORT, 'journal entries are append-only'); END;
CREATE TRIGGER postings_no_update BEFORE UPDATE ON postings
BEGIN SELECT RAISE(ABORT, 'postings are append-only'); END;
CREATE TRIGGER postings_no_delete BEFORE DELETE ON postings
BEGIN SELECT RAISE(ABORT, 'postings are append-only'); END;
)sql";

// 2: the stored required reserve per client, and the day's flows read by date.
constexpr const char* kMigration2 = R"sql(
CREATE TABLE client_reserve_requirements (
    client_id INTEGER PRIMARY KEY REFERENCES clients (id),
    required_minor INTEGER NOT NULL
) STRICT;
CREATE INDEX postings_by_client ON postings (client_id) WHERE client_id IS NOT NULL;
)sql";

// 3: who may sign in, the credentials issued to them (hashes only), and idempotent responses.
constexpr const char* kMigration3 = R"sql(
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL
        CHECK (role IN ('admin', 'underwriter', 'collector', 'viewer', 'client', 'investor')),
    client_id INTEGER REFERENCES clients (id),
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    CHECK ((role = 'client') = (client_id IS NOT NULL))
) STRICT;

CREATE TABLE credentials (
    secret_hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('session', 'api_key')),
    user_id INTEGER NOT NULL REFERENCES users (id),
    label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX credentials_by_user ON credentials (user_id, kind);

CREATE TABLE idempotency_keys (
    actor TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    response_body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (actor, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
)sql";

// 4: what the bank said of receipts loaded from bank files, keyed so a statement loads once.
constexpr const char* kMigration4 = R"sql(
CREATE TABLE bank_lines (
    receipt_id INTEGER PRIMARY KEY REFERENCES receipts (id),
    bank_account TEXT NOT NULL,
    bank_reference TEXT NOT NULL CHECK (bank_reference != ''),
    currency TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
    booked_on TEXT NOT NULL,
    payer_account TEXT NOT NULL,
    end_to_end_id TEXT NOT NULL,
    creditor_reference TEXT NOT NULL,
    file_id TEXT NOT NULL,
    UNIQUE (bank_account, bank_reference, currency, amount_minor, booked_on)
) STRICT;
)sql";

// 5: payouts as bank files. Where each client's payouts go (ACH account or IBAN, on the client), the factor
// as originator (in the settings), and the payout files written, kept whole; a payout names the file that
// sent it, so it is never put in a second one.
constexpr const char* kMigration5 = R"sql(
ALTER TABLE clients ADD COLUMN payout_routing_number TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN payout_account_number TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN payout_account_type TEXT NOT NULL DEFAULT 'checking'
    CHECK (payout_account_type IN ('checking', 'savings'));
ALTER TABLE clients ADD COLUMN payout_iban TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN payout_bic TEXT NOT NULL DEFAULT '';

ALTER TABLE settings ADD COLUMN originator_name TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN ach_company_id TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN ach_immediate_origin TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN ach_origin_name TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN ach_odfi_routing TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN ach_destination TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN ach_destination_name TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN originator_iban TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN originator_bic TEXT NOT NULL DEFAULT '';

CREATE TABLE payout_files (
    id INTEGER PRIMARY KEY,
    format TEXT NOT NULL CHECK (format IN ('nacha', 'pain001')),
    currency TEXT NOT NULL,
    created_at TEXT NOT NULL,
    business_date TEXT NOT NULL,
    payout_count INTEGER NOT NULL CHECK (payout_count > 0),
    total_minor INTEGER NOT NULL CHECK (total_minor > 0),
    sha256 TEXT NOT NULL,
    content TEXT NOT NULL
) STRICT;

ALTER TABLE payouts ADD COLUMN payout_file_id INTEGER REFERENCES payout_files (id);
CREATE INDEX payouts_by_file ON payouts (payout_file_id) WHERE payout_file_id IS NOT NULL;
CREATE INDEX payouts_pending ON payouts (currency) WHERE status = 'pending';
)sql";

// 6: invoice verification and notices of assignment. Each client's verification policy, the verification
// log (staff calls and e-mails, debtors' answers through their links), the links sent to debtors (only the
// hash of each token is kept), the notice of assignment of each (client, debtor) pair, and two settings: the
// factor's remittance instructions and whether funding needs the pair's notice sent.
constexpr const char* kMigration6 = R"sql(
ALTER TABLE settings ADD COLUMN require_noa_before_funding INTEGER NOT NULL DEFAULT 0
    CHECK (require_noa_before_funding IN (0, 1));
ALTER TABLE settings ADD COLUMN remittance_instructions TEXT NOT NULL DEFAULT '';

CREATE TABLE verification_policies (
    client_id INTEGER PRIMARY KEY REFERENCES clients (id),
    kind TEXT NOT NULL CHECK (kind IN ('none', 'every', 'above', 'sample')),
    threshold_minor INTEGER NOT NULL CHECK (threshold_minor >= 0),
    sample_ppm INTEGER NOT NULL CHECK (sample_ppm BETWEEN 0 AND 1000000),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
) STRICT;

CREATE TABLE debtor_links (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    purpose TEXT NOT NULL CHECK (purpose IN ('verify_invoice', 'acknowledge_noa')),
    invoice_id INTEGER NOT NULL,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    debtor_id INTEGER NOT NULL REFERENCES debtors (id),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE verification_records (
    id INTEGER PRIMARY KEY,
    invoice_id INTEGER NOT NULL REFERENCES invoices (id),
    client_id INTEGER NOT NULL REFERENCES clients (id),
    debtor_id INTEGER NOT NULL REFERENCES debtors (id),
    at TEXT NOT NULL,
    business_date TEXT NOT NULL,
    actor TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('call', 'email', 'link')),
    contact TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('confirmed', 'contested', 'no_answer', 'left_message')),
    delivered INTEGER NOT NULL,
    amount_correct INTEGER NOT NULL,
    no_offsets INTEGER NOT NULL,
    notes TEXT NOT NULL,
    link_id INTEGER NOT NULL
) STRICT;
CREATE INDEX verification_records_by_invoice ON verification_records (invoice_id);
CREATE INDEX verification_records_by_date ON verification_records (business_date);

CREATE TABLE notices_of_assignment (
    client_id INTEGER NOT NULL REFERENCES clients (id),
    debtor_id INTEGER NOT NULL REFERENCES debtors (id),
    sent_on TEXT,
    method TEXT NOT NULL,
    acknowledged_on TEXT,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (client_id, debtor_id)
) STRICT;
)sql";

// 7: the same invoice pledged by two clients is looked for at every approval (issue 4): another client's open
// invoice to the debtor with the same face and issue date, found by one index probe.
constexpr const char* kMigration7 = R"sql(
CREATE INDEX invoices_twins ON invoices (debtor_id, face_minor, issue_date);
)sql";

// 8: underwriting. Debtor credit: bureau scores imported from files, underwriters' credit reviews (with the
// book setting that makes funding need a current one; existing books keep funding as before, new books
// require reviews), and an index of the dispute events the payment-history score counts. Client onboarding:
// applications kept by staff until an underwriter approves one into a client or declines it.
constexpr const char* kMigration8 = R"sql(
ALTER TABLE settings ADD COLUMN require_credit_review INTEGER NOT NULL DEFAULT 0
    CHECK (require_credit_review IN (0, 1));

CREATE TABLE bureau_scores (
    id INTEGER PRIMARY KEY,
    debtor_id INTEGER NOT NULL REFERENCES debtors (id),
    bureau TEXT NOT NULL CHECK (bureau != ''),
    score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    as_of TEXT NOT NULL,
    reference TEXT NOT NULL,
    source TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    UNIQUE (debtor_id, bureau, as_of)
) STRICT;

CREATE TABLE credit_reviews (
    id INTEGER PRIMARY KEY,
    debtor_id INTEGER NOT NULL REFERENCES debtors (id),
    reviewer TEXT NOT NULL,
    reviewed_on TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('approved', 'declined')),
    limit_minor INTEGER NOT NULL CHECK (limit_minor >= 0),
    notes TEXT NOT NULL,
    expires_on TEXT NOT NULL,
    score INTEGER,
    suggested_limit_minor INTEGER,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX credit_reviews_by_debtor ON credit_reviews (debtor_id, id);

CREATE INDEX audit_events_disputes ON audit_events (entity_id) WHERE action = 'invoice.dispute';

CREATE TABLE client_applications (
    id INTEGER PRIMARY KEY,
    legal_name TEXT NOT NULL CHECK (legal_name != ''),
    registration_id TEXT NOT NULL,
    tax_id TEXT NOT NULL,
    currency TEXT NOT NULL,
    email TEXT NOT NULL,
    owners TEXT NOT NULL,
    addresses TEXT NOT NULL,
    payout_routing_number TEXT NOT NULL,
    payout_account_number TEXT NOT NULL,
    payout_account_type TEXT NOT NULL CHECK (payout_account_type IN ('checking', 'savings')),
    payout_iban TEXT NOT NULL,
    payout_bic TEXT NOT NULL,
    documents TEXT NOT NULL,
    ucc_filing_ref TEXT NOT NULL,
    ucc_filed_on TEXT,
    kyc_status TEXT NOT NULL CHECK (kyc_status IN ('pending', 'passed', 'failed')),
    status TEXT NOT NULL CHECK (status IN ('open', 'approved', 'declined')),
    decision_reason TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_on TEXT,
    client_id INTEGER REFERENCES clients (id),
    created_at TEXT NOT NULL,
    version INTEGER NOT NULL
) STRICT;
)sql";

// 9: auto-approval (issue 5): the book's rules (client 0) and each client's override, and every decision the
// rules made on a schedule with the checks it ran (docs/auto-approval.md).
constexpr const char* kMigration9 = R"sql(
CREATE TABLE auto_approval_rules (
    client_id INTEGER PRIMARY KEY,
    mode TEXT NOT NULL CHECK (mode IN ('inherit', 'on', 'off')),
    invoice_max_minor INTEGER CHECK (invoice_max_minor > 0),
    schedule_max_minor INTEGER CHECK (schedule_max_minor > 0),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
) STRICT;

CREATE TABLE auto_approval_decisions (
    id INTEGER PRIMARY KEY,
    schedule_id INTEGER NOT NULL REFERENCES schedules (id),
    client_id INTEGER NOT NULL REFERENCES clients (id),
    at TEXT NOT NULL,
    business_date TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    occasion TEXT NOT NULL CHECK (occasion IN ('submission', 'rerun')),
    approved INTEGER NOT NULL CHECK (approved IN (0, 1)),
    failed_rule TEXT NOT NULL,
    checks TEXT NOT NULL,
    payout_id INTEGER REFERENCES payouts (id)
) STRICT;
CREATE INDEX auto_approval_decisions_by_schedule ON auto_approval_decisions (schedule_id, id);
)sql";

// 10: the e-mail outbox (docs/mail.md): one row per mail, written in the transaction of the event that
// causes it; the delivery worker claims due rows and records each attempt.
constexpr const char* kMigration10 = R"sql(
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind != ''),
    event TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    recipient_type TEXT NOT NULL CHECK (recipient_type IN ('client', 'debtor')),
    recipient_id INTEGER NOT NULL,
    recipients TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    secret_url TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'delivered', 'failed', 'unaddressed')),
    attempts INTEGER NOT NULL CHECK (attempts >= 0),
    next_attempt_at TEXT NOT NULL,
    last_attempt_at TEXT NOT NULL,
    last_error TEXT NOT NULL,
    delivered_at TEXT NOT NULL
) STRICT;
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE state = 'queued';
CREATE INDEX outbox_by_entity ON outbox (entity_type, entity_id);
)sql";

// 11: failed sign-ins, kept in the book so that every node serving it throttles the same account and address
// (docs/api.md "Signing in"); rows older than the throttle's window are deleted as new ones come.
constexpr const char* kMigration11 = R"sql(
CREATE TABLE sign_in_failures (
    key_hash TEXT NOT NULL CHECK (key_hash != ''),
    at INTEGER NOT NULL
) STRICT;
CREATE INDEX sign_in_failures_by_key ON sign_in_failures (key_hash, at);
CREATE INDEX sign_in_failures_by_time ON sign_in_failures (at);
)sql";

// 12: the day's flows as running sums per day, currency, entry kind, account and client (0 = none), kept
// beside the balances at the same flush; filled from the postings already in the book.
constexpr const char* kMigration12 = R"sql(
CREATE TABLE daily_flows (
    on_date TEXT NOT NULL,
    currency TEXT NOT NULL,
    kind TEXT NOT NULL,
    account TEXT NOT NULL,
    client_id INTEGER NOT NULL,
    amount_minor INTEGER NOT NULL,
    PRIMARY KEY (on_date, currency, kind, account, client_id)
) STRICT, WITHOUT ROWID;
INSERT INTO daily_flows (on_date, currency, kind, account, client_id, amount_minor)
SELECT e.effective_on, p.currency, e.kind, p.account, COALESCE(p.client_id, 0), SUM(p.amount_minor)
FROM journal_entries e JOIN postings p ON p.entry_id = e.id
GROUP BY e.effective_on, p.currency, e.kind, p.account, COALESCE(p.client_id, 0);
)sql";

// 13: a receipt's applications found from the receipt (`receipt show`, GET /v1/receipts/{id}), not by a scan.
constexpr const char* kMigration13 = R"sql(
CREATE INDEX receipt_applications_by_receipt ON receipt_applications (receipt_id);
)sql";

// 14: one index per debtor serves both its invoices by state and the double-pledge twins (issue 4): the twins
// index of migration 7 (debtor, face, issue date) and the per-debtor state index (debtor, state) are one
// (debtor, state, face, issue date), so an invoice written adds one entry at a random place in a per-debtor
// index rather than two. The twins lookup probes it once per open state; a debtor's exposure is read from the
// index alone. On a 1 M-row intake the second index cost 2.3-2.5 s of SQLite's 7.4 s (docs/benchmarks.md).
constexpr const char* kMigration14 = R"sql(
DROP INDEX invoices_twins;
DROP INDEX invoices_by_debtor_state;
CREATE INDEX invoices_by_debtor_state ON invoices (debtor_id, state, face_minor, issue_date);
)sql";

// Forward only: a released migration is never edited; a change of schema is a new one at the end.
constexpr std::array<const char*, 14> kMigrations{
    kMigration1, kMigration2, kMigration3,  kMigration4,  kMigration5,  kMigration6,  kMigration7,
    kMigration8, kMigration9, kMigration10, kMigration11, kMigration12, kMigration13, kMigration14};

Status check_version(Connection& connection, int64_t version) {
    if (version > latest_schema_version()) {
        return make_error("schema_too_new",
                          fmt::format("the book's schema version {} is newer than this program knows ({}): "
                                      "upgrade microfactor to open it",
                                      version, latest_schema_version()));
    }
    MF_TRY(const int64_t application_id,
           connection.query_int("read application_id", "PRAGMA application_id"));
    if (version > 0 && application_id != kApplicationId) {
        return make_error("not_a_book", "the file is a database of another program, not a microfactor book");
    }
    if (version == 0) {
        MF_TRY(const int64_t objects,
               connection.query_int("count schema objects", "SELECT COUNT(*) FROM sqlite_schema"));
        if (objects > 0)
            return make_error("not_a_book", "the file holds tables that are not a microfactor book");
    }
    return ok();
}

Status apply_pending(Connection& connection, int64_t from_version) {
    for (int64_t version = from_version + 1; version <= latest_schema_version(); ++version) {
        MF_CHECK(connection.exec(fmt::format("migration {}", version), kMigrations[version - 1]));
        const std::string record = fmt::format(
            "INSERT INTO schema_migrations (version, applied_at) "
            "VALUES ({}, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')); PRAGMA user_version = {};",
            version, version);
        MF_CHECK(connection.exec(fmt::format("record migration {}", version), record.c_str()));
    }
    return connection.exec("set application_id",
                           fmt::format("PRAGMA application_id = {}", kApplicationId).c_str());
}

}  // namespace

int64_t latest_schema_version() {
    return static_cast<int64_t>(kMigrations.size());
}

Result<int64_t> check_file(Connection& connection) {
    MF_TRY(const int64_t version, connection.query_int("read user_version", "PRAGMA user_version"));
    MF_CHECK(check_version(connection, version));
    return version;
}

Status migrate(Connection& connection) {
    MF_TRY(const int64_t seen_version, check_file(connection));
    if (seen_version == latest_schema_version())
        return ok();

    MF_CHECK(connection.exec("begin migrations", "BEGIN IMMEDIATE"));
    // Read again under the write lock: another process may have migrated the file meanwhile.
    auto migrated = [&]() -> Status {
        MF_TRY(const int64_t version, check_file(connection));
        return apply_pending(connection, version);
    }();
    if (!migrated) {
        if (connection.in_transaction())
            (void)connection.exec("roll back migrations", "ROLLBACK");
        return migrated.error();
    }
    auto committed = connection.exec("commit migrations", "COMMIT");
    if (!committed && connection.in_transaction())
        (void)connection.exec("roll back migrations", "ROLLBACK");
    return committed;
}

}  // namespace mf::sqlite
