// A schedule's invoices are checked, then inserted together (on SQLite 32 to a statement), then given their
// audit events: ids, audit order and the row a refusal names must be those of one insert per row.
#include <gtest/gtest.h>

#include "fixture.hpp"

namespace mf::testing {
namespace {

class SubmitBatch : public BookTest {
  public:
    void SetUp() override {
        BookTest::SetUp();
        client = add_client("flat 2%/30d +1%/15d");
        debtors = {add_debtor(), add_debtor()};
        today = book->settings().value().business_date;
    }

    // `count` invoices over the two debtors, numbered "B-1"...; every seventh held for review.
    NewSchedule schedule(size_t count, const std::string& prefix = "B-") const {
        NewSchedule out{client.id, {}};
        for (size_t n = 1; n <= count; ++n) {
            NewInvoice line{
                debtors[n % 2].id,   prefix + std::to_string(n), 100'00 + static_cast<int64_t>(n), usd(),
                today.plus_days(-2), today.plus_days(28)};
            if (n % 7 == 0)
                line.review_reasons = "amount_outlier";
            out.invoices.push_back(std::move(line));
        }
        return out;
    }

    Client client;
    std::vector<Debtor> debtors;
    Date today;
};

TEST_F(SubmitBatch, IdsAndAuditEventsFollowTheRowsAcrossBatches) {
    must(book->submit_schedule(staff, schedule(1, "FIRST-")));  // an invoice before: ids go on after it
    const auto view = must(book->submit_schedule(staff, schedule(75)));  // 2 statements of 32, then 11 rows
    ASSERT_EQ(view.invoices.size(), 75u);
    const auto stored = must(book->invoices({}));
    ASSERT_EQ(stored.size(), 76u);
    for (size_t row = 0; row < 75; ++row) {
        const auto& invoice = view.invoices[row];
        EXPECT_EQ(invoice.id, stored.front().id + 1 + static_cast<int64_t>(row));
        const auto& kept = stored[row + 1];  // stored in id order
        EXPECT_EQ(kept.id, invoice.id);
        EXPECT_EQ(kept.number, "B-" + std::to_string(row + 1));
        EXPECT_EQ(kept.debtor_id, debtors[(row + 1) % 2].id);
        EXPECT_EQ(kept.face_minor, 100'00 + static_cast<int64_t>(row + 1));
        EXPECT_EQ(kept.schedule_id, view.schedule.id);
        EXPECT_EQ(kept.needs_review(), (row + 1) % 7 == 0);
    }
    // Each invoice's events: submitted, then held when it needs review; across invoices in row order.
    int64_t last_event = 0;
    for (const auto& invoice : view.invoices) {
        const auto history = must(book->invoice_history(invoice.id));
        ASSERT_GE(history.events.size(), 1u);
        EXPECT_EQ(history.events[0].action, "invoice.submit");
        EXPECT_NE(history.events[0].detail.find(debtors[invoice.debtor_id == debtors[0].id ? 0 : 1].name),
                  std::string::npos);
        EXPECT_GT(history.events[0].id, last_event);
        last_event = history.events.back().id;
        if (invoice.needs_review()) {
            ASSERT_EQ(history.events.size(), 2u);
            EXPECT_EQ(history.events[1].action, "invoice.hold");
        } else {
            EXPECT_EQ(history.events.size(), 1u);
        }
    }
    expect_clean();
}

TEST_F(SubmitBatch, ADuplicateInALaterBatchIsNamedByItsRowAndNothingIsWritten) {
    auto input = schedule(70);
    input.invoices[44].number = input.invoices[2].number;        // row 45 repeats row 3's number...
    input.invoices[44].debtor_id = input.invoices[2].debtor_id;  // ...for the same debtor
    const auto before = fingerprint();
    const auto refused = book->submit_schedule(staff, input);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "duplicate_invoice");
    EXPECT_EQ(refused.error().message.rfind("invoice 45: invoice number B-3 of debtor ", 0), 0u)
        << refused.error().message;
    EXPECT_EQ(refused.error().field, "invoices[44].number");
    EXPECT_EQ(fingerprint(), before);
}

TEST_F(SubmitBatch, ANumberAlreadyInTheBookIsADuplicateInsideABatch) {
    must(book->submit_schedule(staff, schedule(1, "OLD-")));
    auto input = schedule(40);
    input.invoices[20].number = "OLD-1";
    input.invoices[20].debtor_id = debtors[1].id;  // schedule(1) gave OLD-1 to debtors[1 % 2]
    const auto before = fingerprint();
    const auto refused = book->submit_schedule(staff, input);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "duplicate_invoice");
    EXPECT_EQ(refused.error().message.rfind("invoice 21: ", 0), 0u) << refused.error().message;
    EXPECT_EQ(fingerprint(), before);
}

TEST_F(SubmitBatch, TheFirstRowInOrderThatFailsIsTheOneNamed) {
    // A duplicate at row 5 before a row with a future date at row 50: the duplicate.
    auto duplicate_first = schedule(60);
    duplicate_first.invoices[4].number = duplicate_first.invoices[0].number;
    duplicate_first.invoices[4].debtor_id = duplicate_first.invoices[0].debtor_id;
    duplicate_first.invoices[49].issue_date = today.plus_days(3);
    auto refused = book->submit_schedule(staff, duplicate_first);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "duplicate_invoice");
    EXPECT_EQ(refused.error().message.rfind("invoice 5: ", 0), 0u) << refused.error().message;

    // A future date at row 5 before a duplicate at row 50: the date.
    auto date_first = schedule(60);
    date_first.invoices[4].issue_date = today.plus_days(3);
    date_first.invoices[49].number = date_first.invoices[1].number;
    date_first.invoices[49].debtor_id = date_first.invoices[1].debtor_id;
    refused = book->submit_schedule(staff, date_first);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "future_invoice_date");
    EXPECT_EQ(refused.error().message.rfind("invoice 5: ", 0), 0u) << refused.error().message;
    EXPECT_TRUE(must(book->invoices({})).empty());
}

}  // namespace
}  // namespace mf::testing
