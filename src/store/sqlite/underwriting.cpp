// Underwriting records of the SQLite transaction: the payment-history sums behind debtor scores, bureau
// scores, credit reviews and client applications.
#include <fmt/format.h>

#include "store/queries.hpp"
#include "store/sqlite/sqlite_transaction.hpp"
#include "store/underwriting_codec.hpp"

namespace mf::sqlite {
using namespace codec;
namespace {

// ?1 = as_of, ?2 = volume_since (?3 = debtor). Day counts are julianday differences of whole dates. Every
// debtor at once reads the table in rowid order and groups in a sorter (NOT INDEXED): walking the debtor
// index instead fetches each row at random, 5x slower on a 1M-invoice book; one debtor uses the index.
#define MF_DAYS(later, earlier) "julianday(" later ") - julianday(" earlier ")"
#define MF_STATS_SELECT \
    "SELECT debtor_id, COUNT(*), COALESCE(SUM(face_minor), 0), COALESCE(SUM(diluted_minor), 0), "         \
    "SUM(state = 'closed' AND last_payment_on IS NOT NULL), "                                              \
    "CAST(COALESCE(SUM(CASE WHEN state = 'closed' AND last_payment_on IS NOT NULL THEN " MF_DAYS(          \
        "last_payment_on", "issue_date") " END), 0) AS INTEGER), "                                         \
    "SUM(state = 'closed' AND last_payment_on > due_date), "                                              \
    "CAST(COALESCE(SUM(CASE WHEN state = 'closed' AND last_payment_on > due_date THEN " MF_DAYS(           \
        "last_payment_on", "due_date") " END), 0) AS INTEGER), "                                           \
    "SUM(state = 'funded' AND due_date < ?1), "                                                           \
    "CAST(COALESCE(SUM(CASE WHEN state = 'funded' AND due_date < ?1 THEN " MF_DAYS(                       \
        "?1", "due_date") " END), 0) AS INTEGER), "                                                        \
    "SUM(state IN ('charged_back', 'written_off')), "                                                     \
    "CAST(COALESCE(SUM(CASE WHEN state IN ('charged_back', 'written_off') AND closed_on > due_date THEN " \
    MF_DAYS("closed_on", "due_date") " END), 0) AS INTEGER), "                                             \
    "COALESCE(SUM(CASE WHEN funded_on >= ?2 THEN face_minor END), 0), "                                   \
    "COALESCE(SUM(CASE WHEN state = 'funded' THEN outstanding_minor END), 0) "                            \
    "FROM invoices "
constexpr Sql kStatsAll{"sum every debtor's payment history", MF_STATS_SELECT
                        "NOT INDEXED WHERE funded_on IS NOT NULL GROUP BY debtor_id ORDER BY debtor_id"};
constexpr Sql kStatsOne{"sum a debtor's payment history",
                        MF_STATS_SELECT "WHERE funded_on IS NOT NULL AND debtor_id = ?3 GROUP BY debtor_id"};
#undef MF_STATS_SELECT
#undef MF_DAYS
constexpr Sql kDisputesAll{"count every debtor's disputed invoices",
                           MF_DISPUTES_SELECT "GROUP BY i.debtor_id"};
constexpr Sql kDisputesOne{"count a debtor's disputed invoices",
                           MF_DISPUTES_SELECT "AND i.debtor_id = ? GROUP BY i.debtor_id"};

constexpr Sql kInsertBureau{"insert bureau score",
                            "INSERT INTO bureau_scores (" MF_BUREAU_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?)"};
constexpr Sql kBureauAll{"list bureau scores",
                         "SELECT id, " MF_BUREAU_COLUMNS
                         " FROM bureau_scores ORDER BY debtor_id, bureau, as_of DESC, id DESC"};
constexpr Sql kBureauOne{"list a debtor's bureau scores",
                         "SELECT id, " MF_BUREAU_COLUMNS
                         " FROM bureau_scores WHERE debtor_id = ? ORDER BY bureau, as_of DESC, id DESC"};

constexpr Sql kInsertReview{"insert credit review", "INSERT INTO credit_reviews (" MF_REVIEW_COLUMNS
                                                    ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"};
constexpr Sql kReviewsOf{"list a debtor's credit reviews",
                         "SELECT id, " MF_REVIEW_COLUMNS
                         " FROM credit_reviews WHERE debtor_id = ? ORDER BY id DESC"};
constexpr Sql kLatestReview{"find a debtor's latest credit review",
                            "SELECT id, " MF_REVIEW_COLUMNS
                            " FROM credit_reviews WHERE debtor_id = ? ORDER BY id DESC LIMIT 1"};

constexpr Sql kInsertApplication{
    "insert client application",
    "INSERT INTO client_applications (" MF_APPLICATION_COLUMNS
    ", version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?, ?)"};
constexpr Sql kUpdateApplication{"update client application", R"sql(
UPDATE client_applications SET legal_name = ?, registration_id = ?, tax_id = ?, currency = ?, email = ?,
    owners = ?, addresses = ?, payout_routing_number = ?, payout_account_number = ?, payout_account_type = ?,
    payout_iban = ?, payout_bic = ?, documents = ?, ucc_filing_ref = ?, ucc_filed_on = ?, kyc_status = ?,
    status = ?, decision_reason = ?, decided_by = ?, decided_on = ?, client_id = ?, created_at = ?,
    version = version + 1
WHERE id = ? AND version = ?)sql"};
constexpr Sql kApplicationExists{"find client application", "SELECT 1 FROM client_applications WHERE id = ?"};
constexpr Sql kFindApplication{"find client application", "SELECT id, " MF_APPLICATION_COLUMNS
                                                          ", version FROM client_applications WHERE id = ?"};
constexpr Sql kListApplications{"list client applications", "SELECT id, " MF_APPLICATION_COLUMNS
                                                            ", version FROM client_applications ORDER BY id"};

}  // namespace

Status SqliteTransaction::scan_debtor_payment_stats(
    Date as_of, Date volume_since, std::optional<int64_t> debtor_id,
    const std::function<Status(const DebtorPaymentStats&)>& fn) {
    MF_CHECK(flush_audit());  // the disputes are counted from the audit trail
    return scan_payment_stats<Statement>(db_, debtor_id ? kDisputesOne : kDisputesAll,
                                         debtor_id ? kStatsOne : kStatsAll, as_of, volume_since, debtor_id,
                                         fn);
}

Result<int64_t> SqliteTransaction::insert_bureau_score(const BureauScore& score) {
    MF_TRY(auto statement, db_.prepare(kInsertBureau));
    bind_bureau_score(statement, score);
    MF_CHECK(statement.run());
    return db_.last_insert_id();
}

Result<std::vector<BureauScore>> SqliteTransaction::bureau_scores(std::optional<int64_t> debtor_id) {
    if (debtor_id)
        return query::rows<BureauScore>(db_, kBureauOne, read_bureau_score<Statement>, *debtor_id);
    return query::rows<BureauScore>(db_, kBureauAll, read_bureau_score<Statement>);
}

Result<int64_t> SqliteTransaction::insert_credit_review(const CreditReview& review) {
    MF_TRY(auto statement, db_.prepare(kInsertReview));
    bind_credit_review(statement, review);
    MF_CHECK(statement.run());
    return db_.last_insert_id();
}

Result<std::vector<CreditReview>> SqliteTransaction::credit_reviews_of(int64_t debtor_id) {
    return query::rows<CreditReview>(db_, kReviewsOf, read_credit_review<Statement>, debtor_id);
}

Result<std::optional<CreditReview>> SqliteTransaction::latest_credit_review(int64_t debtor_id) {
    return query::first<CreditReview>(db_, kLatestReview, read_credit_review<Statement>, debtor_id);
}

Result<int64_t> SqliteTransaction::insert_client_application(const ClientApplication& application) {
    MF_TRY(auto statement, db_.prepare(kInsertApplication));
    bind_client_application(statement, application);
    MF_CHECK(statement.bind_int(application.version).run());
    return db_.last_insert_id();
}

Status SqliteTransaction::update_client_application(const ClientApplication& application) {
    MF_TRY(auto statement, db_.prepare(kUpdateApplication));
    bind_client_application(statement, application);
    MF_CHECK(statement.bind_int(application.id).bind_int(application.version).run());
    return check_versioned_update(kApplicationExists, application.id, "client application");
}

Result<std::optional<ClientApplication>> SqliteTransaction::find_client_application(int64_t id) {
    return query::first<ClientApplication>(db_, kFindApplication, read_client_application<Statement>, id);
}

Result<std::vector<ClientApplication>> SqliteTransaction::list_client_applications() {
    return query::rows<ClientApplication>(db_, kListApplications, read_client_application<Statement>);
}

}  // namespace mf::sqlite
