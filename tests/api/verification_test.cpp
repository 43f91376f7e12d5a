// Verification and notices of assignment over HTTP: policies, staff records, debtor links issued by staff
// and answered with no login (tampered, expired, wrong-purpose and replayed tokens refused with their codes),
// notices, the legend, the work queue, and the notification-factoring setting refusing funding.
#include "api_fixture.hpp"

namespace mf::testing {
namespace {

using auth::Role;
using http::verb;

class VerificationApi : public ApiTest {
  protected:
    std::string invoice_path(const Invoice& invoice) {
        return "/v1/invoices/" + format_id(IdKind::invoice, invoice.id);
    }
    std::string client_path(const Client& client) {
        return "/v1/clients/" + format_id(IdKind::client, client.id);
    }

    // Issues a link for the invoice as an underwriter: the token.
    std::string issue(const Invoice& invoice, const std::string& body = "{}") {
        auto response = as(Role::underwriter, verb::post, invoice_path(invoice) + "/debtor-links", body);
        EXPECT_EQ(response.result_int(), 201u) << response.body();
        const auto issued = json_of(response);
        std::string token(issued.at("token").as_string());
        // The link to send points at the debtor portal's page; programs use the API route.
        EXPECT_EQ(issued.at("path").as_string(), "/debtor#token=" + token);
        EXPECT_EQ(issued.at("api_path").as_string(), "/v1/debtor-link?token=" + token);
        return token;
    }

    // A new schedule of one invoice of client A (submitted, not approved).
    Invoice submit_a(int64_t face_minor) {
        const auto today = book->settings().value().business_date;
        auto view = must(book->submit_schedule(staff, {client_a.id,
                                                       {{debtor.id, "API-" + std::to_string(++invoices_made),
                                                         face_minor, usd(), today, today.plus_days(30)}}}));
        return view.invoices.at(0);
    }

    api::Response debtor_call(verb method, const std::string& target, const std::string& token,
                              const std::string& body = {}) {
        return send(method, target, body, token);
    }
};

TEST_F(VerificationApi, APolicyMakesNewInvoicesWaitAndStaffRecordsVerifyThem) {
    auto set = as(Role::underwriter, verb::post, client_path(client_a) + "/verification-policy",
                  R"({"policy": "above", "threshold_amount": "500.00"})");
    ASSERT_EQ(set.result_int(), 200u) << set.body();
    EXPECT_EQ(json_of(set).at("threshold_amount").as_string(), "500.00");
    auto shown = as(Role::client, verb::get, client_path(client_a) + "/verification-policy");
    ASSERT_EQ(shown.result_int(), 200u);
    EXPECT_EQ(json_of(shown).at("policy").as_string(), "above");
    EXPECT_EQ(as(Role::collector, verb::post, client_path(client_a) + "/verification-policy",
                 R"({"policy": "none"})")
                  .result_int(),
              403u);
    EXPECT_EQ(code_of(as(Role::admin, verb::post, client_path(client_a) + "/verification-policy",
                         R"({"policy": "sometimes"})")),
              "invalid_policy");

    const auto small = submit_a(400'00);
    const auto large = submit_a(600'00);
    EXPECT_EQ(book->invoice(small.id).value().verification, Verification::not_required);
    EXPECT_EQ(book->invoice(large.id).value().verification, Verification::pending);
    auto approve = as(Role::underwriter, verb::post, invoice_path(large) + "/approve", "{}");
    EXPECT_EQ(approve.result_int(), 409u) << approve.body();
    EXPECT_EQ(code_of(approve), "verification_required");

    auto recorded = as(Role::collector, verb::post, invoice_path(large) + "/verifications",
                       R"({"channel": "call", "contact": "J. Payables +1 555 0100", "outcome": "confirmed",
                           "notes": "PO 4471 matches"})");
    ASSERT_EQ(recorded.result_int(), 201u) << recorded.body();
    EXPECT_EQ(json_of(recorded).at("invoice").at("verification").as_string(), "verified");
    auto standing = as(Role::viewer, verb::get, invoice_path(large) + "/verification");
    ASSERT_EQ(standing.result_int(), 200u);
    EXPECT_EQ(json_of(standing).at("passed").as_bool(), true);
    EXPECT_EQ(json_of(standing).at("records").as_array().size(), 1u);
    EXPECT_EQ(code_of(as(Role::collector, verb::post, invoice_path(large) + "/verifications",
                         R"({"channel": "call", "contact": "x", "outcome": "confirmed", "extra": 1})")),
              "unknown_field");

    auto log = as(Role::viewer, verb::get,
                  "/v1/reports/verifications?client_id=" + format_id(IdKind::client, client_a.id));
    ASSERT_EQ(log.result_int(), 200u) << log.body();
    const auto log_body = json_of(log);
    const auto& records = log_body.at("data").as_array();
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].at("contact").as_string(), "J. Payables +1 555 0100");
    EXPECT_EQ(records[0].at("actor").as_string(),
              "api:" + format_id(IdKind::user, user_ids.at(Role::collector)));
}

TEST_F(VerificationApi, ADebtorConfirmsThroughTheLinkWithNoLoginAndOnlyOnce) {
    const auto invoice = submit_a(750'00);
    const std::string token = issue(invoice, R"({"expires_in_days": 7})");
    ASSERT_EQ(token.size(), 43u);

    auto opened = debtor_call(verb::get, "/v1/debtor-link", token);
    ASSERT_EQ(opened.result_int(), 200u) << opened.body();
    const auto view = json_of(opened);
    EXPECT_EQ(view.at("invoice").at("id").as_string(), format_id(IdKind::invoice, invoice.id));
    EXPECT_EQ(view.at("invoice").at("face_amount").as_string(), "750.00");
    EXPECT_EQ(view.at("expires_at").as_string(), "2026-06-08T09:00:00Z");
    EXPECT_EQ(view.at("client").as_string(), client_a.name);
    // The debtor sees the invoice, never the client's terms.
    EXPECT_EQ(opened.body().find("advance"), std::string::npos);
    EXPECT_EQ(opened.body().find("fee"), std::string::npos);
    EXPECT_EQ(debtor_call(verb::get, "/v1/debtor-link?token=" + token, "").result_int(), 200u);

    auto incomplete = debtor_call(verb::post, "/v1/debtor-link/confirm", token,
                                  R"({"delivered": true, "amount_correct": true, "no_offsets": false})");
    EXPECT_EQ(incomplete.result_int(), 400u);
    EXPECT_EQ(code_of(incomplete), "invalid_confirmation");
    auto confirmed = debtor_call(verb::post, "/v1/debtor-link/confirm", token,
                                 R"({"delivered": true, "amount_correct": true, "no_offsets": true})");
    ASSERT_EQ(confirmed.result_int(), 200u) << confirmed.body();
    EXPECT_EQ(json_of(confirmed).at("invoice_verification").as_string(), "verified");
    const std::string actor = std::string(json_of(confirmed).at("verification").at("actor").as_string());
    EXPECT_EQ(actor.rfind("debtor:" + format_id(IdKind::debtor, debtor.id) + "/dlk_", 0), 0u) << actor;
    EXPECT_EQ(book->invoice_history(invoice.id).value().events.back().actor, actor);

    // Replayed: 410, and nothing changes.
    const auto before = fingerprint();
    auto replay = debtor_call(verb::post, "/v1/debtor-link/confirm", token,
                              R"({"delivered": true, "amount_correct": true, "no_offsets": true})");
    EXPECT_EQ(replay.result_int(), 410u);
    EXPECT_EQ(code_of(replay), "link_used");
    EXPECT_EQ(debtor_call(verb::get, "/v1/debtor-link", token).result_int(), 410u);
    EXPECT_EQ(fingerprint(), before);
}

TEST_F(VerificationApi, TamperedMissingWrongPurposeAndExpiredTokensAreRefused) {
    const auto invoice = submit_a(300'00);
    const std::string token = issue(invoice, R"({"expires_in_days": 2})");
    std::string tampered = token;
    tampered[5] = tampered[5] == 'x' ? 'y' : 'x';
    const auto before = fingerprint();
    for (const std::string& bad : {tampered, std::string("not-a-token"), token + "A"}) {
        auto response = debtor_call(verb::post, "/v1/debtor-link/confirm", bad,
                                    R"({"delivered": true, "amount_correct": true, "no_offsets": true})");
        EXPECT_EQ(response.result_int(), 401u) << bad;
        EXPECT_EQ(code_of(response), "invalid_link");
    }
    auto none = send(verb::get, "/v1/debtor-link");
    EXPECT_EQ(none.result_int(), 401u);
    EXPECT_EQ(code_of(none), "invalid_link");
    auto wrong = debtor_call(verb::post, "/v1/debtor-link/acknowledge", token, "{}");
    EXPECT_EQ(wrong.result_int(), 403u);
    EXPECT_EQ(code_of(wrong), "wrong_link_purpose");
    EXPECT_EQ(fingerprint(), before);

    // The same book two days later, behind its own router.
    auto later_book = must(Book::open(url(), std::make_shared<FixedClock>("2026-06-03T09:00:00Z")));
    auth::Access later_access(later_book->store(), std::make_shared<FixedClock>("2026-06-03T09:00:00Z"));
    api::Router later(api::Services{*later_book, later_access});
    api::add_routes(later);
    api::Request request{verb::post, "/v1/debtor-link/contest", 11};
    request.set(http::field::authorization, "Bearer " + token);
    request.set(http::field::content_type, "application/json");
    request.body() = R"({"reason": "never ordered"})";
    request.prepare_payload();
    api::Outcome outcome;
    auto expired = later.handle(request, "127.0.0.1", outcome);
    EXPECT_EQ(expired.result_int(), 410u) << expired.body();
    EXPECT_EQ(code_of(expired), "link_expired");
    EXPECT_EQ(fingerprint(), before);
}

TEST_F(VerificationApi, AContestThroughTheLinkHoldsTheInvoice) {
    const auto invoice = submit_a(300'00);
    const std::string token = issue(invoice);
    auto missing = debtor_call(verb::post, "/v1/debtor-link/contest", token, "{}");
    EXPECT_EQ(code_of(missing), "missing_field");
    auto contested = debtor_call(verb::post, "/v1/debtor-link/contest", token,
                                 R"({"reason": "short shipped", "delivered": false})");
    ASSERT_EQ(contested.result_int(), 200u) << contested.body();
    EXPECT_EQ(json_of(contested).at("invoice_verification").as_string(), "failed");
    auto approve = as(Role::underwriter, verb::post, invoice_path(invoice) + "/approve",
                      R"({"override_reason": "trust me"})");
    EXPECT_EQ(approve.result_int(), 409u);
    EXPECT_EQ(code_of(approve), "verification_failed");
}

TEST_F(VerificationApi, NoticesTheLegendTheQueueAndNotificationFactoring) {
    auto settings = as(Role::admin, verb::patch, "/v1/settings",
                       R"({"require_noa_before_funding": true,
                           "remittance_instructions": "Test Factor, ABA 021000021, account 99887766"})");
    ASSERT_EQ(settings.result_int(), 200u) << settings.body();
    EXPECT_TRUE(json_of(settings).at("require_noa_before_funding").as_bool());

    auto legend = as(Role::client, verb::get, client_path(client_a) + "/assignment-legend");
    ASSERT_EQ(legend.result_int(), 200u);
    const std::string text(json_of(legend).at("legend").as_string());
    EXPECT_NE(text.find("test book"), std::string::npos) << text;
    EXPECT_NE(text.find("account 99887766"), std::string::npos) << text;

    // Both funded pairs of the fixture lack a notice.
    auto queue = as(Role::viewer, verb::get, "/v1/reports/noa-queue");
    ASSERT_EQ(queue.result_int(), 200u);
    EXPECT_EQ(json_of(queue).at("data").as_array().size(), 2u);

    const auto invoice = submit_a(200'00);
    ASSERT_EQ(as(Role::underwriter, verb::post, invoice_path(invoice) + "/approve", "{}").result_int(), 200u);
    const std::string fund = "/v1/schedules/" + format_id(IdKind::schedule, invoice.schedule_id) + "/fund";
    auto refused = as(Role::underwriter, verb::post, fund, "{}");
    EXPECT_EQ(refused.result_int(), 409u) << refused.body();
    EXPECT_EQ(code_of(refused), "noa_required");

    const std::string debtor_id = format_id(IdKind::debtor, debtor.id);
    auto sent = as(Role::collector, verb::post, client_path(client_a) + "/notices/sent",
                   R"({"debtor_id": ")" + debtor_id + R"(", "method": "email", "sent_on": "2026-05-29"})");
    ASSERT_EQ(sent.result_int(), 200u) << sent.body();
    EXPECT_EQ(json_of(sent).at("status").as_string(), "sent");
    EXPECT_EQ(as(Role::underwriter, verb::post, fund, "{}").result_int(), 201u);

    auto listed = as(Role::client, verb::get, client_path(client_a) + "/notices");
    ASSERT_EQ(listed.result_int(), 200u);
    const auto listed_body = json_of(listed);
    const auto& rows = listed_body.at("data").as_array();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].at("sent_on").as_string(), "2026-05-29");
    EXPECT_EQ(rows[0].at("method").as_string(), "email");
    queue = as(Role::viewer, verb::get, "/v1/reports/noa-queue");
    ASSERT_EQ(json_of(queue).at("data").as_array().size(), 1u);
    EXPECT_EQ(json_of(queue).at("data").as_array()[0].at("client_id").as_string(),
              format_id(IdKind::client, client_b.id));

    // The debtor acknowledges client B's notice through a link of that purpose.
    auto issued = as(Role::collector, verb::post, client_path(client_b) + "/notices/links",
                     R"({"debtor_id": ")" + debtor_id + R"("})");
    ASSERT_EQ(issued.result_int(), 201u) << issued.body();
    const std::string token(json_of(issued).at("token").as_string());
    auto opened = debtor_call(verb::get, "/v1/debtor-link", token);
    ASSERT_EQ(opened.result_int(), 200u);
    EXPECT_TRUE(json_of(opened).at("invoice").is_null());
    EXPECT_EQ(code_of(debtor_call(verb::post, "/v1/debtor-link/confirm", token,
                                  R"({"delivered": true, "amount_correct": true, "no_offsets": true})")),
              "wrong_link_purpose");
    auto acknowledged = debtor_call(verb::post, "/v1/debtor-link/acknowledge", token, "{}");
    ASSERT_EQ(acknowledged.result_int(), 200u) << acknowledged.body();
    EXPECT_EQ(json_of(acknowledged).at("status").as_string(), "acknowledged");
    queue = as(Role::viewer, verb::get, "/v1/reports/noa-queue");
    EXPECT_TRUE(json_of(queue).at("data").as_array().empty());
}

}  // namespace
}  // namespace mf::testing
