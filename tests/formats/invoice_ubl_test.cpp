// UBL 2.1 / PEPPOL BIS 3.0 invoices and credit notes: the shared samples read field by field, and small
// documents written here for what the samples do not show (other prefixes, billing references, problems).
#include <gtest/gtest.h>

#include <string>

#include "invoice_test_support.hpp"

namespace mf::formats::test {
namespace {

TEST(InvoiceUbl, PeppolFactoringSampleNamesTheFactorAsPayee) {
    const auto file = read_sample("ubl-peppol-factoring.xml");
    EXPECT_EQ(file.format, InvoiceFormat::ubl);
    const auto document = only_document(file);
    EXPECT_EQ(document.place, "Invoice");
    EXPECT_EQ(document.kind, DocumentKind::invoice);
    EXPECT_EQ(document.number, "7023708");
    EXPECT_EQ(document.issue_date, date("2017-08-29"));
    EXPECT_EQ(document.due_date, date("2017-09-29"));
    EXPECT_EQ(document.amount, money(11'500'000, "EUR"));
    EXPECT_FALSE(document.open_balance);
    EXPECT_EQ(document.payment_reference, "702308");
    EXPECT_EQ(document.po_number, "");
    EXPECT_TRUE(document.referenced_invoices.empty());

    EXPECT_EQ(document.seller.name, "QVK Montage AB");
    EXPECT_EQ(document.seller.registration_id, "1122334455");
    EXPECT_EQ(document.seller.tax_id, "SE112233445501");  // the VAT scheme, not "Godkänd för F-skatt"
    EXPECT_EQ(document.seller.endpoint_id, "0007:1122334455");
    EXPECT_EQ(document.seller.street, "Storgatan 5");
    EXPECT_EQ(document.seller.city, "Hägersten");
    EXPECT_EQ(document.seller.postal_code, "12652");
    EXPECT_EQ(document.seller.country, "SE");

    EXPECT_EQ(document.debtor.name, "Komponentlagret AB");
    EXPECT_EQ(document.debtor.registration_id, "9876543210");
    EXPECT_EQ(document.debtor.tax_id, "");
    EXPECT_EQ(document.debtor.endpoint_id, "0007:9876543210");
    EXPECT_EQ(document.debtor.email, "spiken@komponentlagret.se");
    EXPECT_EQ(document.debtor.street, "Box 54321");
    EXPECT_EQ(document.debtor.city, "Göteborg");
    EXPECT_EQ(document.debtor.postal_code, "40123");
    EXPECT_EQ(document.debtor.country, "SE");

    ASSERT_TRUE(document.payee);
    EXPECT_EQ(document.payee->name, "Likviditet o. Finans AB");
    EXPECT_EQ(document.payee->registration_id, "");
}

TEST(InvoiceUbl, PeppolBaseExampleReadsPartiesInFull) {
    const auto document = only_document(read_sample("ubl-peppol-base-example.xml"));
    EXPECT_EQ(document.number, "Snippet1");
    EXPECT_EQ(document.issue_date, date("2017-11-13"));
    EXPECT_EQ(document.due_date, date("2017-12-01"));
    EXPECT_EQ(document.amount, money(165'625, "EUR"));
    EXPECT_EQ(document.payment_reference, "Snippet1");
    EXPECT_FALSE(document.payee);

    EXPECT_EQ(document.seller.name, "SupplierOfficialName Ltd");
    EXPECT_EQ(document.seller.registration_id, "GB983294");
    EXPECT_EQ(document.seller.tax_id, "GB1232434");
    EXPECT_EQ(document.seller.endpoint_id, "0088:9482348239847239874");
    EXPECT_EQ(document.seller.external_ref, "99887766");
    EXPECT_EQ(document.seller.street, "Main street 1, Postbox 123");
    EXPECT_EQ(document.seller.postal_code, "GB 123 EW");
    EXPECT_EQ(document.seller.country, "GB");

    EXPECT_EQ(document.debtor.name, "Buyer Official Name");
    EXPECT_EQ(document.debtor.registration_id, "39937423947");
    EXPECT_EQ(document.debtor.tax_id, "SE4598375937");
    EXPECT_EQ(document.debtor.endpoint_id, "0002:FR23342");
    EXPECT_EQ(document.debtor.external_ref, "FR23342");
    EXPECT_EQ(document.debtor.email, "lj@buyer.se");
    EXPECT_EQ(document.debtor.street, "Hovedgatan 32, Po box 878");
    EXPECT_EQ(document.debtor.city, "Stockholm");
    EXPECT_EQ(document.debtor.postal_code, "456 34");
    EXPECT_EQ(document.debtor.country, "SE");
}

TEST(InvoiceUbl, En16931GuideExample) {
    const auto document = only_document(read_sample("ubl-en16931-guide-example1.xml"));
    EXPECT_EQ(document.place, "Invoice");
    expect_en16931_example1(document);
}

TEST(InvoiceUbl, MinimumContentInvoiceHasNoDueDate) {
    // Its payment terms are free text ("As per contract clasuse X.123"): no date to read.
    const auto document = only_document(read_sample("ubl-min-content.xml"));
    EXPECT_EQ(document.kind, DocumentKind::invoice);
    EXPECT_EQ(document.number, "2018-112");
    EXPECT_EQ(document.issue_date, date("2018-07-31"));
    EXPECT_FALSE(document.due_date);
    EXPECT_EQ(document.amount, money(50'000, "SEK"));
    EXPECT_EQ(document.seller.name, "Säljbolaget AB");
    EXPECT_EQ(document.seller.tax_id, "SE123451234501");
    EXPECT_EQ(document.seller.endpoint_id, "0007:1234512345");
    EXPECT_EQ(document.debtor.name, "Centrala Inköps Handelsbolag");
    EXPECT_EQ(document.debtor.endpoint_id, "0007:9876543210");
    EXPECT_EQ(document.debtor.country, "SE");
}

TEST(InvoiceUbl, MinimumContentCreditNote) {
    const auto file = read_sample("ubl-creditnote-min-content.xml");
    const auto document = only_document(file);
    EXPECT_EQ(document.place, "CreditNote");
    EXPECT_EQ(document.kind, DocumentKind::credit_note);
    EXPECT_EQ(document.number, "2018-112");
    EXPECT_EQ(document.issue_date, date("2018-07-31"));
    EXPECT_EQ(document.amount, money(50'000, "SEK"));
    EXPECT_EQ(document.debtor.name, "Centrala Inköps Handelsbolag");
    EXPECT_TRUE(document.referenced_invoices.empty());  // the sample names no billing reference
}

// A credit note with other prefixes than the usual cac/cbc (and UBL's default namespace on a prefix):
// elements are found by namespace URI.
constexpr std::string_view kCreditNoteOtherPrefixes = R"(<?xml version="1.0" encoding="UTF-8"?>
<cn:CreditNote xmlns:cn="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
    xmlns:a="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    xmlns:b="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
    xmlns:cbc="urn:example:not-ubl">
  <cbc:ID>WRONG</cbc:ID>
  <b:ID>CN-7</b:ID>
  <b:IssueDate>2024-03-01</b:IssueDate>
  <b:DocumentCurrencyCode>USD</b:DocumentCurrencyCode>
  <a:BillingReference><a:InvoiceDocumentReference><b:ID>INV-100</b:ID></a:InvoiceDocumentReference></a:BillingReference>
  <a:BillingReference><a:InvoiceDocumentReference><b:ID>INV-101</b:ID></a:InvoiceDocumentReference></a:BillingReference>
  <a:AccountingCustomerParty><a:Party>
    <a:PartyName><b:Name>Acme Stores</b:Name></a:PartyName>
    <a:PartyLegalEntity><b:CompanyID>12-3456789</b:CompanyID></a:PartyLegalEntity>
  </a:Party></a:AccountingCustomerParty>
  <a:PaymentMeans><b:PaymentMeansCode>30</b:PaymentMeansCode><b:PaymentDueDate>2024-03-31</b:PaymentDueDate></a:PaymentMeans>
  <a:LegalMonetaryTotal><b:PayableAmount currencyID="USD">120.50</b:PayableAmount></a:LegalMonetaryTotal>
</cn:CreditNote>)";

TEST(InvoiceUbl, CreditNoteReferencesTheInvoicesItReducesWhateverThePrefixes) {
    const auto document = only_document(read_ok(kCreditNoteOtherPrefixes));
    EXPECT_EQ(document.kind, DocumentKind::credit_note);
    EXPECT_EQ(document.number, "CN-7");
    EXPECT_EQ(document.referenced_invoices, (std::vector<std::string>{"INV-100", "INV-101"}));
    EXPECT_EQ(document.amount, money(12'050, "USD"));
    EXPECT_EQ(document.due_date, date("2024-03-31"));  // PaymentMeans/PaymentDueDate (older variants)
    EXPECT_EQ(document.debtor.name, "Acme Stores");    // PartyName when there is no RegistrationName
    EXPECT_EQ(document.debtor.registration_id, "12-3456789");
}

// A small Invoice; `header` goes after the ID, `total` is the LegalMonetaryTotal's content.
std::string invoice(std::string_view header, std::string_view total,
                    std::string_view currency = "<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>") {
    return std::string(R"(<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">)") +
           std::string(header) + std::string(currency) +
           R"(<cac:AccountingCustomerParty><cac:Party><cac:PartyName><cbc:Name>Buyer</cbc:Name></cac:PartyName>
</cac:Party></cac:AccountingCustomerParty><cac:LegalMonetaryTotal>)" +
           std::string(total) + "</cac:LegalMonetaryTotal></Invoice>";
}

constexpr std::string_view kHeader = "<cbc:ID>A-1</cbc:ID><cbc:IssueDate>2024-05-02</cbc:IssueDate>";
constexpr std::string_view kTotal = R"(<cbc:PayableAmount currencyID="EUR">100.00</cbc:PayableAmount>)";

TEST(InvoiceUbl, DueDateFromPaymentTermsAndOrderReference) {
    const auto document = only_document(read_ok(
        invoice(std::string(kHeader) + "<cac:OrderReference><cbc:ID>PO-55</cbc:ID></cac:OrderReference>"
                                       "<cac:PaymentTerms><cbc:Note>30 "
                                       "days</cbc:Note><cbc:PaymentDueDate>2024-06-01</cbc:PaymentDueDate>"
                                       "</cac:PaymentTerms>",
                kTotal)));
    EXPECT_EQ(document.due_date, date("2024-06-01"));
    EXPECT_EQ(document.po_number, "PO-55");
}

TEST(InvoiceUbl, TrailingZerosPastTheCurrencyAreTheSameAmount) {
    const auto document = only_document(
        read_ok(invoice(kHeader, R"(<cbc:PayableAmount currencyID="EUR">100.500</cbc:PayableAmount>)")));
    EXPECT_EQ(document.amount, money(10'050, "EUR"));
}

TEST(InvoiceUbl, InvoiceWithCreditNoteTypeCodeIsACreditNote) {
    const auto document =
        only_document(read_ok(invoice(std::string(kHeader) + "<cbc:InvoiceTypeCode>381</cbc:InvoiceTypeCode>",
                                      R"(<cbc:PayableAmount currencyID="EUR">-40.00</cbc:PayableAmount>)")));
    EXPECT_EQ(document.kind, DocumentKind::credit_note);
    EXPECT_EQ(document.amount, money(4'000, "EUR"));  // a signed credit note reduces by its magnitude
}

struct ProblemCase {
    std::string name;
    std::string xml;
    std::string code;
    std::string message_part;
    friend void PrintTo(const ProblemCase& c, std::ostream* out) { *out << c.name; }
};

class InvoiceUblProblem : public testing::TestWithParam<ProblemCase> {};

TEST_P(InvoiceUblProblem, IsAProblemOfTheDocumentNotOfTheFile) {
    const auto problem = only_problem(read_ok(GetParam().xml));
    EXPECT_EQ(problem.place, "Invoice");
    EXPECT_EQ(problem.code, GetParam().code);
    EXPECT_TRUE(problem.message.starts_with("Invoice: ")) << problem.message;
    EXPECT_NE(problem.message.find(GetParam().message_part), std::string::npos) << problem.message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, InvoiceUblProblem,
    testing::Values(
        ProblemCase{"MissingNumber", invoice("<cbc:IssueDate>2024-05-02</cbc:IssueDate>", kTotal),
                    "missing_field", "cbc:ID is missing"},
        ProblemCase{"BadIssueDate",
                    invoice("<cbc:ID>A-1</cbc:ID><cbc:IssueDate>2024-02-30</cbc:IssueDate>", kTotal),
                    "invalid_date", "cbc:IssueDate"},
        ProblemCase{"DueBeforeIssue",
                    invoice(std::string(kHeader) + "<cbc:DueDate>2024-05-01</cbc:DueDate>", kTotal),
                    "invalid_date", "before the issue date"},
        ProblemCase{"UnknownCurrency",
                    invoice(kHeader, kTotal, "<cbc:DocumentCurrencyCode>EURO</cbc:DocumentCurrencyCode>"),
                    "unknown_currency", "'EURO'"},
        ProblemCase{"CurrencyMismatch",
                    invoice(kHeader, R"(<cbc:PayableAmount currencyID="USD">100.00</cbc:PayableAmount>)"),
                    "currency_mismatch", "is in USD, the document currency is EUR"},
        ProblemCase{"ThreeDecimals",
                    invoice(kHeader, R"(<cbc:PayableAmount currencyID="EUR">100.005</cbc:PayableAmount>)"),
                    "invalid_amount", "more than 2 decimals"},
        ProblemCase{"NotANumber",
                    invoice(kHeader, R"(<cbc:PayableAmount currencyID="EUR">1,00</cbc:PayableAmount>)"),
                    "invalid_amount", "'1,00'"},
        ProblemCase{"MissingAmount", invoice(kHeader, ""), "missing_field", "PayableAmount is missing"},
        ProblemCase{"Zero",
                    invoice(kHeader, R"(<cbc:PayableAmount currencyID="EUR">0.00</cbc:PayableAmount>)"),
                    "not_payable", "not an invoice to buy"},
        ProblemCase{"Negative",
                    invoice(kHeader, R"(<cbc:PayableAmount currencyID="EUR">-5</cbc:PayableAmount>)"),
                    "not_payable", "is -5.00"}),
    [](const auto& info) { return info.param.name; });

TEST(InvoiceUbl, EveryProblemOfADocumentIsNamedInItsOneProblem) {
    const auto problem =
        only_problem(read_ok(invoice("<cbc:IssueDate>yesterday</cbc:IssueDate>",
                                     R"(<cbc:PayableAmount currencyID="EUR">0</cbc:PayableAmount>)")));
    EXPECT_EQ(problem.code, "missing_field");  // the first one's
    EXPECT_EQ(problem.message,
              "Invoice: cbc:ID is missing; cbc:IssueDate: 'yesterday' is not a date in YYYY-MM-DD form; "
              "cac:LegalMonetaryTotal/cbc:PayableAmount is 0.00: not an invoice to buy (a positive amount is "
              "needed)");
}

}  // namespace
}  // namespace mf::formats::test
