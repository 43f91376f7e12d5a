#include "formats/ledger_export.hpp"

#include <fmt/format.h>

#include <array>
#include <iterator>
#include <set>

#include "core/ids.hpp"
#include "formats/csv.hpp"

namespace mf::formats {
namespace {

// ---- text that cannot break a syntax ----

// Valid UTF-8 (both tools refuse a file that is not): an invalid byte becomes '?'.
std::string valid_utf8(std::string_view text) {
    std::string out(text);
    size_t from = 0;
    while (auto bad = first_invalid_utf8(std::string_view(out).substr(from))) {
        from += *bad;
        out[from++] = '?';
    }
    return out;
}

// One line of text: control characters (line breaks, tabs) become spaces, the characters in `replaced` become
// `replacement`, runs of spaces shrink to one (two spaces end an account name or a payee in ledger) and the
// ends are trimmed.
std::string one_line(std::string_view text, std::string_view replaced = {}, char replacement = ' ') {
    const std::string valid = valid_utf8(text);
    std::string out;
    out.reserve(valid.size());
    for (char c : valid) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f)
            c = ' ';
        else if (replaced.find(c) != std::string_view::npos)
            c = replacement;
        if (c == ' ' && (out.empty() || out.back() == ' '))
            continue;
        out += c;
    }
    if (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

// A ledger/hledger description: ';' would start a comment (hledger: anywhere in it).
std::string journal_text(std::string_view text) {
    return one_line(text, ";", ',');
}
// A tag value: hledger ends it at a comma.
std::string journal_tag_value(std::string_view text) {
    return one_line(text, ",", ' ');
}
// A beancount string: quotes and backslashes escaped.
std::string beancount_string(std::string_view text) {
    std::string out = "\"";
    for (char c : one_line(text)) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    out += '"';
    return out;
}
// A CSV text field as written (line breaks and all, the CSV quoting keeps them), but one a spreadsheet would
// read as a formula gets a leading apostrophe.
std::string csv_text(std::string_view text) {
    std::string out = valid_utf8(text);
    if (!out.empty() && std::string_view("=+-@\t\r").find(out.front()) != std::string_view::npos)
        out.insert(out.begin(), '\'');
    return out;
}

// ---- accounts ----

bool kept_per_client(Account account) {
    return account != Account::cash && account != Account::unapplied_cash &&
           account != Account::funding_capital;
}

std::string_view root_name(AccountType type) {
    switch (type) {
        case AccountType::asset:
            return "assets";
        case AccountType::liability:
            return "liabilities";
        case AccountType::income:
            return "income";
        case AccountType::expense:
            return "expenses";
        case AccountType::equity:
            return "equity";
    }
    MF_ASSERT(false);
}

constexpr std::array<AccountType, 5> kAccountTypes{AccountType::asset, AccountType::liability,
                                                   AccountType::equity, AccountType::income,
                                                   AccountType::expense};

// hledger's account type codes (ledger reads the tag as a comment).
char hledger_type(AccountType type) {
    switch (type) {
        case AccountType::asset:
            return 'A';
        case AccountType::liability:
            return 'L';
        case AccountType::income:
            return 'R';
        case AccountType::expense:
            return 'X';
        case AccountType::equity:
            return 'E';
    }
    MF_ASSERT(false);
}

// "purchased_receivables" -> "PurchasedReceivables"; beancount components start with a capital letter.
std::string capitalised(std::string_view snake) {
    std::string out;
    bool upper = true;
    for (char c : snake) {
        if (c == '_') {
            upper = true;
            continue;
        }
        out += upper ? static_cast<char>(c - 'a' + 'A') : c;
        upper = false;
    }
    return out;
}

std::string amount_text(JournalFormat format, int64_t minor, Currency currency) {
    if (format == JournalFormat::beancount)
        return fmt::format("{} {}", format_amount(minor, currency), currency.code());
    return fmt::format("{} {}", currency.code(), format_amount(minor, currency));
}

const std::string* name_of(const std::unordered_map<int64_t, std::string>& names, int64_t id) {
    if (id == 0)
        return nullptr;
    const auto found = names.find(id);
    return found == names.end() ? nullptr : &found->second;
}

// ---- the three syntaxes ----

// A posting's ids (and its invoice's number) as key and value: tags in a journal, metadata in beancount.
template <class Emit>
void for_each_posting_id(const Posting& posting, const JournalNames& names, const Emit& emit) {
    if (posting.client_id != 0)
        emit("client", format_id(IdKind::client, posting.client_id));
    if (posting.debtor_id != 0)
        emit("debtor", format_id(IdKind::debtor, posting.debtor_id));
    if (posting.invoice_id != 0)
        emit("invoice", format_id(IdKind::invoice, posting.invoice_id));
    if (const auto* number = name_of(names.invoices, posting.invoice_id))
        emit("invoice_number", *number);
}

void append_ledger_header(std::string& out, const JournalHeader& header, const JournalNames& names) {
    fmt::format_to(std::back_inserter(out), "; {}\n; Read with: hledger -f FILE bal, ledger -f FILE bal\n\n",
                   journal_text(header.title));
    for (const Currency& currency : header.currencies) {
        // hledger needs the decimal point even with no decimals ("JPY 1000."); both read "format".
        const std::string sample = format_amount(1000 * currency.minor_per_major(), currency);
        fmt::format_to(std::back_inserter(out), "commodity {0}\n    format {0} {1}{2}\n", currency.code(),
                       sample, currency.exponent() == 0 ? "." : "");
    }
    out += "\ntag client\ntag debtor\ntag invoice\ntag invoice_number\n\n";
    for (AccountType type : kAccountTypes)
        fmt::format_to(std::back_inserter(out), "account {}  ; type: {}\n", root_name(type),
                       hledger_type(type));
    for (Account account : kAllAccounts)
        fmt::format_to(std::back_inserter(out), "account {}\n",
                       account_name(JournalFormat::ledger, JournalAccount{account}));
    for (const JournalAccount& account : header.accounts) {
        if (account.client_id != 0)
            fmt::format_to(std::back_inserter(out), "account {}\n",
                           account_name(JournalFormat::ledger, account));
    }
    // The names, as comment lines (which neither tool reads), each party once.
    std::set<int64_t> clients, debtors;
    for (const JournalAccount& account : header.accounts) {
        clients.insert(account.client_id);
        debtors.insert(account.debtor_id);
    }
    out += "\n; Clients and debtors of the sub-accounts and tags:\n";
    for (int64_t id : clients) {
        if (const auto* name = name_of(names.clients, id))
            fmt::format_to(std::back_inserter(out), "; {}  {}\n", format_id(IdKind::client, id),
                           one_line(*name));
    }
    for (int64_t id : debtors) {
        if (const auto* name = name_of(names.debtors, id))
            fmt::format_to(std::back_inserter(out), "; {}  {}\n", format_id(IdKind::debtor, id),
                           one_line(*name));
    }
    out += '\n';
}

void append_ledger_entry(std::string& out, const JournalEntry& entry, const JournalNames& names) {
    fmt::format_to(std::back_inserter(out), "{} * ({}) {}", entry.effective_on.to_string(),
                   format_id(IdKind::entry, entry.id), to_string(entry.kind));
    if (const std::string memo = journal_text(entry.memo); !memo.empty())
        fmt::format_to(std::back_inserter(out), " | {}", memo);
    out += '\n';
    for (const Posting& posting : entry) {
        const auto account = journal_account(posting.account, posting.client_id, posting.debtor_id);
        fmt::format_to(std::back_inserter(out), "    {}  {}\n", account_name(JournalFormat::ledger, account),
                       amount_text(JournalFormat::ledger, posting.amount_minor, entry.currency));
        for_each_posting_id(posting, names, [&](std::string_view key, std::string_view value) {
            fmt::format_to(std::back_inserter(out), "        ; {}: {}\n", key, journal_tag_value(value));
        });
    }
    out += '\n';
}

void append_beancount_meta(std::string& out, std::string_view indent, std::string_view key,
                           std::string_view value) {
    fmt::format_to(std::back_inserter(out), "{}{}: {}\n", indent, key, beancount_string(value));
}

void append_beancount_header(std::string& out, const JournalHeader& header, const JournalNames& names) {
    fmt::format_to(std::back_inserter(out), "; {}\n; Check with: bean-check FILE\n\noption \"title\" {}\n\n",
                   one_line(header.title), beancount_string(header.title));
    const std::string opened = header.opened_on.to_string();
    for (const Currency& currency : header.currencies)
        fmt::format_to(std::back_inserter(out), "{} commodity {}\n", opened, currency.code());
    out += '\n';
    auto open = [&](const JournalAccount& account) {
        fmt::format_to(std::back_inserter(out), "{} open {}\n", opened,
                       account_name(JournalFormat::beancount, account));
        constexpr std::string_view kIndent = "  ";
        if (account.client_id != 0)
            append_beancount_meta(out, kIndent, "client", format_id(IdKind::client, account.client_id));
        if (const auto* name = name_of(names.clients, account.client_id))
            append_beancount_meta(out, kIndent, "client_name", *name);
        if (account.debtor_id != 0)
            append_beancount_meta(out, kIndent, "debtor", format_id(IdKind::debtor, account.debtor_id));
        if (const auto* name = name_of(names.debtors, account.debtor_id))
            append_beancount_meta(out, kIndent, "debtor_name", *name);
    };
    for (Account account : kAllAccounts)
        open(JournalAccount{account});
    for (const JournalAccount& account : header.accounts) {
        if (account.client_id != 0)
            open(account);
    }
    out += '\n';
}

void append_beancount_entry(std::string& out, const JournalEntry& entry, const JournalNames& names) {
    fmt::format_to(std::back_inserter(out), "{} * {} {}\n", entry.effective_on.to_string(),
                   beancount_string(to_string(entry.kind)), beancount_string(entry.memo));
    append_beancount_meta(out, "  ", "entry", format_id(IdKind::entry, entry.id));
    for (const Posting& posting : entry) {
        const auto account = journal_account(posting.account, posting.client_id, posting.debtor_id);
        fmt::format_to(std::back_inserter(out), "  {}  {}\n", account_name(JournalFormat::beancount, account),
                       amount_text(JournalFormat::beancount, posting.amount_minor, entry.currency));
        for_each_posting_id(posting, names, [&](std::string_view key, std::string_view value) {
            append_beancount_meta(out, "    ", key, value);
        });
    }
    out += '\n';
}

void append_csv_header(std::string& out) {
    append_csv_row(
        out, {"entry_id", "date", "kind", "memo", "account", "client_id", "debtor_id", "invoice_id", "debit",
              "credit", "currency", "client_name", "debtor_name", "invoice_number"});
}

std::string optional_id(IdKind kind, int64_t id) {
    return id == 0 ? std::string() : format_id(kind, id);
}

std::string optional_name(const std::unordered_map<int64_t, std::string>& names, int64_t id) {
    const auto* name = name_of(names, id);
    return name ? csv_text(*name) : std::string();
}

void append_csv_entry(std::string& out, const JournalEntry& entry, const JournalNames& names) {
    const std::string entry_id = format_id(IdKind::entry, entry.id);
    const std::string date = entry.effective_on.to_string();
    const std::string memo = csv_text(entry.memo);
    for (const Posting& posting : entry) {
        const std::string amount = format_amount(
            posting.amount_minor < 0 ? -posting.amount_minor : posting.amount_minor, entry.currency);
        const std::string client = optional_id(IdKind::client, posting.client_id);
        const std::string debtor = optional_id(IdKind::debtor, posting.debtor_id);
        const std::string invoice = optional_id(IdKind::invoice, posting.invoice_id);
        const std::string client_name = optional_name(names.clients, posting.client_id);
        const std::string debtor_name = optional_name(names.debtors, posting.debtor_id);
        const std::string invoice_number = optional_name(names.invoices, posting.invoice_id);
        const bool debit = posting.amount_minor > 0;
        append_csv_row(out, {entry_id, date, to_string(entry.kind), memo, to_string(posting.account), client,
                             debtor, invoice, debit ? amount : "", debit ? "" : amount, entry.currency.code(),
                             client_name, debtor_name, invoice_number});
    }
}

}  // namespace

Result<JournalFormat> parse_journal_format(std::string_view text) {
    for (auto format :
         {JournalFormat::ledger, JournalFormat::hledger, JournalFormat::beancount, JournalFormat::csv}) {
        if (to_string(format) == text)
            return format;
    }
    return make_error("invalid_format",
                      fmt::format("unknown journal format '{}': ledger, hledger, beancount or csv", text),
                      "format");
}

std::string_view to_string(JournalFormat format) {
    switch (format) {
        case JournalFormat::ledger:
            return "ledger";
        case JournalFormat::hledger:
            return "hledger";
        case JournalFormat::beancount:
            return "beancount";
        case JournalFormat::csv:
            return "csv";
    }
    MF_ASSERT(false);
}

std::string_view content_type(JournalFormat format) {
    return format == JournalFormat::csv ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8";
}

std::string_view file_extension(JournalFormat format) {
    switch (format) {
        case JournalFormat::ledger:
        case JournalFormat::hledger:
            return "journal";
        case JournalFormat::beancount:
            return "beancount";
        case JournalFormat::csv:
            return "csv";
    }
    MF_ASSERT(false);
}

JournalAccount journal_account(Account account, int64_t client_id, int64_t debtor_id) {
    if (!kept_per_client(account))
        return JournalAccount{account};
    return JournalAccount{account, client_id, account == Account::purchased_receivables ? debtor_id : 0};
}

std::string account_name(JournalFormat format, const JournalAccount& account) {
    const AccountType type = account_type(account.account);
    std::string out;
    if (format == JournalFormat::beancount) {
        out = capitalised(root_name(type)) + ":" + capitalised(to_string(account.account));
        if (account.client_id != 0)
            out += fmt::format(":Cli-{}", account.client_id);
        if (account.debtor_id != 0)
            out += fmt::format(":Dbt-{}", account.debtor_id);
        return out;
    }
    out = fmt::format("{}:{}", root_name(type), to_string(account.account));
    if (account.client_id != 0)
        out += ":" + format_id(IdKind::client, account.client_id);
    if (account.debtor_id != 0)
        out += ":" + format_id(IdKind::debtor, account.debtor_id);
    return out;
}

void append_journal_header(std::string& out, JournalFormat format, const JournalHeader& header,
                           const JournalNames& names) {
    switch (format) {
        case JournalFormat::ledger:
        case JournalFormat::hledger:
            return append_ledger_header(out, header, names);
        case JournalFormat::beancount:
            return append_beancount_header(out, header, names);
        case JournalFormat::csv:
            return append_csv_header(out);
    }
}

void append_journal_entry(std::string& out, JournalFormat format, const JournalEntry& entry,
                          const JournalNames& names) {
    switch (format) {
        case JournalFormat::ledger:
        case JournalFormat::hledger:
            return append_ledger_entry(out, entry, names);
        case JournalFormat::beancount:
            return append_beancount_entry(out, entry, names);
        case JournalFormat::csv:
            return append_csv_entry(out, entry, names);
    }
}

}  // namespace mf::formats
