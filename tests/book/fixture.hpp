// A temporary book for tests, with a fixed clock: a fresh SQLite file per test, removed afterwards, or a
// fresh PostgreSQL schema when MF_TEST_PG_URL names a test server (support/test_books.hpp).
#pragma once

#include <gtest/gtest.h>

#include <string>

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

    TempDir dir;
    std::string url_;  // after dir: made from it
    std::unique_ptr<Book> book;
    Actor staff{"test:staff"};
    int clients_made = 0;
    int debtors_made = 0;
    int invoices_made = 0;
};

}  // namespace mf::testing
