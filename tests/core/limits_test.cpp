#include "core/limits.hpp"

#include <gtest/gtest.h>

namespace mf {
namespace {

Currency usd() {
    return Currency::from_code("USD").value();
}
Date d(int y, unsigned m, unsigned day) {
    return Date::from_ymd(y, m, day).value();
}

struct Fixture {
    BookSettings settings;
    Client client;
    Debtor debtor;
    Invoice invoice;
    Fixture() {
        settings.base_currency = usd();
        settings.business_date = d(2026, 6, 15);
        client.name = "Bright Line";
        client.currency = usd();
        client.terms.factoring_limit_minor = 100000'00;
        client.terms.concentration_limit_ppm = 500'000;
        debtor.name = "Acme";
        debtor.currency = usd();
        debtor.credit_limit_minor = 50000'00;
        invoice.number = "A-1";
        invoice.currency = usd();
        invoice.face_minor = 10000'00;
        invoice.issue_date = d(2026, 6, 1);
        invoice.due_date = d(2026, 7, 1);
    }
};

TEST(Submission, RejectsImpossibleAndIneligibleData) {
    struct Case {
        const char* what;
        void (*change)(Fixture&);
        const char* code;
    };
    const Case cases[] = {
        {"zero face", [](Fixture& f) { f.invoice.face_minor = 0; }, "invalid_amount"},
        {"negative face", [](Fixture& f) { f.invoice.face_minor = -5; }, "invalid_amount"},
        {"other currency", [](Fixture& f) { f.invoice.currency = Currency::from_code("EUR").value(); },
         "currency_mismatch"},
        {"due before issue", [](Fixture& f) { f.invoice.due_date = d(2026, 5, 31); }, "due_before_issue"},
        {"future date",
         [](Fixture& f) {
             f.invoice.issue_date = d(2026, 6, 16);
             f.invoice.due_date = d(2026, 7, 16);
         },
         "future_invoice_date"},
        {"stale date", [](Fixture& f) { f.invoice.issue_date = d(2026, 3, 16); }, "stale_invoice_date"},
        {"no number", [](Fixture& f) { f.invoice.number.clear(); }, "missing_field"},
        {"suspended client", [](Fixture& f) { f.client.status = ClientStatus::suspended; },
         "client_suspended"},
    };
    for (const auto& c : cases) {
        Fixture f;
        c.change(f);
        const auto result = check_submission(f.invoice, f.client, f.debtor, f.settings);
        ASSERT_FALSE(result) << c.what;
        EXPECT_EQ(result.error().code, c.code) << c.what;
    }
    Fixture f;
    EXPECT_TRUE(check_submission(f.invoice, f.client, f.debtor, f.settings));
    f.invoice.issue_date = d(2026, 3, 17);  // exactly 90 days: still eligible
    EXPECT_TRUE(check_submission(f.invoice, f.client, f.debtor, f.settings));
}

TEST(Approval, EachLimitIsNamedWhenBreached) {
    Fixture f;
    // within every limit: client 0 -> 10k of 100k; debtor 10k of 50k; pair 10k/ (40k + 10k) = 20% <= 50%
    EXPECT_TRUE(approval_breaches(f.invoice, f.client, f.debtor, false, {40000'00, 0, 0}).empty());
    auto breaches = approval_breaches(f.invoice, f.client, f.debtor, false, {95000'00, 0, 0});
    ASSERT_EQ(breaches.size(), 1u);
    EXPECT_EQ(breaches[0].rule, "client_limit");
    EXPECT_NE(breaches[0].message.find("105,000.00 USD"), std::string::npos) << breaches[0].message;
    breaches = approval_breaches(f.invoice, f.client, f.debtor, false, {50000'00, 45000'00, 0});
    ASSERT_EQ(breaches.size(), 1u);
    EXPECT_EQ(breaches[0].rule, "debtor_credit_limit");
    breaches = approval_breaches(f.invoice, f.client, f.debtor, false, {10000'00, 0, 5000'00});
    ASSERT_EQ(breaches.size(), 1u);  // (5k + 10k) / (10k + 10k) = 75% > 50%
    EXPECT_EQ(breaches[0].rule, "concentration");
    breaches = approval_breaches(f.invoice, f.client, f.debtor, true, {40000'00, 0, 0});
    EXPECT_EQ(join_rules(breaches), "cross_aged");
    // exactly at the limits passes: 90k + 10k = 100k; debtor 40k + 10k = 50k; pair 50%
    EXPECT_TRUE(
        approval_breaches(f.invoice, f.client, f.debtor, false, {90000'00, 40000'00, 40000'00}).empty());
    // one minor unit more on each side breaches each
    EXPECT_EQ(
        join_rules(approval_breaches(f.invoice, f.client, f.debtor, false, {90000'01, 40000'01, 40000'01})),
        "client_limit,debtor_credit_limit,concentration");
}

TEST(Reserve, RequiredReserveFollowsEligibility) {
    Fixture f;
    auto invoice = f.invoice;
    invoice.state = InvoiceState::funded;
    invoice.advance_rate_ppm = 900'000;
    invoice.collected_minor = 2000'00;  // 8,000.00 outstanding
    EXPECT_EQ(required_reserve_minor(invoice, f.settings.business_date, f.settings), 800'00);
    invoice.disputed = true;
    EXPECT_EQ(required_reserve_minor(invoice, f.settings.business_date, f.settings), 8000'00);
    invoice.disputed = false;
    EXPECT_EQ(required_reserve_minor(invoice, d(2026, 9, 1), f.settings), 8000'00);  // 92 days old
    invoice.state = InvoiceState::closed;
    EXPECT_EQ(required_reserve_minor(invoice, f.settings.business_date, f.settings), 0);
}

TEST(Reserve, ShortfallIsNettedFromNewAdvances) {
    EXPECT_EQ(net_advance(9000, 0).paid_minor, 9000);
    EXPECT_EQ(net_advance(9000, 2500).paid_minor, 6500);
    EXPECT_EQ(net_advance(9000, 2500).netted_minor, 2500);
    EXPECT_EQ(net_advance(9000, 12000).paid_minor, 0);
    EXPECT_EQ(net_advance(9000, 12000).netted_minor, 9000);
    EXPECT_EQ(net_advance(9000, -50).netted_minor, 0);
}

TEST(CrossAging, MoreThanTheShareOver90Days) {
    BookSettings settings;  // 10%
    EXPECT_FALSE(is_cross_aged(10'00, 100'00, settings));
    EXPECT_TRUE(is_cross_aged(10'01, 100'00, settings));
    EXPECT_FALSE(is_cross_aged(0, 0, settings));
}

}  // namespace
}  // namespace mf
