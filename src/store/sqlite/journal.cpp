// The journal of the SQLite transaction: append-only entries and postings, the stored balances kept beside
// them in the same transaction, and the set-based sums verify compares them with.
#include <fmt/format.h>

#include <array>
#include <string_view>

#include "store/queries.hpp"
#include "store/sqlite/sqlite_transaction.hpp"

namespace mf::sqlite {
using namespace codec;
namespace {

constexpr Sql kInsertEntry{
    "insert journal entry",
    "INSERT INTO journal_entries (kind, effective_on, currency, memo) VALUES (?, ?, ?, ?)"};
// An entry's postings go in with one statement: SQLite's cost is mostly per statement, so one statement per
// posting count (1..kMaxPostings) beats a statement per posting.
#define MF_POSTING_ROW "(?, ?, ?, ?, ?, ?, ?, ?)"
#define MF_INSERT_POSTINGS                                                                         \
    "INSERT INTO postings (entry_id, seq, account, currency, amount_minor, client_id, debtor_id, " \
    "invoice_id) VALUES "
constexpr std::array<Sql, JournalEntry::kMaxPostings> kInsertPostings{{
    {"insert postings", MF_INSERT_POSTINGS MF_POSTING_ROW},
    {"insert postings", MF_INSERT_POSTINGS MF_POSTING_ROW ", " MF_POSTING_ROW},
    {"insert postings", MF_INSERT_POSTINGS MF_POSTING_ROW ", " MF_POSTING_ROW ", " MF_POSTING_ROW},
    {"insert postings",
     MF_INSERT_POSTINGS MF_POSTING_ROW ", " MF_POSTING_ROW ", " MF_POSTING_ROW ", " MF_POSTING_ROW},
}};
#undef MF_INSERT_POSTINGS
#undef MF_POSTING_ROW
// Balance changes are summed in memory per transaction and written here, one row each, before commit.
constexpr Sql kAddToBalance{
    "add postings to balances",
    "INSERT INTO balances (account, client_id, debtor_id, currency, amount_minor) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (account, client_id, debtor_id, currency) DO UPDATE "
    "SET amount_minor = amount_minor + excluded.amount_minor"};

// Entries with their postings, one row per posting, read by read_entries().
#define MF_ENTRY_SELECT                                                                                 \
    "SELECT e.id, e.kind, e.effective_on, e.currency, e.memo, p.account, p.amount_minor, p.client_id, " \
    "p.debtor_id, p.invoice_id FROM journal_entries e LEFT JOIN postings p ON p.entry_id = e.id "
constexpr Sql kEntriesBetween{"list entries between dates", MF_ENTRY_SELECT
                              "WHERE e.effective_on BETWEEN ?1 AND ?2 "
                              "ORDER BY e.effective_on, e.id, p.seq"};
constexpr Sql kClientEntriesBetween{
    "list entries of a client between dates", MF_ENTRY_SELECT
    "WHERE e.effective_on BETWEEN ?1 AND ?2 "
    "AND EXISTS (SELECT 1 FROM postings c WHERE c.entry_id = e.id AND c.client_id = ?3) "
    "ORDER BY e.effective_on, e.id, p.seq"};
constexpr Sql kEntriesOfInvoice{"list entries of an invoice", MF_ENTRY_SELECT
                                "WHERE e.id IN (SELECT entry_id FROM postings WHERE invoice_id = ?1) "
                                "ORDER BY e.id, p.seq"};
constexpr Sql kEntriesPage{"list a page of entries", MF_ENTRY_SELECT
                           "WHERE e.id IN (SELECT id FROM journal_entries WHERE id > ?3 "
                           "AND effective_on BETWEEN ?1 AND ?2 ORDER BY id LIMIT ?4) "
                           "ORDER BY e.id, p.seq"};
#undef MF_ENTRY_SELECT

constexpr Sql kStoredBalances{"list stored balances", R"sql(
SELECT account, currency, client_id, debtor_id, amount_minor FROM balances
ORDER BY account, currency, client_id, debtor_id)sql"};
constexpr Sql kBalancesFromPostings{"sum balances from postings", R"sql(
SELECT account, currency, COALESCE(client_id, 0) AS client,
       CASE WHEN account = 'purchased_receivables' THEN COALESCE(debtor_id, 0) ELSE 0 END AS debtor,
       SUM(amount_minor) FROM postings
GROUP BY account, currency, client, debtor
ORDER BY account, currency, client, debtor)sql"};
constexpr Sql kReceivablesByInvoice{"sum receivables by invoice", R"sql(
SELECT invoice_id, SUM(amount_minor) FROM postings WHERE account = ?1 AND invoice_id IS NOT NULL
GROUP BY invoice_id ORDER BY invoice_id)sql"};
constexpr Sql kBookBalance{"read balance of the book", R"sql(
SELECT COALESCE(SUM(amount_minor), 0) FROM balances WHERE account = ?1 AND currency = ?2)sql"};
constexpr Sql kClientBalance{"read balance of a client", R"sql(
SELECT COALESCE(SUM(amount_minor), 0) FROM balances WHERE account = ?1 AND currency = ?2 AND client_id = ?3)sql"};
constexpr Sql kCountEntries{"count journal entries", "SELECT COUNT(*) FROM journal_entries"};

}  // namespace

Result<int64_t> SqliteTransaction::append_entry(const JournalEntry& entry) {
    MF_ASSERT(entry.balanced());
    MF_ASSERT(entry.posting_count <= JournalEntry::kMaxPostings);
    MF_TRY(auto insert_entry, db_.prepare(kInsertEntry));
    insert_entry.bind_text(to_string(entry.kind))
        .bind_date(entry.effective_on)
        .bind_currency(entry.currency)
        .bind_text(entry.memo);
    MF_CHECK(insert_entry.run());
    const int64_t entry_id = db_.last_insert_id();
    if (entry.posting_count == 0)
        return entry_id;

    MF_TRY(auto insert_postings, db_.prepare(kInsertPostings[entry.posting_count - 1]));
    int64_t seq = 0;
    for (const Posting& posting : entry) {
        const std::string_view account = to_string(posting.account);
        insert_postings.bind_int(entry_id)
            .bind_int(seq++)
            .bind_text(account)
            .bind_currency(entry.currency)
            .bind_int(posting.amount_minor)
            .bind_id(posting.client_id)
            .bind_id(posting.debtor_id)
            .bind_id(posting.invoice_id);
    }
    MF_CHECK(insert_postings.run());
    MF_CHECK(pending_balances_.add(entry));
    MF_CHECK(pending_flows_.add(entry));
    return entry_id;
}

Status SqliteTransaction::flush_balances() {
    MF_CHECK(flush_required_reserves());
    MF_CHECK(flush_flows());
    if (pending_balances_.empty())
        return ok();
    MF_TRY(auto add_to_balances, db_.prepare(kAddToBalance));
    return pending_balances_.flush([&](Account account, int64_t client_id, int64_t debtor_id,
                                       std::string_view currency, int64_t delta_minor) -> Status {
        add_to_balances.bind_text(to_string(account))
            .bind_int(client_id)
            .bind_int(debtor_id)
            .bind_text(currency)
            .bind_int(delta_minor);
        MF_CHECK(add_to_balances.run());
        add_to_balances.reset();
        return ok();
    });
}

Result<std::vector<JournalEntry>> SqliteTransaction::entries_between(Date from, Date to,
                                                                     std::optional<int64_t> client_id) {
    MF_TRY(auto statement, db_.prepare(client_id ? kClientEntriesBetween : kEntriesBetween));
    statement.bind_date(from).bind_date(to);
    if (client_id)
        statement.bind_int(*client_id);
    return read_entries(statement);
}

Result<std::vector<JournalEntry>> SqliteTransaction::entries_of_invoice(int64_t invoice_id) {
    MF_TRY(auto statement, db_.prepare(kEntriesOfInvoice));
    statement.bind_int(invoice_id);
    return read_entries(statement);
}

Result<std::vector<JournalEntry>> SqliteTransaction::entries_page(Date from, Date to, int64_t after_id,
                                                                  int64_t limit) {
    MF_ASSERT(limit > 0);
    MF_TRY(auto statement, db_.prepare(kEntriesPage));
    statement.bind_date(from).bind_date(to).bind_int(after_id).bind_int(limit);
    return read_entries(statement);
}

Result<std::vector<BalanceRow>> SqliteTransaction::stored_balances() {
    MF_CHECK(flush_balances());
    return query::rows<BalanceRow>(db_, kStoredBalances, read_balance<Statement>);
}

Result<std::vector<BalanceRow>> SqliteTransaction::balances_from_postings() {
    return query::rows<BalanceRow>(db_, kBalancesFromPostings, read_balance<Statement>);
}

Status SqliteTransaction::scan_receivables_by_invoice(
    const std::function<Status(int64_t invoice_id, int64_t minor)>& fn) {
    MF_TRY(auto statement, db_.prepare(kReceivablesByInvoice));
    statement.bind_text(to_string(Account::purchased_receivables));
    while (true) {
        MF_TRY(const bool more, statement.step());
        if (!more)
            return ok();
        const int64_t invoice_id = statement.column_int();
        MF_CHECK(fn(invoice_id, statement.column_int()));
    }
}

Result<int64_t> SqliteTransaction::balance_minor(Account account, Currency currency, int64_t client_id) {
    MF_CHECK(flush_balances());
    if (client_id != 0)
        return query::aggregate(db_, kClientBalance, to_string(account), currency, client_id);
    return query::aggregate(db_, kBookBalance, to_string(account), currency);
}

Result<int64_t> SqliteTransaction::count_entries() {
    return query::aggregate(db_, kCountEntries);
}

}  // namespace mf::sqlite
