// A temporary book for tests, with a fixed clock: a fresh SQLite file per test, removed afterwards, or a
// fresh PostgreSQL schema when MF_TEST_PG_URL names a test server (support/test_books.hpp).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "book/book.hpp"
#include "core/fee_text.hpp"
#include "support/temp_dir.hpp"
#include "support/test_books.hpp"

namespace mf::testing {

// The value of a result the test expects to succeed, by value (so a range-for over it owns what it walks).
template <class T>
T must(Result<T> result) {
    if (!result) {
        ADD_FAILURE() << "[" << result.error().code << "] " << result.error().message;
        std::abort();
    }
    return std::move(result).value();
}

inline Currency usd() {
    return Currency::from_code("USD").value();
}
inline Date date(int y, unsigned m, unsigned d) {
    return Date::from_ymd(y, m, d).value();
}

class BookTest : public ::testing::Test {
  public:
    void TestBody() override {}
    void SetUp() override {
        NewBook input;
        input.name = "test book";
        input.base_currency = usd();
        input.calendar = CalendarKind::weekends_only;
        input.business_date = date(2026, 6, 1);  // a Monday
        input.require_credit_review = false;     // the credit-review tests turn it on
        auto created = Book::create(url(), input, std::make_shared<FixedClock>("2026-06-01T09:00:00Z"));
        ASSERT_TRUE(created) << created.error().message;
        book = std::move(created.value());
    }

    BookTest() : url_(fresh_book_url(dir)) {}
    const std::string& url() const { return url_; }

    Client add_client(const std::string& fee, int64_t advance_ppm = 900'000,
                      int64_t limit_minor = 1'000'000'00, RecourseKind recourse = RecourseKind::recourse) {
        NewClient input;
        input.name = "Client " + std::to_string(++clients_made);
        input.currency = usd();
        input.terms.advance_rate_ppm = advance_ppm;
        input.terms.fee_schedule = parse_fee_schedule(fee, usd()).value();
        input.terms.factoring_limit_minor = limit_minor;
        input.terms.recourse = recourse;
        auto client = book->add_client(staff, input);
        EXPECT_TRUE(client) << client.error().message;
        return client.value();
    }

    Debtor add_debtor(int64_t credit_limit_minor = 1'000'000'00) {
        auto debtor = book->add_debtor(
            staff, {"Debtor " + std::to_string(++debtors_made), usd(), credit_limit_minor, "", ""});
        EXPECT_TRUE(debtor) << debtor.error().message;
        return debtor.value();
    }

    // Submits, approves and funds one invoice issued today, due in 30 days.
    Invoice fund_one(const Client& client, const Debtor& debtor, int64_t face_minor) {
        const auto today = book->settings().value().business_date;
        NewSchedule schedule{client.id,
                             {{debtor.id, "N-" + std::to_string(++invoices_made), face_minor, usd(), today,
                               today.plus_days(30)}}};
        auto submitted = book->submit_schedule(staff, schedule);
        EXPECT_TRUE(submitted) << submitted.error().message;
        const int64_t id = submitted.value().invoices.at(0).id;
        auto approved = book->approve_invoices(staff, {{id}, ""});
        EXPECT_TRUE(approved) << approved.error().message;
        EXPECT_TRUE(approved.value().at(0).approved) << approved.value().at(0).message;
        auto payout = book->fund_schedule(staff, submitted.value().schedule.id);
        EXPECT_TRUE(payout) << payout.error().message;
        return book->invoice(id).value();
    }

    void close_through(Date day) {
        auto closed = book->close_day(staff, std::nullopt);
        while (closed && book->settings().value().business_date <= day)
            closed = book->close_day(staff, std::nullopt);
        ASSERT_TRUE(closed) << closed.error().message;
    }

    void expect_clean() {
        auto report = book->verify();
        ASSERT_TRUE(report) << report.error().message;
        for (const auto& problem : report.value().problems)
            ADD_FAILURE() << problem;
    }

    // Everything a failed call must leave as it was.
    std::string fingerprint() {
        std::string out;
        auto balances = book->trial_balance().value();
        for (const auto& row : balances.rows) {
            out += std::string(to_string(row.account)) + std::to_string(row.debit_minor) + "/" +
                   std::to_string(row.credit_minor) + ";";
        }
        const auto counted = book->store().read([&](Transaction& tx) -> Status {
            out += "entries " + std::to_string(tx.count_entries().value());
            out += " audit " + std::to_string(tx.count_audit().value());
            out += " settings " + tx.load_settings().value().business_date.to_string();
            return ok();
        });
        EXPECT_TRUE(counted);
        for (const auto& invoice : must(book->invoices({}))) {
            out += "|" + std::to_string(invoice.id) + std::string(to_string(invoice.state)) +
                   std::to_string(invoice.outstanding_minor()) + std::to_string(invoice.version) +
                   invoice.review_reasons + (invoice.disputed ? "D" : "");
        }
        for (const auto& receipt : must(book->receipts(false)))
            out += "|r" + std::to_string(receipt.unapplied_minor);
        for (const auto& client : must(book->clients()))
            out += "|c" + std::to_string(client.version);
        for (const auto& debtor : must(book->debtors()))
            out += "|d" + std::to_string(debtor.version);
        out += "|payouts " + std::to_string(book->payouts(std::nullopt).value().size());
        return out;
    }

    // One schedule of invoices issued today: (debtor, face) each; returns the invoice ids in order.
    std::vector<int64_t> submit(const Client& client, const std::vector<std::pair<int64_t, int64_t>>& lines) {
        const auto today = book->settings().value().business_date;
        NewSchedule schedule{client.id, {}};
        for (const auto& [debtor_id, face] : lines) {
            schedule.invoices.push_back({debtor_id, "BP-" + std::to_string(++invoices_made), face, usd(),
                                         today, today.plus_days(30)});
        }
        const auto view = must(book->submit_schedule(staff, schedule));
        std::vector<int64_t> ids;
        for (const auto& invoice : view.invoices)
            ids.push_back(invoice.id);
        return ids;
    }

    // A book with invoices in most states: funded, part paid, disputed, closed, rejected, still submitted.
    void varied_book() {
        const auto a = add_client("daily 2%/30d", 850'000);
        const auto b = add_client("flat 2%/30d +1%/15d basis=advance min_fee=5.00 min_days=10", 800'000);
        const auto d1 = add_debtor(), d2 = add_debtor();
        const auto first = fund_one(a, d1, 1'000'00);
        const auto second = fund_one(b, d2, 2'345'67);
        fund_one(a, d2, 3'000'00);
        close_through(date(2026, 6, 3));
        const auto paid_on = book->settings().value().business_date;
        must(book->record_receipt(staff, {Money{400'00, usd()},
                                          paid_on,
                                          "payer",
                                          "part",
                                          std::nullopt,
                                          "test",
                                          {{first.id, 400'00, false, false}}}));
        must(book->record_receipt(staff, {Money{2'345'67, usd()},
                                          paid_on,
                                          "payer",
                                          "all",
                                          std::nullopt,
                                          "test",
                                          {{second.id, 2'345'67, false, false}}}));
        const auto disputed = fund_one(b, d1, 777'00);
        must(book->dispute(staff, disputed.id, "goods damaged"));
        const auto ids = submit(a, {{d1.id, 50'00}, {d2.id, 60'00}});
        must(book->reject_invoices(staff, {ids[0]}, "duplicate of a paper invoice"));
        close_through(date(2026, 6, 5));
    }

    using FlowKey = std::tuple<std::string, std::string, std::string, std::string>;
    // The flows of [from, to] from the postings themselves, and as scan_flows gives them (each group once, in
    // the order of the keys), in one transaction.
    static Status flows_both_ways(Transaction& tx, Date from, Date to, std::optional<int64_t> client,
                                  std::map<FlowKey, int64_t>& expected, std::map<FlowKey, int64_t>& got) {
        std::vector<FlowKey> order;
        MF_TRY(const auto entries, tx.entries_between(from, to, std::nullopt));
        for (const auto& entry : entries) {
            for (const auto& posting : entry) {
                if (client && posting.client_id != *client)
                    continue;
                expected[{entry.effective_on.to_string(), std::string(entry.currency.code()),
                          std::string(to_string(entry.kind)), std::string(to_string(posting.account))}] +=
                    posting.amount_minor;
            }
        }
        MF_CHECK(tx.scan_flows(from, to, client, [&](const FlowRow& row) -> Status {
            FlowKey key{row.on.to_string(), std::string(row.currency.code()),
                        std::string(to_string(row.kind)), std::string(to_string(row.account))};
            EXPECT_EQ(got.count(key), 0u) << "a group twice";
            got[key] = row.amount_minor;
            order.push_back(key);
            return ok();
        }));
        EXPECT_TRUE(std::is_sorted(order.begin(), order.end()));
        return ok();
    }

    TempDir dir;
    std::string url_;  // after dir: made from it
    std::unique_ptr<Book> book;
    Actor staff{"test:staff"};
    int clients_made = 0;
    int debtors_made = 0;
    int invoices_made = 0;
};

}  // namespace mf::testing
