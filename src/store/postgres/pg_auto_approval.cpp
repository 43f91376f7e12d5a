// Auto-approval records of the PostgreSQL transaction: the book's and clients' rules, and the decisions.
#include "store/auto_approval_codec.hpp"
#include "store/postgres/pg_transaction.hpp"
#include "store/queries.hpp"

namespace mf::pg {
using namespace codec;
namespace {

#define MF_RULES_COLUMNS "client_id, mode, invoice_max_minor, schedule_max_minor, updated_at, updated_by"
constexpr Sql kFindRules{"find auto-approval rules",
                         "SELECT " MF_RULES_COLUMNS " FROM auto_approval_rules WHERE client_id = $1"};
constexpr Sql kSaveRules{
    "save auto-approval rules",
    "INSERT INTO auto_approval_rules (" MF_RULES_COLUMNS
    ") VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (client_id) DO UPDATE SET mode = excluded.mode, "
    "invoice_max_minor = excluded.invoice_max_minor, schedule_max_minor = "
    "excluded.schedule_max_minor, updated_at = excluded.updated_at, updated_by = "
    "excluded.updated_by"};
#undef MF_RULES_COLUMNS

#define MF_DECISION_COLUMNS                                                                              \
    "schedule_id, client_id, at, business_date, requested_by, occasion, approved, failed_rule, checks, " \
    "payout_id"
constexpr Sql kInsertDecision{"insert auto-approval decision",
                              "INSERT INTO auto_approval_decisions (" MF_DECISION_COLUMNS
                              ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id"};
constexpr Sql kDecisionsOf{"list auto-approval decisions of a schedule",
                           "SELECT id, " MF_DECISION_COLUMNS
                           " FROM auto_approval_decisions WHERE schedule_id = $1 ORDER BY id"};
#undef MF_DECISION_COLUMNS

}  // namespace

Result<std::optional<AutoApprovalRules>> PgTransaction::find_auto_approval_rules(int64_t client_id) {
    return query::first<AutoApprovalRules>(db_, kFindRules, read_auto_approval_rules<Statement>, client_id);
}

Status PgTransaction::save_auto_approval_rules(const AutoApprovalRules& rules) {
    MF_TRY(auto statement, db_.prepare(kSaveRules));
    bind_auto_approval_rules(statement, rules);
    return statement.run();
}

Result<int64_t> PgTransaction::insert_auto_approval_decision(const AutoApprovalDecision& decision) {
    const std::string checks = encode_checks(decision.checks);
    MF_TRY(auto statement, db_.prepare(kInsertDecision));
    bind_auto_approval_decision(statement, decision, checks);
    return returned_id(statement);
}

Result<std::vector<AutoApprovalDecision>> PgTransaction::auto_approval_decisions_of(int64_t schedule_id) {
    return query::rows<AutoApprovalDecision>(db_, kDecisionsOf, read_auto_approval_decision<Statement>,
                                             schedule_id);
}

}  // namespace mf::pg
