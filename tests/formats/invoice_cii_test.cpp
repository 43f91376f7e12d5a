// UN/CEFACT CII (Factur-X / ZUGFeRD XML): the shared samples read field by field, and small documents written
// here for payee, credit notes, references and problems.
#include <gtest/gtest.h>

#include <string>

#include "invoice_test_support.hpp"

namespace mf::formats::test {
namespace {

TEST(InvoiceCii, En16931Example1) {
    const auto file = read_sample("cii-en16931-example1.xml");
    EXPECT_EQ(file.format, InvoiceFormat::cii);
    const auto document = only_document(file);
    EXPECT_EQ(document.place, "CrossIndustryInvoice");
    expect_en16931_example1(document);
}

TEST(InvoiceCii, ZugferdEn16931) {
    // Its due date is only in the terms' text ("Zahlbar innerhalb 30 Tagen netto bis 04.04.2018"): not read.
    const auto document = only_document(read_sample("cii-zugferd-en16931-1.xml"));
    EXPECT_EQ(document.number, "471102");
    EXPECT_EQ(document.issue_date, date("2018-03-05"));
    EXPECT_FALSE(document.due_date);
    EXPECT_EQ(document.amount, money(52'987, "EUR"));
    EXPECT_EQ(document.payment_reference, "");

    EXPECT_EQ(document.seller.name, "Lieferant GmbH");
    EXPECT_EQ(document.seller.external_ref, "549910");
    EXPECT_EQ(document.seller.registration_id, "4000001123452");  // the GLN, for want of a legal id
    EXPECT_EQ(document.seller.tax_id, "DE123456789");  // the VAT id (VA) before the tax number (FC)
    EXPECT_EQ(document.seller.street, "Lieferantenstraße 20");
    EXPECT_EQ(document.seller.city, "München");
    EXPECT_EQ(document.seller.postal_code, "80333");
    EXPECT_EQ(document.seller.country, "DE");

    EXPECT_EQ(document.debtor.name, "Kunden AG Mitte");
    EXPECT_EQ(document.debtor.external_ref, "GE2020211");
    EXPECT_EQ(document.debtor.street, "Kundenstraße 15");
    EXPECT_EQ(document.debtor.city, "Frankfurt");
    EXPECT_EQ(document.debtor.postal_code, "69876");
    EXPECT_EQ(document.debtor.country, "DE");
}

// A small CII document; `type_code`, `date_102`, `buyer` and `settlement` fill it in. Prefixes differ from
// the usual rsm/ram/udt on purpose.
std::string cii(std::string_view type_code, std::string_view date_102, std::string_view buyer,
                std::string_view settlement) {
    return std::string(R"(<?xml version="1.0" encoding="UTF-8"?>
<x:CrossIndustryInvoice xmlns:x="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
  xmlns:r="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
  xmlns:u="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
 <x:ExchangedDocument><r:ID>F-9</r:ID><r:TypeCode>)") +
           std::string(type_code) + R"(</r:TypeCode>
  <r:IssueDateTime><u:DateTimeString format="102">)" +
           std::string(date_102) + R"(</u:DateTimeString></r:IssueDateTime></x:ExchangedDocument>
 <x:SupplyChainTradeTransaction>
  <r:ApplicableHeaderTradeAgreement><r:SellerTradeParty><r:Name>Seller SARL</r:Name></r:SellerTradeParty>
   <r:BuyerTradeParty>)" +
           std::string(buyer) + R"(</r:BuyerTradeParty>
   <r:BuyerOrderReferencedDocument><r:IssuerAssignedID>PO-77</r:IssuerAssignedID></r:BuyerOrderReferencedDocument>
  </r:ApplicableHeaderTradeAgreement>
  <r:ApplicableHeaderTradeSettlement>)" +
           std::string(settlement) + R"(</r:ApplicableHeaderTradeSettlement>
 </x:SupplyChainTradeTransaction>
</x:CrossIndustryInvoice>)";
}

constexpr std::string_view kBuyer = R"(<r:ID>C-1</r:ID><r:GlobalID schemeID="0088">5790000000001</r:GlobalID>
  <r:Name>Client GmbH</r:Name>
  <r:SpecifiedLegalOrganization><r:ID schemeID="0002">HRB 1234</r:ID></r:SpecifiedLegalOrganization>
  <r:DefinedTradeContact><r:EmailURIUniversalCommunication><r:URIID>ap@client.de</r:URIID>
  </r:EmailURIUniversalCommunication></r:DefinedTradeContact>
  <r:PostalTradeAddress><r:PostcodeCode>10115</r:PostcodeCode><r:LineOne>Weg 1</r:LineOne><r:LineTwo>Hof 2</r:LineTwo>
   <r:CityName>Berlin</r:CityName><r:CountryID>DE</r:CountryID></r:PostalTradeAddress>
  <r:URIUniversalCommunication><r:URIID schemeID="EM">invoices@client.de</r:URIID></r:URIUniversalCommunication>
  <r:SpecifiedTaxRegistration><r:ID schemeID="VA">DE999999999</r:ID></r:SpecifiedTaxRegistration>)";

std::string settlement(std::string_view amount, std::string_view extra = "") {
    return R"(<r:PaymentReference>RF18 5390 0754 7034</r:PaymentReference>
   <r:InvoiceCurrencyCode>EUR</r:InvoiceCurrencyCode>)" +
           std::string(extra) +
           R"(<r:SpecifiedTradePaymentTerms><r:DueDateDateTime><u:DateTimeString format="102">20240415</u:DateTimeString>
   </r:DueDateDateTime></r:SpecifiedTradePaymentTerms>
   <r:SpecifiedTradeSettlementHeaderMonetarySummation><r:DuePayableAmount>)" +
           std::string(amount) + "</r:DuePayableAmount></r:SpecifiedTradeSettlementHeaderMonetarySummation>";
}

TEST(InvoiceCii, BuyerPayeeAndReferencesWhateverThePrefixes) {
    const auto payee = R"(<r:PayeeTradeParty><r:ID>FACT-1</r:ID><r:Name>Factor Bank AG</r:Name>
      <r:SpecifiedLegalOrganization><r:ID>HRB 9</r:ID></r:SpecifiedLegalOrganization></r:PayeeTradeParty>)";
    const auto document =
        only_document(read_ok(cii("380", "20240316", kBuyer, settlement("1000.00", payee))));
    EXPECT_EQ(document.kind, DocumentKind::invoice);
    EXPECT_EQ(document.number, "F-9");
    EXPECT_EQ(document.issue_date, date("2024-03-16"));
    EXPECT_EQ(document.due_date, date("2024-04-15"));
    EXPECT_EQ(document.amount, money(100'000, "EUR"));
    EXPECT_EQ(document.po_number, "PO-77");
    EXPECT_EQ(document.payment_reference, "RF18 5390 0754 7034");
    EXPECT_EQ(document.seller.name, "Seller SARL");
    EXPECT_EQ(document.debtor.name, "Client GmbH");
    EXPECT_EQ(document.debtor.external_ref, "C-1");
    EXPECT_EQ(document.debtor.registration_id, "HRB 1234");
    EXPECT_EQ(document.debtor.tax_id, "DE999999999");
    EXPECT_EQ(document.debtor.endpoint_id, "EM:invoices@client.de");
    EXPECT_EQ(document.debtor.email, "ap@client.de");
    EXPECT_EQ(document.debtor.street, "Weg 1, Hof 2");
    EXPECT_EQ(document.debtor.city, "Berlin");
    EXPECT_EQ(document.debtor.postal_code, "10115");
    EXPECT_EQ(document.debtor.country, "DE");
    ASSERT_TRUE(document.payee);
    EXPECT_EQ(document.payee->name, "Factor Bank AG");
    EXPECT_EQ(document.payee->registration_id, "HRB 9");
    EXPECT_EQ(document.payee->external_ref, "FACT-1");
}

TEST(InvoiceCii, CreditNoteNamesTheInvoiceItReduces) {
    const auto reference = R"(<r:InvoiceReferencedDocument><r:IssuerAssignedID>F-1</r:IssuerAssignedID>
      </r:InvoiceReferencedDocument>)";
    const auto document =
        only_document(read_ok(cii("381", "20240316", kBuyer, settlement("250.00", reference))));
    EXPECT_EQ(document.kind, DocumentKind::credit_note);
    EXPECT_EQ(document.amount, money(25'000, "EUR"));
    EXPECT_EQ(document.referenced_invoices, std::vector<std::string>{"F-1"});
}

TEST(InvoiceCii, ProblemsOfTheDocument) {
    struct Case {
        std::string xml;
        std::string code;
        std::string message_part;
    };
    const Case cases[] = {
        {cii("380", "2024-03-16", kBuyer, settlement("10.00")), "invalid_date", "format 102"},
        {cii("380", "20240231", kBuyer, settlement("10.00")), "invalid_date", "2024-02-31"},
        {cii("380", "", kBuyer, settlement("10.00")), "missing_field", "IssueDateTime is missing"},
        {cii("380", "20240316", kBuyer, settlement("10.001")), "invalid_amount", "more than 2 decimals"},
        {cii("380", "20240316", kBuyer, settlement("-10.00")), "not_payable", "not an invoice to buy"},
        {cii("381", "20240316", kBuyer, settlement("0")), "invalid_amount", "reduces nothing"},
    };
    for (const auto& c : cases) {
        const auto problem = only_problem(read_ok(c.xml));
        EXPECT_EQ(problem.code, c.code) << problem.message;
        EXPECT_TRUE(problem.message.starts_with("CrossIndustryInvoice: ")) << problem.message;
        EXPECT_NE(problem.message.find(c.message_part), std::string::npos) << problem.message;
    }
}

}  // namespace
}  // namespace mf::formats::test
