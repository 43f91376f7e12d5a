// Internal to the invoice readers: one reader per format, each adding the documents and problems of an
// already-parsed file to an InvoiceFile. read_invoice_file (invoice_file.hpp) chooses and calls them.
// Thread-safety: functions of their arguments.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>
#include <pugixml.hpp>

#include "core/error.hpp"
#include "formats/csv.hpp"
#include "formats/invoice_file.hpp"
#include "formats/records.hpp"

namespace mf::formats::invoice {

inline constexpr std::string_view kUblInvoiceNamespace =
    "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
inline constexpr std::string_view kUblCreditNoteNamespace =
    "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
inline constexpr std::string_view kCiiNamespace =
    "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";

// The XML format of a root element (UBL Invoice/CreditNote, CII CrossIndustryInvoice), by namespace URI.
std::optional<InvoiceFormat> xml_format(pugi::xml_node root);
void read_ubl(pugi::xml_node root, const InvoiceReadOptions& options, InvoiceFile& file);
void read_cii(pugi::xml_node root, const InvoiceReadOptions& options, InvoiceFile& file);

// JSON read by read_json_keeping_numbers (invoice_json.hpp): numbers are strings of their source text.
std::optional<InvoiceFormat> json_format(const boost::json::value& root);
Status read_quickbooks(const boost::json::value& root, const InvoiceReadOptions& options, InvoiceFile& file);
Status read_xero(const boost::json::value& root, const InvoiceReadOptions& options, InvoiceFile& file);

// The required invoice columns the header lacks (none: an invoice CSV).
std::vector<std::string_view> missing_invoice_columns(const CsvTable& table);
// Fails when the header lacks a required column; each data row is a document or problems.
// Each row's cells are released as soon as the row is a document, so a million-row file is not held twice.
Status read_invoice_csv(CsvTable& table, const InvoiceReadOptions& options, InvoiceFile& file);

}  // namespace mf::formats::invoice
