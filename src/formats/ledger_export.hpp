// Books out (FORMATS.md): the journal as a ledger-cli / hledger journal, a beancount file or CSV journal
// lines, written entry by entry so a caller can stream a journal of any length in pages. No input text
// (memos, names, invoice numbers) can break the syntax: it is sanitised per format. Pure functions;
// thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/ledger.hpp"
#include "core/money.hpp"

namespace mf::formats {

// ledger and hledger read the same journal (one syntax both accept, checked against both tools).
enum class JournalFormat { ledger, hledger, beancount, csv };
Result<JournalFormat> parse_journal_format(std::string_view text);
std::string_view to_string(JournalFormat format);
std::string_view content_type(JournalFormat format);    // "text/plain; charset=utf-8", "text/csv; ..."
std::string_view file_extension(JournalFormat format);  // "journal", "beancount", "csv"

// The names shown beside ids: clients and debtors by id, invoices by id -> invoice number. A name that is
// missing is left out (the id is enough to balance).
struct JournalNames {
    std::unordered_map<int64_t, std::string> clients;
    std::unordered_map<int64_t, std::string> debtors;
    std::unordered_map<int64_t, std::string> invoices;
};

// An account as the exports name it: an account of the chart, with the client as a sub-account where the
// account is kept per client (purchased_receivables, client_reserve, fee_income, charge_income,
// credit_losses), and the debtor below it for purchased_receivables. cash, unapplied_cash and funding_capital
// are the factor's own: no sub-account (the posting's client and debtor go in tags).
struct JournalAccount {
    Account account = Account::cash;
    int64_t client_id = 0;
    int64_t debtor_id = 0;
    friend bool operator==(const JournalAccount&, const JournalAccount&) = default;
};
JournalAccount journal_account(Account account, int64_t client_id, int64_t debtor_id);
// "assets:purchased_receivables:cli_3:dbt_7" (ledger, hledger, csv: the plain account) or
// "Assets:PurchasedReceivables:Cli-3:Dbt-7" (beancount).
std::string account_name(JournalFormat format, const JournalAccount& account);

// What the file declares before its first entry: commodities with their decimals, every account the entries
// post to (with its type), the tags, and for beancount the date the accounts open on (on or before the first
// entry).
struct JournalHeader {
    std::string title;  // one line, e.g. "microfactor journal, entries 2026-01-01 to 2026-06-30"
    Date opened_on;
    std::vector<Currency> currencies;
    std::vector<JournalAccount> accounts;
};
void append_journal_header(std::string& out, JournalFormat format, const JournalHeader& header,
                           const JournalNames& names);
// One transaction (ledger, hledger, beancount) or one CSV row per posting.
void append_journal_entry(std::string& out, JournalFormat format, const JournalEntry& entry,
                          const JournalNames& names);

}  // namespace mf::formats
