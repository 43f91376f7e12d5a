// Walks every route of the router with every role (and with no token): a role outside the route's rule gets
// 403, no token 401, and a client user asking for anything of another client gets 404, exactly as for a
// record that does not exist. The walk is driven by the router's own table: a route this test has no rule
// for (a public route not listed, a path parameter of an unknown kind) fails it.
#include <gtest/gtest.h>

#include <set>

#include "api_fixture.hpp"

namespace mf::testing {
namespace {

using auth::Role;

// The debtor-link routes need no login: the link's own token (tested below) is their only credential.
const std::set<std::string> kPublicRoutes{"/healthz",
                                          "/v1/openapi.json",
                                          "/v1/auth/login",
                                          "/v1/debtor-link",
                                          "/v1/debtor-link/confirm",
                                          "/v1/debtor-link/contest",
                                          "/v1/debtor-link/acknowledge"};

class Isolation : public ApiTest {
  protected:
    void SetUp() override {
        ApiTest::SetUp();
        // the notice of assignment letter needs the factor's remittance instructions
        SettingsChange change;
        change.remittance_instructions = "Pay to: Factor Bank, account 000123456789";
        auto updated = book->update_settings(staff, change);
        ASSERT_TRUE(updated) << updated.error().message;
    }

    // The path with {id} replaced by a record of client B (or a shared record where none is B's).
    std::string target_for(const api::Route& route, bool client_b_records) {
        const auto brace = route.pattern.find("{id}");
        if (brace == std::string::npos)
            return route.pattern;
        const std::string prefix = route.pattern.substr(0, brace);
        std::string id;
        if (prefix == "/v1/clients/") {
            id = format_id(IdKind::client, client_b_records ? client_b.id : client_a.id);
        } else if (prefix == "/v1/invoices/") {
            id = format_id(IdKind::invoice, client_b_records ? invoice_b.id : invoice_a.id);
        } else if (prefix == "/v1/schedules/") {
            id =
                format_id(IdKind::schedule, client_b_records ? invoice_b.schedule_id : invoice_a.schedule_id);
        } else if (prefix == "/v1/debtors/") {
            id = format_id(IdKind::debtor, debtor.id);
        } else if (prefix == "/v1/receipts/") {
            id = format_id(IdKind::receipt, receipt_id);
        } else if (prefix == "/v1/users/") {
            id = format_id(IdKind::user, user_ids.at(Role::viewer));
        } else if (prefix == "/v1/payout-files/") {
            id = format_id(IdKind::payout_file, 1);  // staff only: a client user is refused before the lookup
        } else if (prefix == "/v1/applications/") {
            id = format_id(IdKind::application, 1);  // underwriters only: refused before the lookup
        } else if (prefix == "/v1/outbox/") {
            id = format_id(IdKind::mail, 1);  // staff only: a client user is refused before the lookup
        } else {
            ADD_FAILURE() << route.pattern << ": no rule for its {id}: add one to this test";
            return route.pattern;
        }
        return prefix + id + route.pattern.substr(brace + 4) + required_query(route.pattern);
    }

    // The query a route cannot answer without.
    std::string required_query(const std::string& pattern) const {
        if (pattern.ends_with("/notice.pdf"))
            return "?debtor_id=" + format_id(IdKind::debtor, debtor.id);
        return pattern.ends_with("/disclosure.pdf") ? "?state=CA" : "";
    }

    static bool has_id(const api::Route& route) { return route.pattern.find("{id}") != std::string::npos; }
};

TEST_F(Isolation, EveryRouteHasARuleAndOnlyListedRoutesArePublic) {
    ASSERT_GT(router->routes().size(), 40u);
    std::set<std::pair<std::string, unsigned>> seen;
    for (const auto& route : router->routes()) {
        EXPECT_TRUE(seen.insert({route.pattern, static_cast<unsigned>(route.method)}).second)
            << "two routes for " << route.pattern;
        EXPECT_EQ(route.allowed == api::kPublic, kPublicRoutes.contains(route.pattern)) << route.pattern;
        EXPECT_FALSE(route.summary.empty()) << route.pattern;
    }
}

TEST_F(Isolation, NoTokenIs401OutsideThePublicRoutes) {
    for (const auto& route : router->routes()) {
        if (route.allowed == api::kPublic)
            continue;
        auto response = send(route.method, target_for(route, true), "{}");
        EXPECT_EQ(response.result_int(), 401u) << route.pattern;
        EXPECT_EQ(code_of(response), "unauthenticated") << route.pattern;
    }
    auto forged = send(http::verb::get, "/v1/clients", {}, "forged-token-that-was-never-issued");
    EXPECT_EQ(forged.result_int(), 401u);
}

TEST_F(Isolation, ARoleOutsideTheRuleIs403AndInsideItIsServed) {
    for (const auto& route : router->routes()) {
        if (route.allowed == api::kPublic)
            continue;
        for (Role role : auth::kRoles) {
            // A fresh user and session per request: routes like logout must not spoil the next request.
            const std::string token = sign_in(role, role == Role::client ? client_a.id : 0);
            const bool allowed = (route.allowed & api::role_bit(role)) != 0;
            const bool own = role == Role::client;  // the client user asks for its own records here
            auto response = send(route.method, target_for(route, !own), "{}", token);
            const unsigned status = response.result_int();
            if (!allowed) {
                EXPECT_EQ(status, 403u) << auth::to_string(role) << " " << route.pattern;
                EXPECT_EQ(code_of(response), "forbidden") << route.pattern;
            } else {
                EXPECT_NE(status, 401u)
                    << auth::to_string(role) << " " << route.pattern << " " << response.body();
                EXPECT_NE(status, 403u)
                    << auth::to_string(role) << " " << route.pattern << " " << response.body();
                if (own && route.method == http::verb::get && has_id(route)) {
                    EXPECT_EQ(status, 200u) << route.pattern << " " << response.body();
                }
            }
        }
    }
}

TEST_F(Isolation, AClientUserAskingForAnotherClientsRecordsGets404) {
    const std::string other = format_id(IdKind::client, client_b.id);
    for (const auto& route : router->routes()) {
        if ((route.allowed & api::role_bit(Role::client)) == 0)
            continue;
        const std::string token = sign_in(Role::client, client_a.id);
        std::string target = target_for(route, true);
        std::string body = "{}";
        if (!has_id(route)) {
            if (route.method == http::verb::get && route.pattern != "/v1/clients") {
                target += "?client_id=" + other;
            } else if (route.pattern == "/v1/schedules") {
                body = R"({"client_id": ")" + other + R"(", "invoices": []})";
            } else {
                continue;  // the caller's own records only (me, logout)
            }
        }
        if (target == route.pattern && route.method == http::verb::get)
            continue;  // /v1/clients lists the caller's own client whatever is asked
        auto response = send(route.method, target, body, token);
        if (route.pattern == "/v1/me" || route.pattern == "/v1/auth/logout")
            continue;
        EXPECT_EQ(response.result_int(), 404u) << route.pattern << " " << response.body();
        EXPECT_EQ(code_of(response), "not_found") << route.pattern;
        // Worded like a record that does not exist: no hint that it does.
        EXPECT_EQ(response.body().find("another client"), std::string::npos);
    }
}

TEST_F(Isolation, AnotherClientsRecordReadsExactlyLikeAMissingOne) {
    const auto other =
        as(Role::client, http::verb::get, "/v1/invoices/" + format_id(IdKind::invoice, invoice_b.id));
    const auto missing = as(Role::client, http::verb::get, "/v1/invoices/inv_999999");
    EXPECT_EQ(other.result_int(), 404u);
    EXPECT_EQ(missing.result_int(), 404u);
    auto without_id = [](std::string text, int64_t id) {
        const std::string needle = format_id(IdKind::invoice, id);
        text.replace(text.find(needle), needle.size(), "X");
        return text;
    };
    EXPECT_EQ(without_id(other.body(), invoice_b.id), without_id(missing.body(), 999999));
}

TEST_F(Isolation, AClientUsersListsHoldOnlyItsOwnRecords) {
    for (const char* target : {"/v1/invoices", "/v1/schedules", "/v1/payouts", "/v1/clients"}) {
        auto response = as(Role::client, http::verb::get, target);
        ASSERT_EQ(response.result_int(), 200u) << target << response.body();
        const auto data = json_of(response).at("data").as_array();
        EXPECT_FALSE(data.empty()) << target;
        for (const auto& record : data) {
            const auto& object = record.as_object();
            const std::string owner = object.contains("client_id")
                                          ? std::string(object.at("client_id").as_string())
                                          : std::string(object.at("id").as_string());
            EXPECT_EQ(owner, format_id(IdKind::client, client_a.id)) << target;
        }
    }
    auto portfolio = as(Role::client, http::verb::get, "/v1/reports/portfolio");
    ASSERT_EQ(portfolio.result_int(), 200u);
    EXPECT_EQ(json_of(portfolio).at("clients").as_int64(), 1) << portfolio.body();
    auto aging = as(Role::client, http::verb::get, "/v1/reports/aging");
    ASSERT_EQ(aging.result_int(), 200u);
    EXPECT_EQ(aging.body().find(format_id(IdKind::client, client_b.id) + "\""), std::string::npos);
}

// A debtor link's token opens exactly one invoice's verification (and its remittance instructions) on the
// debtor-link routes, and nothing else: as a bearer token on every other route it is no credential (401).
TEST_F(Isolation, ADebtorLinkOpensOneInvoiceAndNothingElse) {
    auto issued = as(Role::underwriter, http::verb::post,
                     "/v1/invoices/" + format_id(IdKind::invoice, invoice_a.id) + "/debtor-links", "{}");
    ASSERT_EQ(issued.result_int(), 201u) << issued.body();
    const std::string token(json_of(issued).at("token").as_string());
    auto opened = send(http::verb::get, "/v1/debtor-link", {}, token);
    ASSERT_EQ(opened.result_int(), 200u) << opened.body();
    EXPECT_EQ(json_of(opened).at("invoice").at("id").as_string(), format_id(IdKind::invoice, invoice_a.id));
    EXPECT_EQ(opened.body().find(format_id(IdKind::invoice, invoice_b.id) + "\""), std::string::npos);
    EXPECT_EQ(opened.body().find(client_b.name), std::string::npos);
    for (const auto& route : router->routes()) {
        if (route.allowed == api::kPublic)
            continue;
        auto response = send(route.method, target_for(route, false), "{}", token);
        EXPECT_EQ(response.result_int(), 401u) << route.pattern;
        EXPECT_EQ(code_of(response), "unauthenticated") << route.pattern;
    }
    // And the debtor-link routes refuse a staff session: it is not a link.
    for (const auto& route : router->routes()) {
        if (route.allowed != api::kPublic || !route.pattern.starts_with("/v1/debtor-link"))
            continue;
        auto response = send(route.method, route.pattern, "{}", tokens.at(Role::admin));
        EXPECT_EQ(response.result_int(), 401u) << route.pattern;
        EXPECT_EQ(code_of(response), "invalid_link") << route.pattern;
    }
}

}  // namespace
}  // namespace mf::testing
