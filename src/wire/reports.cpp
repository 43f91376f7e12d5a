// The JSON form of reports; see reports.hpp.
#include "wire/reports.hpp"

#include <map>
#include <string>

namespace mf {

namespace json = boost::json;
using namespace wire;

namespace {

json::string currency_code(Currency currency) {
    return json::string(currency.code());
}

json::array buckets_json(const std::array<int64_t, kAgingBuckets>& amounts,
                         const std::array<const char*, kAgingBuckets>& labels, Currency currency) {
    json::array out;
    for (int i = 0; i < kAgingBuckets; ++i) {
        out.push_back(json::object{{"bucket", labels[i]}, {"amount", amount(amounts[i], currency)}});
    }
    return out;
}

json::array aging_rows_json(const std::vector<AgingRow>& rows, IdKind kind) {
    json::array out;
    for (const auto& row : rows) {
        out.push_back(json::object{
            {"id", link(kind, row.id)},
            {"name", row.name},
            {"currency", currency_code(row.currency)},
            {"invoices", row.invoices},
            {"total_amount", amount(row.total_minor, row.currency)},
            {"by_due_date", buckets_json(row.by_due_minor, aging_due_labels(), row.currency)},
            {"by_invoice_date",
             buckets_json(row.by_invoice_date_minor, aging_invoice_date_labels(), row.currency)},
        });
    }
    return out;
}

json::object statement_line_json(const StatementLine& line, Currency currency) {
    return json::object{
        {"on", date(line.on)},
        {"kind", code(to_string(line.kind))},
        {"memo", line.memo},
        {"invoice_id", link(IdKind::invoice, line.invoice_id)},
        {"reserve_change_amount", amount(line.reserve_change_minor, currency)},
        {"balance_amount", amount(line.balance_minor, currency)},
    };
}

json::object portfolio_row_json(const PortfolioRow& row) {
    const Currency c = row.currency;
    return json::object{
        {"currency", currency_code(c)},
        {"open_invoices", row.open_invoices},
        {"funded_volume_amount", amount(row.funded_volume_minor, c)},
        {"outstanding_face_amount", amount(row.outstanding_face_minor, c)},
        {"overdue_face_amount", amount(row.overdue_face_minor, c)},
        {"funds_employed_amount", amount(row.funds_employed_minor, c)},
        {"fee_income_amount", amount(row.fee_income_minor, c)},
        {"annualized_yield", rate(row.annualized_yield_ppm)},
        {"dso_days", row.dso_days},
        {"dilution_rate", rate(row.dilution_rate_ppm)},
        {"loss_rate", rate(row.loss_rate_ppm)},
        {"average_advance_rate", rate(row.average_advance_rate_ppm)},
        {"cash_amount", amount(row.cash_minor, c)},
        {"unapplied_cash_amount", amount(row.unapplied_cash_minor, c)},
    };
}

}  // namespace

void tag_invoke(const json::value_from_tag&, json::value& out, const CloseDayResult& result) {
    out = json::object{
        {"date", date(result.date)},
        {"already_closed", result.already_closed},
        {"invoices_accrued", result.invoices_accrued},
        {"fees", json::value_from(result.fees_by_currency)},
        {"overdue_invoices", result.overdue_invoices},
        {"cross_aged_debtors", result.cross_aged_debtors},
        {"charged_back", result.charged_back},
        {"flagged_for_recourse", result.flagged_for_recourse},
        {"rebates", json::value_from(result.rebates)},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const AgingReport& report) {
    json::array due_labels;
    for (const char* label : aging_due_labels())
        due_labels.emplace_back(label);
    json::array invoice_date_labels;
    for (const char* label : aging_invoice_date_labels())
        invoice_date_labels.emplace_back(label);
    out = json::object{
        {"as_of", date(report.as_of)},
        {"due_date_buckets", std::move(due_labels)},
        {"invoice_date_buckets", std::move(invoice_date_labels)},
        {"by_client", aging_rows_json(report.by_client, IdKind::client)},
        {"by_debtor", aging_rows_json(report.by_debtor, IdKind::debtor)},
        {"totals", aging_rows_json(report.totals, IdKind::client)},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const ConcentrationReport& report) {
    json::array rows;
    for (const auto& row : report.rows) {
        rows.push_back(json::object{
            {"client_id", link(IdKind::client, row.client_id)},
            {"client_name", text(row.client_name)},
            {"debtor_id", id(IdKind::debtor, row.debtor_id)},
            {"debtor_name", row.debtor_name},
            {"currency", currency_code(row.currency)},
            {"outstanding_amount", amount(row.outstanding_minor, row.currency)},
            {"base_amount", amount(row.base_minor, row.currency)},
            {"share", rate(row.share_ppm)},
            {"limit", rate(row.limit_ppm)},
            {"breach", row.breach},
        });
    }
    out = json::object{{"as_of", date(report.as_of)}, {"rows", std::move(rows)}};
}

void tag_invoke(const json::value_from_tag&, json::value& out, const ReserveReport& report) {
    json::array rows;
    for (const auto& row : report.rows) {
        const Currency c = row.currency;
        rows.push_back(json::object{
            {"client_id", id(IdKind::client, row.client_id)},
            {"name", row.name},
            {"currency", currency_code(c)},
            {"reserve_amount", amount(row.reserve_minor, c)},
            {"required_amount", amount(row.required_minor, c)},
            {"releasable_amount", amount(row.releasable_minor, c)},
            {"shortfall_amount", amount(row.shortfall_minor, c)},
            {"funds_employed_amount", amount(row.funds_employed_minor, c)},
            {"outstanding_amount", amount(row.outstanding_minor, c)},
            {"availability_amount", amount(row.availability_minor, c)},
        });
    }
    out = json::object{{"as_of", date(report.as_of)}, {"rows", std::move(rows)}};
}

void tag_invoke(const json::value_from_tag&, json::value& out, const ClientStatement& statement) {
    const Currency c = statement.client.currency;
    json::array lines;
    for (const auto& line : statement.lines)
        lines.push_back(statement_line_json(line, c));
    out = json::object{
        {"client", json::value_from(statement.client)},
        {"from", date(statement.from)},
        {"to", date(statement.to)},
        {"currency", currency_code(c)},
        {"opening_reserve_amount", amount(statement.opening_reserve_minor, c)},
        {"funded_face_amount", amount(statement.funded_face_minor, c)},
        {"advances_paid_amount", amount(statement.advances_paid_minor, c)},
        {"fees_amount", amount(statement.fees_minor, c)},
        {"charges_amount", amount(statement.charges_minor, c)},
        {"collections_amount", amount(statement.collections_minor, c)},
        {"rebates_paid_amount", amount(statement.rebates_paid_minor, c)},
        {"closing_reserve_amount", amount(statement.closing_reserve_minor, c)},
        {"lines", std::move(lines)},
        {"open_invoices", json::value_from(statement.open_invoices)},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const PortfolioReport& report) {
    json::array rows;
    for (const auto& row : report.rows)
        rows.push_back(portfolio_row_json(row));
    out = json::object{
        {"from", date(report.from)}, {"as_of", date(report.as_of)}, {"clients", report.clients},
        {"debtors", report.debtors}, {"rows", std::move(rows)},
    };
}

std::vector<TrialBalanceTotal> trial_balance_totals(const TrialBalance& balance) {
    std::map<std::string_view, TrialBalanceTotal> totals;
    for (const auto& row : balance.rows) {
        auto& total = totals[row.currency.code()];
        total.currency = row.currency;
        total.debit_minor += row.debit_minor;
        total.credit_minor += row.credit_minor;
    }
    std::vector<TrialBalanceTotal> out;
    for (const auto& [code_text, total] : totals)
        out.push_back(total);
    return out;
}

void tag_invoke(const json::value_from_tag&, json::value& out, const TrialBalance& balance) {
    json::array rows;
    for (const auto& row : balance.rows) {
        rows.push_back(json::object{
            {"account", code(to_string(row.account))},
            {"account_type", code(to_string(account_type(row.account)))},
            {"currency", currency_code(row.currency)},
            {"debit_amount", amount(row.debit_minor, row.currency)},
            {"credit_amount", amount(row.credit_minor, row.currency)},
        });
    }
    json::array totals;
    for (const auto& total : trial_balance_totals(balance)) {
        totals.push_back(json::object{
            {"currency", currency_code(total.currency)},
            {"debit_amount", amount(total.debit_minor, total.currency)},
            {"credit_amount", amount(total.credit_minor, total.currency)},
        });
    }
    out = json::object{
        {"as_of", date(balance.as_of)},
        {"balanced", balance.balanced},
        {"rows", std::move(rows)},
        {"totals", std::move(totals)},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const VerifyReport& report) {
    out = json::object{
        {"clean", report.clean()},
        {"entries", report.entries},
        {"balances_checked", report.balances_checked},
        {"flows_checked", report.flows_checked},
        {"invoices_checked", report.invoices_checked},
        {"problems", json::value_from(report.problems)},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const DemoSummary& summary) {
    out = json::object{
        {"clients", summary.clients},   {"debtors", summary.debtors},   {"schedules", summary.schedules},
        {"invoices", summary.invoices}, {"receipts", summary.receipts}, {"days_closed", summary.days_closed},
    };
}

}  // namespace mf
