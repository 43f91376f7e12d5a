// The OpenAPI document (src/api/openapi.json, served at /v1/openapi.json) against the router: the same paths
// and methods, the same roles per route (x-roles), path parameters declared, Idempotency-Key on every route
// that moves money, unique operation ids. A route added without its document, or a document entry without
// its route, fails here.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "api/openapi.hpp"
#include "api_fixture.hpp"

namespace mf::testing {
namespace {

namespace json = boost::json;

std::string lower(std::string_view method) {
    std::string out(method);
    for (auto& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::set<std::string> role_names(api::RoleSet allowed) {
    std::set<std::string> out;
    for (auth::Role role : auth::kRoles) {
        if (allowed & api::role_bit(role))
            out.emplace(auth::to_string(role));
    }
    return out;
}

bool has_parameter(const json::object& operation, std::string_view in, std::string_view name) {
    if (!operation.contains("parameters"))
        return false;
    for (const auto& parameter : operation.at("parameters").as_array()) {
        const auto& object = parameter.as_object();
        if (object.contains("in") && object.at("in").as_string() == in &&
            object.at("name").as_string() == name)
            return true;
    }
    return false;
}

class OpenApi : public ApiTest {};

TEST_F(OpenApi, TheDocumentAndTheRouterAgree) {
    const json::value document = json::parse(api::openapi_document());
    EXPECT_EQ(document.at("openapi").as_string(), "3.1.0");
    const auto& paths = document.at("paths").as_object();
    std::set<std::string> operation_ids;
    std::set<std::pair<std::string, std::string>> routed;
    for (const auto& route : router->routes()) {
        const std::string method = lower(http::to_string(route.method));
        routed.emplace(route.pattern, method);
        const auto path = paths.find(route.pattern);
        ASSERT_NE(path, paths.end()) << route.pattern << " is routed but not documented";
        const auto& item = path->value().as_object();
        ASSERT_TRUE(item.contains(method))
            << method << " " << route.pattern << " is routed but not documented";
        const auto& operation = item.at(method).as_object();
        ASSERT_TRUE(operation.contains("operationId")) << route.pattern;
        EXPECT_TRUE(operation_ids.emplace(operation.at("operationId").as_string()).second)
            << "operationId used twice: " << operation.at("operationId").as_string();
        ASSERT_TRUE(operation.contains("x-roles")) << route.pattern;
        std::set<std::string> documented;
        for (const auto& role : operation.at("x-roles").as_array())
            documented.emplace(role.as_string());
        EXPECT_EQ(documented, role_names(route.allowed)) << method << " " << route.pattern;
        if (route.pattern.find("{id}") != std::string::npos) {
            EXPECT_TRUE(has_parameter(operation, "path", "id") ||
                        (item.contains("parameters") &&
                         [&] {
                             json::object with{{"parameters", item.at("parameters")}};
                             return has_parameter(with, "path", "id");
                         }()))
                << route.pattern << " does not declare its id";
        }
        if (route.effect == api::Effect::money) {
            EXPECT_TRUE(has_parameter(operation, "header", "Idempotency-Key"))
                << method << " " << route.pattern << " moves money: document Idempotency-Key";
        }
        EXPECT_TRUE(operation.contains("responses")) << route.pattern;
    }
    for (const auto& [pattern, item] : paths) {
        for (const auto& [method, operation] : item.as_object()) {
            if (method == "parameters" || method == "summary" || method == "description")
                continue;
            EXPECT_TRUE(routed.contains({std::string(pattern), std::string(method)}))
                << method << " " << pattern << " is documented but not routed";
        }
    }
}

}  // namespace
}  // namespace mf::testing
