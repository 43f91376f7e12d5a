// verify: the pair assertion of the book. Every stored balance and every running sum of the day's flows is
// recomputed from the postings, every invoice's purchased receivable from its postings and every client's fee
// income from its invoices' fees.
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "book/book.hpp"
#include "book/internal.hpp"
#include "core/accrual.hpp"
#include "core/ids.hpp"
#include "core/limits.hpp"

namespace mf {

using namespace detail;

namespace {

using BalanceKey = std::tuple<int, std::string, int64_t, int64_t>;

BalanceKey key_of(const BalanceRow& row) {
    return {static_cast<int>(row.account), std::string(row.currency.code()), row.client_id, row.debtor_id};
}

std::string describe(const BalanceRow& row) {
    return std::string(to_string(row.account)) + " " + std::string(row.currency.code()) + " client " +
           std::to_string(row.client_id) + " debtor " + std::to_string(row.debtor_id);
}

Status compare_balances(Transaction& tx, const PostingSums& sums, VerifyReport& report) {
    MF_TRY(auto stored, tx.stored_balances());
    const auto& recomputed = sums.balances;
    std::map<BalanceKey, std::pair<int64_t, int64_t>> both;
    std::map<BalanceKey, BalanceRow> rows;
    for (const auto& row : stored) {
        both[key_of(row)].first = row.amount_minor;
        rows[key_of(row)] = row;
    }
    for (const auto& row : recomputed) {
        both[key_of(row)].second = row.amount_minor;
        rows[key_of(row)] = row;
    }
    std::map<std::string, int128> per_currency;
    for (const auto& [key, amounts] : both) {
        ++report.balances_checked;
        per_currency[std::get<1>(key)] += amounts.second;
        if (amounts.first != amounts.second) {
            report.problems.push_back("stored balance " + describe(rows[key]) + " is " +
                                      std::to_string(amounts.first) + " but its postings sum to " +
                                      std::to_string(amounts.second));
        }
    }
    for (const auto& [code, sum] : per_currency) {
        if (sum != 0)
            report.problems.push_back("the postings in " + code + " do not sum to zero");
    }
    for (const int64_t id : sums.unbalanced_entries) {
        report.problems.push_back("journal entry " + format_id(IdKind::entry, id) + " does not balance");
    }
    return ok();
}

// The running sums of the day's flows (close-day's snapshot and the client statements read them) against the
// same summed from the postings, per day, currency, entry kind, account and client; a missing row is 0.
Status compare_flows(Transaction& tx, const PostingSums& sums, VerifyReport& report) {
    using FlowKey = std::tuple<int32_t, std::string, std::string, std::string, int64_t>;
    const auto key_of_flow = [](const FlowRow& row) {
        return FlowKey{row.on.days_since_epoch(), std::string(row.currency.code()),
                       std::string(to_string(row.kind)), std::string(to_string(row.account)), row.client_id};
    };
    MF_TRY(const auto stored, tx.stored_flows());
    std::map<FlowKey, std::pair<int64_t, int64_t>> both;  // (stored, from the postings)
    std::map<FlowKey, Date> days;
    for (const auto& row : stored) {
        both[key_of_flow(row)].first += row.amount_minor;
        days.emplace(key_of_flow(row), row.on);
    }
    for (const auto& row : sums.flows) {
        both[key_of_flow(row)].second += row.amount_minor;
        days.emplace(key_of_flow(row), row.on);
    }
    for (const auto& [key, amounts] : both) {
        ++report.flows_checked;
        if (amounts.first == amounts.second)
            continue;
        const auto& [day, currency, kind, account, client_id] = key;
        report.problems.push_back(
            "stored flow of " + days[key].to_string() + " " + kind + " " + account + " " + currency +
            (client_id != 0 ? " client " + format_id(IdKind::client, client_id) : std::string(" no client")) +
            " is " + std::to_string(amounts.first) + " but its postings sum to " +
            std::to_string(amounts.second));
    }
    return ok();
}

// Every invoice in one pass of its figures, in id order beside its receivable from the postings (also in
// invoice order): the receivable it should carry, the fee income and the required reserve of its client.
Status compare_invoices(Transaction& tx, const BookSettings& settings, const PostingSums& sums,
                        VerifyReport& report) {
    const auto& receivable = sums.receivables_by_invoice;  // (invoice id, minor), ascending ids
    size_t next = 0;
    struct ClientSums {
        int64_t fees_minor = 0;
        int64_t required_minor = 0;
    };
    std::unordered_map<int64_t, ClientSums> by_client;
    MF_CHECK(tx.scan_invoice_figures({}, [&](const Invoice& invoice) -> Status {
        ++report.invoices_checked;
        const int64_t outstanding = invoice.outstanding_minor();
        while (next < receivable.size() && receivable[next].first < invoice.id)
            ++next;
        const int64_t from_postings =
            next < receivable.size() && receivable[next].first == invoice.id ? receivable[next].second : 0;
        const int64_t expected = invoice.state == InvoiceState::funded ? outstanding : 0;
        if (outstanding < 0) {
            report.problems.push_back("invoice " + format_id(IdKind::invoice, invoice.id) +
                                      " owes a negative amount");
        }
        if (from_postings != expected) {
            report.problems.push_back("invoice " + format_id(IdKind::invoice, invoice.id) + " (" +
                                      std::string(to_string(invoice.state)) + ") should carry " +
                                      std::to_string(expected) + " of purchased receivables, postings say " +
                                      std::to_string(from_postings));
        }
        auto& totals = by_client[invoice.client_id];
        MF_TRY(auto fee, fee_posted_minor(invoice, settings.last_closed_on));
        totals.fees_minor += fee;
        totals.required_minor += required_reserve_minor(invoice, settings.business_date, settings);
        return ok();
    }));
    MF_TRY(auto clients, tx.list_clients());
    for (const auto& client : clients) {
        const ClientSums totals = by_client[client.id];
        MF_TRY(auto stored_required, tx.required_reserve_minor(client.id));
        if (stored_required != totals.required_minor) {
            report.problems.push_back("client " + format_id(IdKind::client, client.id) +
                                      " stored required reserve " + std::to_string(stored_required) +
                                      " differs from its open invoices' " +
                                      std::to_string(totals.required_minor));
        }
        MF_TRY(auto fee_income, tx.balance_minor(Account::fee_income, client.currency, client.id));
        if (-fee_income != totals.fees_minor) {
            report.problems.push_back("client " + format_id(IdKind::client, client.id) + " fee income " +
                                      std::to_string(-fee_income) +
                                      " differs from its invoices' fees to date " +
                                      std::to_string(totals.fees_minor));
        }
    }
    return ok();
}

}  // namespace

Result<VerifyReport> Book::verify() {
    VerifyReport report;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(auto settings, tx.load_settings());
        MF_TRY(report.entries, tx.count_entries());
        MF_TRY(const auto sums, tx.posting_sums());
        MF_CHECK(compare_balances(tx, sums, report));
        MF_CHECK(compare_flows(tx, sums, report));
        return compare_invoices(tx, settings, sums, report);
    }));
    return report;
}

}  // namespace mf
