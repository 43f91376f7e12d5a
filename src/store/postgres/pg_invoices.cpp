// Schedules and invoices of the PostgreSQL transaction: insert/update of invoices, scans by filter in pages,
// and the exposure the limit checks count.
#include <fmt/format.h>

#include <algorithm>

#include "store/invoice_scan.hpp"
#include "store/postgres/pg_transaction.hpp"
#include "store/queries.hpp"

namespace mf::pg {
using namespace codec;
namespace {

#define MF_SCHEDULE_COLUMNS "client_id, currency, submitted_on, state, payout_id"
constexpr Sql kInsertSchedule{"insert schedule", "INSERT INTO schedules (" MF_SCHEDULE_COLUMNS
                                                 ", version, id) VALUES ($1, $2, $3, $4, $5, $6, " MF_NEXT_ID(
                                                     "schedules", "$7") ") RETURNING id"};
constexpr Sql kUpdateSchedule{"update schedule", R"sql(
UPDATE schedules SET client_id = $1, currency = $2, submitted_on = $3, state = $4, payout_id = $5,
    version = version + 1
WHERE id = $6 AND version = $7)sql"};
constexpr Sql kFindSchedule{"find schedule",
                            "SELECT id, " MF_SCHEDULE_COLUMNS ", version FROM schedules WHERE id = $1"};
constexpr Sql kListSchedules{"list schedules",
                             "SELECT id, " MF_SCHEDULE_COLUMNS ", version FROM schedules ORDER BY id"};
constexpr Sql kListClientSchedules{"list schedules",
                                   "SELECT id, " MF_SCHEDULE_COLUMNS
                                   ", version FROM schedules WHERE client_id = $1 ORDER BY id"};
constexpr Sql kScheduleExists{"find schedule", "SELECT 1 FROM schedules WHERE id = $1"};
#undef MF_SCHEDULE_COLUMNS

// Every field of mf::Invoice but id and version, in the codec's bind and read order (identity, then body).
#define MF_INVOICE_COLUMNS                                                                                \
    "client_id, debtor_id, schedule_id, number, currency, face_minor, issue_date, due_date, state, "      \
    "verification, disputed, review_reasons, override_reason, advance_rate_ppm, fee_schedule, "           \
    "clearance_days, recourse, recourse_days, funded_on, advance_minor, collected_minor, diluted_minor, " \
    "charged_back_minor, written_off_minor, misdirected_minor, outstanding_minor, last_payment_on, "      \
    "fee_settled_minor, closed_on"
constexpr Sql kInsertInvoice{
    "insert invoice", "INSERT INTO invoices (" MF_INVOICE_COLUMNS
                      ", version, id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
                      "$14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, "
                      "$30, " MF_NEXT_ID("invoices", "$31") ") RETURNING id"};
constexpr Sql kUpdateInvoice{"update invoice", R"sql(
UPDATE invoices SET client_id = $1, debtor_id = $2, schedule_id = $3, number = $4, currency = $5,
    face_minor = $6, issue_date = $7, due_date = $8, state = $9, verification = $10, disputed = $11,
    review_reasons = $12, override_reason = $13, advance_rate_ppm = $14, fee_schedule = $15,
    clearance_days = $16, recourse = $17, recourse_days = $18, funded_on = $19, advance_minor = $20,
    collected_minor = $21, diluted_minor = $22, charged_back_minor = $23, written_off_minor = $24,
    misdirected_minor = $25, outstanding_minor = $26, last_payment_on = $27, fee_settled_minor = $28,
    closed_on = $29, version = version + 1
WHERE id = $30 AND version = $31)sql"};
constexpr Sql kFindInvoice{"find invoice",
                           "SELECT id, " MF_INVOICE_COLUMNS ", version FROM invoices WHERE id = $1"};
constexpr Sql kFindInvoiceByNumber{
    "find invoice by number",
    "SELECT id FROM invoices WHERE client_id = $1 AND debtor_id = $2 AND number = $3"};
constexpr Sql kInvoiceExists{"find invoice", "SELECT 1 FROM invoices WHERE id = $1"};
// The family of scan statements; the text of each shape is built by scan::text_of().
constexpr Sql kScanInvoices{"scan invoices", nullptr};
constexpr const char* kScanSelect = "SELECT id, " MF_INVOICE_COLUMNS ", version FROM invoices WHERE id > $1";
#undef MF_INVOICE_COLUMNS

// A scan reads its rows in pages (keyset on id), so a scan over a large book holds one page at a time and
// the function it calls may query the same connection between pages.
constexpr int64_t kScanPageRows = 1000;

// Exposure = purchased receivables still owed (stored balances) + face approved but not yet funded.
// Parameters: $1 account name, $2 state name, then the client and/or debtor id.
constexpr Sql kExposureBook{"exposure of the book", R"sql(
SELECT (SELECT COALESCE(SUM(amount_minor), 0) FROM balances WHERE account = $1)
     + (SELECT COALESCE(SUM(face_minor), 0) FROM invoices WHERE state = $2))sql"};
constexpr Sql kExposureClient{"exposure of a client", R"sql(
SELECT (SELECT COALESCE(SUM(amount_minor), 0) FROM balances WHERE account = $1 AND client_id = $3)
     + (SELECT COALESCE(SUM(face_minor), 0) FROM invoices WHERE client_id = $3 AND state = $2))sql"};
constexpr Sql kExposureDebtor{"exposure of a debtor", R"sql(
SELECT (SELECT COALESCE(SUM(amount_minor), 0) FROM balances WHERE account = $1 AND debtor_id = $3)
     + (SELECT COALESCE(SUM(face_minor), 0) FROM invoices WHERE debtor_id = $3 AND state = $2))sql"};
constexpr Sql kExposurePair{"exposure of a client and debtor", R"sql(
SELECT (SELECT COALESCE(SUM(amount_minor), 0) FROM balances WHERE account = $1 AND client_id = $3
                                                             AND debtor_id = $4)
     + (SELECT COALESCE(SUM(face_minor), 0) FROM invoices WHERE client_id = $3 AND debtor_id = $4
                                                           AND state = $2))sql"};

// The UNIQUE (client_id, debtor_id, number) violation, said for a person; other failures pass unchanged.
Error invoice_write_error(const Statement& statement, Error error, const Invoice& invoice) {
    if (statement.failed_state() != kUniqueViolation)
        return error;
    return make_error("duplicate_invoice",
                      fmt::format("invoice number '{}' already exists for client {} and debtor {}",
                                  invoice.number, invoice.client_id, invoice.debtor_id),
                      "number");
}

// Open = submitted, approved or funded: what a second pledge of the same invoice would collide with.
constexpr Sql kOpenInvoiceKeysOfDebtor{"list a debtor's open invoices", R"sql(
SELECT id, client_id, face_minor, issue_date, number FROM invoices
WHERE debtor_id = $1 AND state IN ('submitted', 'approved', 'funded') ORDER BY id)sql"};
constexpr Sql kOpenInvoiceTwins{"list an invoice's open twins", R"sql(
SELECT id, client_id, face_minor, issue_date, number FROM invoices
WHERE debtor_id = $1 AND face_minor = $2 AND issue_date = $3 AND state IN ('submitted', 'approved', 'funded') ORDER BY id)sql"};
// The lower median: the middle row of the client's invoices (rejected ones aside) by face.
constexpr Sql kMedianFace{"median invoice face of a client", R"sql(
SELECT face_minor FROM invoices WHERE client_id = $1 AND currency = $2 AND state != 'rejected'
ORDER BY face_minor
LIMIT 1 OFFSET (SELECT (COUNT(*) - 1) / 2 FROM invoices
                WHERE client_id = $1 AND currency = $2 AND state != 'rejected'))sql"};

}  // namespace

Result<int64_t> PgTransaction::insert_schedule(const Schedule& schedule) {
    MF_TRY(auto statement, db_.prepare(kInsertSchedule));
    bind_schedule(statement, schedule);
    statement.bind_int(schedule.version).bind_id(schedule.id);
    return returned_id(statement);
}

Status PgTransaction::update_schedule(const Schedule& schedule) {
    MF_TRY(auto statement, db_.prepare(kUpdateSchedule));
    bind_schedule(statement, schedule);
    MF_CHECK(statement.bind_int(schedule.id).bind_int(schedule.version).run());
    return check_versioned_update(statement, kScheduleExists, schedule.id, "schedule");
}

Result<std::optional<Schedule>> PgTransaction::find_schedule(int64_t id) {
    return query::first<Schedule>(db_, kFindSchedule, read_schedule<Statement>, id);
}

Result<std::vector<Schedule>> PgTransaction::list_schedules(std::optional<int64_t> client_id) {
    if (client_id)
        return query::rows<Schedule>(db_, kListClientSchedules, read_schedule<Statement>, *client_id);
    return query::rows<Schedule>(db_, kListSchedules, read_schedule<Statement>);
}

Result<int64_t> PgTransaction::insert_invoice(const Invoice& invoice) {
    MF_TRY(auto statement, db_.prepare(kInsertInvoice));
    bind_invoice_identity(statement, invoice);
    MF_CHECK(bind_invoice_body(statement, invoice, fee_text_));
    statement.bind_int(invoice.version).bind_id(invoice.id);
    auto id = returned_id(statement);
    if (!id)
        return invoice_write_error(statement, std::move(id).error(), invoice);
    return id;
}

Status PgTransaction::update_invoice(const Invoice& invoice) {
    MF_TRY(auto statement, db_.prepare(kUpdateInvoice));
    bind_invoice_identity(statement, invoice);
    MF_CHECK(bind_invoice_body(statement, invoice, fee_text_));
    auto ran = statement.bind_int(invoice.id).bind_int(invoice.version).run();
    if (!ran)
        return invoice_write_error(statement, std::move(ran).error(), invoice);
    return check_versioned_update(statement, kInvoiceExists, invoice.id, "invoice");
}

Result<std::optional<Invoice>> PgTransaction::find_invoice(int64_t id) {
    MF_TRY(auto statement, db_.prepare(kFindInvoice));
    statement.bind_int(id);
    return first_row<Invoice>(statement, [&](Statement& row) { return read_invoice(row, fee_text_); });
}

Result<std::optional<int64_t>> PgTransaction::find_invoice_by_number(int64_t client_id, int64_t debtor_id,
                                                                     std::string_view number) {
    return query::first<int64_t>(db_, kFindInvoiceByNumber, read_int<Statement>, client_id, debtor_id,
                                 number);
}

Result<std::vector<Invoice>> PgTransaction::list_invoices(const InvoiceFilter& filter) {
    std::vector<Invoice> invoices;
    MF_CHECK(scan_invoices(filter, [&](const Invoice& invoice) -> Status {
        invoices.push_back(invoice);
        return ok();
    }));
    return invoices;
}

Status scan_invoice_pages(Connection& db, const InvoiceFilter& filter, const Sql& family, const char* select,
                          const std::function<Result<int64_t>(Statement&)>& row) {
    InvoiceFilter page = filter;
    int64_t remaining = filter.limit;  // 0 = no limit
    const uint32_t states = scan::state_bits(filter);
    while (true) {
        page.limit = remaining > 0 ? std::min(remaining, kScanPageRows) : kScanPageRows;
        const uint32_t shape = scan::shape_of(page, states);
        MF_TRY(auto statement, db.prepare_shaped(family, shape, [shape, select] {
            return scan::text_of(select, shape, scan::Placeholders::numbered);
        }));
        scan::bind_filter(statement, page, states);
        int64_t rows = 0;
        while (true) {
            MF_TRY(const bool more, statement.step());
            if (!more)
                break;
            MF_TRY(page.after_id, row(statement));
            ++rows;
        }
        if (rows < page.limit)
            return ok();
        if (remaining > 0) {
            remaining -= rows;
            if (remaining == 0)
                return ok();
        }
    }
}

Status PgTransaction::scan_invoices(const InvoiceFilter& filter,
                                    const std::function<Status(const Invoice&)>& fn) {
    return scan_invoice_pages(db_, filter, kScanInvoices, kScanSelect,
                              [&](Statement& row) -> Result<int64_t> {
                                  MF_TRY(const Invoice invoice, read_invoice(row, fee_text_));
                                  MF_CHECK(fn(invoice));
                                  return invoice.id;
                              });
}

Result<int64_t> PgTransaction::exposure_minor(const ExposureQuery& query) {
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

Result<std::vector<InvoiceKey>> PgTransaction::open_invoice_keys_of_debtor(int64_t debtor_id) {
    return query::rows<InvoiceKey>(db_, kOpenInvoiceKeysOfDebtor, read_invoice_key<Statement>, debtor_id);
}

Result<std::vector<InvoiceKey>> PgTransaction::open_invoice_twins(int64_t debtor_id, int64_t face_minor,
                                                                  Date issue_date) {
    return query::rows<InvoiceKey>(db_, kOpenInvoiceTwins, read_invoice_key<Statement>, debtor_id, face_minor,
                                   issue_date);
}

Result<std::optional<int64_t>> PgTransaction::median_face_minor(int64_t client_id, Currency currency) {
    return query::first<int64_t>(db_, kMedianFace, read_int<Statement>, client_id, currency);
}

}  // namespace mf::pg
