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
void read_ubl(pugi::xml_node root, const InvoiceReadOptions& options, InvoiceSink& sink);
void read_cii(pugi::xml_node root, const InvoiceReadOptions& options, InvoiceSink& sink);

// JSON read by read_json_keeping_numbers (invoice_json.hpp): numbers are strings of their source text.
std::optional<InvoiceFormat> json_format(const boost::json::value& root);
Status read_quickbooks(const boost::json::value& root, const InvoiceReadOptions& options, InvoiceSink& sink);
Status read_xero(const boost::json::value& root, const InvoiceReadOptions& options, InvoiceSink& sink);

// Whether a CSV header names any column of the invoice CSV (by FORMATS.md's name or another the reader
// knows): a file that does is read as one, and told what it lacks.
bool names_an_invoice_column(const CsvReader& csv);
// Fails when the header lacks a required column or a row cannot be read; each data row is handed to the
// sink as it is read, a document or its problems.
Status read_invoice_csv(CsvReader& csv, const InvoiceReadOptions& options, InvoiceSink& sink);

}  // namespace mf::formats::invoice
