// The reports as CSV files (?format=csv): the same figures as the JSON answer, one row per report row with
// the report's date, bucket lists as columns, a client user's file holding its own client only (another's
// not found), and a bad
// format refused by its field.
#include "api/report_csv.hpp"
#include "api_fixture.hpp"
#include "formats/csv.hpp"

namespace mf::testing {
namespace {

using auth::Role;
using http::verb;

class ReportCsvApi : public ApiTest {
  protected:
    formats::CsvTable csv_of(const api::Response& response) {
        EXPECT_EQ(response.result_int(), 200u) << response.body();
        EXPECT_EQ(std::string(response[http::field::content_type]), "text/csv; charset=utf-8");
        auto table = formats::read_csv(response.body());
        EXPECT_TRUE(table) << (table ? "" : table.error().message);
        return table ? std::move(table).value() : formats::CsvTable{};
    }
};

TEST_F(ReportCsvApi, AgingHasTheJsonFiguresRowByRow) {
    const auto report = json_of(as(Role::viewer, verb::get, "/v1/reports/aging")).as_object();
    const auto response = as(Role::viewer, verb::get, "/v1/reports/aging?format=csv");
    EXPECT_EQ(
        std::string(response[http::field::content_disposition]),
        "attachment; filename=\"microfactor-aging-" + std::string(report.at("as_of").as_string()) + ".csv\"");
    const auto table = csv_of(response);
    ASSERT_GE(table.header.size(), 4u);
    EXPECT_EQ(table.header.at(0), "section");
    const auto section = table.column("section"), id = table.column("id"), as_of = table.column("as_of"),
               total = table.column("total_amount");
    ASSERT_TRUE(section && id && as_of && total);
    size_t compared = 0;
    for (const char* list : {"by_client", "by_debtor", "totals"}) {
        for (const auto& row : report.at(list).as_array()) {
            const auto& object = row.as_object();
            const std::string row_id =
                object.at("id").is_null() ? "" : std::string(object.at("id").as_string());
            bool found = false;
            for (const auto& line : table.rows) {
                if (table.field(line, section) != list || table.field(line, id) != row_id)
                    continue;
                found = true;
                EXPECT_EQ(table.field(line, total), object.at("total_amount").as_string()) << list << row_id;
                EXPECT_EQ(table.field(line, as_of), report.at("as_of").as_string());
                // each due-date bucket is a column of its own
                for (const auto& bucket : object.at("by_due_date").as_array()) {
                    const auto column =
                        table.column("by_due_date " + std::string(bucket.at("bucket").as_string()));
                    ASSERT_TRUE(column) << bucket;
                    EXPECT_EQ(table.field(line, column), bucket.at("amount").as_string());
                }
                ++compared;
            }
            EXPECT_TRUE(found) << list << " " << row_id << " is not in the CSV";
        }
    }
    EXPECT_EQ(compared, table.rows.size());
    EXPECT_EQ(compared, 4u);  // two clients, their one debtor, one currency's total
}

TEST_F(ReportCsvApi, AClientUsersFileHoldsItsOwnClientOnly) {
    const auto table = csv_of(as(Role::client, verb::get, "/v1/reports/reserve?format=csv"));
    const auto client = table.column("client_id");
    ASSERT_TRUE(client);
    ASSERT_EQ(table.rows.size(), 1u);
    EXPECT_EQ(table.field(table.rows.at(0), client), format_id(IdKind::client, client_a.id));
    // another client's file is not found, as its JSON is
    const auto asked =
        as(Role::client, verb::get,
           "/v1/reports/reserve?format=csv&client_id=" + format_id(IdKind::client, client_b.id));
    EXPECT_EQ(asked.result_int(), 404u);
    EXPECT_EQ(asked.body().find(client_b.name), std::string::npos);
}

TEST_F(ReportCsvApi, EveryReportRouteWritesCsv) {
    for (const char* route : {"/v1/reports/aging", "/v1/reports/concentration", "/v1/reports/reserve",
                              "/v1/reports/portfolio", "/v1/reports/trial-balance"}) {
        const auto table = csv_of(as(Role::admin, verb::get, std::string(route) + "?format=csv"));
        EXPECT_FALSE(table.rows.empty()) << route;
        // format=json is the JSON answer, as with no format
        const auto plain = as(Role::admin, verb::get, std::string(route) + "?format=json");
        EXPECT_EQ(plain.result_int(), 200u) << route;
        EXPECT_EQ(std::string(plain[http::field::content_type]), "application/json") << route;
    }
    const auto balance = csv_of(as(Role::admin, verb::get, "/v1/reports/trial-balance?format=csv"));
    const auto section = balance.column("section");
    ASSERT_TRUE(section);
    EXPECT_TRUE(std::ranges::any_of(
        balance.rows, [&](const auto& row) { return balance.field(row, section) == "totals"; }));
}

TEST_F(ReportCsvApi, TheVerificationLogAndTheNoaQueueAsCsv) {
    auto recorded = as(Role::collector, verb::post,
                       "/v1/invoices/" + format_id(IdKind::invoice, invoice_a.id) + "/verifications",
                       R"({"channel": "call", "contact": "J. Payables, AP", "outcome": "confirmed"})");
    ASSERT_EQ(recorded.result_int(), 201u) << recorded.body();
    const auto log = csv_of(as(Role::viewer, verb::get, "/v1/reports/verifications?format=csv"));
    ASSERT_EQ(log.rows.size(), 1u);
    EXPECT_EQ(log.field(log.rows.at(0), log.column("invoice_id")), format_id(IdKind::invoice, invoice_a.id));
    EXPECT_EQ(log.field(log.rows.at(0), log.column("contact")),
              "J. Payables, AP");  // quoted, read back whole
    EXPECT_EQ(log.field(log.rows.at(0), log.column("outcome")), "confirmed");
    const auto queue_json =
        json_of(as(Role::viewer, verb::get, "/v1/reports/noa-queue")).at("data").as_array();
    const auto queue = csv_of(as(Role::viewer, verb::get, "/v1/reports/noa-queue?format=csv"));
    EXPECT_EQ(queue.rows.size(), queue_json.size());
    EXPECT_EQ(code_of(as(Role::viewer, verb::get, "/v1/reports/noa-queue?format=xlsx")), "invalid_format");
}

TEST_F(ReportCsvApi, ABadFormatIsRefusedByItsField) {
    const auto response = as(Role::admin, verb::get, "/v1/reports/aging?format=xlsx");
    EXPECT_EQ(response.result_int(), 400u);
    EXPECT_EQ(code_of(response), "invalid_format");
    EXPECT_EQ(json_of(response).at("errors").at(0).at("field").as_string(), "format");
}

TEST(ReportCsvText, QuotesFlattensAndLeavesMissingCellsEmpty) {
    const auto report = boost::json::parse(R"({
        "as_of": "2026-06-01", "count": 2, "nested": {"x": 1},
        "rows": [
            {"name": "Acme, Inc.", "terms": {"rate": "2.5"}, "tags": ["a", "b"], "ok": true},
            {"name": "Say \"hi\"", "extra": null}
        ]})")
                            .as_object();
    const std::string text = api::report_csv_text(report, {"test", {"rows"}});
    EXPECT_EQ(text,
              "as_of,count,name,terms.rate,tags,ok,extra\r\n"
              "2026-06-01,2,\"Acme, Inc.\",2.5,a; b,true,\r\n"
              "2026-06-01,2,\"Say \"\"hi\"\"\",,,,\r\n");
}

}  // namespace
}  // namespace mf::testing
