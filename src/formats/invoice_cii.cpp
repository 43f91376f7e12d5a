// UN/CEFACT Cross Industry Invoice (Factur-X / ZUGFeRD XML, EN 16931) to an InvoiceDocument. Elements are
// found by namespace URI (rsm, ram, udt), so any prefix the sender chose reads the same.
#include <fmt/format.h>

#include "formats/invoice_read.hpp"
#include "formats/invoice_readers.hpp"
#include "formats/invoice_xml.hpp"

namespace mf::formats::invoice {

namespace {

constexpr std::string_view kRam =
    "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
constexpr std::string_view kUdt = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";

XmlStep rsm(std::string_view local) {
    return {kCiiNamespace, local};
}
XmlStep ram(std::string_view local) {
    return {kRam, local};
}

// The VAT registration (scheme "VA") before a local tax number (scheme "FC").
std::string tax_id_of(pugi::xml_node party) {
    std::string first;
    for (auto registration : children(party, ram("SpecifiedTaxRegistration"))) {
        const auto id = child(registration, ram("ID"));
        if (attribute_of(id, "schemeID") == "VA")
            return std::string(text_of(id));
        if (first.empty())
            first = text_of(id);
    }
    return first;
}

// A ram:*TradeParty. The legal organisation's id is the registration id; a global id (GLN, scheme 0088)
// stands in when there is none. ram:ID is the seller's own number for the party.
PartyIdentity party_of(pugi::xml_node party) {
    PartyIdentity identity;
    identity.name = text_of(child(party, ram("Name")));
    identity.external_ref = text_of(child(party, ram("ID")));
    identity.registration_id = text_of(descend(party, {ram("SpecifiedLegalOrganization"), ram("ID")}));
    if (identity.registration_id.empty())
        identity.registration_id = text_of(child(party, ram("GlobalID")));
    identity.tax_id = tax_id_of(party);
    identity.endpoint_id = scheme_value(descend(party, {ram("URIUniversalCommunication"), ram("URIID")}));
    identity.email = text_of(
        descend(party, {ram("DefinedTradeContact"), ram("EmailURIUniversalCommunication"), ram("URIID")}));
    const auto address = child(party, ram("PostalTradeAddress"));
    identity.street =
        join_nonempty(text_of(child(address, ram("LineOne"))), text_of(child(address, ram("LineTwo"))));
    identity.city = text_of(child(address, ram("CityName")));
    identity.postal_code = text_of(child(address, ram("PostcodeCode")));
    identity.country = country_code(text_of(child(address, ram("CountryID"))));
    return identity;
}

// A udt:DateTimeString in format 102 (YYYYMMDD), the only one EN 16931 allows for these dates.
std::optional<Date> read_date_102(DocumentCheck& check, pugi::xml_node holder, std::string_view field) {
    const auto element = child(holder, {kUdt, "DateTimeString"});
    const auto text = text_of(element);
    if (text.empty()) {
        check.fail("missing_field", fmt::format("{} is missing", field));
        return std::nullopt;
    }
    const auto format = attribute_of(element, "format");
    const bool digits = text.size() == 8 && text.find_first_not_of("0123456789") == std::string_view::npos;
    if ((!format.empty() && format != "102") || !digits) {
        check.fail("invalid_date",
                   fmt::format("{}: '{}' (format '{}') is not a date in format 102 (YYYYMMDD)", field, text,
                               format));
        return std::nullopt;
    }
    const auto number = [&](size_t at, size_t size) {
        unsigned value = 0;
        for (char c : text.substr(at, size))
            value = value * 10 + static_cast<unsigned>(c - '0');
        return value;
    };
    return check.take(Date::from_ymd(static_cast<int>(number(0, 4)), number(4, 2), number(6, 2)));
}

DocumentKind kind_of(std::string_view type_code) {
    return type_code == "381" || type_code == "396" ? DocumentKind::credit_note : DocumentKind::invoice;
}

void read_payable(DocumentCheck& check, pugi::xml_node settlement, Currency currency,
                  InvoiceDocument& document) {
    constexpr std::string_view kField =
        "ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:DuePayableAmount";
    const auto payable = descend(
        settlement, {ram("SpecifiedTradeSettlementHeaderMonetarySummation"), ram("DuePayableAmount")});
    const auto stated = attribute_of(payable, "currencyID");
    if (!stated.empty() && stated != currency.code()) {
        check.fail("currency_mismatch",
                   fmt::format("{} is in {}, the invoice currency is {}", kField, stated, currency.code()));
        return;
    }
    if (auto amount = read_amount(check, text_of(payable), currency, kField)) {
        check_document_amount(check, document.kind, *amount, kField);
        document.amount = *amount;
    }
}

void read_settlement(DocumentCheck& check, pugi::xml_node settlement, const InvoiceReadOptions& options,
                     InvoiceDocument& document) {
    const auto currency_code = text_of(child(settlement, ram("InvoiceCurrencyCode")));
    if (auto currency = read_currency(check, currency_code, "ram:InvoiceCurrencyCode", options))
        read_payable(check, settlement, *currency, document);
    for (auto terms : children(settlement, ram("SpecifiedTradePaymentTerms"))) {
        if (auto due = child(terms, ram("DueDateDateTime"))) {
            document.due_date =
                read_date_102(check, due, "ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime");
            break;
        }
    }
    if (auto payee = child(settlement, ram("PayeeTradeParty")))
        document.payee = std::make_shared<const PartyIdentity>(party_of(payee));
    document.payment_reference = text_of(child(settlement, ram("PaymentReference")));
    for (auto reference : children(settlement, ram("InvoiceReferencedDocument"))) {
        const auto number = text_of(child(reference, ram("IssuerAssignedID")));
        if (!number.empty())
            document.referenced_invoices.emplace_back(number);
    }
}

}  // namespace

void read_cii(pugi::xml_node root, const InvoiceReadOptions& options, InvoiceSink& sink) {
    DocumentCheck check("CrossIndustryInvoice");
    InvoiceDocument document;
    const auto header = child(root, rsm("ExchangedDocument"));
    document.kind = kind_of(text_of(child(header, ram("TypeCode"))));
    if (auto number = required_text(check, text_of(child(header, ram("ID"))), "rsm:ExchangedDocument/ram:ID"))
        document.number = *number;
    if (auto issued = read_date_102(check, child(header, ram("IssueDateTime")),
                                    "rsm:ExchangedDocument/ram:IssueDateTime"))
        document.issue_date = *issued;
    const auto transaction = child(root, rsm("SupplyChainTradeTransaction"));
    const auto agreement = child(transaction, ram("ApplicableHeaderTradeAgreement"));
    document.seller = party_of(child(agreement, ram("SellerTradeParty")));
    document.debtor = party_of(child(agreement, ram("BuyerTradeParty")));
    document.po_number =
        text_of(descend(agreement, {ram("BuyerOrderReferencedDocument"), ram("IssuerAssignedID")}));
    read_settlement(check, child(transaction, ram("ApplicableHeaderTradeSettlement")), options, document);
    check.finish(sink, std::move(document));
}

}  // namespace mf::formats::invoice
