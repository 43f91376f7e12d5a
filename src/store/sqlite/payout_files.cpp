// Payout files of the SQLite transaction: the files written, and the payouts they sent.
#include <fmt/format.h>

#include "store/queries.hpp"
#include "store/sqlite/sqlite_transaction.hpp"

namespace mf::sqlite {
using namespace codec;
namespace {

#define MF_PAYOUT_COLUMNS \
    "client_id, kind, currency, amount_minor, netted_minor, paid_on, schedule_id, status, payout_file_id"
constexpr Sql kPendingPayouts{"list pending payouts",
                              "SELECT id, " MF_PAYOUT_COLUMNS
                              " FROM payouts WHERE status = 'pending' AND currency = ? "
                              "ORDER BY id"};
#undef MF_PAYOUT_COLUMNS
constexpr Sql kMarkSent{
    "mark payout sent",
    "UPDATE payouts SET status = 'sent', payout_file_id = ? WHERE id = ? AND status = 'pending'"};
constexpr Sql kPayoutExists{"find payout", "SELECT 1 FROM payouts WHERE id = ?"};

#define MF_FILE_COLUMNS "format, currency, created_at, business_date, payout_count, total_minor, sha256"
constexpr Sql kInsertFile{"insert payout file", "INSERT INTO payout_files (" MF_FILE_COLUMNS
                                                ", content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"};
constexpr Sql kFindFile{"find payout file",
                        "SELECT id, " MF_FILE_COLUMNS ", content FROM payout_files WHERE id = ?"};
constexpr Sql kListFiles{"list payout files",
                         "SELECT id, " MF_FILE_COLUMNS ", '' FROM payout_files ORDER BY id"};
#undef MF_FILE_COLUMNS

}  // namespace

Result<std::vector<Payout>> SqliteTransaction::pending_payouts(Currency currency) {
    return query::rows<Payout>(db_, kPendingPayouts, read_payout<Statement>, currency);
}

Status SqliteTransaction::mark_payout_sent(int64_t payout_id, int64_t payout_file_id) {
    MF_CHECK(query::execute(db_, kMarkSent, payout_file_id, payout_id));
    if (db_.changes() == 1)
        return ok();
    MF_TRY(const auto found, query::first<int64_t>(db_, kPayoutExists, read_int<Statement>, payout_id));
    if (!found)
        return make_error("not_found", fmt::format("no payout with id {}", payout_id), "id");
    return make_error("conflict", fmt::format("payout {} was sent already", payout_id), "id");
}

Result<int64_t> SqliteTransaction::insert_payout_file(const PayoutFile& file) {
    MF_TRY(auto statement, db_.prepare(kInsertFile));
    bind_payout_file(statement, file);
    MF_CHECK(statement.run());
    return db_.last_insert_id();
}

Result<std::optional<PayoutFile>> SqliteTransaction::find_payout_file(int64_t id) {
    return query::first<PayoutFile>(db_, kFindFile, read_payout_file<Statement>, id);
}

Result<std::vector<PayoutFile>> SqliteTransaction::list_payout_files() {
    return query::rows<PayoutFile>(db_, kListFiles, read_payout_file<Statement>);
}

}  // namespace mf::sqlite
