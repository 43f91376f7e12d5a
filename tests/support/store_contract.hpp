// Tests of the store contract (store.hpp) written once over a Store and run by the suites of both stores
// (tests/store for SQLite, tests/store_pg for PostgreSQL): nested writes and reads, and the sign-in records.
// Each function expects a new, empty book. Written so they hold on PostgreSQL too, where a failed statement
// aborts its transaction: a refusal that fails a statement happens in a write of its own or a nested one.
// Thread-safety: one test thread.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "core/ledger.hpp"
#include "store/store.hpp"

namespace mf::testing::contract {

inline Currency dollars() {
    return Currency::from_code("USD").value();
}
inline Date jan_2() {
    return Date::from_ymd(2025, 1, 2).value();
}

// The success or the failure of a result, without its value.
template <class T>
Status status_of(const Result<T>& result) {
    if (!result)
        return result.error();
    return ok();
}

inline void expect_done(const Status& status) {
    EXPECT_TRUE(status) << status.error().code << ": " << status.error().message;
}

inline void a_nested_write_is_a_savepoint_undone_alone_when_it_fails(Store& store) {
    expect_done(store.write([&](Transaction& outer) -> Status {
        MF_CHECK(outer.append_entry(capital_entry(jan_2(), dollars(), 5'00, "kept")));
        const Status failed = store.write([](Transaction& inner) -> Status {
            MF_CHECK(inner.append_entry(capital_entry(jan_2(), dollars(), 7'00, "undone")));
            return make_error("limit_exceeded", "refused after writing");
        });
        EXPECT_FALSE(failed);
        MF_CHECK(store.write([](Transaction& inner) -> Status {
            MF_CHECK(inner.append_entry(capital_entry(jan_2(), dollars(), 11'00, "kept too")));
            return ok();
        }));
        // A read inside the write sees the write's own changes.
        return store.read([](Transaction& tx) -> Status {
            MF_TRY(auto cash, tx.balance_minor(Account::cash, dollars(), 0));
            EXPECT_EQ(cash, 16'00);
            return ok();
        });
    }));
    expect_done(store.read([](Transaction& tx) -> Status {
        MF_TRY(auto count, tx.count_entries());
        EXPECT_EQ(count, 2);
        MF_TRY(auto cash, tx.balance_minor(Account::cash, dollars(), 0));
        EXPECT_EQ(cash, 16'00);
        MF_TRY(auto stored, tx.stored_balances());
        MF_TRY(auto summed, tx.balances_from_postings());
        EXPECT_EQ(stored.size(), summed.size());
        return ok();
    }));
}

inline void a_failed_outer_write_undoes_its_nested_writes(Store& store) {
    EXPECT_FALSE(store.write([&](Transaction&) -> Status {
        MF_CHECK(store.write([](Transaction& inner) -> Status {
            MF_CHECK(inner.append_entry(capital_entry(jan_2(), dollars(), 7'00, "nested")));
            return ok();
        }));
        return make_error("conflict", "the outer request fails afterwards");
    }));
    expect_done(store.read([](Transaction& tx) -> Status {
        MF_TRY(auto count, tx.count_entries());
        EXPECT_EQ(count, 0);
        MF_TRY(auto balances, tx.stored_balances());
        EXPECT_TRUE(balances.empty());
        return ok();
    }));
}

inline User sample_user(std::string email, std::string role = "admin") {
    User out;
    out.email = std::move(email);
    out.name = "A Person";
    out.role = std::move(role);
    out.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
    out.created_at = "2026-11-22T10:00:00Z";
    return out;
}

inline void users_round_trip_and_emails_are_unique(Store& store) {
    expect_done(store.write([&](Transaction& tx) -> Status {
        MF_TRY(const int64_t id, tx.insert_user(sample_user("ann@factor.example")));
        MF_TRY(auto found, tx.find_user_by_email("ann@factor.example"));
        EXPECT_TRUE(found.has_value());
        EXPECT_EQ(found->id, id);
        EXPECT_EQ(found->role, "admin");
        EXPECT_EQ(found->client_id, 0);
        EXPECT_TRUE(found->active);
        EXPECT_EQ(found->created_at, "2026-11-22T10:00:00Z");
        auto again = tx.insert_user(sample_user("ann@factor.example"));
        EXPECT_FALSE(again);
        EXPECT_EQ(again.error().code, "conflict");
        EXPECT_EQ(again.error().field, "email");

        User changed = *found;
        changed.active = false;
        MF_CHECK(tx.update_user(changed));
        auto stale = tx.update_user(changed);
        EXPECT_EQ(stale.error().code, "conflict");
        MF_TRY(auto reread, tx.find_user(id));
        EXPECT_FALSE(reread->active);
        EXPECT_EQ(reread->version, 1);
        MF_TRY(auto users, tx.list_users());
        EXPECT_EQ(users.size(), 1u);
        return ok();
    }));
}

inline void a_client_user_must_name_its_client_and_only_it(Store& store) {
    auto add = [&](const User& user) {
        return store.write([&](Transaction& tx) -> Status { return status_of(tx.insert_user(user)); });
    };
    EXPECT_FALSE(add(sample_user("nobody@client.example", "client")));
    User staff = sample_user("staff@factor.example", "viewer");
    staff.client_id = 99;
    EXPECT_FALSE(add(staff));
    EXPECT_FALSE(add(sample_user("who@factor.example", "superuser")));
    expect_done(store.write([&](Transaction& tx) -> Status {
        Client client;
        client.name = "Acme";
        client.currency = dollars();
        MF_TRY(const int64_t client_id, tx.insert_client(client));
        User bound = sample_user("ap@acme.example", "client");
        bound.client_id = client_id;
        MF_TRY(const int64_t id, tx.insert_user(bound));
        MF_TRY(auto found, tx.find_user(id));
        EXPECT_EQ(found->client_id, client_id);
        return ok();
    }));
}

inline void credentials_are_found_by_hash_and_revoked(Store& store) {
    expect_done(store.write([&](Transaction& tx) -> Status {
        MF_TRY(const int64_t id, tx.insert_user(sample_user("ann@factor.example")));
        MF_CHECK(tx.insert_credential(
            {"aa11", "session", id, "browser", "2026-11-22T10:00:00Z", "2026-11-22T22:00:00Z"}));
        MF_CHECK(tx.insert_credential(
            {"bb22", "session", id, "phone", "2026-11-22T10:00:00Z", "2026-11-22T22:00:00Z"}));
        MF_CHECK(tx.insert_credential({"cc33", "api_key", id, "bank sync", "2026-11-22T10:00:00Z", ""}));
        MF_TRY(auto found, tx.find_credential("aa11"));
        EXPECT_EQ(found->user_id, id);
        EXPECT_EQ(found->kind, "session");
        EXPECT_EQ(found->label, "browser");
        EXPECT_EQ(found->expires_at, "2026-11-22T22:00:00Z");
        MF_CHECK(tx.delete_credential("aa11"));
        MF_TRY(auto gone, tx.find_credential("aa11"));
        EXPECT_FALSE(gone.has_value());
        MF_TRY(const int64_t sessions, tx.delete_credentials_of_user(id, "session"));
        EXPECT_EQ(sessions, 1);
        MF_TRY(auto key, tx.find_credential("cc33"));
        EXPECT_TRUE(key.has_value());
        EXPECT_EQ(key->expires_at, "");
        return ok();
    }));
}

inline void idempotent_responses_are_kept_per_actor_and_purged_by_age(Store& store) {
    expect_done(store.write([&](Transaction& tx) -> Status {
        MF_CHECK(tx.insert_idempotency({"api:usr_1", "k1", "h1", 201, "{\"id\":1}", "2026-11-20T10:00:00Z"}));
        MF_CHECK(tx.insert_idempotency({"api:usr_2", "k1", "h2", 200, "{}", "2026-11-22T10:00:00Z"}));
        // A second response for a key is refused; in a nested write the refusal leaves this one usable.
        EXPECT_FALSE(store.write([](Transaction& nested) {
            return nested.insert_idempotency({"api:usr_1", "k1", "h1", 201, "{}", "2026-11-22T10:00:00Z"});
        }));
        MF_TRY(auto first, tx.find_idempotency("api:usr_1", "k1"));
        EXPECT_EQ(first->status, 201);
        EXPECT_EQ(first->request_hash, "h1");
        EXPECT_EQ(first->response_body, "{\"id\":1}");
        MF_TRY(const int64_t purged, tx.purge_idempotency("2026-11-21T10:00:00Z"));
        EXPECT_EQ(purged, 1);
        MF_TRY(auto other, tx.find_idempotency("api:usr_2", "k1"));
        EXPECT_TRUE(other.has_value());
        return ok();
    }));
}

// Failed sign-ins are counted per key after an instant; recording one forgets those at or before its cut-off.
inline void sign_in_failures_are_counted_per_key_and_forgotten_by_age(Store& store) {
    expect_done(store.write([&](Transaction& tx) -> Status {
        MF_CHECK(tx.record_sign_in_failure("account-a", 100, 0));
        MF_CHECK(tx.record_sign_in_failure("account-a", 200, 0));
        MF_CHECK(tx.record_sign_in_failure("account-a", 200, 0));  // two at the same second both count
        MF_CHECK(tx.record_sign_in_failure("address-b", 150, 0));
        MF_TRY(const int64_t all, tx.count_sign_in_failures("account-a", 0));
        EXPECT_EQ(all, 3);
        MF_TRY(const int64_t after_100, tx.count_sign_in_failures("account-a", 100));
        EXPECT_EQ(after_100, 2);
        MF_TRY(const int64_t other, tx.count_sign_in_failures("address-b", 0));
        EXPECT_EQ(other, 1);
        MF_TRY(const int64_t unknown, tx.count_sign_in_failures("account-c", 0));
        EXPECT_EQ(unknown, 0);
        // A failure recorded at 400 with a cut-off of 150 forgets those at 100 and 150, of every key.
        MF_CHECK(tx.record_sign_in_failure("account-c", 400, 150));
        MF_TRY(const int64_t kept, tx.count_sign_in_failures("account-a", 0));
        EXPECT_EQ(kept, 2);
        MF_TRY(const int64_t forgotten, tx.count_sign_in_failures("address-b", 0));
        EXPECT_EQ(forgotten, 0);
        MF_TRY(const int64_t newest, tx.count_sign_in_failures("account-c", 0));
        EXPECT_EQ(newest, 1);
        return ok();
    }));
}

}  // namespace mf::testing::contract
