// The PDF routes: the bytes, their type and file name, the text read back with pdftotext, and their errors.
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "support/pdf_text.hpp"

namespace mf::testing {
namespace {

using auth::Role;

class DocumentRoutes : public ApiTest {};

TEST_F(DocumentRoutes, StatementPdfForTheClientsOwnUser) {
    const std::string client = format_id(IdKind::client, client_a.id);
    auto response = as(Role::client, http::verb::get, "/v1/clients/" + client + "/statement.pdf");
    ASSERT_EQ(response.result_int(), 200u) << response.body();
    EXPECT_EQ(response[http::field::content_type], "application/pdf");
    EXPECT_NE(std::string(response["Content-Disposition"]).find("filename=\"statement-" + client + "-"),
              std::string::npos);
    const std::string text = pdf_text(response.body(), "-raw");
    EXPECT_NE(text.find("Client statement"), std::string::npos) << text;
    EXPECT_NE(text.find(client_a.name), std::string::npos) << text;
    EXPECT_NE(text.find(format_id(IdKind::invoice, invoice_a.id)), std::string::npos) << text;
    auto other = as(Role::client, http::verb::get,
                    "/v1/clients/" + format_id(IdKind::client, client_b.id) + "/statement.pdf");
    EXPECT_EQ(other.result_int(), 404u);
}

TEST_F(DocumentRoutes, DisclosurePdfInBothLayouts) {
    const std::string schedule = format_id(IdKind::schedule, invoice_a.schedule_id);
    for (const char* state : {"CA", "ny"}) {
        auto response = as(Role::underwriter, http::verb::get,
                           "/v1/schedules/" + schedule + "/disclosure.pdf?state=" + state);
        ASSERT_EQ(response.result_int(), 200u) << response.body();
        EXPECT_EQ(response[http::field::content_type], "application/pdf");
        const std::string text = pdf_text(response.body(), "-raw");
        EXPECT_NE(text.find("Funding Provided"), std::string::npos) << text;
        EXPECT_NE(text.find("Estimated Annual"), std::string::npos) << text;
        EXPECT_NE(text.find(schedule), std::string::npos) << text;
    }
    auto missing = as(Role::underwriter, http::verb::get, "/v1/schedules/" + schedule + "/disclosure.pdf");
    EXPECT_EQ(missing.result_int(), 400u);
    EXPECT_EQ(code_of(missing), "missing_field");
    auto texas =
        as(Role::underwriter, http::verb::get, "/v1/schedules/" + schedule + "/disclosure.pdf?state=TX");
    EXPECT_EQ(texas.result_int(), 400u);
    EXPECT_EQ(code_of(texas), "invalid_state");
}

TEST_F(DocumentRoutes, NoticeOfAssignmentLetterToADebtorOfTheClient) {
    const std::string client = format_id(IdKind::client, client_a.id);
    const std::string path =
        "/v1/clients/" + client + "/notice.pdf?debtor_id=" + format_id(IdKind::debtor, debtor.id);
    // the book has no remittance instructions yet: refused by that field, no file
    auto none = as(Role::collector, http::verb::get, path);
    EXPECT_EQ(none.result_int(), 400u) << none.body();
    EXPECT_EQ(json_of(none).at("errors").at(0).at("field").as_string(), "remittance_instructions");
    auto set = as(Role::admin, http::verb::patch, "/v1/settings",
                  R"({"remittance_instructions": "Pay to: Factor Bank, account 000123456789"})");
    ASSERT_EQ(set.result_int(), 200u) << set.body();
    auto response = as(Role::collector, http::verb::get, path);
    ASSERT_EQ(response.result_int(), 200u) << response.body();
    EXPECT_EQ(response[http::field::content_type], "application/pdf");
    EXPECT_EQ(std::string(response["Content-Disposition"]),
              "attachment; filename=\"notice-of-assignment-" + client + "-" +
                  format_id(IdKind::debtor, debtor.id) + ".pdf\"");
    const std::string text = pdf_text(response.body(), "-raw");
    EXPECT_NE(text.find(client_a.name), std::string::npos) << text;
    EXPECT_NE(text.find(debtor.name), std::string::npos) << text;
    EXPECT_NE(text.find("000123456789"), std::string::npos) << text;
    // the client's own user may print it; another client's is not found; the debtor is required
    EXPECT_EQ(as(Role::client, http::verb::get, path).result_int(), 200u);
    EXPECT_EQ(as(Role::client, http::verb::get,
                 "/v1/clients/" + format_id(IdKind::client, client_b.id) +
                     "/notice.pdf?debtor_id=" + format_id(IdKind::debtor, debtor.id))
                  .result_int(),
              404u);
    auto missing = as(Role::collector, http::verb::get, "/v1/clients/" + client + "/notice.pdf");
    EXPECT_EQ(missing.result_int(), 400u);
    EXPECT_EQ(code_of(missing), "missing_field");
    EXPECT_EQ(as(Role::collector, http::verb::get, "/v1/clients/" + client + "/notice.pdf?debtor_id=dbt_999")
                  .result_int(),
              404u);
}

}  // namespace
}  // namespace mf::testing
