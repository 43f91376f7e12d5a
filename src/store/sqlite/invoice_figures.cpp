// The figures-only invoice scan of the SQLite transaction (close-day, verify): the scan's filter shapes with
// a narrower select, read into one reused Invoice.
#include "store/invoice_figures_codec.hpp"
#include "store/invoice_scan.hpp"
#include "store/sqlite/sqlite_transaction.hpp"

namespace mf::sqlite {
namespace {

constexpr Sql kScanFigures{"scan invoice figures", nullptr};
constexpr const char* kFiguresSelect = "SELECT " MF_INVOICE_FIGURE_COLUMNS " FROM invoices WHERE id > ?";

}  // namespace

Status SqliteTransaction::scan_invoice_figures(const InvoiceFilter& filter,
                                               const std::function<Status(const Invoice&)>& fn) {
    const uint32_t states = scan::state_bits(filter);
    const uint32_t shape = scan::shape_of(filter, states);
    MF_TRY(auto statement, db_.prepare_shaped(kScanFigures, shape, [shape] {
        return scan::text_of(kFiguresSelect, shape, scan::Placeholders::question_mark);
    }));
    scan::bind_filter(statement, filter, states);
    Invoice invoice;
    while (true) {
        MF_TRY(const bool more, statement.step());
        if (!more)
            return ok();
        MF_CHECK(codec::read_invoice_figures(statement, fee_text_, invoice));
        MF_CHECK(fn(invoice));
    }
}

}  // namespace mf::sqlite
