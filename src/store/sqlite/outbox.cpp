// The e-mail outbox of the SQLite transaction: mails written with the events that cause them, the due queue
// the delivery worker claims from, and each attempt's outcome.
#include "store/outbox_codec.hpp"
#include "store/queries.hpp"
#include "store/sqlite/sqlite_transaction.hpp"

namespace mf::sqlite {
using namespace codec;
namespace {

constexpr Sql kInsertMail{"insert mail", "INSERT INTO outbox (" MF_OUTBOX_COLUMNS
                                         ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"};
constexpr Sql kFindMail{"find mail", "SELECT id, " MF_OUTBOX_COLUMNS " FROM outbox WHERE id = ?"};
constexpr Sql kListMail{"list mail",
                        "SELECT id, " MF_OUTBOX_COLUMNS
                        " FROM outbox WHERE (? = '' OR state = ?) AND (? = '' OR entity_type = ?) "
                        "AND (? = 0 OR entity_id = ?) AND id > ? ORDER BY id LIMIT ?"};
constexpr Sql kDueMail{"list due mail", "SELECT id, " MF_OUTBOX_COLUMNS
                                        " FROM outbox WHERE state = 'queued' AND next_attempt_at <= ? "
                                        "ORDER BY next_attempt_at, id LIMIT ?"};
constexpr Sql kClaimMail{"claim mail",
                         "UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND state = 'queued' AND "
                         "next_attempt_at = ?"};
constexpr Sql kUpdateMail{"update mail",
                          "UPDATE outbox SET recipients = ?, secret_url = ?, state = ?, attempts = ?, "
                          "next_attempt_at = ?, last_attempt_at = ?, last_error = ?, delivered_at = ? "
                          "WHERE id = ?"};

}  // namespace

Result<int64_t> SqliteTransaction::insert_mail(const OutboxMail& mail) {
    MF_TRY(auto statement, db_.prepare(kInsertMail));
    bind_mail(statement, mail);
    MF_CHECK(statement.run());
    return db_.last_insert_id();
}

Result<std::optional<OutboxMail>> SqliteTransaction::find_mail(int64_t id) {
    return query::first<OutboxMail>(db_, kFindMail, read_mail<Statement>, id);
}

Result<std::vector<OutboxMail>> SqliteTransaction::list_mail(const OutboxQuery& q) {
    const std::string_view state = q.state ? to_string(*q.state) : std::string_view();
    return query::rows<OutboxMail>(db_, kListMail, read_mail<Statement>, state, state,
                                   std::string_view(q.entity_type), std::string_view(q.entity_type),
                                   q.entity_id, q.entity_id, q.after_id, sql_limit(q.limit));
}

Result<std::vector<OutboxMail>> SqliteTransaction::due_mail(std::string_view now, int64_t limit) {
    return query::rows<OutboxMail>(db_, kDueMail, read_mail<Statement>, now, sql_limit(limit));
}

Result<bool> SqliteTransaction::claim_mail(int64_t id, std::string_view seen_next_attempt_at,
                                           std::string_view lease_until) {
    MF_TRY(auto statement, db_.prepare(kClaimMail));
    MF_CHECK(statement.bind_text(lease_until).bind_int(id).bind_text(seen_next_attempt_at).run());
    return db_.changes() == 1;
}

Status SqliteTransaction::update_mail(const OutboxMail& mail) {
    MF_TRY(auto statement, db_.prepare(kUpdateMail));
    bind_mail_delivery(statement, mail);
    MF_CHECK(statement.run());
    return check_found(mail.id, "mail");
}

}  // namespace mf::sqlite
