// Money in: capital, receipts and their application to invoices (partial, full, over, unfactored), short-pay
// closes, misdirected payments and clients paying in.
#include <algorithm>

#include "book/book.hpp"
#include "book/internal.hpp"
#include "book/settlement.hpp"
#include "core/ids.hpp"
#include "core/ledger.hpp"
#include "core/lifecycle.hpp"

namespace mf {

using namespace detail;

Result<JournalEntry> Book::contribute_capital(const Actor& actor, const CapitalContribution& input) {
    MF_CHECK(require_positive(input.amount, "amount"));
    JournalEntry entry;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        entry = capital_entry(settings.business_date, input.amount.currency, input.amount.minor,
                              input.memo.empty() ? "capital contributed" : input.memo);
        MF_TRY(entry.id, tx.append_entry(entry));
        return tx.append_audit(audit(actor, settings, "capital.contribute", "entry", entry.id,
                                     format_money(input.amount) + " contributed: " + entry.memo));
    }));
    return entry;
}

namespace {

struct ApplyContext {
    Transaction& tx;
    const BookSettings& settings;
    Receipt& receipt;
    std::vector<JournalEntry>& entries;
    // cash: applied as the receipt is recorded (Dr cash); unapplied_cash: applied later from unapplied cash
    ReceiptSource source;
};

Status append(ApplyContext& ctx, JournalEntry entry) {
    MF_TRY(entry.id, ctx.tx.append_entry(entry));
    ctx.entries.push_back(std::move(entry));
    return ok();
}

// A payment the factor does not own (unfactored, charged-back or already closed invoice, or the part beyond
// what the invoice still owes) belongs to the client: it is credited to the client's reserve.
Status credit_client(ApplyContext& ctx, const Invoice& invoice, int64_t amount_minor,
                     const std::string& why) {
    return append(ctx, client_credit_entry(ctx.settings.business_date, invoice.currency, invoice.client_id,
                                           amount_minor, ctx.source, invoice.id, why + " " + invoice.number));
}

// A payment on a written-off invoice restores the factor's credit loss on it first (what its credit_losses
// postings still hold), then goes to the client's reserve (docs/accounting-decisions.md, "Recoveries"). The
// invoice stays written off; the receipt's application and the entry are its record.
Result<std::string> recover(ApplyContext& ctx, const Invoice& invoice, int64_t amount_minor) {
    MF_TRY(const auto entries, ctx.tx.entries_of_invoice(invoice.id));
    const int64_t unrecovered = unrecovered_loss_minor(entries, invoice.id);
    const auto split = recovery_split(amount_minor, unrecovered);
    ctx.receipt.unapplied_minor -= amount_minor;
    MF_CHECK(append(
        ctx, recovery_entry(ctx.settings.business_date, invoice, amount_minor, unrecovered, ctx.source)));
    std::string detail = "recovered " + money_text(amount_minor, invoice.currency) +
                         " on written-off invoice " + invoice.number + ": " +
                         money_text(split.to_factor_minor, invoice.currency) + " to the factor's credit loss";
    if (split.to_client_minor > 0)
        detail += ", " + money_text(split.to_client_minor, invoice.currency) + " to the client's reserve";
    return detail;
}

Result<std::string> apply_one(ApplyContext& ctx, const Application& application) {
    if (application.amount_minor <= 0) {
        return make_error("invalid_amount", "an applied amount must be greater than zero", "amount");
    }
    if (application.amount_minor > ctx.receipt.unapplied_minor) {
        // A receipt being recorded has no id yet: its applications are booked before it is written.
        const std::string name =
            ctx.receipt.id != 0 ? "receipt " + format_id(IdKind::receipt, ctx.receipt.id) : "the receipt";
        return make_error("insufficient_unapplied",
                          name + " has only " +
                              money_text(ctx.receipt.unapplied_minor, ctx.receipt.currency) +
                              " left to apply",
                          "amount");
    }
    MF_TRY(auto invoice, load_invoice(ctx.tx, application.invoice_id));
    const Invoice before = invoice;
    if (!(invoice.currency == ctx.receipt.currency)) {
        return make_error("currency_mismatch",
                          "receipt in " + std::string(ctx.receipt.currency.code()) + " cannot pay invoice " +
                              invoice.number + " in " + std::string(invoice.currency.code()),
                          "invoice_id");
    }
    if (invoice.state == InvoiceState::written_off) {
        if (application.to_client) {
            return make_error("written_off",
                              "invoice " + invoice.number +
                                  " was written off: a payment on it is a recovery, which restores the "
                                  "factor's credit loss first; apply it without to_client",
                              "to_client");
        }
        return recover(ctx, invoice, application.amount_minor);
    }
    if (application.to_client) {
        ctx.receipt.unapplied_minor -= application.amount_minor;
        MF_CHECK(credit_client(ctx, invoice, application.amount_minor,
                               "payment on " + std::string(to_string(invoice.state)) + " invoice"));
        return "credited to the client's reserve (invoice " + std::string(to_string(invoice.state)) + ")";
    }
    if (invoice.state != InvoiceState::funded) {
        return make_error("invalid_transition",
                          "invoice " + invoice.number + " is " + std::string(to_string(invoice.state)) +
                              ": the factor does not own it; apply the payment to the "
                              "client's reserve instead (to_client)",
                          "invoice_id");
    }
    ctx.receipt.unapplied_minor -= application.amount_minor;
    const int64_t applied = std::min(application.amount_minor, invoice.outstanding_minor());
    MF_CHECK(append(ctx, apply_entry(ctx.settings.business_date, invoice, applied, ctx.source)));
    invoice.collected_minor += applied;
    invoice.last_payment_on = ctx.receipt.received_on;
    std::string detail = "collected " + money_text(applied, invoice.currency);
    if (application.amount_minor > applied) {
        MF_CHECK(credit_client(ctx, invoice, application.amount_minor - applied, "overpayment of"));
        detail += ", overpaid " + money_text(application.amount_minor - applied, invoice.currency);
    }
    if (invoice.outstanding_minor() > 0 && application.close_short) {
        const int64_t short_minor = invoice.outstanding_minor();
        MF_CHECK(append(ctx, dilution_entry(ctx.settings.business_date, invoice, short_minor)));
        invoice.diluted_minor += short_minor;
        detail += ", short pay " + money_text(short_minor, invoice.currency) + " closed as dilution";
    }
    if (invoice.outstanding_minor() == 0) {
        MF_CHECK(settle_fee_and_leave_funded(ctx.tx, ctx.settings, invoice, *invoice.last_payment_on,
                                             InvoiceState::closed, &ctx.entries));
        detail += "; closed, fee " + money_text(invoice.fee_settled_minor, invoice.currency);
    }
    MF_CHECK(save_invoice(ctx.tx, ctx.settings, before, invoice));
    return detail;
}

}  // namespace

Status Book::receive_in_transaction(Transaction& tx, const BookSettings& settings, const Actor& actor,
                                    const NewReceipt& input, ReceiptView& view) {
    MF_CHECK(require_positive(input.amount, "amount"));
    if (input.received_on > settings.business_date) {
        return make_error("future_date",
                          "received date " + input.received_on.to_string() + " is after the business date " +
                              settings.business_date.to_string(),
                          "received_on");
    }
    if (input.debtor_id)
        MF_CHECK(load_debtor(tx, *input.debtor_id));
    Receipt receipt;
    receipt.currency = input.amount.currency;
    receipt.amount_minor = input.amount.minor;
    receipt.unapplied_minor = input.amount.minor;
    receipt.received_on = input.received_on;
    receipt.payer = input.payer;
    receipt.reference = input.reference;
    receipt.debtor_id = input.debtor_id;
    receipt.source = input.source;
    // What is applied as the receipt is recorded is booked straight from cash (ACCOUNTING.md: "Dr
    // unapplied_cash (or cash)"); only the rest waits in unapplied cash. The applications are booked first so
    // the receipt row is written once, with what is left unapplied; its record and its applications follow
    // it, and their audit events keep the order: the receipt recorded, then each invoice collected.
    ApplyContext ctx{tx, settings, receipt, view.entries, ReceiptSource::cash};
    std::vector<std::string> details;
    details.reserve(input.applications.size());
    for (const auto& application : input.applications) {
        MF_TRY(auto detail, apply_one(ctx, application));
        details.push_back(std::move(detail));
    }
    MF_TRY(receipt.id, tx.insert_receipt(receipt));
    MF_CHECK(tx.append_audit(audit(actor, settings, "receipt.record", "receipt", receipt.id,
                                   money_text(receipt.amount_minor, receipt.currency) + " from " +
                                       receipt.payer + " (" + receipt.reference + "), value date " +
                                       receipt.received_on.to_string())));
    for (size_t i = 0; i < input.applications.size(); ++i) {
        const auto& application = input.applications[i];
        MF_CHECK(tx.insert_application(
            {receipt.id, application.invoice_id, application.amount_minor, settings.business_date}));
        MF_CHECK(tx.append_audit(audit(actor, settings, "invoice.collect", "invoice", application.invoice_id,
                                       details[i] + " from " + format_id(IdKind::receipt, receipt.id))));
    }
    if (receipt.unapplied_minor > 0) {
        auto entry = receipt_entry(settings.business_date, receipt, receipt.unapplied_minor);
        MF_TRY(entry.id, tx.append_entry(entry));
        view.entries.push_back(entry);
    }
    view.receipt = receipt;
    return ok();
}

Result<ReceiptView> Book::record_receipt(const Actor& actor, const NewReceipt& input) {
    MF_TRY(auto views, record_receipts(actor, {input}));
    return std::move(views.front());
}

Result<std::vector<ReceiptView>> Book::record_receipts(const Actor& actor,
                                                       const std::vector<NewReceipt>& inputs) {
    if (inputs.empty())
        return make_error("missing_field", "no receipts to record", "receipts");
    std::vector<ReceiptView> views;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        views.assign(inputs.size(), ReceiptView{});
        for (size_t i = 0; i < inputs.size(); ++i) {
            auto received = receive_in_transaction(tx, settings, actor, inputs[i], views[i]);
            if (!received && inputs.size() > 1) {
                auto error = received.error();
                error.message = "receipt " + std::to_string(i + 1) + ": " + error.message;
                return error;
            }
            MF_CHECK(received);
        }
        return ok();
    }));
    return views;
}

Result<ReceiptView> Book::apply_receipt(const Actor& actor, int64_t receipt_id,
                                        const std::vector<Application>& applications) {
    if (applications.empty())
        return make_error("missing_field", "nothing to apply", "applications");
    ReceiptView view;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        view.entries.clear();
        MF_TRY(auto receipt, load_receipt(tx, receipt_id));
        MF_CHECK(apply_in_transaction(tx, settings, actor, receipt, applications, view, ""));
        return ok();
    }));
    return view;
}

// Applies from unapplied cash and saves the receipt; `why` (the matcher's reason, for automatic applications)
// joins each collection's audit detail.
Status Book::apply_in_transaction(Transaction& tx, const BookSettings& settings, const Actor& actor,
                                  Receipt& receipt, const std::vector<Application>& applications,
                                  ReceiptView& view, const std::string& why) {
    ApplyContext ctx{tx, settings, receipt, view.entries, ReceiptSource::unapplied_cash};
    for (const auto& application : applications) {
        MF_TRY(auto detail, apply_one(ctx, application));
        MF_CHECK(tx.insert_application(
            {receipt.id, application.invoice_id, application.amount_minor, settings.business_date}));
        MF_CHECK(tx.append_audit(audit(actor, settings, "invoice.collect", "invoice", application.invoice_id,
                                       detail + " from " + format_id(IdKind::receipt, receipt.id) +
                                           (why.empty() ? "" : " (automatic: " + why + ")"))));
    }
    MF_CHECK(tx.update_receipt(receipt));
    view.receipt = receipt;
    return ok();
}

Result<Receipt> Book::receipt(int64_t receipt_id) {
    Receipt out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(out, load_receipt(tx, receipt_id));
        return ok();
    }));
    return out;
}

Result<ReceiptDetail> Book::receipt_detail(int64_t receipt_id) {
    ReceiptDetail out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(out.receipt, load_receipt(tx, receipt_id));
        MF_TRY(auto applications, tx.applications_of_receipt(receipt_id));
        out.applications.clear();
        for (const auto& application : applications) {
            MF_TRY(auto invoice, load_invoice(tx, application.invoice_id));
            out.applications.push_back({invoice.id, invoice.number, invoice.client_id,
                                        application.amount_minor, application.applied_on});
        }
        return ok();
    }));
    return out;
}

Result<std::vector<Receipt>> Book::receipts(bool unapplied_only) {
    std::vector<Receipt> out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(out, tx.list_receipts(unapplied_only));
        return ok();
    }));
    return out;
}

Result<Invoice> Book::report_misdirected_payment(const Actor& actor, const MisdirectedPayment& input) {
    Invoice invoice;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(invoice, load_invoice(tx, input.invoice_id));
        const Invoice before = invoice;
        MF_CHECK(check_can_collect(invoice));
        if (input.amount_minor <= 0 || input.amount_minor > invoice.outstanding_minor()) {
            return make_error("invalid_amount",
                              "a misdirected payment must be above zero and at most the " +
                                  money_text(invoice.outstanding_minor(), invoice.currency) +
                                  " the invoice still owes",
                              "amount");
        }
        const Date paid_on = input.paid_on.value_or(settings.business_date);
        if (paid_on > settings.business_date) {
            return make_error("future_date", "paid date is after the business date", "paid_on");
        }
        MF_CHECK(tx.append_entry(misdirected_entry(settings.business_date, invoice, input.amount_minor)));
        invoice.misdirected_minor += input.amount_minor;
        invoice.last_payment_on = paid_on;
        std::string detail = "debtor paid the client " + money_text(input.amount_minor, invoice.currency) +
                             " directly; the client owes it to the factor";
        MF_TRY(auto fee, tx.find_charge("misdirected_payment_fee"));
        if (fee && fee->currency == invoice.currency) {
            MF_CHECK(tx.append_entry(charge_entry(settings.business_date, invoice.currency, invoice.client_id,
                                                  fee->amount_minor, fee->name, invoice.id)));
            detail += "; " + fee->name + " " + money_text(fee->amount_minor, fee->currency) + " charged";
        }
        if (invoice.outstanding_minor() == 0) {
            MF_CHECK(settle_fee_and_leave_funded(tx, settings, invoice, paid_on, InvoiceState::closed));
            detail += "; closed, fee " + money_text(invoice.fee_settled_minor, invoice.currency);
        }
        MF_CHECK(save_invoice(tx, settings, before, invoice));
        invoice.version += 1;
        return tx.append_audit(
            audit(actor, settings, "invoice.misdirected", "invoice", invoice.id, detail, input.note));
    }));
    return invoice;
}

Result<JournalEntry> Book::client_pays_in(const Actor& actor, const ClientPayment& input) {
    JournalEntry entry;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(auto client, load_client(tx, input.client_id));
        if (input.amount_minor <= 0) {
            return make_error("invalid_amount", "a client payment must be greater than zero", "amount");
        }
        entry = client_payment_entry(settings.business_date, client.currency, client.id, input.amount_minor,
                                     input.memo.empty() ? "client payment" : input.memo);
        MF_TRY(entry.id, tx.append_entry(entry));
        return tx.append_audit(audit(
            actor, settings, "client.pay_in", "client", client.id,
            client.name + " paid in " + money_text(input.amount_minor, client.currency) + ": " + entry.memo));
    }));
    return entry;
}

}  // namespace mf
