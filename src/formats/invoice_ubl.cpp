// UBL 2.1 / PEPPOL BIS Billing 3.0 Invoice and CreditNote to an InvoiceDocument. Elements are found by
// namespace URI (cac, cbc), so any prefix the sender chose reads the same.
#include <fmt/format.h>

#include "formats/invoice_read.hpp"
#include "formats/invoice_readers.hpp"
#include "formats/invoice_xml.hpp"

namespace mf::formats::invoice {

namespace {

constexpr std::string_view kCac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
constexpr std::string_view kCbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

XmlStep cac(std::string_view local) {
    return {kCac, local};
}
XmlStep cbc(std::string_view local) {
    return {kCbc, local};
}

// The VAT registration when the party names several tax schemes (Swedish invoices add "F-skatt").
std::string tax_id_of(pugi::xml_node party) {
    std::string first;
    for (auto scheme : children(party, cac("PartyTaxScheme"))) {
        const auto id = text_of(child(scheme, cbc("CompanyID")));
        if (text_of(descend(scheme, {cac("TaxScheme"), cbc("ID")})) == "VAT")
            return std::string(id);
        if (first.empty())
            first = id;
    }
    return first;
}

// A cac:Party (or cac:PayeeParty, which has the same content).
PartyIdentity party_of(pugi::xml_node party) {
    PartyIdentity identity;
    const auto legal = child(party, cac("PartyLegalEntity"));
    identity.name = text_of(child(legal, cbc("RegistrationName")));
    if (identity.name.empty())
        identity.name = text_of(descend(party, {cac("PartyName"), cbc("Name")}));
    identity.registration_id = text_of(child(legal, cbc("CompanyID")));
    identity.tax_id = tax_id_of(party);
    identity.endpoint_id = scheme_value(child(party, cbc("EndpointID")));
    identity.email = text_of(descend(party, {cac("Contact"), cbc("ElectronicMail")}));
    identity.external_ref = text_of(descend(party, {cac("PartyIdentification"), cbc("ID")}));
    const auto address = child(party, cac("PostalAddress"));
    identity.street = join_nonempty(text_of(child(address, cbc("StreetName"))),
                                    text_of(child(address, cbc("AdditionalStreetName"))));
    identity.city = text_of(child(address, cbc("CityName")));
    identity.postal_code = text_of(child(address, cbc("PostalZone")));
    identity.country = country_code(text_of(descend(address, {cac("Country"), cbc("IdentificationCode")})));
    return identity;
}

DocumentKind kind_of(pugi::xml_node root) {
    if (xml_name(root).local == "CreditNote")
        return DocumentKind::credit_note;
    // EN 16931 lets an Invoice carry a credit note's type code (381; 396 a factored credit note).
    const auto code = text_of(child(root, cbc("InvoiceTypeCode")));
    return code == "381" || code == "396" ? DocumentKind::credit_note : DocumentKind::invoice;
}

// cbc:DueDate (Invoice), else the payment terms' or (UBL 2.0 and PEPPOL BIS 2 files) the payment means' due
// date. Free-text terms ("30 days net") are not read: such an invoice has no due date here.
std::optional<Date> due_date_of(DocumentCheck& check, pugi::xml_node root) {
    if (auto due = child(root, cbc("DueDate")))
        return read_iso_date(check, text_of(due), "cbc:DueDate");
    for (auto terms : children(root, cac("PaymentTerms"))) {
        if (auto due = child(terms, cbc("PaymentDueDate")))
            return read_iso_date(check, text_of(due), "cac:PaymentTerms/cbc:PaymentDueDate");
    }
    for (auto means : children(root, cac("PaymentMeans"))) {
        if (auto due = child(means, cbc("PaymentDueDate")))
            return read_iso_date(check, text_of(due), "cac:PaymentMeans/cbc:PaymentDueDate");
    }
    return std::nullopt;
}

void read_payable(DocumentCheck& check, pugi::xml_node root, Currency currency, InvoiceDocument& document) {
    constexpr std::string_view kField = "cac:LegalMonetaryTotal/cbc:PayableAmount";
    const auto payable = descend(root, {cac("LegalMonetaryTotal"), cbc("PayableAmount")});
    const auto stated = attribute_of(payable, "currencyID");
    if (payable && !stated.empty() && stated != currency.code()) {
        check.fail("currency_mismatch",
                   fmt::format("{} is in {}, the document currency is {}", kField, stated, currency.code()));
        return;
    }
    if (auto amount = read_amount(check, text_of(payable), currency, kField)) {
        check_document_amount(check, document.kind, *amount, kField);
        document.amount = *amount;
    }
}

}  // namespace

void read_ubl(pugi::xml_node root, const InvoiceReadOptions& options, InvoiceSink& sink) {
    DocumentCheck check(std::string(xml_name(root).local));
    InvoiceDocument document;
    document.kind = kind_of(root);
    if (auto number = required_text(check, text_of(child(root, cbc("ID"))), "cbc:ID"))
        document.number = *number;
    if (auto issued = read_iso_date(check, text_of(child(root, cbc("IssueDate"))), "cbc:IssueDate"))
        document.issue_date = *issued;
    document.due_date = due_date_of(check, root);
    const auto currency_code = text_of(child(root, cbc("DocumentCurrencyCode")));
    if (auto currency = read_currency(check, currency_code, "cbc:DocumentCurrencyCode", options))
        read_payable(check, root, *currency, document);
    document.seller = party_of(descend(root, {cac("AccountingSupplierParty"), cac("Party")}));
    document.debtor = party_of(descend(root, {cac("AccountingCustomerParty"), cac("Party")}));
    if (auto payee = child(root, cac("PayeeParty")))
        document.payee = std::make_shared<const PartyIdentity>(party_of(payee));
    document.po_number = text_of(descend(root, {cac("OrderReference"), cbc("ID")}));
    document.payment_reference = text_of(descend(root, {cac("PaymentMeans"), cbc("PaymentID")}));
    for (auto reference : children(root, cac("BillingReference"))) {
        const auto number = text_of(descend(reference, {cac("InvoiceDocumentReference"), cbc("ID")}));
        if (!number.empty())
            document.referenced_invoices.emplace_back(number);
    }
    check.finish(sink, std::move(document));
}

}  // namespace mf::formats::invoice
