#include "core/ledger.hpp"

#include <gtest/gtest.h>

#include <map>

namespace mf {
namespace {

Currency usd() {
    return Currency::from_code("USD").value();
}
Date day() {
    return Date::from_ymd(2026, 6, 1).value();
}

Invoice funded_invoice(int64_t face, int64_t advance) {
    Invoice invoice;
    invoice.id = 7;
    invoice.client_id = 3;
    invoice.debtor_id = 5;
    invoice.number = "A-1";
    invoice.currency = usd();
    invoice.face_minor = face;
    invoice.advance_minor = advance;
    invoice.state = InvoiceState::funded;
    return invoice;
}

// account -> debit-positive amount
std::map<Account, int64_t> lines(const JournalEntry& entry) {
    std::map<Account, int64_t> out;
    for (const auto& posting : entry)
        out[posting.account] += posting.amount_minor;
    return out;
}

using Lines = std::map<Account, int64_t>;
constexpr auto cash = Account::cash;
constexpr auto receivables = Account::purchased_receivables;
constexpr auto reserve = Account::client_reserve;
constexpr auto unapplied = Account::unapplied_cash;

TEST(Postings, EveryEventOfAccountingMd) {
    const auto invoice = funded_invoice(100000, 90000);
    Receipt receipt;
    receipt.currency = usd();
    receipt.amount_minor = 50000;
    struct Case {
        const char* event;
        JournalEntry entry;
        Lines expected;
    };
    const Case cases[] = {
        {"capital contributed",
         capital_entry(day(), usd(), 500, "owner"),
         {{cash, 500}, {Account::funding_capital, -500}}},
        {"fund invoice",
         fund_entry(day(), invoice, 90000, 0),
         {{receivables, 100000}, {cash, -90000}, {reserve, -10000}}},
        {"fund invoice netting a shortfall",
         fund_entry(day(), invoice, 90000, 2500),
         {{receivables, 100000}, {cash, -87500}, {reserve, -12500}}},
        {"charge",
         charge_entry(day(), usd(), 3, 500, "ACH fee"),
         {{reserve, 500}, {Account::charge_income, -500}}},
        {"fee accrued",
         fee_accrual_entry(day(), usd(), 3, 2000),
         {{reserve, 2000}, {Account::fee_income, -2000}}},
        {"fee reversed (backdated collection)",
         fee_accrual_entry(day(), usd(), 3, -300),
         {{reserve, -300}, {Account::fee_income, 300}}},
        {"receipt not yet matched",
         receipt_entry(day(), receipt, 50000),
         {{cash, 50000}, {unapplied, -50000}}},
        {"receipt partly applied at recording",
         receipt_entry(day(), receipt, 20000),
         {{cash, 20000}, {unapplied, -20000}}},
        {"receipt applied",
         apply_entry(day(), invoice, 40000, ReceiptSource::unapplied_cash),
         {{unapplied, 40000}, {receivables, -40000}}},
        {"receipt applied straight from cash",
         apply_entry(day(), invoice, 40000, ReceiptSource::cash),
         {{cash, 40000}, {receivables, -40000}}},
        {"overpayment",
         client_credit_entry(day(), usd(), 3, 700, ReceiptSource::unapplied_cash, 7, "over"),
         {{unapplied, 700}, {reserve, -700}}},
        {"short-pay close", dilution_entry(day(), invoice, 1500), {{reserve, 1500}, {receivables, -1500}}},
        {"recourse chargeback",
         chargeback_entry(day(), invoice, 100000),
         {{reserve, 100000}, {receivables, -100000}}},
        {"non-recourse credit loss, reserve covers part",
         credit_loss_entry(day(), invoice, 100000, 8000),
         {{reserve, 8000}, {Account::credit_losses, 92000}, {receivables, -100000}}},
        {"non-recourse credit loss, reserve covers all",
         credit_loss_entry(day(), funded_invoice(5000, 0), 5000, 8000),
         {{reserve, 5000}, {receivables, -5000}}},
        {"non-recourse credit loss, fees ate the reserve",
         credit_loss_entry(day(), invoice, 100000, -200),
         {{Account::credit_losses, 100000}, {receivables, -100000}}},
        {"misdirected payment",
         misdirected_entry(day(), invoice, 100000),
         {{reserve, 100000}, {receivables, -100000}}},
        {"client pays in",
         client_payment_entry(day(), usd(), 3, 100000, "remit"),
         {{cash, 100000}, {reserve, -100000}}},
        {"rebate paid", rebate_entry(day(), usd(), 3, 8000), {{reserve, 8000}, {cash, -8000}}},
    };
    for (const auto& c : cases) {
        EXPECT_TRUE(c.entry.balanced()) << c.event;
        EXPECT_EQ(lines(c.entry), c.expected) << c.event;
        EXPECT_EQ(c.entry.currency, usd()) << c.event;
    }
}

// A payment on a written-off invoice: the factor's unrecovered loss first, then the client
// (docs/accounting-decisions.md, "Recoveries").
TEST(Postings, RecoveryRestoresTheFactorsLossFirstThenTheClient) {
    auto invoice = funded_invoice(100000, 90000);
    invoice.state = InvoiceState::written_off;
    struct Case {
        const char* event;
        int64_t paid;
        int64_t unrecovered;
        ReceiptSource source;
        Lines expected;
    };
    const Case cases[] = {
        {"part of the loss",
         30000,
         92000,
         ReceiptSource::cash,
         {{cash, 30000}, {Account::credit_losses, -30000}}},
        {"exactly the loss",
         92000,
         92000,
         ReceiptSource::unapplied_cash,
         {{unapplied, 92000}, {Account::credit_losses, -92000}}},
        {"more than the loss",
         100000,
         92000,
         ReceiptSource::cash,
         {{cash, 100000}, {Account::credit_losses, -92000}, {reserve, -8000}}},
        {"loss already recovered", 5000, 0, ReceiptSource::cash, {{cash, 5000}, {reserve, -5000}}},
        {"reserve covered the write-off (no loss)",
         5000,
         -300,
         ReceiptSource::cash,
         {{cash, 5000}, {reserve, -5000}}},
    };
    for (const auto& c : cases) {
        const auto entry = recovery_entry(day(), invoice, c.paid, c.unrecovered, c.source);
        EXPECT_TRUE(entry.balanced()) << c.event;
        EXPECT_EQ(entry.kind, EntryKind::recovery) << c.event;
        EXPECT_EQ(lines(entry), c.expected) << c.event;
        const auto split = recovery_split(c.paid, c.unrecovered);
        EXPECT_EQ(split.to_factor_minor + split.to_client_minor, c.paid) << c.event;
    }
}

// The unrecovered loss is what the invoice's own credit_losses postings sum to: the write-off's debit less
// the recoveries' credits; another invoice's postings do not count.
TEST(Postings, UnrecoveredLossSumsTheInvoicesCreditLossPostings) {
    auto invoice = funded_invoice(100000, 90000);
    auto other = funded_invoice(50000, 45000);
    other.id = 8;
    std::vector<JournalEntry> entries{credit_loss_entry(day(), invoice, 100000, 8000),
                                      credit_loss_entry(day(), other, 50000, 0)};
    EXPECT_EQ(unrecovered_loss_minor(entries, invoice.id), 92000);
    invoice.state = InvoiceState::written_off;
    entries.push_back(recovery_entry(day(), invoice, 30000, unrecovered_loss_minor(entries, invoice.id),
                                     ReceiptSource::cash));
    EXPECT_EQ(unrecovered_loss_minor(entries, invoice.id), 62000);
    EXPECT_EQ(unrecovered_loss_minor(entries, other.id), 50000);
    EXPECT_EQ(unrecovered_loss_minor({}, invoice.id), 0);
}

TEST(Postings, InvoicePostingsCarryClientDebtorAndInvoice) {
    const auto entry = fund_entry(day(), funded_invoice(100000, 90000), 90000, 0);
    for (const auto& posting : entry) {
        EXPECT_EQ(posting.client_id, 3);
        EXPECT_EQ(posting.debtor_id, 5);
        EXPECT_EQ(posting.invoice_id, 7);
    }
}

TEST(Accounts, NamesAndTypesRoundTrip) {
    for (const auto account : kAllAccounts) {
        EXPECT_EQ(parse_account(to_string(account)).value(), account);
    }
    EXPECT_EQ(account_type(Account::client_reserve), AccountType::liability);
    EXPECT_EQ(natural_sign(Account::cash), 1);
    EXPECT_EQ(natural_sign(Account::fee_income), -1);
    EXPECT_FALSE(parse_account("petty_cash"));
}

TEST(PostingsDeathTest, AnOverCollectionIsABugNotAnEntry) {
    const auto invoice = funded_invoice(1000, 900);
    EXPECT_DEATH(apply_entry(day(), invoice, 1001, ReceiptSource::cash), "invariant broken");
}

}  // namespace
}  // namespace mf
