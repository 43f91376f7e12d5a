#include "core/ledger.hpp"

#include <algorithm>

#include <utility>

namespace mf {
namespace {

struct AccountInfo {
    Account account;
    std::string_view name;
    AccountType type;
};
constexpr std::array<AccountInfo, 8> kAccounts{{
    {Account::cash, "cash", AccountType::asset},
    {Account::purchased_receivables, "purchased_receivables", AccountType::asset},
    {Account::client_reserve, "client_reserve", AccountType::liability},
    {Account::unapplied_cash, "unapplied_cash", AccountType::liability},
    {Account::fee_income, "fee_income", AccountType::income},
    {Account::charge_income, "charge_income", AccountType::income},
    {Account::credit_losses, "credit_losses", AccountType::expense},
    {Account::funding_capital, "funding_capital", AccountType::equity},
}};

constexpr std::array<std::pair<EntryKind, std::string_view>, 14> kEntryKinds{{
    {EntryKind::capital_contributed, "capital_contributed"},
    {EntryKind::invoice_funded, "invoice_funded"},
    {EntryKind::charge, "charge"},
    {EntryKind::fee_accrued, "fee_accrued"},
    {EntryKind::receipt_unapplied, "receipt_unapplied"},
    {EntryKind::receipt_applied, "receipt_applied"},
    {EntryKind::client_credit, "client_credit"},
    {EntryKind::dilution, "dilution"},
    {EntryKind::chargeback, "chargeback"},
    {EntryKind::credit_loss, "credit_loss"},
    {EntryKind::misdirected_payment, "misdirected_payment"},
    {EntryKind::client_payment, "client_payment"},
    {EntryKind::rebate_paid, "rebate_paid"},
    {EntryKind::recovery, "recovery"},
}};

const AccountInfo& info(Account account) {
    for (const auto& row : kAccounts) {
        if (row.account == account)
            return row;
    }
    MF_ASSERT(false);
}

JournalEntry start(EntryKind kind, Date on, Currency currency, std::string memo) {
    JournalEntry entry;
    entry.kind = kind;
    entry.effective_on = on;
    entry.currency = currency;
    entry.memo = std::move(memo);
    return entry;
}

JournalEntry finish(JournalEntry entry) {
    MF_ASSERT(entry.posting_count >= 2);
    MF_ASSERT(entry.balanced());
    return entry;
}

Account source_account(ReceiptSource source) {
    return source == ReceiptSource::cash ? Account::cash : Account::unapplied_cash;
}

}  // namespace

AccountType account_type(Account account) {
    return info(account).type;
}
std::string_view to_string(Account account) {
    return info(account).name;
}

std::string_view to_string(AccountType type) {
    switch (type) {
        case AccountType::asset:
            return "asset";
        case AccountType::liability:
            return "liability";
        case AccountType::income:
            return "income";
        case AccountType::expense:
            return "expense";
        case AccountType::equity:
            return "equity";
    }
    MF_ASSERT(false);
}

Result<Account> parse_account(std::string_view text) {
    for (const auto& row : kAccounts) {
        if (row.name == text)
            return row.account;
    }
    return make_error("invalid_account", "unknown account '" + std::string(text) + "'", "account");
}

int64_t natural_sign(Account account) {
    const auto type = account_type(account);
    return type == AccountType::asset || type == AccountType::expense ? 1 : -1;
}

std::string_view to_string(EntryKind kind) {
    for (const auto& [candidate, name] : kEntryKinds) {
        if (candidate == kind)
            return name;
    }
    MF_ASSERT(false);
}

Result<EntryKind> parse_entry_kind(std::string_view text) {
    for (const auto& [candidate, name] : kEntryKinds) {
        if (name == text)
            return candidate;
    }
    return make_error("invalid_entry_kind", "unknown journal entry kind '" + std::string(text) + "'", "kind");
}

void JournalEntry::add(Account account, int64_t amount_minor, int64_t client_id, int64_t debtor_id,
                       int64_t invoice_id) {
    if (amount_minor == 0)
        return;  // a zero line says nothing; entries keep only real movements
    MF_ASSERT(posting_count < kMaxPostings);
    postings[posting_count++] = Posting{account, amount_minor, client_id, debtor_id, invoice_id};
}

bool JournalEntry::balanced() const {
    int128 sum = 0;
    for (const auto& posting : *this)
        sum += posting.amount_minor;
    return sum == 0;
}

JournalEntry capital_entry(Date on, Currency currency, int64_t amount_minor, std::string memo) {
    MF_ASSERT(amount_minor > 0);
    auto entry = start(EntryKind::capital_contributed, on, currency, std::move(memo));
    entry.add(Account::cash, amount_minor);
    entry.add(Account::funding_capital, -amount_minor);
    return finish(std::move(entry));
}

JournalEntry fund_entry(Date on, const Invoice& invoice, int64_t advance_minor, int64_t netted_minor) {
    MF_ASSERT(advance_minor >= 0 && advance_minor <= invoice.face_minor);
    MF_ASSERT(netted_minor >= 0 && netted_minor <= advance_minor);
    auto entry = start(EntryKind::invoice_funded, on, invoice.currency, "fund " + invoice.number);
    const auto c = invoice.client_id, d = invoice.debtor_id, i = invoice.id;
    entry.add(Account::purchased_receivables, invoice.face_minor, c, d, i);
    entry.add(Account::cash, -(advance_minor - netted_minor), c, d, i);
    entry.add(Account::client_reserve, -(invoice.face_minor - advance_minor + netted_minor), c, d, i);
    return finish(std::move(entry));
}

JournalEntry charge_entry(Date on, Currency currency, int64_t client_id, int64_t amount_minor,
                          std::string memo, int64_t invoice_id) {
    MF_ASSERT(amount_minor > 0);
    auto entry = start(EntryKind::charge, on, currency, std::move(memo));
    entry.add(Account::client_reserve, amount_minor, client_id, 0, invoice_id);
    entry.add(Account::charge_income, -amount_minor, client_id, 0, invoice_id);
    return finish(std::move(entry));
}

JournalEntry fee_accrual_entry(Date on, Currency currency, int64_t client_id, int64_t delta_minor,
                               int64_t invoice_id) {
    MF_ASSERT(delta_minor != 0);
    auto entry = start(EntryKind::fee_accrued, on, currency, "fee to date");
    entry.add(Account::client_reserve, delta_minor, client_id, 0, invoice_id);
    entry.add(Account::fee_income, -delta_minor, client_id, 0, invoice_id);
    return finish(std::move(entry));
}

JournalEntry receipt_entry(Date on, const Receipt& receipt, int64_t unapplied_minor) {
    MF_ASSERT(unapplied_minor > 0 && unapplied_minor <= receipt.amount_minor);
    auto entry = start(EntryKind::receipt_unapplied, on, receipt.currency, "receipt " + receipt.reference);
    const int64_t debtor = receipt.debtor_id.value_or(0);
    entry.add(Account::cash, unapplied_minor, 0, debtor);
    entry.add(Account::unapplied_cash, -unapplied_minor, 0, debtor);
    return finish(std::move(entry));
}

JournalEntry apply_entry(Date on, const Invoice& invoice, int64_t amount_minor, ReceiptSource source) {
    MF_ASSERT(amount_minor > 0 && amount_minor <= invoice.outstanding_minor());
    auto entry = start(EntryKind::receipt_applied, on, invoice.currency, "collect " + invoice.number);
    const auto c = invoice.client_id, d = invoice.debtor_id, i = invoice.id;
    entry.add(source_account(source), amount_minor, c, d, i);
    entry.add(Account::purchased_receivables, -amount_minor, c, d, i);
    return finish(std::move(entry));
}

JournalEntry client_credit_entry(Date on, Currency currency, int64_t client_id, int64_t amount_minor,
                                 ReceiptSource source, int64_t invoice_id, std::string memo) {
    MF_ASSERT(amount_minor > 0);
    auto entry = start(EntryKind::client_credit, on, currency, std::move(memo));
    entry.add(source_account(source), amount_minor, client_id, 0, invoice_id);
    entry.add(Account::client_reserve, -amount_minor, client_id, 0, invoice_id);
    return finish(std::move(entry));
}

namespace {
JournalEntry reserve_against_receivable(EntryKind kind, Date on, const Invoice& invoice, int64_t amount_minor,
                                        std::string memo) {
    MF_ASSERT(amount_minor > 0 && amount_minor <= invoice.outstanding_minor());
    auto entry = start(kind, on, invoice.currency, std::move(memo));
    const auto c = invoice.client_id, d = invoice.debtor_id, i = invoice.id;
    entry.add(Account::client_reserve, amount_minor, c, d, i);
    entry.add(Account::purchased_receivables, -amount_minor, c, d, i);
    return finish(std::move(entry));
}
}  // namespace

JournalEntry dilution_entry(Date on, const Invoice& invoice, int64_t amount_minor) {
    return reserve_against_receivable(EntryKind::dilution, on, invoice, amount_minor,
                                      "dilution " + invoice.number);
}

JournalEntry chargeback_entry(Date on, const Invoice& invoice, int64_t amount_minor) {
    return reserve_against_receivable(EntryKind::chargeback, on, invoice, amount_minor,
                                      "charge back " + invoice.number);
}

JournalEntry misdirected_entry(Date on, const Invoice& invoice, int64_t amount_minor) {
    return reserve_against_receivable(EntryKind::misdirected_payment, on, invoice, amount_minor,
                                      "misdirected payment " + invoice.number);
}

JournalEntry credit_loss_entry(Date on, const Invoice& invoice, int64_t outstanding_minor,
                               int64_t reserve_minor) {
    MF_ASSERT(outstanding_minor > 0 && outstanding_minor == invoice.outstanding_minor());
    const int64_t client_share = std::max<int64_t>(0, std::min(outstanding_minor, reserve_minor));
    auto entry = start(EntryKind::credit_loss, on, invoice.currency, "credit loss " + invoice.number);
    const auto c = invoice.client_id, d = invoice.debtor_id, i = invoice.id;
    entry.add(Account::client_reserve, client_share, c, d, i);
    entry.add(Account::credit_losses, outstanding_minor - client_share, c, d, i);
    entry.add(Account::purchased_receivables, -outstanding_minor, c, d, i);
    return finish(std::move(entry));
}

RecoverySplit recovery_split(int64_t amount_minor, int64_t unrecovered_loss_minor) {
    MF_ASSERT(amount_minor > 0);
    RecoverySplit split;
    split.to_factor_minor = std::clamp<int64_t>(unrecovered_loss_minor, 0, amount_minor);
    split.to_client_minor = amount_minor - split.to_factor_minor;
    return split;
}

int64_t unrecovered_loss_minor(const std::vector<JournalEntry>& entries, int64_t invoice_id) {
    int64_t unrecovered = 0;
    for (const auto& entry : entries) {
        for (const auto& posting : entry) {
            if (posting.invoice_id == invoice_id && posting.account == Account::credit_losses)
                unrecovered += posting.amount_minor;
        }
    }
    return unrecovered;
}

JournalEntry recovery_entry(Date on, const Invoice& invoice, int64_t amount_minor,
                            int64_t unrecovered_loss_minor, ReceiptSource source) {
    MF_ASSERT(invoice.state == InvoiceState::written_off);
    const auto split = recovery_split(amount_minor, unrecovered_loss_minor);
    auto entry = start(EntryKind::recovery, on, invoice.currency, "recovery " + invoice.number);
    const auto c = invoice.client_id, d = invoice.debtor_id, i = invoice.id;
    entry.add(source_account(source), amount_minor, c, d, i);
    if (split.to_factor_minor > 0)
        entry.add(Account::credit_losses, -split.to_factor_minor, c, d, i);
    if (split.to_client_minor > 0)
        entry.add(Account::client_reserve, -split.to_client_minor, c, d, i);
    return finish(std::move(entry));
}

JournalEntry client_payment_entry(Date on, Currency currency, int64_t client_id, int64_t amount_minor,
                                  std::string memo) {
    MF_ASSERT(amount_minor > 0);
    auto entry = start(EntryKind::client_payment, on, currency, std::move(memo));
    entry.add(Account::cash, amount_minor, client_id);
    entry.add(Account::client_reserve, -amount_minor, client_id);
    return finish(std::move(entry));
}

JournalEntry rebate_entry(Date on, Currency currency, int64_t client_id, int64_t amount_minor) {
    MF_ASSERT(amount_minor > 0);
    auto entry = start(EntryKind::rebate_paid, on, currency, "rebate / reserve release");
    entry.add(Account::client_reserve, amount_minor, client_id);
    entry.add(Account::cash, -amount_minor, client_id);
    return finish(std::move(entry));
}

}  // namespace mf
