// QuickBooks Online (API v3 Invoice entity) and Xero (Invoices endpoint) JSON, in the shapes those APIs
// answer.
#include <gtest/gtest.h>

#include <string>

#include "invoice_test_support.hpp"

namespace mf::formats::test {
namespace {

// A QuickBooks read: GET /v3/company/{realm}/invoice/130.
constexpr std::string_view kQuickBooksRead = R"({
  "Invoice": {
    "TxnDate": "2014-09-19", "domain": "QBO", "PrintStatus": "NeedToPrint",
    "SalesTermRef": {"value": "3"}, "TotalAmt": 362.07,
    "Line": [{"Description": "Rock Fountain", "DetailType": "SalesItemLineDetail",
              "SalesItemLineDetail": {"TaxCodeRef": {"value": "TAX"}, "Qty": 1, "UnitPrice": 275,
                                      "ItemRef": {"name": "Rock Fountain", "value": "5"}},
              "LineNum": 1, "Amount": 275.0, "Id": "1"},
             {"DetailType": "SubTotalLineDetail", "Amount": 335.0, "SubTotalLineDetail": {}}],
    "DueDate": "2014-10-19", "ApplyTaxAfterDiscount": false, "DocNumber": "1037", "sparse": false,
    "CustomerMemo": {"value": "Thank you for your business and have a great day!"},
    "Deposit": 0, "Balance": 362.07,
    "CustomerRef": {"name": "Sonnenschein Family Store", "value": "24"},
    "CurrencyRef": {"value": "USD", "name": "United States Dollar"},
    "TxnTaxDetail": {"TxnTaxCodeRef": {"value": "2"}, "TotalTax": 26.82},
    "SyncToken": "0", "LinkedTxn": [{"TxnId": "100", "TxnType": "Estimate"}],
    "BillEmail": {"Address": "Familiystore@intuit.com"},
    "BillAddr": {"Id": "95", "Line1": "Russ Sonnenschein", "Line2": "Sonnenschein Family Store",
                 "City": "Rock Island", "CountrySubDivisionCode": "IL", "PostalCode": "65678", "Country": "US"},
    "EmailStatus": "NotSet",
    "MetaData": {"CreateTime": "2014-09-19T13:16:17-07:00", "LastUpdatedTime": "2014-09-19T13:16:17-07:00"},
    "Id": "130"
  },
  "time": "2015-07-24T10:48:27.082-07:00"
})";

TEST(InvoiceQuickBooks, ReadResponse) {
    const auto file = read_ok(kQuickBooksRead);
    EXPECT_EQ(file.format, InvoiceFormat::quickbooks);
    const auto document = only_document(file);
    EXPECT_EQ(document.place, "Invoice");
    EXPECT_EQ(document.kind, DocumentKind::invoice);
    EXPECT_EQ(document.number, "1037");
    EXPECT_EQ(document.issue_date, date("2014-09-19"));
    EXPECT_EQ(document.due_date, date("2014-10-19"));
    EXPECT_EQ(document.amount, money(36'207, "USD"));
    EXPECT_EQ(document.open_balance, money(36'207, "USD"));
    EXPECT_EQ(document.debtor.name, "Sonnenschein Family Store");
    EXPECT_EQ(document.debtor.external_ref, "24");
    EXPECT_EQ(document.debtor.email, "Familiystore@intuit.com");
    EXPECT_EQ(document.debtor.street, "Russ Sonnenschein, Sonnenschein Family Store");
    EXPECT_EQ(document.debtor.city, "Rock Island");
    EXPECT_EQ(document.debtor.postal_code, "65678");
    EXPECT_EQ(document.debtor.country, "US");
}

// A bare entity, as some exports write it, without CurrencyRef (the company's home currency).
constexpr std::string_view kQuickBooksBare = R"({"DocNumber": "1040", "TxnDate": "2024-01-31", "TotalAmt": 80,
  "Balance": 0, "CustomerRef": {"value": "7"}, "BillAddr": {"Line1": "1 Main St", "Country": "USA"}})";

TEST(InvoiceQuickBooks, BareEntityTakesTheDefaultCurrency) {
    const auto document =
        only_document(read_ok(kQuickBooksBare, {.default_currency = Currency::from_code("CAD").value()}));
    EXPECT_EQ(document.number, "1040");
    EXPECT_FALSE(document.due_date);
    EXPECT_EQ(document.amount, money(8'000, "CAD"));
    EXPECT_EQ(document.open_balance, money(0, "CAD"));  // paid: the file says so, the pipeline decides
    EXPECT_EQ(document.debtor.name, "");
    EXPECT_EQ(document.debtor.external_ref, "7");
    EXPECT_EQ(document.debtor.country, "");  // "USA" is not an ISO 3166 alpha-2 code
}

TEST(InvoiceQuickBooks, NoCurrencyAndNoDefaultIsAProblem) {
    const auto problem = only_problem(read_ok(kQuickBooksBare));
    EXPECT_EQ(problem.code, "missing_field");
    EXPECT_EQ(problem.message, "Invoice: CurrencyRef.value is missing (and no default currency was given)");
}

// A query: SELECT * FROM Invoice, trimmed to the fields that matter. The second has a third decimal in USD,
// the third no DocNumber, the fourth a total a double cannot hold.
constexpr std::string_view kQuickBooksQuery = R"({"QueryResponse": {"Invoice": [
  {"Id": "1", "DocNumber": "1001", "TxnDate": "2024-02-01", "DueDate": "2024-03-02", "TotalAmt": 1500.5,
   "Balance": 1500.5, "CurrencyRef": {"value": "USD"}, "CustomerRef": {"name": "Amy's Bird Sanctuary", "value": "1"}},
  {"Id": "2", "DocNumber": "1002", "TxnDate": "2024-02-01", "TotalAmt": 10.125, "CurrencyRef": {"value": "USD"},
   "CustomerRef": {"name": "Bill's Windsurf Shop", "value": "2"}},
  {"Id": "3", "TxnDate": "2024-02-01", "TotalAmt": 20, "CurrencyRef": {"value": "USD"},
   "CustomerRef": {"name": "Cool Cars", "value": "3"}},
  {"Id": "4", "DocNumber": "1004", "TxnDate": "2024-02-03", "TotalAmt": 9007199254740993.01,
   "CurrencyRef": {"value": "USD"}, "CustomerRef": {"name": "Diego Rodriguez", "value": "4"}}
 ], "startPosition": 1, "maxResults": 4, "totalCount": 4}, "time": "2024-02-05T10:00:00.000-08:00"})";

TEST(InvoiceQuickBooks, QueryResponseListWithProblemRows) {
    const auto file = read_ok(kQuickBooksQuery);
    ASSERT_EQ(file.documents.size(), 2u);
    EXPECT_EQ(file.documents[0].place, "Invoice[1]");
    EXPECT_EQ(file.documents[0].amount, money(150'050, "USD"));
    EXPECT_EQ(file.documents[0].debtor.name, "Amy's Bird Sanctuary");
    EXPECT_EQ(file.documents[1].place, "Invoice[4]");
    EXPECT_EQ(file.documents[1].amount, money(900'719'925'474'099'301, "USD"));  // exact, from the digits
    ASSERT_EQ(file.problems.size(), 2u);
    EXPECT_EQ(file.problems[0].place, "Invoice[2]");
    EXPECT_EQ(file.problems[0].code, "invalid_amount");
    EXPECT_EQ(file.problems[0].message, "Invoice[2]: TotalAmt: '10.125' has more than 2 decimals");
    EXPECT_EQ(file.problems[1].place, "Invoice[3]");
    EXPECT_EQ(file.problems[1].message, "Invoice[3]: DocNumber is missing");
}

TEST(InvoiceQuickBooks, EmptyQueryResponseHasNoDocuments) {
    const auto file = read_ok(R"({"QueryResponse": {}, "time": "2024-02-05T10:00:00.000-08:00"})");
    EXPECT_EQ(file.format, InvoiceFormat::quickbooks);
    EXPECT_TRUE(file.documents.empty());
    EXPECT_TRUE(file.problems.empty());
}

TEST(InvoiceQuickBooks, ExponentAmountIsAProblemNotARounding) {
    const auto problem = only_problem(read_ok(
        R"({"Invoice": {"DocNumber": "9", "TxnDate": "2024-01-01", "TotalAmt": 1.5e2, "CurrencyRef": {"value": "USD"},
            "CustomerRef": {"value": "1"}}})"));
    EXPECT_EQ(problem.message, "Invoice: TotalAmt: '1.5e2' has an exponent");
}

// The Xero Invoices endpoint, with its envelope. Dates in Xero's /Date(ms+zone)/ form and, on the second,
// ISO.
constexpr std::string_view kXero = R"({
  "Id": "e0b3c2a5-36c6-4f50-8b4c-1e2f3a4b5c6d", "Status": "OK", "ProviderName": "microfactor test",
  "DateTimeUTC": "/Date(1518685950940)/",
  "Invoices": [
    {"Type": "ACCREC", "InvoiceID": "243216c5-369e-4056-ac67-05388f86dc81", "InvoiceNumber": "INV-0001",
     "Reference": "PO 1234", "Payments": [], "CreditNotes": [], "Prepayments": [], "Overpayments": [],
     "AmountDue": 115.00, "AmountPaid": 0.00, "AmountCredited": 0.00, "IsDiscounted": false,
     "HasAttachments": false, "HasErrors": false,
     "Contact": {"ContactID": "025867f1-d741-4d6b-b1af-9ac774b59ba7", "Name": "City Agency",
                 "EmailAddress": "accounts@cityagency.example", "TaxNumber": "12-345-678", "Addresses": [],
                 "Phones": [], "ContactGroups": [], "ContactPersons": [], "HasValidationErrors": false},
     "DateString": "2018-02-15T00:00:00", "Date": "/Date(1518652800000+0000)/",
     "DueDateString": "2018-03-17T00:00:00", "DueDate": "/Date(1521244800000+0000)/",
     "Status": "AUTHORISED", "LineAmountTypes": "Exclusive", "LineItems": [],
     "SubTotal": 100.00, "TotalTax": 15.00, "Total": 115.00,
     "UpdatedDateUTC": "/Date(1518685950940+0000)/", "CurrencyCode": "NZD"},
    {"Type": "ACCREC", "InvoiceNumber": "INV-0002", "Contact": {"ContactID": "c2", "Name": "Marine Systems"},
     "Date": "2018-02-20T00:00:00", "DueDate": "2018-02-28T00:00:00", "Status": "PAID", "Total": 40.5,
     "AmountDue": 0, "CurrencyCode": "NZD"},
    {"Type": "ACCPAY", "InvoiceNumber": "BILL-9", "Contact": {"Name": "Office Supplies Ltd"},
     "Date": "/Date(1518652800000+0000)/", "Status": "AUTHORISED", "Total": 20, "CurrencyCode": "NZD"},
    {"Type": "ACCREC", "InvoiceNumber": "INV-0003", "Contact": {"Name": "Bayside Club"},
     "Date": "/Date(1518652800000+0000)/", "Status": "VOIDED", "Total": 60, "CurrencyCode": "NZD"},
    {"Type": "ACCREC", "InvoiceNumber": "INV-0004", "Contact": {"Name": "Bayside Club"},
     "Date": "/Date(1518652800000+0000)/", "Status": "DRAFT", "Total": 60, "CurrencyCode": "NZD"},
    {"Type": "ACCREC", "InvoiceNumber": "INV-0005", "Contact": {"Name": "Ridgeway University"},
     "Date": "/Date(1518652800000-0100)/", "Status": "AUTHORISED", "Total": 75.25},
    {"Type": "ACCREC", "Contact": {"Name": "Ridgeway University"}, "Date": "/Date(yesterday)/",
     "Status": "AUTHORISED", "CurrencyCode": "NZD"}
  ]
})";

TEST(InvoiceXero, SalesInvoicesAreDocumentsAndEveryOtherRowIsAccountedFor) {
    const auto file = read_ok(kXero);
    EXPECT_EQ(file.format, InvoiceFormat::xero);
    ASSERT_EQ(file.documents.size(), 2u);
    const auto& first = file.documents[0];
    EXPECT_EQ(first.place, "Invoices[1]");
    EXPECT_EQ(first.kind, DocumentKind::invoice);
    EXPECT_EQ(first.number, "INV-0001");
    EXPECT_EQ(first.issue_date, date("2018-02-15"));
    EXPECT_EQ(first.due_date, date("2018-03-17"));
    EXPECT_EQ(first.amount, money(11'500, "NZD"));
    EXPECT_EQ(first.open_balance, money(11'500, "NZD"));
    EXPECT_EQ(first.po_number, "PO 1234");
    EXPECT_EQ(first.debtor.name, "City Agency");
    EXPECT_EQ(first.debtor.external_ref, "025867f1-d741-4d6b-b1af-9ac774b59ba7");
    EXPECT_EQ(first.debtor.email, "accounts@cityagency.example");
    EXPECT_EQ(first.debtor.tax_id, "12-345-678");
    const auto& second = file.documents[1];
    EXPECT_EQ(second.issue_date, date("2018-02-20"));
    EXPECT_EQ(second.due_date, date("2018-02-28"));
    EXPECT_EQ(second.amount, money(4'050, "NZD"));
    EXPECT_EQ(second.open_balance, money(0, "NZD"));

    std::vector<std::pair<std::string, std::string>> problems;
    for (const auto& problem : file.problems)
        problems.emplace_back(problem.place, problem.code);
    const std::vector<std::pair<std::string, std::string>> expected = {{"Invoices[3]", "not_a_sales_invoice"},
                                                                       {"Invoices[4]", "invalid_status"},
                                                                       {"Invoices[5]", "invalid_status"},
                                                                       {"Invoices[6]", "missing_field"},
                                                                       {"Invoices[7]", "missing_field"}};
    EXPECT_EQ(problems, expected);
    EXPECT_EQ(file.problems[0].message,
              "Invoices[3]: Type ACCPAY is a supplier's bill (accounts payable), not a sales invoice");
    EXPECT_EQ(file.problems[1].message, "Invoices[4]: Status VOIDED: cancelled, nothing is owed on it");
    EXPECT_EQ(file.problems[2].message, "Invoices[5]: Status DRAFT: not yet issued to the customer");
    EXPECT_EQ(file.problems[4].message,
              "Invoices[7]: InvoiceNumber is missing; Date: '/Date(yesterday)/' is not a date in "
              "/Date(milliseconds+hhmm)/ form; Total is missing");
}

TEST(InvoiceXero, DateOffsetAndDefaultCurrency) {
    // 2018-02-15T00:00Z at -01:00 is still 2018-02-14 where it was written.
    const auto file = read_ok(kXero, {.default_currency = Currency::from_code("NZD").value()});
    ASSERT_EQ(file.documents.size(), 3u);
    EXPECT_EQ(file.documents[2].number, "INV-0005");
    EXPECT_EQ(file.documents[2].issue_date, date("2018-02-14"));
    EXPECT_EQ(file.documents[2].amount, money(7'525, "NZD"));
}

TEST(InvoiceXero, CreditNotesNameTheInvoicesTheyAreAllocatedTo) {
    const auto document = only_document(read_ok(R"({"CreditNotes": [
      {"Type": "ACCRECCREDIT", "CreditNoteID": "aea95d78-ea48-456b-9b08-6bc012600072", "CreditNoteNumber": "CN-0002",
       "Contact": {"ContactID": "c1", "Name": "City Agency"}, "Date": "/Date(1520035200000+0000)/",
       "Status": "AUTHORISED", "Total": 23.00, "RemainingCredit": 0.00, "CurrencyCode": "NZD",
       "Allocations": [{"Amount": 23.00, "Date": "/Date(1520035200000+0000)/",
                        "Invoice": {"InvoiceID": "243216c5-369e-4056-ac67-05388f86dc81", "InvoiceNumber": "INV-0001"}}]}
    ]})"));
    EXPECT_EQ(document.place, "CreditNotes[1]");
    EXPECT_EQ(document.kind, DocumentKind::credit_note);
    EXPECT_EQ(document.number, "CN-0002");
    EXPECT_EQ(document.issue_date, date("2018-03-03"));
    EXPECT_EQ(document.amount, money(2'300, "NZD"));
    EXPECT_EQ(document.open_balance, money(0, "NZD"));
    EXPECT_EQ(document.referenced_invoices, std::vector<std::string>{"INV-0001"});
}

TEST(InvoiceXero, MalformedDates) {
    for (std::string_view text : {"/Date(1518652800000+00)/", "/Date(1518652800000", "/Date()/",
                                  "/Date(99999999999999999999)/", "/Date(12622780800000000)/",
                                  "/Date(-2209075200000)/", "/Date(1518652800000+0000)/x", "15/02/2018"}) {
        const auto json = R"({"Invoices": [{"Type": "ACCREC", "InvoiceNumber": "I", "Contact": {"Name": "N"},
            "Status": "AUTHORISED", "Total": 1, "CurrencyCode": "NZD", "Date": ")" +
                          std::string(text) + "\"}]}";
        const auto problem = only_problem(read_ok(json));
        EXPECT_EQ(problem.code, "invalid_date") << text << ": " << problem.message;
    }
}

}  // namespace
}  // namespace mf::formats::test
