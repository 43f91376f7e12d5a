// Internal to the invoice readers (invoice_*.cpp): what every format shares when it turns one document into
// an InvoiceDocument or into problems. Not for other layers: read_invoice_file (invoice_file.hpp) is the API.
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "formats/invoice_file.hpp"
#include "formats/records.hpp"

namespace mf::formats::invoice {

std::string_view trim(std::string_view text);  // spaces, tabs, CR and LF at both ends
// "first, second", or the one that is not empty (address lines).
std::string join_nonempty(std::string_view first, std::string_view second);

// The problems of one document while it is read. The document joins the file only when none was found;
// otherwise the file gets one RowProblem for it (one per row, as intake reports rows) whose code is the first
// problem's and whose message names them all, so a person sees every problem of a row at once.
class DocumentCheck {
  public:
    explicit DocumentCheck(Place place) : place_(std::move(place)) {}

    void fail(std::string code, std::string_view message);  // message without the place
    void fail(const Error& error) { fail(error.code, error.message); }
    // The value of `result`, or nothing and a problem.
    template <class T>
    std::optional<T> take(Result<T> result) {
        if (result)
            return std::move(result).value();
        fail(result.error());
        return std::nullopt;
    }
    // Hands the document (when clean) or its one RowProblem to `sink`. A due date before the issue date is a
    // problem.
    void finish(InvoiceSink& sink, InvoiceDocument document);

  private:
    bool clean() const { return codes_.empty(); }

    Place place_;
    std::vector<std::string> codes_;
    std::vector<std::string> messages_;  // without the place
};

// A required text: trimmed, or the missing_field problem naming `field`.
std::optional<std::string> required_text(DocumentCheck& check, std::string_view text, std::string_view field);

// A currency code (trimmed, any case); an empty code takes options.default_currency, else missing_field.
std::optional<Currency> read_currency(DocumentCheck& check, std::string_view code, std::string_view field,
                                      const InvoiceReadOptions& options);

// A decimal amount in `currency`. Trailing zeros past the currency's decimals are the same value and are
// accepted ("100.000" EUR); any other extra decimal is a problem, never rounded away.
std::optional<Money> read_amount(DocumentCheck& check, std::string_view text, Currency currency,
                                 std::string_view field);

// An invoice to buy must be positive. A credit note reduces an invoice by its amount: it must not be zero,
// and a negative one (some systems sign them) is taken as its magnitude.
void check_document_amount(DocumentCheck& check, DocumentKind kind, Money& amount, std::string_view field);

// A YYYY-MM-DD date, or a problem. An ISO date-time ("2018-02-15T00:00:00") is read as its date.
std::optional<Date> read_iso_date(DocumentCheck& check, std::string_view text, std::string_view field);
std::optional<Date> read_optional_iso_date(DocumentCheck& check, std::string_view text,
                                           std::string_view field);

// "SE" stays; anything but two ASCII letters (QuickBooks' free-text "USA") is not an ISO 3166 code: empty.
std::string country_code(std::string_view text);

Error file_error(std::string code, std::string message);  // a whole-file error, field "file"

}  // namespace mf::formats::invoice
