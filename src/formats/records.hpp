// The records that external files are read into and written from. formats/ turns bytes into these and back;
// it never touches the store. book/ takes them from here (intake, bank statements, payout files).
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"

namespace mf::formats {

// Where in a file a record or a problem sits, for people: "line 7", "row 3",
// "Invoice/cac:LegalMonetaryTotal", "Stmt[2]/Ntry[5]". Messages that name a problem always start with it.
using Place = std::string;

// A party as a file names it. Empty strings are "not given".
struct PartyIdentity {
    std::string name;
    std::string registration_id;  // company/legal registration id (UBL PartyLegalEntity/CompanyID, CII ID)
    std::string tax_id;           // VAT id, EIN (UBL PartyTaxScheme/CompanyID, CII SpecifiedTaxRegistration)
    std::string endpoint_id;      // electronic address, "scheme:value" (PEPPOL EndpointID@schemeID)
    std::string email;
    std::string external_ref;  // the sender's own id: CSV debtor_ref, QBO CustomerRef.value, Xero ContactID
    std::string street;
    std::string city;
    std::string postal_code;
    std::string country;  // ISO 3166 alpha-2 when the file gives one
};

// ---- invoices in
// --------------------------------------------------------------------------------------------

enum class InvoiceFormat { csv, ubl, cii, quickbooks, xero };
enum class DocumentKind { invoice, credit_note };

// One invoice (or credit note) read from a client's file, before any matching against the book.
struct InvoiceDocument {
    Place place;
    DocumentKind kind = DocumentKind::invoice;
    std::string number;
    Date issue_date;
    std::optional<Date> due_date;  // absent when the file gives no due date and no terms to derive one
    Money amount;                  // what the debtor owes on it (payable / total), in the document currency
    std::optional<Money>
        open_balance;  // QuickBooks Balance, Xero AmountDue: what is still unpaid per the file
    std::string po_number;
    PartyIdentity seller;  // the client, as the file names it
    PartyIdentity debtor;  // the customer who owes the money
    // UBL PayeeParty / CII PayeeTradeParty: someone other than the seller is to be paid (a factor named here
    // means the invoice is already assigned).
    // Held by pointer: few files name a payee, and a million-row file's documents should not carry room for
    // a third party each.
    std::shared_ptr<const PartyIdentity> payee;
    std::string payment_reference;  // remittance reference the invoice asks for (UBL PaymentID, CII)
    std::vector<std::string> referenced_invoices;  // credit note: the invoice numbers it reduces
};

// A row that could not be read into a document; the rest of the file may still be good.
struct RowProblem {
    Place place;
    std::string code;     // stable code, e.g. "invalid_amount", "missing_field"
    std::string message;  // starts with the place: "row 3: amount \"12,5\" is not a decimal number"
};

struct InvoiceFile {
    InvoiceFormat format = InvoiceFormat::csv;
    std::vector<InvoiceDocument> documents;
    std::vector<RowProblem> problems;  // rows that were read but are not usable
};

// ---- money in (bank files)
// ----------------------------------------------------------------------------------

enum class BankFormat { camt053, camt054, bai2, lockbox_csv };

// One credit to the factor's account, as the bank reports it. Debits and reversals are not credits.
struct BankCredit {
    Place place;
    std::string account;         // our account the credit landed on (IBAN, or BAI2/lockbox account number)
    std::string bank_reference;  // the bank's own id for it (AcctSvcrRef, BAI2 bank reference, lockbox ref)
    Date booking_date;
    std::optional<Date> value_date;
    Money amount;
    std::string payer_name;
    std::string payer_account;       // IBAN or account number of the payer, when given
    std::string remittance;          // unstructured remittance text (Ustrd lines joined by ' ', BAI2 88 text)
    std::string creditor_reference;  // structured reference (Strd/CdtrRefInf/Ref, RF creditor reference)
    std::string end_to_end_id;
    std::string type_code;  // BAI2 type code or camt bank transaction code, for people
};

struct BankFile {
    BankFormat format = BankFormat::camt053;
    std::string message_id;  // GrpHdr/MsgId, BAI2 file id: names the file in receipts' source
    std::vector<BankCredit> credits;
    int64_t debits_skipped = 0;     // debit entries, not ours to book
    int64_t reversals_skipped = 0;  // RvslInd entries and BAI2 reversal codes
    int64_t pending_skipped = 0;    // entries not yet booked (Sts PDNG/INFO)
};

// ---- money out (payout files)
// -------------------------------------------------------------------------------

// One credit transfer to a client (an advance or a rebate).
struct PayoutOrder {
    std::string id;  // our payout id, e.g. "pay_12": end-to-end id and ACH trace detail
    std::string payee_name;
    std::string payee_id;        // client id as text, e.g. "cli_3" (ACH individual id)
    std::string routing_number;  // ABA, 9 digits with check digit (ACH)
    std::string account_number;  // ACH DFI account number
    bool savings = false;        // ACH account type: checking (22) or savings (32)
    std::string iban;            // SEPA
    std::string bic;             // SEPA, optional
    Money amount;
    Date execution_date;
    std::string remittance;  // free text to the payee ("advance schedule sch_4")
    // ACH company entry description shown on the payee's statement ("ADVANCE", "REBATE"; 10 characters);
    // empty: the file's default. Advances and rebates go in separate batches of one NACHA file.
    std::string entry_description;
};

// The factor as the originator of payout files.
struct Originator {
    std::string name;                  // company name
    std::string ach_company_id;        // 10 characters, usually "1" + EIN
    std::string ach_immediate_origin;  // routing number or 10-character origin
    std::string ach_origin_name;
    std::string ach_odfi_routing;  // originating bank routing (9 digits)
    std::string ach_destination;   // immediate destination routing
    std::string ach_destination_name;
    std::string iban;  // SEPA debtor account
    std::string bic;
};

std::string_view to_string(InvoiceFormat format);  // "csv", "ubl", "cii", "quickbooks", "xero"
std::string_view to_string(DocumentKind kind);     // "invoice", "credit_note"
std::string_view to_string(BankFormat format);     // "camt053", "camt054", "bai2", "lockbox_csv"

}  // namespace mf::formats
