// The fast paths of large books against the plain ones: approvals in one batch count the invoices approved
// before them in the batch; the figures-only invoice scan reads what the full scan reads; the postings summed
// in one pass equal the three set-based queries; close-day's fees and reserves, day after day, equal what
// the invoices read whole say.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "core/accrual.hpp"
#include "core/limits.hpp"
#include "fixture.hpp"

namespace mf::testing {
namespace {

class BatchPaths : public BookTest {};

TEST_F(BatchPaths, ApprovalsInOneBatchCountTheInvoicesApprovedBeforeThem) {
    const auto client = add_client("daily 2%/30d", 900'000, 2'500'00);
    const auto d1 = add_debtor(1'500'00), d2 = add_debtor();
    const auto ids = submit(client, {{d1.id, 1'000'00},  // approved: client 1,000, debtor 1,000
                                     {d1.id, 600'00},    // debtor would owe 1,600 > 1,500: held
                                     {d2.id, 900'00},    // approved: client 1,900
                                     {d2.id, 700'00},    // client would owe 2,600 > 2,500: held
                                     {d1.id, 400'00},    // approved: client 2,300, debtor 1,400
                                     {d2.id, 200'00}});  // approved: client 2,500, at the limit
    const auto outcomes = must(book->approve_invoices(staff, {ids, ""}));
    ASSERT_EQ(outcomes.size(), 6u);
    EXPECT_TRUE(outcomes[0].approved);
    EXPECT_FALSE(outcomes[1].approved);
    EXPECT_EQ(outcomes[1].rules, "debtor_credit_limit");
    EXPECT_TRUE(outcomes[2].approved);
    EXPECT_FALSE(outcomes[3].approved);
    EXPECT_EQ(outcomes[3].rules, "client_limit");
    EXPECT_TRUE(outcomes[4].approved);
    EXPECT_TRUE(outcomes[5].approved);
    // The next batch starts from the stored figures: the client is at its limit.
    const auto more = submit(client, {{d2.id, 1}});
    const auto next = must(book->approve_invoices(staff, {more, ""}));
    EXPECT_EQ(next.at(0).rules, "client_limit");
    // An override in a batch moves the figures too: after it, a small invoice breaks the debtor's limit.
    const auto over = submit(client, {{d1.id, 100'00}, {d1.id, 50'00}});
    const auto overridden = must(book->approve_invoices(staff, {over, "limit raise agreed"}));
    EXPECT_TRUE(overridden.at(0).approved);
    EXPECT_EQ(overridden.at(0).rules, "client_limit");
    EXPECT_EQ(overridden.at(1).rules, "client_limit,debtor_credit_limit");
    expect_clean();
}

TEST_F(BatchPaths, TheFiguresScanReadsWhatTheFullScanReads) {
    varied_book();
    std::vector<Invoice> whole, figures;
    ASSERT_TRUE(book->store().read([&](Transaction& tx) -> Status {
        MF_CHECK(tx.scan_invoices({}, [&](const Invoice& invoice) -> Status {
            whole.push_back(invoice);
            return ok();
        }));
        return tx.scan_invoice_figures({}, [&](const Invoice& invoice) -> Status {
            figures.push_back(invoice);
            return ok();
        });
    }));
    ASSERT_EQ(whole.size(), 6u);
    ASSERT_EQ(figures.size(), whole.size());
    std::set<InvoiceState> states;
    for (size_t i = 0; i < whole.size(); ++i) {
        const Invoice &w = whole[i], &f = figures[i];
        states.insert(w.state);
        EXPECT_EQ(f.id, w.id);
        EXPECT_EQ(f.client_id, w.client_id);
        EXPECT_EQ(f.debtor_id, w.debtor_id);
        EXPECT_EQ(f.currency, w.currency);
        EXPECT_EQ(f.face_minor, w.face_minor);
        EXPECT_EQ(f.issue_date, w.issue_date);
        EXPECT_EQ(f.due_date, w.due_date);
        EXPECT_EQ(f.state, w.state);
        EXPECT_EQ(f.disputed, w.disputed);
        EXPECT_EQ(f.advance_rate_ppm, w.advance_rate_ppm);
        EXPECT_EQ(f.fee_schedule, w.fee_schedule);
        EXPECT_EQ(f.clearance_days, w.clearance_days);
        EXPECT_EQ(f.recourse, w.recourse);
        EXPECT_EQ(f.recourse_days, w.recourse_days);
        EXPECT_EQ(f.funded_on, w.funded_on);
        EXPECT_EQ(f.advance_minor, w.advance_minor);
        EXPECT_EQ(f.outstanding_minor(), w.outstanding_minor());
        EXPECT_EQ(f.collected_minor, w.collected_minor);
        EXPECT_EQ(f.fee_settled_minor, w.fee_settled_minor);
        EXPECT_TRUE(f.number.empty());  // not read
    }
    EXPECT_EQ(states.size(), 4u);  // funded, closed, rejected, submitted
    // A filtered scan: the funded ones only.
    int64_t funded = 0;
    ASSERT_TRUE(book->store().read([&](Transaction& tx) -> Status {
        InvoiceFilter filter;
        filter.states = {InvoiceState::funded};
        return tx.scan_invoice_figures(filter, [&](const Invoice& invoice) -> Status {
            EXPECT_EQ(invoice.state, InvoiceState::funded);
            ++funded;
            return ok();
        });
    }));
    EXPECT_EQ(funded, 3);
}

TEST_F(BatchPaths, PostingSumsInOnePassEqualTheThreeQueries) {
    varied_book();
    PostingSums fast, plain;
    ASSERT_TRUE(book->store().read([&](Transaction& tx) -> Status {
        MF_TRY(fast, tx.posting_sums());
        MF_TRY(plain, tx.Transaction::posting_sums());
        return ok();
    }));
    ASSERT_EQ(fast.balances.size(), plain.balances.size());
    for (size_t i = 0; i < fast.balances.size(); ++i) {
        const auto &f = fast.balances[i], &p = plain.balances[i];
        EXPECT_EQ(std::tuple(f.account, f.currency.code(), f.client_id, f.debtor_id, f.amount_minor),
                  std::tuple(p.account, p.currency.code(), p.client_id, p.debtor_id, p.amount_minor))
            << "row " << i;
    }
    EXPECT_EQ(fast.receivables_by_invoice, plain.receivables_by_invoice);
    EXPECT_EQ(fast.receivables_by_invoice.size(), 4u);  // every invoice ever funded, paid or not
    EXPECT_EQ(fast.unbalanced_entries, plain.unbalanced_entries);
    EXPECT_TRUE(fast.unbalanced_entries.empty());
}

// The flows (reports, close-day's snapshot), kept as running sums per day (daily_flows), equal the postings
// of the period's entries summed by day, currency, kind and account, in the GROUP BY's order; with a client,
// only the postings carrying it.
TEST_F(BatchPaths, FlowsAreThePostingsSummedByDayKindAndAccount) {
    varied_book();
    const Date from = date(2026, 6, 1), to = date(2026, 6, 5);
    for (const std::optional<int64_t> client : {std::optional<int64_t>{}, std::optional<int64_t>{1}}) {
        std::map<FlowKey, int64_t> expected, got;
        ASSERT_TRUE(book->store().read(
            [&](Transaction& tx) { return flows_both_ways(tx, from, to, client, expected, got); }));
        EXPECT_EQ(got, expected);
        EXPECT_GT(got.size(), 5u);
    }
}

// Verify's one pass over the postings still finds what was changed behind the book's back (SQLite: the test
// writes to the file directly): a stored balance, a posting's amount (append-only but for a dropped trigger)
// and an invoice's movements.
TEST_F(BatchPaths, VerifyInOnePassFindsEachTamperedFigure) {
    if (url().rfind("sqlite:", 0) != 0)
        GTEST_SKIP() << "tampers with the SQLite file";
    varied_book();
    expect_clean();
    const std::string path = url().substr(7);
    const auto tamper = [&](const char* sql) {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
        char* message = nullptr;
        EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, &message), SQLITE_OK) << (message ? message : "");
        sqlite3_free(message);
        sqlite3_close(db);
    };
    const auto problems = [&] { return must(book->verify()).problems; };
    const auto mentions = [](const std::vector<std::string>& found, const std::string& part) {
        return std::any_of(found.begin(), found.end(),
                           [&](const std::string& p) { return p.find(part) != std::string::npos; });
    };

    tamper("UPDATE balances SET amount_minor = amount_minor + 1 WHERE account = 'cash'");
    auto found = problems();
    EXPECT_TRUE(mentions(found, "stored balance cash USD")) << found.size();
    tamper("UPDATE balances SET amount_minor = amount_minor - 1 WHERE account = 'cash'");
    EXPECT_TRUE(problems().empty());

    // The running sums of the day's flows: one changed, then the funding flows of one day gone, then all of
    // them filled again from the postings as migration 12 does: clean again.
    tamper(
        "UPDATE daily_flows SET amount_minor = amount_minor + 5 WHERE kind = 'invoice_funded' AND "
        "account = 'purchased_receivables' AND on_date = (SELECT MIN(on_date) FROM daily_flows)");
    found = problems();
    EXPECT_TRUE(mentions(found, "stored flow of ")) << found.size();
    EXPECT_TRUE(mentions(found, " invoice_funded purchased_receivables USD client cli_")) << found.front();
    tamper("DELETE FROM daily_flows WHERE kind = 'invoice_funded' AND account = 'cash'");
    found = problems();
    EXPECT_TRUE(mentions(found, " invoice_funded cash USD client ")) << found.front();
    EXPECT_TRUE(mentions(found, " is 0 but its postings sum to -")) << found.front();
    tamper(
        "DELETE FROM daily_flows; "
        "INSERT INTO daily_flows (on_date, currency, kind, account, client_id, amount_minor) "
        "SELECT e.effective_on, p.currency, e.kind, p.account, COALESCE(p.client_id, 0), SUM(p.amount_minor) "
        "FROM journal_entries e JOIN postings p ON p.entry_id = e.id "
        "GROUP BY e.effective_on, p.currency, e.kind, p.account, COALESCE(p.client_id, 0)");
    EXPECT_TRUE(problems().empty());

    tamper(
        "DROP TRIGGER postings_no_update; UPDATE postings SET amount_minor = amount_minor + 7 "
        "WHERE account = 'purchased_receivables' AND invoice_id = 1 AND amount_minor > 0");
    found = problems();
    EXPECT_TRUE(mentions(found, "does not balance"));
    EXPECT_TRUE(mentions(found, "should carry"));
    EXPECT_TRUE(mentions(found, "but its postings sum to"));
    tamper(
        "UPDATE postings SET amount_minor = amount_minor - 7 "
        "WHERE account = 'purchased_receivables' AND invoice_id = 1 AND amount_minor > 0");
    EXPECT_TRUE(problems().empty());

    tamper(
        "UPDATE invoices SET collected_minor = collected_minor + 10000, "
        "outstanding_minor = outstanding_minor - 10000 WHERE id = 3");
    found = problems();
    EXPECT_TRUE(mentions(found, "of purchased receivables, postings say"));
    EXPECT_TRUE(mentions(found, "stored required reserve"));
}

// Day after day for five months, close-day's fee income, required reserves and counts equal what the invoices
// read whole (every field) say, through part payments, a dispute, cross-aging and recourse chargebacks.
TEST_F(BatchPaths, CloseDayFiguresEqualWhatTheWholeInvoicesSay) {
    const auto a = add_client("daily 2%/30d", 850'000);
    const auto b = add_client("flat 2%/30d +1%/15d basis=advance min_fee=5.00 min_days=10", 800'000);
    const auto d1 = add_debtor(), d2 = add_debtor(), d3 = add_debtor();
    std::vector<Invoice> funded{fund_one(a, d1, 1'000'00), fund_one(b, d2, 2'345'67),
                                fund_one(a, d3, 3'000'00)};
    for (int step = 0; step < 100; ++step) {
        const auto closed = must(book->close_day(staff, std::nullopt));
        ASSERT_EQ(closed.size(), 1u);
        const Date day = closed[0].date;
        const auto now = book->settings().value();
        // What the invoices read whole say about the day just closed.
        int64_t open = 0, overdue = 0;
        std::map<int64_t, int64_t> fees;  // client -> fee income to date
        for (const auto& invoice : must(book->invoices({}))) {
            const auto fee = fee_posted_minor(invoice, now.last_closed_on);
            ASSERT_TRUE(fee);
            fees[invoice.client_id] += fee.value();
            if (invoice.state != InvoiceState::funded)
                continue;
            ++open;
            overdue += invoice.due_date < day;
        }
        EXPECT_EQ(closed[0].invoices_accrued, open + closed[0].charged_back) << day.to_string();
        EXPECT_EQ(closed[0].overdue_invoices, overdue + closed[0].charged_back) << day.to_string();
        ASSERT_TRUE(book->store().read([&](Transaction& tx) -> Status {
            for (const auto& client : {a, b}) {
                MF_TRY(const auto income, tx.balance_minor(Account::fee_income, usd(), client.id));
                EXPECT_EQ(-income, fees[client.id]) << day.to_string() << " client " << client.id;
            }
            return ok();
        }));
        expect_clean();  // stored required reserves against the invoices; receivables against the postings
        if (step == 3) {
            must(book->record_receipt(staff, {Money{400'00, usd()},
                                              now.business_date,
                                              "payer",
                                              "part",
                                              std::nullopt,
                                              "test",
                                              {{funded[0].id, 400'00, false, false}}}));
        }
        if (step == 5)
            must(book->dispute(staff, funded[1].id, "short shipment"));
        if (step == 20)
            funded.push_back(fund_one(b, d1, 5'00));
    }
    // Five months on, the recourse days have run out for the first invoices and the debtors are aged.
    const auto last = book->invoices({}).value();
    EXPECT_TRUE(std::any_of(last.begin(), last.end(),
                            [](const Invoice& i) { return i.state == InvoiceState::charged_back; }));
}

// The flag recourse action takes its invoices from close-day's one figures scan (then reads only those
// whole): day by day, the invoices flagged are the ones a read of every funded invoice whole finds past their
// recourse days, each flagged once with one audit event, and nothing else moves.
TEST_F(BatchPaths, FlagRecourseFlagsWhatTheWholeInvoicesSay) {
    SettingsChange change;
    change.recourse_action = RecourseAction::flag;
    must(book->update_settings(staff, change));
    const auto recourse = add_client("daily 2%/30d", 850'000);
    const auto without = add_client("daily 2%/30d", 850'000, 1'000'000'00, RecourseKind::non_recourse);
    const auto d1 = add_debtor(), d2 = add_debtor();
    std::vector<Invoice> funded{fund_one(recourse, d1, 1'000'00), fund_one(without, d2, 2'000'00)};
    int64_t flagged_so_far = 0;
    for (int step = 0; step < 110; ++step) {
        if (step == 4)
            funded.push_back(fund_one(recourse, d2, 300'00));
        if (step == 9)
            funded.push_back(fund_one(recourse, d1, 400'00));
        if (step == 40) {  // one paid in full before its recourse days run out: closed, never flagged
            const auto now = book->settings().value();
            must(book->record_receipt(staff, {Money{400'00, usd()},
                                              now.business_date,
                                              "payer",
                                              "paid",
                                              std::nullopt,
                                              "test",
                                              {{funded[3].id, 400'00, false, false}}}));
        }
        const auto closed = must(book->close_day(staff, std::nullopt));
        ASSERT_EQ(closed.size(), 1u);
        const Date day = closed[0].date;
        EXPECT_EQ(closed[0].charged_back, 0);
        std::set<int64_t> due, flagged;
        for (const auto& invoice : must(book->invoices({}))) {
            if (invoice.review_reasons.find("recourse_due") != std::string::npos)
                flagged.insert(invoice.id);
            if (invoice.state == InvoiceState::funded && invoice.recourse == RecourseKind::recourse &&
                days_between(*invoice.funded_on, day) >= invoice.recourse_days)
                due.insert(invoice.id);
            EXPECT_NE(invoice.state, InvoiceState::charged_back);
        }
        EXPECT_EQ(flagged, due) << day.to_string();
        EXPECT_EQ(closed[0].flagged_for_recourse, static_cast<int64_t>(flagged.size()) - flagged_so_far)
            << day.to_string();
        flagged_so_far = static_cast<int64_t>(flagged.size());
        ASSERT_TRUE(book->store().read([&](Transaction& tx) -> Status {
            for (const int64_t id : flagged) {
                MF_TRY(const auto events, tx.audit_of("invoice", id));
                EXPECT_EQ(std::count_if(events.begin(), events.end(),
                                        [](const AuditEvent& e) { return e.action == "invoice.flag"; }),
                          1)
                    << id;
            }
            return ok();
        }));
    }
    EXPECT_EQ(flagged_so_far,
              2);  // the first and third invoices; the paid one closed, the other non-recourse
    expect_clean();
}

}  // namespace
}  // namespace mf::testing
