// verify's sums of the SQLite transaction in one read of the postings, in their primary-key order (entry,
// then posting): the three GROUP BY queries each cost SQLite a scan, two of them a sort of every posting and
// the third a lookup per posting, which on a book of millions of postings was most of verify's time. Here the
// balances are summed in a hash table (a few thousand keys), the receivables per invoice in an array by
// invoice id (ids are dense: the book never gives one) and each entry's balance as its postings go by.
#include <algorithm>
#include <array>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "store/queries.hpp"
#include "store/sqlite/sqlite_transaction.hpp"

namespace mf::sqlite {
using namespace codec;
namespace {

constexpr Sql kAllPostings{"read every posting", R"sql(
SELECT entry_id, account, currency, amount_minor, COALESCE(client_id, 0), COALESCE(debtor_id, 0),
       COALESCE(invoice_id, 0)
FROM postings ORDER BY entry_id, seq)sql"};
// The entries beside the postings, both in entry order: a merge of two ordered reads, where a join would look
// every posting's entry up.
constexpr Sql kAllEntries{"read every entry's day and kind",
                          "SELECT id, effective_on, kind FROM journal_entries ORDER BY id"};
constexpr Sql kMaxInvoiceId{"read the largest invoice id", "SELECT COALESCE(MAX(id), 0) FROM invoices"};
constexpr Sql kCountInvoices{"count invoices", "SELECT COUNT(*) FROM invoices"};

struct BalanceKey {
    Account account;
    std::array<char, 3> currency;
    int64_t client_id;
    int64_t debtor_id;
    bool operator==(const BalanceKey&) const = default;
};

struct BalanceKeyHash {
    size_t operator()(const BalanceKey& key) const {
        uint64_t h = static_cast<uint64_t>(key.account) * 0x9E3779B97F4A7C15ull;
        h ^= (static_cast<uint64_t>(static_cast<unsigned char>(key.currency[0])) << 16 |
              static_cast<uint64_t>(static_cast<unsigned char>(key.currency[1])) << 8 |
              static_cast<uint64_t>(static_cast<unsigned char>(key.currency[2]))) +
             0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
        h ^= static_cast<uint64_t>(key.client_id) + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
        h ^= static_cast<uint64_t>(key.debtor_id) + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
        return static_cast<size_t>(h);
    }
};

// The day's flows per day, currency, entry kind, account and client, summed in a hash table (one key per
// client, account and kind a day: far fewer than postings).
struct FlowKey {
    int32_t day;
    EntryKind kind;
    Account account;
    std::array<char, 3> currency;
    int64_t client_id;
    bool operator==(const FlowKey&) const = default;
};

struct FlowKeyHash {
    size_t operator()(const FlowKey& key) const {
        uint64_t h = static_cast<uint64_t>(static_cast<uint32_t>(key.day)) * 0x9E3779B97F4A7C15ull;
        h ^= (static_cast<uint64_t>(key.kind) << 8 | static_cast<uint64_t>(key.account)) +
             0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
        h ^= (static_cast<uint64_t>(static_cast<unsigned char>(key.currency[0])) << 16 |
              static_cast<uint64_t>(static_cast<unsigned char>(key.currency[1])) << 8 |
              static_cast<uint64_t>(static_cast<unsigned char>(key.currency[2]))) +
             0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
        h ^= static_cast<uint64_t>(key.client_id) + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
        return static_cast<size_t>(h);
    }
};

// The entry of the postings being read: the entries are read in id order beside them, and each posting's
// entry is found by stepping forward (the foreign key says it is there).
class EntryCursor {
  public:
    explicit EntryCursor(Statement statement) : statement_(std::move(statement)) {}

    Status seek(int64_t entry_id) {
        while (id_ < entry_id) {
            MF_TRY(const bool more, statement_.step());
            if (!more)
                break;
            id_ = statement_.column_int();
            MF_TRY(day_, statement_.column_date());
            const int kind_column = statement_.column_index();
            const std::string_view kind_text = statement_.column_text_view();
            if (kind_text != kind_text_) {
                auto parsed = parse_entry_kind(kind_text);
                if (!parsed)
                    return statement_.corrupt(kind_column, parsed.error().message);
                kind_ = parsed.value();
                kind_text_.assign(kind_text);
            }
        }
        if (id_ != entry_id)
            return make_error("storage_error", "read every entry's day and kind: the postings of entry " +
                                                   std::to_string(entry_id) + " have no journal entry");
        return ok();
    }
    Date day() const { return day_; }
    EntryKind kind() const { return kind_; }

  private:
    Statement statement_;
    int64_t id_ = 0;
    Date day_;
    EntryKind kind_ = EntryKind::capital_contributed;
    std::string kind_text_;
};

// The receivables per invoice: an array indexed by id up to the largest invoice id (ids are dense: the book
// never gives one), a hash table for any other id (none while the foreign key holds).
class InvoiceSums {
  public:
    InvoiceSums(int64_t max_id, int64_t count) {
        if (max_id <= 4 * count + 4096) {
            dense_.assign(static_cast<size_t>(max_id) + 1, 0);
            seen_.assign(static_cast<size_t>(max_id) + 1, false);
        }
    }
    void add(int64_t invoice_id, int64_t minor) {
        if (invoice_id < 0 || static_cast<uint64_t>(invoice_id) >= dense_.size()) {
            sparse_[invoice_id] += minor;
            return;
        }
        dense_[static_cast<size_t>(invoice_id)] += minor;
        seen_[static_cast<size_t>(invoice_id)] = true;
    }
    std::vector<std::pair<int64_t, int64_t>> ascending() const {
        std::vector<std::pair<int64_t, int64_t>> out(sparse_.begin(), sparse_.end());
        for (size_t id = 0; id < dense_.size(); ++id) {
            if (seen_[id])
                out.emplace_back(static_cast<int64_t>(id), dense_[id]);
        }
        std::sort(out.begin(), out.end());
        return out;
    }

  private:
    std::vector<int64_t> dense_;
    std::vector<bool> seen_;
    std::unordered_map<int64_t, int64_t> sparse_;
};

// One entry's sums per currency as its postings go by (an entry has one currency; more are summed apart, as
// the GROUP BY entry_id, currency of unbalanced_entries() does).
struct EntrySums {
    int64_t entry_id = 0;
    std::vector<std::pair<std::array<char, 3>, int64_t>> by_currency;

    void close(std::vector<int64_t>& unbalanced) {
        for (const auto& [currency, sum] : by_currency) {
            if (sum != 0)
                unbalanced.push_back(entry_id);
        }
        by_currency.clear();
    }
    void add(std::array<char, 3> currency, int64_t minor) {
        for (auto& [code, sum] : by_currency) {
            if (code == currency) {
                sum += minor;
                return;
            }
        }
        by_currency.emplace_back(currency, minor);
    }
};

}  // namespace

Result<PostingSums> SqliteTransaction::posting_sums() {
    MF_TRY(const int64_t max_invoice_id, query::aggregate(db_, kMaxInvoiceId));
    MF_TRY(const int64_t invoice_count, query::aggregate(db_, kCountInvoices));
    InvoiceSums receivables(max_invoice_id, invoice_count);
    std::unordered_map<BalanceKey, int64_t, BalanceKeyHash> balances;
    PostingSums sums;
    EntrySums entry;
    // The text of the previous row's account and currency, so most rows parse neither.
    std::string last_account_text;
    Account last_account = Account::cash;
    std::array<char, 3> last_code{0, 0, 0};
    std::vector<Currency> currencies;

    std::unordered_map<FlowKey, int64_t, FlowKeyHash> flows;
    MF_TRY(auto entries, db_.prepare(kAllEntries));
    EntryCursor entry_of(std::move(entries));

    MF_TRY(auto statement, db_.prepare(kAllPostings));
    while (true) {
        MF_TRY(const bool more, statement.step());
        if (!more)
            break;
        const int64_t entry_id = statement.column_int();
        const int account_column = statement.column_index();
        const std::string_view account_text = statement.column_text_view();
        if (account_text != last_account_text) {
            auto parsed = parse_account(account_text);
            if (!parsed)
                return statement.corrupt(account_column, parsed.error().message);
            last_account = parsed.value();
            last_account_text.assign(account_text);
        }
        const int currency_column = statement.column_index();
        const std::string_view code_text = statement.column_text_view();
        if (code_text.size() != 3 || code_text != std::string_view(last_code.data(), 3)) {
            auto currency = Currency::from_code(code_text);
            if (!currency)
                return statement.corrupt(currency_column, currency.error().message);
            std::copy_n(code_text.data(), 3, last_code.begin());
            if (std::none_of(currencies.begin(), currencies.end(),
                             [&](const Currency& c) { return c == currency.value(); }))
                currencies.push_back(currency.value());
        }
        const int64_t amount_minor = statement.column_int();
        const int64_t client_id = statement.column_int();
        const int64_t debtor_id = statement.column_int();
        const int64_t invoice_id = statement.column_int();

        if (entry_id != entry.entry_id) {
            entry.close(sums.unbalanced_entries);
            entry.entry_id = entry_id;
            MF_CHECK(entry_of.seek(entry_id));
        }
        flows[FlowKey{entry_of.day().days_since_epoch(), entry_of.kind(), last_account, last_code,
                      client_id}] += amount_minor;
        entry.add(last_code, amount_minor);
        const bool receivable = last_account == Account::purchased_receivables;
        balances[BalanceKey{last_account, last_code, client_id, receivable ? debtor_id : 0}] += amount_minor;
        if (receivable && invoice_id != 0)
            receivables.add(invoice_id, amount_minor);
    }
    entry.close(sums.unbalanced_entries);

    const auto currency_of = [&](const std::array<char, 3>& code) {
        return *std::find_if(currencies.begin(), currencies.end(),
                             [&](const Currency& c) { return c.code() == std::string_view(code.data(), 3); });
    };
    for (const auto& [key, amount_minor] : balances) {
        BalanceRow row;
        row.account = key.account;
        row.currency = currency_of(key.currency);
        row.client_id = key.client_id;
        row.debtor_id = key.debtor_id;
        row.amount_minor = amount_minor;
        sums.balances.push_back(row);
    }
    // In the order of balances_from_postings(): account and currency by name, then client and debtor.
    std::sort(sums.balances.begin(), sums.balances.end(), [](const BalanceRow& a, const BalanceRow& b) {
        return std::make_tuple(to_string(a.account), a.currency.code(), a.client_id, a.debtor_id) <
               std::make_tuple(to_string(b.account), b.currency.code(), b.client_id, b.debtor_id);
    });
    sums.receivables_by_invoice = receivables.ascending();
    sums.flows.reserve(flows.size());
    for (const auto& [key, amount_minor] : flows) {
        sums.flows.push_back(FlowRow{Date::from_days(key.day), currency_of(key.currency), key.kind,
                                     key.account, amount_minor, key.client_id});
    }
    return sums;
}

}  // namespace mf::sqlite
