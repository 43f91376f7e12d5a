// Cash application: the matcher's certain matches and suggestions case by case, and over generated receipts
// its precision (an automatic application is never wrong) with the recall it reaches.
#include "book/cash_match.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "book/receipt_generator.hpp"
#include "core/money.hpp"

namespace mf {
namespace {

Currency usd() {
    return Currency::from_code("USD").value();
}

Invoice open_invoice(int64_t id, int64_t debtor_id, std::string number, int64_t outstanding_minor,
                     int64_t client_id = 1) {
    Invoice invoice;
    invoice.id = id;
    invoice.client_id = client_id;
    invoice.debtor_id = debtor_id;
    invoice.number = std::move(number);
    invoice.currency = usd();
    invoice.face_minor = outstanding_minor;
    invoice.state = InvoiceState::funded;
    invoice.due_date = Date::from_ymd(2026, 7, 1).value().plus_days(static_cast<int32_t>(id));
    return invoice;
}

std::vector<Debtor> sample_debtors() {
    return {{1, "Northwind Traders Inc", usd(), 0, "", ""},
            {2, "Globex LLC", usd(), 0, "", ""},
            {3, "Initech Corporation", usd(), 0, "", ""}};
}

CashMatcher sample_matcher() {
    return CashMatcher({open_invoice(10, 1, "INV-1001", 1'000'00), open_invoice(11, 1, "INV-1002", 2'500'00),
                        open_invoice(12, 1, "INV-1003", 700'00), open_invoice(20, 2, "INV-1001", 1'000'00, 2),
                        open_invoice(21, 2, "G-77", 450'00, 2), open_invoice(30, 3, "IT-5000", 999'99, 3)},
                       sample_debtors());
}

CashEvidence evidence(int64_t minor, std::string payer, std::string remittance) {
    return {Money{minor, usd()}, std::move(payer), std::move(remittance), std::nullopt};
}

std::vector<std::pair<int64_t, int64_t>> pairs(const std::vector<Application>& applications) {
    std::vector<std::pair<int64_t, int64_t>> out;
    for (const auto& application : applications)
        out.emplace_back(application.invoice_id, application.amount_minor);
    return out;
}

using Pairs = std::vector<std::pair<int64_t, int64_t>>;

TEST(CashMatch, NamedInvoicesPaidExactlyAreCertain) {
    const auto matcher = sample_matcher();
    const auto one = matcher.match(evidence(2'500'00, "NORTHWIND TRADERS", "Payment INV-1002"));
    EXPECT_EQ(pairs(one.certain), (Pairs{{11, 2'500'00}}));
    const auto two = matcher.match(evidence(3'200'00, "Northwind Traders", "inv 1002 and INV1003"));
    EXPECT_EQ(pairs(two.certain), (Pairs{{11, 2'500'00}, {12, 700'00}}));
    EXPECT_EQ(two.debtor_id, 1);
}

TEST(CashMatch, ANumberTwoDebtorsShareNeedsThePayer) {
    const auto matcher = sample_matcher();
    // INV-1001 exists for Northwind and for Globex: the payer decides.
    EXPECT_EQ(pairs(matcher.match(evidence(1'000'00, "Globex", "INV-1001")).certain),
              (Pairs{{20, 1'000'00}}));
    const auto unknown_payer = matcher.match(evidence(1'000'00, "ACH CREDIT 99812", "INV-1001"));
    EXPECT_TRUE(unknown_payer.certain.empty());
    EXPECT_FALSE(unknown_payer.suggestions.empty());
}

TEST(CashMatch, PartialPaymentsAndShortPays) {
    const auto matcher = sample_matcher();
    const auto partial = matcher.match(evidence(1'200'00, "Northwind Traders", "part payment INV-1002"));
    EXPECT_EQ(pairs(partial.certain), (Pairs{{11, 1'200'00}}));
    // INV-1001 owes exactly 1,000: "INV-1002" may be a slip of the keyboard, so a person decides.
    const auto doubtful = matcher.match(evidence(1'000'00, "Northwind Traders", "part payment INV-1002"));
    EXPECT_TRUE(doubtful.certain.empty());
    ASSERT_GE(doubtful.suggestions.size(), 2u);
    // Short by a bank fee: suggested as a short-pay close, never applied alone.
    const auto short_pay = matcher.match(evidence(2'485'00, "ACME BANK REMITTER", "INV-1002"));
    EXPECT_TRUE(short_pay.certain.empty());
    ASSERT_FALSE(short_pay.suggestions.empty());
    EXPECT_TRUE(short_pay.suggestions.front().applications.front().close_short);
    EXPECT_EQ(short_pay.suggestions.front().applications.front().invoice_id, 11);
}

TEST(CashMatch, AmountsFindInvoicesWhenThePayerIsKnown) {
    const auto matcher = sample_matcher();
    EXPECT_EQ(pairs(matcher.match(evidence(999'99, "Initech Corp", "")).certain), (Pairs{{30, 999'99}}));
    // 1,000 + 700 is the only pair of Northwind's that makes 1,700.
    EXPECT_EQ(pairs(matcher.match(evidence(1'700'00, "Northwind Traders", "thanks")).certain),
              (Pairs{{10, 1'000'00}, {12, 700'00}}));
    // An amount no invoice owes: unapplied, nothing certain.
    const auto nothing = matcher.match(evidence(123'45, "Northwind Traders", ""));
    EXPECT_TRUE(nothing.certain.empty());
}

TEST(CashMatch, TyposAndBareDigitsAreOnlySuggested) {
    const auto matcher = sample_matcher();
    const auto typo = matcher.match(evidence(450'00, "Someone", "IT-5001"));
    EXPECT_TRUE(typo.certain.empty());
    const auto digits = matcher.match(evidence(2'500'00, "Northwind Traders", "payment 1002"));
    EXPECT_TRUE(digits.certain.empty());
    ASSERT_FALSE(digits.suggestions.empty());
    EXPECT_EQ(pairs(digits.suggestions.front().applications), (Pairs{{11, 2'500'00}}));
}

TEST(CashMatch, GeneratedReceiptsAreNeverAppliedWrongly) {
    std::map<ReceiptKind, std::pair<int, int>> by_kind;  // applied, generated
    int applied = 0, wrong = 0, payable = 0;
    for (uint64_t seed = 1; seed <= 12; ++seed) {
        // 8 clients in 4 house styles of numbering: every number is carried by two clients' invoices.
        const auto book = synthetic_portfolio(seed, 8, 40, 600);
        const CashMatcher matcher(book.invoices, book.debtors);
        ReceiptGenerator generator(seed, book.invoices, book.debtors);
        for (const auto& receipt : generator.generate(250)) {
            const auto match = matcher.match(receipt.evidence);
            auto& [kind_applied, kind_total] = by_kind[receipt.kind];
            ++kind_total;
            payable += !receipt.truth.empty();
            if (match.certain.empty())
                continue;
            ++applied;
            ++kind_applied;
            // Every application made must be one the payer meant, with its amount; applying part of what a
            // receipt pays (the rest left unapplied for a person) is right, only less complete.
            const auto meant = pairs(receipt.truth);
            const bool all_meant =
                std::all_of(match.certain.begin(), match.certain.end(), [&](const Application& a) {
                    return std::find(meant.begin(), meant.end(),
                                     std::make_pair(a.invoice_id, a.amount_minor)) != meant.end();
                });
            if (!all_meant) {
                ++wrong;
                ADD_FAILURE() << "seed " << seed << ", " << to_string(receipt.kind) << ": '"
                              << receipt.evidence.payer << "' '" << receipt.evidence.remittance << "' "
                              << receipt.evidence.amount.minor
                              << " applied wrongly: " << match.certain_reason;
            }
        }
    }
    EXPECT_EQ(wrong, 0);
    // Recall is reported, and kept from sliding: most receipts that can be applied with certainty are.
    std::string report;
    for (const auto& [kind, counts] : by_kind)
        report += std::string(to_string(kind)) + " " + std::to_string(counts.first) + "/" +
                  std::to_string(counts.second) + "; ";
    std::cout << "cash application: " << applied << " of " << payable << " payable receipts applied; "
              << report << "\n";
    EXPECT_GT(applied * 100, payable * 55) << report;
    // Receipts naming their invoices rightly and paying them exactly are applied, whatever else is noisy.
    const auto& clean = by_kind[ReceiptKind::single_clean];
    const auto& combined = by_kind[ReceiptKind::combined];
    EXPECT_GE((clean.first + combined.first) * 100, (clean.second + combined.second) * 98) << report;
}

}  // namespace
}  // namespace mf
