#include "cli/render_reports.hpp"

#include <ostream>

#include "cli/render_records.hpp"
#include "cli/table.hpp"
#include "core/ledger.hpp"
#include "wire/reports.hpp"
#include "wire/values.hpp"

namespace mf::cli {

namespace {

void add_aging_rows(Table& table, const std::vector<AgingRow>& rows, AgingBasis basis, IdKind kind,
                    bool total) {
    for (const auto& row : rows) {
        const auto& buckets = basis == AgingBasis::due_date ? row.by_due_minor : row.by_invoice_date_minor;
        std::vector<std::string> cells{total ? "Total" : id_text(kind, row.id), total ? "" : row.name,
                                       std::string(row.currency.code()), std::to_string(row.invoices)};
        for (const int64_t minor : buckets)
            cells.push_back(amount_cell(minor, row.currency));
        cells.push_back(amount_cell(row.total_minor, row.currency));
        table.row(std::move(cells));
    }
}

}  // namespace

void print_close_days(std::ostream& out, const std::vector<CloseDayResult>& results) {
    Table table;
    table.column("Date").column("Open invoices", Align::right).column("Fees accrued", Align::right);
    table.column("Overdue", Align::right)
        .column("Cross-aged", Align::right)
        .column("Charged back", Align::right);
    table.column("Flagged", Align::right).column("Rebates", Align::right);
    for (const auto& r : results) {
        if (r.already_closed) {
            table.row({r.date.to_string(), "already closed"});
            continue;
        }
        std::string fees;
        for (const auto& fee : r.fees_by_currency) {
            fees += (fees.empty() ? "" : " + ") + format_money(fee);
        }
        std::vector<Money> paid;
        for (const auto& payout : r.rebates)
            paid.push_back({payout.amount_minor, payout.currency});
        std::string rebates;
        for (const auto& total : wire::sum_by_currency(paid)) {
            rebates += (rebates.empty() ? "" : " + ") + format_money(total);
        }
        table.row({r.date.to_string(), std::to_string(r.invoices_accrued), fees.empty() ? "0" : fees,
                   std::to_string(r.overdue_invoices), std::to_string(r.cross_aged_debtors),
                   std::to_string(r.charged_back), std::to_string(r.flagged_for_recourse),
                   rebates.empty() ? "0" : rebates});
    }
    table.print(out);
}

void print_aging(std::ostream& out, const AgingReport& report, AgingBasis basis, AgingRows rows) {
    const bool by_due = basis == AgingBasis::due_date;
    out << "Aging as of " << report.as_of.to_string()
        << (by_due ? ", days past due" : ", days since invoice date") << "\n\n";
    Table table;
    table.column(rows == AgingRows::clients ? "Client" : "Debtor").column("Name").column("Cur");
    table.column("Invoices", Align::right);
    const auto labels = by_due ? aging_due_labels() : aging_invoice_date_labels();
    for (const char* label : labels)
        table.column(label, Align::right);
    table.column("Total", Align::right);
    if (rows == AgingRows::clients)
        add_aging_rows(table, report.by_client, basis, IdKind::client, false);
    if (rows == AgingRows::debtors)
        add_aging_rows(table, report.by_debtor, basis, IdKind::debtor, false);
    add_aging_rows(table, report.totals, basis, IdKind::client, true);
    table.print(out);
}

void print_concentration(std::ostream& out, const ConcentrationReport& report, bool breaches_only) {
    out << "Concentration as of " << report.as_of.to_string() << "\n\n";
    Table table;
    table.column("Client").column("Debtor").column("Cur").column("Outstanding", Align::right);
    table.column("Of", Align::right)
        .column("Share", Align::right)
        .column("Limit", Align::right)
        .column("Breach");
    for (const auto& r : report.rows) {
        if (breaches_only && !r.breach)
            continue;
        table.row({r.client_id == 0 ? "(book)" : format_id(IdKind::client, r.client_id) + " " + r.client_name,
                   format_id(IdKind::debtor, r.debtor_id) + " " + r.debtor_name,
                   std::string(r.currency.code()), amount_cell(r.outstanding_minor, r.currency),
                   amount_cell(r.base_minor, r.currency), percent_text(r.share_ppm),
                   percent_text(r.limit_ppm), r.breach ? "BREACH" : ""});
    }
    table.print(out);
}

void print_reserve(std::ostream& out, const ReserveReport& report) {
    out << "Reserve as of " << report.as_of.to_string() << "\n\n";
    Table table;
    table.column("Client").column("Name").column("Cur").column("Reserve", Align::right);
    table.column("Required", Align::right)
        .column("Releasable", Align::right)
        .column("Shortfall", Align::right);
    table.column("Funds employed", Align::right).column("Outstanding", Align::right);
    table.column("Availability", Align::right);
    for (const auto& r : report.rows) {
        const Currency c = r.currency;
        table.row({format_id(IdKind::client, r.client_id), r.name, std::string(c.code()),
                   amount_cell(r.reserve_minor, c), amount_cell(r.required_minor, c),
                   amount_cell(r.releasable_minor, c), amount_cell(r.shortfall_minor, c),
                   amount_cell(r.funds_employed_minor, c), amount_cell(r.outstanding_minor, c),
                   amount_cell(r.availability_minor, c)});
    }
    table.print(out);
}

void print_statement(std::ostream& out, const ClientStatement& s) {
    const Currency c = s.client.currency;
    out << "Statement for " << format_id(IdKind::client, s.client.id) << " " << s.client.name << ", "
        << s.from.to_string() << " to " << s.to.to_string() << "\n\n";
    print_fields(out, {
                          {"Opening reserve", money_text(s.opening_reserve_minor, c)},
                          {"Face funded", money_text(s.funded_face_minor, c)},
                          {"Advances paid", money_text(s.advances_paid_minor, c)},
                          {"Fees", money_text(s.fees_minor, c)},
                          {"Charges", money_text(s.charges_minor, c)},
                          {"Collections", money_text(s.collections_minor, c)},
                          {"Rebates paid", money_text(s.rebates_paid_minor, c)},
                          {"Closing reserve", money_text(s.closing_reserve_minor, c)},
                      });
    print_heading(out, "Reserve movements");
    Table table;
    table.column("Date").column("Kind").column("Invoice").column("Memo").column("Change", Align::right);
    table.column("Balance", Align::right);
    for (const auto& line : s.lines) {
        table.row({line.on.to_string(), std::string(to_string(line.kind)),
                   id_text(IdKind::invoice, line.invoice_id), line.memo,
                   amount_cell(line.reserve_change_minor, c), amount_cell(line.balance_minor, c)});
    }
    table.print(out);
    print_heading(out, "Open invoices");
    print_invoices(out, s.open_invoices);
}

void print_portfolio(std::ostream& out, const PortfolioReport& report) {
    out << "Portfolio " << report.from.to_string() << " to " << report.as_of.to_string() << ": "
        << report.clients << " clients, " << report.debtors << " debtors\n";
    for (const auto& r : report.rows) {
        const Currency c = r.currency;
        print_heading(out, std::string(c.code()));
        print_fields(out, {
                              {"Open invoices", std::to_string(r.open_invoices)},
                              {"Funded in period", money_text(r.funded_volume_minor, c)},
                              {"Outstanding face", money_text(r.outstanding_face_minor, c)},
                              {"Overdue face", money_text(r.overdue_face_minor, c)},
                              {"Funds employed", money_text(r.funds_employed_minor, c)},
                              {"Fee income in period", money_text(r.fee_income_minor, c)},
                              {"Annualized yield", percent_text(r.annualized_yield_ppm)},
                              {"DSO", std::to_string(r.dso_days) + " days"},
                              {"Dilution rate", percent_text(r.dilution_rate_ppm)},
                              {"Loss rate", percent_text(r.loss_rate_ppm)},
                              {"Average advance rate", percent_text(r.average_advance_rate_ppm)},
                              {"Cash", money_text(r.cash_minor, c)},
                              {"Unapplied cash", money_text(r.unapplied_cash_minor, c)},
                          });
    }
}

void print_trial_balance(std::ostream& out, const TrialBalance& balance) {
    out << "Trial balance as of " << balance.as_of.to_string()
        << (balance.balanced ? " (balanced)" : " (NOT BALANCED)") << "\n\n";
    Table table;
    table.column("Account")
        .column("Type")
        .column("Cur")
        .column("Debit", Align::right)
        .column("Credit", Align::right);
    for (const auto& r : balance.rows) {
        table.row({std::string(to_string(r.account)), std::string(to_string(account_type(r.account))),
                   std::string(r.currency.code()), amount_cell(r.debit_minor, r.currency),
                   amount_cell(r.credit_minor, r.currency)});
    }
    for (const auto& total : trial_balance_totals(balance)) {
        table.row({"Total", "", std::string(total.currency.code()),
                   amount_cell(total.debit_minor, total.currency),
                   amount_cell(total.credit_minor, total.currency)});
    }
    table.print(out);
}

void print_verify(std::ostream& out, const VerifyReport& report) {
    out << "Checked " << report.entries << " journal entries, " << report.balances_checked << " balances, "
        << report.flows_checked << " daily flows, " << report.invoices_checked << " invoices: ";
    if (report.clean()) {
        out << "clean\n";
        return;
    }
    out << report.problems.size() << " problem(s)\n";
    for (const auto& problem : report.problems)
        out << "  - " << problem << '\n';
}

void print_demo_summary(std::ostream& out, const DemoSummary& summary) {
    print_fields(out, {
                          {"Clients", std::to_string(summary.clients)},
                          {"Debtors", std::to_string(summary.debtors)},
                          {"Schedules", std::to_string(summary.schedules)},
                          {"Invoices", std::to_string(summary.invoices)},
                          {"Receipts", std::to_string(summary.receipts)},
                          {"Days closed", std::to_string(summary.days_closed)},
                      });
}

}  // namespace mf::cli
