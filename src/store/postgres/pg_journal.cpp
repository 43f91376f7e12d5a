// The journal of the PostgreSQL transaction: append-only entries and postings (one round trip per entry),
// the stored balances kept beside them in the same transaction, and the set-based sums verify compares them
// with.
#include <fmt/format.h>

#include <string>

#include "store/postgres/pg_transaction.hpp"
#include "store/queries.hpp"

namespace mf::pg {
using namespace codec;
namespace {

// An entry and its postings in one statement: the entry's row, then one VALUES row per posting. Shaped by
// the posting count (0..kMaxPostings). Parameters: $1 kind, $2 effective_on, $3 currency, $4 memo, then per
// posting seq, account, amount_minor, client_id, debtor_id, invoice_id.
constexpr Sql kAppendEntry{"append journal entry", nullptr};
constexpr int kEntryParameters = 4;
constexpr int kPostingParameters = 6;

std::string append_entry_text(uint32_t posting_count) {
    constexpr const char* kInsertEntry =
        "INSERT INTO journal_entries (kind, effective_on, currency, memo) VALUES ($1, $2, $3, $4) RETURNING "
        "id";
    if (posting_count == 0)
        return kInsertEntry;
    std::string rows;
    for (uint32_t posting = 0; posting < posting_count; ++posting) {
        const int first = kEntryParameters + 1 + static_cast<int>(posting) * kPostingParameters;
        rows += fmt::format("{}(${}::BIGINT, ${}::TEXT, ${}::BIGINT, ${}::BIGINT, ${}::BIGINT, ${}::BIGINT)",
                            posting == 0 ? "" : ", ", first, first + 1, first + 2, first + 3, first + 4,
                            first + 5);
    }
    return fmt::format(
        "WITH entry AS ({}), posted AS (INSERT INTO postings (entry_id, seq, account, currency, "
        "amount_minor, "
        "client_id, debtor_id, invoice_id) SELECT entry.id, p.seq, p.account, $3, p.amount_minor, "
        "p.client_id, "
        "p.debtor_id, p.invoice_id FROM entry, (VALUES {}) AS p (seq, account, amount_minor, client_id, "
        "debtor_id, invoice_id)) SELECT id FROM entry",
        kInsertEntry, rows);
}

// Balance changes are summed in memory per transaction and written here, one row each, before commit.
constexpr Sql kAddToBalance{"add postings to balances",
                            "INSERT INTO balances (account, client_id, debtor_id, currency, amount_minor) "
                            "VALUES ($1, $2, $3, $4, $5) "
                            "ON CONFLICT (account, client_id, debtor_id, currency) DO UPDATE "
                            "SET amount_minor = balances.amount_minor + excluded.amount_minor"};

// Entries with their postings, one row per posting, read by codec::read_entries().
#define MF_ENTRY_SELECT                                                                                 \
    "SELECT e.id, e.kind, e.effective_on, e.currency, e.memo, p.account, p.amount_minor, p.client_id, " \
    "p.debtor_id, p.invoice_id FROM journal_entries e LEFT JOIN postings p ON p.entry_id = e.id "
constexpr Sql kEntriesBetween{"list entries between dates", MF_ENTRY_SELECT
                              "WHERE e.effective_on BETWEEN $1 AND $2 "
                              "ORDER BY e.effective_on, e.id, p.seq"};
constexpr Sql kClientEntriesBetween{
    "list entries of a client between dates", MF_ENTRY_SELECT
    "WHERE e.effective_on BETWEEN $1 AND $2 "
    "AND EXISTS (SELECT 1 FROM postings c WHERE c.entry_id = e.id AND c.client_id = $3) "
    "ORDER BY e.effective_on, e.id, p.seq"};
constexpr Sql kEntriesOfInvoice{"list entries of an invoice", MF_ENTRY_SELECT
                                "WHERE e.id IN (SELECT entry_id FROM postings WHERE invoice_id = $1) "
                                "ORDER BY e.id, p.seq"};
constexpr Sql kEntriesPage{"list a page of entries", MF_ENTRY_SELECT
                           "WHERE e.id IN (SELECT id FROM journal_entries WHERE id > $3 "
                           "AND effective_on BETWEEN $1 AND $2 ORDER BY id LIMIT $4) "
                           "ORDER BY e.id, p.seq"};
#undef MF_ENTRY_SELECT

// Text is ordered byte-wise (COLLATE "C"), as SQLite orders it, whatever the database's locale.
constexpr Sql kStoredBalances{"list stored balances", R"sql(
SELECT account, currency, client_id, debtor_id, amount_minor FROM balances
ORDER BY account COLLATE "C", currency COLLATE "C", client_id, debtor_id)sql"};
constexpr Sql kBalancesFromPostings{"sum balances from postings", R"sql(
SELECT account, currency, COALESCE(client_id, 0) AS client,
       CASE WHEN account = 'purchased_receivables' THEN COALESCE(debtor_id, 0) ELSE 0 END AS debtor,
       SUM(amount_minor)::BIGINT FROM postings
GROUP BY account, currency, client, debtor
ORDER BY account COLLATE "C", currency COLLATE "C", client, debtor)sql"};
constexpr Sql kReceivablesByInvoice{"sum receivables by invoice", R"sql(
SELECT invoice_id, SUM(amount_minor)::BIGINT FROM postings WHERE account = $1 AND invoice_id IS NOT NULL
GROUP BY invoice_id ORDER BY invoice_id)sql"};
constexpr Sql kBookBalance{"read balance of the book", R"sql(
SELECT COALESCE(SUM(amount_minor), 0)::BIGINT FROM balances WHERE account = $1 AND currency = $2)sql"};
constexpr Sql kClientBalance{"read balance of a client", R"sql(
SELECT COALESCE(SUM(amount_minor), 0)::BIGINT FROM balances
WHERE account = $1 AND currency = $2 AND client_id = $3)sql"};
constexpr Sql kCountEntries{"count journal entries", "SELECT COUNT(*) FROM journal_entries"};

}  // namespace

Result<int64_t> PgTransaction::append_entry(const JournalEntry& entry) {
    MF_ASSERT(entry.balanced());
    MF_ASSERT(entry.posting_count <= JournalEntry::kMaxPostings);
    const auto posting_count = static_cast<uint32_t>(entry.posting_count);
    MF_TRY(auto statement, db_.prepare_shaped(kAppendEntry, posting_count,
                                              [posting_count] { return append_entry_text(posting_count); }));
    statement.bind_text(to_string(entry.kind))
        .bind_date(entry.effective_on)
        .bind_currency(entry.currency)
        .bind_text(entry.memo);
    int64_t seq = 0;
    for (const Posting& posting : entry) {
        statement.bind_int(seq++)
            .bind_text(to_string(posting.account))
            .bind_int(posting.amount_minor)
            .bind_id(posting.client_id)
            .bind_id(posting.debtor_id)
            .bind_id(posting.invoice_id);
    }
    MF_TRY(const int64_t entry_id, returned_id(statement));
    MF_CHECK(pending_balances_.add(entry));
    MF_CHECK(pending_flows_.add(entry));
    return entry_id;
}

Status PgTransaction::flush_balances() {
    MF_CHECK(flush_required_reserves());
    MF_CHECK(flush_flows());
    if (pending_balances_.empty())
        return ok();
    return pending_balances_.flush([&](Account account, int64_t client_id, int64_t debtor_id,
                                       std::string_view currency, int64_t delta_minor) -> Status {
        MF_TRY(auto add_to_balances, db_.prepare(kAddToBalance));
        add_to_balances.bind_text(to_string(account))
            .bind_int(client_id)
            .bind_int(debtor_id)
            .bind_text(currency)
            .bind_int(delta_minor);
        return add_to_balances.run();
    });
}

Result<std::vector<JournalEntry>> PgTransaction::entries_between(Date from, Date to,
                                                                 std::optional<int64_t> client_id) {
    MF_TRY(auto statement, db_.prepare(client_id ? kClientEntriesBetween : kEntriesBetween));
    statement.bind_date(from).bind_date(to);
    if (client_id)
        statement.bind_int(*client_id);
    return read_entries(statement);
}

Result<std::vector<JournalEntry>> PgTransaction::entries_of_invoice(int64_t invoice_id) {
    MF_TRY(auto statement, db_.prepare(kEntriesOfInvoice));
    statement.bind_int(invoice_id);
    return read_entries(statement);
}

Result<std::vector<JournalEntry>> PgTransaction::entries_page(Date from, Date to, int64_t after_id,
                                                              int64_t limit) {
    MF_ASSERT(limit > 0);
    MF_TRY(auto statement, db_.prepare(kEntriesPage));
    statement.bind_date(from).bind_date(to).bind_int(after_id).bind_int(limit);
    return read_entries(statement);
}

Result<std::vector<BalanceRow>> PgTransaction::stored_balances() {
    MF_CHECK(flush_balances());
    return query::rows<BalanceRow>(db_, kStoredBalances, read_balance<Statement>);
}

Result<std::vector<BalanceRow>> PgTransaction::balances_from_postings() {
    return query::rows<BalanceRow>(db_, kBalancesFromPostings, read_balance<Statement>);
}

Status PgTransaction::scan_receivables_by_invoice(
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

Result<int64_t> PgTransaction::balance_minor(Account account, Currency currency, int64_t client_id) {
    MF_CHECK(flush_balances());
    if (client_id != 0)
        return query::aggregate(db_, kClientBalance, to_string(account), currency, client_id);
    return query::aggregate(db_, kBookBalance, to_string(account), currency);
}

Result<int64_t> PgTransaction::count_entries() {
    return query::aggregate(db_, kCountEntries);
}

}  // namespace mf::pg
