// What the approvals of one batch (one transaction) read again and again: the client, the debtor, its
// cross-aged flag and the three exposures the limits count. The first approval of a client or debtor reads
// them from the store (on PostgreSQL, loading the client and the debtor takes their row locks, held to the
// end of the transaction); later ones take them from here. An approval moves the invoice's face into the
// approved exposure of its client, its debtor and their pair, so the figures stay exactly what the store's
// SUM queries would say: within a batch nothing but approvals changes them, and a write transaction reads
// one snapshot (SQLite's single writer; PostgreSQL's SERIALIZABLE). Live for one transaction (or one
// savepoint) only. Not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <unordered_map>
#include <utility>

#include "core/limits.hpp"
#include "core/model.hpp"
#include "store/store.hpp"

namespace mf::detail {

class ApprovalBatch {
  public:
    Result<const Client*> client(Transaction& tx, int64_t id);
    Result<const Debtor*> debtor(Transaction& tx, int64_t id);
    Result<bool> debtor_cross_aged(Transaction& tx, int64_t debtor_id);
    // The exposure before the invoice of this client and debtor is approved.
    Result<Exposure> exposure(Transaction& tx, int64_t client_id, int64_t debtor_id);
    // An invoice of face_minor moved from submitted to approved in this batch.
    void approved(int64_t client_id, int64_t debtor_id, int64_t face_minor);

  private:
    Result<int64_t> exposure_of(Transaction& tx, int64_t client_id, int64_t debtor_id);

    std::unordered_map<int64_t, Client> clients_;
    std::unordered_map<int64_t, Debtor> debtors_;
    std::unordered_map<int64_t, bool> cross_aged_;
    std::map<std::pair<int64_t, int64_t>, int64_t> exposure_;  // (client or 0, debtor or 0) -> minor
};

}  // namespace mf::detail
