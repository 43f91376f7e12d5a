// The journal export of a book (SQLite, and PostgreSQL when the suite runs there): every entry once, in id
// order, a page at a time, and the postings sum to the trial balance.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/ids.hpp"
#include "fixture.hpp"
#include "formats/csv.hpp"

namespace mf::testing {
namespace {

class Exports : public BookTest {
  protected:
    void SetUp() override {
        BookTest::SetUp();
        ASSERT_TRUE(book->contribute_capital(staff, {Money{500'000'00, usd()}, "owner; \"seed\"\ncapital"}));
        const Client client = add_client("daily 3%/30d");
        const Debtor debtor = add_debtor();
        for (int64_t face : {1'000'00, 2'500'50, 730'25})
            fund_one(client, debtor, face);
        ASSERT_TRUE(book->charge_client(staff, {client.id, "other", 12'34, 0, "=SUM(A1) @ two  spaces"}));
        close_through(date(2026, 6, 5));
    }

    struct Exported {
        std::string text;
        int chunks = 0;
        JournalExportSummary summary;
    };
    Exported export_journal(const JournalExportRequest& request) {
        Exported out;
        out.summary = must(book->export_journal(request, [&](std::string_view chunk) -> Status {
            out.text += chunk;
            ++out.chunks;
            return ok();
        }));
        return out;
    }

    int64_t entry_count() {
        int64_t count = 0;
        EXPECT_TRUE(book->store().read([&](Transaction& tx) -> Status {
            MF_TRY(count, tx.count_entries());
            return ok();
        }));
        return count;
    }
};

TEST_F(Exports, CsvHoldsEveryEntryOnceInIdOrderAndSumsToTheTrialBalance) {
    JournalExportRequest request;
    request.format = formats::JournalFormat::csv;
    request.entries_per_page = 2;
    const auto exported = export_journal(request);
    const int64_t entries = entry_count();
    ASSERT_GT(entries, 6);
    EXPECT_EQ(exported.summary.entries, entries);
    EXPECT_EQ(exported.summary.bytes, static_cast<int64_t>(exported.text.size()));
    // The header, then one chunk per page of two.
    EXPECT_EQ(exported.chunks, 1 + static_cast<int>((entries + 1) / 2));

    auto table = must(formats::read_csv(exported.text));
    EXPECT_EQ(static_cast<int64_t>(table.rows.size()), exported.summary.postings);
    std::set<int64_t> seen;
    int64_t last = 0;
    std::map<std::pair<std::string, std::string>, int64_t> sums;
    for (const auto& row : table.rows) {
        const int64_t id = must(parse_id(IdKind::entry, table.field(row, table.column("entry_id")), "entry"));
        EXPECT_GE(id, last);
        last = id;
        seen.insert(id);
        const auto currency = std::string(table.field(row, table.column("currency")));
        const auto debit = table.field(row, table.column("debit"));
        const auto credit = table.field(row, table.column("credit"));
        const int64_t minor = debit.empty() ? -must(parse_money(credit, currency)).minor
                                            : must(parse_money(debit, currency)).minor;
        sums[{std::string(table.field(row, table.column("account"))), currency}] += minor;
    }
    EXPECT_EQ(static_cast<int64_t>(seen.size()), entries);
    for (const auto& row : must(book->trial_balance()).rows) {
        const auto key = std::pair(std::string(to_string(row.account)), std::string(row.currency.code()));
        EXPECT_EQ(sums[key], row.debit_minor - row.credit_minor) << key.first;
    }
    EXPECT_NE(exported.text.find(",'=SUM(A1) @ two  spaces,"), std::string::npos) << "a formula is defused";
}

TEST_F(Exports, JournalDeclaresWhatItUsesAndAPeriodKeepsItsEntries) {
    JournalExportRequest request;
    request.format = formats::JournalFormat::hledger;
    const auto whole = export_journal(request).text;
    EXPECT_NE(whole.find("commodity USD\n    format USD 1000.00\n"), std::string::npos);
    EXPECT_NE(whole.find("account assets:purchased_receivables:cli_1:dbt_1\n"), std::string::npos);
    EXPECT_NE(whole.find("account liabilities:client_reserve:cli_1\n"), std::string::npos);
    EXPECT_NE(whole.find("; cli_1  Client 1\n"), std::string::npos);
    EXPECT_NE(whole.find("capital_contributed | owner, \"seed\" capital\n"), std::string::npos);
    EXPECT_NE(whole.find("        ; invoice_number: N-1\n"), std::string::npos);

    request.from = date(2026, 6, 3);
    request.to = date(2026, 6, 3);
    const auto period = export_journal(request);
    EXPECT_GT(period.summary.entries, 0);
    EXPECT_LT(period.summary.entries, entry_count());
    EXPECT_EQ(period.text.find("\n2026-06-01 "), std::string::npos);
    EXPECT_NE(period.text.find("\n2026-06-03 * (jrn_"), std::string::npos);

    request.to = date(2026, 6, 2);
    auto backwards = book->export_journal(request, [](std::string_view) { return ok(); });
    ASSERT_FALSE(backwards);
    EXPECT_EQ(backwards.error().code, "invalid_period");
}

TEST_F(Exports, ASinkErrorStopsTheExport) {
    JournalExportRequest request;
    request.format = formats::JournalFormat::beancount;
    request.entries_per_page = 1;
    int calls = 0;
    auto stopped = book->export_journal(request, [&](std::string_view) -> Status {
        if (++calls == 3)
            return make_error("storage_error", "disk full");
        return ok();
    });
    ASSERT_FALSE(stopped);
    EXPECT_EQ(stopped.error().code, "storage_error");
    EXPECT_EQ(calls, 3);
}

}  // namespace
}  // namespace mf::testing
