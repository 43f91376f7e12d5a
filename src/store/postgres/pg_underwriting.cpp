// Underwriting records of the PostgreSQL transaction: the payment-history sums behind debtor scores, bureau
// scores, credit reviews and client applications.
#include <fmt/format.h>

#include "store/postgres/pg_transaction.hpp"
#include "store/queries.hpp"
#include "store/underwriting_codec.hpp"

namespace mf::pg {
using namespace codec;
namespace {

// $1 = as_of, $2 = volume_since ($3 = debtor). DATE - DATE is a whole number of days.
#define MF_STATS_SELECT                                                                                     \
    "SELECT debtor_id, COUNT(*), COALESCE(SUM(face_minor), 0), COALESCE(SUM(diluted_minor), 0), "           \
    "COUNT(*) FILTER (WHERE state = 'closed' AND last_payment_on IS NOT NULL), "                            \
    "COALESCE(SUM(last_payment_on - issue_date) FILTER (WHERE state = 'closed' AND last_payment_on IS NOT " \
    "NULL), 0), "                                                                                           \
    "COUNT(*) FILTER (WHERE state = 'closed' AND last_payment_on > due_date), "                             \
    "COALESCE(SUM(last_payment_on - due_date) FILTER (WHERE state = 'closed' AND last_payment_on > "        \
    "due_date), 0), "                                                                                       \
    "COUNT(*) FILTER (WHERE state = 'funded' AND due_date < $1::DATE), "                                    \
    "COALESCE(SUM($1::DATE - due_date) FILTER (WHERE state = 'funded' AND due_date < $1::DATE), 0), "       \
    "COUNT(*) FILTER (WHERE state IN ('charged_back', 'written_off')), "                                    \
    "COALESCE(SUM(closed_on - due_date) FILTER (WHERE state IN ('charged_back', 'written_off') AND "        \
    "closed_on > due_date), 0), "                                                                           \
    "COALESCE(SUM(face_minor) FILTER (WHERE funded_on >= $2::DATE), 0), "                                   \
    "COALESCE(SUM(outstanding_minor) FILTER (WHERE state = 'funded'), 0) "                                  \
    "FROM invoices WHERE funded_on IS NOT NULL "
constexpr Sql kStatsAll{"sum every debtor's payment history",
                        MF_STATS_SELECT "GROUP BY debtor_id ORDER BY debtor_id"};
constexpr Sql kStatsOne{"sum a debtor's payment history",
                        MF_STATS_SELECT "AND debtor_id = $3 GROUP BY debtor_id"};
#undef MF_STATS_SELECT
constexpr Sql kDisputesAll{"count every debtor's disputed invoices",
                           MF_DISPUTES_SELECT "GROUP BY i.debtor_id"};
constexpr Sql kDisputesOne{"count a debtor's disputed invoices",
                           MF_DISPUTES_SELECT "AND i.debtor_id = $1 GROUP BY i.debtor_id"};

constexpr Sql kInsertBureau{"insert bureau score", "INSERT INTO bureau_scores (" MF_BUREAU_COLUMNS
                                                   ") VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"};
constexpr Sql kBureauAll{"list bureau scores",
                         "SELECT id, " MF_BUREAU_COLUMNS
                         " FROM bureau_scores ORDER BY debtor_id, bureau, as_of DESC, id DESC"};
constexpr Sql kBureauOne{"list a debtor's bureau scores",
                         "SELECT id, " MF_BUREAU_COLUMNS
                         " FROM bureau_scores WHERE debtor_id = $1 ORDER BY bureau, as_of DESC, id DESC"};

constexpr Sql kInsertReview{"insert credit review",
                            "INSERT INTO credit_reviews (" MF_REVIEW_COLUMNS
                            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id"};
constexpr Sql kReviewsOf{"list a debtor's credit reviews",
                         "SELECT id, " MF_REVIEW_COLUMNS
                         " FROM credit_reviews WHERE debtor_id = $1 ORDER BY id DESC"};
constexpr Sql kLatestReview{"find a debtor's latest credit review",
                            "SELECT id, " MF_REVIEW_COLUMNS
                            " FROM credit_reviews WHERE debtor_id = $1 ORDER BY id DESC LIMIT 1"};

constexpr Sql kInsertApplication{"insert client application",
                                 "INSERT INTO client_applications (" MF_APPLICATION_COLUMNS
                                 ", version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
                                 "$14, $15, $16, $17, $18, $19, "
                                 "$20, $21, $22, $23) RETURNING id"};
constexpr Sql kUpdateApplication{"update client application", R"sql(
UPDATE client_applications SET legal_name = $1, registration_id = $2, tax_id = $3, currency = $4, email = $5,
    owners = $6, addresses = $7, payout_routing_number = $8, payout_account_number = $9,
    payout_account_type = $10, payout_iban = $11, payout_bic = $12, documents = $13, ucc_filing_ref = $14,
    ucc_filed_on = $15, kyc_status = $16, status = $17, decision_reason = $18, decided_by = $19,
    decided_on = $20, client_id = $21, created_at = $22, version = version + 1
WHERE id = $23 AND version = $24)sql"};
constexpr Sql kApplicationExists{"find client application",
                                 "SELECT 1 FROM client_applications WHERE id = $1"};
constexpr Sql kFindApplication{"find client application", "SELECT id, " MF_APPLICATION_COLUMNS
                                                          ", version FROM client_applications WHERE id = $1"};
constexpr Sql kLockApplication{"find client application for update",
                               "SELECT id, " MF_APPLICATION_COLUMNS
                               ", version FROM client_applications WHERE id = $1 FOR UPDATE"};
constexpr Sql kListApplications{"list client applications", "SELECT id, " MF_APPLICATION_COLUMNS
                                                            ", version FROM client_applications ORDER BY id"};

}  // namespace

Status PgTransaction::scan_debtor_payment_stats(Date as_of, Date volume_since,
                                                std::optional<int64_t> debtor_id,
                                                const std::function<Status(const DebtorPaymentStats&)>& fn) {
    return scan_payment_stats<Statement>(db_, debtor_id ? kDisputesOne : kDisputesAll,
                                         debtor_id ? kStatsOne : kStatsAll, as_of, volume_since, debtor_id,
                                         fn);
}

Result<int64_t> PgTransaction::insert_bureau_score(const BureauScore& score) {
    MF_TRY(auto statement, db_.prepare(kInsertBureau));
    bind_bureau_score(statement, score);
    return returned_id(statement);
}

Result<std::vector<BureauScore>> PgTransaction::bureau_scores(std::optional<int64_t> debtor_id) {
    if (debtor_id)
        return query::rows<BureauScore>(db_, kBureauOne, read_bureau_score<Statement>, *debtor_id);
    return query::rows<BureauScore>(db_, kBureauAll, read_bureau_score<Statement>);
}

Result<int64_t> PgTransaction::insert_credit_review(const CreditReview& review) {
    MF_TRY(auto statement, db_.prepare(kInsertReview));
    bind_credit_review(statement, review);
    return returned_id(statement);
}

Result<std::vector<CreditReview>> PgTransaction::credit_reviews_of(int64_t debtor_id) {
    return query::rows<CreditReview>(db_, kReviewsOf, read_credit_review<Statement>, debtor_id);
}

Result<std::optional<CreditReview>> PgTransaction::latest_credit_review(int64_t debtor_id) {
    return query::first<CreditReview>(db_, kLatestReview, read_credit_review<Statement>, debtor_id);
}

Result<int64_t> PgTransaction::insert_client_application(const ClientApplication& application) {
    MF_TRY(auto statement, db_.prepare(kInsertApplication));
    bind_client_application(statement, application);
    statement.bind_int(application.version);
    return returned_id(statement);
}

Status PgTransaction::update_client_application(const ClientApplication& application) {
    MF_TRY(auto statement, db_.prepare(kUpdateApplication));
    bind_client_application(statement, application);
    MF_CHECK(statement.bind_int(application.id).bind_int(application.version).run());
    return check_versioned_update(statement, kApplicationExists, application.id, "client application");
}

Result<std::optional<ClientApplication>> PgTransaction::find_client_application(int64_t id) {
    return query::first<ClientApplication>(db_, mode_ == Mode::write ? kLockApplication : kFindApplication,
                                           read_client_application<Statement>, id);
}

Result<std::vector<ClientApplication>> PgTransaction::list_client_applications() {
    return query::rows<ClientApplication>(db_, kListApplications, read_client_application<Statement>);
}

}  // namespace mf::pg
