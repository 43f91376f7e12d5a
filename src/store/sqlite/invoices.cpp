// Schedules and invoices of the SQLite transaction: the hot insert/update of invoices, streaming scans by
// filter, and the exposure the limit checks count.
#include <fmt/format.h>

#include "store/invoice_scan.hpp"
#include "store/queries.hpp"
#include "store/sqlite/sqlite_transaction.hpp"

namespace mf::sqlite {
using namespace codec;
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
// The family of scan statements; the text of each shape is built from fixed parts by scan::text_of().
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

// The UNIQUE (client_id, debtor_id, number) violation, said for a person; other failures pass unchanged.
Error invoice_write_error(const Statement& statement, Error error, const Invoice& invoice) {
    if (statement.failed_code() != SQLITE_CONSTRAINT_UNIQUE)
        return error;
    return make_error("duplicate_invoice",
                      fmt::format("invoice number '{}' already exists for client {} and debtor {}",
                                  invoice.number, invoice.client_id, invoice.debtor_id),
                      "number");
}

// Open = submitted, approved or funded: what a second pledge of the same invoice would collide with.
constexpr Sql kOpenInvoiceKeysOfDebtor{"list a debtor's open invoices", R"sql(
SELECT id, client_id, face_minor, issue_date, number FROM invoices
WHERE debtor_id = ? AND state IN ('submitted', 'approved', 'funded') ORDER BY id)sql"};
constexpr Sql kOpenInvoiceTwins{"list an invoice's open twins", R"sql(
SELECT id, client_id, face_minor, issue_date, number FROM invoices
WHERE debtor_id = ? AND face_minor = ? AND issue_date = ? AND state IN ('submitted', 'approved', 'funded') ORDER BY id)sql"};
// The lower median: the middle row of the client's invoices (rejected ones aside) by face.
constexpr Sql kMedianFace{"median invoice face of a client", R"sql(
SELECT face_minor FROM invoices WHERE client_id = ?1 AND currency = ?2 AND state != 'rejected'
ORDER BY face_minor
LIMIT 1 OFFSET (SELECT (COUNT(*) - 1) / 2 FROM invoices
                WHERE client_id = ?1 AND currency = ?2 AND state != 'rejected'))sql"};

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
    return query::first<Schedule>(db_, kFindSchedule, read_schedule<Statement>, id);
}

Result<std::vector<Schedule>> SqliteTransaction::list_schedules(std::optional<int64_t> client_id) {
    if (client_id)
        return query::rows<Schedule>(db_, kListClientSchedules, read_schedule<Statement>, *client_id);
    return query::rows<Schedule>(db_, kListSchedules, read_schedule<Statement>);
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
    return query::first<int64_t>(db_, kFindInvoiceByNumber, read_int<Statement>, client_id, debtor_id,
                                 number);
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
    const uint32_t states = scan::state_bits(filter);
    const uint32_t shape = scan::shape_of(filter, states);
    MF_TRY(auto statement, db_.prepare_shaped(kScanInvoices, shape, [shape] {
        return scan::text_of(kScanSelect, shape, scan::Placeholders::question_mark);
    }));
    scan::bind_filter(statement, filter, states);
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

Result<std::vector<InvoiceKey>> SqliteTransaction::open_invoice_keys_of_debtor(int64_t debtor_id) {
    return query::rows<InvoiceKey>(db_, kOpenInvoiceKeysOfDebtor, read_invoice_key<Statement>, debtor_id);
}

Result<std::vector<InvoiceKey>> SqliteTransaction::open_invoice_twins(int64_t debtor_id, int64_t face_minor,
                                                                      Date issue_date) {
    return query::rows<InvoiceKey>(db_, kOpenInvoiceTwins, read_invoice_key<Statement>, debtor_id, face_minor,
                                   issue_date);
}

Result<std::optional<int64_t>> SqliteTransaction::median_face_minor(int64_t client_id, Currency currency) {
    return query::first<int64_t>(db_, kMedianFace, read_int<Statement>, client_id, currency);
}

}  // namespace mf::sqlite
