// Daily close (ACCOUNTING.md "Daily close"): one set-based pass over the open invoices per business day
// accrues fees per client, applies the recourse rule, flags cross-aged debtors, releases rebates on the
// book's schedule, records the portfolio snapshot and moves the business date. One transaction per day;
// idempotent.
#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>

#include "book/book.hpp"
#include "book/internal.hpp"
#include "book/settlement.hpp"
#include "core/accrual.hpp"
#include "core/calendar.hpp"
#include "core/ids.hpp"
#include "core/ledger.hpp"
#include "core/limits.hpp"

namespace mf {

using namespace detail;

namespace {

struct ClientDay {
    int64_t fee_delta_minor = 0;
    int64_t required_minor = 0;       // as of the day closed: what rebates may not touch
    int64_t required_next_minor = 0;  // as of the next business date: stored for the day's fundings
};

struct DebtorDay {
    int64_t outstanding_minor = 0;
    int64_t aged_minor = 0;
};

struct CurrencyDay {
    int64_t open_invoices = 0;
    int64_t outstanding_minor = 0;
};

// What the one scan of the open invoices learns.
struct DayScan {
    std::unordered_map<int64_t, ClientDay> clients;
    std::unordered_map<int64_t, DebtorDay> debtors;
    std::map<std::string, CurrencyDay> currencies;
    std::vector<int64_t> recourse_due;  // invoice ids past their recourse days, to charge back
    std::vector<int64_t> to_flag;       // the same under the flag action: to flag unless flagged already
    int64_t invoices = 0;
    int64_t overdue = 0;
};

Result<DayScan> scan_open_invoices(Transaction& tx, const BookSettings& settings, Date day) {
    DayScan scan;
    const Date aged_before = day.plus_days(-settings.cross_age_days);
    const Date next_day = next_business_day_after(settings.calendar, day);
    InvoiceFilter filter;
    filter.states = {InvoiceState::funded};
    // The invoices of a book are mostly in one currency: its figures are found once, not per invoice.
    std::optional<Currency> last_currency;
    CurrencyDay* last_currency_day = nullptr;
    MF_CHECK(tx.scan_invoice_figures(filter, [&](const Invoice& invoice) -> Status {
        ++scan.invoices;
        auto& debtor = scan.debtors[invoice.debtor_id];
        debtor.outstanding_minor += invoice.outstanding_minor();
        if (invoice.issue_date < aged_before)
            debtor.aged_minor += invoice.outstanding_minor();
        if (last_currency != invoice.currency) {
            last_currency = invoice.currency;
            last_currency_day = &scan.currencies[std::string(invoice.currency.code())];
        }
        auto& currency = *last_currency_day;
        currency.open_invoices += 1;
        currency.outstanding_minor += invoice.outstanding_minor();
        if (invoice.due_date < day)
            ++scan.overdue;
        const bool recourse_due = invoice.recourse == RecourseKind::recourse &&
                                  days_between(*invoice.funded_on, day) >= invoice.recourse_days;
        if (recourse_due && settings.recourse_action == RecourseAction::charge_back) {
            scan.recourse_due.push_back(invoice.id);  // settled by the chargeback itself
            return ok();
        }
        if (recourse_due)
            scan.to_flag.push_back(invoice.id);  // still accrues: flagged, it stays funded
        auto& client = scan.clients[invoice.client_id];
        client.required_minor += required_reserve_minor(invoice, day, settings);
        client.required_next_minor += required_reserve_minor(invoice, next_day, settings);
        MF_TRY(auto posted, fee_posted_minor(invoice, settings.last_closed_on));
        MF_TRY(auto fee, fee_to_date_minor(invoice, day));
        client.fee_delta_minor += fee - posted;
        return ok();
    }));
    return scan;
}

using AuditFn = std::function<AuditEvent(std::string action, std::string entity, int64_t id,
                                         std::string detail, std::string reason)>;

struct DayContext {
    Transaction& tx;
    const BookSettings& settings;
    Date day;
    const AuditFn& audit;
    CloseDayResult& result;
};

Status post_fee_accruals(DayContext& ctx, const DayScan& scan, const std::vector<Client>& clients) {
    for (const auto& client : clients) {
        auto found = scan.clients.find(client.id);
        if (found == scan.clients.end() || found->second.fee_delta_minor == 0)
            continue;
        MF_CHECK(ctx.tx.append_entry(
            fee_accrual_entry(ctx.day, client.currency, client.id, found->second.fee_delta_minor)));
        auto& fees = ctx.result.fees_by_currency;
        auto same = std::find_if(fees.begin(), fees.end(),
                                 [&](const Money& m) { return m.currency == client.currency; });
        if (same == fees.end()) {
            fees.push_back(Money{found->second.fee_delta_minor, client.currency});
        } else {
            same->minor += found->second.fee_delta_minor;
        }
    }
    return ok();
}

Status charge_back_recourse_due(DayContext& ctx, const DayScan& scan) {
    for (const int64_t id : scan.recourse_due) {
        MF_TRY(auto invoice, load_invoice(ctx.tx, id));
        const Invoice before = invoice;
        const int64_t remaining = invoice.outstanding_minor();
        MF_CHECK(ctx.tx.append_entry(chargeback_entry(ctx.day, invoice, remaining)));
        invoice.charged_back_minor += remaining;
        MF_CHECK(
            settle_fee_and_leave_funded(ctx.tx, ctx.settings, invoice, ctx.day, InvoiceState::charged_back));
        MF_CHECK(save_invoice(ctx.tx, ctx.settings, before, invoice));
        MF_CHECK(ctx.tx.append_audit(
            ctx.audit("invoice.charge_back", "invoice", id,
                      "recourse: unpaid " + std::to_string(invoice.recourse_days) + " days after funding; " +
                          money_text(remaining, invoice.currency) + " charged to the client's reserve",
                      "recourse period ended")));
        ++ctx.result.charged_back;
    }
    return ok();
}

// The invoices the one scan found past their recourse days are read whole (their review reasons are not
// among the figures) and flagged unless they are already.
Status flag_recourse_due(DayContext& ctx, const DayScan& scan) {
    for (const int64_t id : scan.to_flag) {
        MF_TRY(auto invoice, load_invoice(ctx.tx, id));
        if (invoice.review_reasons.find("recourse_due") != std::string::npos)
            continue;
        const Invoice before = invoice;
        invoice.review_reasons += (invoice.review_reasons.empty() ? "" : ",") + std::string("recourse_due");
        MF_CHECK(save_invoice(ctx.tx, ctx.settings, before, invoice));
        MF_CHECK(ctx.tx.append_audit(ctx.audit("invoice.flag", "invoice", invoice.id,
                                               "recourse period ended: flagged for a decision", "")));
        ++ctx.result.flagged_for_recourse;
    }
    return ok();
}

Status flag_cross_aged_debtors(DayContext& ctx, const DayScan& scan) {
    MF_TRY(auto debtors, ctx.tx.list_debtors());
    for (const auto& debtor : debtors) {
        const auto found = scan.debtors.find(debtor.id);
        const bool aged =
            found != scan.debtors.end() &&
            is_cross_aged(found->second.aged_minor, found->second.outstanding_minor, ctx.settings);
        MF_TRY(auto was, ctx.tx.debtor_cross_aged(debtor.id));
        if (aged)
            ++ctx.result.cross_aged_debtors;
        if (aged == was)
            continue;
        MF_CHECK(ctx.tx.set_debtor_cross_aged(debtor.id, aged));
        MF_CHECK(ctx.tx.append_audit(ctx.audit(
            aged ? "debtor.cross_aged" : "debtor.cross_age_cleared", "debtor", debtor.id,
            aged ? "over the cross-age share: its new invoices are held" : "back under the cross-age share",
            "")));
    }
    return ok();
}

Status release_rebates(DayContext& ctx, const DayScan& scan, const std::vector<Client>& clients) {
    const bool release_today = ctx.settings.rebate_schedule == RebateSchedule::on_collection ||
                               ctx.day.iso_weekday() == ctx.settings.rebate_weekday;
    if (!release_today)
        return ok();
    for (const auto& client : clients) {
        const auto found = scan.clients.find(client.id);
        const int64_t required = found == scan.clients.end() ? 0 : found->second.required_minor;
        MF_TRY(auto payout,
               release_in_transaction(
                   ctx.tx, ctx.settings, client, required, std::nullopt, [&](const Payout& paid) -> Status {
                       auto event = ctx.audit("client.release", "client", client.id,
                                              "rebate of " + money_text(paid.amount_minor, paid.currency) +
                                                  " paid as " + format_id(IdKind::payout, paid.id),
                                              "");
                       MF_TRY(auto mail, queue_rebate_mail(ctx.tx, event.at, ctx.settings, client, paid));
                       event.detail += mail_note(mail);
                       return ctx.tx.append_audit(event);
                   }));
        if (payout)
            ctx.result.rebates.push_back(*payout);
    }
    return ok();
}

Status record_snapshots(DayContext& ctx, const DayScan& scan) {
    std::map<std::string, Snapshot> snapshots;
    for (const auto& [code, figures] : scan.currencies) {
        auto& snapshot = snapshots[code];
        snapshot.on = ctx.day;
        MF_TRY(snapshot.currency, Currency::from_code(code));
        snapshot.open_invoices = figures.open_invoices;
        snapshot.outstanding_face_minor = figures.outstanding_minor;
    }
    MF_CHECK(ctx.tx.scan_flows(ctx.day, ctx.day, std::nullopt, [&](const FlowRow& flow) -> Status {
        auto& snapshot = snapshots[std::string(flow.currency.code())];
        snapshot.on = ctx.day;
        snapshot.currency = flow.currency;
        if (flow.account == Account::purchased_receivables && flow.kind == EntryKind::invoice_funded) {
            snapshot.funded_face_minor += flow.amount_minor;
        }
        if (flow.account == Account::purchased_receivables && flow.kind == EntryKind::receipt_applied) {
            snapshot.collected_minor -= flow.amount_minor;
        }
        if (flow.account == Account::fee_income)
            snapshot.fee_income_minor -= flow.amount_minor;
        return ok();
    }));
    for (auto& [code, snapshot] : snapshots) {
        MF_TRY(auto reserve, ctx.tx.balance_minor(Account::client_reserve, snapshot.currency, 0));
        snapshot.client_reserve_minor = -reserve;
        MF_CHECK(ctx.tx.save_snapshot(snapshot));
    }
    return ok();
}

Status check_close_target(const BookSettings& current, Date target) {
    if (current.last_closed_on && target < *current.last_closed_on) {
        return make_error("out_of_order",
                          "business date " + target.to_string() + " is before the last closed date " +
                              current.last_closed_on->to_string() + ": days close in order",
                          "date");
    }
    if (!is_business_day(current.calendar, target)) {
        return make_error("not_business_day",
                          target.to_string() + " is not a business day of the book's calendar", "date");
    }
    if (target < current.business_date) {
        return make_error(
            "out_of_order",
            target.to_string() + " is before the business date " + current.business_date.to_string(), "date");
    }
    if (days_between(current.business_date, target) > 3660) {
        return make_error("invalid_date", "closing more than ten years of days at once is refused", "date");
    }
    return ok();
}

}  // namespace

Result<std::vector<CloseDayResult>> Book::close_day(const Actor& actor, std::optional<Date> through) {
    MF_TRY(auto current, settings());
    const Date target = through.value_or(current.business_date);
    if (current.last_closed_on && target == *current.last_closed_on) {
        CloseDayResult result;
        result.date = target;
        result.already_closed = true;
        return std::vector<CloseDayResult>{result};
    }
    MF_CHECK(check_close_target(current, target));
    std::vector<CloseDayResult> results;
    while (true) {
        MF_TRY(auto settings_now, settings());
        if (settings_now.business_date > target)
            break;
        CloseDayResult result;
        bool closed_elsewhere = false;
        MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
            // One node at a time closes a day (two servers on one PostgreSQL book).
            MF_CHECK(tx.lock_exclusive("close-day"));
            result = CloseDayResult{};
            result.date = settings.business_date;
            // Another node closed the days through the target since settings_now was read.
            closed_elsewhere = settings.business_date > target;
            if (closed_elsewhere)
                return ok();
            const AuditFn audit_fn = [&](std::string action, std::string entity, int64_t id,
                                         std::string detail, std::string reason) {
                return audit(actor, settings, std::move(action), std::move(entity), id, std::move(detail),
                             std::move(reason));
            };
            DayContext ctx{tx, settings, settings.business_date, audit_fn, result};
            MF_TRY(auto scan, scan_open_invoices(tx, settings, ctx.day));
            result.invoices_accrued = scan.invoices;
            result.overdue_invoices = scan.overdue;
            MF_TRY(auto clients, tx.list_clients());
            MF_CHECK(post_fee_accruals(ctx, scan, clients));
            MF_CHECK(charge_back_recourse_due(ctx, scan));
            MF_CHECK(flag_recourse_due(ctx, scan));
            MF_CHECK(flag_cross_aged_debtors(ctx, scan));
            MF_CHECK(release_rebates(ctx, scan, clients));
            MF_CHECK(record_snapshots(ctx, scan));
            for (const auto& client : clients) {
                const auto found = scan.clients.find(client.id);
                MF_CHECK(tx.set_required_reserve(
                    client.id, found == scan.clients.end() ? 0 : found->second.required_next_minor));
            }
            BookSettings next = settings;
            next.last_closed_on = ctx.day;
            next.business_date = next_business_day_after(settings.calendar, ctx.day);
            MF_CHECK(tx.save_settings(next));
            return tx.append_audit(
                audit_fn("book.close_day", "book", 0,
                         "closed " + ctx.day.to_string() + ": " + std::to_string(scan.invoices) +
                             " open invoices, " + std::to_string(result.charged_back) + " charged back, " +
                             std::to_string(result.rebates.size()) + " rebates; next business date " +
                             next.business_date.to_string(),
                         ""));
        }));
        if (closed_elsewhere) {
            if (results.empty())
                results.push_back(CloseDayResult{.date = target, .already_closed = true});
            break;
        }
        results.push_back(std::move(result));
    }
    return results;
}

}  // namespace mf
