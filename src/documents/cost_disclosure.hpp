// The numbers of a schedule's cost disclosure (ACCOUNTING.md "Cost disclosure (APR)"; the assumptions are in
// docs/accounting-decisions.md): what the client receives, what the factor keeps, when, and the estimated APR
// by the Appendix J method of core/apr.hpp. Pure; thread-safe (values only).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "book/reports.hpp"
#include "core/apr.hpp"
#include "core/model.hpp"

namespace mf::documents {

// One invoice of the disclosure: its advance on funded_on, and the factor's share of the debtor's payment
// (advance + fee) on expected_on.
struct DisclosureLine {
    int64_t invoice_id = 0;
    std::string number;
    int64_t debtor_id = 0;
    int64_t face_minor = 0;
    int64_t advance_minor = 0;
    int64_t fee_minor = 0;
    Date funded_on;
    Date expected_on;  // the due date (never before funded_on + 1 day)
    int32_t days_outstanding = 0;
};

struct CostDisclosure {
    int64_t schedule_id = 0;
    int64_t client_id = 0;
    Currency currency;
    int64_t face_minor = 0;
    int64_t amount_financed_minor = 0;  // advances paid ("Funding Provided")
    int64_t fees_minor = 0;
    int64_t charges_minor = 0;
    int64_t finance_charge_minor = 0;   // fees + charges
    int64_t total_payment_minor = 0;    // amount financed + finance charge: what the factor recovers
    int64_t expected_rebate_minor = 0;  // face - total payment: what the client gets back when all is paid
    int64_t advance_rate_ppm = 0;       // amount financed / face, rounded down
    Date first_funded_on;
    Date last_expected_on;
    int32_t term_days = 0;  // first funding to last expected collection
    AprResult apr;
    std::vector<DisclosureLine> lines;
};

// Invoices already funded keep their own terms and funding date; the others use the client's current terms
// and fund on `funding_on` (the date of the offer). Rejected invoices are left out. charges_minor is any
// charge the client will pay for the schedule (a wire fee), taken with the fees at collection.
// Errors: nothing_to_disclose (no invoice left), invalid_amount (a negative charge), and those of the fee and
// APR functions.
Result<CostDisclosure> compute_cost_disclosure(const ScheduleView& schedule, const Client& client,
                                               Date funding_on, int64_t charges_minor = 0);

}  // namespace mf::documents
