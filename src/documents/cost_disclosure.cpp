#include "documents/cost_disclosure.hpp"

#include <algorithm>

#include "core/fees.hpp"

namespace mf::documents {

namespace {

Result<DisclosureLine> line_of(const Invoice& invoice, const Client& client, Date funding_on) {
    DisclosureLine line;
    line.invoice_id = invoice.id;
    line.number = invoice.number;
    line.debtor_id = invoice.debtor_id;
    line.face_minor = invoice.face_minor;
    const bool funded = invoice.funded_on.has_value();
    line.funded_on = funded ? *invoice.funded_on : funding_on;
    const FeeSchedule& fees = funded ? invoice.fee_schedule : client.terms.fee_schedule;
    const int32_t clearance_days = funded ? invoice.clearance_days : client.terms.clearance_days;
    if (funded) {
        line.advance_minor = invoice.advance_minor;
    } else {
        MF_TRY(line.advance_minor, advance_minor(invoice.face_minor, client.terms.advance_rate_ppm));
    }
    // An invoice already past due is expected the day after funding: the APR needs a positive term.
    line.expected_on = std::max(invoice.due_date, line.funded_on.plus_days(1));
    line.days_outstanding = days_outstanding(line.funded_on, line.expected_on, clearance_days);
    MF_TRY(line.fee_minor,
           fee_for_invoice(fees, invoice.face_minor, line.advance_minor, line.days_outstanding));
    return line;
}

// Flows on the same date are one flow (actuarial_apr adds them too; fewer flows, fewer steps).
void add_flow(std::vector<AprFlow>& flows, Date on, int64_t amount_minor) {
    for (auto& flow : flows) {
        if (flow.date == on) {
            flow.amount_minor += amount_minor;
            return;
        }
    }
    flows.push_back({amount_minor, on});
}

}  // namespace

Result<CostDisclosure> compute_cost_disclosure(const ScheduleView& schedule, const Client& client,
                                               Date funding_on, int64_t charges_minor) {
    if (charges_minor < 0)
        return make_error("invalid_amount", "charges may not be negative", "charges");
    CostDisclosure result;
    result.schedule_id = schedule.schedule.id;
    result.client_id = schedule.schedule.client_id;
    result.currency = schedule.schedule.currency;
    result.charges_minor = charges_minor;
    std::vector<AprFlow> advances, payments;
    for (const auto& invoice : schedule.invoices) {
        if (invoice.state == InvoiceState::rejected)
            continue;
        MF_TRY(auto line, line_of(invoice, client, funding_on));
        MF_TRY(result.face_minor, checked_add(result.face_minor, line.face_minor));
        MF_TRY(result.amount_financed_minor, checked_add(result.amount_financed_minor, line.advance_minor));
        MF_TRY(result.fees_minor, checked_add(result.fees_minor, line.fee_minor));
        add_flow(advances, line.funded_on, line.advance_minor);
        add_flow(payments, line.expected_on, line.advance_minor + line.fee_minor);
        result.lines.push_back(std::move(line));
    }
    if (result.lines.empty())
        return make_error("nothing_to_disclose", "the schedule has no invoice to disclose", "schedule");
    MF_TRY(result.finance_charge_minor, checked_add(result.fees_minor, charges_minor));
    MF_TRY(result.total_payment_minor,
           checked_add(result.amount_financed_minor, result.finance_charge_minor));
    result.expected_rebate_minor = result.face_minor - result.total_payment_minor;
    if (result.face_minor > 0) {
        result.advance_rate_ppm = static_cast<int64_t>(static_cast<int128>(result.amount_financed_minor) *
                                                       kPpmPerUnit / result.face_minor);
    }
    // The charges are paid with the last collection, as the client's rebate settles then.
    auto last = std::max_element(payments.begin(), payments.end(),
                                 [](const AprFlow& a, const AprFlow& b) { return a.date < b.date; });
    last->amount_minor += charges_minor;
    std::sort(advances.begin(), advances.end(),
              [](const AprFlow& a, const AprFlow& b) { return a.date < b.date; });
    std::sort(payments.begin(), payments.end(),
              [](const AprFlow& a, const AprFlow& b) { return a.date < b.date; });
    result.first_funded_on = advances.front().date;
    result.last_expected_on = payments.back().date;
    result.term_days = days_between(result.first_funded_on, result.last_expected_on);
    MF_TRY(result.apr, actuarial_apr(advances, payments));
    return result;
}

}  // namespace mf::documents
