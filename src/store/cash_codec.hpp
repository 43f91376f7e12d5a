// How the money records of store.hpp (receipts, payouts, charges, journal entries, balances, audit events,
// snapshots) are bound as statement parameters and read back, for the SQLite and PostgreSQL statement types
// alike (record_codec.hpp does parties and invoices). Thread-safety: functions of their arguments only.
#pragma once

#include <vector>

#include "core/ledger.hpp"
#include "core/model.hpp"
#include "store/store.hpp"

namespace mf::codec {

template <class Statement>
void bind_receipt(Statement& statement, const Receipt& receipt) {
    statement.bind_currency(receipt.currency)
        .bind_int(receipt.amount_minor)
        .bind_date(receipt.received_on)
        .bind_text(receipt.payer)
        .bind_text(receipt.reference)
        .bind_optional_id(receipt.debtor_id)
        .bind_int(receipt.unapplied_minor)
        .bind_text(receipt.source);
}

template <class Statement>
Result<Receipt> read_receipt(Statement& row) {
    Receipt receipt;
    receipt.id = row.column_int();
    MF_TRY(receipt.currency, row.column_currency());
    receipt.amount_minor = row.column_int();
    MF_TRY(receipt.received_on, row.column_date());
    receipt.payer = row.column_text();
    receipt.reference = row.column_text();
    receipt.debtor_id = row.column_optional_id();
    receipt.unapplied_minor = row.column_int();
    receipt.source = row.column_text();
    return receipt;
}

template <class Statement>
void bind_application(Statement& statement, const ReceiptApplication& application) {
    statement.bind_int(application.receipt_id)
        .bind_int(application.invoice_id)
        .bind_int(application.amount_minor)
        .bind_date(application.applied_on);
}

template <class Statement>
Result<ReceiptApplication> read_application(Statement& row) {
    ReceiptApplication application;
    application.receipt_id = row.column_int();
    application.invoice_id = row.column_int();
    application.amount_minor = row.column_int();
    MF_TRY(application.applied_on, row.column_date());
    return application;
}

// In the column order "receipt_id, bank_account, bank_reference, currency, amount_minor, booked_on,
// payer_account, end_to_end_id, creditor_reference, file_id".
template <class Statement>
void bind_bank_line(Statement& statement, const BankLine& line) {
    statement.bind_int(line.receipt_id)
        .bind_text(line.bank_account)
        .bind_text(line.bank_reference)
        .bind_currency(line.currency)
        .bind_int(line.amount_minor)
        .bind_date(line.booked_on)
        .bind_text(line.payer_account)
        .bind_text(line.end_to_end_id)
        .bind_text(line.creditor_reference)
        .bind_text(line.file_id);
}

// The key columns "bank_account, bank_reference, currency, amount_minor, booked_on".
template <class Statement>
void bind_bank_key(Statement& statement, const BankLine& key) {
    statement.bind_text(key.bank_account)
        .bind_text(key.bank_reference)
        .bind_currency(key.currency)
        .bind_int(key.amount_minor)
        .bind_date(key.booked_on);
}

// Every column but the id, which each store binds its own way.
template <class Statement>
void bind_payout(Statement& statement, const Payout& payout) {
    statement.bind_int(payout.client_id)
        .bind_text(to_string(payout.kind))
        .bind_currency(payout.currency)
        .bind_int(payout.amount_minor)
        .bind_int(payout.netted_minor)
        .bind_date(payout.paid_on)
        .bind_optional_id(payout.schedule_id)
        .bind_text(to_string(payout.status))
        .bind_optional_id(payout.payout_file_id);
}

template <class Statement>
Result<Payout> read_payout(Statement& row) {
    Payout payout;
    payout.id = row.column_int();
    payout.client_id = row.column_int();
    MF_TRY(payout.kind, row.column_enum(parse_payout_kind));
    MF_TRY(payout.currency, row.column_currency());
    payout.amount_minor = row.column_int();
    payout.netted_minor = row.column_int();
    MF_TRY(payout.paid_on, row.column_date());
    payout.schedule_id = row.column_optional_id();
    MF_TRY(payout.status, row.column_enum(parse_payout_status));
    payout.payout_file_id = row.column_optional_id();
    return payout;
}

template <class Statement>
void bind_payout_file(Statement& statement, const PayoutFile& file) {
    statement.bind_text(to_string(file.format))
        .bind_currency(file.currency)
        .bind_text(file.created_at)
        .bind_date(file.business_date)
        .bind_int(file.payout_count)
        .bind_int(file.total_minor)
        .bind_text(file.sha256)
        .bind_text(file.content);
}

// The columns of bind_payout_file after the id; lists select '' for the content.
template <class Statement>
Result<PayoutFile> read_payout_file(Statement& row) {
    PayoutFile file;
    file.id = row.column_int();
    MF_TRY(file.format, row.column_enum(parse_payout_file_format));
    MF_TRY(file.currency, row.column_currency());
    file.created_at = row.column_text();
    MF_TRY(file.business_date, row.column_date());
    file.payout_count = row.column_int();
    file.total_minor = row.column_int();
    file.sha256 = row.column_text();
    file.content = row.column_text();
    return file;
}

template <class Statement>
void bind_charge(Statement& statement, const Charge& charge) {
    statement.bind_text(charge.code)
        .bind_text(charge.name)
        .bind_currency(charge.currency)
        .bind_int(charge.amount_minor);
}

template <class Statement>
Result<Charge> read_charge(Statement& row) {
    Charge charge;
    charge.id = row.column_int();
    charge.code = row.column_text();
    charge.name = row.column_text();
    MF_TRY(charge.currency, row.column_currency());
    charge.amount_minor = row.column_int();
    return charge;
}

// ---- the journal ----

template <class Statement>
Result<BalanceRow> read_balance(Statement& row) {
    BalanceRow balance;
    MF_TRY(balance.account, row.column_enum(parse_account));
    MF_TRY(balance.currency, row.column_currency());
    balance.client_id = row.column_int();
    balance.debtor_id = row.column_int();
    balance.amount_minor = row.column_int();
    return balance;
}

// Folds the rows of an entries-with-postings query into entries. Columns: e.id, e.kind, e.effective_on,
// e.currency, e.memo, p.account, p.amount_minor, p.client_id, p.debtor_id, p.invoice_id, ordered by entry
// then posting; an entry without postings has NULL posting columns (LEFT JOIN).
template <class Statement>
Result<std::vector<JournalEntry>> read_entries(Statement& statement) {
    std::vector<JournalEntry> entries;
    while (true) {
        MF_TRY(const bool more, statement.step());
        if (!more)
            return entries;
        const int64_t id = statement.column_int();
        if (entries.empty() || entries.back().id != id) {
            JournalEntry& entry = entries.emplace_back();
            entry.id = id;
            MF_TRY(entry.kind, statement.column_enum(parse_entry_kind));
            MF_TRY(entry.effective_on, statement.column_date());
            MF_TRY(entry.currency, statement.column_currency());
            entry.memo = statement.column_text();
        } else {
            statement.skip_columns(4);  // the entry's own columns, read with its first posting
        }
        if (statement.column_is_null())
            continue;  // an entry without postings
        JournalEntry& entry = entries.back();
        const int posting_column = statement.column_index();
        if (entry.posting_count == JournalEntry::kMaxPostings) {
            return statement.corrupt(posting_column, "more postings than an entry holds");
        }
        Posting& posting = entry.postings[entry.posting_count++];
        MF_TRY(posting.account, statement.column_enum(parse_account));
        posting.amount_minor = statement.column_int();
        posting.client_id = statement.column_id();
        posting.debtor_id = statement.column_id();
        posting.invoice_id = statement.column_id();
    }
}

// The rows of a flows query: day, currency, entry kind, account, sum.
template <class Statement>
Result<FlowRow> read_flow(Statement& statement) {
    FlowRow row;
    MF_TRY(row.on, statement.column_date());
    MF_TRY(row.currency, statement.column_currency());
    MF_TRY(row.kind, statement.column_enum(parse_entry_kind));
    MF_TRY(row.account, statement.column_enum(parse_account));
    row.amount_minor = statement.column_int();
    return row;
}

// The rows of a flows query kept per client: day, currency, entry kind, account, sum, client (0 = none).
template <class Statement>
Result<FlowRow> read_client_flow(Statement& statement) {
    MF_TRY(auto row, read_flow(statement));
    row.client_id = statement.column_int();
    return row;
}

// ---- audit, snapshots ----

// Every column but the id.
template <class Statement>
void bind_audit(Statement& statement, const AuditEvent& event) {
    statement.bind_text(event.at)
        .bind_date(event.business_date)
        .bind_text(event.actor)
        .bind_text(event.action)
        .bind_text(event.entity_type)
        .bind_int(event.entity_id)
        .bind_text(event.detail)
        .bind_text(event.reason);
}

template <class Statement>
Result<AuditEvent> read_audit(Statement& row) {
    AuditEvent event;
    event.id = row.column_int();
    event.at = row.column_text();
    MF_TRY(event.business_date, row.column_date());
    event.actor = row.column_text();
    event.action = row.column_text();
    event.entity_type = row.column_text();
    event.entity_id = row.column_int();
    event.detail = row.column_text();
    event.reason = row.column_text();
    return event;
}

template <class Statement>
void bind_snapshot(Statement& statement, const Snapshot& snapshot) {
    statement.bind_date(snapshot.on)
        .bind_currency(snapshot.currency)
        .bind_int(snapshot.open_invoices)
        .bind_int(snapshot.outstanding_face_minor)
        .bind_int(snapshot.funded_face_minor)
        .bind_int(snapshot.collected_minor)
        .bind_int(snapshot.fee_income_minor)
        .bind_int(snapshot.client_reserve_minor);
}

template <class Statement>
Result<Snapshot> read_snapshot(Statement& row) {
    Snapshot snapshot;
    MF_TRY(snapshot.on, row.column_date());
    MF_TRY(snapshot.currency, row.column_currency());
    snapshot.open_invoices = row.column_int();
    snapshot.outstanding_face_minor = row.column_int();
    snapshot.funded_face_minor = row.column_int();
    snapshot.collected_minor = row.column_int();
    snapshot.fee_income_minor = row.column_int();
    snapshot.client_reserve_minor = row.column_int();
    return snapshot;
}

}  // namespace mf::codec
