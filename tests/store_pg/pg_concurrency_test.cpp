// Concurrent writers on the PostgreSQL store: a lost update becomes a serialization failure that the store
// retries (both writers succeed, the totals are right), and two stores on one schema (two servers) approving
// invoices of one client at once never take it past its factoring limit.
#include <atomic>
#include <latch>
#include <thread>
#include <vector>

#include "book/book.hpp"
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
    NewBook input{"two nodes", usd(), CalendarKind::weekends_only, today};
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

}  // namespace
}  // namespace mf::testing
