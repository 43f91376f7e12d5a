// Cash application on two threads decides as on one: the index built in two halves, the payers identified
// ahead of the matching, and the lookups that skip work (8-byte hash entries, the shape of a number, a table
// of invoices by id) change no decision.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "book/cash_match.hpp"
#include "book/debtor_match.hpp"
#include "book/receipt_generator.hpp"

namespace mf {
namespace {

Currency usd() {
    return Currency::from_code("USD").value();
}

Invoice open_invoice(int64_t id, int64_t debtor_id, std::string number, int64_t outstanding_minor) {
    Invoice invoice;
    invoice.id = id;
    invoice.client_id = 1;
    invoice.debtor_id = debtor_id;
    invoice.number = std::move(number);
    invoice.currency = usd();
    invoice.face_minor = outstanding_minor;
    invoice.state = InvoiceState::funded;
    invoice.due_date = Date::from_ymd(2026, 7, 1).value().plus_days(static_cast<int32_t>(id % 1000));
    return invoice;
}

std::vector<Debtor> debtors() {
    return {{1, "Northwind Traders Inc", usd(), 0, "", ""},
            {2, "Globex LLC", usd(), 0, "", ""},
            {3, "Acme Widgets Ltd", usd(), 0, "", ""},
            {4, "Acme Widgetz Ltd", usd(), 0, "", ""}};
}

CashEvidence evidence(int64_t minor, std::string payer, std::string remittance) {
    return {Money{minor, usd()}, std::move(payer), std::move(remittance), std::nullopt};
}

// Everything a decision says, so two decisions compare as text.
std::string describe(const CashMatch& match) {
    std::string out = match.certain_reason + "|" + (match.debtor_id ? std::to_string(*match.debtor_id) : "-");
    const auto applications = [&](const std::vector<Application>& list) {
        for (const auto& a : list)
            out += "|" + std::to_string(a.invoice_id) + ":" + std::to_string(a.amount_minor) +
                   (a.close_short ? "s" : "");
    };
    applications(match.certain);
    for (const auto& suggestion : match.suggestions) {
        out += "|" + std::to_string(suggestion.score) + " " + suggestion.reason;
        applications(suggestion.applications);
    }
    return out;
}

TEST(CashMatchThreads, TwoThreadsDecideAsOneOnAGeneratedBook) {
    for (uint64_t seed = 1; seed <= 3; ++seed) {
        const auto book = synthetic_portfolio(seed, 8, 60, 3000);
        ReceiptGenerator generator(seed, book.invoices, book.debtors);
        const auto receipts = generator.generate(600);
        std::vector<CashEvidence> evidences;
        for (const auto& receipt : receipts)
            evidences.push_back(receipt.evidence);

        CashMatcher one(book.invoices, book.debtors, CashMatcher::Threads::one);
        std::vector<std::string> alone;
        size_t applied = 0;
        for (const auto& e : evidences) {
            const auto match = one.match(e);
            for (const auto& application : match.certain)
                one.record_applied(application);
            applied += match.certain.empty() ? 0 : 1;
            alone.push_back(describe(match));
        }

        CashMatcher two(book.invoices, book.debtors, CashMatcher::Threads::two);
        std::vector<std::string> together;
        two.match_in_order(evidences, [&](size_t at, CashMatch&& match) {
            EXPECT_EQ(at, together.size());
            for (const auto& application : match.certain)
                two.record_applied(application);
            together.push_back(describe(match));
            return true;
        });
        ASSERT_EQ(together.size(), alone.size());
        for (size_t i = 0; i < alone.size(); ++i)
            ASSERT_EQ(together[i], alone[i]) << "seed " << seed << ", receipt " << i;
        // The comparison means something: receipts were applied, and so changed what later ones saw.
        EXPECT_GT(applied, evidences.size() / 3);
    }
}

TEST(CashMatchThreads, MatchInOrderStopsWhenAsked) {
    CashMatcher matcher({open_invoice(10, 1, "INV-1001", 1'000'00)}, debtors());
    std::vector<CashEvidence> receipts(50, evidence(1'000'00, "Northwind Traders", "INV-1001"));
    size_t seen = 0;
    matcher.match_in_order(receipts, [&](size_t at, CashMatch&&) {
        EXPECT_EQ(at, seen);
        ++seen;
        return seen < 3;
    });
    EXPECT_EQ(seen, 3u);
}

TEST(CashMatchThreads, WhatIsAppliedIsSeenWhateverTheIds) {
    // Dense ids are found in a table, ids far apart by a search: both see what was applied.
    for (const int64_t far : {int64_t{11}, int64_t{9'000'000'000}}) {
        CashMatcher matcher(
            {open_invoice(10, 1, "INV-1001", 1'000'00), open_invoice(far, 1, "INV-1002", 500'00)}, debtors());
        const auto first = matcher.match(evidence(500'00, "Northwind Traders", "INV-1002"));
        ASSERT_EQ(first.certain.size(), 1u);
        EXPECT_EQ(first.certain.front().invoice_id, far);
        matcher.record_applied(first.certain.front());
        const auto again = matcher.match(evidence(500'00, "Northwind Traders", "INV-1002"));
        EXPECT_TRUE(again.certain.empty()) << "invoice " << far << " was paid already";
        matcher.record_applied({123'456, 1'00});  // no such invoice: nothing happens
    }
}

TEST(CashMatchThreads, PayersByNameAndByANearName) {
    const CashMatcher matcher({open_invoice(10, 1, "INV-1001", 1'000'00)}, debtors());
    // Said by the receipt, or the one debtor of that name: no near name is looked for.
    CashEvidence known = evidence(1'00, "anyone", "");
    known.debtor_id = 2;
    EXPECT_EQ(matcher.identify(known).debtor_id, 2);
    const auto named = matcher.identify(evidence(1'00, "NORTHWIND TRADERS, INC.", ""));
    EXPECT_EQ(named.debtor_id, 1);
    EXPECT_FALSE(named.resembled);
    // No debtor of that name: the one a letter away is found.
    const auto near = matcher.identify(evidence(1'00, "Nortwind Traders Inc", ""));
    EXPECT_FALSE(near.debtor_id);
    EXPECT_EQ(near.resembled, 1);
    // Two debtors a letter away ("Acme Widgets", "Acme Widgetz"): neither is chosen.
    const auto two = matcher.identify(evidence(1'00, "Acme Widget Ltd", ""));
    EXPECT_FALSE(two.debtor_id);
    EXPECT_FALSE(two.resembled);
    EXPECT_EQ(matcher.identify(evidence(1'00, "Umbrella Holdings", "")).resembled, std::nullopt);
}

TEST(CashMatchThreads, ANumberOneSlipAwayIsStillSuggested) {
    const CashMatcher matcher(
        {open_invoice(10, 1, "INV-1001", 1'000'00), open_invoice(11, 1, "INV-1002", 2'500'00),
         open_invoice(12, 1, "AB-77", 300'00)},
        debtors());
    // "INV-1020": two digits swapped in INV-1002; "INV-10022": one digit too many. Both only suggested.
    for (const std::string remittance : {"INV-1020", "INV-10022"}) {
        const auto match = matcher.match(evidence(2'500'00, "Northwind Traders", remittance));
        EXPECT_TRUE(match.certain.empty()) << remittance;
        ASSERT_FALSE(match.suggestions.empty()) << remittance;
        EXPECT_EQ(match.suggestions.front().applications.front().invoice_id, 11) << remittance;
        EXPECT_NE(match.suggestions.front().reason.find("nearly names INV-1002"), std::string::npos)
            << match.suggestions.front().reason;
    }
    // Two slips away in length is no invoice's number.
    const auto far = matcher.match(evidence(2'400'00, "Northwind Traders", "INV-100222"));
    for (const auto& suggestion : far.suggestions)
        EXPECT_EQ(suggestion.reason.find("nearly names"), std::string::npos) << suggestion.reason;
}

TEST(CashMatchThreads, CompanyNamesSplitOnAnyRunOfSeparators) {
    EXPECT_EQ(normalise_company_name("  Northwind \t Traders,,  Inc.  "), "northwind traders");
    EXPECT_EQ(normalise_company_name("The   Globex"), "globex");
    EXPECT_EQ(normalise_company_name("R&D\nLabs"), "r and d labs");
    EXPECT_EQ(normalise_company_name(" ,; "), "");
}

}  // namespace
}  // namespace mf
