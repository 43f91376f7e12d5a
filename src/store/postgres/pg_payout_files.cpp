// Payout files of the PostgreSQL transaction: the files written, and the payouts they sent.
#include <fmt/format.h>

#include "store/postgres/pg_transaction.hpp"
#include "store/queries.hpp"

namespace mf::pg {
using namespace codec;
namespace {

#define MF_PAYOUT_COLUMNS \
    "client_id, kind, currency, amount_minor, netted_minor, paid_on, schedule_id, status, payout_file_id"
constexpr Sql kPendingPayouts{"list pending payouts",
                              "SELECT id, " MF_PAYOUT_COLUMNS
                              " FROM payouts WHERE status = 'pending' AND currency = $1 "
                              "ORDER BY id"};
#undef MF_PAYOUT_COLUMNS
constexpr Sql kMarkSent{
    "mark payout sent",
    "UPDATE payouts SET status = 'sent', payout_file_id = $1 WHERE id = $2 AND status = 'pending'"};
constexpr Sql kPayoutExists{"find payout", "SELECT 1 FROM payouts WHERE id = $1"};

#define MF_FILE_COLUMNS "format, currency, created_at, business_date, payout_count, total_minor, sha256"
constexpr Sql kInsertFile{"insert payout file",
                          "INSERT INTO payout_files (" MF_FILE_COLUMNS
                          ", content) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"};
constexpr Sql kFindFile{"find payout file",
                        "SELECT id, " MF_FILE_COLUMNS ", content FROM payout_files WHERE id = $1"};
constexpr Sql kListFiles{"list payout files",
                         "SELECT id, " MF_FILE_COLUMNS ", '' FROM payout_files ORDER BY id"};
#undef MF_FILE_COLUMNS

}  // namespace

Result<std::vector<Payout>> PgTransaction::pending_payouts(Currency currency) {
    return query::rows<Payout>(db_, kPendingPayouts, read_payout<Statement>, currency);
}

Status PgTransaction::mark_payout_sent(int64_t payout_id, int64_t payout_file_id) {
    MF_TRY(auto statement, db_.prepare(kMarkSent));
    MF_CHECK(statement.bind_int(payout_file_id).bind_int(payout_id).run());
    if (statement.changed_rows() == 1)
        return ok();
    MF_TRY(const auto found, query::first<int64_t>(db_, kPayoutExists, read_int<Statement>, payout_id));
    if (!found)
        return make_error("not_found", fmt::format("no payout with id {}", payout_id), "id");
    return make_error("conflict", fmt::format("payout {} was sent already", payout_id), "id");
}

Result<int64_t> PgTransaction::insert_payout_file(const PayoutFile& file) {
    MF_TRY(auto statement, db_.prepare(kInsertFile));
    bind_payout_file(statement, file);
    return returned_id(statement);
}

Result<std::optional<PayoutFile>> PgTransaction::find_payout_file(int64_t id) {
    return query::first<PayoutFile>(db_, kFindFile, read_payout_file<Statement>, id);
}

Result<std::vector<PayoutFile>> PgTransaction::list_payout_files() {
    return query::rows<PayoutFile>(db_, kListFiles, read_payout_file<Statement>);
}

}  // namespace mf::pg
