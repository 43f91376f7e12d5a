// Settings, clients and debtors of the PostgreSQL transaction, and the update checks the record files share.
#include <fmt/format.h>

#include "store/postgres/pg_transaction.hpp"
#include "store/queries.hpp"

namespace mf::pg {
using namespace codec;
namespace {

constexpr Sql kLoadSettings{"load settings", R"sql(
SELECT name, base_currency, calendar, business_date, last_closed_on, rebate_schedule, rebate_weekday,
       recourse_action, max_invoice_age_days, cross_age_ppm, cross_age_days, stale_future_days,
       originator_name, ach_company_id, ach_immediate_origin, ach_origin_name, ach_odfi_routing, ach_destination,
       ach_destination_name, originator_iban, originator_bic, require_noa_before_funding,
       remittance_instructions, require_credit_review
FROM settings WHERE id = 1)sql"};

constexpr Sql kSaveSettings{"save settings", R"sql(
INSERT INTO settings (id, name, base_currency, calendar, business_date, last_closed_on, rebate_schedule,
                      rebate_weekday, recourse_action, max_invoice_age_days, cross_age_ppm, cross_age_days,
                      stale_future_days, originator_name, ach_company_id, ach_immediate_origin, ach_origin_name,
                      ach_odfi_routing, ach_destination, ach_destination_name, originator_iban, originator_bic,
                      require_noa_before_funding, remittance_instructions, require_credit_review)
VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
        $21, $22, $23, $24)
ON CONFLICT (id) DO UPDATE SET
    name = excluded.name, base_currency = excluded.base_currency, calendar = excluded.calendar,
    business_date = excluded.business_date, last_closed_on = excluded.last_closed_on,
    rebate_schedule = excluded.rebate_schedule, rebate_weekday = excluded.rebate_weekday,
    recourse_action = excluded.recourse_action, max_invoice_age_days = excluded.max_invoice_age_days,
    cross_age_ppm = excluded.cross_age_ppm, cross_age_days = excluded.cross_age_days,
    stale_future_days = excluded.stale_future_days, originator_name = excluded.originator_name,
    ach_company_id = excluded.ach_company_id, ach_immediate_origin = excluded.ach_immediate_origin,
    ach_origin_name = excluded.ach_origin_name, ach_odfi_routing = excluded.ach_odfi_routing,
    ach_destination = excluded.ach_destination, ach_destination_name = excluded.ach_destination_name,
    originator_iban = excluded.originator_iban, originator_bic = excluded.originator_bic,
    require_noa_before_funding = excluded.require_noa_before_funding,
    remittance_instructions = excluded.remittance_instructions,
    require_credit_review = excluded.require_credit_review)sql"};

#define MF_CLIENT_COLUMNS                                                                              \
    "name, currency, advance_rate_ppm, fee_schedule, factoring_limit_minor, recourse, recourse_days, " \
    "clearance_days, concentration_limit_ppm, status, email, tax_id, payout_routing_number, "          \
    "payout_account_number, payout_account_type, payout_iban, payout_bic"
constexpr Sql kInsertClient{"insert client", "INSERT INTO clients (" MF_CLIENT_COLUMNS
                                             ", version, id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                                             "$10, $11, $12, $13, $14, $15, $16, $17, $18, " MF_NEXT_ID(
                                                 "clients", "$19") ") RETURNING id"};
constexpr Sql kUpdateClient{"update client", R"sql(
UPDATE clients SET name = $1, currency = $2, advance_rate_ppm = $3, fee_schedule = $4,
    factoring_limit_minor = $5, recourse = $6, recourse_days = $7, clearance_days = $8,
    concentration_limit_ppm = $9, status = $10, email = $11, tax_id = $12, payout_routing_number = $13,
    payout_account_number = $14, payout_account_type = $15, payout_iban = $16, payout_bic = $17,
    version = version + 1
WHERE id = $18 AND version = $19)sql"};
constexpr Sql kFindClient{"find client",
                          "SELECT id, " MF_CLIENT_COLUMNS ", version FROM clients WHERE id = $1"};
constexpr Sql kLockClient{"find client",
                          "SELECT id, " MF_CLIENT_COLUMNS ", version FROM clients WHERE id = $1 FOR UPDATE"};
constexpr Sql kListClients{"list clients",
                           "SELECT id, " MF_CLIENT_COLUMNS ", version FROM clients ORDER BY id"};
constexpr Sql kClientExists{"find client", "SELECT 1 FROM clients WHERE id = $1"};
#undef MF_CLIENT_COLUMNS

#define MF_DEBTOR_COLUMNS "name, currency, credit_limit_minor, email, tax_id"
constexpr Sql kInsertDebtor{"insert debtor", "INSERT INTO debtors (" MF_DEBTOR_COLUMNS
                                             ", version, id) VALUES ($1, $2, $3, $4, $5, $6, " MF_NEXT_ID(
                                                 "debtors", "$7") ") RETURNING id"};
constexpr Sql kUpdateDebtor{"update debtor", R"sql(
UPDATE debtors SET name = $1, currency = $2, credit_limit_minor = $3, email = $4, tax_id = $5,
    version = version + 1
WHERE id = $6 AND version = $7)sql"};
constexpr Sql kFindDebtor{"find debtor",
                          "SELECT id, " MF_DEBTOR_COLUMNS ", version FROM debtors WHERE id = $1"};
constexpr Sql kLockDebtor{"find debtor",
                          "SELECT id, " MF_DEBTOR_COLUMNS ", version FROM debtors WHERE id = $1 FOR UPDATE"};
constexpr Sql kListDebtors{"list debtors",
                           "SELECT id, " MF_DEBTOR_COLUMNS ", version FROM debtors ORDER BY id"};
constexpr Sql kDebtorExists{"find debtor", "SELECT 1 FROM debtors WHERE id = $1"};
constexpr Sql kSetCrossAged{"set debtor cross_aged", "UPDATE debtors SET cross_aged = $1 WHERE id = $2"};
constexpr Sql kCrossAged{"read debtor cross_aged", "SELECT cross_aged FROM debtors WHERE id = $1"};
#undef MF_DEBTOR_COLUMNS

}  // namespace

Status PgTransaction::check_versioned_update(const Statement& update, const Sql& exists, int64_t id,
                                             std::string_view what) {
    if (update.changed_rows() == 1)
        return ok();
    MF_TRY(auto statement, db_.prepare(exists));
    MF_TRY(const bool found, statement.bind_int(id).step());
    if (!found)
        return make_error("not_found", fmt::format("no {} with id {}", what, id), "id");
    return make_error(
        "conflict",
        fmt::format("the {} {} was changed by someone else since it was read: reload it and retry", what, id),
        "version");
}

Status PgTransaction::check_found(const Statement& update, int64_t id, std::string_view what) {
    if (update.changed_rows() == 1)
        return ok();
    return make_error("not_found", fmt::format("no {} with id {}", what, id), "id");
}

Result<int64_t> PgTransaction::returned_id(Statement& insert) {
    MF_TRY(const bool row, insert.step());
    MF_ASSERT(row);  // INSERT ... RETURNING id returns the row it inserted
    return insert.column_int();
}

Result<BookSettings> PgTransaction::load_settings() {
    MF_TRY(auto statement, db_.prepare(kLoadSettings));
    MF_TRY(auto settings, first_row<BookSettings>(statement, read_settings<Statement>));
    if (!settings)
        return make_error("not_found", "the book has no settings yet");
    return std::move(*settings);
}

Status PgTransaction::save_settings(const BookSettings& settings) {
    MF_TRY(auto statement, db_.prepare(kSaveSettings));
    bind_settings(statement, settings);
    return statement.run();
}

Result<int64_t> PgTransaction::insert_client(const Client& client) {
    MF_TRY(auto statement, db_.prepare(kInsertClient));
    MF_CHECK(bind_client(statement, client, fee_text_));
    statement.bind_int(client.version).bind_id(client.id);
    return returned_id(statement);
}

Status PgTransaction::update_client(const Client& client) {
    MF_TRY(auto statement, db_.prepare(kUpdateClient));
    MF_CHECK(bind_client(statement, client, fee_text_));
    MF_CHECK(statement.bind_int(client.id).bind_int(client.version).run());
    return check_versioned_update(statement, kClientExists, client.id, "client");
}

Result<std::optional<Client>> PgTransaction::find_client(int64_t id) {
    MF_TRY(auto statement, db_.prepare(mode_ == Mode::write ? kLockClient : kFindClient));
    statement.bind_int(id);
    return first_row<Client>(statement, [&](Statement& row) { return read_client(row, fee_text_); });
}

Result<std::vector<Client>> PgTransaction::list_clients() {
    MF_TRY(auto statement, db_.prepare(kListClients));
    return collect_rows<Client>(statement, [&](Statement& row) { return read_client(row, fee_text_); });
}

Result<int64_t> PgTransaction::insert_debtor(const Debtor& debtor) {
    MF_TRY(auto statement, db_.prepare(kInsertDebtor));
    bind_debtor(statement, debtor);
    statement.bind_int(debtor.version).bind_id(debtor.id);
    return returned_id(statement);
}

Status PgTransaction::update_debtor(const Debtor& debtor) {
    MF_TRY(auto statement, db_.prepare(kUpdateDebtor));
    bind_debtor(statement, debtor);
    MF_CHECK(statement.bind_int(debtor.id).bind_int(debtor.version).run());
    return check_versioned_update(statement, kDebtorExists, debtor.id, "debtor");
}

Result<std::optional<Debtor>> PgTransaction::find_debtor(int64_t id) {
    return query::first<Debtor>(db_, mode_ == Mode::write ? kLockDebtor : kFindDebtor, read_debtor<Statement>,
                                id);
}

Result<std::vector<Debtor>> PgTransaction::list_debtors() {
    return query::rows<Debtor>(db_, kListDebtors, read_debtor<Statement>);
}

Status PgTransaction::set_debtor_cross_aged(int64_t debtor_id, bool cross_aged) {
    MF_TRY(auto statement, db_.prepare(kSetCrossAged));
    MF_CHECK(statement.bind_bool(cross_aged).bind_int(debtor_id).run());
    return check_found(statement, debtor_id, "debtor");
}

Result<bool> PgTransaction::debtor_cross_aged(int64_t debtor_id) {
    MF_TRY(auto statement, db_.prepare(kCrossAged));
    MF_TRY(const bool found, statement.bind_int(debtor_id).step());
    if (!found)
        return make_error("not_found", fmt::format("no debtor with id {}", debtor_id), "debtor_id");
    return statement.column_bool();
}

}  // namespace mf::pg
