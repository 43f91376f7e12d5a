// The double-entry book: the chart of accounts, journal entries and the postings of every event of
// ACCOUNTING.md. Each builder returns a balanced entry (asserted); amounts are debit-positive minor units.
// Pure; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/model.hpp"
#include "core/money.hpp"

namespace mf {

enum class Account {
    cash,
    purchased_receivables,
    client_reserve,
    unapplied_cash,
    fee_income,
    charge_income,
    credit_losses,
    funding_capital,
};
inline constexpr std::array<Account, 8> kAllAccounts{
    Account::cash,       Account::purchased_receivables, Account::client_reserve, Account::unapplied_cash,
    Account::fee_income, Account::charge_income,         Account::credit_losses,  Account::funding_capital};

enum class AccountType { asset, liability, income, expense, equity };
AccountType account_type(Account account);
std::string_view to_string(Account account);
std::string_view to_string(AccountType type);
Result<Account> parse_account(std::string_view text);
// Balances are stored debit-positive; reports show liabilities, income and equity credit-positive.
int64_t natural_sign(Account account);

enum class EntryKind {
    capital_contributed,
    invoice_funded,
    charge,
    fee_accrued,
    receipt_unapplied,
    receipt_applied,
    client_credit,  // overpayment, payment on an unfactored or charged-back invoice
    dilution,
    chargeback,
    credit_loss,
    misdirected_payment,
    client_payment,
    rebate_paid,
    recovery,  // a payment on a written-off invoice: the factor's loss first, then the client
};
std::string_view to_string(EntryKind kind);
Result<EntryKind> parse_entry_kind(std::string_view text);

struct Posting {
    Account account = Account::cash;
    int64_t amount_minor = 0;  // debit > 0, credit < 0
    int64_t client_id = 0;     // 0 where the posting belongs to no client
    int64_t debtor_id = 0;
    int64_t invoice_id = 0;
};

// At most four postings per entry: every event of ACCOUNTING.md fits, and an entry never allocates.
struct JournalEntry {
    static constexpr size_t kMaxPostings = 4;
    int64_t id = 0;  // set by the store
    EntryKind kind = EntryKind::capital_contributed;
    Date effective_on;
    Currency currency;
    std::string memo;
    std::array<Posting, kMaxPostings> postings{};
    size_t posting_count = 0;

    void add(Account account, int64_t amount_minor, int64_t client_id = 0, int64_t debtor_id = 0,
             int64_t invoice_id = 0);
    bool balanced() const;
    const Posting* begin() const { return postings.data(); }
    const Posting* end() const { return postings.data() + posting_count; }
};

// Where a receipt's money comes from: a receipt booked to unapplied cash first, or cash received and applied
// at once.
enum class ReceiptSource { unapplied_cash, cash };

// The builders. Each asserts its amounts' signs and the entry's balance; callers have checked the rules.
JournalEntry capital_entry(Date on, Currency currency, int64_t amount_minor, std::string memo);
// advance paid = advance - netted; the netted part settles a reserve shortfall (credited to client_reserve).
JournalEntry fund_entry(Date on, const Invoice& invoice, int64_t advance_minor, int64_t netted_minor);
JournalEntry charge_entry(Date on, Currency currency, int64_t client_id, int64_t amount_minor,
                          std::string memo, int64_t invoice_id = 0);
// delta may be negative (a backdated collection settles the fee below what close-day accrued).
JournalEntry fee_accrual_entry(Date on, Currency currency, int64_t client_id, int64_t delta_minor,
                               int64_t invoice_id = 0);
// The part of a receipt that waits in unapplied cash (all of it, or what its applications at recording left).
JournalEntry receipt_entry(Date on, const Receipt& receipt, int64_t unapplied_minor);
JournalEntry apply_entry(Date on, const Invoice& invoice, int64_t amount_minor, ReceiptSource source);
JournalEntry client_credit_entry(Date on, Currency currency, int64_t client_id, int64_t amount_minor,
                                 ReceiptSource source, int64_t invoice_id, std::string memo);
JournalEntry dilution_entry(Date on, const Invoice& invoice, int64_t amount_minor);
JournalEntry chargeback_entry(Date on, const Invoice& invoice, int64_t amount_minor);
// R = the invoice's unreleased reserve (face - advance - fees); the client bears min(O, R), the factor the
// rest.
JournalEntry credit_loss_entry(Date on, const Invoice& invoice, int64_t outstanding_minor,
                               int64_t reserve_minor);
// A payment on a written-off invoice (docs/accounting-decisions.md, "Recoveries") restores the factor's
// credit loss still unrecovered on it first (what the invoice's credit_losses postings sum to,
// debit-positive: unrecovered_loss_minor), then goes to the client's reserve.
struct RecoverySplit {
    int64_t to_factor_minor = 0;  // Cr credit_losses
    int64_t to_client_minor = 0;  // Cr client_reserve
};
RecoverySplit recovery_split(int64_t amount_minor, int64_t unrecovered_loss_minor);
// The factor's loss on the invoice still unrecovered: its credit_losses postings among `entries`, summed.
int64_t unrecovered_loss_minor(const std::vector<JournalEntry>& entries, int64_t invoice_id);
// Dr cash (or unapplied_cash) the whole payment; Cr credit_losses and client_reserve as recovery_split says.
JournalEntry recovery_entry(Date on, const Invoice& invoice, int64_t amount_minor,
                            int64_t unrecovered_loss_minor, ReceiptSource source);
JournalEntry misdirected_entry(Date on, const Invoice& invoice, int64_t amount_minor);
JournalEntry client_payment_entry(Date on, Currency currency, int64_t client_id, int64_t amount_minor,
                                  std::string memo);
JournalEntry rebate_entry(Date on, Currency currency, int64_t client_id, int64_t amount_minor);

}  // namespace mf
