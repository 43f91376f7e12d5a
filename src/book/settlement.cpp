#include "book/settlement.hpp"

#include "core/accrual.hpp"
#include "core/ledger.hpp"

namespace mf::detail {

Status settle_fee_and_leave_funded(Transaction& tx, const BookSettings& settings, Invoice& invoice,
                                   Date as_of, InvoiceState to, std::vector<JournalEntry>* booked) {
    MF_ASSERT(invoice.state == InvoiceState::funded);
    MF_ASSERT(to != InvoiceState::funded);
    MF_TRY(auto posted, fee_posted_minor(invoice, settings.last_closed_on));
    MF_TRY(auto fee, fee_to_date_minor(invoice, as_of));
    if (fee != posted) {
        JournalEntry entry = fee_accrual_entry(settings.business_date, invoice.currency, invoice.client_id,
                                               fee - posted, invoice.id);
        MF_TRY(entry.id, tx.append_entry(entry));
        if (booked)
            booked->push_back(std::move(entry));
    }
    invoice.fee_settled_minor = fee;
    invoice.state = to;
    invoice.closed_on = settings.business_date;
    return ok();
}

}  // namespace mf::detail
