// Eligibility and limits (ACCOUNTING.md "Reserve, availability and limits"): what a submission must satisfy,
// which rules hold an invoice for review at approval, and the required reserve. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/model.hpp"

namespace mf {

// Input checks of a new invoice at submission: impossible or unacceptable data is an error (the schedule is
// refused whole), not a hold: non-positive or mixed-currency amounts, a due date before the issue date, an
// issue date after the business date (future_invoice_date) or older than max_invoice_age_days
// (stale_invoice_date).
Status check_submission(const Invoice& invoice, const Client& client, const Debtor& debtor,
                        const BookSettings& settings);

// A rule an invoice breaks at approval; the invoice is held (needs_review) with every breach named.
struct Breach {
    std::string rule;     // client_limit, debtor_credit_limit, concentration, cross_aged, client_suspended
    std::string message;  // for the approver: the numbers behind it
};

// Exposure already committed before this invoice: outstanding funded face + approved-not-funded face.
struct Exposure {
    int64_t client_minor = 0;  // the client, all debtors
    int64_t debtor_minor = 0;  // the debtor, all clients
    int64_t pair_minor = 0;    // this client and this debtor
};

std::vector<Breach> approval_breaches(const Invoice& invoice, const Client& client, const Debtor& debtor,
                                      bool debtor_cross_aged, const Exposure& exposure);
std::string join_rules(const std::vector<Breach>& breaches);     // "client_limit,concentration"
std::string join_messages(const std::vector<Breach>& breaches);  // "; "-separated

// A funded invoice is ineligible (holds 100% reserve) when disputed or older than the age limit.
bool is_eligible(const Invoice& invoice, Date business_date, const BookSettings& settings);
// The reserve the invoice must hold: (1 - advance rate) x outstanding face (rounded half up), or all of it
// when ineligible. Zero for invoices that are not open and funded.
int64_t required_reserve_minor(const Invoice& invoice, Date business_date, const BookSettings& settings);

// Cross-aging: over cross_age_ppm of a debtor's outstanding face more than cross_age_days past invoice date.
bool is_cross_aged(int64_t aged_outstanding_minor, int64_t total_outstanding_minor,
                   const BookSettings& settings);

// What a new advance pays out when the client's reserve is short: A - min(A, shortfall).
struct AdvanceSplit {
    int64_t paid_minor = 0;
    int64_t netted_minor = 0;
};
AdvanceSplit net_advance(int64_t advance_minor, int64_t shortfall_minor);

}  // namespace mf
