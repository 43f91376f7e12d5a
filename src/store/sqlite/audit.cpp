// Audit events and daily portfolio snapshots of the SQLite transaction. Audit events are written in
// multi-row inserts: append_audit() keeps them in the transaction, and a full batch, the commit, a savepoint
// and every read of the audit trail write them, in the order they were appended (so their ids are too).
#include <string>

#include "store/queries.hpp"
#include "store/sqlite/sqlite_transaction.hpp"

namespace mf::sqlite {
using namespace codec;
namespace {

#define MF_AUDIT_COLUMNS "at, business_date, actor, action, entity_type, entity_id, detail, reason"
constexpr Sql kInsertAudit{"append audit event", "INSERT INTO audit_events (" MF_AUDIT_COLUMNS
                                                 ", id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"};
// kAuditBatch rows in one statement (9 parameters each, far below SQLite's limit of 32,766).
constexpr Sql kInsertAuditBatch{"append audit events", nullptr};
std::string audit_batch_text() {
    std::string text = "INSERT INTO audit_events (" MF_AUDIT_COLUMNS ", id) VALUES ";
    for (size_t row = 0; row < SqliteTransaction::kAuditBatch; ++row)
        text += row == 0 ? "(?, ?, ?, ?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    return text;
}
constexpr Sql kAuditOf{"list audit events of a record",
                       "SELECT id, " MF_AUDIT_COLUMNS
                       " FROM audit_events WHERE entity_type = ? AND entity_id = ? ORDER BY id"};
constexpr Sql kCountAudit{"count audit events", "SELECT COUNT(*) FROM audit_events"};
#undef MF_AUDIT_COLUMNS

#define MF_SNAPSHOT_COLUMNS                                                                          \
    "on_date, currency, open_invoices, outstanding_face_minor, funded_face_minor, collected_minor, " \
    "fee_income_minor, client_reserve_minor"
// close-day may run again for a date: the snapshot of (date, currency) is replaced.
constexpr Sql kSaveSnapshot{"save snapshot", "INSERT OR REPLACE INTO snapshots (" MF_SNAPSHOT_COLUMNS
                                             ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"};
constexpr Sql kSnapshotsBetween{"list snapshots between dates",
                                "SELECT " MF_SNAPSHOT_COLUMNS
                                " FROM snapshots WHERE on_date BETWEEN ? AND ? ORDER BY on_date, currency"};
#undef MF_SNAPSHOT_COLUMNS

}  // namespace

Status SqliteTransaction::append_audit(const AuditEvent& event) {
    pending_audit_.push_back(event);
    if (pending_audit_.size() < kAuditBatch)
        return ok();
    return flush_audit();
}

Status SqliteTransaction::flush_audit() {
    if (pending_audit_.empty())
        return ok();
    size_t next = 0;
    if (pending_audit_.size() == kAuditBatch) {
        MF_TRY(auto statement, db_.prepare_shaped(kInsertAuditBatch, 0, audit_batch_text));
        for (const AuditEvent& event : pending_audit_) {
            bind_audit(statement, event);
            statement.bind_id(event.id);
        }
        MF_CHECK(statement.run());
        next = kAuditBatch;
    }
    for (; next < pending_audit_.size(); ++next) {
        MF_TRY(auto statement, db_.prepare(kInsertAudit));
        bind_audit(statement, pending_audit_[next]);
        statement.bind_id(pending_audit_[next].id);
        MF_CHECK(statement.run());
    }
    pending_audit_.clear();
    return ok();
}

Result<std::vector<AuditEvent>> SqliteTransaction::audit_of(std::string_view entity_type, int64_t entity_id) {
    MF_CHECK(flush_audit());
    return query::rows<AuditEvent>(db_, kAuditOf, read_audit<Statement>, entity_type, entity_id);
}

Result<int64_t> SqliteTransaction::count_audit() {
    MF_CHECK(flush_audit());
    return query::aggregate(db_, kCountAudit);
}

Status SqliteTransaction::save_snapshot(const Snapshot& snapshot) {
    MF_TRY(auto statement, db_.prepare(kSaveSnapshot));
    bind_snapshot(statement, snapshot);
    return statement.run();
}

Result<std::vector<Snapshot>> SqliteTransaction::snapshots_between(Date from, Date to) {
    return query::rows<Snapshot>(db_, kSnapshotsBetween, read_snapshot<Statement>, from, to);
}

}  // namespace mf::sqlite
