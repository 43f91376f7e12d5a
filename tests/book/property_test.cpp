// Random operation sequences on random books: every entry balances, every invoice's receivable equals face
// less what reduced it and is never negative, no limit is exceeded without a recorded override, verify stays
// clean.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <map>

#include "core/accrual.hpp"
#include "fixture.hpp"

namespace mf::testing {
namespace {

struct World : BookTest {
    std::vector<Client> clients;
    std::vector<Debtor> debtors;
    // The test's own record of what reaches a client's reserve outside the invoice records: charges (ACH
    // fees, misdirected-payment fees) and credits (overpayments, money the client paid in).
    std::map<int64_t, int64_t> charges_minor;
    std::map<int64_t, int64_t> credits_minor;
    // What recoveries on written-off invoices gave back to the factor's credit loss, per invoice.
    std::map<int64_t, int64_t> recovered_minor;

    void build() {
        SetUp();
        const char* schedules[] = {"flat 2%/30d +1%/15d", "daily 3.5%/30d min_fee=5.00",
                                   "tiered 2%/10d 4%/30d after 8% basis=advance"};
        for (int i = 0; i < 3; ++i) {
            const auto recourse = i == 1 ? RecourseKind::non_recourse : RecourseKind::recourse;
            clients.push_back(add_client(schedules[i], 700'000 + 100'000 * i,
                                         *rc::gen::inRange<int64_t>(1, 30) * 1000'00, recourse));
        }
        for (int i = 0; i < 3; ++i)
            debtors.push_back(add_debtor(*rc::gen::inRange<int64_t>(1, 30) * 1000'00));
    }

    std::vector<Invoice> funded() {
        InvoiceFilter filter;
        filter.states = {InvoiceState::funded};
        return must(book->invoices(filter));
    }

    template <class T>
    const T& pick(const std::vector<T>& items) {
        return items[*rc::gen::inRange<size_t>(0, items.size())];
    }

    void submit_approve_fund() {
        const auto& client = pick(clients);
        const auto today = book->settings().value().business_date;
        NewSchedule schedule{client.id, {}};
        const int count = *rc::gen::inRange(1, 4);
        for (int i = 0; i < count; ++i) {
            schedule.invoices.push_back({pick(debtors).id, "P" + std::to_string(++invoices_made),
                                         *rc::gen::inRange<int64_t>(1, 5000'00), usd(),
                                         today.plus_days(-*rc::gen::inRange(0, 20)), today.plus_days(30)});
        }
        auto submitted = book->submit_schedule(staff, schedule);
        RC_ASSERT(submitted.has_value());
        std::vector<int64_t> ids;
        for (const auto& invoice : submitted.value().invoices)
            ids.push_back(invoice.id);
        const bool override = *rc::gen::inRange(0, 5) == 0;
        auto outcomes = book->approve_invoices(staff, {ids, override ? "underwriter override" : ""});
        RC_ASSERT(outcomes.has_value());
        const bool any = std::any_of(outcomes.value().begin(), outcomes.value().end(),
                                     [](const ApprovalOutcome& o) { return o.approved; });
        for (const auto& outcome : outcomes.value()) {
            if (!outcome.approved)
                RC_ASSERT(book->reject_invoices(staff, {outcome.invoice.id}, "over limit").has_value());
        }
        if (any)
            RC_ASSERT(book->fund_schedule(staff, submitted.value().schedule.id).has_value());
    }

    void pay() {
        const auto open = funded();
        if (open.empty())
            return;
        const auto& invoice = pick(open);
        const int64_t owed = invoice.outstanding_minor();
        const int64_t amount = *rc::gen::inRange<int64_t>(1, owed + owed / 10 + 2);
        NewReceipt receipt{Money{amount, usd()},
                           book->settings().value().business_date,
                           "payer",
                           invoice.number,
                           invoice.debtor_id,
                           "manual",
                           {{invoice.id, amount, *rc::gen::inRange(0, 4) == 0, false}}};
        RC_ASSERT(book->record_receipt(staff, receipt).has_value());
        if (amount > owed)
            credits_minor[invoice.client_id] += amount - owed;
    }

    // The factor's share of a write-off: what the invoice's unreleased reserve (face - advance - fee) did not
    // cover.
    static int64_t factor_loss(const Invoice& invoice) {
        const int64_t unreleased = invoice.face_minor - invoice.advance_minor - invoice.fee_settled_minor;
        return invoice.written_off_minor -
               std::max<int64_t>(0, std::min(invoice.written_off_minor, unreleased));
    }

    // A payment on a written-off invoice restores the factor's loss first, the rest is the client's.
    void recover() {
        InvoiceFilter filter;
        filter.states = {InvoiceState::written_off};
        auto written_off = must(book->invoices(filter));
        if (written_off.empty()) {  // write one off first, so that recoveries are common enough to matter
            for (const auto& candidate : funded()) {
                if (candidate.recourse == RecourseKind::non_recourse && !candidate.disputed) {
                    RC_ASSERT(book->write_off(staff, candidate.id, "insolvent").has_value());
                    written_off = must(book->invoices(filter));
                    break;
                }
            }
            if (written_off.empty())
                return;
        }
        const auto& invoice = pick(written_off);
        const int64_t amount = *rc::gen::inRange<int64_t>(1, invoice.face_minor + 2);
        NewReceipt receipt{Money{amount, usd()},
                           book->settings().value().business_date,
                           "trustee",
                           invoice.number,
                           invoice.debtor_id,
                           "manual",
                           {{invoice.id, amount, false, false}}};
        RC_ASSERT(book->record_receipt(staff, receipt).has_value());
        const int64_t to_factor =
            std::min(amount, std::max<int64_t>(0, factor_loss(invoice) - recovered_minor[invoice.id]));
        recovered_minor[invoice.id] += to_factor;
        RC_TAG("recovery on a written-off invoice");
        credits_minor[invoice.client_id] += amount - to_factor;
    }

    void adjust() {
        const auto open = funded();
        if (open.empty())
            return;
        const auto& invoice = pick(open);
        switch (*rc::gen::inRange(0, 5)) {
            case 0:
                if (!invoice.disputed)
                    RC_ASSERT(book->dispute(staff, invoice.id, "contested").has_value());
                else
                    RC_ASSERT(
                        book->resolve_dispute(staff, invoice.id, DisputeOutcome::lost_as_dilution, "lost")
                            .has_value());
                break;
            case 1:
                if (invoice.recourse == RecourseKind::recourse) {
                    RC_ASSERT(book->charge_back(staff, invoice.id, "unpaid").has_value());
                } else if (!invoice.disputed) {
                    RC_ASSERT(book->write_off(staff, invoice.id, "insolvent").has_value());
                }
                break;
            case 2: {
                const int64_t amount = *rc::gen::inRange<int64_t>(1, invoice.outstanding_minor() + 1);
                RC_ASSERT(book->report_misdirected_payment(staff, {invoice.id, amount, std::nullopt, ""})
                              .has_value());
                charges_minor[invoice.client_id] += 50'00;  // the catalog's misdirected_payment_fee
                break;
            }
            case 3:
                RC_ASSERT(book->close_short(staff, invoice.id, "credit note").has_value());
                break;
            default:
                RC_ASSERT(book->charge_client(staff, {invoice.client_id, "ach_fee", std::nullopt, 0, ""})
                              .has_value());
                charges_minor[invoice.client_id] += 5'00;  // the catalog's ach_fee
        }
    }

    void client_money() {
        const auto& client = pick(clients);
        if (*rc::gen::inRange(0, 2) == 0) {
            const int64_t amount = *rc::gen::inRange<int64_t>(1, 1000'00);
            RC_ASSERT(book->client_pays_in(staff, {client.id, amount, ""}).has_value());
            credits_minor[client.id] += amount;
        } else {
            RC_ASSERT(book->release_rebate(staff, client.id, std::nullopt).has_value());
        }
    }

    // ACCOUNTING.md's reserve, from the records rather than the ledger: for every invoice bought, face -
    // advance, less its fee, dilution, chargeback, misdirected payments and the client's share of a credit
    // loss; plus what advances netted against a shortfall and the client's credits; less charges and rebates
    // paid.
    int64_t reserve_by_definition(const Client& client) {
        const auto settings = must(book->settings());
        int64_t reserve = charges_minor.count(client.id) ? -charges_minor[client.id] : 0;
        reserve += credits_minor.count(client.id) ? credits_minor[client.id] : 0;
        InvoiceFilter filter;
        filter.client_id = client.id;
        for (const auto& invoice : must(book->invoices(filter))) {
            if (!invoice.funded_on)
                continue;
            const int64_t fee = must(fee_posted_minor(invoice, settings.last_closed_on));
            const int64_t unreleased = invoice.face_minor - invoice.advance_minor - fee;
            reserve +=
                unreleased - invoice.diluted_minor - invoice.charged_back_minor - invoice.misdirected_minor;
            if (invoice.written_off_minor > 0) {
                reserve -= std::max<int64_t>(0, std::min(invoice.written_off_minor, unreleased));
            }
        }
        for (const auto& payout : must(book->payouts(client.id))) {
            reserve += payout.kind == PayoutKind::advance ? payout.netted_minor : -payout.amount_minor;
        }
        return reserve;
    }

    void check_invariants() {
        auto report = book->verify();
        RC_ASSERT(report.has_value());
        for (const auto& problem : report.value().problems)
            RC_FAIL(problem);
        RC_ASSERT(book->trial_balance().value().balanced);
        const auto reserves = must(book->reserve_report({}));
        int64_t credit_losses = 0;
        InvoiceFilter written_off;
        written_off.states = {InvoiceState::written_off};
        for (const auto& invoice : must(book->invoices(written_off)))
            credit_losses += factor_loss(invoice) - recovered_minor[invoice.id];
        int64_t booked_losses = 0;
        RC_ASSERT(book->store()
                      .read([&](Transaction& tx) -> Status {
                          MF_TRY(booked_losses, tx.balance_minor(Account::credit_losses, usd(), 0));
                          return ok();
                      })
                      .has_value());
        RC_ASSERT(booked_losses == credit_losses);
        for (const auto& client : clients) {
            InvoiceFilter filter;
            filter.client_id = client.id;
            int64_t exposure = 0;
            bool overridden = false;
            for (const auto& invoice : must(book->invoices(filter))) {
                RC_ASSERT(invoice.outstanding_minor() >= 0);
                RC_ASSERT(invoice.outstanding_minor() ==
                          invoice.face_minor - invoice.collected_minor - invoice.diluted_minor -
                              invoice.charged_back_minor - invoice.written_off_minor -
                              invoice.misdirected_minor);
                if (invoice.state == InvoiceState::funded)
                    exposure += invoice.outstanding_minor();
                if (invoice.state == InvoiceState::approved)
                    exposure += invoice.face_minor;
                overridden = overridden || !invoice.override_reason.empty();
            }
            RC_ASSERT(overridden || exposure <= client.terms.factoring_limit_minor);
            const auto row = std::find_if(reserves.rows.begin(), reserves.rows.end(),
                                          [&](const ReserveRow& r) { return r.client_id == client.id; });
            RC_ASSERT(row != reserves.rows.end());
            RC_ASSERT(row->reserve_minor == reserve_by_definition(client));
        }
    }
};

RC_GTEST_PROP(BookProperties, RandomOperationsKeepTheBookWhole, ()) {
    World world;
    world.build();
    const int steps = *rc::gen::inRange(5, 40);
    for (int step = 0; step < steps; ++step) {
        switch (*rc::gen::inRange(0, 10)) {
            case 0:
            case 1:
            case 2:
                world.submit_approve_fund();
                break;
            case 3:
                world.pay();
                break;
            case 4:
                if (*rc::gen::inRange(0, 3) == 0)
                    world.recover();
                else
                    world.pay();
                break;
            case 5:
            case 6:
                world.adjust();
                break;
            case 7:
                world.client_money();
                break;
            default:
                RC_ASSERT(world.book->close_day(world.staff, std::nullopt).has_value());
        }
    }
    world.check_invariants();
}

}  // namespace
}  // namespace mf::testing
