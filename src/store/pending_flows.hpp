// The day's flows of one transaction not yet written: the postings of its entries summed in memory per day,
// currency, entry kind, account and client, and added to the stored running sums (daily_flows, migration 12)
// at the flush before COMMIT, as the balances are. A day's flows are then a read of a few rows instead of a
// read of every posting of the day (close-day's portfolio snapshot, client statements). Shared by both
// stores. Thread-safety: one per transaction.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string_view>
#include <tuple>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/ledger.hpp"

namespace mf {

class PendingFlows {
  public:
    // Adds the postings of an entry. Fails only on an overflowing sum.
    Status add(const JournalEntry& entry);

    bool empty() const { return sums_.empty(); }
    // Forgets every sum not yet flushed (a savepoint being undone).
    void clear() { sums_.clear(); }

    // Calls write_row(on, currency_code, kind, account, client_id, delta_minor) for every group the entries
    // touched, a zero sum included (a GROUP BY of the postings has a row for it), then forgets them; stops at
    // the first failure. client_id 0: postings of no client.
    template <class WriteRow>
    Status flush(WriteRow&& write_row) {
        for (const auto& [key, delta_minor] : sums_) {
            const auto& [on, currency, kind, account, client_id] = key;
            MF_CHECK(write_row(on, std::string_view(currency.data(), currency.size()), kind, account,
                               client_id, delta_minor));
        }
        sums_.clear();
        return ok();
    }

  private:
    using Key = std::tuple<Date, std::array<char, 3>, EntryKind, Account, int64_t>;
    std::map<Key, int64_t> sums_;
};

}  // namespace mf
