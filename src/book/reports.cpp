// Reports as of a date: aging, concentration, reserve, portfolio and the trial balance. Each is one pass over
// the open invoices plus set-based sums from the store, never a query per invoice.
#include "book/reports.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "book/book.hpp"
#include "book/internal.hpp"
#include "core/limits.hpp"

namespace mf {

using namespace detail;

std::array<const char*, kAgingBuckets> aging_due_labels() {
    return {"current", "1-30", "31-60", "61-90", "91+"};
}
std::array<const char*, kAgingBuckets> aging_invoice_date_labels() {
    return {"0-30", "31-60", "61-90", "91-120", "121+"};
}

namespace {

int bucket_past_due(int32_t days_past_due) {
    if (days_past_due <= 0)
        return 0;
    if (days_past_due <= 30)
        return 1;
    if (days_past_due <= 60)
        return 2;
    if (days_past_due <= 90)
        return 3;
    return 4;
}

int bucket_since_invoice(int32_t days) {
    if (days <= 30)
        return 0;
    if (days <= 60)
        return 1;
    if (days <= 90)
        return 2;
    if (days <= 120)
        return 3;
    return 4;
}

struct Names {
    std::unordered_map<int64_t, Client> clients;
    std::unordered_map<int64_t, Debtor> debtors;
};

Result<Names> load_names(Transaction& tx) {
    Names names;
    MF_TRY(auto clients, tx.list_clients());
    for (auto& c : clients)
        names.clients.emplace(c.id, std::move(c));
    MF_TRY(auto debtors, tx.list_debtors());
    for (auto& d : debtors)
        names.debtors.emplace(d.id, std::move(d));
    return names;
}

InvoiceFilter open_funded(const ReportScope& scope) {
    InvoiceFilter filter;
    filter.states = {InvoiceState::funded};
    filter.client_id = scope.client_id;
    return filter;
}

bool in_scope(const ReportScope& scope, const Invoice& invoice) {
    return !scope.currency || *scope.currency == invoice.currency;
}

void add_to_row(AgingRow& row, const Invoice& invoice, Date as_of) {
    const int64_t outstanding = invoice.outstanding_minor();
    row.by_due_minor[bucket_past_due(days_between(invoice.due_date, as_of))] += outstanding;
    row.by_invoice_date_minor[bucket_since_invoice(days_between(invoice.issue_date, as_of))] += outstanding;
    row.total_minor += outstanding;
    row.invoices += 1;
}

template <class Map>
std::vector<AgingRow> sorted_rows(Map& rows) {
    std::vector<AgingRow> out;
    for (auto& [key, row] : rows)
        out.push_back(std::move(row));
    std::sort(out.begin(), out.end(), [](const AgingRow& a, const AgingRow& b) {
        return a.total_minor != b.total_minor ? a.total_minor > b.total_minor : a.id < b.id;
    });
    return out;
}

}  // namespace

Result<AgingReport> Book::aging_report(const ReportScope& scope) {
    AgingReport report;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(auto settings, tx.load_settings());
        report.as_of = scope.as_of.value_or(settings.business_date);
        MF_TRY(auto names, load_names(tx));
        std::map<int64_t, AgingRow> by_client, by_debtor;
        std::map<std::string, AgingRow> totals;
        MF_CHECK(tx.scan_invoices(open_funded(scope), [&](const Invoice& invoice) -> Status {
            if (!in_scope(scope, invoice))
                return ok();
            auto& client_row = by_client[invoice.client_id];
            client_row.id = invoice.client_id;
            client_row.name = names.clients[invoice.client_id].name;
            client_row.currency = invoice.currency;
            add_to_row(client_row, invoice, report.as_of);
            auto& debtor_row = by_debtor[invoice.debtor_id];
            debtor_row.id = invoice.debtor_id;
            debtor_row.name = names.debtors[invoice.debtor_id].name;
            debtor_row.currency = invoice.currency;
            add_to_row(debtor_row, invoice, report.as_of);
            auto& total = totals[std::string(invoice.currency.code())];
            total.name = "total";
            total.currency = invoice.currency;
            add_to_row(total, invoice, report.as_of);
            return ok();
        }));
        report.by_client = sorted_rows(by_client);
        report.by_debtor = sorted_rows(by_debtor);
        for (auto& [code, row] : totals)
            report.totals.push_back(row);
        return ok();
    }));
    return report;
}

Result<ConcentrationReport> Book::concentration_report(const ReportScope& scope) {
    ConcentrationReport report;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(auto settings, tx.load_settings());
        report.as_of = scope.as_of.value_or(settings.business_date);
        MF_TRY(auto names, load_names(tx));
        std::map<std::pair<int64_t, int64_t>, int64_t> pair_minor;
        std::map<int64_t, int64_t> client_minor;
        std::map<int64_t, int64_t> debtor_minor;
        std::map<std::string, int64_t> book_minor;
        MF_CHECK(tx.scan_invoices(open_funded(scope), [&](const Invoice& invoice) -> Status {
            if (!in_scope(scope, invoice))
                return ok();
            const int64_t outstanding = invoice.outstanding_minor();
            pair_minor[{invoice.client_id, invoice.debtor_id}] += outstanding;
            client_minor[invoice.client_id] += outstanding;
            debtor_minor[invoice.debtor_id] += outstanding;
            book_minor[std::string(invoice.currency.code())] += outstanding;
            return ok();
        }));
        for (const auto& [key, outstanding] : pair_minor) {
            const auto& client = names.clients[key.first];
            const auto& debtor = names.debtors[key.second];
            ConcentrationRow row{key.first,
                                 client.name,
                                 key.second,
                                 debtor.name,
                                 client.currency,
                                 outstanding,
                                 client_minor[key.first]};
            row.share_ppm =
                row.base_minor > 0
                    ? static_cast<int64_t>(static_cast<int128>(outstanding) * kPpmPerUnit / row.base_minor)
                    : 0;
            row.limit_ppm = client.terms.concentration_limit_ppm;
            row.breach = static_cast<int128>(outstanding) * kPpmPerUnit >
                         static_cast<int128>(row.limit_ppm) * row.base_minor;
            report.rows.push_back(row);
        }
        if (scope.client_id)
            return ok();  // a client sees its own concentrations only
        for (const auto& [debtor_id, outstanding] : debtor_minor) {
            const auto& debtor = names.debtors[debtor_id];
            ConcentrationRow row{0,
                                 "(book)",
                                 debtor_id,
                                 debtor.name,
                                 debtor.currency,
                                 outstanding,
                                 book_minor[std::string(debtor.currency.code())]};
            row.share_ppm =
                row.base_minor > 0
                    ? static_cast<int64_t>(static_cast<int128>(outstanding) * kPpmPerUnit / row.base_minor)
                    : 0;
            row.limit_ppm = 0;
            row.breach = outstanding > debtor.credit_limit_minor;
            report.rows.push_back(row);
        }
        return ok();
    }));
    std::stable_sort(report.rows.begin(), report.rows.end(), [](const auto& a, const auto& b) {
        return a.client_id != b.client_id ? a.client_id < b.client_id : a.share_ppm > b.share_ppm;
    });
    return report;
}

Result<ReserveReport> Book::reserve_report(const ReportScope& scope) {
    ReserveReport report;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(auto settings, tx.load_settings());
        report.as_of = settings.business_date;
        std::unordered_map<int64_t, int64_t> required, outstanding;
        MF_CHECK(tx.scan_invoices(open_funded(scope), [&](const Invoice& invoice) -> Status {
            required[invoice.client_id] += required_reserve_minor(invoice, settings.business_date, settings);
            outstanding[invoice.client_id] += invoice.outstanding_minor();
            return ok();
        }));
        MF_TRY(auto clients, tx.list_clients());
        for (const auto& client : clients) {
            if (scope.client_id && *scope.client_id != client.id)
                continue;
            if (scope.currency && !(*scope.currency == client.currency))
                continue;
            ReserveRow row;
            row.client_id = client.id;
            row.name = client.name;
            row.currency = client.currency;
            MF_TRY(auto reserve, tx.balance_minor(Account::client_reserve, client.currency, client.id));
            MF_TRY(auto receivables,
                   tx.balance_minor(Account::purchased_receivables, client.currency, client.id));
            MF_TRY(auto exposure, tx.exposure_minor({client.id, 0}));
            const ReserveFigures figures{-reserve, required[client.id]};
            row.reserve_minor = figures.reserve_minor;
            row.required_minor = figures.required_minor;
            row.releasable_minor = figures.releasable();
            row.shortfall_minor = figures.shortfall();
            row.funds_employed_minor = receivables + reserve;
            row.outstanding_minor = outstanding[client.id];
            row.availability_minor = std::max<int64_t>(0, client.terms.factoring_limit_minor - exposure);
            report.rows.push_back(row);
        }
        return ok();
    }));
    return report;
}

Result<TrialBalance> Book::trial_balance() {
    TrialBalance report;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(auto settings, tx.load_settings());
        report.as_of = settings.business_date;
        MF_TRY(auto balances, tx.stored_balances());
        std::map<std::pair<std::string, int>, TrialBalanceRow> rows;
        for (const auto& balance : balances) {
            auto& row = rows[{std::string(balance.currency.code()), static_cast<int>(balance.account)}];
            row.account = balance.account;
            row.currency = balance.currency;
            if (balance.amount_minor >= 0) {
                MF_TRY(row.debit_minor, checked_add(row.debit_minor, balance.amount_minor));
            } else {
                MF_TRY(row.credit_minor, checked_sub(row.credit_minor, balance.amount_minor));
            }
        }
        std::map<std::string, int128> net;
        for (auto& [key, row] : rows) {
            // An account shows one side: its net balance.
            const int64_t balance = row.debit_minor - row.credit_minor;
            row.debit_minor = balance > 0 ? balance : 0;
            row.credit_minor = balance < 0 ? -balance : 0;
            net[key.first] += balance;
            report.rows.push_back(row);
        }
        for (const auto& [code, sum] : net)
            report.balanced = report.balanced && sum == 0;
        return ok();
    }));
    return report;
}

}  // namespace mf
