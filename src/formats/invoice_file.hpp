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

// Where a file's documents go as they are read, one at a time and in file order: a document that is readable
// and usable, or the one RowProblem of a document that is not. A reader never holds the documents it has
// handed over, so a sink that keeps only what it needs reads a million-row file in little memory.
class InvoiceSink {
  public:
    virtual ~InvoiceSink() = default;
    virtual void document(InvoiceDocument&& document) = 0;
    virtual void problem(RowProblem&& problem) = 0;
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

// The same reading, each document and problem handed to `sink` as it is read; returns the file's format. A
// whole-file error found partway (a CSV line that cannot be read) fails the call after the rows before it
// were handed over: the sink's owner drops what it was given. Nothing is handed over before the format is
// known and checked against `format`.
Result<InvoiceFormat> read_invoice_file(std::string_view bytes, InvoiceSink& sink,
                                        std::optional<InvoiceFormat> format = std::nullopt,
                                        const InvoiceReadOptions& options = {});

}  // namespace mf::formats
