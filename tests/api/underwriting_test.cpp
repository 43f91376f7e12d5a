// The underwriting routes: debtor scores and the credit report, bureau files (all or nothing), credit reviews
// gating funding, and client applications from add to approval, with their roles.
#include <gtest/gtest.h>

#include "api_fixture.hpp"

namespace mf::testing {
namespace {

using auth::Role;
using http::verb;

class Underwriting : public ApiTest {
  public:
    api::Response post_file(Role role, const std::string& target, const std::string& body) {
        return as(role, verb::post, target, body, {{"Content-Type", "text/csv"}});
    }
    std::string debtor_id() const { return format_id(IdKind::debtor, debtor.id); }
};

TEST_F(Underwriting, ScoresReportsBureauFilesAndReviews) {
    const std::string id = debtor_id();
    auto bad = post_file(Role::underwriter, "/v1/bureau-files?name=bad.csv",
                         "debtor_id,bureau,score,as_of\n" + id + ",dnb,101,2026-05-01\n");
    EXPECT_EQ(bad.result_int(), 422);
    EXPECT_EQ(code_of(bad), "file_rejected");
    EXPECT_EQ(post_file(Role::collector, "/v1/bureau-files", "x").result_int(), 403);

    auto good = post_file(Role::underwriter, "/v1/bureau-files?name=scores.csv",
                          "debtor_id,bureau,score,as_of\n" + id + ",dnb,85,2026-05-01\n");
    ASSERT_EQ(good.result_int(), 201) << good.body();
    EXPECT_EQ(json_of(good).at("imported").as_array().size(), 1u);
    EXPECT_EQ(json_of(good).at("source").as_string(), "scores.csv");

    auto score = as(Role::viewer, verb::get, "/v1/debtors/" + id + "/score");
    ASSERT_EQ(score.result_int(), 200) << score.body();
    const auto credit = json_of(score);
    EXPECT_EQ(credit.at("score").as_int64(), 85);  // two funded invoices, none paid: a thin file
    EXPECT_EQ(credit.at("grade").as_string(), "A");
    EXPECT_TRUE(credit.at("history_score").is_null());
    EXPECT_EQ(credit.at("suggested_limit").as_string(), "25000.00");
    EXPECT_EQ(credit.at("evidence").at("funded_invoices").as_int64(), 2);
    EXPECT_EQ(as(Role::client, verb::get, "/v1/debtors/" + id + "/score").result_int(), 403);

    auto all = as(Role::collector, verb::get, "/v1/debtor-scores");
    ASSERT_EQ(all.result_int(), 200);
    EXPECT_EQ(json_of(all).at("data").as_array().size(), 1u);

    auto review =
        as(Role::underwriter, verb::post, "/v1/debtors/" + id + "/credit-reviews",
           R"({"decision": "approved", "limit": "30000", "notes": "bureau A", "expires_on": "2026-09-30"})");
    ASSERT_EQ(review.result_int(), 201) << review.body();
    EXPECT_EQ(json_of(review).at("limit").as_string(), "30000.00");
    EXPECT_EQ(json_of(review).at("score").as_int64(), 85);
    EXPECT_EQ(as(Role::collector, verb::post, "/v1/debtors/" + id + "/credit-reviews",
                 R"({"decision": "approved", "notes": "x"})")
                  .result_int(),
              403);
    auto unknown_field = as(Role::underwriter, verb::post, "/v1/debtors/" + id + "/credit-reviews",
                            R"({"decision": "approved", "notes": "x", "limt": "1"})");
    EXPECT_EQ(unknown_field.result_int(), 400);

    auto report = as(Role::underwriter, verb::get, "/v1/debtors/" + id + "/credit-report");
    ASSERT_EQ(report.result_int(), 200);
    const auto body = json_of(report);
    EXPECT_EQ(body.at("review_standing").as_string(), "current");
    EXPECT_EQ(body.at("reviews").as_array().size(), 1u);
    EXPECT_EQ(body.at("bureau_scores").at(0).at("use").as_string(), "used");
    EXPECT_FALSE(body.at("reviews_required").as_bool());
}

TEST_F(Underwriting, FundingIsRefusedWithoutAReviewWhenTheBookRequiresOne) {
    auto on = as(Role::admin, verb::patch, "/v1/settings", R"({"require_credit_review": true})");
    ASSERT_EQ(on.result_int(), 200) << on.body();
    EXPECT_TRUE(json_of(on).at("require_credit_review").as_bool());
    auto submitted = book->submit_schedule(
        staff, {client_a.id, {{debtor.id, "U-1", 100'00, usd(), date(2026, 6, 1), date(2026, 7, 1)}}});
    ASSERT_TRUE(submitted);
    ASSERT_TRUE(book->approve_invoices(staff, {{submitted.value().invoices.at(0).id}, ""}));
    const std::string fund =
        "/v1/schedules/" + format_id(IdKind::schedule, submitted.value().schedule.id) + "/fund";
    auto refused = as(Role::admin, verb::post, fund, "{}", {{"Idempotency-Key", "k1"}});
    EXPECT_EQ(refused.result_int(), 409) << refused.body();
    EXPECT_EQ(code_of(refused), "credit_review_required");
    ASSERT_EQ(as(Role::underwriter, verb::post, "/v1/debtors/" + debtor_id() + "/credit-reviews",
                 R"({"decision": "approved", "limit": "50000", "notes": "ok"})")
                  .result_int(),
              201);
    auto funded = as(Role::admin, verb::post, fund, "{}", {{"Idempotency-Key", "k2"}});
    EXPECT_EQ(funded.result_int(), 201) << funded.body();
}

TEST_F(Underwriting, AnApplicationBecomesAClient) {
    auto missing = as(
        Role::underwriter, verb::post, "/v1/applications",
        R"({"legal_name": "Harbor Freight", "currency": "USD", "owners": "Ann", "addresses": "1 Dock St"})");
    EXPECT_EQ(missing.result_int(), 400);
    EXPECT_EQ(code_of(missing), "missing_field");
    EXPECT_EQ(as(Role::collector, verb::get, "/v1/applications").result_int(), 403);

    auto created = as(Role::underwriter, verb::post, "/v1/applications",
                      R"({"legal_name": "Harbor Freight", "currency": "USD", "tax_id": "12-3456789",
                          "owners": "Ann Lee 100%", "addresses": "1 Dock St"})");
    ASSERT_EQ(created.result_int(), 201) << created.body();
    const std::string path = "/v1/applications/" + std::string(json_of(created).at("id").as_string());

    auto incomplete = as(Role::underwriter, verb::post, path + "/approve",
                         R"({"fee_schedule": "flat 2%/30d +1%/15d", "factoring_limit": "75000"})");
    EXPECT_EQ(incomplete.result_int(), 409);
    EXPECT_EQ(code_of(incomplete), "application_incomplete");

    auto stale = as(Role::underwriter, verb::patch, path, R"({"version": 5, "email": "a@b.example"})");
    EXPECT_EQ(stale.result_int(), 412);
    auto completed = as(Role::admin, verb::patch, path,
                        R"({"version": 0, "kyc_status": "passed", "documents": "articles; W-9",
                            "ucc_filing_ref": "CA-1", "ucc_filed_on": "2026-05-28",
                            "payout_account": {"routing_number": "021000021", "account_number": "000123456789"}})");
    ASSERT_EQ(completed.result_int(), 200) << completed.body();
    EXPECT_EQ(json_of(completed).at("version").as_int64(), 1);

    auto approved =
        as(Role::underwriter, verb::post, path + "/approve",
           R"({"fee_schedule": "flat 2%/30d +1%/15d", "factoring_limit": "75000", "note": "ok"})");
    ASSERT_EQ(approved.result_int(), 201) << approved.body();
    EXPECT_EQ(json_of(approved).at("status").as_string(), "approved");
    EXPECT_EQ(json_of(approved).at("client").at("terms").at("factoring_limit").as_string(), "75000.00");

    auto history = as(Role::underwriter, verb::get, path + "/history");
    ASSERT_EQ(history.result_int(), 200);
    const auto history_body = json_of(history);  // the array below lives in it
    const auto& events = history_body.at("data").as_array();
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events.at(2).at("action").as_string(), "application.approve");
    EXPECT_EQ(events.at(2).at("entity_id").as_string(), json_of(created).at("id").as_string());

    auto again = as(Role::underwriter, verb::post, path + "/decline", R"({"reason": "late"})");
    EXPECT_EQ(again.result_int(), 409);
    EXPECT_EQ(code_of(again), "invalid_transition");
    auto list = as(Role::admin, verb::get, "/v1/applications");
    ASSERT_EQ(list.result_int(), 200);
    EXPECT_EQ(json_of(list).at("data").as_array().size(), 1u);
}

}  // namespace
}  // namespace mf::testing
