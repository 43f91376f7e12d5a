// The client statement for a period (what a client reconciles weekly) and the portfolio KPIs.
#include <map>
#include <set>

#include "book/book.hpp"
#include "book/internal.hpp"

namespace mf {

using namespace detail;

namespace {

// Adds an entry's effect on the client's reserve to the statement: one line, and the period's totals by kind.
void add_statement_entry(ClientStatement& statement, const JournalEntry& entry, int64_t& running) {
    int64_t reserve_change = 0, receivable = 0, cash = 0;
    int64_t invoice_id = 0;
    for (const auto& posting : entry) {
        if (posting.client_id != statement.client.id)
            continue;
        if (posting.invoice_id != 0)
            invoice_id = posting.invoice_id;
        if (posting.account == Account::client_reserve)
            reserve_change -= posting.amount_minor;
        if (posting.account == Account::purchased_receivables)
            receivable += posting.amount_minor;
        if (posting.account == Account::cash)
            cash += posting.amount_minor;
    }
    switch (entry.kind) {
        case EntryKind::invoice_funded:
            statement.funded_face_minor += receivable;
            statement.advances_paid_minor -= cash;
            break;
        case EntryKind::fee_accrued:
            statement.fees_minor -= reserve_change;
            break;
        case EntryKind::charge:
            statement.charges_minor -= reserve_change;
            break;
        case EntryKind::receipt_applied:
            statement.collections_minor -= receivable;
            break;
        case EntryKind::rebate_paid:
            statement.rebates_paid_minor -= reserve_change;
            break;
        default:
            break;
    }
    if (reserve_change == 0 && entry.kind != EntryKind::receipt_applied)
        return;
    running += reserve_change;
    statement.lines.push_back(
        {entry.effective_on, entry.kind, entry.memo, invoice_id, reserve_change, running});
}

}  // namespace

Result<ClientStatement> Book::client_statement(int64_t client_id, Date from, Date to) {
    if (to < from)
        return make_error("invalid_date", "the period ends before it starts", "to");
    ClientStatement statement;
    statement.from = from;
    statement.to = to;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(statement.client, load_client(tx, client_id));
        MF_TRY(auto before, tx.entries_between(Date::from_days(0), from.plus_days(-1), client_id));
        for (const auto& entry : before) {
            for (const auto& posting : entry) {
                if (posting.client_id == client_id && posting.account == Account::client_reserve) {
                    statement.opening_reserve_minor -= posting.amount_minor;
                }
            }
        }
        int64_t running = statement.opening_reserve_minor;
        MF_TRY(auto during, tx.entries_between(from, to, client_id));
        for (const auto& entry : during)
            add_statement_entry(statement, entry, running);
        statement.closing_reserve_minor = running;
        InvoiceFilter filter;
        filter.client_id = client_id;
        filter.states = {InvoiceState::funded};
        MF_TRY(statement.open_invoices, tx.list_invoices(filter));
        return ok();
    }));
    return statement;
}

namespace {

int64_t ratio_ppm(int128 numerator, int128 denominator) {
    if (denominator <= 0)
        return 0;
    return static_cast<int64_t>(numerator * kPpmPerUnit / denominator);
}

}  // namespace

Result<PortfolioReport> Book::portfolio_report(const ReportScope& scope, std::optional<Date> from) {
    PortfolioReport report;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(auto settings, tx.load_settings());
        report.as_of = scope.as_of.value_or(settings.business_date);
        report.from = from.value_or(report.as_of.plus_days(-89));
        if (report.as_of < report.from)
            return make_error("invalid_date", "the period ends before it starts", "from");
        MF_TRY(auto clients, tx.list_clients());
        MF_TRY(auto debtors, tx.list_debtors());
        // A client's own report counts only that client and the debtors it has open invoices with.
        report.clients = scope.client_id ? 1 : static_cast<int64_t>(clients.size());
        report.debtors = static_cast<int64_t>(debtors.size());
        std::set<int64_t> client_debtors;
        std::map<std::string, PortfolioRow> rows;
        std::map<std::string, int128> advanced, faced;
        auto row_of = [&](Currency currency) -> PortfolioRow& {
            auto& row = rows[std::string(currency.code())];
            row.currency = currency;
            return row;
        };
        InvoiceFilter filter;
        filter.states = {InvoiceState::funded};
        filter.client_id = scope.client_id;
        MF_CHECK(tx.scan_invoices(filter, [&](const Invoice& invoice) -> Status {
            auto& row = row_of(invoice.currency);
            row.open_invoices += 1;
            client_debtors.insert(invoice.debtor_id);
            row.outstanding_face_minor += invoice.outstanding_minor();
            if (invoice.due_date < report.as_of)
                row.overdue_face_minor += invoice.outstanding_minor();
            advanced[std::string(invoice.currency.code())] += invoice.advance_minor;
            faced[std::string(invoice.currency.code())] += invoice.face_minor;
            return ok();
        }));
        struct PeriodFlows {
            int64_t collected_minor = 0;
            int64_t diluted_minor = 0;
            int64_t credit_loss_minor = 0;
        };
        std::map<std::string, PeriodFlows> flows;
        MF_CHECK(
            tx.scan_flows(report.from, report.as_of, scope.client_id, [&](const FlowRow& flow) -> Status {
                auto& row = row_of(flow.currency);
                auto& period = flows[std::string(flow.currency.code())];
                if (flow.account == Account::purchased_receivables) {
                    if (flow.kind == EntryKind::invoice_funded)
                        row.funded_volume_minor += flow.amount_minor;
                    if (flow.kind == EntryKind::receipt_applied)
                        period.collected_minor -= flow.amount_minor;
                    if (flow.kind == EntryKind::dilution)
                        period.diluted_minor -= flow.amount_minor;
                }
                if (flow.account == Account::credit_losses)
                    period.credit_loss_minor += flow.amount_minor;
                if (flow.account == Account::fee_income)
                    row.fee_income_minor -= flow.amount_minor;
                return ok();
            }));
        if (scope.client_id)
            report.debtors = static_cast<int64_t>(client_debtors.size());
        const int64_t period_days = days_between(report.from, report.as_of) + 1;
        for (auto& [code, row] : rows) {
            const auto period = flows[code];
            const int64_t collected = period.collected_minor;
            MF_TRY(auto receivables, tx.balance_minor(Account::purchased_receivables, row.currency,
                                                      scope.client_id.value_or(0)));
            MF_TRY(auto reserve,
                   tx.balance_minor(Account::client_reserve, row.currency, scope.client_id.value_or(0)));
            MF_TRY(row.cash_minor,
                   tx.balance_minor(Account::cash, row.currency, scope.client_id.value_or(0)));
            // Unapplied cash belongs to no client yet: only the book-wide report shows it.
            MF_TRY(auto unapplied, tx.balance_minor(Account::unapplied_cash, row.currency, 0));
            row.unapplied_cash_minor = scope.client_id ? 0 : -unapplied;
            row.funds_employed_minor = receivables + reserve;
            row.annualized_yield_ppm = ratio_ppm(static_cast<int128>(row.fee_income_minor) * 365,
                                                 static_cast<int128>(row.funds_employed_minor) * period_days);
            // DSO: outstanding face over the average daily collections of the period.
            row.dso_days = collected > 0
                               ? static_cast<int64_t>(static_cast<int128>(row.outstanding_face_minor) *
                                                      period_days / collected)
                               : 0;
            row.dilution_rate_ppm =
                ratio_ppm(period.diluted_minor, static_cast<int128>(collected) + period.diluted_minor);
            row.loss_rate_ppm = ratio_ppm(period.credit_loss_minor, row.funded_volume_minor);
            row.average_advance_rate_ppm = ratio_ppm(advanced[code], faced[code]);
            report.rows.push_back(row);
        }
        return ok();
    }));
    return report;
}

}  // namespace mf
