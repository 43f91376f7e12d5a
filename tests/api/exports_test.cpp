// GET /v1/exports/journal: the file with its type and name as an attachment, the same bytes the book
// writes, staff only.
#include <gtest/gtest.h>

#include "api_fixture.hpp"

namespace mf::testing {
namespace {

using auth::Role;

class JournalExport : public ApiTest {};

TEST_F(JournalExport, StaffDownloadTheFileAsAnAttachment) {
    auto journal = as(Role::viewer, http::verb::get, "/v1/exports/journal?format=hledger");
    ASSERT_EQ(journal.result_int(), 200u) << journal.body();
    EXPECT_EQ(journal[http::field::content_type], "text/plain; charset=utf-8");
    EXPECT_EQ(journal[http::field::content_disposition],
              "attachment; filename=\"microfactor-journal.journal\"");
    std::string expected;
    ASSERT_TRUE(
        book->export_journal({formats::JournalFormat::hledger}, [&](std::string_view chunk) -> Status {
            expected += chunk;
            return ok();
        }));
    EXPECT_EQ(journal.body(), expected);
    EXPECT_NE(journal.body().find("    assets:purchased_receivables:cli_"), std::string::npos);

    auto csv =
        as(Role::collector, http::verb::get, "/v1/exports/journal?format=csv&from=2026-06-01&to=2026-06-01");
    ASSERT_EQ(csv.result_int(), 200u) << csv.body();
    EXPECT_EQ(csv[http::field::content_type], "text/csv; charset=utf-8");
    EXPECT_EQ(csv[http::field::content_disposition], "attachment; filename=\"microfactor-journal.csv\"");
    EXPECT_EQ(csv.body().rfind("entry_id,date,kind,memo,account,", 0), 0u) << csv.body();

    auto beancount = as(Role::admin, http::verb::get, "/v1/exports/journal?format=beancount");
    ASSERT_EQ(beancount.result_int(), 200u);
    EXPECT_NE(beancount.body().find(" open Assets:PurchasedReceivables:Cli-"), std::string::npos);
}

TEST_F(JournalExport, BadRequestsAndClientUsers) {
    auto missing = as(Role::admin, http::verb::get, "/v1/exports/journal");
    EXPECT_EQ(missing.result_int(), 400u);
    EXPECT_EQ(code_of(missing), "missing_field");
    auto unknown = as(Role::admin, http::verb::get, "/v1/exports/journal?format=xlsx");
    EXPECT_EQ(unknown.result_int(), 400u);
    EXPECT_EQ(code_of(unknown), "invalid_format");
    auto backwards =
        as(Role::admin, http::verb::get, "/v1/exports/journal?format=csv&from=2026-06-02&to=2026-06-01");
    EXPECT_EQ(backwards.result_int(), 400u);
    EXPECT_EQ(code_of(backwards), "invalid_period");
    // The journal holds every client's postings: a client user may not have it, whatever it asks.
    auto client = as(Role::client, http::verb::get, "/v1/exports/journal?format=csv");
    EXPECT_EQ(client.result_int(), 403u);
    EXPECT_EQ(code_of(client), "forbidden");
    EXPECT_EQ(as(Role::investor, http::verb::get, "/v1/exports/journal?format=csv").result_int(), 403u);
}

}  // namespace
}  // namespace mf::testing
