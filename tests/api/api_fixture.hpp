// A book behind the API's router, for in-process tests of routes: two clients (A and B) each with a funded
// invoice in a schedule, a debtor, a receipt, and a signed-in user per role (the client user acts for A).
// Requests go straight to Router::handle, no sockets. Thread-safety: one test thread, except where a test
// starts its own.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <string>

#include "api/routes.hpp"
#include "auth/secrets.hpp"
#include "book/fixture.hpp"

namespace mf::testing {

namespace http = boost::beast::http;

class ApiTest : public BookTest {
  public:
    void SetUp() override {
        BookTest::SetUp();
        access = std::make_unique<auth::Access>(book->store(),
                                                std::make_shared<FixedClock>("2026-06-01T09:00:00Z"));
        router = std::make_unique<api::Router>(api::Services{*book, *access});
        api::add_routes(*router);
        api::add_metrics_route(*router, metrics);
        client_a = add_client("flat 2%/30d +1%/15d");
        client_b = add_client("flat 2%/30d +1%/15d");
        debtor = add_debtor();
        invoice_a = fund_one(client_a, debtor, 1'000'00);
        invoice_b = fund_one(client_b, debtor, 2'000'00);
        auto receipt = book->record_receipt(
            staff, {{100'00, usd()}, invoice_b.funded_on.value(), "Payer", "ref", debtor.id});
        ASSERT_TRUE(receipt) << receipt.error().message;
        receipt_id = receipt.value().receipt.id;
        for (auth::Role role : auth::kRoles)
            tokens[role] = sign_in(role, role == auth::Role::client ? client_a.id : 0);
    }

    // A user with `role` and a session, written straight to the store (argon2id is tested on its own; here
    // it would only slow every test down).
    std::string sign_in(auth::Role role, int64_t client_id) {
        const std::string token = auth::random_token();
        const auto done = book->store().write([&](Transaction& tx) -> Status {
            User user;
            user.email = std::string(auth::to_string(role)) + std::to_string(++users_made) + "@test.example";
            user.name = "Test user";
            user.role = std::string(auth::to_string(role));
            user.client_id = client_id;
            user.password_hash = "not-a-hash";
            user.created_at = "2026-06-01T09:00:00Z";
            MF_TRY(user.id, tx.insert_user(user));
            user_ids[role] = user.id;
            return tx.insert_credential({auth::token_hash(token), "session", user.id, "test",
                                         "2026-06-01T09:00:00Z", "2099-01-01T00:00:00Z"});
        });
        EXPECT_TRUE(done) << done.error().message;
        return token;
    }

    api::Response send(http::verb method, const std::string& target, const std::string& body = {},
                       const std::string& token = {},
                       const std::map<std::string, std::string>& headers = {}) {
        api::Request request{method, target, 11};
        if (!token.empty())
            request.set(http::field::authorization, "Bearer " + token);
        for (const auto& [name, value] : headers)
            request.set(name, value);
        request.body() = body;
        request.prepare_payload();
        api::Outcome outcome;
        return router->handle(request, "127.0.0.1", outcome);
    }
    api::Response as(auth::Role role, http::verb method, const std::string& target,
                     const std::string& body = {}, const std::map<std::string, std::string>& headers = {}) {
        return send(method, target, body, tokens.at(role), headers);
    }

    static boost::json::value json_of(const api::Response& response) {
        return boost::json::parse(response.body());
    }
    static std::string code_of(const api::Response& response) {
        auto value = json_of(response);
        return value.is_object() && value.as_object().contains("code")
                   ? std::string(value.at("code").as_string())
                   : std::string();
    }

    api::Metrics metrics;
    std::unique_ptr<auth::Access> access;
    std::unique_ptr<api::Router> router;
    Client client_a, client_b;
    Debtor debtor;
    Invoice invoice_a, invoice_b;
    int64_t receipt_id = 0;
    std::map<auth::Role, std::string> tokens;
    std::map<auth::Role, int64_t> user_ids;
    int users_made = 0;
};

}  // namespace mf::testing
