// The fee and rebate vectors of ACCOUNTING.md, end to end through the use cases: fund on day 0, close the
// days, collect in full on day N (value date), close: the settled fee and the released rebate are the
// table's.
#include "fixture.hpp"

namespace mf::testing {
namespace {

struct Vector {
    const char* schedule;
    int64_t advance_ppm;
    int64_t face_minor;
    int32_t days;
    int64_t fee_minor;
    int64_t rebate_minor;
};

class FeeVectors : public BookTest, public ::testing::WithParamInterface<Vector> {};

TEST_P(FeeVectors, SettledFeeAndReleasedRebate) {
    const auto& v = GetParam();
    // non-recourse, so no recourse chargeback at 90 days interferes with the 91-day vector
    const auto client = add_client(v.schedule, v.advance_ppm, 1'000'000'00, RecourseKind::non_recourse);
    const auto debtor = add_debtor();
    const auto invoice = fund_one(client, debtor, v.face_minor);
    const Date paid_on = invoice.funded_on->plus_days(v.days);
    close_through(paid_on);
    NewReceipt receipt;
    receipt.amount = Money{v.face_minor, usd()};
    receipt.received_on = paid_on;
    receipt.payer = debtor.name;
    receipt.reference = invoice.number;
    receipt.applications = {{invoice.id, v.face_minor, false, false}};
    auto recorded = book->record_receipt(staff, receipt);
    ASSERT_TRUE(recorded) << recorded.error().message;
    const auto closed = book->invoice(invoice.id).value();
    EXPECT_EQ(closed.state, InvoiceState::closed);
    EXPECT_EQ(closed.fee_settled_minor, v.fee_minor);
    ASSERT_TRUE(book->close_day(staff, std::nullopt));
    int64_t rebates = 0;
    for (const auto& payout : must(book->payouts(client.id))) {
        if (payout.kind == PayoutKind::rebate)
            rebates += payout.amount_minor;
    }
    EXPECT_EQ(rebates, v.rebate_minor);
    expect_clean();
}

const char* kFlat = "flat 2%/30d +1%/15d";
const char* kTiered = "tiered 2%/10d 3%/20d 4%/30d 6%/40d 8%/50d 10%/60d 12%/70d 15%/80d 18%/90d after 20%";

INSTANTIATE_TEST_SUITE_P(
    AccountingMd, FeeVectors,
    ::testing::Values(Vector{kFlat, 900'000, 1000'00, 30, 20'00, 80'00},
                      Vector{kFlat, 900'000, 1000'00, 31, 30'00, 70'00},
                      Vector{kFlat, 900'000, 1000'00, 45, 30'00, 70'00},
                      Vector{kFlat, 900'000, 1000'00, 46, 40'00, 60'00},
                      Vector{kFlat, 900'000, 1000'00, 90, 60'00, 40'00},
                      Vector{kTiered, 800'000, 5000'00, 25, 200'00, 800'00},
                      Vector{kTiered, 800'000, 5000'00, 90, 900'00, 100'00},
                      Vector{kTiered, 800'000, 5000'00, 91, 1000'00, 0},
                      Vector{"daily 3.5%/30d", 900'000, 2500'00, 17, 49'58, 200'42},
                      Vector{"daily 3.5%/30d min_days=10", 900'000, 2500'00, 3, 29'17, 220'83},
                      Vector{"daily 3.5%/30d", 900'000, 1234'56, 45, 64'81, 58'65},
                      Vector{"flat 2%/30d +1%/15d min_fee=5.00", 900'000, 100'00, 12, 5'00, 5'00}));

}  // namespace
}  // namespace mf::testing
