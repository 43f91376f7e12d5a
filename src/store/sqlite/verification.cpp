// Verification and notices of assignment of the SQLite transaction: client policies, the verification log,
// debtor links, notices per (client, debtor) pair and the NOA work queue.
#include "store/queries.hpp"
#include "store/sqlite/sqlite_transaction.hpp"
#include "store/verification_codec.hpp"

namespace mf::sqlite {
using namespace codec;
namespace {

constexpr Sql kFindPolicy{"find verification policy", R"sql(
SELECT client_id, kind, threshold_minor, sample_ppm, updated_at, updated_by
FROM verification_policies WHERE client_id = ?)sql"};
constexpr Sql kSavePolicy{"save verification policy", R"sql(
INSERT INTO verification_policies (client_id, kind, threshold_minor, sample_ppm, updated_at, updated_by)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (client_id) DO UPDATE SET kind = excluded.kind, threshold_minor = excluded.threshold_minor,
    sample_ppm = excluded.sample_ppm, updated_at = excluded.updated_at, updated_by = excluded.updated_by)sql"};

#define MF_RECORD_COLUMNS                                                                                \
    "invoice_id, client_id, debtor_id, at, business_date, actor, channel, contact, outcome, delivered, " \
    "amount_correct, no_offsets, notes, link_id"
constexpr Sql kInsertRecord{"insert verification record",
                            "INSERT INTO verification_records (" MF_RECORD_COLUMNS
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"};
constexpr Sql kListRecords{"list verification records",
                           "SELECT id, " MF_RECORD_COLUMNS
                           " FROM verification_records WHERE (? = 0 OR client_id = ?) AND (? = 0 OR "
                           "debtor_id = ?) AND (? = 0 OR invoice_id = ?) AND business_date >= ? AND "
                           "business_date <= ? ORDER BY id"};
#undef MF_RECORD_COLUMNS

#define MF_LINK_COLUMNS \
    "token_hash, purpose, invoice_id, client_id, debtor_id, created_at, created_by, expires_at, used_at"
constexpr Sql kInsertLink{"insert debtor link", "INSERT INTO debtor_links (" MF_LINK_COLUMNS
                                                ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"};
constexpr Sql kFindLink{"find debtor link",
                        "SELECT id, " MF_LINK_COLUMNS " FROM debtor_links WHERE token_hash = ?"};
#undef MF_LINK_COLUMNS
constexpr Sql kUseLink{"use debtor link",
                       "UPDATE debtor_links SET used_at = ? WHERE id = ? AND used_at = ''"};

#define MF_NOTICE_COLUMNS "client_id, debtor_id, sent_on, method, acknowledged_on, updated_at, updated_by"
constexpr Sql kFindNotice{"find notice of assignment", "SELECT " MF_NOTICE_COLUMNS
                                                       " FROM notices_of_assignment WHERE client_id = ? AND "
                                                       "debtor_id = ?"};
constexpr Sql kSaveNotice{"save notice of assignment",
                          "INSERT INTO notices_of_assignment (" MF_NOTICE_COLUMNS
                          ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (client_id, "
                          "debtor_id) DO UPDATE SET sent_on = excluded.sent_on, "
                          "method = excluded.method, acknowledged_on = "
                          "excluded.acknowledged_on, updated_at = "
                          "excluded.updated_at, updated_by = excluded.updated_by"};
constexpr Sql kListNotices{"list notices of assignment",
                           "SELECT " MF_NOTICE_COLUMNS
                           " FROM notices_of_assignment ORDER BY client_id, debtor_id"};
constexpr Sql kListClientNotices{"list notices of assignment of a client",
                                 "SELECT " MF_NOTICE_COLUMNS
                                 " FROM notices_of_assignment WHERE client_id = ? ORDER BY debtor_id"};
#undef MF_NOTICE_COLUMNS
constexpr Sql kNoaQueue{"list pairs funded without a notice", R"sql(
SELECT i.client_id, i.debtor_id, i.currency, COUNT(*), SUM(i.face_minor)
FROM invoices i
WHERE i.state = 'funded' AND NOT EXISTS (
    SELECT 1 FROM notices_of_assignment n
    WHERE n.client_id = i.client_id AND n.debtor_id = i.debtor_id
      AND (n.sent_on IS NOT NULL OR n.acknowledged_on IS NOT NULL))
GROUP BY i.client_id, i.debtor_id, i.currency
ORDER BY i.client_id, i.debtor_id, i.currency)sql"};

}  // namespace

Result<std::optional<VerificationPolicy>> SqliteTransaction::find_verification_policy(int64_t client_id) {
    return query::first<VerificationPolicy>(db_, kFindPolicy, read_policy<Statement>, client_id);
}

Status SqliteTransaction::save_verification_policy(const VerificationPolicy& policy) {
    MF_TRY(auto statement, db_.prepare(kSavePolicy));
    bind_policy(statement, policy);
    return statement.run();
}

Result<int64_t> SqliteTransaction::insert_verification_record(const VerificationRecord& record) {
    MF_TRY(auto statement, db_.prepare(kInsertRecord));
    bind_verification_record(statement, record);
    MF_CHECK(statement.run());
    return db_.last_insert_id();
}

Result<std::vector<VerificationRecord>> SqliteTransaction::list_verification_records(
    const VerificationLogQuery& q) {
    const Date from = q.from.value_or(Date::from_days(-719'162));  // 0001-01-01
    const Date to = q.to.value_or(Date::from_days(2'932'896));     // 9999-12-31
    return query::rows<VerificationRecord>(db_, kListRecords, read_verification_record<Statement>,
                                           q.client_id, q.client_id, q.debtor_id, q.debtor_id, q.invoice_id,
                                           q.invoice_id, from, to);
}

Result<int64_t> SqliteTransaction::insert_debtor_link(const DebtorLink& link) {
    MF_TRY(auto statement, db_.prepare(kInsertLink));
    bind_debtor_link(statement, link);
    MF_CHECK(statement.run());
    return db_.last_insert_id();
}

Result<std::optional<DebtorLink>> SqliteTransaction::find_debtor_link(std::string_view token_hash) {
    return query::first<DebtorLink>(db_, kFindLink, read_debtor_link<Statement>, token_hash);
}

Result<bool> SqliteTransaction::use_debtor_link(int64_t link_id, std::string_view at) {
    MF_TRY(auto statement, db_.prepare(kUseLink));
    MF_CHECK(statement.bind_text(at).bind_int(link_id).run());
    return db_.changes() == 1;
}

Result<std::optional<NoticeStatus>> SqliteTransaction::find_notice(int64_t client_id, int64_t debtor_id) {
    return query::first<NoticeStatus>(db_, kFindNotice, read_notice<Statement>, client_id, debtor_id);
}

Status SqliteTransaction::save_notice(const NoticeStatus& notice) {
    MF_TRY(auto statement, db_.prepare(kSaveNotice));
    bind_notice(statement, notice);
    return statement.run();
}

Result<std::vector<NoticeStatus>> SqliteTransaction::list_notices(std::optional<int64_t> client_id) {
    if (client_id)
        return query::rows<NoticeStatus>(db_, kListClientNotices, read_notice<Statement>, *client_id);
    return query::rows<NoticeStatus>(db_, kListNotices, read_notice<Statement>);
}

Result<std::vector<NoaQueueRow>> SqliteTransaction::funded_pairs_without_notice() {
    return query::rows<NoaQueueRow>(db_, kNoaQueue, read_noa_queue_row<Statement>);
}

}  // namespace mf::sqlite
