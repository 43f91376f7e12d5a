// Payout files over the API: the originator and clients' payout accounts set through settings and clients
// (bank details masked for roles that may not see them), a file written once per Idempotency-Key, listed,
// its metadata and its content downloaded with the file's own type; staff only.
#include <gtest/gtest.h>

#include "api_fixture.hpp"

namespace mf::testing {
namespace {

using auth::Role;
using http::verb;

class PayoutFileRoutes : public ApiTest {
  protected:
    void set_up_accounts() {
        auto settings = as(Role::admin, verb::patch, "/v1/settings",
                           R"({"originator": {"name": "Test Factor LLC", "ach_company_id": "1234567890",
                               "ach_immediate_origin": "021000021", "ach_odfi_routing": "021000021",
                               "ach_destination": "011000015", "ach_destination_name": "FED BOSTON"}})");
        ASSERT_EQ(settings.result_int(), 200u) << settings.body();
        EXPECT_EQ(json_of(settings).at("originator").at("ach_company_id").as_string(), "1234567890");
        for (const auto& [client, account] :
             {std::pair{client_a.id, "4000123456"}, std::pair{client_b.id, "8800345612"}}) {
            auto patched =
                as(Role::underwriter, verb::patch, "/v1/clients/" + format_id(IdKind::client, client),
                   std::string(R"({"payout_account": {"routing_number": "026009593", "account_number": ")") +
                       account + R"(", "account_type": "checking"}})");
            ASSERT_EQ(patched.result_int(), 200u) << patched.body();
            EXPECT_EQ(json_of(patched).at("payout_account").at("account_number").as_string(), account);
        }
    }
};

TEST_F(PayoutFileRoutes, BankDetailsAreMaskedForRolesThatMayNotSeeThem) {
    set_up_accounts();
    const std::string path = "/v1/clients/" + format_id(IdKind::client, client_a.id);
    auto full = as(Role::underwriter, verb::get, path);
    EXPECT_EQ(json_of(full).at("payout_account").at("account_number").as_string(), "4000123456");
    for (Role role : {Role::viewer, Role::collector, Role::client}) {
        auto seen = as(role, verb::get, path);
        ASSERT_EQ(seen.result_int(), 200u) << seen.body();
        EXPECT_EQ(json_of(seen).at("payout_account").at("account_number").as_string(), "****3456");
        EXPECT_EQ(seen.body().find("4000123456"), std::string::npos);
        auto listed = as(role, verb::get, "/v1/clients");
        EXPECT_EQ(listed.body().find("4000123456"), std::string::npos) << auth::to_string(role);
    }
    auto bad = as(Role::underwriter, verb::patch, path,
                  R"({"payout_account": {"routing_number": "021000022", "account_number": "1"}})");
    EXPECT_EQ(bad.result_int(), 400u) << bad.body();
    EXPECT_EQ(code_of(bad), "invalid_routing_number");
}

TEST_F(PayoutFileRoutes, AFileIsWrittenOncePerKeyListedAndDownloaded) {
    set_up_accounts();
    const std::string body = R"({"format": "nacha"})";
    auto created = as(Role::collector, verb::post, "/v1/payout-files", body, {{"Idempotency-Key", "file-1"}});
    ASSERT_EQ(created.result_int(), 201u) << created.body();
    const auto file = json_of(created);
    EXPECT_EQ(file.at("payout_count").as_int64(), 2);
    EXPECT_EQ(file.at("total").as_string(), "2700.00");  // advances 900.00 + 1,800.00
    EXPECT_EQ(file.at("format").as_string(), "nacha");
    const std::string id(file.at("id").as_string());

    // The same key and body: the first answer, and no second file.
    auto replay = as(Role::collector, verb::post, "/v1/payout-files", body, {{"Idempotency-Key", "file-1"}});
    EXPECT_EQ(replay.result_int(), 201u);
    EXPECT_EQ(replay.body(), created.body());
    auto mismatch = as(Role::collector, verb::post, "/v1/payout-files", R"({"format": "pain001"})",
                       {{"Idempotency-Key", "file-1"}});
    EXPECT_EQ(mismatch.result_int(), 422u);
    EXPECT_EQ(code_of(mismatch), "idempotency_mismatch");
    auto nothing = as(Role::admin, verb::post, "/v1/payout-files", body, {{"Idempotency-Key", "file-2"}});
    EXPECT_EQ(nothing.result_int(), 409u) << nothing.body();
    EXPECT_EQ(code_of(nothing), "nothing_to_pay");

    auto listed = as(Role::viewer, verb::get, "/v1/payout-files");
    ASSERT_EQ(listed.result_int(), 200u);
    ASSERT_EQ(json_of(listed).at("data").as_array().size(), 1u);
    auto meta = as(Role::underwriter, verb::get, "/v1/payout-files/" + id);
    ASSERT_EQ(meta.result_int(), 200u);
    EXPECT_EQ(json_of(meta).at("sha256").as_string(), file.at("sha256").as_string());

    auto content = as(Role::viewer, verb::get, "/v1/payout-files/" + id + "/content");
    ASSERT_EQ(content.result_int(), 200u) << content.body();
    EXPECT_EQ(content[http::field::content_type], "text/plain");
    EXPECT_EQ(content[http::field::content_disposition], "attachment; filename=\"" + id + ".ach\"");
    EXPECT_EQ(content.body(),
              book->payout_file(parse_id(IdKind::payout_file, id, "id").value()).value().content);
    EXPECT_EQ(content.body().size() % 96, 0u);  // 94 characters and CR LF per record

    const auto payouts = json_of(as(Role::viewer, verb::get, "/v1/payouts"));
    for (const auto& payout : payouts.at("data").as_array()) {
        EXPECT_EQ(payout.at("status").as_string(), "sent");
        EXPECT_EQ(payout.at("payout_file_id").as_string(), id);
    }
}

TEST_F(PayoutFileRoutes, OnlyStaffSeePayoutFilesAndOnlyCashRolesWriteThem) {
    set_up_accounts();
    auto by_underwriter = as(Role::underwriter, verb::post, "/v1/payout-files", R"({"format": "nacha"})");
    EXPECT_EQ(by_underwriter.result_int(), 403u);
    auto created = as(Role::admin, verb::post, "/v1/payout-files", R"({"format": "nacha"})");
    ASSERT_EQ(created.result_int(), 201u) << created.body();
    const std::string id(json_of(created).at("id").as_string());
    for (const std::string& path :
         {std::string("/v1/payout-files"), "/v1/payout-files/" + id, "/v1/payout-files/" + id + "/content"}) {
        auto response = as(Role::client, verb::get, path);
        EXPECT_EQ(response.result_int(), 403u) << path;
        EXPECT_EQ(as(Role::investor, verb::get, path).result_int(), 403u) << path;
    }
    auto unknown = as(Role::admin, verb::get, "/v1/payout-files/pfl_99/content");
    EXPECT_EQ(unknown.result_int(), 404u);
    auto bad_format = as(Role::admin, verb::post, "/v1/payout-files", R"({"format": "swift"})");
    EXPECT_EQ(bad_format.result_int(), 400u) << bad_format.body();
}

}  // namespace
}  // namespace mf::testing
