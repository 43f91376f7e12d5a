// How the CLI shows reports and close-day results to people (the --json form comes from src/wire).
// Thread-safety: pure functions writing to the given stream.
#pragma once

#include <iosfwd>
#include <vector>

#include "book/demo.hpp"
#include "book/reports.hpp"

namespace mf::cli {

enum class AgingBasis { due_date, invoice_date };
enum class AgingRows { clients, debtors };

void print_close_days(std::ostream& out, const std::vector<CloseDayResult>& results);
void print_aging(std::ostream& out, const AgingReport& report, AgingBasis basis, AgingRows rows);
void print_concentration(std::ostream& out, const ConcentrationReport& report, bool breaches_only);
void print_reserve(std::ostream& out, const ReserveReport& report);
void print_statement(std::ostream& out, const ClientStatement& statement);
void print_portfolio(std::ostream& out, const PortfolioReport& report);
void print_trial_balance(std::ostream& out, const TrialBalance& balance);
void print_verify(std::ostream& out, const VerifyReport& report);
void print_demo_summary(std::ostream& out, const DemoSummary& summary);

}  // namespace mf::cli
