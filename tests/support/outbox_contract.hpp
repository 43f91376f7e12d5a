// The outbox part of the store contract (store.hpp), written once and run by the SQLite and PostgreSQL store
// suites: mails round-trip, lists filter and page, the due queue, a claim that only one worker wins, and the
// delivery update. Expects a new, empty book. Thread-safety: one test thread.
#pragma once

#include <gtest/gtest.h>

#include "store/store.hpp"
#include "support/store_contract.hpp"

namespace mf::testing::contract {

inline OutboxMail sample_mail(std::string next_attempt_at, MailState state = MailState::queued) {
    OutboxMail mail;
    mail.created_at = "2026-06-01T09:00:00Z";
    mail.kind = std::string(kMailVerificationRequest);
    mail.event = "debtor_link.issue";
    mail.entity_type = "debtor_link";
    mail.entity_id = 7;
    mail.recipient_type = "debtor";
    mail.recipient_id = 3;
    mail.recipients = state == MailState::unaddressed ? "" : "ap@debtor.test";
    mail.subject = "Please confirm invoice N-1";
    mail.body = "Confirm at {{link}}\nThanks, Müller";
    mail.secret_url = "https://factor.test/v1/debtor-link?token=secret";
    mail.state = state;
    mail.next_attempt_at = std::move(next_attempt_at);
    mail.last_error = state == MailState::unaddressed ? "debtor dbt_3 has no e-mail address" : "";
    return mail;
}

inline void outbox_mails_are_queued_claimed_once_and_updated(Store& store) {
    int64_t due_id = 0, later_id = 0, unaddressed_id = 0;
    expect_done(store.write([&](Transaction& tx) -> Status {
        MF_TRY(due_id, tx.insert_mail(sample_mail("2026-06-01T09:00:00Z")));
        MF_TRY(later_id, tx.insert_mail(sample_mail("2026-06-01T10:00:00Z")));
        MF_TRY(unaddressed_id, tx.insert_mail(sample_mail("2026-06-01T09:00:00Z", MailState::unaddressed)));
        return ok();
    }));
    expect_done(store.read([&](Transaction& tx) -> Status {
        MF_TRY(auto found, tx.find_mail(due_id));
        EXPECT_TRUE(found.has_value());
        EXPECT_EQ(found->body, "Confirm at {{link}}\nThanks, Müller");
        EXPECT_EQ(found->secret_url, "https://factor.test/v1/debtor-link?token=secret");
        EXPECT_EQ(found->state, MailState::queued);
        EXPECT_EQ(found->entity_id, 7);
        MF_TRY(auto all, tx.list_mail({}));
        EXPECT_EQ(all.size(), 3u);
        MF_TRY(auto unaddressed, tx.list_mail({MailState::unaddressed, "", 0, 0, 0}));
        EXPECT_EQ(unaddressed.size(), 1u);
        EXPECT_EQ(unaddressed.at(0).id, unaddressed_id);
        MF_TRY(auto page, tx.list_mail({std::nullopt, "debtor_link", 7, due_id, 1}));
        EXPECT_EQ(page.size(), 1u);
        EXPECT_EQ(page.at(0).id, later_id);
        MF_TRY(auto due, tx.due_mail("2026-06-01T09:30:00Z", 10));
        EXPECT_EQ(due.size(), 1u);
        EXPECT_EQ(due.at(0).id, due_id);
        MF_TRY(auto none, tx.find_mail(unaddressed_id + 100));
        EXPECT_FALSE(none.has_value());
        return ok();
    }));
    // Two workers saw the same due mail: only the first claim wins, and the mail is not due during the lease.
    expect_done(store.write([&](Transaction& tx) -> Status {
        MF_TRY(const bool first, tx.claim_mail(due_id, "2026-06-01T09:00:00Z", "2026-06-01T09:40:00Z"));
        EXPECT_TRUE(first);
        MF_TRY(const bool second, tx.claim_mail(due_id, "2026-06-01T09:00:00Z", "2026-06-01T09:40:00Z"));
        EXPECT_FALSE(second);
        MF_TRY(auto due, tx.due_mail("2026-06-01T09:30:00Z", 10));
        EXPECT_TRUE(due.empty());
        return ok();
    }));
    expect_done(store.write([&](Transaction& tx) -> Status {
        MF_TRY(auto mail, tx.find_mail(due_id));
        mail->state = MailState::delivered;
        mail->attempts = 1;
        mail->last_attempt_at = mail->delivered_at = "2026-06-01T09:30:01Z";
        mail->secret_url.clear();
        MF_CHECK(tx.update_mail(*mail));
        MF_TRY(auto stored, tx.find_mail(due_id));
        EXPECT_EQ(stored->state, MailState::delivered);
        EXPECT_EQ(stored->delivered_at, "2026-06-01T09:30:01Z");
        EXPECT_TRUE(stored->secret_url.empty());
        MF_TRY(const bool claimed, tx.claim_mail(due_id, stored->next_attempt_at, "2026-06-01T10:00:00Z"));
        EXPECT_FALSE(claimed);  // a delivered mail is never claimed again
        return ok();
    }));
    auto unknown = sample_mail("2026-06-01T09:00:00Z");
    unknown.id = unaddressed_id + 100;
    const Status missing = store.write([&](Transaction& tx) -> Status { return tx.update_mail(unknown); });
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, "not_found");
}

}  // namespace mf::testing::contract
