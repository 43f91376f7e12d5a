// Cash application by the matcher: certain applications booked, the rest suggested (cash_match.hpp).
#include "book/book.hpp"
#include "book/internal.hpp"
#include "core/ids.hpp"

namespace mf {

using namespace detail;

namespace {

Result<CashMatcher> matcher_of(Transaction& tx) {
    InvoiceFilter funded;
    funded.states = {InvoiceState::funded};
    MF_TRY(auto invoices, tx.list_invoices(funded));
    MF_TRY(auto debtors, tx.list_debtors());
    return CashMatcher(std::move(invoices), std::move(debtors));
}

CashEvidence evidence_of(const Receipt& receipt) {
    return {Money{receipt.unapplied_minor, receipt.currency}, receipt.payer, receipt.reference,
            receipt.debtor_id};
}

}  // namespace

Result<AutoApplyResult> Book::auto_apply(const Actor& actor, const std::vector<int64_t>& receipt_ids) {
    AutoApplyResult result;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        result = AutoApplyResult{};
        std::vector<Receipt> receipts;
        if (receipt_ids.empty()) {
            MF_TRY(receipts, tx.list_receipts(true));
        } else {
            for (const int64_t id : receipt_ids) {
                MF_TRY(auto receipt, load_receipt(tx, id));
                receipts.push_back(std::move(receipt));
            }
        }
        MF_TRY(auto matcher, matcher_of(tx));
        for (auto& receipt : receipts) {
            AutoApplyOutcome outcome;
            outcome.receipt_id = receipt.id;
            outcome.currency = receipt.currency;
            if (receipt.unapplied_minor <= 0) {
                outcome.reason = "nothing left to apply";
                result.receipts.push_back(std::move(outcome));
                continue;
            }
            auto match = matcher.match(evidence_of(receipt));
            outcome.debtor_id = match.debtor_id;
            outcome.reason = match.certain.empty()
                                 ? "no certain match: left in unapplied cash for a collector"
                                 : match.certain_reason;
            outcome.suggestions = std::move(match.suggestions);
            if (!match.certain.empty()) {
                if (!receipt.debtor_id && match.debtor_id)
                    receipt.debtor_id = match.debtor_id;
                ReceiptView view;
                MF_CHECK(apply_in_transaction(tx, settings, actor, receipt, match.certain, view,
                                              match.certain_reason));
                for (const auto& application : match.certain)
                    matcher.record_applied(application);
                outcome.applied = true;
                outcome.applications = std::move(match.certain);
                ++result.applied;
            }
            result.receipts.push_back(std::move(outcome));
        }
        return ok();
    }));
    return result;
}

Result<CashMatch> Book::cash_suggestions(int64_t receipt_id) {
    CashMatch out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(auto receipt, load_receipt(tx, receipt_id));
        if (receipt.unapplied_minor <= 0)
            return ok();
        MF_TRY(auto matcher, matcher_of(tx));
        out = matcher.match(evidence_of(receipt));
        return ok();
    }));
    return out;
}

}  // namespace mf
