// Receipts and their applications, payouts and charges of the SQLite transaction.
#include <fmt/format.h>

#include "store/queries.hpp"
#include "store/sqlite/sqlite_transaction.hpp"

namespace mf::sqlite {
using namespace codec;
namespace {

#define MF_RECEIPT_COLUMNS \
    "currency, amount_minor, received_on, payer, reference, debtor_id, unapplied_minor, source"
constexpr Sql kInsertReceipt{
    "insert receipt", "INSERT INTO receipts (" MF_RECEIPT_COLUMNS ", id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"};
constexpr Sql kUpdateReceipt{"update receipt", R"sql(
UPDATE receipts SET currency = ?, amount_minor = ?, received_on = ?, payer = ?, reference = ?, debtor_id = ?,
    unapplied_minor = ?, source = ?
WHERE id = ?)sql"};
constexpr Sql kFindReceipt{"find receipt", "SELECT id, " MF_RECEIPT_COLUMNS " FROM receipts WHERE id = ?"};
constexpr Sql kListReceipts{"list receipts", "SELECT id, " MF_RECEIPT_COLUMNS " FROM receipts ORDER BY id"};
constexpr Sql kListUnappliedReceipts{"list unapplied receipts",
                                     "SELECT id, " MF_RECEIPT_COLUMNS
                                     " FROM receipts WHERE unapplied_minor != 0 ORDER BY id"};
#undef MF_RECEIPT_COLUMNS

constexpr Sql kInsertApplication{"insert receipt application", R"sql(
INSERT INTO receipt_applications (receipt_id, invoice_id, amount_minor, applied_on) VALUES (?, ?, ?, ?))sql"};
constexpr Sql kApplicationsOfInvoice{"list applications of an invoice", R"sql(
SELECT receipt_id, invoice_id, amount_minor, applied_on FROM receipt_applications WHERE invoice_id = ?
ORDER BY id)sql"};
constexpr Sql kApplicationsOfReceipt{"list applications of a receipt", R"sql(
SELECT receipt_id, invoice_id, amount_minor, applied_on FROM receipt_applications WHERE receipt_id = ?
ORDER BY id)sql"};

#define MF_PAYOUT_COLUMNS \
    "client_id, kind, currency, amount_minor, netted_minor, paid_on, schedule_id, status, payout_file_id"
constexpr Sql kInsertPayout{
    "insert payout", "INSERT INTO payouts (" MF_PAYOUT_COLUMNS ", id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"};
constexpr Sql kFindPayout{"find payout", "SELECT id, " MF_PAYOUT_COLUMNS " FROM payouts WHERE id = ?"};
constexpr Sql kListPayouts{"list payouts", "SELECT id, " MF_PAYOUT_COLUMNS " FROM payouts ORDER BY id"};
constexpr Sql kListClientPayouts{
    "list payouts", "SELECT id, " MF_PAYOUT_COLUMNS " FROM payouts WHERE client_id = ? ORDER BY id"};
#undef MF_PAYOUT_COLUMNS

constexpr Sql kInsertCharge{
    "insert charge", "INSERT INTO charges (code, name, currency, amount_minor, id) VALUES (?, ?, ?, ?, ?)"};
constexpr Sql kFindCharge{"find charge",
                          "SELECT id, code, name, currency, amount_minor FROM charges WHERE code = ?"};
constexpr Sql kListCharges{"list charges",
                           "SELECT id, code, name, currency, amount_minor FROM charges ORDER BY code"};

constexpr Sql kInsertBankLine{"insert bank line", R"sql(
INSERT INTO bank_lines (receipt_id, bank_account, bank_reference, currency, amount_minor, booked_on, payer_account,
    end_to_end_id, creditor_reference, file_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql"};
constexpr Sql kFindBankLine{"find bank line", R"sql(
SELECT receipt_id FROM bank_lines
WHERE bank_account = ? AND bank_reference = ? AND currency = ? AND amount_minor = ? AND booked_on = ?)sql"};

}  // namespace

Result<int64_t> SqliteTransaction::insert_receipt(const Receipt& receipt) {
    MF_TRY(auto statement, db_.prepare(kInsertReceipt));
    bind_receipt(statement, receipt);
    MF_CHECK(statement.bind_id(receipt.id).run());
    return db_.last_insert_id();
}

Status SqliteTransaction::update_receipt(const Receipt& receipt) {
    MF_TRY(auto statement, db_.prepare(kUpdateReceipt));
    bind_receipt(statement, receipt);
    MF_CHECK(statement.bind_int(receipt.id).run());
    return check_found(receipt.id, "receipt");
}

Result<std::optional<Receipt>> SqliteTransaction::find_receipt(int64_t id) {
    return query::first<Receipt>(db_, kFindReceipt, read_receipt<Statement>, id);
}

Result<std::vector<Receipt>> SqliteTransaction::list_receipts(bool unapplied_only) {
    return query::rows<Receipt>(db_, unapplied_only ? kListUnappliedReceipts : kListReceipts,
                                read_receipt<Statement>);
}

Status SqliteTransaction::insert_application(const ReceiptApplication& application) {
    MF_TRY(auto statement, db_.prepare(kInsertApplication));
    bind_application(statement, application);
    return statement.run();
}

Result<std::vector<ReceiptApplication>> SqliteTransaction::applications_of_invoice(int64_t invoice_id) {
    return query::rows<ReceiptApplication>(db_, kApplicationsOfInvoice, read_application<Statement>,
                                           invoice_id);
}

Result<std::vector<ReceiptApplication>> SqliteTransaction::applications_of_receipt(int64_t receipt_id) {
    return query::rows<ReceiptApplication>(db_, kApplicationsOfReceipt, read_application<Statement>,
                                           receipt_id);
}

Result<int64_t> SqliteTransaction::insert_payout(const Payout& payout) {
    MF_TRY(auto statement, db_.prepare(kInsertPayout));
    bind_payout(statement, payout);
    statement.bind_id(payout.id);
    MF_CHECK(statement.run());
    return db_.last_insert_id();
}

Result<std::optional<Payout>> SqliteTransaction::find_payout(int64_t id) {
    return query::first<Payout>(db_, kFindPayout, read_payout<Statement>, id);
}

Result<std::vector<Payout>> SqliteTransaction::list_payouts(std::optional<int64_t> client_id) {
    if (client_id)
        return query::rows<Payout>(db_, kListClientPayouts, read_payout<Statement>, *client_id);
    return query::rows<Payout>(db_, kListPayouts, read_payout<Statement>);
}

Result<int64_t> SqliteTransaction::insert_charge(const Charge& charge) {
    MF_TRY(auto statement, db_.prepare(kInsertCharge));
    bind_charge(statement, charge);
    statement.bind_id(charge.id);
    auto ran = statement.run();
    if (!ran && statement.failed_code() == SQLITE_CONSTRAINT_UNIQUE) {
        return make_error("duplicate_charge",
                          fmt::format("a charge with code '{}' already exists", charge.code), "code");
    }
    MF_CHECK(std::move(ran));
    return db_.last_insert_id();
}

Result<std::optional<Charge>> SqliteTransaction::find_charge(std::string_view code) {
    return query::first<Charge>(db_, kFindCharge, read_charge<Statement>, code);
}

Result<std::vector<Charge>> SqliteTransaction::list_charges() {
    return query::rows<Charge>(db_, kListCharges, read_charge<Statement>);
}

Status SqliteTransaction::insert_bank_line(const BankLine& line) {
    MF_TRY(auto statement, db_.prepare(kInsertBankLine));
    bind_bank_line(statement, line);
    return statement.run();
}

Result<std::optional<int64_t>> SqliteTransaction::find_bank_line(const BankLine& key) {
    MF_TRY(auto statement, db_.prepare(kFindBankLine));
    bind_bank_key(statement, key);
    return first_row<int64_t>(statement, read_int<Statement>);
}

}  // namespace mf::sqlite
