// Set-based figures of the SQLite transaction that reports, close-day and verify read: the day's flows by
// entry kind, the entries that do not balance, and the stored required reserve per client.
#include "store/queries.hpp"
#include "store/sqlite/sqlite_transaction.hpp"

namespace mf::sqlite {
using namespace codec;
namespace {

#define MF_FLOWS_SELECT                                                          \
    "SELECT e.effective_on, p.currency, e.kind, p.account, SUM(p.amount_minor) " \
    "FROM journal_entries e JOIN postings p ON p.entry_id = e.id "               \
    "WHERE e.effective_on BETWEEN ?1 AND ?2 "
constexpr Sql kFlows{"sum the day's flows", MF_FLOWS_SELECT
                     "GROUP BY e.effective_on, p.currency, e.kind, p.account "
                     "ORDER BY e.effective_on"};
constexpr Sql kClientFlows{"sum a client's flows", MF_FLOWS_SELECT
                           "AND p.client_id = ?3 "
                           "GROUP BY e.effective_on, p.currency, e.kind, p.account "
                           "ORDER BY e.effective_on"};
#undef MF_FLOWS_SELECT

constexpr Sql kUnbalancedEntries{"find unbalanced entries",
                                 "SELECT entry_id FROM postings GROUP BY entry_id, currency "
                                 "HAVING SUM(amount_minor) != 0 ORDER BY entry_id"};

constexpr Sql kRequiredReserve{"read a client's required reserve",
                               "SELECT required_minor FROM client_reserve_requirements WHERE client_id = ?"};
constexpr Sql kAddRequiredReserve{
    "add to a client's required reserve",
    "INSERT INTO client_reserve_requirements (client_id, required_minor) VALUES (?1, ?2) "
    "ON CONFLICT (client_id) DO UPDATE SET required_minor = required_minor + excluded.required_minor"};
constexpr Sql kSetRequiredReserve{
    "set a client's required reserve",
    "INSERT INTO client_reserve_requirements (client_id, required_minor) VALUES (?1, ?2) "
    "ON CONFLICT (client_id) DO UPDATE SET required_minor = excluded.required_minor"};

}  // namespace

Status SqliteTransaction::scan_flows(Date from, Date to, std::optional<int64_t> client_id,
                                     const std::function<Status(const FlowRow&)>& fn) {
    if (client_id)
        return query::scan(db_, kClientFlows, read_flow<Statement>, fn, from, to, *client_id);
    return query::scan(db_, kFlows, read_flow<Statement>, fn, from, to);
}

Result<std::vector<int64_t>> SqliteTransaction::unbalanced_entries() {
    return query::rows<int64_t>(db_, kUnbalancedEntries, read_int<Statement>);
}

Result<int64_t> SqliteTransaction::required_reserve_minor(int64_t client_id) {
    MF_TRY(const auto required_minor,
           query::first<int64_t>(db_, kRequiredReserve, read_int<Statement>, client_id));
    return required_minor.value_or(0);
}

Status SqliteTransaction::add_required_reserve(int64_t client_id, int64_t delta_minor) {
    return query::execute(db_, kAddRequiredReserve, client_id, delta_minor);
}

Status SqliteTransaction::set_required_reserve(int64_t client_id, int64_t minor) {
    return query::execute(db_, kSetRequiredReserve, client_id, minor);
}

}  // namespace mf::sqlite
