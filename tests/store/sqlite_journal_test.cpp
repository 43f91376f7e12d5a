// The journal of the SQLite store (entries, stored balances and their pair assertion), exposure, and invoice
// scans.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <tuple>

#include "store/sqlite_test_support.hpp"

namespace mf::testing {
namespace {

auto balance_key(const BalanceRow& row) {
    return std::tuple(to_string(row.account), row.currency.code(), row.client_id, row.debtor_id,
                      row.amount_minor);
}

void expect_same_balances(const std::vector<BalanceRow>& a, const std::vector<BalanceRow>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i)
        EXPECT_EQ(balance_key(a[i]), balance_key(b[i])) << "row " << i;
}

class SqliteJournal : public BookTest {
  protected:
    // A funded invoice with its funding entry, as the book would write it.
    Result<Invoice> fund(Transaction& tx, const Parties& parties, std::string number, int64_t face_minor) {
        Invoice invoice =
            submitted_invoice(parties.client_id, parties.debtor_id, std::move(number), face_minor);
        MF_TRY(invoice.id, tx.insert_invoice(invoice));
        invoice.state = InvoiceState::funded;
        invoice.advance_minor = face_minor * 9 / 10;
        invoice.funded_on = day(2025, 3, 2);
        MF_CHECK(tx.update_invoice(invoice));
        ++invoice.version;
        MF_CHECK(tx.append_entry(fund_entry(day(2025, 3, 2), invoice, invoice.advance_minor, 0)));
        return invoice;
    }
};

TEST_F(SqliteJournal, ATransactionReadsItsOwnBalanceChangesAndARollbackKeepsNone) {
    Parties parties;
    write([&](Transaction& tx) -> Status {
        MF_TRY(parties, insert_parties(tx));
        MF_CHECK(tx.append_entry(capital_entry(day(2025, 3, 1), usd(), 10'000'00, "owner")));
        MF_TRY(auto cash, tx.balance_minor(Account::cash, usd(), 0));
        EXPECT_EQ(cash, 10'000'00);  // pending changes are written before a balance is read
        MF_CHECK(tx.append_entry(capital_entry(day(2025, 3, 1), usd(), 5'00, "more")));
        MF_TRY(auto invoice, fund(tx, parties, "P-1", 1'000'00));
        MF_TRY(auto exposure, tx.exposure_minor({parties.client_id, 0}));
        EXPECT_EQ(exposure, 1'000'00);
        (void)invoice;
        return ok();
    });
    auto failed = store->write([&](Transaction& tx) -> Status {
        MF_CHECK(tx.append_entry(capital_entry(day(2025, 3, 1), usd(), 7'00, "rolled back")));
        MF_TRY(auto cash, tx.balance_minor(Account::cash, usd(), 0));
        EXPECT_EQ(cash, 10'005'00 - 900'00 + 7'00);
        return make_error("test", "roll back");
    });
    ASSERT_FALSE(failed);
    read([&](Transaction& tx) -> Status {
        MF_TRY(auto cash, tx.balance_minor(Account::cash, usd(), 0));
        EXPECT_EQ(cash, 10'005'00 - 900'00);
        MF_TRY(auto stored, tx.stored_balances());
        MF_TRY(auto summed, tx.balances_from_postings());
        expect_same_balances(stored, summed);
        return ok();
    });
}

TEST_F(SqliteJournal, AppendEntryKeepsBalancesEqualToThePostings) {
    Parties parties;
    Invoice invoice;
    int64_t capital_id = 0;
    write([&](Transaction& tx) -> Status {
        MF_TRY(parties, insert_parties(tx));
        MF_TRY(capital_id, tx.append_entry(capital_entry(day(2025, 3, 1), usd(), 10'000'00, "owner")));
        MF_TRY(invoice, fund(tx, parties, "J-1", 1'000'00));
        MF_CHECK(tx.append_entry(apply_entry(day(2025, 3, 20), invoice, 400'00, ReceiptSource::cash)));
        MF_CHECK(tx.append_entry(
            fee_accrual_entry(day(2025, 3, 20), usd(), parties.client_id, 12'00, invoice.id)));
        MF_CHECK(tx.append_entry(capital_entry(day(2025, 3, 1), eur(), 5'00, "euro seed")));
        return ok();
    });
    read([&](Transaction& tx) -> Status {
        MF_TRY(auto stored, tx.stored_balances());
        MF_TRY(auto summed, tx.balances_from_postings());
        expect_same_balances(stored, summed);
        // capital 2, funding 3, fee 1 more (its reserve posting shares the client's reserve row), euro
        // capital 2
        EXPECT_EQ(stored.size(), 8u);

        MF_TRY(auto cash, tx.balance_minor(Account::cash, usd(), 0));
        EXPECT_EQ(cash, 10'000'00 - 900'00 + 400'00);
        MF_TRY(auto client_cash, tx.balance_minor(Account::cash, usd(), parties.client_id));
        EXPECT_EQ(client_cash, -900'00 + 400'00);
        MF_TRY(auto receivables, tx.balance_minor(Account::purchased_receivables, usd(), parties.client_id));
        EXPECT_EQ(receivables, 600'00);
        MF_TRY(auto reserve, tx.balance_minor(Account::client_reserve, usd(), parties.client_id));
        EXPECT_EQ(reserve, -100'00 + 12'00);
        MF_TRY(auto euro_cash, tx.balance_minor(Account::cash, eur(), 0));
        EXPECT_EQ(euro_cash, 5'00);
        MF_TRY(auto count, tx.count_entries());
        EXPECT_EQ(count, 5);
        return ok();
    });
}

TEST_F(SqliteJournal, PostingsOfOneEntryOnOneBalanceAddUp) {
    JournalEntry entry;  // four postings, two of them on the same balance
    entry.kind = EntryKind::capital_contributed;
    entry.effective_on = day(2025, 3, 1);
    entry.currency = usd();
    entry.add(Account::cash, 5'00);
    entry.add(Account::cash, 3'00);
    entry.add(Account::funding_capital, -7'00);
    entry.add(Account::funding_capital, -1'00);
    ASSERT_EQ(entry.posting_count, 4u);
    write([&](Transaction& tx) { return status_of(tx.append_entry(entry)); });
    read([&](Transaction& tx) -> Status {
        MF_TRY(auto stored, tx.stored_balances());
        MF_TRY(auto summed, tx.balances_from_postings());
        expect_same_balances(stored, summed);
        MF_TRY(auto cash, tx.balance_minor(Account::cash, usd(), 0));
        EXPECT_EQ(cash, 8'00);
        EXPECT_EQ(stored.size(), 2u);
        MF_TRY(auto entries, tx.entries_between(day(2025, 3, 1), day(2025, 3, 1), std::nullopt));
        EXPECT_EQ(entries.size(), 1u);
        if (!entries.empty()) {
            EXPECT_EQ(entries[0].posting_count, 4u);
            EXPECT_EQ(entries[0].postings[3].amount_minor, -1'00);
        }
        return ok();
    });
}

TEST_F(SqliteJournal, EntriesReadBackWithTheirPostings) {
    Parties parties;
    Invoice invoice;
    write([&](Transaction& tx) -> Status {
        MF_TRY(parties, insert_parties(tx));
        MF_CHECK(tx.append_entry(capital_entry(day(2025, 3, 1), usd(), 10'000'00, "owner")));
        MF_TRY(invoice, fund(tx, parties, "J-2", 1'000'00));
        MF_CHECK(
            tx.append_entry(apply_entry(day(2025, 2, 28), invoice, 1'000'00, ReceiptSource::unapplied_cash)));
        return ok();
    });
    read([&](Transaction& tx) -> Status {
        MF_TRY(auto of_invoice, tx.entries_of_invoice(invoice.id));
        EXPECT_EQ(of_invoice.size(), 2u);
        if (of_invoice.size() == 2) {
            const JournalEntry expected = fund_entry(day(2025, 3, 2), invoice, invoice.advance_minor, 0);
            const JournalEntry& funded = of_invoice[0];
            EXPECT_GT(funded.id, 0);
            EXPECT_EQ(funded.kind, EntryKind::invoice_funded);
            EXPECT_EQ(funded.effective_on, expected.effective_on);
            EXPECT_EQ(funded.currency, expected.currency);
            EXPECT_EQ(funded.memo, expected.memo);
            EXPECT_EQ(funded.posting_count, expected.posting_count);
            for (size_t i = 0; i < expected.posting_count; ++i) {
                EXPECT_EQ(funded.postings[i].account, expected.postings[i].account);
                EXPECT_EQ(funded.postings[i].amount_minor, expected.postings[i].amount_minor);
                EXPECT_EQ(funded.postings[i].client_id, expected.postings[i].client_id);
                EXPECT_EQ(funded.postings[i].debtor_id, expected.postings[i].debtor_id);
                EXPECT_EQ(funded.postings[i].invoice_id, expected.postings[i].invoice_id);
            }
            EXPECT_TRUE(funded.balanced());
            EXPECT_EQ(of_invoice[1].kind, EntryKind::receipt_applied);
        }
        // By effective date, then id: the backdated collection comes first.
        MF_TRY(auto march, tx.entries_between(day(2025, 2, 1), day(2025, 3, 31), std::nullopt));
        EXPECT_EQ(march.size(), 3u);
        if (march.size() == 3) {
            EXPECT_EQ(march[0].kind, EntryKind::receipt_applied);
        }
        MF_TRY(auto of_client, tx.entries_between(day(2025, 2, 1), day(2025, 3, 31), parties.client_id));
        EXPECT_EQ(of_client.size(), 2u);  // not the owner's capital
        MF_TRY(auto first_day, tx.entries_between(day(2025, 3, 1), day(2025, 3, 1), std::nullopt));
        EXPECT_EQ(first_day.size(), 1u);  // both ends inclusive
        return ok();
    });
}

TEST_F(SqliteJournal, ReceivablesAreSummedPerInvoice) {
    Parties parties;
    Invoice first, second;
    write([&](Transaction& tx) -> Status {
        MF_TRY(parties, insert_parties(tx));
        MF_TRY(first, fund(tx, parties, "S-1", 100'00));
        MF_TRY(second, fund(tx, parties, "S-2", 250'00));
        MF_CHECK(tx.append_entry(apply_entry(day(2025, 3, 9), first, 100'00, ReceiptSource::cash)));
        MF_CHECK(tx.append_entry(apply_entry(day(2025, 3, 9), second, 50'00, ReceiptSource::cash)));
        return ok();
    });
    std::vector<std::pair<int64_t, int64_t>> sums;
    read([&](Transaction& tx) {
        return tx.scan_receivables_by_invoice([&](int64_t invoice_id, int64_t minor) -> Status {
            sums.emplace_back(invoice_id, minor);
            return ok();
        });
    });
    const std::vector<std::pair<int64_t, int64_t>> expected{{first.id, 0}, {second.id, 200'00}};
    EXPECT_EQ(sums, expected);
}

TEST_F(SqliteJournal, ExposureCountsOutstandingPlusApprovedFace) {
    Parties a, b;  // b: a second client and debtor
    write([&](Transaction& tx) -> Status {
        MF_TRY(a, insert_parties(tx));
        MF_TRY(b, insert_parties(tx));
        MF_TRY(auto funded, fund(tx, a, "E-1", 1'000'00));
        MF_CHECK(tx.append_entry(apply_entry(day(2025, 3, 9), funded, 300'00, ReceiptSource::cash)));
        MF_CHECK(fund(tx, Parties{a.client_id, b.debtor_id}, "E-2", 500'00));
        Invoice approved = submitted_invoice(a.client_id, a.debtor_id, "E-3", 200'00);
        approved.state = InvoiceState::approved;
        MF_CHECK(tx.insert_invoice(approved));
        Invoice other = submitted_invoice(b.client_id, a.debtor_id, "E-4", 80'00);
        other.state = InvoiceState::approved;
        MF_CHECK(tx.insert_invoice(other));
        MF_CHECK(tx.insert_invoice(submitted_invoice(a.client_id, a.debtor_id, "E-5", 9'00)));  // not counted
        return ok();
    });
    read([&](Transaction& tx) -> Status {
        MF_TRY(auto client_a, tx.exposure_minor({a.client_id, 0}));
        EXPECT_EQ(client_a, 700'00 + 500'00 + 200'00);
        MF_TRY(auto debtor_a, tx.exposure_minor({0, a.debtor_id}));
        EXPECT_EQ(debtor_a, 700'00 + 200'00 + 80'00);
        MF_TRY(auto pair, tx.exposure_minor({a.client_id, a.debtor_id}));
        EXPECT_EQ(pair, 700'00 + 200'00);
        MF_TRY(auto client_b, tx.exposure_minor({b.client_id, 0}));
        EXPECT_EQ(client_b, 80'00);
        MF_TRY(auto book, tx.exposure_minor({}));
        EXPECT_EQ(book, 700'00 + 500'00 + 200'00 + 80'00);
        return ok();
    });
}

class SqliteScan : public SqliteJournal {
  protected:
    void SetUp() override {
        SqliteJournal::SetUp();
        // 12 invoices: clients a/b alternate, debtor a for the first 6, states cycle over three.
        write([&](Transaction& tx) -> Status {
            MF_TRY(a, insert_parties(tx));
            MF_TRY(b, insert_parties(tx));
            MF_TRY(schedule_id, tx.insert_schedule(Schedule{0, a.client_id, usd(), day(2025, 3, 1),
                                                            ScheduleState::open, std::nullopt, 0}));
            const InvoiceState states[] = {InvoiceState::submitted, InvoiceState::approved,
                                           InvoiceState::funded};
            for (int i = 0; i < 12; ++i) {
                const int64_t client = i % 2 == 0 ? a.client_id : b.client_id;
                const int64_t debtor = i < 6 ? a.debtor_id : b.debtor_id;
                Invoice invoice = submitted_invoice(client, debtor, "N-" + std::to_string(i), 100'00 + i);
                invoice.state = states[i % 3];
                invoice.schedule_id = i < 4 ? schedule_id : 0;
                MF_TRY(const int64_t id, tx.insert_invoice(invoice));
                ids.push_back(id);
            }
            return ok();
        });
    }

    std::vector<int64_t> scanned(const InvoiceFilter& filter) {
        std::vector<int64_t> found;
        read([&](Transaction& tx) -> Status {
            MF_TRY(auto invoices, tx.list_invoices(filter));
            for (const Invoice& invoice : invoices)
                found.push_back(invoice.id);
            return ok();
        });
        return found;
    }

    std::vector<int64_t> ids_at(std::initializer_list<int> positions) const {
        std::vector<int64_t> result;
        for (const int position : positions)
            result.push_back(ids[static_cast<size_t>(position)]);
        return result;
    }

    Parties a, b;
    int64_t schedule_id = 0;
    std::vector<int64_t> ids;
};

// A filter from its parts (designated initializers would leave members unnamed, which -Wextra flags).
InvoiceFilter where(std::optional<int64_t> client_id, std::optional<int64_t> debtor_id = std::nullopt,
                    std::optional<int64_t> schedule_id = std::nullopt, std::vector<InvoiceState> states = {},
                    int64_t limit = 0) {
    InvoiceFilter filter;
    filter.client_id = client_id;
    filter.debtor_id = debtor_id;
    filter.schedule_id = schedule_id;
    filter.states = std::move(states);
    filter.limit = limit;
    return filter;
}

TEST_F(SqliteScan, FiltersCombine) {
    constexpr auto any = std::nullopt;
    EXPECT_EQ(scanned({}), ids);
    EXPECT_EQ(scanned(where(a.client_id)), ids_at({0, 2, 4, 6, 8, 10}));
    EXPECT_EQ(scanned(where(any, b.debtor_id)), ids_at({6, 7, 8, 9, 10, 11}));
    EXPECT_EQ(scanned(where(a.client_id, a.debtor_id)), ids_at({0, 2, 4}));
    EXPECT_EQ(scanned(where(any, any, schedule_id)), ids_at({0, 1, 2, 3}));
    EXPECT_EQ(scanned(where(any, any, any, {InvoiceState::funded})), ids_at({2, 5, 8, 11}));
    EXPECT_EQ(
        scanned(where(any, any, any, {InvoiceState::funded, InvoiceState::submitted, InvoiceState::funded})),
        ids_at({0, 2, 3, 5, 6, 8, 9, 11}));
    EXPECT_EQ(scanned(where(b.client_id, any, any, {InvoiceState::approved})), ids_at({1, 7}));
    EXPECT_EQ(scanned(where(any, any, any, {InvoiceState::closed})), std::vector<int64_t>{});
}

TEST_F(SqliteScan, PagesByKeyset) {
    std::vector<int64_t> all;
    InvoiceFilter page = where(a.client_id, std::nullopt, std::nullopt, {}, 4);
    for (int pages = 0; pages < 10; ++pages) {
        const auto found = scanned(page);
        if (found.empty())
            break;
        EXPECT_LE(found.size(), 4u);
        all.insert(all.end(), found.begin(), found.end());
        page.after_id = found.back();
    }
    EXPECT_EQ(all, ids_at({0, 2, 4, 6, 8, 10}));
}

TEST_F(SqliteScan, TheCallbackMayStopTheScanOrNestAnother) {
    int seen = 0;
    const Error stop = make_error("stop", "enough");
    auto stopped = store->read([&](Transaction& tx) {
        return tx.scan_invoices({}, [&](const Invoice&) -> Status {
            if (++seen == 3)
                return stop;
            return ok();
        });
    });
    ASSERT_FALSE(stopped);
    EXPECT_EQ(stopped.error(), stop);
    EXPECT_EQ(seen, 3);

    // The same query inside its own callback (the cached statement is busy): still correct.
    int pairs = 0;
    read([&](Transaction& tx) {
        return tx.scan_invoices(where(a.client_id), [&](const Invoice&) {
            return tx.scan_invoices(where(a.client_id), [&](const Invoice&) -> Status {
                ++pairs;
                return ok();
            });
        });
    });
    EXPECT_EQ(pairs, 36);
}

// The pair assertion over random journals: whatever entries are appended to a book, its stored balances equal
// the sums of its postings. One book for all the cases, so each case extends a longer journal.
TEST_F(SqliteJournal, StoredBalancesEqualPostingSumsOverRandomJournals) {
    std::vector<int64_t> clients{0};
    write([&](Transaction& tx) -> Status {
        for (int i = 0; i < 3; ++i) {
            MF_TRY(const int64_t id, tx.insert_client(sample_client()));
            clients.push_back(id);
        }
        return ok();
    });
    EXPECT_TRUE(rc::check([&] {
        const auto amounts =
            *rc::gen::container<std::vector<int64_t>>(rc::gen::inRange<int64_t>(1, 1'000'000));
        const auto picks =
            *rc::gen::container<std::vector<size_t>>(amounts.size(), rc::gen::inRange<size_t>(0, 4));
        RC_ASSERT(store
                      ->write([&](Transaction& tx) -> Status {
                          for (size_t i = 0; i < amounts.size(); ++i) {
                              const int64_t client = clients[picks[i]];
                              MF_CHECK(tx.append_entry(
                                  client == 0 ? capital_entry(day(2025, 1, 1), usd(), amounts[i], "")
                                              : rebate_entry(day(2025, 1, 2), usd(), client, amounts[i])));
                          }
                          return ok();
                      })
                      .has_value());
        std::vector<BalanceRow> stored, summed;
        RC_ASSERT(store
                      ->read([&](Transaction& tx) -> Status {
                          MF_TRY(stored, tx.stored_balances());
                          MF_TRY(summed, tx.balances_from_postings());
                          return ok();
                      })
                      .has_value());
        RC_ASSERT(stored.size() == summed.size());
        for (size_t i = 0; i < stored.size(); ++i)
            RC_ASSERT(balance_key(stored[i]) == balance_key(summed[i]));
    }));
}

}  // namespace
}  // namespace mf::testing
