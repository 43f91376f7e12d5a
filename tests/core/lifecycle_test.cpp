#include "core/lifecycle.hpp"

#include <gtest/gtest.h>

namespace mf {
namespace {

constexpr InvoiceState kStates[] = {
    InvoiceState::submitted, InvoiceState::approved,     InvoiceState::funded,     InvoiceState::closed,
    InvoiceState::rejected,  InvoiceState::charged_back, InvoiceState::written_off};
constexpr InvoiceAction kActions[] = {InvoiceAction::approve,     InvoiceAction::reject,
                                      InvoiceAction::fund,        InvoiceAction::close,
                                      InvoiceAction::charge_back, InvoiceAction::write_off};

TEST(Lifecycle, OnlyTheListedTransitionsExist) {
    struct Allowed {
        InvoiceState from;
        InvoiceAction action;
        InvoiceState to;
    };
    const Allowed allowed[] = {
        {InvoiceState::submitted, InvoiceAction::approve, InvoiceState::approved},
        {InvoiceState::submitted, InvoiceAction::reject, InvoiceState::rejected},
        {InvoiceState::approved, InvoiceAction::reject, InvoiceState::rejected},
        {InvoiceState::approved, InvoiceAction::fund, InvoiceState::funded},
        {InvoiceState::funded, InvoiceAction::close, InvoiceState::closed},
        {InvoiceState::funded, InvoiceAction::charge_back, InvoiceState::charged_back},
        {InvoiceState::funded, InvoiceAction::write_off, InvoiceState::written_off},
    };
    int allowed_count = 0;
    for (const auto from : kStates) {
        for (const auto action : kActions) {
            const auto result = transition(from, action);
            const Allowed* rule = nullptr;
            for (const auto& a : allowed) {
                if (a.from == from && a.action == action)
                    rule = &a;
            }
            if (rule) {
                ++allowed_count;
                ASSERT_TRUE(result) << to_string(from) << " " << to_string(action);
                EXPECT_EQ(result.value(), rule->to);
            } else {
                ASSERT_FALSE(result) << to_string(from) << " " << to_string(action);
                EXPECT_EQ(result.error().code, "invalid_transition");
            }
        }
    }
    EXPECT_EQ(allowed_count, 7);
}

Invoice make(InvoiceState state) {
    Invoice invoice;
    invoice.number = "X-1";
    invoice.state = state;
    invoice.face_minor = 1000;
    return invoice;
}

TEST(Lifecycle, FlagsGateApprovalAndFunding) {
    auto held = make(InvoiceState::submitted);
    held.review_reasons = "client_limit";
    EXPECT_EQ(check_can_approve(held, false).error().code, "needs_review");
    EXPECT_TRUE(check_can_approve(held, true));

    auto failed = make(InvoiceState::submitted);
    failed.verification = Verification::failed;
    EXPECT_EQ(check_can_approve(failed, true).error().code, "verification_failed");

    auto pending = make(InvoiceState::approved);
    pending.verification = Verification::pending;
    EXPECT_EQ(check_can_fund(pending).error().code, "verification_required");
    auto waiting = make(InvoiceState::submitted);
    waiting.verification = Verification::pending;
    EXPECT_EQ(check_can_approve(waiting, true).error().code, "verification_required");
    waiting.verification = Verification::verified;
    EXPECT_TRUE(check_can_approve(waiting, false));

    auto disputed = make(InvoiceState::approved);
    disputed.disputed = true;
    EXPECT_EQ(check_can_fund(disputed).error().code, "disputed");
    EXPECT_EQ(check_can_fund(make(InvoiceState::funded)).error().code, "invalid_transition");
}

TEST(Lifecycle, RecourseDecidesChargebackOrWriteOff) {
    auto recourse = make(InvoiceState::funded);
    recourse.recourse = RecourseKind::recourse;
    EXPECT_TRUE(check_can_charge_back(recourse));
    EXPECT_EQ(check_can_write_off(recourse).error().code, "recourse");

    auto non_recourse = make(InvoiceState::funded);
    non_recourse.recourse = RecourseKind::non_recourse;
    EXPECT_TRUE(check_can_write_off(non_recourse));
    EXPECT_EQ(check_can_charge_back(non_recourse).error().code, "non_recourse");
    non_recourse.disputed = true;
    EXPECT_EQ(check_can_write_off(non_recourse).error().code, "disputed");
}

TEST(Lifecycle, CollectOnlyFundedAndDisputeOnce) {
    EXPECT_EQ(check_can_collect(make(InvoiceState::rejected)).error().code, "invalid_transition");
    EXPECT_TRUE(check_can_collect(make(InvoiceState::funded)));
    auto invoice = make(InvoiceState::funded);
    EXPECT_TRUE(check_can_dispute(invoice));
    invoice.disputed = true;
    EXPECT_EQ(check_can_dispute(invoice).error().code, "conflict");
    EXPECT_TRUE(check_can_resolve_dispute(invoice));
    EXPECT_EQ(check_can_dispute(make(InvoiceState::closed)).error().code, "invalid_transition");
}

TEST(Lifecycle, OverdueIsFundedPastDue) {
    auto invoice = make(InvoiceState::funded);
    invoice.due_date = Date::from_ymd(2026, 6, 30).value();
    EXPECT_FALSE(is_overdue(invoice, Date::from_ymd(2026, 6, 30).value()));
    EXPECT_TRUE(is_overdue(invoice, Date::from_ymd(2026, 7, 1).value()));
    invoice.state = InvoiceState::closed;
    EXPECT_FALSE(is_overdue(invoice, Date::from_ymd(2026, 7, 1).value()));
}

}  // namespace
}  // namespace mf
