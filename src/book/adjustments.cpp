// What happens to an invoice that is not simply paid: short-pay close, dispute, recourse chargeback,
// non-recourse credit loss; and the client-side money: charges and rebate releases.
#include "book/book.hpp"
#include "book/internal.hpp"
#include "book/settlement.hpp"
#include "core/accrual.hpp"
#include "core/ids.hpp"
#include "core/ledger.hpp"
#include "core/lifecycle.hpp"

namespace mf {

using namespace detail;

namespace {
Status require_reason(const std::string& reason) {
    if (reason.empty())
        return make_error("missing_field", "this action needs a reason", "reason");
    return ok();
}
}  // namespace

Result<Invoice> Book::close_short(const Actor& actor, int64_t invoice_id, const std::string& reason) {
    MF_CHECK(require_reason(reason));
    Invoice invoice;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(invoice, load_invoice(tx, invoice_id));
        const Invoice before = invoice;
        MF_CHECK(check_can_collect(invoice));
        const int64_t remaining = invoice.outstanding_minor();
        MF_CHECK(tx.append_entry(dilution_entry(settings.business_date, invoice, remaining)));
        invoice.diluted_minor += remaining;
        invoice.disputed = false;
        MF_CHECK(settle_fee_and_leave_funded(tx, settings, invoice,
                                             invoice.last_payment_on.value_or(settings.business_date),
                                             InvoiceState::closed));
        MF_CHECK(save_invoice(tx, settings, before, invoice));
        invoice.version += 1;
        return tx.append_audit(audit(actor, settings, "invoice.close_short", "invoice", invoice.id,
                                     "state funded -> closed; " + money_text(remaining, invoice.currency) +
                                         " diluted, charged to the client's reserve",
                                     reason));
    }));
    return invoice;
}

Result<Invoice> Book::dispute(const Actor& actor, int64_t invoice_id, const std::string& reason) {
    MF_CHECK(require_reason(reason));
    Invoice invoice;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(invoice, load_invoice(tx, invoice_id));
        const Invoice before = invoice;
        MF_CHECK(check_can_dispute(invoice));
        invoice.disputed = true;
        MF_CHECK(save_invoice(tx, settings, before, invoice));
        invoice.version += 1;
        return tx.append_audit(audit(actor, settings, "invoice.dispute", "invoice", invoice.id,
                                     "disputed: now ineligible, holds its whole outstanding face in reserve",
                                     reason));
    }));
    return invoice;
}

Result<Invoice> Book::resolve_dispute(const Actor& actor, int64_t invoice_id, DisputeOutcome outcome,
                                      const std::string& reason) {
    MF_CHECK(require_reason(reason));
    if (outcome == DisputeOutcome::lost_as_dilution) {
        Invoice checked;
        MF_TRY(checked, invoice(invoice_id));
        MF_CHECK(check_can_resolve_dispute(checked));
        return close_short(actor, invoice_id, "dispute lost: " + reason);
    }
    Invoice invoice;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(invoice, load_invoice(tx, invoice_id));
        const Invoice before = invoice;
        MF_CHECK(check_can_resolve_dispute(invoice));
        invoice.disputed = false;
        MF_CHECK(save_invoice(tx, settings, before, invoice));
        invoice.version += 1;
        return tx.append_audit(audit(actor, settings, "invoice.resolve_dispute", "invoice", invoice.id,
                                     "dispute resolved for the client: eligible again", reason));
    }));
    return invoice;
}

Result<Invoice> Book::charge_back(const Actor& actor, int64_t invoice_id, const std::string& reason) {
    MF_CHECK(require_reason(reason));
    Invoice invoice;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(invoice, load_invoice(tx, invoice_id));
        const Invoice before = invoice;
        MF_CHECK(check_can_charge_back(invoice));
        const int64_t remaining = invoice.outstanding_minor();
        MF_CHECK(tx.append_entry(chargeback_entry(settings.business_date, invoice, remaining)));
        invoice.charged_back_minor += remaining;
        MF_CHECK(settle_fee_and_leave_funded(tx, settings, invoice, settings.business_date,
                                             InvoiceState::charged_back));
        MF_CHECK(save_invoice(tx, settings, before, invoice));
        invoice.version += 1;
        return tx.append_audit(audit(actor, settings, "invoice.charge_back", "invoice", invoice.id,
                                     "state funded -> charged_back; " +
                                         money_text(remaining, invoice.currency) +
                                         " charged to the client's reserve, fee " +
                                         money_text(invoice.fee_settled_minor, invoice.currency),
                                     reason));
    }));
    return invoice;
}

Result<Invoice> Book::write_off(const Actor& actor, int64_t invoice_id, const std::string& reason) {
    MF_CHECK(require_reason(reason));
    Invoice invoice;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(invoice, load_invoice(tx, invoice_id));
        const Invoice before = invoice;
        MF_CHECK(check_can_write_off(invoice));
        const int64_t remaining = invoice.outstanding_minor();
        MF_CHECK(settle_fee_and_leave_funded(tx, settings, invoice, settings.business_date,
                                             InvoiceState::written_off));
        // The client's share is what its reserve still holds for this invoice: face - advance - fee.
        const int64_t unreleased = invoice.face_minor - invoice.advance_minor - invoice.fee_settled_minor;
        auto entry = credit_loss_entry(settings.business_date, invoice, remaining, unreleased);
        MF_CHECK(tx.append_entry(entry));
        invoice.written_off_minor += remaining;
        MF_CHECK(save_invoice(tx, settings, before, invoice));
        invoice.version += 1;
        return tx.append_audit(
            audit(actor, settings, "invoice.write_off", "invoice", invoice.id,
                  "state funded -> written_off; credit loss " + money_text(remaining, invoice.currency) +
                      ", client reserve bears " +
                      money_text(std::max<int64_t>(0, std::min(remaining, unreleased)), invoice.currency),
                  reason));
    }));
    return invoice;
}

Result<JournalEntry> Book::charge_client(const Actor& actor, const ChargeRequest& request) {
    JournalEntry entry;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(auto client, load_client(tx, request.client_id));
        MF_TRY(auto charge, tx.find_charge(request.code));
        if (!charge && !request.amount_minor) {
            return make_error("not_found", "no charge '" + request.code + "' in the catalog; give an amount",
                              "code");
        }
        if (charge && !(charge->currency == client.currency) && !request.amount_minor) {
            return make_error("currency_mismatch",
                              "charge '" + request.code + "' is defined in " +
                                  std::string(charge->currency.code()) + ", client " + client.name +
                                  " is in " + std::string(client.currency.code()),
                              "code");
        }
        const int64_t amount = request.amount_minor.value_or(charge ? charge->amount_minor : 0);
        if (amount <= 0)
            return make_error("invalid_amount", "a charge must be greater than zero", "amount");
        if (request.invoice_id != 0) {
            MF_TRY(auto invoice, load_invoice(tx, request.invoice_id));
            if (invoice.client_id != client.id) {
                return make_error("not_found",
                                  "invoice " + format_id(IdKind::invoice, request.invoice_id) +
                                      " is not one of " + client.name + "'s",
                                  "invoice_id");
            }
        }
        const std::string memo = !request.memo.empty() ? request.memo : charge ? charge->name : request.code;
        entry = charge_entry(settings.business_date, client.currency, client.id, amount, memo,
                             request.invoice_id);
        MF_TRY(entry.id, tx.append_entry(entry));
        return tx.append_audit(audit(actor, settings, "client.charge", "client", client.id,
                                     memo + ": " + money_text(amount, client.currency)));
    }));
    return entry;
}

// Pays out the releasable part of a client's reserve, given its required reserve; shared by the release use
// case and close-day (which knows every client's required reserve from its one scan).
Result<std::optional<Payout>> detail::release_in_transaction(
    Transaction& tx, const BookSettings& settings, const Client& client, int64_t required_minor,
    std::optional<int64_t> amount_minor, const std::function<Status(const Payout&)>& on_paid) {
    MF_TRY(auto balance, tx.balance_minor(Account::client_reserve, client.currency, client.id));
    const ReserveFigures figures{-balance, required_minor};
    const int64_t releasable = figures.releasable();
    if (amount_minor && *amount_minor > releasable) {
        return make_error("exceeds_releasable",
                          "only " + money_text(releasable, client.currency) + " of " + client.name +
                              "'s reserve is releasable",
                          "amount");
    }
    const int64_t amount = amount_minor.value_or(releasable);
    if (amount <= 0)
        return std::optional<Payout>{};
    MF_CHECK(tx.append_entry(rebate_entry(settings.business_date, client.currency, client.id, amount)));
    Payout payout;
    payout.client_id = client.id;
    payout.kind = PayoutKind::rebate;
    payout.currency = client.currency;
    payout.amount_minor = amount;
    payout.paid_on = settings.business_date;
    MF_TRY(payout.id, tx.insert_payout(payout));
    MF_CHECK(on_paid(payout));
    return std::optional<Payout>{payout};
}

Result<std::optional<Payout>> Book::release_rebate(const Actor& actor, int64_t client_id,
                                                   std::optional<int64_t> amount_minor) {
    if (amount_minor && *amount_minor <= 0) {
        return make_error("invalid_amount", "a release must be greater than zero", "amount");
    }
    std::optional<Payout> out;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(auto client, load_client(tx, client_id));
        MF_TRY(auto figures, client_reserve_figures(tx, client));
        MF_TRY(out, release_in_transaction(
                        tx, settings, client, figures.required_minor, amount_minor,
                        [&](const Payout& payout) -> Status {
                            auto event =
                                audit(actor, settings, "client.release", "client", client.id,
                                      "rebate of " + money_text(payout.amount_minor, payout.currency) +
                                          " paid as " + format_id(IdKind::payout, payout.id));
                            MF_TRY(auto mail, queue_rebate_mail(tx, event.at, settings, client, payout));
                            event.detail += mail_note(mail);
                            return tx.append_audit(event);
                        }));
        return ok();
    }));
    return out;
}

Result<std::vector<Payout>> Book::payouts(std::optional<int64_t> client_id) {
    std::vector<Payout> out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(out, tx.list_payouts(client_id));
        return ok();
    }));
    return out;
}

Result<InvoiceHistory> Book::invoice_history(int64_t invoice_id) {
    InvoiceHistory history;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(history.invoice, load_invoice(tx, invoice_id));
        MF_TRY(history.events, tx.audit_of("invoice", invoice_id));
        MF_TRY(history.entries, tx.entries_of_invoice(invoice_id));
        MF_TRY(history.applications, tx.applications_of_invoice(invoice_id));
        MF_TRY(auto settings, tx.load_settings());
        if (history.invoice.state == InvoiceState::funded) {
            MF_TRY(history.fee_to_date_minor, fee_to_date_minor(history.invoice, settings.business_date));
        } else {
            history.fee_to_date_minor = history.invoice.fee_settled_minor;
        }
        return ok();
    }));
    return history;
}

}  // namespace mf
