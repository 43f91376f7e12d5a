#include "store/pending_flows.hpp"

#include "core/money.hpp"

namespace mf {

Status PendingFlows::add(const JournalEntry& entry) {
    const std::string_view code = entry.currency.code();
    for (const Posting& posting : entry) {
        auto& sum = sums_[Key{
            entry.effective_on, {code[0], code[1], code[2]}, entry.kind, posting.account, posting.client_id}];
        MF_TRY(sum, checked_add(sum, posting.amount_minor));
    }
    return ok();
}

}  // namespace mf
