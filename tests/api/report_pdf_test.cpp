// The reports as PDF files (?format=pdf): each report's title, date and amounts read back with pdftotext
// equal to the JSON answer; a long report repeats its column headers and numbers its pages; a bad date or
// format is refused as JSON, with no file.
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "support/pdf_text.hpp"

namespace mf::testing {
namespace {

using auth::Role;
using http::verb;

class ReportPdfApi : public ApiTest {
  protected:
    // The report's JSON and its PDF's text, after checking the PDF's type and file name.
    std::pair<boost::json::object, std::string> both(const std::string& route, const std::string& stem,
                                                     const std::string& date) {
        auto report = json_of(as(Role::viewer, verb::get, route)).as_object();
        const auto response = as(Role::viewer, verb::get,
                                 route + (route.find('?') == std::string::npos ? "?" : "&") + "format=pdf");
        EXPECT_EQ(response.result_int(), 200u) << response.body();
        EXPECT_EQ(std::string(response[http::field::content_type]), "application/pdf");
        EXPECT_EQ(std::string(response[http::field::content_disposition]),
                  "attachment; filename=\"" + stem + "-" + date + ".pdf\"");
        EXPECT_TRUE(response.body().starts_with("%PDF-"));
        return {std::move(report), pdf_text(response.body(), "-layout")};
    }

    std::string business_date() {
        return std::string(json_of(as(Role::viewer, verb::get, "/v1/reports/aging")).at("as_of").as_string());
    }

    // Every value of `field` in the rows of `list` is in the text (followed by `suffix`); returns how many
    // were checked.
    static size_t expect_amounts(const boost::json::object& report, const char* list, const char* field,
                                 const std::string& text, const std::string& suffix = "") {
        size_t checked = 0;
        for (const auto& row : report.at(list).as_array()) {
            const auto& value = row.at(field);
            if (!value.is_string())
                continue;
            const std::string amount = std::string(value.as_string()) + suffix;
            EXPECT_NE(text.find(amount), std::string::npos) << list << " " << field << " " << amount << "\n"
                                                            << text;
            ++checked;
        }
        return checked;
    }

    // Every value of the rate `field` in the rows of `list` is printed with its "%" (a null rate as nothing).
    static size_t expect_percents(const boost::json::object& report, const char* list, const char* field,
                                  const std::string& text) {
        return expect_amounts(report, list, field, text, "%");
    }

    void verify_invoice(int64_t invoice_id, const std::string& outcome) {
        const auto recorded =
            as(Role::collector, verb::post,
               "/v1/invoices/" + format_id(IdKind::invoice, invoice_id) + "/verifications",
               R"({"channel": "call", "contact": "J. Payables, AP", "outcome": ")" + outcome + R"("})");
        ASSERT_EQ(recorded.result_int(), 201u) << recorded.body();
    }
};

TEST_F(ReportPdfApi, AgingHasItsSectionsAndTheJsonAmounts) {
    const std::string date = business_date();
    const auto [report, text] = both("/v1/reports/aging", "microfactor-aging", date);
    EXPECT_NE(text.find("Aging"), std::string::npos) << text;
    EXPECT_NE(text.find("Report date " + date), std::string::npos) << text;
    for (const char* section : {"By client", "By debtor", "Totals"})
        EXPECT_NE(text.find(section), std::string::npos) << section;
    EXPECT_GE(expect_amounts(report, "by_client", "total_amount", text), 2u);
    EXPECT_GE(expect_amounts(report, "totals", "total_amount", text), 1u);
    // the two clients' names, and each bucket of the totals row
    EXPECT_NE(text.find(client_a.name), std::string::npos);
    EXPECT_NE(text.find(client_b.name), std::string::npos);
    for (const auto& bucket : report.at("totals").at(0).at("by_due_date").as_array())
        EXPECT_NE(text.find(std::string(bucket.at("amount").as_string())), std::string::npos) << bucket;
    EXPECT_NE(text.find("Page 1 of 1"), std::string::npos) << text;
    // the factor's name heads it
    const auto settings = book->settings();
    ASSERT_TRUE(settings);
    EXPECT_NE(text.find(settings.value().name), std::string::npos) << text;
}

TEST_F(ReportPdfApi, ConcentrationReservePortfolioAndTrialBalance) {
    const std::string date = business_date();
    {
        const auto [report, text] = both("/v1/reports/concentration", "microfactor-concentration", date);
        EXPECT_NE(text.find("Debtor concentration"), std::string::npos) << text;
        EXPECT_GE(expect_amounts(report, "rows", "outstanding_amount", text), 2u);
        EXPECT_GE(expect_amounts(report, "rows", "share", text), 2u);
        EXPECT_GE(expect_percents(report, "rows", "share", text), 2u);
        EXPECT_GE(expect_percents(report, "rows", "limit", text), 2u);
    }
    {
        const auto [report, text] = both("/v1/reports/reserve", "microfactor-reserve", date);
        EXPECT_NE(text.find("Reserve"), std::string::npos) << text;
        EXPECT_GE(expect_amounts(report, "rows", "reserve_amount", text), 2u);
        EXPECT_GE(expect_amounts(report, "rows", "funds_employed_amount", text), 2u);
    }
    {
        const auto [report, text] = both("/v1/reports/portfolio", "microfactor-portfolio", date);
        EXPECT_NE(text.find("Portfolio"), std::string::npos) << text;
        EXPECT_NE(text.find("Funded volume"), std::string::npos) << text;  // one line per field
        EXPECT_GE(expect_amounts(report, "rows", "funded_volume_amount", text), 1u);
        EXPECT_GE(expect_amounts(report, "rows", "outstanding_face_amount", text), 1u);
        EXPECT_GE(expect_amounts(report, "rows", "fee_income_amount", text), 1u);
        // the rates carry their "%" on the line of their own heading
        for (const char* rate : {"annualized_yield", "dilution_rate", "loss_rate", "average_advance_rate"})
            EXPECT_GE(expect_percents(report, "rows", rate, text), 1u) << rate;
        const auto row = report.at("rows").at(0).as_object();
        for (const auto& [heading, field] :
             {std::pair{"Annualized yield", "annualized_yield"}, std::pair{"Dilution rate", "dilution_rate"},
              std::pair{"Loss rate", "loss_rate"}}) {
            const size_t at = text.find(heading);
            ASSERT_NE(at, std::string::npos) << heading << "\n" << text;
            const std::string line = text.substr(at, text.find('\n', at) - at);
            EXPECT_NE(line.find(std::string(row.at(field).as_string()) + "%"), std::string::npos) << line;
        }
    }
    {
        const auto [report, text] = both("/v1/reports/trial-balance", "microfactor-trial-balance", date);
        EXPECT_NE(text.find("Trial balance"), std::string::npos) << text;
        EXPECT_GE(expect_amounts(report, "rows", "debit_amount", text), 1u);
        EXPECT_GE(expect_amounts(report, "totals", "credit_amount", text), 1u);
    }
}

TEST_F(ReportPdfApi, TheVerificationLogAndTheNoaQueue) {
    const std::string date = business_date();
    verify_invoice(invoice_a.id, "confirmed");
    {
        const auto [report, text] = both("/v1/reports/verifications", "microfactor-verifications", date);
        EXPECT_NE(text.find("Verification log"), std::string::npos) << text;
        EXPECT_NE(text.find(format_id(IdKind::invoice, invoice_a.id)), std::string::npos) << text;
        EXPECT_NE(text.find("confirmed"), std::string::npos) << text;
        EXPECT_EQ(report.at("data").as_array().size(), 1u);
    }
    {
        const auto [report, text] = both("/v1/reports/noa-queue", "microfactor-noa-queue", date);
        EXPECT_NE(text.find("Notices of assignment to send"), std::string::npos) << text;
        EXPECT_GE(expect_amounts(report, "data", "funded_face_amount", text), 1u);
    }
}

TEST_F(ReportPdfApi, ALongReportRepeatsItsHeadersAndNumbersItsPages) {
    for (int i = 0; i < 90; ++i)
        verify_invoice(i % 2 == 0 ? invoice_a.id : invoice_b.id, "no_answer");
    const auto response = as(Role::viewer, verb::get, "/v1/reports/verifications?format=pdf");
    ASSERT_EQ(response.result_int(), 200u) << response.body();
    const std::string text = pdf_text(response.body(), "-layout");
    // pdftotext ends each page with a form feed
    const auto pages = static_cast<size_t>(std::ranges::count(text, '\f'));
    ASSERT_GE(pages, 2u) << text;
    size_t start = 0;
    for (size_t page = 1; page <= pages; ++page) {
        const size_t end = text.find('\f', start);
        const std::string one = text.substr(start, end - start);
        EXPECT_NE(one.find("Channel"), std::string::npos) << "page " << page << " has no header row\n" << one;
        EXPECT_NE(one.find("Outcome"), std::string::npos) << page;
        EXPECT_NE(one.find("Page " + std::to_string(page) + " of " + std::to_string(pages)),
                  std::string::npos)
            << one;
        start = end + 1;
    }
    // every record is there
    size_t records = 0;
    for (size_t at = text.find("no_answer"); at != std::string::npos; at = text.find("no_answer", at + 1))
        ++records;
    EXPECT_EQ(records, 90u);
}

TEST_F(ReportPdfApi, ABadDateOrFormatIsRefusedWithNoFile) {
    for (const char* target :
         {"/v1/reports/aging?format=pdf&as_of=2026-02-30", "/v1/reports/portfolio?format=pdf&from=yesterday",
          "/v1/reports/verifications?format=pdf&to=2026-13-01"}) {
        const auto response = as(Role::viewer, verb::get, target);
        EXPECT_EQ(response.result_int(), 400u) << target;
        EXPECT_EQ(code_of(response), "invalid_date") << target << response.body();
        EXPECT_EQ(std::string(response[http::field::content_disposition]), "") << target;
        EXPECT_FALSE(response.body().starts_with("%PDF")) << target;
    }
    const auto response = as(Role::viewer, verb::get, "/v1/reports/reserve?format=pdfx");
    EXPECT_EQ(response.result_int(), 400u);
    EXPECT_EQ(code_of(response), "invalid_format");
}

}  // namespace
}  // namespace mf::testing
