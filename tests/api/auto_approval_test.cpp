// Auto-approval over HTTP: the rules read by staff and set by admins and underwriters, a client's schedule
// submitted through the API approved and funded with no person, one that waits naming the rule, and the
// re-run that funds it once the rule is met.
#include "api_fixture.hpp"

namespace mf::testing {
namespace {

using auth::Role;
using http::verb;

class AutoApprovalApi : public ApiTest {
  protected:
    void give_account(const Client& client) {
        ClientChange change;
        change.payout_account.routing_number = "021000021";
        change.payout_account.account_number = "000123456789";
        must(book->update_client(staff, client.id, change));
    }

    std::string schedule_body(const Client& client, const std::string& amount) {
        const auto today = book->settings().value().business_date.to_string();
        const auto due = book->settings().value().business_date.plus_days(30).to_string();
        return R"({"client_id": ")" + format_id(IdKind::client, client.id) +
               R"(", "invoices": [{"debtor_id": ")" + format_id(IdKind::debtor, debtor.id) +
               R"(", "number": "AUTO-)" + std::to_string(++invoices_made) + R"(", "amount": ")" + amount +
               R"(", "issue_date": ")" + today + R"(", "due_date": ")" + due + R"("}]})";
    }
};

TEST_F(AutoApprovalApi, ASubmittedScheduleIsFundedWithNoPersonOrWaitsNamingTheRule) {
    auto shown = as(Role::viewer, verb::get, "/v1/auto-approval");
    ASSERT_EQ(shown.result_int(), 200u) << shown.body();
    EXPECT_EQ(json_of(shown).at("book").at("mode").as_string(), "off");
    EXPECT_EQ(as(Role::collector, verb::post, "/v1/auto-approval", R"({"mode": "on"})").result_int(), 403u);
    EXPECT_EQ(code_of(as(Role::admin, verb::post, "/v1/auto-approval", R"({"mode": "inherit"})")),
              "invalid_mode");
    EXPECT_EQ(code_of(as(Role::admin, verb::post, "/v1/auto-approval", R"({"invoice_max": "-5.00"})")),
              "invalid_amount");
    auto set = as(Role::underwriter, verb::post, "/v1/auto-approval",
                  R"({"mode": "on", "invoice_max": "5000.00", "schedule_max": "20000.00"})");
    ASSERT_EQ(set.result_int(), 200u) << set.body();
    EXPECT_EQ(json_of(set).at("book").at("invoice_max").as_string(), "5000.00");

    NewCreditReview review;
    review.debtor_id = debtor.id;
    review.limit_minor = 100'000'00;
    review.notes = "trade references good";
    must(book->review_debtor(staff, review));
    give_account(client_a);

    // Client A's own user submits: approved and funded at once by the auto-approver.
    auto submitted = as(Role::client, verb::post, "/v1/schedules", schedule_body(client_a, "1200.00"));
    ASSERT_EQ(submitted.result_int(), 201u) << submitted.body();
    const auto body = json_of(submitted);
    EXPECT_EQ(body.at("state").as_string(), "funded");
    EXPECT_EQ(body.at("auto_approval").at("outcome").as_string(), "approved");
    EXPECT_EQ(body.at("invoices").at(0).at("state").as_string(), "funded");

    // Client B has no payout account: its schedule waits, saying so.
    auto waiting = as(Role::admin, verb::post, "/v1/schedules", schedule_body(client_b, "800.00"));
    ASSERT_EQ(waiting.result_int(), 201u) << waiting.body();
    const auto waited = json_of(waiting);
    EXPECT_EQ(waited.at("state").as_string(), "open");
    EXPECT_EQ(waited.at("auto_approval").at("outcome").as_string(), "waiting");
    EXPECT_EQ(waited.at("auto_approval").at("failed_rule").as_string(), "payout_account");
    const std::string path = "/v1/schedules/" + std::string(waited.at("id").as_string());

    EXPECT_EQ(as(Role::collector, verb::post, path + "/auto-approve", "{}").result_int(), 403u);
    give_account(client_b);
    auto rerun = as(Role::underwriter, verb::post, path + "/auto-approve", "{}");
    ASSERT_EQ(rerun.result_int(), 201u) << rerun.body();
    EXPECT_EQ(json_of(rerun).at("outcome").as_string(), "approved");
    EXPECT_FALSE(json_of(rerun).at("payout_id").is_null());
    EXPECT_EQ(code_of(as(Role::underwriter, verb::post, path + "/auto-approve", "{}")), "invalid_transition");

    auto decisions = as(Role::viewer, verb::get, path + "/auto-approvals");
    ASSERT_EQ(decisions.result_int(), 200u) << decisions.body();
    const auto listed = json_of(decisions);
    const auto& data = listed.at("data").as_array();
    ASSERT_EQ(data.size(), 2u);
    EXPECT_EQ(data[0].at("trigger").as_string(), "submission");
    EXPECT_EQ(data[1].at("trigger").as_string(), "rerun");
    EXPECT_EQ(data[1].at("checks").as_array().size(), 13u);
    EXPECT_EQ(as(Role::client, verb::get, path + "/auto-approvals").result_int(), 403u);

    // A client's override, in its own currency.
    auto pilot = as(Role::admin, verb::post,
                    "/v1/clients/" + format_id(IdKind::client, client_b.id) + "/auto-approval",
                    R"({"mode": "off", "invoice_max": "none"})");
    ASSERT_EQ(pilot.result_int(), 200u) << pilot.body();
    EXPECT_EQ(json_of(pilot).at("client").at("mode").as_string(), "off");
    EXPECT_FALSE(json_of(pilot).at("effective").at("enabled").as_bool());
}

}  // namespace
}  // namespace mf::testing
