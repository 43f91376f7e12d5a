// Set-based figures of the SQLite transaction that reports, close-day and verify read (the day's flows by
// entry kind are in flows.cpp): the entries that do not balance, and the stored required reserve per client.
#include "store/queries.hpp"
#include "store/sqlite/sqlite_transaction.hpp"

namespace mf::sqlite {
using namespace codec;
namespace {

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

Result<std::vector<int64_t>> SqliteTransaction::unbalanced_entries() {
    return query::rows<int64_t>(db_, kUnbalancedEntries, read_int<Statement>);
}

Result<int64_t> SqliteTransaction::required_reserve_minor(int64_t client_id) {
    MF_CHECK(flush_required_reserves());
    MF_TRY(const auto required_minor,
           query::first<int64_t>(db_, kRequiredReserve, read_int<Statement>, client_id));
    return required_minor.value_or(0);
}

Status SqliteTransaction::add_required_reserve(int64_t client_id, int64_t delta_minor) {
    pending_required_[client_id] += delta_minor;
    return ok();
}

Status SqliteTransaction::set_required_reserve(int64_t client_id, int64_t minor) {
    pending_required_.erase(client_id);  // the stored figure is replaced whole
    return query::execute(db_, kSetRequiredReserve, client_id, minor);
}

Status SqliteTransaction::flush_required_reserves() {
    for (const auto& [client_id, delta_minor] : pending_required_) {
        if (delta_minor != 0)
            MF_CHECK(query::execute(db_, kAddRequiredReserve, client_id, delta_minor));
    }
    pending_required_.clear();
    return ok();
}

}  // namespace mf::sqlite
