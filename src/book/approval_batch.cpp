#include "book/approval_batch.hpp"

#include "book/internal.hpp"

namespace mf::detail {

namespace {

// The record of id from the batch's map, loaded into it on first use.
template <class Record, class Load>
Result<const Record*> cached(std::unordered_map<int64_t, Record>& records, int64_t id, Load load) {
    auto found = records.find(id);
    if (found == records.end()) {
        MF_TRY(auto loaded, load());
        found = records.emplace(id, std::move(loaded)).first;
    }
    return &found->second;
}

}  // namespace

Result<const Client*> ApprovalBatch::client(Transaction& tx, int64_t id) {
    return cached(clients_, id, [&] { return load_client(tx, id); });
}

Result<const Debtor*> ApprovalBatch::debtor(Transaction& tx, int64_t id) {
    return cached(debtors_, id, [&] { return load_debtor(tx, id); });
}

Result<bool> ApprovalBatch::debtor_cross_aged(Transaction& tx, int64_t debtor_id) {
    auto found = cross_aged_.find(debtor_id);
    if (found == cross_aged_.end()) {
        MF_TRY(const bool aged, tx.debtor_cross_aged(debtor_id));
        found = cross_aged_.emplace(debtor_id, aged).first;
    }
    return found->second;
}

Result<int64_t> ApprovalBatch::exposure_of(Transaction& tx, int64_t client_id, int64_t debtor_id) {
    const auto key = std::make_pair(client_id, debtor_id);
    auto found = exposure_.find(key);
    if (found == exposure_.end()) {
        MF_TRY(const int64_t minor, tx.exposure_minor({client_id, debtor_id}));
        found = exposure_.emplace(key, minor).first;
    }
    return found->second;
}

Result<Exposure> ApprovalBatch::exposure(Transaction& tx, int64_t client_id, int64_t debtor_id) {
    Exposure exposure;
    MF_TRY(exposure.client_minor, exposure_of(tx, client_id, 0));
    MF_TRY(exposure.debtor_minor, exposure_of(tx, 0, debtor_id));
    MF_TRY(exposure.pair_minor, exposure_of(tx, client_id, debtor_id));
    return exposure;
}

void ApprovalBatch::approved(int64_t client_id, int64_t debtor_id, int64_t face_minor) {
    // Only figures already read move: one not read yet will be read from the store, approval included.
    for (const auto& key : {std::make_pair(client_id, int64_t{0}), std::make_pair(int64_t{0}, debtor_id),
                            std::make_pair(client_id, debtor_id)}) {
        const auto found = exposure_.find(key);
        if (found != exposure_.end())
            found->second += face_minor;
    }
}

}  // namespace mf::detail
