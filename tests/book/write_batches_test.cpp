// The write paths that batch or defer rows against the plain ones, on either store: audit events written
// many to a statement read back as appended (in the transaction, across a flush, and gone with an undone
// savepoint); the day's flows kept as running sums equal the postings summed (also through a transaction's
// own entries, an undone savepoint, and on SQLite the migration that fills them from an older book); a
// receipt written once with its applications leaves what a receipt recorded and then applied leaves.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <map>
#include <optional>
#include <tuple>

#include "core/ids.hpp"
#include "core/ledger.hpp"
#include "fixture.hpp"

namespace mf::testing {
namespace {

class WriteBatches : public BookTest {
  protected:
    AuditEvent event(int n) {
        AuditEvent e;
        e.at = "2026-06-01T09:00:00Z";
        e.business_date = date(2026, 6, 1);
        e.actor = "test:batch";
        e.action = "test.event";
        e.entity_type = "test";
        e.entity_id = 7;
        e.detail = "event " + std::to_string(n);
        e.reason = n % 3 == 0 ? "why " + std::to_string(n) : "";
        return e;
    }

    static std::vector<std::string> details(const std::vector<AuditEvent>& events) {
        std::vector<std::string> out;
        for (const auto& e : events)
            out.push_back(e.detail + "|" + e.reason);
        return out;
    }

    void expect_flows_equal_postings(Date from, Date to) {
        for (const std::optional<int64_t> client : {std::optional<int64_t>{}, std::optional<int64_t>{1}}) {
            std::map<FlowKey, int64_t> expected, got;
            ASSERT_TRUE(book->store().read(
                [&](Transaction& tx) { return flows_both_ways(tx, from, to, client, expected, got); }));
            EXPECT_EQ(got, expected);
            EXPECT_FALSE(got.empty());
        }
    }
};

TEST_F(WriteBatches, AuditEventsInBatchesReadBackAsAppended) {
    std::vector<std::string> appended;
    int64_t before = 0;
    ASSERT_TRUE(book->store().read([&](Transaction& tx) -> Status {
        MF_TRY(before, tx.count_audit());
        return ok();
    }));
    // More than two batches, read back inside the transaction part way and at its end.
    ASSERT_TRUE(book->store().write([&](Transaction& tx) -> Status {
        for (int n = 0; n < 75; ++n) {
            MF_CHECK(tx.append_audit(event(n)));
            appended.push_back(details({event(n)}).front());
            if (n == 40) {
                MF_TRY(const auto so_far, tx.audit_of("test", 7));
                EXPECT_EQ(details(so_far), appended);
            }
        }
        MF_TRY(const auto all, tx.audit_of("test", 7));
        EXPECT_EQ(details(all), appended);
        MF_TRY(const int64_t count, tx.count_audit());
        EXPECT_EQ(count, before + 75);
        return ok();
    }));
    // A savepoint undone takes its events with it; the events before it and after it stay, in order.
    ASSERT_TRUE(book->store().write([&](Transaction& tx) -> Status {
        MF_CHECK(tx.append_audit(event(100)));
        appended.push_back(details({event(100)}).front());
        auto nested = book->store().write([&](Transaction& inner) -> Status {
            for (int n = 200; n < 240; ++n)
                MF_CHECK(inner.append_audit(event(n)));
            return make_error("test", "undo the savepoint");
        });
        EXPECT_FALSE(nested);
        MF_CHECK(tx.append_audit(event(101)));
        appended.push_back(details({event(101)}).front());
        return ok();
    }));
    // A failed write leaves none of its events.
    auto failed = book->store().write([&](Transaction& tx) -> Status {
        for (int n = 300; n < 340; ++n)
            MF_CHECK(tx.append_audit(event(n)));
        return make_error("test", "roll back");
    });
    EXPECT_FALSE(failed);
    ASSERT_TRUE(book->store().read([&](Transaction& tx) -> Status {
        MF_TRY(const auto all, tx.audit_of("test", 7));
        EXPECT_EQ(details(all), appended);
        for (size_t i = 1; i < all.size(); ++i)
            EXPECT_LT(all[i - 1].id, all[i].id);  // ids in the order appended
        MF_TRY(const int64_t count, tx.count_audit());
        EXPECT_EQ(count, before + 77);
        return ok();
    }));
}

TEST_F(WriteBatches, RunningFlowsEqualThePostingsSummed) {
    varied_book();
    expect_flows_equal_postings(date(2026, 6, 1), date(2026, 6, 8));
    expect_flows_equal_postings(date(2026, 6, 4), date(2026, 6, 4));  // the receipts
    // Inside a write: the transaction's own entries are in the flows it reads; an undone savepoint's are not.
    const auto client = must(book->clients()).front();
    const Date today = book->settings().value().business_date;
    auto left_as_it_was = book->store().write([&](Transaction& tx) -> Status {
        MF_CHECK(tx.append_entry(fee_accrual_entry(today, usd(), client.id, 12'34)));
        auto nested = book->store().write([&](Transaction& inner) -> Status {
            MF_CHECK(inner.append_entry(fee_accrual_entry(today, usd(), client.id, 99'00)));
            return make_error("test", "undo the savepoint");
        });
        EXPECT_FALSE(nested);
        std::map<FlowKey, int64_t> expected, got;
        MF_CHECK(flows_both_ways(tx, today, today, client.id, expected, got));
        EXPECT_EQ(got, expected);
        const FlowKey fee{today.to_string(), "USD", "fee_accrued", "fee_income"};
        EXPECT_EQ(got[fee], -12'34);
        return make_error("test", "leave the book as it was");
    });
    EXPECT_FALSE(left_as_it_was);
    expect_flows_equal_postings(date(2026, 6, 1), date(2026, 6, 8));
    expect_clean();
}

// A book from before migration 12 (its table dropped, its version set back) gains the running sums of the
// postings it already holds when it is opened.
TEST_F(WriteBatches, TheFlowsMigrationFillsThemFromThePostings) {
    if (url().rfind("sqlite:", 0) != 0)
        GTEST_SKIP() << "sets the SQLite file back a version";
    varied_book();
    book.reset();
    const std::string path = url().substr(7);
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* message = nullptr;
    EXPECT_EQ(sqlite3_exec(db,
                           "DROP INDEX invoices_by_debtor_state; "
                           "CREATE INDEX invoices_by_debtor_state ON invoices (debtor_id, state); "
                           "CREATE INDEX invoices_twins ON invoices (debtor_id, face_minor, issue_date); "
                           "DROP INDEX receipt_applications_by_receipt; DROP TABLE daily_flows; "
                           "DELETE FROM schema_migrations WHERE version >= 12; PRAGMA user_version = 11",
                           nullptr, nullptr, &message),
              SQLITE_OK)
        << (message ? message : "");
    sqlite3_free(message);
    sqlite3_close(db);
    book = must(Book::open(url(), std::make_shared<FixedClock>("2026-06-01T09:00:00Z")));
    expect_flows_equal_postings(date(2026, 6, 1), date(2026, 6, 8));
}

// A receipt recorded with its applications is written once, after them; what it leaves is what a receipt
// recorded first and applied afterwards leaves (but for the one entry through unapplied cash), and its audit
// trail still reads: recorded, then each invoice collected.
TEST_F(WriteBatches, AReceiptWrittenOnceLeavesWhatRecordThenApplyLeaves) {
    const auto client = add_client("daily 2%/30d", 850'000);
    const auto d1 = add_debtor(), d2 = add_debtor();
    const auto a1 = fund_one(client, d1, 1'000'00), a2 = fund_one(client, d2, 500'00);
    const auto b1 = fund_one(client, d1, 1'000'00), b2 = fund_one(client, d2, 500'00);
    close_through(date(2026, 6, 3));
    const Date today = book->settings().value().business_date;
    // 1,000 in full, 200 of 500, 150 left unapplied.
    const auto once =
        must(book->record_receipt(staff, {Money{1'350'00, usd()},
                                          today,
                                          "payer",
                                          "once",
                                          std::nullopt,
                                          "test",
                                          {{a1.id, 1'000'00, false, false}, {a2.id, 200'00, false, false}}}));
    const auto recorded = must(book->record_receipt(
        staff, {Money{1'350'00, usd()}, today, "payer", "twice", std::nullopt, "test", {}}));
    const auto applied = must(book->apply_receipt(
        staff, recorded.receipt.id, {{b1.id, 1'000'00, false, false}, {b2.id, 200'00, false, false}}));
    EXPECT_EQ(once.receipt.unapplied_minor, 150'00);
    EXPECT_EQ(applied.receipt.unapplied_minor, 150'00);
    std::map<int64_t, Receipt> stored;
    for (const auto& receipt : must(book->receipts(false)))
        stored[receipt.id] = receipt;
    EXPECT_EQ(stored.at(once.receipt.id).unapplied_minor, 150'00);
    EXPECT_EQ(stored.at(recorded.receipt.id).unapplied_minor, 150'00);
    for (const auto& [x, y] : {std::pair{a1.id, b1.id}, std::pair{a2.id, b2.id}}) {
        const auto left = must(book->invoice(x)), right = must(book->invoice(y));
        EXPECT_EQ(left.state, right.state);
        EXPECT_EQ(left.collected_minor, right.collected_minor);
        EXPECT_EQ(left.outstanding_minor(), right.outstanding_minor());
        EXPECT_EQ(left.fee_settled_minor, right.fee_settled_minor);
        EXPECT_EQ(left.last_payment_on, right.last_payment_on);
    }
    ASSERT_TRUE(book->store().read([&](Transaction& tx) -> Status {
        for (const auto& [x, y] : {std::pair{a1.id, b1.id}, std::pair{a2.id, b2.id}}) {
            MF_TRY(const auto left, tx.applications_of_invoice(x));
            MF_TRY(const auto right, tx.applications_of_invoice(y));
            EXPECT_EQ(left.size(), 1u);
            EXPECT_EQ(right.size(), 1u);
            EXPECT_EQ(left.at(0).receipt_id, once.receipt.id);
            EXPECT_EQ(left.at(0).amount_minor, right.at(0).amount_minor);
        }
        MF_TRY(const auto receipt_events, tx.audit_of("receipt", once.receipt.id));
        EXPECT_EQ(receipt_events.size(), 1u);
        MF_TRY(const auto collect_events, tx.audit_of("invoice", a1.id));
        EXPECT_EQ(collect_events.back().action, "invoice.collect");
        EXPECT_LT(receipt_events.at(0).id, collect_events.back().id);  // recorded, then collected
        EXPECT_NE(collect_events.back().detail.find(format_id(IdKind::receipt, once.receipt.id)),
                  std::string::npos);
        return ok();
    }));
    // Too much applied: refused, the book unchanged, the message naming the receipt being recorded.
    const auto before = fingerprint();
    auto refused = book->record_receipt(staff, {Money{100'00, usd()},
                                                today,
                                                "payer",
                                                "short",
                                                std::nullopt,
                                                "test",
                                                {{a2.id, 300'00, false, false}}});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "insufficient_unapplied");
    EXPECT_NE(refused.error().message.find("the receipt has only"), std::string::npos)
        << refused.error().message;
    EXPECT_EQ(fingerprint(), before);
    expect_clean();
}

}  // namespace
}  // namespace mf::testing
