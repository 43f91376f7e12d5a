// Concurrent writers on the PostgreSQL store: a lost update becomes a serialization failure that the store
// retries (both writers succeed, the totals are right), and two stores on one schema (two servers) approving
// invoices of one client at once never take it past its factoring limit.
#include <algorithm>
#include <atomic>
#include <latch>
#include <map>
#include <thread>
#include <vector>

#include "book/book.hpp"
#include "core/calendar.hpp"
#include "core/fee_text.hpp"
#include "store_pg/pg_support.hpp"

namespace mf::testing {
namespace {

using PostgresConcurrency = PostgresTest;

Result<int64_t> add_client(Store& store) {
    int64_t client_id = 0;
    MF_CHECK(store.write([&](Transaction& tx) -> Status {
        Client client;
        client.name = "Acme";
        client.currency = usd();
        MF_TRY(client_id, tx.insert_client(client));
        return ok();
    }));
    return client_id;
}

// Both writers read the client's reserve, wait until the other has read it too, then write their sum: under
// SERIALIZABLE one of them fails and is run again, so neither increment is lost.
TEST_F(PostgresConcurrency, ALostUpdateIsRetriedAndBothWritesLand) {
    auto store = open_store(url, OpenMode::create_new).value();
    const int64_t client_id = add_client(*store).value();
    std::latch both_read(2);
    std::atomic<int> runs{0};
    auto increment = [&] {
        bool first_run = true;
        auto wrote = store->write([&](Transaction& tx) -> Status {
            runs.fetch_add(1);
            MF_TRY(const int64_t reserve_minor, tx.required_reserve_minor(client_id));
            if (first_run) {
                first_run = false;
                both_read.arrive_and_wait();
            }
            return tx.set_required_reserve(client_id, reserve_minor + 1);
        });
        EXPECT_TRUE(wrote) << wrote.error().message;
    };
    std::thread a(increment), b(increment);
    a.join();
    b.join();
    EXPECT_GE(runs.load(), 3);  // at least one run was retried
    ASSERT_TRUE(store->read([&](Transaction& tx) -> Status {
        MF_TRY(const int64_t reserve_minor, tx.required_reserve_minor(client_id));
        EXPECT_EQ(reserve_minor, 2);
        return ok();
    }));
}

// Many read-modify-write transactions of one client from two threads sharing one store (its connection pool).
TEST_F(PostgresConcurrency, TwoThreadsUpdatingOneClientKeepEveryChange) {
    auto store = open_store(url, OpenMode::create_new).value();
    const int64_t client_id = add_client(*store).value();
    constexpr int kWritesPerThread = 25;
    auto update = [&] {
        for (int i = 0; i < kWritesPerThread; ++i) {
            auto wrote = store->write([&](Transaction& tx) -> Status {
                MF_TRY(auto client, tx.find_client(client_id));
                MF_TRY(const int64_t reserve_minor, tx.required_reserve_minor(client_id));
                MF_CHECK(tx.set_required_reserve(client_id, reserve_minor + 1));
                client->terms.factoring_limit_minor += 1;
                return tx.update_client(*client);
            });
            ASSERT_TRUE(wrote) << wrote.error().message;
        }
    };
    std::thread a(update), b(update);
    a.join();
    b.join();
    ASSERT_TRUE(store->read([&](Transaction& tx) -> Status {
        MF_TRY(const auto client, tx.find_client(client_id));
        EXPECT_EQ(client->version, 2 * kWritesPerThread);
        EXPECT_EQ(client->terms.factoring_limit_minor, 2 * kWritesPerThread);
        MF_TRY(const int64_t reserve_minor, tx.required_reserve_minor(client_id));
        EXPECT_EQ(reserve_minor, 2 * kWritesPerThread);
        return ok();
    }));
}

// Two Book objects, each with its own store on the same schema, approve and fund invoices of one client at
// once: every approval checks the limit, so together they approve exactly as many as fit.
TEST_F(PostgresConcurrency, TwoNodesFundingAtOnceNeverExceedALimit) {
    constexpr int64_t kFaceMinor = 1'000'00;
    constexpr int64_t kLimitMinor = 10 * kFaceMinor;
    constexpr int kInvoicesPerNode = 8;  // 16 invoices, 10 fit
    const Actor staff{"test:staff"};
    const auto clock = std::make_shared<FixedClock>("2026-06-01T09:00:00Z");
    const Date today = Date::from_ymd(2026, 6, 1).value();
    NewBook input{"two nodes", usd(), CalendarKind::weekends_only, today, false};
    auto node_a = Book::create(url, input, clock).value();
    auto node_b = Book::open(url, clock).value();

    NewClient new_client{"Acme", usd()};
    new_client.terms.factoring_limit_minor = kLimitMinor;
    new_client.terms.fee_schedule = parse_fee_schedule("flat 2%/30d +1%/15d", usd()).value();
    const Client client = node_a->add_client(staff, new_client).value();
    const Debtor debtor = node_a->add_debtor(staff, {"Big Retail", usd(), 100 * kLimitMinor, "", ""}).value();

    std::vector<int64_t> schedules[2];
    for (int i = 0; i < 2 * kInvoicesPerNode; ++i) {
        NewSchedule schedule{
            client.id,
            {{debtor.id, "N-" + std::to_string(i), kFaceMinor, usd(), today, today.plus_days(30)}}};
        schedules[i % 2].push_back(node_a->submit_schedule(staff, schedule).value().schedule.id);
    }
    std::atomic<int> approved{0};
    auto fund_all = [&](Book& node, const std::vector<int64_t>& schedule_ids) {
        for (const int64_t schedule_id : schedule_ids) {
            const int64_t invoice_id = node.schedule(schedule_id).value().invoices.at(0).id;
            auto outcome = node.approve_invoices(staff, {{invoice_id}, ""});
            ASSERT_TRUE(outcome) << outcome.error().message;
            if (!outcome.value().at(0).approved)
                continue;
            approved.fetch_add(1);
            auto payout = node.fund_schedule(staff, schedule_id);
            ASSERT_TRUE(payout) << payout.error().message;
        }
    };
    std::thread a([&] { fund_all(*node_a, schedules[0]); });
    std::thread b([&] { fund_all(*node_b, schedules[1]); });
    a.join();
    b.join();

    EXPECT_EQ(approved.load(), kLimitMinor / kFaceMinor);
    int64_t funded_face_minor = 0;
    const std::vector<Invoice> invoices = node_b->invoices({}).value();
    for (const auto& invoice : invoices) {
        if (invoice.state == InvoiceState::funded)
            funded_face_minor += invoice.face_minor;
    }
    EXPECT_EQ(funded_face_minor, kLimitMinor);
    auto report = node_b->verify();
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_TRUE(report.value().problems.empty());
}

// Two Book objects (two servers) on one schema close the same days at once: the close-day lock lets one
// node at a time close a day, and a node whose snapshot predates the other's close re-runs and finds the day
// closed. Each day is closed exactly once: one audit event, at most one fee accrual per client, one result.
TEST_F(PostgresConcurrency, TwoNodesClosingDaysAtOnceCloseEachDayOnce) {
    const Actor staff{"test:staff"};
    const auto clock = std::make_shared<FixedClock>("2026-06-01T09:00:00Z");
    const Date today = Date::from_ymd(2026, 6, 1).value();    // a Monday
    const Date target = Date::from_ymd(2026, 6, 12).value();  // ten business days later, a Friday
    NewBook input{"two nodes", usd(), CalendarKind::weekends_only, today, false};
    auto node_a = Book::create(url, input, clock).value();
    auto node_b = Book::open(url, clock).value();

    NewClient new_client{"Acme", usd()};
    new_client.terms.factoring_limit_minor = 1'000'000'00;
    new_client.terms.fee_schedule = parse_fee_schedule("flat 2%/30d +1%/15d", usd()).value();
    const Client client = node_a->add_client(staff, new_client).value();
    const Debtor debtor = node_a->add_debtor(staff, {"Big Retail", usd(), 1'000'000'00, "", ""}).value();
    for (int i = 0; i < 3; ++i) {
        NewSchedule schedule{
            client.id, {{debtor.id, "N-" + std::to_string(i), 10'000'00, usd(), today, today.plus_days(30)}}};
        const auto submitted = node_a->submit_schedule(staff, schedule).value();
        ASSERT_TRUE(
            node_a->approve_invoices(staff, {{submitted.invoices.at(0).id}, ""}).value().at(0).approved);
        ASSERT_TRUE(node_a->fund_schedule(staff, submitted.schedule.id));
    }

    std::vector<CloseDayResult> closed[2];
    auto close = [&](Book& node, std::vector<CloseDayResult>& results) {
        auto outcome = node.close_day(staff, target);
        ASSERT_TRUE(outcome) << outcome.error().message;
        results = std::move(outcome).value();
    };
    std::thread a([&] { close(*node_a, closed[0]); });
    std::thread b([&] { close(*node_b, closed[1]); });
    a.join();
    b.join();

    std::vector<Date> days_closed;
    for (const auto& results : closed) {
        for (const auto& result : results) {
            if (!result.already_closed)
                days_closed.push_back(result.date);
        }
    }
    std::sort(days_closed.begin(), days_closed.end());
    std::vector<Date> business_days;
    for (Date day = today; day <= target; day = day.plus_days(1)) {
        if (is_business_day(CalendarKind::weekends_only, day))
            business_days.push_back(day);
    }
    EXPECT_EQ(days_closed, business_days);
    EXPECT_EQ(node_b->settings().value().last_closed_on, target);

    ASSERT_TRUE(node_a->store().read([&](Transaction& tx) -> Status {
        MF_TRY(const auto events, tx.audit_of("book", 0));
        const auto closes = std::count_if(events.begin(), events.end(), [](const AuditEvent& event) {
            return event.action == "book.close_day";
        });
        EXPECT_EQ(closes, static_cast<std::ptrdiff_t>(business_days.size()));
        MF_TRY(const auto entries, tx.entries_between(today, target, std::nullopt));
        std::map<Date, int> accruals;
        for (const auto& entry : entries) {
            if (entry.kind == EntryKind::fee_accrued)
                accruals[entry.effective_on] += 1;
        }
        EXPECT_FALSE(accruals.empty());
        for (const auto& [day, count] : accruals)
            EXPECT_EQ(count, 1) << day.to_string();
        return ok();
    }));
    auto report = node_a->verify();
    ASSERT_TRUE(report) << report.error().message;
    for (const auto& problem : report.value().problems)
        ADD_FAILURE() << problem;
}

}  // namespace
}  // namespace mf::testing
