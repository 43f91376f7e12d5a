// The balance changes of one transaction not yet written, summed in memory per balance row: a batch of a
// thousand entries on the same few rows becomes a few upserts instead of a thousand. Shared by both stores,
// which flush it before every read of balances and before COMMIT. Thread-safety: one per transaction.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <unordered_map>

#include "core/error.hpp"
#include "core/ledger.hpp"

namespace mf {

class PendingBalances {
  public:
    // Adds the postings of an entry (asserted balanced by the caller). Fails only on an overflowing sum.
    Status add(const JournalEntry& entry);

    bool empty() const { return sums_.empty(); }
    // Forgets every sum not yet flushed (a savepoint being undone).
    void clear() { sums_.clear(); }

    // Calls write_row(account, client_id, debtor_id, currency_code, delta_minor) for every non-zero sum, then
    // forgets them all; stops at the first failure.
    template <class WriteRow>
    Status flush(WriteRow&& write_row) {
        for (const auto& [key, delta_minor] : sums_) {
            if (delta_minor == 0)
                continue;
            MF_CHECK(write_row(key.account, key.client_id, key.debtor_id,
                               std::string_view(key.currency.data(), key.currency.size()), delta_minor));
        }
        sums_.clear();
        return ok();
    }

    // Only purchased receivables are kept per debtor (the limits read a debtor's and a pair's exposure);
    // every other account per client, so a batch of entries touches few balance rows.
    static int64_t balance_debtor_id(const Posting& posting) {
        return posting.account == Account::purchased_receivables ? posting.debtor_id : 0;
    }

  private:
    struct Key {
        Account account;
        int64_t client_id;
        int64_t debtor_id;
        std::array<char, 3> currency;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        size_t operator()(const Key& key) const;
    };
    std::unordered_map<Key, int64_t, KeyHash> sums_;
};

}  // namespace mf
