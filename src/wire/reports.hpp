// The JSON form of the book's reports and close-day results (same conventions as records.hpp: money as
// decimal strings named *_amount beside a "currency", rates as percent strings, ids with their prefix). Each
// converts with boost::json::value_from. Thread-safety: pure functions.
#pragma once

#include <boost/json.hpp>

#include "book/demo.hpp"
#include "book/reports.hpp"
#include "wire/records.hpp"

namespace mf {

// A trial balance's debits and credits summed per currency, in currency-code order.
struct TrialBalanceTotal {
    Currency currency;
    int64_t debit_minor = 0;
    int64_t credit_minor = 0;
};
std::vector<TrialBalanceTotal> trial_balance_totals(const TrialBalance& balance);

// "fees": the fees accrued that day, one {"amount","currency"} per currency.
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const CloseDayResult& result);
// Rows by client, by debtor and per-currency totals; each row's "by_due_date" and "by_invoice_date" are
// arrays of {"bucket": "31-60", "amount": "..."} in bucket order.
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const AgingReport& report);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const ConcentrationReport& report);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const ReserveReport& report);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const ClientStatement& statement);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const PortfolioReport& report);
// Rows per account and currency plus "totals" per currency; debits and credits as positive amounts.
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const TrialBalance& balance);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const VerifyReport& report);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const DemoSummary& summary);

}  // namespace mf
