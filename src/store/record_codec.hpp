// How the parties, schedules and invoices of store.hpp are bound as statement parameters and read back from a
// row, in the column order of the SQL of both stores (cash_codec.hpp does the money records). Written once
// for the SQLite and the PostgreSQL statement types, which share the bind_*/column_* vocabulary
// (sqlite/connection.hpp, postgres/pg_connection.hpp). Thread-safety: functions of their arguments only.
#pragma once

#include <utility>
#include <vector>

#include "core/calendar.hpp"
#include "core/ledger.hpp"
#include "core/model.hpp"
#include "store/fee_text_memo.hpp"
#include "store/store.hpp"

namespace mf::codec {

inline Result<CalendarKind> parse_calendar_name(std::string_view text) {
    return parse_calendar(text);
}

// Runs a query and collects every row read by read_row.
template <class Row, class Statement, class ReadRow>
Result<std::vector<Row>> collect_rows(Statement& statement, ReadRow&& read_row) {
    std::vector<Row> rows;
    while (true) {
        MF_TRY(const bool more, statement.step());
        if (!more)
            return rows;
        MF_TRY(Row row, read_row(statement));
        rows.push_back(std::move(row));
    }
}

// Runs a query that returns at most one row, read by read_row.
template <class Row, class Statement, class ReadRow>
Result<std::optional<Row>> first_row(Statement& statement, ReadRow&& read_row) {
    MF_TRY(const bool found, statement.step());
    if (!found)
        return std::optional<Row>();
    MF_TRY(Row row, read_row(statement));
    return std::optional<Row>(std::move(row));
}

// One integer column of the rows of a query (ids, counts).
template <class Statement>
Result<int64_t> read_int(Statement& row) {
    return row.column_int();
}

// ---- settings, clients, debtors ----

template <class Statement>
void bind_settings(Statement& statement, const BookSettings& settings) {
    statement.bind_text(settings.name)
        .bind_currency(settings.base_currency)
        .bind_text(calendar_name(settings.calendar))
        .bind_date(settings.business_date)
        .bind_optional_date(settings.last_closed_on)
        .bind_text(to_string(settings.rebate_schedule))
        .bind_int(settings.rebate_weekday)
        .bind_text(to_string(settings.recourse_action))
        .bind_int(settings.max_invoice_age_days)
        .bind_int(settings.cross_age_ppm)
        .bind_int(settings.cross_age_days)
        .bind_int(settings.stale_future_days);
    const PayoutOriginator& originator = settings.originator;
    statement.bind_text(originator.name)
        .bind_text(originator.ach_company_id)
        .bind_text(originator.ach_immediate_origin)
        .bind_text(originator.ach_origin_name)
        .bind_text(originator.ach_odfi_routing)
        .bind_text(originator.ach_destination)
        .bind_text(originator.ach_destination_name)
        .bind_text(originator.iban)
        .bind_text(originator.bic);
    statement.bind_bool(settings.require_noa_before_funding).bind_text(settings.remittance_instructions);
    statement.bind_bool(settings.require_credit_review);
}

template <class Statement>
Result<BookSettings> read_settings(Statement& row) {
    BookSettings settings;
    settings.name = row.column_text();
    MF_TRY(settings.base_currency, row.column_currency());
    MF_TRY(settings.calendar, row.column_enum(parse_calendar_name));
    MF_TRY(settings.business_date, row.column_date());
    MF_TRY(settings.last_closed_on, row.column_optional_date());
    MF_TRY(settings.rebate_schedule, row.column_enum(parse_rebate_schedule));
    settings.rebate_weekday = static_cast<unsigned>(row.column_int());
    MF_TRY(settings.recourse_action, row.column_enum(parse_recourse_action));
    settings.max_invoice_age_days = static_cast<int32_t>(row.column_int());
    settings.cross_age_ppm = row.column_int();
    settings.cross_age_days = static_cast<int32_t>(row.column_int());
    settings.stale_future_days = static_cast<int32_t>(row.column_int());
    PayoutOriginator& originator = settings.originator;
    originator.name = row.column_text();
    originator.ach_company_id = row.column_text();
    originator.ach_immediate_origin = row.column_text();
    originator.ach_origin_name = row.column_text();
    originator.ach_odfi_routing = row.column_text();
    originator.ach_destination = row.column_text();
    originator.ach_destination_name = row.column_text();
    originator.iban = row.column_text();
    originator.bic = row.column_text();
    settings.require_noa_before_funding = row.column_bool();
    settings.remittance_instructions = row.column_text();
    settings.require_credit_review = row.column_bool();
    return settings;
}

template <class Statement>
Status bind_client(Statement& statement, const Client& client, FeeTextMemo& fee_text) {
    const ClientTerms& terms = client.terms;
    statement.bind_text(client.name).bind_currency(client.currency).bind_int(terms.advance_rate_ppm);
    MF_CHECK(fee_text.bind(statement, terms.fee_schedule, client.currency));
    statement.bind_int(terms.factoring_limit_minor)
        .bind_text(to_string(terms.recourse))
        .bind_int(terms.recourse_days)
        .bind_int(terms.clearance_days)
        .bind_int(terms.concentration_limit_ppm)
        .bind_text(to_string(client.status))
        .bind_text(client.email)
        .bind_text(client.tax_id);
    const PayoutAccount& account = client.payout_account;
    statement.bind_text(account.routing_number)
        .bind_text(account.account_number)
        .bind_text(to_string(account.account_type))
        .bind_text(account.iban)
        .bind_text(account.bic);
    return ok();
}

template <class Statement>
Result<Client> read_client(Statement& row, FeeTextMemo& fee_text) {
    Client client;
    ClientTerms& terms = client.terms;
    client.id = row.column_int();
    client.name = row.column_text();
    MF_TRY(client.currency, row.column_currency());
    terms.advance_rate_ppm = row.column_int();
    MF_TRY(terms.fee_schedule, fee_text.column(row, client.currency));
    terms.factoring_limit_minor = row.column_int();
    MF_TRY(terms.recourse, row.column_enum(parse_recourse));
    terms.recourse_days = static_cast<int32_t>(row.column_int());
    terms.clearance_days = static_cast<int32_t>(row.column_int());
    terms.concentration_limit_ppm = row.column_int();
    MF_TRY(client.status, row.column_enum(parse_client_status));
    client.email = row.column_text();
    client.tax_id = row.column_text();
    PayoutAccount& account = client.payout_account;
    account.routing_number = row.column_text();
    account.account_number = row.column_text();
    MF_TRY(account.account_type, row.column_enum(parse_ach_account_type));
    account.iban = row.column_text();
    account.bic = row.column_text();
    client.version = row.column_int();
    return client;
}

template <class Statement>
void bind_debtor(Statement& statement, const Debtor& debtor) {
    statement.bind_text(debtor.name)
        .bind_currency(debtor.currency)
        .bind_int(debtor.credit_limit_minor)
        .bind_text(debtor.email)
        .bind_text(debtor.tax_id);
}

template <class Statement>
Result<Debtor> read_debtor(Statement& row) {
    Debtor debtor;
    debtor.id = row.column_int();
    debtor.name = row.column_text();
    MF_TRY(debtor.currency, row.column_currency());
    debtor.credit_limit_minor = row.column_int();
    debtor.email = row.column_text();
    debtor.tax_id = row.column_text();
    debtor.version = row.column_int();
    return debtor;
}

// ---- schedules, invoices ----

template <class Statement>
void bind_schedule(Statement& statement, const Schedule& schedule) {
    statement.bind_int(schedule.client_id)
        .bind_currency(schedule.currency)
        .bind_date(schedule.submitted_on)
        .bind_text(to_string(schedule.state))
        .bind_optional_id(schedule.payout_id);
}

template <class Statement>
Result<Schedule> read_schedule(Statement& row) {
    Schedule schedule;
    schedule.id = row.column_int();
    schedule.client_id = row.column_int();
    MF_TRY(schedule.currency, row.column_currency());
    MF_TRY(schedule.submitted_on, row.column_date());
    MF_TRY(schedule.state, row.column_enum(parse_schedule_state));
    schedule.payout_id = row.column_optional_id();
    schedule.version = row.column_int();
    return schedule;
}

template <class Statement>
void bind_invoice_identity(Statement& statement, const Invoice& invoice) {
    statement.bind_int(invoice.client_id)
        .bind_int(invoice.debtor_id)
        .bind_id(invoice.schedule_id)
        .bind_text(invoice.number);
}

template <class Statement>
Status bind_invoice_body(Statement& statement, const Invoice& invoice, FeeTextMemo& fee_text) {
    statement.bind_currency(invoice.currency)
        .bind_int(invoice.face_minor)
        .bind_date(invoice.issue_date)
        .bind_date(invoice.due_date)
        .bind_text(to_string(invoice.state))
        .bind_text(to_string(invoice.verification))
        .bind_bool(invoice.disputed)
        .bind_text(invoice.review_reasons)
        .bind_text(invoice.override_reason)
        .bind_int(invoice.advance_rate_ppm);
    MF_CHECK(fee_text.bind(statement, invoice.fee_schedule, invoice.currency));
    statement.bind_int(invoice.clearance_days)
        .bind_text(to_string(invoice.recourse))
        .bind_int(invoice.recourse_days)
        .bind_optional_date(invoice.funded_on)
        .bind_int(invoice.advance_minor)
        .bind_int(invoice.collected_minor)
        .bind_int(invoice.diluted_minor)
        .bind_int(invoice.charged_back_minor)
        .bind_int(invoice.written_off_minor)
        .bind_int(invoice.misdirected_minor)
        .bind_int(invoice.outstanding_minor())
        .bind_optional_date(invoice.last_payment_on)
        .bind_int(invoice.fee_settled_minor)
        .bind_optional_date(invoice.closed_on);
    return ok();
}

template <class Statement>
Result<Invoice> read_invoice(Statement& row, FeeTextMemo& fee_text) {
    Invoice invoice;
    invoice.id = row.column_int();
    invoice.client_id = row.column_int();
    invoice.debtor_id = row.column_int();
    invoice.schedule_id = row.column_id();
    invoice.number = row.column_text();
    MF_TRY(invoice.currency, row.column_currency());
    invoice.face_minor = row.column_int();
    MF_TRY(invoice.issue_date, row.column_date());
    MF_TRY(invoice.due_date, row.column_date());
    MF_TRY(invoice.state, row.column_enum(parse_invoice_state));
    MF_TRY(invoice.verification, row.column_enum(parse_verification));
    invoice.disputed = row.column_bool();
    invoice.review_reasons = row.column_text();
    invoice.override_reason = row.column_text();
    invoice.advance_rate_ppm = row.column_int();
    MF_TRY(invoice.fee_schedule, fee_text.column(row, invoice.currency));
    invoice.clearance_days = static_cast<int32_t>(row.column_int());
    MF_TRY(invoice.recourse, row.column_enum(parse_recourse));
    invoice.recourse_days = static_cast<int32_t>(row.column_int());
    MF_TRY(invoice.funded_on, row.column_optional_date());
    invoice.advance_minor = row.column_int();
    invoice.collected_minor = row.column_int();
    invoice.diluted_minor = row.column_int();
    invoice.charged_back_minor = row.column_int();
    invoice.written_off_minor = row.column_int();
    invoice.misdirected_minor = row.column_int();
    const int outstanding_column = row.column_index();
    const int64_t outstanding_minor = row.column_int();
    MF_TRY(invoice.last_payment_on, row.column_optional_date());
    invoice.fee_settled_minor = row.column_int();
    MF_TRY(invoice.closed_on, row.column_optional_date());
    invoice.version = row.column_int();
    // The pair assertion of the stored column: written from outstanding_minor(), it must read back equal.
    if (outstanding_minor != invoice.outstanding_minor()) {
        return row.corrupt(outstanding_column, "differs from face less the movements of the invoice");
    }
    return invoice;
}

// In the column order "id, client_id, face_minor, issue_date, number".
template <class Statement>
Result<InvoiceKey> read_invoice_key(Statement& row) {
    InvoiceKey key;
    key.id = row.column_int();
    key.client_id = row.column_int();
    key.face_minor = row.column_int();
    MF_TRY(key.issue_date, row.column_date());
    key.number = row.column_text();
    return key;
}

}  // namespace mf::codec
