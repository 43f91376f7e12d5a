// The e-mail outbox of the PostgreSQL transaction: mails written with the events that cause them, the due
// queue the delivery worker claims from, and each attempt's outcome.
#include "store/outbox_codec.hpp"
#include "store/postgres/pg_transaction.hpp"
#include "store/queries.hpp"

namespace mf::pg {
using namespace codec;
namespace {

constexpr Sql kInsertMail{
    "insert mail", "INSERT INTO outbox (" MF_OUTBOX_COLUMNS
                   ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) "
                   "RETURNING id"};
constexpr Sql kFindMail{"find mail", "SELECT id, " MF_OUTBOX_COLUMNS " FROM outbox WHERE id = $1"};
constexpr Sql kListMail{
    "list mail", "SELECT id, " MF_OUTBOX_COLUMNS
                 " FROM outbox WHERE ($1::text = '' OR state = $2) AND ($3::text = '' OR entity_type = $4) "
                 "AND ($5::bigint = 0 OR entity_id = $6) AND id > $7 ORDER BY id LIMIT $8"};
constexpr Sql kDueMail{"list due mail", "SELECT id, " MF_OUTBOX_COLUMNS
                                        " FROM outbox WHERE state = 'queued' AND next_attempt_at <= $1 "
                                        "ORDER BY next_attempt_at, id LIMIT $2"};
constexpr Sql kClaimMail{"claim mail",
                         "UPDATE outbox SET next_attempt_at = $1 WHERE id = $2 AND state = 'queued' AND "
                         "next_attempt_at = $3"};
constexpr Sql kUpdateMail{"update mail",
                          "UPDATE outbox SET recipients = $1, secret_url = $2, state = $3, attempts = $4, "
                          "next_attempt_at = $5, last_attempt_at = $6, last_error = $7, delivered_at = $8 "
                          "WHERE id = $9"};

}  // namespace

Result<int64_t> PgTransaction::insert_mail(const OutboxMail& mail) {
    MF_TRY(auto statement, db_.prepare(kInsertMail));
    bind_mail(statement, mail);
    return returned_id(statement);
}

Result<std::optional<OutboxMail>> PgTransaction::find_mail(int64_t id) {
    return query::first<OutboxMail>(db_, kFindMail, read_mail<Statement>, id);
}

Result<std::vector<OutboxMail>> PgTransaction::list_mail(const OutboxQuery& q) {
    const std::string_view state = q.state ? to_string(*q.state) : std::string_view();
    return query::rows<OutboxMail>(db_, kListMail, read_mail<Statement>, state, state,
                                   std::string_view(q.entity_type), std::string_view(q.entity_type),
                                   q.entity_id, q.entity_id, q.after_id, sql_limit(q.limit));
}

Result<std::vector<OutboxMail>> PgTransaction::due_mail(std::string_view now, int64_t limit) {
    return query::rows<OutboxMail>(db_, kDueMail, read_mail<Statement>, now, sql_limit(limit));
}

Result<bool> PgTransaction::claim_mail(int64_t id, std::string_view seen_next_attempt_at,
                                       std::string_view lease_until) {
    MF_TRY(auto statement, db_.prepare(kClaimMail));
    MF_CHECK(statement.bind_text(lease_until).bind_int(id).bind_text(seen_next_attempt_at).run());
    return statement.changed_rows() == 1;
}

Status PgTransaction::update_mail(const OutboxMail& mail) {
    MF_TRY(auto statement, db_.prepare(kUpdateMail));
    bind_mail_delivery(statement, mail);
    MF_CHECK(statement.run());
    return check_found(statement, mail.id, "mail");
}

}  // namespace mf::pg
