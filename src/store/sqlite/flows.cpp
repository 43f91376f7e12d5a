// The flows of the SQLite transaction: sums of postings by day, currency, entry kind and account. SQLite
// groups with a sort of every posting of the period (a temporary B-tree), which on a day of a million
// fundings was most of close-day's time; here the postings stream out of the date index and are summed in a
// small ordered map (a few dozen groups), then handed on in the order the GROUP BY gave.
#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include "store/sqlite/sqlite_transaction.hpp"

namespace mf::sqlite {
namespace {

#define MF_FLOWS_SELECT                                                     \
    "SELECT e.effective_on, p.currency, e.kind, p.account, p.amount_minor " \
    "FROM journal_entries e JOIN postings p ON p.entry_id = e.id "          \
    "WHERE e.effective_on BETWEEN ?1 AND ?2"
constexpr Sql kFlowPostings{"sum the day's flows", MF_FLOWS_SELECT};
constexpr Sql kClientFlowPostings{"sum a client's flows", MF_FLOWS_SELECT " AND p.client_id = ?3"};
#undef MF_FLOWS_SELECT

// A text column read back through parse, reparsed only when the text differs from the previous row's.
template <class T>
class Memo {
  public:
    template <class Parse>
    Result<T> read(Statement& statement, Parse parse) {
        const int index = statement.column_index();
        const std::string_view text = statement.column_text_view();
        if (!value_ || text != text_) {
            auto parsed = parse(text);
            if (!parsed)
                return statement.corrupt(index, parsed.error().message);
            value_ = parsed.value();
            text_.assign(text);
        }
        return *value_;
    }

  private:
    std::string text_;
    std::optional<T> value_;
};

}  // namespace

Status SqliteTransaction::scan_flows(Date from, Date to, std::optional<int64_t> client_id,
                                     const std::function<Status(const FlowRow&)>& fn) {
    MF_TRY(auto statement, db_.prepare(client_id ? kClientFlowPostings : kFlowPostings));
    statement.bind_date(from).bind_date(to);
    if (client_id)
        statement.bind_int(*client_id);
    // Keyed as the GROUP BY orders its groups: the day, then the currency, kind and account by their names
    // (the kind's and account's names are static strings).
    using Key = std::tuple<Date, std::array<char, 3>, std::string_view, std::string_view>;
    std::map<Key, FlowRow> groups;
    Memo<Date> day;
    Memo<Currency> currency;
    Memo<EntryKind> kind;
    Memo<Account> account;
    while (true) {
        MF_TRY(const bool more, statement.step());
        if (!more)
            break;
        FlowRow row;
        MF_TRY(row.on, day.read(statement, [](std::string_view text) { return parse_date(text); }));
        MF_TRY(row.currency, currency.read(statement, Currency::from_code));
        MF_TRY(row.kind, kind.read(statement, parse_entry_kind));
        MF_TRY(row.account, account.read(statement, parse_account));
        row.amount_minor = statement.column_int();
        const std::string_view code = row.currency.code();
        auto [group, added] = groups.try_emplace(
            Key{row.on, {code[0], code[1], code[2]}, to_string(row.kind), to_string(row.account)}, row);
        if (!added)
            group->second.amount_minor += row.amount_minor;
    }
    for (const auto& [key, row] : groups)
        MF_CHECK(fn(row));
    return ok();
}

}  // namespace mf::sqlite
