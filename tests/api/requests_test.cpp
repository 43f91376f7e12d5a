// Requests through the router: the life of an invoice over the API, bad input of every kind answered with
// problem+json and its stable code while the book stays exactly as it was, If-Match, paging, and
// Idempotency-Key (one effect for many concurrent requests, the same answer, a different body refused).
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "api_fixture.hpp"

namespace mf::testing {
namespace {

using auth::Role;
using http::verb;

class Requests : public ApiTest {
  protected:
    std::string schedule_body(const std::string& number, const std::string& amount = "500.00") {
        const auto today = book->settings().value().business_date;
        return R"({"client_id": ")" + format_id(IdKind::client, client_a.id) +
               R"(", "invoices": [{"debtor_id": ")" + format_id(IdKind::debtor, debtor.id) +
               R"(", "number": ")" + number + R"(", "amount": ")" + amount + R"(", "issue_date": ")" +
               today.to_string() + R"(", "due_date": ")" + today.plus_days(30).to_string() + R"("}]})";
    }
};

TEST_F(Requests, AnInvoiceLivesItsWholeLifeThroughTheApi) {
    auto submitted = as(Role::client, verb::post, "/v1/schedules", schedule_body("API-1"));
    ASSERT_EQ(submitted.result_int(), 201u) << submitted.body();
    const auto schedule = json_of(submitted);
    const std::string schedule_id(schedule.at("id").as_string());
    const std::string invoice_id(schedule.at("invoices").at(0).at("id").as_string());

    auto approved = as(Role::underwriter, verb::post, "/v1/schedules/" + schedule_id + "/approve", "{}");
    ASSERT_EQ(approved.result_int(), 200u) << approved.body();
    EXPECT_TRUE(json_of(approved).at("data").at(0).at("approved").as_bool());

    auto funded = as(Role::underwriter, verb::post, "/v1/schedules/" + schedule_id + "/fund", "",
                     {{"Idempotency-Key", "fund-1"}});
    ASSERT_EQ(funded.result_int(), 201u) << funded.body();
    EXPECT_EQ(json_of(funded).at("amount").as_string(), "450.00");

    const auto today = book->settings().value().business_date.to_string();
    auto receipt = as(Role::collector, verb::post, "/v1/receipts",
                      R"({"amount": "500.00", "currency": "USD", "received_on": ")" + today +
                          R"(", "payer": "Debtor 1", "applications": [{"invoice_id": ")" + invoice_id +
                          R"(", "amount": "500.00"}]})");
    ASSERT_EQ(receipt.result_int(), 201u) << receipt.body();
    // The receipt reports every entry it booked: the collection and the fee settled as the invoice closed.
    std::set<std::string> kinds;
    const auto receipt_json = json_of(receipt);
    for (const auto& entry : receipt_json.at("entries").as_array())
        kinds.emplace(entry.at("kind").as_string());
    EXPECT_EQ(kinds, (std::set<std::string>{"receipt_applied", "fee_accrued"})) << receipt.body();
    auto invoice = as(Role::client, verb::get, "/v1/invoices/" + invoice_id);
    EXPECT_EQ(json_of(invoice).at("state").as_string(), "closed") << invoice.body();
    auto history = as(Role::viewer, verb::get, "/v1/invoices/" + invoice_id + "/history");
    ASSERT_EQ(history.result_int(), 200u);
    const auto history_json = json_of(history);
    for (const auto& event : history_json.at("events").as_array()) {
        const std::string actor(event.at("actor").as_string());
        EXPECT_EQ(actor.rfind("api:usr_", 0), 0u) << "every audit event names its API user: " << actor;
    }
    auto verify = as(Role::admin, verb::get, "/v1/verify");
    EXPECT_TRUE(json_of(verify).at("problems").as_array().empty()) << verify.body();
}

TEST_F(Requests, BadInputIsRefusedWithItsCodeAndChangesNothing) {
    const std::string client = "/v1/clients/" + format_id(IdKind::client, client_a.id);
    struct Case {
        verb method;
        std::string target;
        std::string body;
        unsigned status;
        std::string code;
        std::map<std::string, std::string> headers = {};
    };
    const std::vector<Case> cases{
        {verb::post, "/v1/schedules", "{not json", 400, "invalid_json"},
        {verb::post, "/v1/schedules", "[1, 2]", 400, "invalid_json"},
        {verb::post, "/v1/schedules", std::string(40, '[') + std::string(40, ']'), 400, "invalid_json"},
        {verb::post, "/v1/schedules", schedule_body("X-1").insert(1, R"("colour": "red", )"), 400,
         "unknown_field"},
        {verb::post, "/v1/schedules", R"({"client_id": 12, "invoices": []})", 400, "invalid_type"},
        {verb::post, "/v1/schedules", R"({"invoices": []})", 400, "missing_field"},
        {verb::post, "/v1/schedules", schedule_body("X-2", "-5.00"), 400, "invalid_amount"},
        {verb::post, "/v1/schedules", schedule_body("X-3", "5.001"), 400, "invalid_amount"},
        {verb::post, "/v1/schedules", schedule_body("X-4", "99999999999999999999.00"), 400, "invalid_amount"},
        {verb::post, "/v1/schedules", schedule_body(invoice_a.number), 409, "duplicate_invoice"},
        {verb::post, "/v1/schedules", R"({"client_id": "cli_999", "invoices": []})", 404, "not_found"},
        {verb::post, "/v1/schedules", R"({"client_id": "dbt_1", "invoices": []})", 400, "invalid_id"},
        {verb::get, "/v1/invoices/inv_999999", "", 404, "not_found"},
        {verb::get, "/v1/invoices/nonsense", "", 404, "not_found"},
        {verb::get, "/v1/invoices?limit=0", "", 400, "invalid_query"},
        {verb::get, "/v1/invoices?state=lost", "", 400, "invalid_state"},
        {verb::get, "/v1/no-such-route", "", 404, "not_found"},
        {verb::delete_, "/v1/clients", "", 405, "method_not_allowed"},
        {verb::patch, client, R"({"name": "Renamed"})", 412, "precondition_failed", {{"If-Match", "\"7\""}}},
        {verb::patch, client, R"({"terms": {"advance_rate": "120"}})", 400, "invalid_rate"},
        {verb::patch, client, R"({"terms": {"advance_rate": 90}})", 400, "invalid_type"},
        {verb::post, "/v1/receipts", R"({"amount": "10.00", "currency": "XXX", "received_on": "2026-06-01"})",
         400, "unknown_currency"},
        {verb::post, "/v1/receipts", R"({"amount": "10.00", "currency": "USD", "received_on": "2026-02-30"})",
         400, "invalid_date"},
        {verb::post, "/v1/invoices/" + format_id(IdKind::invoice, invoice_a.id) + "/approve", "{}", 409,
         "invalid_transition"},
        {verb::post, "/v1/users",
         R"({"email": "x@y.example", "name": "X", "role": "client", "password": "long enough pass"})", 400,
         "missing_field"},
        {verb::post, "/v1/users",
         R"({"email": "x@y.example", "name": "X", "role": "viewer", "password": "short"})", 400,
         "weak_password"},
    };
    const auto before = fingerprint();
    for (const auto& test : cases) {
        auto response = as(Role::admin, test.method, test.target, test.body, test.headers);
        EXPECT_EQ(response.result_int(), test.status) << test.target << " " << test.body << "\n"
                                                      << response.body();
        EXPECT_EQ(code_of(response), test.code) << test.target << " " << test.body;
        EXPECT_EQ(response[http::field::content_type], "application/problem+json");
        EXPECT_EQ(fingerprint(), before) << test.target << " " << test.body;
    }
}

TEST_F(Requests, IfMatchWithTheReadVersionUpdates) {
    const std::string client = "/v1/clients/" + format_id(IdKind::client, client_a.id);
    auto read = as(Role::underwriter, verb::get, client);
    const auto version = json_of(read).at("version").as_int64();
    auto updated = as(Role::underwriter, verb::patch, client, R"({"terms": {"factoring_limit": "2500.00"}})",
                      {{"If-Match", std::to_string(version)}});
    ASSERT_EQ(updated.result_int(), 200u) << updated.body();
    EXPECT_EQ(json_of(updated).at("terms").at("factoring_limit").as_string(), "2500.00");
    EXPECT_EQ(json_of(updated).at("version").as_int64(), version + 1);
    auto stale = as(Role::underwriter, verb::patch, client, R"({"name": "Late"})",
                    {{"If-Match", std::to_string(version)}});
    EXPECT_EQ(stale.result_int(), 412u);
}

TEST_F(Requests, ListsPageWithCursors) {
    for (int i = 0; i < 3; ++i)
        ASSERT_EQ(as(Role::admin, verb::post, "/v1/schedules", schedule_body("P-" + std::to_string(i)))
                      .result_int(),
                  201u);
    std::vector<std::string> seen;
    std::string cursor;
    for (int page = 0; page < 10; ++page) {
        auto response =
            as(Role::viewer, verb::get, "/v1/invoices?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor));
        ASSERT_EQ(response.result_int(), 200u) << response.body();
        const auto body = json_of(response);
        for (const auto& invoice : body.at("data").as_array())
            seen.emplace_back(invoice.at("id").as_string());
        if (body.at("next_cursor").is_null())
            break;
        cursor = std::string(body.at("next_cursor").as_string());
    }
    EXPECT_EQ(seen.size(), 5u);  // the fixture's two and these three, each once
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end(), [](const std::string& a, const std::string& b) {
        return parse_id(IdKind::invoice, a, "id").value() < parse_id(IdKind::invoice, b, "id").value();
    }));
}

TEST_F(Requests, FiftyConcurrentRequestsWithOneKeyHaveOneEffectAndOneAnswer) {
    const std::string body = schedule_body("IDEM-1");
    const auto schedules_before = book->schedules(std::nullopt).value().size();
    std::vector<std::thread> threads;
    std::vector<api::Response> responses(50);
    for (size_t i = 0; i < responses.size(); ++i) {
        threads.emplace_back([&, i] {
            responses[i] =
                as(Role::underwriter, verb::post, "/v1/schedules", body, {{"Idempotency-Key", "batch-7"}});
        });
    }
    for (auto& thread : threads)
        thread.join();
    EXPECT_EQ(book->schedules(std::nullopt).value().size(), schedules_before + 1);
    int replayed = 0;
    for (const auto& response : responses) {
        EXPECT_EQ(response.result_int(), 201u) << response.body();
        EXPECT_EQ(response.body(), responses.front().body());
        replayed += response["Idempotent-Replayed"] == "true";
    }
    EXPECT_EQ(replayed, 49);

    const auto before = fingerprint();
    auto other = as(Role::underwriter, verb::post, "/v1/schedules", schedule_body("IDEM-2"),
                    {{"Idempotency-Key", "batch-7"}});
    EXPECT_EQ(other.result_int(), 422u);
    EXPECT_EQ(code_of(other), "idempotency_mismatch");
    EXPECT_EQ(fingerprint(), before);
    // Keys belong to their user: another user's same key is a new request.
    auto someone_else = as(Role::admin, verb::post, "/v1/schedules", schedule_body("IDEM-3"),
                           {{"Idempotency-Key", "batch-7"}});
    EXPECT_EQ(someone_else.result_int(), 201u) << someone_else.body();
}

TEST_F(Requests, AFailedIdempotentRequestKeepsNoKeySoItMayBeRetried) {
    const std::string fund = "/v1/schedules/" + format_id(IdKind::schedule, invoice_a.schedule_id) + "/fund";
    auto first = as(Role::underwriter, verb::post, fund, "", {{"Idempotency-Key", "retry-1"}});
    EXPECT_EQ(first.result_int(), 409u) << first.body();  // funded already
    auto submitted = as(Role::underwriter, verb::post, "/v1/schedules", schedule_body("R-1"),
                        {{"Idempotency-Key", "retry-1"}});
    EXPECT_EQ(submitted.result_int(), 201u) << submitted.body();
}

TEST_F(Requests, CookieSessionsNeedTheirCsrfTokenToWrite) {
    const std::string& token = tokens.at(Role::admin);
    const std::string cookie = "theme=dark; mf_session=" + token;
    auto read = send(verb::get, "/v1/settings", {}, {}, {{"Cookie", cookie}});
    EXPECT_EQ(read.result_int(), 200u);
    auto forged = send(verb::post, "/v1/capital", R"({"amount": "10.00", "currency": "USD"})", {},
                       {{"Cookie", cookie}, {"X-CSRF-Token", "guess"}});
    EXPECT_EQ(forged.result_int(), 403u);
    EXPECT_EQ(code_of(forged), "csrf_failed");
    auto written = send(verb::post, "/v1/capital", R"({"amount": "10.00", "currency": "USD"})", {},
                        {{"Cookie", cookie}, {"X-CSRF-Token", auth::Access::csrf_token_for(token)}});
    EXPECT_EQ(written.result_int(), 201u) << written.body();
}

TEST_F(Requests, OperationsRoutesAnswer) {
    EXPECT_EQ(send(verb::get, "/healthz").result_int(), 200u);
    auto openapi = send(verb::get, "/v1/openapi.json");
    EXPECT_EQ(openapi.result_int(), 200u);
    EXPECT_NO_THROW((void)boost::json::parse(openapi.body()));
    metrics.observe("GET", "/v1/invoices/{id}", 200, 0.003);
    auto scraped = as(Role::viewer, verb::get, "/metrics");
    ASSERT_EQ(scraped.result_int(), 200u);
    EXPECT_NE(
        scraped.body().find(
            "microfactor_http_requests_total{method=\"GET\",route=\"/v1/invoices/{id}\",status=\"200\"} 1"),
        std::string::npos)
        << scraped.body();
    EXPECT_NE(scraped.body().find("microfactor_open_invoices{currency=\"USD\"} 2"), std::string::npos)
        << scraped.body();
    EXPECT_NE(scraped.body().find("microfactor_outstanding_face{currency=\"USD\"} 3000.00"),
              std::string::npos);
}

TEST_F(Requests, ReceiptsApplyThemselvesWhereCertainAndSuggestTheRest) {
    // The fixture's receipt of 100.00 ("ref") names nothing: suggestions only. A second one names invoice A.
    const auto today = book->settings().value().business_date.to_string();
    auto named = as(Role::collector, verb::post, "/v1/receipts",
                    R"({"amount": "1000.00", "currency": "USD", "received_on": ")" + today +
                        R"(", "payer": "Debtor 1", "reference": "paying )" + invoice_a.number + R"("})",
                    {{"Idempotency-Key", "named-1"}});
    ASSERT_EQ(named.result_int(), 201u) << named.body();
    const std::string named_id(json_of(named).at("id").as_string());

    auto suggestions = as(Role::viewer, verb::get, "/v1/receipts/" + named_id + "/suggestions");
    ASSERT_EQ(suggestions.result_int(), 200u) << suggestions.body();
    EXPECT_EQ(json_of(suggestions).at("certain").at("applications").at(0).at("amount").as_string(),
              "1000.00");
    EXPECT_EQ(as(Role::client, verb::get, "/v1/receipts/" + named_id + "/suggestions").result_int(), 403u);

    auto applied =
        as(Role::collector, verb::post, "/v1/receipts/auto-apply", "", {{"Idempotency-Key", "auto-1"}});
    ASSERT_EQ(applied.result_int(), 200u) << applied.body();
    const auto result = json_of(applied);
    EXPECT_EQ(result.at("applied").as_int64(), 1);
    EXPECT_EQ(result.at("receipts").as_array().size(), 2u);
    EXPECT_EQ(json_of(as(Role::viewer, verb::get, "/v1/invoices/" + format_id(IdKind::invoice, invoice_a.id)))
                  .at("state")
                  .as_string(),
              "closed");
    // The receipt now shows where its cash went; the one that named nothing shows no application.
    auto shown = as(Role::viewer, verb::get, "/v1/receipts/" + named_id);
    ASSERT_EQ(shown.result_int(), 200u) << shown.body();
    const auto shown_json = json_of(shown);
    const auto& lines = shown_json.at("applications").as_array();
    ASSERT_EQ(lines.size(), 1u) << shown.body();
    EXPECT_EQ(lines.at(0).at("invoice_id").as_string(), format_id(IdKind::invoice, invoice_a.id));
    EXPECT_EQ(lines.at(0).at("invoice_number").as_string(), invoice_a.number);
    EXPECT_EQ(lines.at(0).at("amount").as_string(), "1000.00");
    EXPECT_EQ(lines.at(0).at("applied_on").as_string(), today);
    auto unnamed = as(Role::viewer, verb::get, "/v1/receipts/" + format_id(IdKind::receipt, receipt_id));
    ASSERT_EQ(unnamed.result_int(), 200u) << unnamed.body();
    EXPECT_TRUE(json_of(unnamed).at("applications").as_array().empty());
    EXPECT_EQ(as(Role::viewer, verb::get, "/v1/receipts/rcp_999").result_int(), 404u);
    auto named_only = as(Role::collector, verb::post, "/v1/receipts/auto-apply",
                         R"({"receipt_ids": [")" + format_id(IdKind::receipt, receipt_id) + R"("]})",
                         {{"Idempotency-Key", "auto-2"}});
    ASSERT_EQ(named_only.result_int(), 200u) << named_only.body();
    EXPECT_EQ(json_of(named_only).at("applied").as_int64(), 0);
    EXPECT_EQ(
        as(Role::collector, verb::post, "/v1/receipts/auto-apply", R"({"receipt_ids": "x"})").result_int(),
        400u);
    EXPECT_TRUE(book->verify().value().problems.empty());
}

}  // namespace
}  // namespace mf::testing
