// Reads a client's invoice file (CSV, UBL 2.1 / PEPPOL, UN/CEFACT CII, QuickBooks Online JSON, Xero JSON)
// into InvoiceFile records, detecting the format from the bytes. Pure functions of their input; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "core/error.hpp"
#include "core/money.hpp"
#include "formats/records.hpp"

namespace mf::formats {

inline constexpr std::size_t kInvoiceFileSizeBytesMax = 50u * 1024u * 1024u;

struct InvoiceReadOptions {
    // The currency of documents whose file names none: a QuickBooks invoice without CurrencyRef (the
    // company's home currency), a Xero invoice without CurrencyCode, a CSV row with an empty currency cell.
    // Without it such a document is a problem (missing_field).
    std::optional<Currency> default_currency;
    std::size_t size_bytes_max = kInvoiceFileSizeBytesMax;
};

// The format of a file, from its bytes: an XML root element (by namespace URI: UBL Invoice-2 / CreditNote-2,
// CII CrossIndustryInvoice:100), a JSON shape (Xero {"Invoices": [...]} or {"CreditNotes": [...]};
// QuickBooks {"QueryResponse": {"Invoice": [...]}}, {"Invoice": {...}} or a bare Invoice entity), else a CSV
// whose header has the invoice columns. Fails when the file is none of these (whole-file error).
Result<InvoiceFormat> detect_invoice_format(std::string_view bytes, const InvoiceReadOptions& options = {});

// Reads every document of the file. A whole-file error (too large, empty, invalid UTF-8, not XML or JSON, a
// DOCTYPE, wrong root element, no invoice header, a format other than the one asked for) fails the call. A
// document that is readable but unusable (missing number, bad amount or date, unknown currency, zero amount,
// a bill or a voided invoice) is left out and gets one RowProblem in InvoiceFile::problems, naming all that
// is wrong with it; the others are read.
Result<InvoiceFile> read_invoice_file(std::string_view bytes,
                                      std::optional<InvoiceFormat> format = std::nullopt,
                                      const InvoiceReadOptions& options = {});

}  // namespace mf::formats
