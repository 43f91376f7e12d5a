// Settings, clients and debtors of the SQLite transaction, and the update checks the record files share.
#include <fmt/format.h>

#include "store/queries.hpp"
#include "store/sqlite/sqlite_transaction.hpp"

namespace mf::sqlite {
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
VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
constexpr Sql kInsertClient{
    "insert client", "INSERT INTO clients (" MF_CLIENT_COLUMNS
                     ", version, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"};
constexpr Sql kUpdateClient{"update client", R"sql(
UPDATE clients SET name = ?, currency = ?, advance_rate_ppm = ?, fee_schedule = ?, factoring_limit_minor = ?,
    recourse = ?, recourse_days = ?, clearance_days = ?, concentration_limit_ppm = ?, status = ?, email = ?,
    tax_id = ?, payout_routing_number = ?, payout_account_number = ?, payout_account_type = ?, payout_iban = ?,
    payout_bic = ?, version = version + 1
WHERE id = ? AND version = ?)sql"};
constexpr Sql kFindClient{"find client",
                          "SELECT id, " MF_CLIENT_COLUMNS ", version FROM clients WHERE id = ?"};
constexpr Sql kListClients{"list clients",
                           "SELECT id, " MF_CLIENT_COLUMNS ", version FROM clients ORDER BY id"};
constexpr Sql kClientExists{"find client", "SELECT 1 FROM clients WHERE id = ?"};
#undef MF_CLIENT_COLUMNS

#define MF_DEBTOR_COLUMNS "name, currency, credit_limit_minor, email, tax_id"
constexpr Sql kInsertDebtor{
    "insert debtor", "INSERT INTO debtors (" MF_DEBTOR_COLUMNS ", version, id) VALUES (?, ?, ?, ?, ?, ?, ?)"};
constexpr Sql kUpdateDebtor{"update debtor", R"sql(
UPDATE debtors SET name = ?, currency = ?, credit_limit_minor = ?, email = ?, tax_id = ?, version = version + 1
WHERE id = ? AND version = ?)sql"};
constexpr Sql kFindDebtor{"find debtor",
                          "SELECT id, " MF_DEBTOR_COLUMNS ", version FROM debtors WHERE id = ?"};
constexpr Sql kListDebtors{"list debtors",
                           "SELECT id, " MF_DEBTOR_COLUMNS ", version FROM debtors ORDER BY id"};
constexpr Sql kDebtorExists{"find debtor", "SELECT 1 FROM debtors WHERE id = ?"};
constexpr Sql kSetCrossAged{"set debtor cross_aged", "UPDATE debtors SET cross_aged = ? WHERE id = ?"};
constexpr Sql kCrossAged{"read debtor cross_aged", "SELECT cross_aged FROM debtors WHERE id = ?"};
#undef MF_DEBTOR_COLUMNS

}  // namespace

Status SqliteTransaction::check_versioned_update(const Sql& exists, int64_t id, std::string_view what) {
    if (db_.changes() == 1)
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

Status SqliteTransaction::check_found(int64_t id, std::string_view what) {
    if (db_.changes() == 1)
        return ok();
    return make_error("not_found", fmt::format("no {} with id {}", what, id), "id");
}

Result<BookSettings> SqliteTransaction::load_settings() {
    MF_TRY(auto statement, db_.prepare(kLoadSettings));
    MF_TRY(auto settings, first_row<BookSettings>(statement, read_settings<Statement>));
    if (!settings)
        return make_error("not_found", "the book has no settings yet");
    return std::move(*settings);
}

Status SqliteTransaction::save_settings(const BookSettings& settings) {
    MF_TRY(auto statement, db_.prepare(kSaveSettings));
    bind_settings(statement, settings);
    return statement.run();
}

Result<int64_t> SqliteTransaction::insert_client(const Client& client) {
    MF_TRY(auto statement, db_.prepare(kInsertClient));
    MF_CHECK(bind_client(statement, client, fee_text_));
    MF_CHECK(statement.bind_int(client.version).bind_id(client.id).run());
    return db_.last_insert_id();
}

Status SqliteTransaction::update_client(const Client& client) {
    MF_TRY(auto statement, db_.prepare(kUpdateClient));
    MF_CHECK(bind_client(statement, client, fee_text_));
    MF_CHECK(statement.bind_int(client.id).bind_int(client.version).run());
    return check_versioned_update(kClientExists, client.id, "client");
}

Result<std::optional<Client>> SqliteTransaction::find_client(int64_t id) {
    MF_TRY(auto statement, db_.prepare(kFindClient));
    statement.bind_int(id);
    return first_row<Client>(statement, [&](Statement& row) { return read_client(row, fee_text_); });
}

Result<std::vector<Client>> SqliteTransaction::list_clients() {
    MF_TRY(auto statement, db_.prepare(kListClients));
    return collect_rows<Client>(statement, [&](Statement& row) { return read_client(row, fee_text_); });
}

Result<int64_t> SqliteTransaction::insert_debtor(const Debtor& debtor) {
    MF_TRY(auto statement, db_.prepare(kInsertDebtor));
    bind_debtor(statement, debtor);
    MF_CHECK(statement.bind_int(debtor.version).bind_id(debtor.id).run());
    return db_.last_insert_id();
}

Status SqliteTransaction::update_debtor(const Debtor& debtor) {
    MF_TRY(auto statement, db_.prepare(kUpdateDebtor));
    bind_debtor(statement, debtor);
    MF_CHECK(statement.bind_int(debtor.id).bind_int(debtor.version).run());
    return check_versioned_update(kDebtorExists, debtor.id, "debtor");
}

Result<std::optional<Debtor>> SqliteTransaction::find_debtor(int64_t id) {
    return query::first<Debtor>(db_, kFindDebtor, read_debtor<Statement>, id);
}

Result<std::vector<Debtor>> SqliteTransaction::list_debtors() {
    return query::rows<Debtor>(db_, kListDebtors, read_debtor<Statement>);
}

Status SqliteTransaction::set_debtor_cross_aged(int64_t debtor_id, bool cross_aged) {
    MF_TRY(auto statement, db_.prepare(kSetCrossAged));
    MF_CHECK(statement.bind_bool(cross_aged).bind_int(debtor_id).run());
    return check_found(debtor_id, "debtor");
}

Result<bool> SqliteTransaction::debtor_cross_aged(int64_t debtor_id) {
    MF_TRY(auto statement, db_.prepare(kCrossAged));
    MF_TRY(const bool found, statement.bind_int(debtor_id).step());
    if (!found)
        return make_error("not_found", fmt::format("no debtor with id {}", debtor_id), "debtor_id");
    return statement.column_bool();
}

}  // namespace mf::sqlite
