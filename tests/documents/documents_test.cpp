// Each document rendered and read back with pdftotext -layout (poppler-utils): the figures and the wording
// are on the page, hostile text renders, and the same inputs give the same bytes.
#include "documents/documents.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "documents/test_values.hpp"
#include "support/pdf_text.hpp"

namespace mf::documents {
namespace {

using testing::date;

// The text of a PDF; with MF_KEEP_PDF_DIR set, the PDF is also kept there under the test's name, to look at.
std::string pdf_text(const std::string& bytes, const char* mode = "-layout") {
    if (const char* keep = std::getenv("MF_KEEP_PDF_DIR")) {
        std::ofstream(std::string(keep) + "/" +
                          ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".pdf",
                      std::ios::binary)
            << bytes;
    }
    return mf::testing::pdf_text(bytes, mode);
}

// pdftotext -layout keeps the columns apart with runs of spaces: compare with the runs made one.
std::string squeezed(const std::string& input) {
    std::string text = input;  // a no-break space reads as a space
    for (size_t at = text.find("\u00A0"); at != std::string::npos; at = text.find("\u00A0", at))
        text.replace(at, 2, " ");
    std::string out;
    for (char c : text) {
        if (c == ' ' && !out.empty() && out.back() == ' ')
            continue;
        out += c;
    }
    return out;
}

// What a reader sees: the figures on their rows (-layout), and the wording as it runs on (-raw, whitespace
// made single spaces) when a table cell wraps it.
struct Reading {
    explicit Reading(const std::string& bytes) : layout(squeezed(pdf_text(bytes))) {
        bool space = false;
        for (char c : squeezed(pdf_text(bytes, "-raw"))) {
            const bool blank = c == ' ' || c == '\n' || c == '\f';
            if (blank && space)
                continue;
            raw += blank ? ' ' : c;
            space = blank;
        }
    }
    bool has(const std::string& text) const {
        return layout.find(text) != std::string::npos || raw.find(text) != std::string::npos;
    }
    std::string layout, raw;
};

int page_count(const std::string& text) {
    int pages = 1;
    for (char c : text)
        pages += c == '\f' ? 1 : 0;
    return pages - 1;  // pdftotext ends every page with a form feed
}

Issuer issuer() {
    return {"Northwind Factoring", date("2026-02-02")};
}

ClientStatement statement(int lines) {
    ClientStatement s;
    s.client = testing::client();
    s.from = date("2026-01-01");
    s.to = date("2026-01-31");
    s.opening_reserve_minor = 123'456;
    s.funded_face_minor = 1'000'000;
    s.advances_paid_minor = 900'000;
    s.fees_minor = 30'000;
    s.charges_minor = 2'500;
    s.collections_minor = 1'000'000;
    s.rebates_paid_minor = 67'500;
    s.closing_reserve_minor = 123'456;
    int64_t balance = s.opening_reserve_minor;
    for (int i = 0; i < lines; ++i) {
        balance += 1'000;
        s.lines.push_back({date("2026-01-05").plus_days(i % 20), EntryKind::fee_accrued,
                           "fee day " + std::to_string(i), 100 + i, 1'000, balance});
    }
    auto open = testing::invoice(5, 250'000, date("2026-02-20"));
    open.state = InvoiceState::funded;
    open.advance_minor = 225'000;
    s.open_invoices.push_back(open);
    return s;
}

TEST(StatementPdf, ShowsTheFiguresOfThePeriod) {
    auto bytes = client_statement_pdf(statement(3), issuer());
    ASSERT_TRUE(bytes) << bytes.error().message;
    EXPECT_EQ(bytes.value().substr(0, 5), "%PDF-");
    const Reading text(bytes.value());
    for (const char* expected :
         {"Client statement", "Acme Widgets LLC (cli_7)", "Period 2026-01-01 to 2026-01-31",
          "Northwind Factoring", "Opening reserve 2026-01-01 1,234.56", "Advances paid to you 9,000.00",
          "Factoring fees 300.00", "Charges 25.00", "Collections from your customers 10,000.00",
          "Rebates paid to you 675.00", "Closing reserve 2026-01-31 1,234.56", "fee accrued", "fee day 2",
          "inv_5", "INV-1005", "2,500.00", "2,250.00", "Page 1 of 1"}) {
        EXPECT_TRUE(text.has(expected)) << expected << "\n" << text.layout;
    }
}

TEST(StatementPdf, LongTablesBreakPagesAndRepeatTheirHeader) {
    auto bytes = client_statement_pdf(statement(150), issuer());
    ASSERT_TRUE(bytes) << bytes.error().message;
    const std::string text = squeezed(pdf_text(bytes.value()));
    const int pages = page_count(text);
    EXPECT_GE(pages, 3);
    EXPECT_NE(text.find("Page 1 of " + std::to_string(pages)), std::string::npos);
    EXPECT_NE(text.find("Page " + std::to_string(pages) + " of " + std::to_string(pages)), std::string::npos);
    size_t headers = 0;
    for (size_t at = text.find("Date Movement Invoice"); at != std::string::npos;
         at = text.find("Date Movement Invoice", at + 1))
        ++headers;
    EXPECT_GE(headers, 3u);
    EXPECT_NE(text.find("fee day 149"), std::string::npos);
}

TEST(StatementPdf, SameInputsGiveTheSameBytes) {
    auto first = client_statement_pdf(statement(5), issuer());
    auto second = client_statement_pdf(statement(5), issuer());
    ASSERT_TRUE(first && second);
    EXPECT_EQ(first.value(), second.value());
    EXPECT_NE(first.value().find("/CreationDate (20260202"),
              std::string::npos);  // the creation date comes in, not from a clock
}

TEST(StatementPdf, HostileTextRenders) {
    auto s = statement(2);
    s.client.name = std::string(400, 'W') + " <b>&amp; \"Ünïcødé\" Ωμέγα 株式会社 שלום </i>";
    s.lines[0].memo = "<script>alert('x')</script> & \xff\xfe invalid";
    s.open_invoices[0].number = std::string(120, '9');
    auto a4 = issuer();
    a4.page_size = PageSize::a4;
    auto bytes = client_statement_pdf(s, a4);
    ASSERT_TRUE(bytes) << bytes.error().message;
    const Reading text(bytes.value());
    EXPECT_TRUE(text.has("<b>&amp;")) << text.layout;
    EXPECT_TRUE(text.has("Ωμέγα"));
    EXPECT_TRUE(text.has("<script>alert('x')</script>")) << text.raw;
}

CostDisclosure disclosure() {
    auto view = testing::schedule({testing::invoice(1, 1'000'000, date("2026-01-31"))});
    return compute_cost_disclosure(view, testing::client(), date("2026-01-01")).value();
}

TEST(DisclosurePdf, CaliforniaLayout) {
    auto bytes = cost_disclosure_pdf(disclosure(), testing::client(), {{3, "Globex Corp"}},
                                     DisclosureLayout::california, issuer());
    ASSERT_TRUE(bytes) << bytes.error().message;
    const Reading text(bytes.value());
    for (const char* expected :
         {"Factoring Disclosure", "California law", "hypothetical invoice of 10,000.00 USD", "30 days",
          "Actual costs may differ substantially", "Funding Provided", "9,000.00 USD",
          "Estimated Annual Percentage Rate", "40.56%", "Finance Charge", "300.00 USD", "Estimated Payment",
          "N/A", "Estimated Term", "Prepayment", "further 700.00 USD", "Globex Corp", "INV-1001", "sch_11"}) {
        EXPECT_TRUE(text.has(expected)) << expected << "\n" << text.layout;
    }
    EXPECT_FALSE(text.has("Estimated Total Payment Amount"));
}

TEST(DisclosurePdf, NewYorkLayout) {
    auto bytes =
        cost_disclosure_pdf(disclosure(), testing::client(), {}, DisclosureLayout::new_york, issuer());
    ASSERT_TRUE(bytes) << bytes.error().message;
    const Reading text(bytes.value());
    for (const char* expected : {"New York law", "Funding Provided", "40.56%",
                                 "Estimated Total Payment Amount", "9,300.00 USD", "Collateral", "dbt_3"}) {
        EXPECT_TRUE(text.has(expected)) << expected << "\n" << text.layout;
    }
    EXPECT_FALSE(text.has("hypothetical"));
}

TEST(DisclosurePdf, StateCodes) {
    EXPECT_EQ(parse_disclosure_layout("ca").value(), DisclosureLayout::california);
    EXPECT_EQ(parse_disclosure_layout("NY").value(), DisclosureLayout::new_york);
    auto bad = parse_disclosure_layout("TX");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, "invalid_state");
    EXPECT_EQ(bad.error().field, "state");
}

TEST(NoticeOfAssignment, ShowsPartiesRemittanceAndLegend) {
    NoticeOfAssignment notice{
        "Acme Widgets LLC", "Globex Corp <AP & Payables>", "1 Main St\nSpringfield",
        "Northwind Factoring, PO Box 123, Dallas TX 75201\nACH: routing 011000015 account 42"};
    auto bytes = notice_of_assignment_pdf(notice, issuer());
    ASSERT_TRUE(bytes) << bytes.error().message;
    const Reading text(bytes.value());
    for (const char* expected : {"Notice of Assignment", "Globex Corp <AP & Payables>", "Springfield",
                                 "2026-02-02", "Re: Acme Widgets LLC", "PO Box 123", "routing 011000015",
                                 "assigned to and is payable only to Northwind Factoring"}) {
        EXPECT_TRUE(text.has(expected)) << expected << "\n" << text.layout;
    }
    notice.remittance_instructions.clear();
    auto missing = notice_of_assignment_pdf(notice, issuer());
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().field, "remittance_instructions");
}

TEST(Pdf, TableWithoutColumnsIsAnError) {
    Pdf pdf({"t", "a", "s", date("2026-01-01")});
    pdf.table({});
    auto bytes = pdf.render();
    ASSERT_FALSE(bytes);
    EXPECT_EQ(bytes.error().code, "invalid_document");
}

}  // namespace
}  // namespace mf::documents
