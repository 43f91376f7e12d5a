#include "core/accrual.hpp"

#include "core/fees.hpp"

namespace mf {

Result<int64_t> fee_to_date_minor(const Invoice& invoice, Date as_of) {
    MF_ASSERT(invoice.funded_on.has_value());
    const int32_t days = days_outstanding(*invoice.funded_on, as_of, invoice.clearance_days);
    return fee_for_invoice(invoice.fee_schedule, invoice.face_minor, invoice.advance_minor, days);
}

Result<int64_t> fee_posted_minor(const Invoice& invoice, std::optional<Date> last_closed_on) {
    switch (invoice.state) {
        case InvoiceState::submitted:
        case InvoiceState::approved:
        case InvoiceState::rejected:
            return 0;
        case InvoiceState::closed:
        case InvoiceState::charged_back:
        case InvoiceState::written_off:
            return invoice.fee_settled_minor;
        case InvoiceState::funded:
            break;
    }
    if (!last_closed_on || *last_closed_on < *invoice.funded_on)
        return 0;
    return fee_to_date_minor(invoice, *last_closed_on);
}

}  // namespace mf
