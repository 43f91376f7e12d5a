// The JSON form of records: field names and exact strings (API.md: money as decimal strings beside the
// currency, rates as percent strings, prefixed ids, null for absent links and dates).
#include <gtest/gtest.h>

#include "core/fee_text.hpp"
#include "wire/records.hpp"

namespace mf {
namespace {

namespace json = boost::json;

Currency usd() {
    return Currency::from_code("USD").value();
}
Currency jpy() {
    return Currency::from_code("JPY").value();
}
Date day(int y, unsigned m, unsigned d) {
    return Date::from_ymd(y, m, d).value();
}

Client sample_client() {
    Client client;
    client.id = 3;
    client.name = "Bright Line Logistics LLC";
    client.currency = usd();
    client.terms.advance_rate_ppm = 900'000;
    client.terms.fee_schedule = parse_fee_schedule("flat 2%/30d +1%/15d", usd()).value();
    client.terms.factoring_limit_minor = 250'000'00;
    client.terms.recourse = RecourseKind::non_recourse;
    client.terms.recourse_days = 90;
    client.terms.clearance_days = 2;
    client.terms.concentration_limit_ppm = 605'000;
    client.version = 4;
    return client;
}

Invoice funded_invoice() {
    Invoice invoice;
    invoice.id = 12;
    invoice.client_id = 3;
    invoice.debtor_id = 7;
    invoice.schedule_id = 2;
    invoice.number = "BL-2601";
    invoice.currency = usd();
    invoice.face_minor = 1'234'50;
    invoice.issue_date = day(2026, 5, 28);
    invoice.due_date = day(2026, 6, 27);
    invoice.state = InvoiceState::funded;
    invoice.disputed = true;
    invoice.review_reasons = "client_limit,concentration";
    invoice.advance_rate_ppm = 900'000;
    invoice.fee_schedule = parse_fee_schedule("daily 3.5%/30d min_fee=5.00", usd()).value();
    invoice.funded_on = day(2026, 6, 1);
    invoice.advance_minor = 1'111'05;
    invoice.collected_minor = 200'00;
    invoice.version = 5;
    return invoice;
}

TEST(WireRecords, ClientCarriesItsTermsAsText) {
    const auto out = json::value_from(sample_client()).as_object();
    EXPECT_EQ(out.at("id"), "cli_3");
    EXPECT_EQ(out.at("name"), "Bright Line Logistics LLC");
    EXPECT_EQ(out.at("currency"), "USD");
    EXPECT_EQ(out.at("status"), "active");
    EXPECT_TRUE(out.at("email").is_null());
    EXPECT_EQ(out.at("version"), 4);
    const auto& terms = out.at("terms").as_object();
    EXPECT_EQ(terms.at("advance_rate"), "90");
    EXPECT_EQ(terms.at("fee_schedule"), "flat 2%/30d +1%/15d");
    EXPECT_EQ(terms.at("factoring_limit"), "250000.00");
    EXPECT_EQ(terms.at("recourse"), "non_recourse");
    EXPECT_EQ(terms.at("recourse_days"), 90);
    EXPECT_EQ(terms.at("clearance_days"), 2);
    EXPECT_EQ(terms.at("concentration_limit"), "60.5");
}

TEST(WireRecords, InvoiceAmountsAreDecimalStringsBesideTheCurrency) {
    const auto out = json::value_from(funded_invoice()).as_object();
    EXPECT_EQ(out.at("id"), "inv_12");
    EXPECT_EQ(out.at("client_id"), "cli_3");
    EXPECT_EQ(out.at("debtor_id"), "dbt_7");
    EXPECT_EQ(out.at("schedule_id"), "sch_2");
    EXPECT_EQ(out.at("state"), "funded");
    EXPECT_EQ(out.at("verification"), "not_required");
    EXPECT_EQ(out.at("disputed"), true);
    EXPECT_EQ(out.at("needs_review"), true);
    EXPECT_EQ(out.at("review_reasons"), (json::array{"client_limit", "concentration"}));
    EXPECT_EQ(out.at("face_amount"), "1234.50");
    EXPECT_EQ(out.at("advance_amount"), "1111.05");
    EXPECT_EQ(out.at("reserve_amount"), "123.45");
    EXPECT_EQ(out.at("collected_amount"), "200.00");
    EXPECT_EQ(out.at("outstanding_amount"), "1034.50");
    EXPECT_EQ(out.at("written_off_amount"), "0.00");
    EXPECT_EQ(out.at("advance_rate"), "90");
    EXPECT_EQ(out.at("fee_schedule"), "daily 3.5%/30d min_fee=5.00");
    EXPECT_EQ(out.at("issue_date"), "2026-05-28");
    EXPECT_EQ(out.at("funded_on"), "2026-06-01");
    EXPECT_TRUE(out.at("closed_on").is_null());
    EXPECT_TRUE(out.at("last_payment_on").is_null());
    EXPECT_EQ(out.at("version"), 5);
    for (const auto& [key, value] : out) {
        EXPECT_FALSE(value.is_double()) << key << " must not be a JSON float";
    }
}

TEST(WireRecords, AnInvoiceNotYetFundedHasNoTerms) {
    Invoice invoice = funded_invoice();
    invoice.state = InvoiceState::submitted;
    invoice.funded_on.reset();
    invoice.advance_minor = 0;
    invoice.review_reasons.clear();
    const auto out = json::value_from(invoice).as_object();
    EXPECT_TRUE(out.at("advance_rate").is_null());
    EXPECT_TRUE(out.at("fee_schedule").is_null());
    EXPECT_EQ(out.at("outstanding_amount"), "0.00");
    EXPECT_EQ(out.at("needs_review"), false);
    EXPECT_EQ(out.at("review_reasons"), json::array{});
}

TEST(WireRecords, ZeroDecimalCurrencyHasNoDecimalPoint) {
    Debtor debtor;
    debtor.id = 1;
    debtor.name = "Tokyo Trading";
    debtor.currency = jpy();
    debtor.credit_limit_minor = 5'000'000;
    const auto out = json::value_from(debtor).as_object();
    EXPECT_EQ(out.at("id"), "dbt_1");
    EXPECT_EQ(out.at("credit_limit"), "5000000");
    EXPECT_EQ(out.at("currency"), "JPY");
}

TEST(WireRecords, JournalEntryPostingsAreSignedDebitPositive) {
    JournalEntry entry;
    entry.id = 9;
    entry.kind = EntryKind::invoice_funded;
    entry.effective_on = day(2026, 6, 1);
    entry.currency = usd();
    entry.memo = "fund BL-2601";
    entry.add(Account::purchased_receivables, 1'000'00, 3, 7, 12);
    entry.add(Account::cash, -900'00, 3, 0, 12);
    entry.add(Account::client_reserve, -100'00, 3, 0, 12);
    const auto out = json::value_from(entry).as_object();
    EXPECT_EQ(out.at("id"), "jrn_9");
    EXPECT_EQ(out.at("kind"), "invoice_funded");
    EXPECT_EQ(out.at("effective_on"), "2026-06-01");
    const auto& postings = out.at("postings").as_array();
    ASSERT_EQ(postings.size(), 3u);
    EXPECT_EQ(postings[0].at("account"), "purchased_receivables");
    EXPECT_EQ(postings[0].at("amount"), "1000.00");
    EXPECT_EQ(postings[0].at("debtor_id"), "dbt_7");
    EXPECT_EQ(postings[1].at("amount"), "-900.00");
    EXPECT_TRUE(postings[1].at("debtor_id").is_null());
    EXPECT_EQ(postings[2].at("invoice_id"), "inv_12");
}

TEST(WireRecords, ReceiptShowsAppliedAndUnapplied) {
    Receipt receipt;
    receipt.id = 4;
    receipt.currency = usd();
    receipt.amount_minor = 500'00;
    receipt.unapplied_minor = 125'25;
    receipt.received_on = day(2026, 6, 3);
    receipt.payer = "Acme Retail Group";
    receipt.reference = "ACH 778";
    receipt.source = "manual";
    const auto out = json::value_from(receipt).as_object();
    EXPECT_EQ(out.at("id"), "rcp_4");
    EXPECT_EQ(out.at("amount"), "500.00");
    EXPECT_EQ(out.at("applied_amount"), "374.75");
    EXPECT_EQ(out.at("unapplied_amount"), "125.25");
    EXPECT_TRUE(out.at("debtor_id").is_null());
}

TEST(WireRecords, PayoutAndOptionalPayout) {
    Payout payout;
    payout.id = 2;
    payout.client_id = 3;
    payout.kind = PayoutKind::rebate;
    payout.currency = usd();
    payout.amount_minor = 80'00;
    payout.paid_on = day(2026, 7, 1);
    const auto out = json::value_from(payout).as_object();
    EXPECT_EQ(out.at("id"), "pay_2");
    EXPECT_EQ(out.at("kind"), "rebate");
    EXPECT_EQ(out.at("amount"), "80.00");
    EXPECT_EQ(out.at("netted_amount"), "0.00");
    EXPECT_TRUE(out.at("schedule_id").is_null());
    EXPECT_TRUE(json::value_from(std::optional<Payout>{}).is_null());
}

TEST(WireRecords, SettingsUsePercentAndDateStrings) {
    BookSettings settings;
    settings.name = "Test book";
    settings.base_currency = usd();
    settings.business_date = day(2026, 6, 1);
    const auto out = json::value_from(settings).as_object();
    EXPECT_EQ(out.at("base_currency"), "USD");
    EXPECT_EQ(out.at("calendar"), "us_federal_reserve");
    EXPECT_EQ(out.at("business_date"), "2026-06-01");
    EXPECT_TRUE(out.at("last_closed_on").is_null());
    EXPECT_EQ(out.at("rebate_schedule"), "on_collection");
    EXPECT_EQ(out.at("cross_age"), "10");
}

TEST(WireRecords, ListsOfRecordsAreArrays) {
    const auto out = json::value_from(std::vector<Client>{sample_client(), sample_client()});
    ASSERT_TRUE(out.is_array());
    EXPECT_EQ(out.as_array().size(), 2u);
}

TEST(WireRecords, ErrorAndProblem) {
    const Error error = make_error("invalid_amount", "amount has more decimals than USD allows", "amount");
    EXPECT_EQ(
        json::serialize(wire::error(error)),
        R"({"code":"invalid_amount","message":"amount has more decimals than USD allows","field":"amount"})");
    EXPECT_TRUE(wire::error(make_error("not_found", "no such invoice")).at("field").is_null());
    const auto problem = wire::problem(error, 422);
    EXPECT_EQ(problem.at("status"), 422);
    EXPECT_EQ(problem.at("code"), "invalid_amount");
    EXPECT_EQ(problem.at("title"), "amount has more decimals than USD allows");
    EXPECT_EQ(problem.at("errors").as_array().at(0).at("field"), "amount");
    EXPECT_FALSE(wire::problem(make_error("not_found", "x"), 404).contains("errors"));
}

TEST(WireValues, PageEnvelope) {
    EXPECT_EQ(json::serialize(wire::page(json::array{1, 2}, std::string("inv_2"))),
              R"({"data":[1,2],"next_cursor":"inv_2"})");
    EXPECT_EQ(json::serialize(wire::page(json::array{}, std::nullopt)), R"({"data":[],"next_cursor":null})");
}

TEST(WireValues, MoneyObject) {
    EXPECT_EQ(json::serialize(json::value_from(Money{-1'234'56, usd()})),
              R"({"amount":"-1234.56","currency":"USD"})");
}

}  // namespace
}  // namespace mf
