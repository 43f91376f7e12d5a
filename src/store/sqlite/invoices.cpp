// Schedules and invoices of the SQLite transaction: the hot insert/update of invoices, streaming scans by
// filter, and the exposure the limit checks count.
#include <fmt/format.h>

#include <array>
#include <bit>

#include "store/sqlite/sqlite_transaction.hpp"

namespace mf::sqlite {
namespace {

#define MF_SCHEDULE_COLUMNS "client_id, currency, submitted_on, state, payout_id"
constexpr Sql kInsertSchedule{"insert schedule", "INSERT INTO schedules (" MF_SCHEDULE_COLUMNS
                                                 ", version, id) VALUES (?, ?, ?, ?, ?, ?, ?)"};
constexpr Sql kUpdateSchedule{"update schedule", R"sql(
UPDATE schedules SET client_id = ?, currency = ?, submitted_on = ?, state = ?, payout_id = ?, version = version + 1
WHERE id = ? AND version = ?)sql"};
constexpr Sql kFindSchedule{"find schedule",
                            "SELECT id, " MF_SCHEDULE_COLUMNS ", version FROM schedules WHERE id = ?"};
constexpr Sql kListSchedules{"list schedules",
                             "SELECT id, " MF_SCHEDULE_COLUMNS ", version FROM schedules ORDER BY id"};
constexpr Sql kListClientSchedules{"list schedules",
                                   "SELECT id, " MF_SCHEDULE_COLUMNS
                                   ", version FROM schedules WHERE client_id = ? ORDER BY id"};
constexpr Sql kScheduleExists{"find schedule", "SELECT 1 FROM schedules WHERE id = ?"};
#undef MF_SCHEDULE_COLUMNS

// Every field of mf::Invoice but id and version, in bind and read order: first the identity columns (indexed,
// rarely changed), then the body; outstanding_minor is derived.
#define MF_INVOICE_IDENTITY "client_id, debtor_id, schedule_id, number"
#define MF_INVOICE_COLUMNS                                                                      \
    MF_INVOICE_IDENTITY                                                                         \
    ", currency, face_minor, issue_date, due_date, state, "                                     \
    "verification, disputed, review_reasons, override_reason, advance_rate_ppm, fee_schedule, " \
    "clearance_days, "                                                                          \
    "recourse, recourse_days, funded_on, advance_minor, collected_minor, diluted_minor, "       \
    "charged_back_minor, "                                                                      \
    "written_off_minor, misdirected_minor, outstanding_minor, last_payment_on, fee_settled_minor, closed_on"
#define MF_INVOICE_BODY_SET                                                                                  \
    "currency = ?, face_minor = ?, issue_date = ?, due_date = ?, state = ?, verification = ?, disputed = "   \
    "?, "                                                                                                    \
    "review_reasons = ?, override_reason = ?, advance_rate_ppm = ?, fee_schedule = ?, clearance_days = ?, "  \
    "recourse = ?, recourse_days = ?, funded_on = ?, advance_minor = ?, collected_minor = ?, diluted_minor " \
    "= ?, "                                                                                                  \
    "charged_back_minor = ?, written_off_minor = ?, misdirected_minor = ?, outstanding_minor = ?, "          \
    "last_payment_on = ?, fee_settled_minor = ?, closed_on = ?, version = version + 1"
constexpr Sql kInsertInvoice{
    "insert invoice", "INSERT INTO invoices (" MF_INVOICE_COLUMNS
                      ", version, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                      "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"};
// SQLite rewrites every index holding a column of the SET list, changed or not. The hot update (fund,
// collect, close) leaves the identity columns out of SET and requires them unchanged in WHERE, so only the
// state indexes move; when it changes no row, the full update runs and tells a changed identity from a
// conflict.
constexpr Sql kUpdateInvoiceBody{"update invoice",
                                 "UPDATE invoices SET " MF_INVOICE_BODY_SET
                                 " WHERE id = ? AND version = ? AND client_id = ? AND debtor_id = ? "
                                 "AND schedule_id IS ? AND number = ?"};
constexpr Sql kUpdateInvoice{
    "update invoice",
    "UPDATE invoices SET client_id = ?, debtor_id = ?, schedule_id = ?, number = ?, " MF_INVOICE_BODY_SET
    " WHERE id = ? AND version = ?"};
constexpr Sql kFindInvoice{"find invoice",
                           "SELECT id, " MF_INVOICE_COLUMNS ", version FROM invoices WHERE id = ?"};
constexpr Sql kFindInvoiceByNumber{
    "find invoice by number", "SELECT id FROM invoices WHERE client_id = ? AND debtor_id = ? AND number = ?"};
constexpr Sql kInvoiceExists{"find invoice", "SELECT 1 FROM invoices WHERE id = ?"};
// The family of scan statements; the text of each shape is built from fixed parts by scan_text().
constexpr Sql kScanInvoices{"scan invoices", nullptr};
constexpr const char* kScanSelect = "SELECT id, " MF_INVOICE_COLUMNS ", version FROM invoices WHERE id > ?";
#undef MF_INVOICE_BODY_SET
#undef MF_INVOICE_COLUMNS
#undef MF_INVOICE_IDENTITY

// Exposure = purchased receivables still owed (stored balances) + face approved but not yet funded.
// Parameters: ?1 account name, ?2 state name, then the client and/or debtor id. Without statistics SQLite
// would rather scan the whole account in the covering primary key than look rows up from balances_by_debtor.
constexpr Sql kExposureBook{"exposure of the book", R"sql(
SELECT (SELECT COALESCE(SUM(amount_minor), 0) FROM balances WHERE account = ?1)
     + (SELECT COALESCE(SUM(face_minor), 0) FROM invoices WHERE state = ?2))sql"};
constexpr Sql kExposureClient{"exposure of a client", R"sql(
SELECT (SELECT COALESCE(SUM(amount_minor), 0) FROM balances WHERE account = ?1 AND client_id = ?3)
     + (SELECT COALESCE(SUM(face_minor), 0) FROM invoices WHERE client_id = ?3 AND state = ?2))sql"};
constexpr Sql kExposureDebtor{"exposure of a debtor", R"sql(
SELECT (SELECT COALESCE(SUM(amount_minor), 0) FROM balances INDEXED BY balances_by_debtor
        WHERE account = ?1 AND debtor_id = ?3)
     + (SELECT COALESCE(SUM(face_minor), 0) FROM invoices WHERE debtor_id = ?3 AND state = ?2))sql"};
constexpr Sql kExposurePair{"exposure of a client and debtor", R"sql(
SELECT (SELECT COALESCE(SUM(amount_minor), 0) FROM balances WHERE account = ?1 AND client_id = ?3
                                                             AND debtor_id = ?4)
     + (SELECT COALESCE(SUM(face_minor), 0) FROM invoices WHERE client_id = ?3 AND debtor_id = ?4
                                                           AND state = ?2))sql"};

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

void bind_schedule(Statement& statement, const Schedule& schedule) {
    statement.bind_int(schedule.client_id)
        .bind_currency(schedule.currency)
        .bind_date(schedule.submitted_on)
        .bind_text(to_string(schedule.state))
        .bind_optional_id(schedule.payout_id);
}

void bind_invoice_identity(Statement& statement, const Invoice& invoice) {
    statement.bind_int(invoice.client_id)
        .bind_int(invoice.debtor_id)
        .bind_id(invoice.schedule_id)
        .bind_text(invoice.number);
}

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

// The UNIQUE (client_id, debtor_id, number) violation, said for a person; other failures pass unchanged.
Error invoice_write_error(const Statement& statement, Error error, const Invoice& invoice) {
    if (statement.failed_code() != SQLITE_CONSTRAINT_UNIQUE)
        return error;
    return make_error("duplicate_invoice",
                      fmt::format("invoice number '{}' already exists for client {} and debtor {}",
                                  invoice.number, invoice.client_id, invoice.debtor_id),
                      "number");
}

constexpr size_t kStateCount = 7;
constexpr std::array<InvoiceState, kStateCount> kAllStates{
    InvoiceState::submitted, InvoiceState::approved,     InvoiceState::funded,     InvoiceState::closed,
    InvoiceState::rejected,  InvoiceState::charged_back, InvoiceState::written_off};

// The distinct states of a filter as a bit set over kAllStates, so a filter's shape has a small bound.
uint32_t state_bits(const InvoiceFilter& filter) {
    uint32_t bits = 0;
    for (const InvoiceState state : filter.states)
        bits |= 1u << static_cast<uint32_t>(state);
    MF_ASSERT(bits < (1u << kStateCount));
    return bits;
}

// The shape of a filter: which optional parts its SQL has (never their values). Bits: client, debtor,
// schedule, limit, then the count of distinct states.
uint32_t scan_shape(const InvoiceFilter& filter, uint32_t states) {
    return (filter.client_id ? 1u : 0u) | (filter.debtor_id ? 2u : 0u) | (filter.schedule_id ? 4u : 0u) |
           (filter.limit > 0 ? 8u : 0u) | (static_cast<uint32_t>(std::popcount(states)) << 4);
}

std::string scan_text(uint32_t shape) {
    std::string text = kScanSelect;
    if (shape & 1u)
        text += " AND client_id = ?";
    if (shape & 2u)
        text += " AND debtor_id = ?";
    if (shape & 4u)
        text += " AND schedule_id = ?";
    const uint32_t state_count = shape >> 4;
    if (state_count > 0) {
        text += " AND state IN (?";
        for (uint32_t i = 1; i < state_count; ++i)
            text += ", ?";
        text += ")";
    }
    text += " ORDER BY id";
    if (shape & 8u)
        text += " LIMIT ?";
    return text;
}

}  // namespace

Result<int64_t> SqliteTransaction::insert_schedule(const Schedule& schedule) {
    MF_TRY(auto statement, db_.prepare(kInsertSchedule));
    bind_schedule(statement, schedule);
    MF_CHECK(statement.bind_int(schedule.version).bind_id(schedule.id).run());
    return db_.last_insert_id();
}

Status SqliteTransaction::update_schedule(const Schedule& schedule) {
    MF_TRY(auto statement, db_.prepare(kUpdateSchedule));
    bind_schedule(statement, schedule);
    MF_CHECK(statement.bind_int(schedule.id).bind_int(schedule.version).run());
    return check_versioned_update(kScheduleExists, schedule.id, "schedule");
}

Result<std::optional<Schedule>> SqliteTransaction::find_schedule(int64_t id) {
    MF_TRY(auto statement, db_.prepare(kFindSchedule));
    statement.bind_int(id);
    return first_row<Schedule>(statement, read_schedule);
}

Result<std::vector<Schedule>> SqliteTransaction::list_schedules(std::optional<int64_t> client_id) {
    MF_TRY(auto statement, db_.prepare(client_id ? kListClientSchedules : kListSchedules));
    if (client_id)
        statement.bind_int(*client_id);
    return collect_rows<Schedule>(statement, read_schedule);
}

Result<int64_t> SqliteTransaction::insert_invoice(const Invoice& invoice) {
    MF_TRY(auto statement, db_.prepare(kInsertInvoice));
    bind_invoice_identity(statement, invoice);
    MF_CHECK(bind_invoice_body(statement, invoice, fee_text_));
    auto ran = statement.bind_int(invoice.version).bind_id(invoice.id).run();
    if (!ran)
        return invoice_write_error(statement, std::move(ran).error(), invoice);
    return db_.last_insert_id();
}

Status SqliteTransaction::update_invoice(const Invoice& invoice) {
    {
        MF_TRY(auto body, db_.prepare(kUpdateInvoiceBody));
        MF_CHECK(bind_invoice_body(body, invoice, fee_text_));
        body.bind_int(invoice.id).bind_int(invoice.version);
        bind_invoice_identity(body, invoice);
        MF_CHECK(body.run());
        if (db_.changes() == 1)
            return ok();
    }
    MF_TRY(auto statement, db_.prepare(kUpdateInvoice));
    bind_invoice_identity(statement, invoice);
    MF_CHECK(bind_invoice_body(statement, invoice, fee_text_));
    auto ran = statement.bind_int(invoice.id).bind_int(invoice.version).run();
    if (!ran)
        return invoice_write_error(statement, std::move(ran).error(), invoice);
    return check_versioned_update(kInvoiceExists, invoice.id, "invoice");
}

Result<std::optional<Invoice>> SqliteTransaction::find_invoice(int64_t id) {
    MF_TRY(auto statement, db_.prepare(kFindInvoice));
    statement.bind_int(id);
    return first_row<Invoice>(statement, [&](Statement& row) { return read_invoice(row, fee_text_); });
}

Result<std::optional<int64_t>> SqliteTransaction::find_invoice_by_number(int64_t client_id, int64_t debtor_id,
                                                                         std::string_view number) {
    MF_TRY(auto statement, db_.prepare(kFindInvoiceByNumber));
    statement.bind_int(client_id).bind_int(debtor_id).bind_text(number);
    return first_row<int64_t>(statement, [](Statement& row) -> Result<int64_t> { return row.column_int(); });
}

Result<std::vector<Invoice>> SqliteTransaction::list_invoices(const InvoiceFilter& filter) {
    std::vector<Invoice> invoices;
    MF_CHECK(scan_invoices(filter, [&](const Invoice& invoice) -> Status {
        invoices.push_back(invoice);
        return ok();
    }));
    return invoices;
}

Status SqliteTransaction::scan_invoices(const InvoiceFilter& filter,
                                        const std::function<Status(const Invoice&)>& fn) {
    const uint32_t states = state_bits(filter);
    const uint32_t shape = scan_shape(filter, states);
    MF_TRY(auto statement, db_.prepare_shaped(kScanInvoices, shape, [shape] { return scan_text(shape); }));
    statement.bind_int(filter.after_id);
    if (filter.client_id)
        statement.bind_int(*filter.client_id);
    if (filter.debtor_id)
        statement.bind_int(*filter.debtor_id);
    if (filter.schedule_id)
        statement.bind_int(*filter.schedule_id);
    for (const InvoiceState state : kAllStates) {
        if (states & (1u << static_cast<uint32_t>(state)))
            statement.bind_text(to_string(state));
    }
    if (filter.limit > 0)
        statement.bind_int(filter.limit);
    while (true) {
        MF_TRY(const bool more, statement.step());
        if (!more)
            return ok();
        MF_TRY(const Invoice invoice, read_invoice(statement, fee_text_));
        MF_CHECK(fn(invoice));
    }
}

Result<int64_t> SqliteTransaction::exposure_minor(const ExposureQuery& query) {
    MF_CHECK(flush_balances());
    const bool by_client = query.client_id != 0, by_debtor = query.debtor_id != 0;
    const Sql& sql = by_client ? (by_debtor ? kExposurePair : kExposureClient)
                               : (by_debtor ? kExposureDebtor : kExposureBook);
    MF_TRY(auto statement, db_.prepare(sql));
    statement.bind_text(to_string(Account::purchased_receivables))
        .bind_text(to_string(InvoiceState::approved));
    if (by_client)
        statement.bind_int(query.client_id);
    if (by_debtor)
        statement.bind_int(query.debtor_id);
    MF_TRY(const bool row, statement.step());
    MF_ASSERT(row);  // an aggregate always returns one row
    return statement.column_int();
}

}  // namespace mf::sqlite
