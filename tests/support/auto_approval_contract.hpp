// The store contract of auto-approval records (store.hpp), written once and run by the suites of both stores
// (tests/store for SQLite, tests/store_pg for PostgreSQL): rules are saved and replaced with their optional
// thresholds kept apart from none, and decisions come back per schedule in id order with every check and
// their payout. Each function expects a new, empty book. Thread-safety: one test thread.
#pragma once

#include "support/store_contract.hpp"

namespace mf::testing::contract {

inline void auto_approval_rules_are_saved_and_replaced(Store& store) {
    expect_done(store.write([&](Transaction& tx) -> Status {
        MF_TRY(auto none, tx.find_auto_approval_rules(0));
        EXPECT_FALSE(none);
        AutoApprovalRules book{0,        AutoApprovalMode::on, 5'000'00, std::nullopt, "2025-01-02T09:00:00Z",
                               "cli:ann"};
        MF_CHECK(tx.save_auto_approval_rules(book));
        book.mode = AutoApprovalMode::off;
        book.invoice_max_minor = std::nullopt;
        book.schedule_max_minor = 20'000'00;
        MF_CHECK(tx.save_auto_approval_rules(book));  // replaces
        Client client;
        client.name = "Harbor";
        client.currency = dollars();
        MF_TRY(client.id, tx.insert_client(client));
        return tx.save_auto_approval_rules(
            {client.id, AutoApprovalMode::inherit, 1'00, 2'00, "2025-01-02T10:00:00Z", "api:usr_1"});
    }));
    expect_done(store.read([&](Transaction& tx) -> Status {
        MF_TRY(auto book, tx.find_auto_approval_rules(0));
        EXPECT_TRUE(book);
        if (!book)
            return ok();
        EXPECT_EQ(book->mode, AutoApprovalMode::off);
        EXPECT_EQ(book->invoice_max_minor, std::nullopt);
        EXPECT_EQ(book->schedule_max_minor, 20'000'00);
        EXPECT_EQ(book->updated_by, "cli:ann");
        MF_TRY(auto client, tx.find_auto_approval_rules(1));
        EXPECT_TRUE(client);
        if (client) {
            EXPECT_EQ(client->mode, AutoApprovalMode::inherit);
            EXPECT_EQ(client->invoice_max_minor, 1'00);
            EXPECT_EQ(client->schedule_max_minor, 2'00);
            EXPECT_EQ(client->updated_at, "2025-01-02T10:00:00Z");
        }
        return ok();
    }));
}

inline void auto_approval_decisions_come_back_per_schedule_in_order(Store& store) {
    int64_t schedule_id = 0, other_id = 0, payout_id = 0;
    expect_done(store.write([&](Transaction& tx) -> Status {
        Client client;
        client.name = "Harbor";
        client.currency = dollars();
        MF_TRY(client.id, tx.insert_client(client));
        Schedule schedule;
        schedule.client_id = client.id;
        schedule.currency = dollars();
        schedule.submitted_on = jan_2();
        MF_TRY(schedule_id, tx.insert_schedule(schedule));
        MF_TRY(other_id, tx.insert_schedule(schedule));
        Payout payout;
        payout.client_id = client.id;
        payout.currency = dollars();
        payout.amount_minor = 90'00;
        payout.paid_on = jan_2();
        MF_TRY(payout_id, tx.insert_payout(payout));
        AutoApprovalDecision waiting;
        waiting.schedule_id = schedule_id;
        waiting.client_id = client.id;
        waiting.at = "2025-01-02T09:00:00Z";
        waiting.business_date = jan_2();
        waiting.requested_by = "api:usr_4";
        waiting.failed_rule = "credit_review";
        waiting.checks = {{"enabled", true, "on by the book's setting"},
                          {"credit_review", false, "debtor deb_1 has no credit review\twith a tab"}};
        MF_CHECK(tx.insert_auto_approval_decision(waiting));
        AutoApprovalDecision other = waiting;
        other.schedule_id = other_id;
        MF_CHECK(tx.insert_auto_approval_decision(other));
        AutoApprovalDecision approved = waiting;
        approved.trigger = AutoApprovalTrigger::rerun;
        approved.approved = true;
        approved.failed_rule.clear();
        approved.checks = {{"enabled", true, "on"}, {"funding", true, "funded"}};
        approved.payout_id = payout_id;
        MF_CHECK(tx.insert_auto_approval_decision(approved));
        return ok();
    }));
    expect_done(store.read([&](Transaction& tx) -> Status {
        MF_TRY(auto decisions, tx.auto_approval_decisions_of(schedule_id));
        EXPECT_EQ(decisions.size(), 2u);
        if (decisions.size() != 2u)
            return ok();
        EXPECT_LT(decisions[0].id, decisions[1].id);
        EXPECT_FALSE(decisions[0].approved);
        EXPECT_EQ(decisions[0].trigger, AutoApprovalTrigger::submission);
        EXPECT_EQ(decisions[0].failed_rule, "credit_review");
        EXPECT_EQ(decisions[0].payout_id, 0);
        EXPECT_EQ(decisions[0].business_date, jan_2());
        EXPECT_EQ(decisions[0].requested_by, "api:usr_4");
        EXPECT_EQ(decisions[0].checks.size(), 2u);
        if (decisions[0].checks.size() == 2u) {
            EXPECT_TRUE(decisions[0].checks[0].passed);
            EXPECT_EQ(decisions[0].checks[1].rule, "credit_review");
            EXPECT_FALSE(decisions[0].checks[1].passed);
            EXPECT_EQ(decisions[0].checks[1].detail, "debtor deb_1 has no credit review with a tab");
        }
        EXPECT_TRUE(decisions[1].approved);
        EXPECT_EQ(decisions[1].trigger, AutoApprovalTrigger::rerun);
        EXPECT_EQ(decisions[1].payout_id, payout_id);
        MF_TRY(auto others, tx.auto_approval_decisions_of(other_id));
        EXPECT_EQ(others.size(), 1u);
        MF_TRY(auto none, tx.auto_approval_decisions_of(other_id + 1));
        EXPECT_TRUE(none.empty());
        return ok();
    }));
}

}  // namespace mf::testing::contract
