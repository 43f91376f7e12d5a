// The JSON form of reports: bucket labels, percent strings and per-currency totals.
#include <gtest/gtest.h>

#include "wire/reports.hpp"

namespace mf {
namespace {

namespace json = boost::json;

Currency usd() {
    return Currency::from_code("USD").value();
}
Date day(int y, unsigned m, unsigned d) {
    return Date::from_ymd(y, m, d).value();
}

TEST(WireReports, AgingBucketsCarryTheirLabels) {
    AgingReport report;
    report.as_of = day(2026, 7, 1);
    AgingRow row;
    row.id = 3;
    row.name = "Bright Line";
    row.currency = usd();
    row.by_due_minor = {100'00, 0, 250'50, 0, 7'00};
    row.total_minor = 357'50;
    row.invoices = 3;
    report.by_client.push_back(row);
    report.totals.push_back(row);
    const auto out = json::value_from(report).as_object();
    EXPECT_EQ(out.at("as_of"), "2026-07-01");
    EXPECT_EQ(out.at("due_date_buckets"), (json::array{"current", "1-30", "31-60", "61-90", "91+"}));
    const auto& client = out.at("by_client").as_array().at(0).as_object();
    EXPECT_EQ(client.at("id"), "cli_3");
    EXPECT_EQ(client.at("total_amount"), "357.50");
    const auto& buckets = client.at("by_due_date").as_array();
    ASSERT_EQ(buckets.size(), 5u);
    EXPECT_EQ(buckets[2].at("bucket"), "31-60");
    EXPECT_EQ(buckets[2].at("amount"), "250.50");
    EXPECT_EQ(client.at("by_invoice_date").as_array().at(4).at("bucket"), "121+");
}

TEST(WireReports, PortfolioRatesArePercentStrings) {
    PortfolioReport report;
    report.from = day(2026, 6, 1);
    report.as_of = day(2026, 9, 30);
    PortfolioRow row;
    row.currency = usd();
    row.annualized_yield_ppm = 243'500;
    row.dilution_rate_ppm = 12'345;
    row.average_advance_rate_ppm = 875'000;
    row.outstanding_face_minor = 1'000'000'00;
    report.rows.push_back(row);
    const auto out = json::value_from(report).as_object();
    const auto& first = out.at("rows").as_array().at(0).as_object();
    EXPECT_EQ(first.at("annualized_yield"), "24.35");
    EXPECT_EQ(first.at("dilution_rate"), "1.2345");
    EXPECT_EQ(first.at("average_advance_rate"), "87.5");
    EXPECT_EQ(first.at("outstanding_face_amount"), "1000000.00");
}

TEST(WireReports, TrialBalanceTotalsPerCurrency) {
    TrialBalance balance;
    balance.as_of = day(2026, 6, 2);
    balance.rows.push_back({Account::cash, usd(), 100'00, 0});
    balance.rows.push_back({Account::funding_capital, usd(), 0, 100'00});
    const auto out = json::value_from(balance).as_object();
    EXPECT_EQ(out.at("balanced"), true);
    EXPECT_EQ(out.at("rows").as_array().at(1).at("account_type"), "equity");
    const auto& total = out.at("totals").as_array().at(0);
    EXPECT_EQ(total.at("debit_amount"), "100.00");
    EXPECT_EQ(total.at("credit_amount"), "100.00");
}

TEST(WireReports, ConcentrationAndReserve) {
    ConcentrationReport concentration;
    concentration.as_of = day(2026, 6, 2);
    concentration.rows.push_back({0, "", 7, "Acme", usd(), 600'00, 1'000'00, 600'000, 500'000, true});
    const auto rows = json::value_from(concentration).at("rows").as_array();
    EXPECT_TRUE(rows.at(0).at("client_id").is_null());
    EXPECT_EQ(rows.at(0).at("share"), "60");
    EXPECT_EQ(rows.at(0).at("breach"), true);

    ReserveReport reserve;
    reserve.rows.push_back({3, "Bright", usd(), -50'00, 100'00, 0, 150'00, 900'00, 1'000'00, 0});
    const auto row = json::value_from(reserve).at("rows").as_array().at(0);
    EXPECT_EQ(row.at("reserve_amount"), "-50.00");
    EXPECT_EQ(row.at("shortfall_amount"), "150.00");
}

TEST(WireReports, VerifyAndCloseDay) {
    VerifyReport report;
    report.entries = 10;
    report.problems = {"cash USD differs"};
    const auto out = json::value_from(report);
    EXPECT_EQ(out.at("clean"), false);
    EXPECT_EQ(out.at("problems").as_array().at(0), "cash USD differs");

    CloseDayResult result;
    result.date = day(2026, 6, 1);
    const Currency eur = Currency::from_code("EUR").value();
    result.fees_by_currency = {Money{13'34, usd()}, Money{5'00, eur}};  // close-day gives one per currency
    const auto closed = json::value_from(result);
    const auto& fees = closed.at("fees").as_array();
    ASSERT_EQ(fees.size(), 2u);
    EXPECT_EQ(fees.at(0).at("currency"), "USD");
    EXPECT_EQ(fees.at(0).at("amount"), "13.34");
    EXPECT_EQ(fees.at(1).at("amount"), "5.00");
    EXPECT_EQ(closed.at("rebates"), json::array{});
}

}  // namespace
}  // namespace mf
