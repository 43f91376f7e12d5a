// Helpers shared by the use-case files of book/: loading records or failing with not_found, validation of
// terms, reserve figures of a client. Not part of the public API. Thread-safety: functions over a
// Transaction.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/model.hpp"
#include "store/store.hpp"

namespace mf::detail {

Error not_found(IdKind kind, int64_t id);
Result<Client> load_client(Transaction& tx, int64_t id);
Result<Debtor> load_debtor(Transaction& tx, int64_t id);
Result<Invoice> load_invoice(Transaction& tx, int64_t id);
Result<Schedule> load_schedule(Transaction& tx, int64_t id);
Result<Receipt> load_receipt(Transaction& tx, int64_t id);

// Writes a changed invoice and moves its client's stored required reserve by the difference the change makes
// (the store keeps each client's required reserve so funding never scans the client's invoices).
Status save_invoice(Transaction& tx, const BookSettings& settings, const Invoice& before,
                    const Invoice& after);

Status validate_terms(const ClientTerms& terms);
Status validate_name(const std::string& name, std::string_view field);
// Empty (no address yet), or one or more e-mail addresses separated by commas; else "invalid_email".
Status validate_email(const std::string& email, std::string_view field);

// The client's reserve (credit-positive), its required reserve and the shortfall or releasable part.
struct ReserveFigures {
    int64_t reserve_minor = 0;
    int64_t required_minor = 0;
    int64_t releasable() const { return reserve_minor > required_minor ? reserve_minor - required_minor : 0; }
    int64_t shortfall() const { return required_minor > reserve_minor ? required_minor - reserve_minor : 0; }
};
// From the stored balance and the stored required reserve: no scan.
Result<ReserveFigures> client_reserve_figures(Transaction& tx, const Client& client);
// Recomputed from the client's open invoices as of `as_of` (close-day, verify, settings changes).
Result<int64_t> recompute_required_reserve(Transaction& tx, int64_t client_id, const BookSettings& settings,
                                           Date as_of);

// Pays the client its releasable reserve (all, or `amount_minor`, which must not exceed it) as a rebate
// payout; nullopt when nothing is releasable. on_paid records the audit event of the caller.
Result<std::optional<Payout>> release_in_transaction(Transaction& tx, const BookSettings& settings,
                                                     const Client& client, int64_t required_minor,
                                                     std::optional<int64_t> amount_minor,
                                                     const std::function<Status(const Payout&)>& on_paid);

std::string money_text(int64_t minor, Currency currency);

// Verification and notices at submission and funding (book/verification.cpp, book/notices.cpp).
// Marks a just-inserted invoice pending verification when the client's policy selects it (writing it
// again); true when it did.
Result<bool> apply_verification_policy(Transaction& tx, const std::optional<VerificationPolicy>& policy,
                                       Invoice& invoice);
// noa_required when the book requires a notice before funding and the invoice's pair has none in place.
Status check_notice_for_funding(Transaction& tx, const BookSettings& settings, const Invoice& invoice);
// When the book requires credit reviews, every debtor of the invoices must have a current approved review
// (book/credit.cpp); else "credit_review_required" naming the debtor and what is missing.
Status check_credit_reviews(Transaction& tx, const BookSettings& settings,
                            const std::vector<Invoice>& invoices);

}  // namespace mf::detail
