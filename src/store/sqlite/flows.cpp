// The flows of the SQLite transaction: sums of postings by day, currency, entry kind and account. They are
// kept as running sums (daily_flows, migration 12): each transaction's entries are summed in memory
// (PendingFlows) and added at the flush before COMMIT, beside the balances. A day's flows are then a read of
// a few dozen rows, where summing the day's postings read every posting of the day (on a day of a million
// fundings, three million postings: half of close-day's time).
#include "store/queries.hpp"
#include "store/sqlite/sqlite_transaction.hpp"

namespace mf::sqlite {
using namespace codec;
namespace {

#define MF_FLOWS_GROUP " GROUP BY on_date, currency, kind, account ORDER BY on_date, currency, kind, account"
constexpr Sql kFlows{"sum the day's flows",
                     "SELECT on_date, currency, kind, account, SUM(amount_minor) FROM daily_flows "
                     "WHERE on_date BETWEEN ?1 AND ?2" MF_FLOWS_GROUP};
constexpr Sql kClientFlows{"sum a client's flows",
                           "SELECT on_date, currency, kind, account, SUM(amount_minor) FROM daily_flows "
                           "WHERE on_date BETWEEN ?1 AND ?2 AND client_id = ?3" MF_FLOWS_GROUP};
#undef MF_FLOWS_GROUP
constexpr Sql kStoredFlows{
    "read the day's flows as stored",
    "SELECT on_date, currency, kind, account, amount_minor, client_id FROM daily_flows "
    "ORDER BY on_date, currency, kind, account, client_id"};
// As migration 12 filled daily_flows from the postings already in the book.
constexpr Sql kFlowsFromPostings{"sum the day's flows from the postings", R"sql(
SELECT e.effective_on, p.currency, e.kind, p.account, SUM(p.amount_minor), COALESCE(p.client_id, 0) AS client
FROM journal_entries e JOIN postings p ON p.entry_id = e.id
GROUP BY e.effective_on, p.currency, e.kind, p.account, client
ORDER BY e.effective_on, p.currency, e.kind, p.account, client)sql"};
constexpr Sql kAddToFlows{
    "add postings to the day's flows",
    "INSERT INTO daily_flows (on_date, currency, kind, account, client_id, amount_minor) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (on_date, currency, kind, account, client_id) DO UPDATE "
    "SET amount_minor = amount_minor + excluded.amount_minor"};

}  // namespace

Status SqliteTransaction::flush_flows() {
    if (pending_flows_.empty())
        return ok();
    MF_TRY(auto add_to_flows, db_.prepare(kAddToFlows));
    return pending_flows_.flush([&](Date on, std::string_view currency, EntryKind kind, Account account,
                                    int64_t client_id, int64_t delta_minor) -> Status {
        add_to_flows.bind_date(on)
            .bind_text(currency)
            .bind_text(to_string(kind))
            .bind_text(to_string(account))
            .bind_int(client_id)
            .bind_int(delta_minor);
        MF_CHECK(add_to_flows.run());
        add_to_flows.reset();
        return ok();
    });
}

Status SqliteTransaction::scan_flows(Date from, Date to, std::optional<int64_t> client_id,
                                     const std::function<Status(const FlowRow&)>& fn) {
    MF_CHECK(flush_flows());  // this transaction's own entries included
    if (client_id)
        return query::scan(db_, kClientFlows, read_flow<Statement>, fn, from, to, *client_id);
    return query::scan(db_, kFlows, read_flow<Statement>, fn, from, to);
}

Result<std::vector<FlowRow>> SqliteTransaction::stored_flows() {
    MF_CHECK(flush_flows());
    return query::rows<FlowRow>(db_, kStoredFlows, read_client_flow<Statement>);
}

Result<std::vector<FlowRow>> SqliteTransaction::flows_from_postings() {
    return query::rows<FlowRow>(db_, kFlowsFromPostings, read_client_flow<Statement>);
}

}  // namespace mf::sqlite
