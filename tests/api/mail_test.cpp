// The outbox over HTTP: a debtor link issued through the API queues its mail (the token never in the
// outbox's answers), staff list and read it, client users are refused, a retry of an unaddressed mail says
// why it cannot, and the statement-ready mail.
#include "api/api_fixture.hpp"

namespace mf::testing {
namespace {

using auth::Role;
using MailRoutes = ApiTest;

TEST_F(MailRoutes, ALinkQueuesItsMailAndTheOutboxNeverShowsTheToken) {
    auto issued = as(Role::underwriter, http::verb::post,
                     "/v1/invoices/" + format_id(IdKind::invoice, invoice_a.id) + "/debtor-links", "{}");
    ASSERT_EQ(issued.result_int(), 201u) << issued.body();
    const std::string token(json_of(issued).at("token").as_string());
    auto list = as(Role::viewer, http::verb::get, "/v1/outbox");
    ASSERT_EQ(list.result_int(), 200u) << list.body();
    const auto listed = json_of(list);  // kept: the array below refers into it
    const auto& data = listed.at("data").as_array();
    ASSERT_EQ(data.size(), 1u) << list.body();
    const auto& mail = data.at(0).as_object();
    EXPECT_EQ(mail.at("kind").as_string(), "verification_request");
    // The fixture's debtor has no address: the mail waits, saying why.
    EXPECT_EQ(mail.at("state").as_string(), "unaddressed");
    EXPECT_NE(std::string(mail.at("last_error").as_string()).find("has no e-mail address"),
              std::string::npos);
    EXPECT_EQ(list.body().find(token), std::string::npos);
    const std::string id(mail.at("id").as_string());
    auto one = as(Role::collector, http::verb::get, "/v1/outbox/" + id);
    ASSERT_EQ(one.result_int(), 200u);
    EXPECT_NE(one.body().find("{{link}}"), std::string::npos);
    EXPECT_EQ(one.body().find(token), std::string::npos);
    EXPECT_EQ(as(Role::client, http::verb::get, "/v1/outbox").result_int(), 403u);
    EXPECT_EQ(as(Role::viewer, http::verb::post, "/v1/outbox/" + id + "/retry", "{}").result_int(), 403u);
    auto retry = as(Role::collector, http::verb::post, "/v1/outbox/" + id + "/retry", "{}");
    EXPECT_EQ(retry.result_int(), 409u) << retry.body();
    EXPECT_NE(retry.body().find("no_address"), std::string::npos);
    EXPECT_EQ(as(Role::admin, http::verb::get, "/v1/outbox/eml_999").result_int(), 404u);
}

TEST_F(MailRoutes, AStatementReadyMailIsQueuedForTheClient) {
    auto sent = as(Role::admin, http::verb::post,
                   "/v1/clients/" + format_id(IdKind::client, client_a.id) + "/statement/mail", "{}");
    ASSERT_EQ(sent.result_int(), 201u) << sent.body();
    EXPECT_EQ(json_of(sent).at("kind").as_string(), "statement_ready");
    auto queued = as(Role::admin, http::verb::get, "/v1/outbox?state=unaddressed");
    ASSERT_EQ(queued.result_int(), 200u);
    EXPECT_EQ(json_of(queued).at("data").as_array().size(), 1u);
    EXPECT_EQ(as(Role::admin, http::verb::get, "/v1/outbox?state=lost").result_int(), 400u);
}

}  // namespace
}  // namespace mf::testing
