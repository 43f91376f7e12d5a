// Audit events and daily portfolio snapshots of the SQLite transaction.
#include "store/queries.hpp"
#include "store/sqlite/sqlite_transaction.hpp"

namespace mf::sqlite {
using namespace codec;
namespace {

#define MF_AUDIT_COLUMNS "at, business_date, actor, action, entity_type, entity_id, detail, reason"
constexpr Sql kInsertAudit{"append audit event", "INSERT INTO audit_events (" MF_AUDIT_COLUMNS
                                                 ", id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"};
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
    MF_TRY(auto statement, db_.prepare(kInsertAudit));
    bind_audit(statement, event);
    statement.bind_id(event.id);
    return statement.run();
}

Result<std::vector<AuditEvent>> SqliteTransaction::audit_of(std::string_view entity_type, int64_t entity_id) {
    return query::rows<AuditEvent>(db_, kAuditOf, read_audit<Statement>, entity_type, entity_id);
}

Result<int64_t> SqliteTransaction::count_audit() {
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
