// Audit events, daily portfolio snapshots and the set-based figures of the PostgreSQL transaction that
// reports, close-day and verify read: the day's flows, the entries that do not balance, and the stored
// required reserve per client.
#include "store/postgres/pg_transaction.hpp"
#include "store/queries.hpp"

namespace mf::pg {
using namespace codec;
namespace {

#define MF_AUDIT_COLUMNS "at, business_date, actor, action, entity_type, entity_id, detail, reason"
constexpr Sql kInsertAudit{"append audit event", "INSERT INTO audit_events (" MF_AUDIT_COLUMNS
                                                 ", id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, " MF_NEXT_ID(
                                                     "audit_events", "$9") ")"};
constexpr Sql kAuditOf{"list audit events of a record",
                       "SELECT id, " MF_AUDIT_COLUMNS
                       " FROM audit_events WHERE entity_type = $1 AND entity_id = $2 ORDER BY id"};
constexpr Sql kCountAudit{"count audit events", "SELECT COUNT(*) FROM audit_events"};
#undef MF_AUDIT_COLUMNS

#define MF_SNAPSHOT_COLUMNS                                                                          \
    "on_date, currency, open_invoices, outstanding_face_minor, funded_face_minor, collected_minor, " \
    "fee_income_minor, client_reserve_minor"
// close-day may run again for a date: the snapshot of (date, currency) is replaced.
constexpr Sql kSaveSnapshot{"save snapshot", "INSERT INTO snapshots (" MF_SNAPSHOT_COLUMNS R"sql()
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (on_date, currency) DO UPDATE SET
    open_invoices = excluded.open_invoices, outstanding_face_minor = excluded.outstanding_face_minor,
    funded_face_minor = excluded.funded_face_minor, collected_minor = excluded.collected_minor,
    fee_income_minor = excluded.fee_income_minor, client_reserve_minor = excluded.client_reserve_minor)sql"};
constexpr Sql kSnapshotsBetween{"list snapshots between dates",
                                "SELECT " MF_SNAPSHOT_COLUMNS
                                " FROM snapshots WHERE on_date BETWEEN $1 AND $2 "
                                "ORDER BY on_date, currency COLLATE \"C\""};
#undef MF_SNAPSHOT_COLUMNS

// The day's flows from their running sums (daily_flows, migration 12), in the byte order of the names.
#define MF_FLOWS_SELECT                                                                    \
    "SELECT on_date, currency, kind, account, SUM(amount_minor)::BIGINT FROM daily_flows " \
    "WHERE on_date BETWEEN $1 AND $2 "
#define MF_FLOWS_GROUP                           \
    "GROUP BY on_date, currency, kind, account " \
    "ORDER BY on_date, currency, kind, account"
constexpr Sql kFlows{"sum the day's flows", MF_FLOWS_SELECT MF_FLOWS_GROUP};
constexpr Sql kClientFlows{"sum a client's flows", MF_FLOWS_SELECT "AND client_id = $3 " MF_FLOWS_GROUP};
#undef MF_FLOWS_SELECT
#undef MF_FLOWS_GROUP
constexpr Sql kStoredFlows{
    "read the day's flows as stored",
    "SELECT on_date, currency, kind, account, amount_minor, client_id FROM daily_flows "
    "ORDER BY on_date, currency COLLATE \"C\", kind COLLATE \"C\", "
    "account COLLATE \"C\", client_id"};
// As migration 12 filled daily_flows from the postings already in the book.
constexpr Sql kFlowsFromPostings{"sum the day's flows from the postings", R"sql(
SELECT e.effective_on, p.currency, e.kind, p.account, SUM(p.amount_minor)::BIGINT,
       COALESCE(p.client_id, 0) AS client
FROM journal_entries e JOIN postings p ON p.entry_id = e.id
GROUP BY e.effective_on, p.currency, e.kind, p.account, client
ORDER BY e.effective_on, p.currency COLLATE "C", e.kind COLLATE "C", p.account COLLATE "C", client)sql"};
constexpr Sql kAddToFlows{
    "add postings to the day's flows",
    "INSERT INTO daily_flows (on_date, currency, kind, account, client_id, amount_minor) "
    "VALUES ($1, $2, $3, $4, $5, $6) "
    "ON CONFLICT (on_date, currency, kind, account, client_id) DO UPDATE "
    "SET amount_minor = daily_flows.amount_minor + excluded.amount_minor"};

constexpr Sql kUnbalancedEntries{"find unbalanced entries",
                                 "SELECT entry_id FROM postings GROUP BY entry_id, currency "
                                 "HAVING SUM(amount_minor) != 0 ORDER BY entry_id"};

constexpr Sql kRequiredReserve{"read a client's required reserve",
                               "SELECT required_minor FROM client_reserve_requirements WHERE client_id = $1"};
constexpr Sql kAddRequiredReserve{"add to a client's required reserve",
                                  "INSERT INTO client_reserve_requirements (client_id, required_minor) "
                                  "VALUES ($1, $2) ON CONFLICT (client_id) DO UPDATE SET required_minor = "
                                  "client_reserve_requirements.required_minor + excluded.required_minor"};
constexpr Sql kSetRequiredReserve{
    "set a client's required reserve",
    "INSERT INTO client_reserve_requirements (client_id, required_minor) VALUES ($1, $2) "
    "ON CONFLICT (client_id) DO UPDATE SET required_minor = excluded.required_minor"};

}  // namespace

Status PgTransaction::append_audit(const AuditEvent& event) {
    MF_TRY(auto statement, db_.prepare(kInsertAudit));
    bind_audit(statement, event);
    statement.bind_id(event.id);
    return statement.run();
}

Result<std::vector<AuditEvent>> PgTransaction::audit_of(std::string_view entity_type, int64_t entity_id) {
    return query::rows<AuditEvent>(db_, kAuditOf, read_audit<Statement>, entity_type, entity_id);
}

Result<int64_t> PgTransaction::count_audit() {
    return query::aggregate(db_, kCountAudit);
}

Status PgTransaction::save_snapshot(const Snapshot& snapshot) {
    MF_TRY(auto statement, db_.prepare(kSaveSnapshot));
    bind_snapshot(statement, snapshot);
    return statement.run();
}

Result<std::vector<Snapshot>> PgTransaction::snapshots_between(Date from, Date to) {
    return query::rows<Snapshot>(db_, kSnapshotsBetween, read_snapshot<Statement>, from, to);
}

Status PgTransaction::flush_flows() {
    return pending_flows_.flush([&](Date on, std::string_view currency, EntryKind kind, Account account,
                                    int64_t client_id, int64_t delta_minor) -> Status {
        return query::execute(db_, kAddToFlows, on, currency, to_string(kind), to_string(account), client_id,
                              delta_minor);
    });
}

Status PgTransaction::scan_flows(Date from, Date to, std::optional<int64_t> client_id,
                                 const std::function<Status(const FlowRow&)>& fn) {
    MF_CHECK(flush_flows());  // this transaction's own entries included
    if (client_id)
        return query::scan(db_, kClientFlows, read_flow<Statement>, fn, from, to, *client_id);
    return query::scan(db_, kFlows, read_flow<Statement>, fn, from, to);
}

Result<std::vector<FlowRow>> PgTransaction::stored_flows() {
    MF_CHECK(flush_flows());
    return query::rows<FlowRow>(db_, kStoredFlows, read_client_flow<Statement>);
}

Result<std::vector<FlowRow>> PgTransaction::flows_from_postings() {
    return query::rows<FlowRow>(db_, kFlowsFromPostings, read_client_flow<Statement>);
}

Result<std::vector<int64_t>> PgTransaction::unbalanced_entries() {
    return query::rows<int64_t>(db_, kUnbalancedEntries, read_int<Statement>);
}

Result<int64_t> PgTransaction::required_reserve_minor(int64_t client_id) {
    MF_CHECK(flush_required_reserves());
    MF_TRY(const auto required_minor,
           query::first<int64_t>(db_, kRequiredReserve, read_int<Statement>, client_id));
    return required_minor.value_or(0);
}

Status PgTransaction::add_required_reserve(int64_t client_id, int64_t delta_minor) {
    pending_required_[client_id] += delta_minor;
    return ok();
}

Status PgTransaction::set_required_reserve(int64_t client_id, int64_t minor) {
    pending_required_.erase(client_id);  // the stored figure is replaced whole
    return query::execute(db_, kSetRequiredReserve, client_id, minor);
}

Status PgTransaction::flush_required_reserves() {
    for (const auto& [client_id, delta_minor] : pending_required_) {
        if (delta_minor != 0)
            MF_CHECK(query::execute(db_, kAddRequiredReserve, client_id, delta_minor));
    }
    pending_required_.clear();
    return ok();
}

}  // namespace mf::pg
