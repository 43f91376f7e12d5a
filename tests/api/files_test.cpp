// The upload routes: invoice files with per-row results (201 written, 422 file_rejected with the rows), bank
// files loaded once and applied where certain, content types, and a client user kept to its own client.
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "support/testdata.hpp"

namespace mf::testing {
namespace {

using auth::Role;
using http::verb;

class Files : public ApiTest {
  protected:
    api::Response upload(Role role, const std::string& target, const std::string& body,
                         const std::string& type = "text/csv") {
        return as(role, verb::post, target, body, {{"Content-Type", type}});
    }
    std::string csv(const std::string& number, const std::string& debtor_name) {
        const auto today = book->settings().value().business_date;
        return "invoice_number,debtor_name,invoice_date,due_date,amount,currency\n" + number + "," +
               debtor_name + "," + today.plus_days(-2).to_string() + "," + today.plus_days(28).to_string() +
               ",750.00,USD\n";
    }
    std::string files_of(const Client& client) {
        return "/v1/clients/" + format_id(IdKind::client, client.id) + "/invoice-files";
    }
};

TEST_F(Files, AClientUploadsItsInvoicesAndSeesEachRow) {
    auto written = upload(Role::client, files_of(client_a) + "?name=june.csv", csv("UP-1", "Debtor 1"));
    ASSERT_EQ(written.result_int(), 201u) << written.body();
    const auto result = json_of(written);
    EXPECT_EQ(result.at("format").as_string(), "csv");
    EXPECT_EQ(result.at("rows").at(0).at("outcome").as_string(), "accepted");
    EXPECT_EQ(result.at("schedule").at("invoices").as_array().size(), 1u);
    // `schedules` lists every schedule without its invoices: the rows name them.
    const auto& listed = result.at("schedules").as_array();
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed.at(0).at("id"), result.at("schedule").at("id"));
    EXPECT_EQ(listed.at(0).at("invoice_count").as_int64(), 1);
    EXPECT_EQ(listed.at(0).at("face_amount").as_string(), "750.00");
    EXPECT_FALSE(listed.at(0).as_object().contains("invoices"));
    // Another client's upload route answers as if it did not exist.
    EXPECT_EQ(upload(Role::client, files_of(client_b), csv("UP-2", "Debtor 1")).result_int(), 404u);
    EXPECT_EQ(upload(Role::collector, files_of(client_a), csv("UP-3", "Debtor 1")).result_int(), 403u);
}

TEST_F(Files, ARejectedRowStopsTheFileWithEveryRowsResult) {
    const auto before = fingerprint();
    // The PEPPOL sample's debtor is not in this book.
    auto unmatched = upload(Role::underwriter, files_of(client_a),
                            mf::test::read_testdata("einvoice/ubl-peppol-factoring.xml"), "application/xml");
    ASSERT_EQ(unmatched.result_int(), 422u) << unmatched.body();
    EXPECT_EQ(unmatched[http::field::content_type], "application/problem+json");
    const auto problem = json_of(unmatched);
    EXPECT_EQ(problem.at("code").as_string(), "file_rejected");
    EXPECT_EQ(problem.at("result").at("rows").at(0).at("rules").at(0).at("code").as_string(),
              "unknown_debtor");
    auto unknown = upload(Role::underwriter, files_of(client_a), csv("UP-9", "Nobody Known Ltd"));
    EXPECT_EQ(unknown.result_int(), 422u);
    EXPECT_EQ(fingerprint(), before);
    // A file that is not one, a form post, an unknown format: refused with their codes.
    EXPECT_EQ(code_of(upload(Role::underwriter, files_of(client_a), "<Invoice", "application/xml")),
              "invalid_xml");
    EXPECT_EQ(upload(Role::underwriter, files_of(client_a), "a=b", "application/x-www-form-urlencoded")
                  .result_int(),
              415u);
    EXPECT_EQ(code_of(upload(Role::underwriter, files_of(client_a) + "?format=pdf", csv("UP-8", "Debtor 1"))),
              "invalid_query");
    // A file that cannot be read as one is a bad request (400), whatever the reason, not a conflict.
    const std::vector<std::pair<std::string, std::string>> unreadable = {
        {"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><Invoice>&a;</Invoice>", "forbidden_xml"},
        {"Dear customer,\nplease find attached our invoice.\n", "unknown_format"},
        {"invoice_number,debtor_name,amount\nUP-7,Debtor 1,10.00\n", "missing_column"},
        {"Invoice No,Customer,Date,Issue Date,Due Date,Total\nUP-6,Debtor 1,2026-05-30,2026-05-30,2026-06-29,"
         "10.00\n",
         "ambiguous_column"},
    };
    for (const auto& [body, code] : unreadable) {
        const auto refused = upload(Role::underwriter, files_of(client_a), body);
        EXPECT_EQ(refused.result_int(), 400u) << code << ": " << refused.body();
        EXPECT_EQ(code_of(refused), code);
    }
    EXPECT_EQ(fingerprint(), before);
    auto partial =
        upload(Role::underwriter, files_of(client_a) + "?partial=true",
               csv("UP-4", "Debtor 1") + "UP-5,Nobody Known Ltd,2026-05-30,2026-06-29,10.00,USD\n");
    ASSERT_EQ(partial.result_int(), 201u) << partial.body();
    EXPECT_EQ(json_of(partial).at("rejected").as_int64(), 1);
}

TEST_F(Files, BankFilesLoadOnceAndApplyWhereCertain) {
    const std::string lockbox = "date,amount,currency,payer_name,reference\n" +
                                book->settings().value().business_date.to_string() +
                                ",1000.00,USD,Debtor 1," + invoice_a.number + "\n";
    auto loaded = upload(Role::collector, "/v1/bank-files?auto_apply=true&name=lockbox.csv", lockbox);
    ASSERT_EQ(loaded.result_int(), 201u) << loaded.body();
    const auto body = json_of(loaded);
    EXPECT_EQ(body.at("import").at("recorded").as_array().size(), 1u);
    EXPECT_EQ(body.at("auto_apply").at("applied").as_int64(), 1);
    auto again = upload(Role::collector, "/v1/bank-files", lockbox);
    ASSERT_EQ(again.result_int(), 201u) << again.body();
    EXPECT_EQ(json_of(again).at("import").at("duplicates").as_array().size(), 1u);
    EXPECT_EQ(upload(Role::client, "/v1/bank-files", lockbox).result_int(), 403u);
    EXPECT_EQ(code_of(upload(Role::collector, "/v1/bank-files", "01,garbage/\n", "text/plain")).empty(),
              false);
    EXPECT_TRUE(book->verify().value().problems.empty());
}

}  // namespace
}  // namespace mf::testing
