// The figures of an invoice that close-day and verify compute with (fees to date, outstanding face, required
// reserve, aging, recourse), read without the rest of the row: no number, reasons or verification strings, no
// schedule, payment or closing date, no version. Shared by the SQLite and PostgreSQL stores. Thread-safety:
// functions of their arguments.
#pragma once

#include "store/fee_text_memo.hpp"
#include "store/record_codec.hpp"

namespace mf::codec {

// In this order; the scan's WHERE and ORDER BY follow (store/invoice_scan.hpp).
#define MF_INVOICE_FIGURE_COLUMNS                                                                         \
    "id, client_id, debtor_id, currency, face_minor, issue_date, due_date, state, disputed, "             \
    "advance_rate_ppm, fee_schedule, clearance_days, recourse, recourse_days, funded_on, advance_minor, " \
    "collected_minor, diluted_minor, charged_back_minor, written_off_minor, misdirected_minor, "          \
    "outstanding_minor, fee_settled_minor"

// Fills the figure fields of `invoice` from the row (the others keep whatever they held: the scan reuses one
// Invoice, whose other fields stay empty).
template <class Statement>
Status read_invoice_figures(Statement& row, FeeTextMemo& fee_text, Invoice& invoice) {
    invoice.id = row.column_int();
    invoice.client_id = row.column_int();
    invoice.debtor_id = row.column_int();
    MF_TRY(invoice.currency, row.column_currency());
    invoice.face_minor = row.column_int();
    MF_TRY(invoice.issue_date, row.column_date());
    MF_TRY(invoice.due_date, row.column_date());
    MF_TRY(invoice.state, row.column_enum(parse_invoice_state));
    invoice.disputed = row.column_bool();
    invoice.advance_rate_ppm = row.column_int();
    MF_TRY(invoice.fee_schedule, fee_text.column(row, invoice.currency));
    invoice.clearance_days = static_cast<int32_t>(row.column_int());
    MF_TRY(invoice.recourse, row.column_enum(parse_recourse));
    invoice.recourse_days = static_cast<int32_t>(row.column_int());
    MF_TRY(invoice.funded_on, row.column_optional_date());
    invoice.advance_minor = row.column_int();
    invoice.collected_minor = row.column_int();
    invoice.diluted_minor = row.column_int();
    invoice.charged_back_minor = row.column_int();
    invoice.written_off_minor = row.column_int();
    invoice.misdirected_minor = row.column_int();
    const int outstanding_column = row.column_index();
    const int64_t outstanding_minor = row.column_int();
    invoice.fee_settled_minor = row.column_int();
    // The pair assertion of the stored column, as read_invoice() makes it.
    if (outstanding_minor != invoice.outstanding_minor())
        return row.corrupt(outstanding_column, "differs from face less the movements of the invoice");
    return ok();
}

}  // namespace mf::codec
