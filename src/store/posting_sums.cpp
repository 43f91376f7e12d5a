// Transaction::posting_sums by default: the set-based queries of the store, one after the other.
#include "store/store.hpp"

namespace mf {

Result<PostingSums> Transaction::posting_sums() {
    PostingSums sums;
    MF_TRY(sums.balances, balances_from_postings());
    MF_CHECK(scan_receivables_by_invoice([&](int64_t invoice_id, int64_t minor) -> Status {
        sums.receivables_by_invoice.emplace_back(invoice_id, minor);
        return ok();
    }));
    MF_TRY(sums.unbalanced_entries, unbalanced_entries());
    MF_TRY(sums.flows, flows_from_postings());
    return sums;
}

}  // namespace mf
