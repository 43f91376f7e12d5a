#include "store/pending_balances.hpp"

#include "core/money.hpp"

namespace mf {

Status PendingBalances::add(const JournalEntry& entry) {
    const auto code = entry.currency.code();
    for (const Posting& posting : entry) {
        auto& sum_minor = sums_[Key{
            posting.account, posting.client_id, balance_debtor_id(posting), {code[0], code[1], code[2]}}];
        MF_TRY(sum_minor, checked_add(sum_minor, posting.amount_minor));
    }
    return ok();
}

size_t PendingBalances::KeyHash::operator()(const Key& key) const {
    size_t hash = static_cast<size_t>(key.account);
    hash = hash * 1000003u ^ static_cast<size_t>(key.client_id);
    hash = hash * 1000003u ^ static_cast<size_t>(key.debtor_id);
    return hash * 1000003u ^
           (static_cast<size_t>(key.currency[0]) << 16 | static_cast<size_t>(key.currency[1]) << 8 |
            static_cast<size_t>(key.currency[2]));
}

}  // namespace mf
