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
        // Receipts with money left are matched in order (match_in_order identifies their payers ahead on a
        // second thread); each certain match is booked before the next receipt is matched.
        std::vector<size_t> pending;
        std::vector<CashEvidence> evidence;
        result.receipts.resize(receipts.size());
        for (size_t i = 0; i < receipts.size(); ++i) {
            auto& outcome = result.receipts[i];
            outcome.receipt_id = receipts[i].id;
            outcome.currency = receipts[i].currency;
            if (receipts[i].unapplied_minor <= 0) {
                outcome.reason = "nothing left to apply";
                continue;
            }
            pending.push_back(i);
            evidence.push_back(evidence_of(receipts[i]));
        }
        Status booked = ok();
        matcher.match_in_order(evidence, [&](size_t at, CashMatch&& match) {
            auto& receipt = receipts[pending[at]];
            auto& outcome = result.receipts[pending[at]];
            outcome.debtor_id = match.debtor_id;
            outcome.reason = match.certain.empty()
                                 ? "no certain match: left in unapplied cash for a collector"
                                 : match.certain_reason;
            outcome.suggestions = std::move(match.suggestions);
            if (match.certain.empty())
                return true;
            if (!receipt.debtor_id && match.debtor_id)
                receipt.debtor_id = match.debtor_id;
            ReceiptView view;
            booked =
                apply_in_transaction(tx, settings, actor, receipt, match.certain, view, match.certain_reason);
            if (!booked)
                return false;
            for (const auto& application : match.certain)
                matcher.record_applied(application);
            outcome.applied = true;
            outcome.applications = std::move(match.certain);
            ++result.applied;
            return true;
        });
        MF_CHECK(booked);
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
