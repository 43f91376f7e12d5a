// Books out: the journal export, streamed a page of entries at a time from one read transaction.
#include <algorithm>
#include <set>
#include <tuple>

#include "book/book.hpp"

namespace mf {
namespace {

using formats::JournalAccount;

// Invoice numbers are looked up per page and kept while they fit: a collection finds its invoice's number
// again, and memory stays bounded however long the journal.
constexpr size_t kInvoiceNamesMax = 100'000;

// The header: the book's currencies and every account its stored balances name (the same per-client and
// per-debtor keys as the sub-accounts), so the file declares each account before the entries post to it.
Result<formats::JournalHeader> header_of(Transaction& tx, const JournalExportRequest& request, Date from,
                                         Date to) {
    formats::JournalHeader header;
    MF_TRY(auto settings, tx.load_settings());
    header.title = "microfactor journal, business date " + settings.business_date.to_string();
    if (request.from || request.to)
        header.title += ", entries effective " + from.to_string() + " to " + to.to_string();
    header.opened_on = from;
    MF_TRY(auto balances, tx.stored_balances());
    auto key = [](const JournalAccount& a) {
        return std::tuple(static_cast<int>(a.account), a.client_id, a.debtor_id);
    };
    std::set<std::tuple<int, int64_t, int64_t>> seen;
    std::set<std::string_view> codes;
    for (const BalanceRow& row : balances) {
        if (codes.insert(row.currency.code()).second)
            header.currencies.push_back(row.currency);
        const auto account = formats::journal_account(row.account, row.client_id, row.debtor_id);
        if (seen.insert(key(account)).second)
            header.accounts.push_back(account);
    }
    std::ranges::sort(header.currencies, {}, [](const Currency& c) { return c.code(); });
    std::ranges::sort(header.accounts, {}, key);
    return header;
}

Status load_party_names(Transaction& tx, formats::JournalNames& names) {
    MF_TRY(auto clients, tx.list_clients());
    for (auto& client : clients)
        names.clients.emplace(client.id, std::move(client.name));
    MF_TRY(auto debtors, tx.list_debtors());
    for (auto& debtor : debtors)
        names.debtors.emplace(debtor.id, std::move(debtor.name));
    return ok();
}

Status load_invoice_numbers(Transaction& tx, const std::vector<JournalEntry>& page,
                            formats::JournalNames& names) {
    if (names.invoices.size() > kInvoiceNamesMax)
        names.invoices.clear();
    for (const JournalEntry& entry : page) {
        for (const Posting& posting : entry) {
            if (posting.invoice_id == 0 || names.invoices.contains(posting.invoice_id))
                continue;
            MF_TRY(auto invoice, tx.find_invoice(posting.invoice_id));
            names.invoices.emplace(posting.invoice_id, invoice ? invoice->number : std::string());
        }
    }
    return ok();
}

}  // namespace

Result<JournalExportSummary> Book::export_journal(const JournalExportRequest& request,
                                                  const ExportSink& sink) {
    const Date from = request.from.value_or(Date::from_days(0));
    MF_TRY(const Date last_day, Date::from_ymd(9999, 12, 31));
    const Date to = request.to.value_or(last_day);
    if (to < from)
        return make_error("invalid_period", "the period ends before it starts", "to");
    MF_ASSERT(request.entries_per_page > 0);
    JournalExportSummary summary;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        formats::JournalNames names;
        MF_CHECK(load_party_names(tx, names));
        MF_TRY(auto header, header_of(tx, request, from, to));
        std::string chunk;
        formats::append_journal_header(chunk, request.format, header, names);
        int64_t after_id = 0;
        while (true) {
            summary.bytes += static_cast<int64_t>(chunk.size());
            MF_CHECK(sink(chunk));
            chunk.clear();
            MF_TRY(auto page, tx.entries_page(from, to, after_id, request.entries_per_page));
            if (page.empty())
                return ok();
            MF_CHECK(load_invoice_numbers(tx, page, names));
            for (const JournalEntry& entry : page) {
                MF_ASSERT(entry.id > after_id);
                MF_ASSERT(entry.balanced());
                formats::append_journal_entry(chunk, request.format, entry, names);
                summary.postings += static_cast<int64_t>(entry.posting_count);
                after_id = entry.id;
            }
            summary.entries += static_cast<int64_t>(page.size());
        }
    }));
    return summary;
}

}  // namespace mf
