#include "formats/records.hpp"

namespace mf::formats {

std::string_view to_string(InvoiceFormat format) {
    switch (format) {
        case InvoiceFormat::csv:
            return "csv";
        case InvoiceFormat::ubl:
            return "ubl";
        case InvoiceFormat::cii:
            return "cii";
        case InvoiceFormat::quickbooks:
            return "quickbooks";
        case InvoiceFormat::xero:
            return "xero";
    }
    return "csv";
}

std::string_view to_string(DocumentKind kind) {
    return kind == DocumentKind::credit_note ? "credit_note" : "invoice";
}

std::string_view to_string(BankFormat format) {
    switch (format) {
        case BankFormat::camt053:
            return "camt053";
        case BankFormat::camt054:
            return "camt054";
        case BankFormat::bai2:
            return "bai2";
        case BankFormat::lockbox_csv:
            return "lockbox_csv";
    }
    return "camt053";
}

}  // namespace mf::formats
