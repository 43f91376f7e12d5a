// The figures-only invoice scan of the PostgreSQL transaction (close-day, verify): the paged scan of
// pg_invoices.cpp with a narrower select, read into one reused Invoice.
#include "store/invoice_figures_codec.hpp"
#include "store/postgres/pg_transaction.hpp"

namespace mf::pg {
namespace {

constexpr Sql kScanFigures{"scan invoice figures", nullptr};
constexpr const char* kFiguresSelect = "SELECT " MF_INVOICE_FIGURE_COLUMNS " FROM invoices WHERE id > $1";

}  // namespace

Status PgTransaction::scan_invoice_figures(const InvoiceFilter& filter,
                                           const std::function<Status(const Invoice&)>& fn) {
    Invoice invoice;
    return scan_invoice_pages(db_, filter, kScanFigures, kFiguresSelect,
                              [&](Statement& row) -> Result<int64_t> {
                                  MF_CHECK(codec::read_invoice_figures(row, fee_text_, invoice));
                                  MF_CHECK(fn(invoice));
                                  return invoice.id;
                              });
}

}  // namespace mf::pg
