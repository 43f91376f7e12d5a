// Deterministic simulation of a book (issue 6): a seeded random stream of business actions (submissions,
// approvals, rejections, fundings, receipts and their applications, bank and invoice file imports, automatic
// cash application, disputes, charge-backs, write-offs, short closes, misdirected payments, charges, money
// the client pays in, rebates, payout files, close-day over one or several business days) run through the
// book layer against a real store, with the book's invariants checked after every step:
//   - `verify` is clean (every stored balance equals its postings, every invoice's receivable and fee);
//   - the trial balance balances (debits = credits per currency, recomputed here too);
//   - every invoice moved only along the state machine of ACCOUNTING.md (core/lifecycle.hpp), and none
//   vanished;
//   - nothing is negative: no invoice's outstanding receivable, no receipt's unapplied cash, no payout;
//   - no client's exposure is over its factoring limit, and no debtor's over its credit limit, unless an
//     approver's override is on record;
//   - a call that returned an error changed nothing (the book's fingerprint is the one before it);
//   - the business date never goes back, and close-day closes every business day in order.
// The stream is a pure function of the seed (a fixed clock, no threads), so a failure prints the seed and
// the step and `mf_simulate --seed S --steps N` replays it exactly.
//
//   mf_simulate [--seed S] [--runs N | --seconds T] [--steps N] [--db sqlite|postgresql] [--verbose]
//
// --db postgresql runs on the server named by MF_TEST_PG_URL (a fresh schema per run). Exit 0 when every run
// kept every invariant, 1 on the first broken one.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "book/book.hpp"
#include "core/fee_text.hpp"
#include "core/lifecycle.hpp"
#include "support/payout_fixtures.hpp"

namespace mf::sim {
namespace {

struct Failure {
    std::string what;
};

[[noreturn]] void fail(const std::string& what) {
    throw Failure{what};
}

template <class T>
T must(Result<T> result, const char* what) {
    if (!result)
        fail(std::string(what) + " failed: [" + result.error().code + "] " + result.error().message);
    return std::move(result).value();
}

Currency usd() {
    return Currency::from_code("USD").value();
}

constexpr std::array<InvoiceAction, 6> kActions{InvoiceAction::approve,     InvoiceAction::reject,
                                                InvoiceAction::fund,        InvoiceAction::close,
                                                InvoiceAction::charge_back, InvoiceAction::write_off};

bool legal_move(InvoiceState from, InvoiceState to) {
    if (from == to)
        return true;
    for (const auto action : kActions) {
        const auto next = transition(from, action);
        if (next && next.value() == to)
            return true;
    }
    return false;
}

struct Options {
    uint64_t seed = 0;
    bool seed_given = false;
    int runs = 1;
    double seconds = 0;  // > 0: as many runs as fit
    int steps = 200;
    std::string db = "sqlite";
    bool verbose = false;
};

struct Counts {
    std::map<std::string, int64_t> ok;  // operation -> calls that succeeded
    std::map<std::string, int64_t>
        refused;  // operation -> calls that returned an error (and changed nothing)
    int64_t steps = 0;
    int64_t checks = 0;  // invariant checks (one per step)
    int64_t days_closed = 0;
};

class Simulation {
  public:
    Simulation(uint64_t seed, std::string url, Counts& counts)
        : rng_(seed), url_(std::move(url)), counts_(counts) {}

    void setup() {
        NewBook input;
        input.name = "simulated book";
        input.base_currency = usd();
        input.calendar = CalendarKind::us_federal_reserve;  // holidays too: close-day must skip them
        input.business_date = Date::from_ymd(2026, 6, 1).value();
        book_ =
            must(Book::create(url_, input, std::make_shared<FixedClock>("2026-06-01T09:00:00Z")), "create");
        must(book_->update_settings(actor_, test::sample_originator_settings()), "settings");
        must(book_->contribute_capital(actor_, {Money{50'000'000'00, usd()}, "capital"}), "capital");
        const char* fees[] = {"flat 2%/30d +1%/15d", "daily 3.5%/30d min_fee=5.00",
                              "tiered 2%/10d 4%/30d after 8% basis=advance"};
        for (int i = 0; i < 3; ++i) {
            NewClient client;
            client.name = "Sim Client " + std::to_string(i + 1);
            client.currency = usd();
            client.terms.advance_rate_ppm = 700'000 + 100'000 * i;
            client.terms.fee_schedule = must(parse_fee_schedule(fees[i], usd()), "fee schedule");
            client.terms.factoring_limit_minor = between(5, 60) * 1000'00;
            client.terms.recourse = i == 1 ? RecourseKind::non_recourse : RecourseKind::recourse;
            client.terms.recourse_days = static_cast<int32_t>(between(20, 90));
            client.payout_account.routing_number = "031300012";
            client.payout_account.account_number = "1000" + std::to_string(i + 1);
            client.payout_account.account_type = AchAccountType::checking;
            clients_.push_back(must(book_->add_client(actor_, client), "add client"));
        }
        for (int i = 0; i < 4; ++i) {
            NewDebtor debtor{"Sim Debtor " + std::string(1, static_cast<char>('A' + i)) + " Corp", usd(),
                             between(5, 50) * 1000'00, "", ""};
            debtors_.push_back(must(book_->add_debtor(actor_, debtor), "add debtor"));
        }
        snapshot_ = states();
        business_date_ = must(book_->settings(), "settings").business_date;
        check("setup");
    }

    void step(int index) {
        step_ = index;
        const int pick = static_cast<int>(between(0, 109));
        if (pick < 14)
            submit();
        else if (pick < 24)
            approve();
        else if (pick < 27)
            reject();
        else if (pick < 37)
            fund();
        else if (pick < 47)
            receipt();
        else if (pick < 52)
            bank_file();
        else if (pick < 57)
            invoice_file();
        else if (pick < 60)
            auto_apply();
        else if (pick < 66)
            dispute();
        else if (pick < 70)
            recourse();
        else if (pick < 73)
            close_short();
        else if (pick < 76)
            misdirected();
        else if (pick < 80)
            charge();
        else if (pick < 84)
            client_money();
        else if (pick < 88)
            payout_file();
        else if (pick < 92)
            change_limits();
        else if (pick < 98)
            apply_unapplied();
        else
            close_day();
        ++counts_.steps;
        check(last_op_);
    }

  private:
    int64_t between(int64_t low, int64_t high) {  // inclusive
        return std::uniform_int_distribution<int64_t>(low, high)(rng_);
    }
    bool chance(int percent) { return between(1, 100) <= percent; }
    template <class T>
    const T& any_of(const std::vector<T>& items) {
        return items[static_cast<size_t>(between(0, static_cast<int64_t>(items.size()) - 1))];
    }
    Date today() { return must(book_->settings(), "settings").business_date; }
    std::vector<Invoice> in_state(InvoiceState state) {
        InvoiceFilter filter;
        filter.states = {state};
        return must(book_->invoices(filter), "invoices");
    }

    // Runs one business action: on success counts it, on an error checks that the book is as it was.
    template <class T>
    bool attempt(const std::string& op, const std::function<Result<T>()>& call, bool must_succeed = false) {
        last_op_ = op;
        const std::string before = fingerprint();
        auto result = call();
        if (result) {
            ++counts_.ok[op];
            return true;
        }
        if (must_succeed)
            fail(op + " failed: [" + result.error().code + "] " + result.error().message);
        ++counts_.refused[op + " (" + result.error().code + ")"];
        const std::string after = fingerprint();
        if (after != before)
            fail(op + " returned [" + result.error().code + "] " + result.error().message +
                 " but changed the book:\n  before " + before + "\n  after  " + after);
        return false;
    }

    NewInvoice new_invoice(const Date& today, bool bad) {
        NewInvoice invoice{any_of(debtors_).id,
                           "SIM-" + std::to_string(++numbers_),
                           between(100'00, 8000'00),
                           usd(),
                           today.plus_days(-static_cast<int>(between(0, 25))),
                           today.plus_days(static_cast<int>(between(5, 45)))};
        if (bad) {
            switch (between(0, 2)) {
                case 0:
                    invoice.face_minor = -invoice.face_minor;
                    break;
                case 1:
                    invoice.issue_date = today.plus_days(3);  // after the business date
                    break;
                default:
                    invoice.due_date = invoice.issue_date.plus_days(-1);
            }
        }
        return invoice;
    }

    void submit() {
        const Date now = today();
        const auto& client = any_of(clients_);
        NewSchedule schedule{client.id, {}};
        const auto rows = between(1, 4);
        const bool bad = chance(10);
        for (int64_t i = 0; i < rows; ++i)
            schedule.invoices.push_back(new_invoice(now, bad && i == rows - 1));
        const bool must_take =
            !bad && client.status == ClientStatus::active;  // a suspended client is refused
        attempt<ScheduleView>(
            "submit", [&] { return book_->submit_schedule(actor_, schedule); }, must_take);
    }

    void approve() {
        const auto waiting = in_state(InvoiceState::submitted);
        if (waiting.empty())
            return submit();
        ApprovalRequest request;
        for (const auto& invoice : waiting) {
            if (chance(60))
                request.invoice_ids.push_back(invoice.id);
        }
        if (request.invoice_ids.empty())
            request.invoice_ids.push_back(waiting.front().id);
        const bool held = std::any_of(waiting.begin(), waiting.end(), [&](const Invoice& invoice) {
            return invoice.needs_review() && std::find(request.invoice_ids.begin(), request.invoice_ids.end(),
                                                       invoice.id) != request.invoice_ids.end();
        });
        if (chance(held ? 50 : 5))
            request.override_reason = "underwriter override (simulated)";
        attempt<std::vector<ApprovalOutcome>>("approve",
                                              [&] { return book_->approve_invoices(actor_, request); });
    }

    void reject() {
        const auto waiting = in_state(chance(70) ? InvoiceState::submitted : InvoiceState::approved);
        if (waiting.empty())
            return;
        const auto id = any_of(waiting).id;
        attempt<std::vector<Invoice>>("reject",
                                      [&] { return book_->reject_invoices(actor_, {id}, "simulated"); });
    }

    void fund() {
        const auto approved = in_state(InvoiceState::approved);
        if (approved.empty())
            return approve();
        const auto schedule_id = any_of(approved).schedule_id;
        attempt<Payout>("fund", [&] { return book_->fund_schedule(actor_, schedule_id); });
    }

    // A payment for a funded invoice: exact, short, over (the rest to the client), or on an invoice the
    // factor does not own (refused unless the collector says it belongs to the client).
    void receipt() {
        const Date now = today();
        const auto open = in_state(InvoiceState::funded);
        if (open.empty() || chance(10)) {
            NewReceipt unapplied{Money{between(50'00, 3000'00), usd()},
                                 now,
                                 "Unknown payer",
                                 "thank you",
                                 std::nullopt,
                                 "manual",
                                 {}};
            attempt<ReceiptView>("receipt unapplied",
                                 [&] { return book_->record_receipt(actor_, unapplied); });
            return;
        }
        const auto& invoice = any_of(open);
        const int64_t owed = invoice.outstanding_minor();
        int64_t amount = owed;
        switch (between(0, 3)) {
            case 0:
                amount = between(1, owed);
                break;
            case 1:
                amount = owed + between(1, 500'00);
                break;
            default:
                break;
        }
        NewReceipt input{Money{amount, usd()},
                         now.plus_days(-static_cast<int>(between(0, 2))),
                         "payer",
                         invoice.number,
                         invoice.debtor_id,
                         "manual",
                         {{invoice.id, amount, chance(15), false}}};
        attempt<ReceiptView>("receipt", [&] { return book_->record_receipt(actor_, input); });
    }

    // A bank statement paying some funded invoices by number (the matcher applies what is certain), a vague
    // credit, and now and then a line booked before (skipped) or one dated in the future (refuses the file).
    void bank_file() {
        const Date now = today();
        formats::BankFile file;
        file.message_id = "STMT-" + std::to_string(++statements_);
        const auto open = in_state(InvoiceState::funded);
        const auto lines = between(1, 3);
        for (int64_t i = 0; i < lines; ++i) {
            formats::BankCredit line;
            line.place = "Ntry[" + std::to_string(i + 1) + "]";
            line.account = "DE89370400440532013000";
            line.bank_reference = "BR-" + std::to_string(++bank_lines_);
            line.booking_date = now;
            line.value_date = now;
            if (!open.empty() && chance(75)) {
                const auto& invoice = any_of(open);
                line.amount = Money{invoice.outstanding_minor(), usd()};
                line.remittance = "Invoice " + invoice.number;
                line.payer_name = debtor_name(invoice.debtor_id);
            } else {
                line.amount = Money{between(10'00, 900'00), usd()};
                line.remittance = "thank you";
                line.payer_name = "Somebody";
            }
            file.credits.push_back(line);
        }
        if (!last_bank_file_.credits.empty() && chance(20))
            file.credits.push_back(last_bank_file_.credits.front());  // booked before: skipped
        const bool bad = chance(8);
        if (bad)
            file.credits.back().booking_date = now.plus_days(2);
        if (bad)
            file.credits.back().value_date = now.plus_days(2);
        if (attempt<BankImportResult>("import bank",
                                      [&] { return book_->import_bank_file(actor_, file, "sim.xml"); }) &&
            !bad) {
            last_bank_file_ = file;
            attempt<AutoApplyResult>("auto-apply", [&] { return book_->auto_apply(actor_, {}); });
        }
    }

    // A client's invoice file: good rows, now and then an unknown debtor or a number already used (the file
    // is all or nothing unless partial).
    void invoice_file() {
        const Date now = today();
        const auto& client = any_of(clients_);
        formats::InvoiceFile file;
        const auto rows = between(1, 4);
        for (int64_t i = 0; i < rows; ++i) {
            formats::InvoiceDocument document;
            document.place = "row " + std::to_string(i + 2);
            document.number = "FILE-" + std::to_string(++numbers_);
            document.issue_date = now.plus_days(-static_cast<int>(between(0, 20)));
            document.due_date = document.issue_date.plus_days(30);
            document.amount = Money{between(100'00, 6000'00), usd()};
            document.seller.name = client.name;
            document.debtor.name = any_of(debtors_).name;
            if (chance(5))
                document.debtor.name = "Nobody Known Ltd";
            file.documents.push_back(document);
        }
        if (chance(10) && numbers_ > 3)
            file.documents.back().number = "FILE-" + std::to_string(numbers_ - 2);  // maybe a duplicate
        IntakeOptions options{client.id, chance(30), "sim.csv"};
        attempt<IntakeResult>("import invoices",
                              [&] { return book_->import_invoices(actor_, file, options); });
    }

    void auto_apply() {
        attempt<AutoApplyResult>("auto-apply", [&] { return book_->auto_apply(actor_, {}); });
    }

    void dispute() {
        const auto open = in_state(InvoiceState::funded);
        if (open.empty())
            return;
        std::vector<Invoice> disputed;
        std::copy_if(open.begin(), open.end(), std::back_inserter(disputed),
                     [](const Invoice& invoice) { return invoice.disputed; });
        const auto& invoice = !disputed.empty() && chance(60) ? any_of(disputed) : any_of(open);
        if (!invoice.disputed) {
            attempt<Invoice>("dispute", [&] { return book_->dispute(actor_, invoice.id, "contested"); });
            return;
        }
        const auto outcome =
            chance(50) ? DisputeOutcome::upheld_for_client : DisputeOutcome::lost_as_dilution;
        attempt<Invoice>("resolve dispute",
                         [&] { return book_->resolve_dispute(actor_, invoice.id, outcome, "resolved"); });
    }

    void recourse() {
        const auto open = in_state(InvoiceState::funded);
        if (open.empty())
            return;
        const auto& invoice = any_of(open);
        if (chance(50))
            attempt<Invoice>("charge back", [&] { return book_->charge_back(actor_, invoice.id, "unpaid"); });
        else
            attempt<Invoice>("write off", [&] { return book_->write_off(actor_, invoice.id, "insolvent"); });
    }

    void close_short() {
        const auto open = in_state(InvoiceState::funded);
        if (open.empty())
            return;
        const auto id = any_of(open).id;
        attempt<Invoice>("close short", [&] { return book_->close_short(actor_, id, "credit note"); });
    }

    void misdirected() {
        const auto open = in_state(InvoiceState::funded);
        if (open.empty())
            return;
        const auto& invoice = any_of(open);
        const int64_t amount = between(1, invoice.outstanding_minor() + 100'00);  // sometimes too much
        attempt<Invoice>("misdirected", [&] {
            return book_->report_misdirected_payment(actor_,
                                                     {invoice.id, amount, std::nullopt, "paid the client"});
        });
    }

    void charge() {
        const auto client_id = any_of(clients_).id;
        const char* codes[] = {"ach_fee", "wire_fee", "no_such_charge"};
        const std::string code = codes[between(0, 2)];
        attempt<JournalEntry>(
            "charge",
            [&] {
                return book_->charge_client(actor_, {client_id, code, std::nullopt, 0, ""});
            },
            code != "no_such_charge");
    }

    void client_money() {
        const auto client_id = any_of(clients_).id;
        if (chance(50)) {
            const int64_t amount = between(1'00, 2000'00);
            attempt<JournalEntry>(
                "client pays in",
                [&] {
                    return book_->client_pays_in(actor_, {client_id, amount, "top-up"});
                },
                true);
            return;
        }
        std::optional<int64_t> amount;
        if (chance(40))
            amount = between(1'00, 500'00);
        attempt<std::optional<Payout>>("rebate",
                                       [&] { return book_->release_rebate(actor_, client_id, amount); });
    }

    // A client's factoring limit or status, or a debtor's credit limit, changed (lowered too: what was
    // approved before stays, but nothing new may be approved over the new limit).
    void change_limits() {
        if (chance(70)) {
            const auto& client = any_of(clients_);
            ClientChange change;
            if (chance(75))
                change.factoring_limit_minor = between(5, 60) * 1000'00;
            else
                change.status =
                    client.status == ClientStatus::active ? ClientStatus::suspended : ClientStatus::active;
            attempt<Client>(
                "change client", [&] { return book_->update_client(actor_, client.id, change); }, true);
            clients_ = must(book_->clients(), "clients");
            return;
        }
        const auto& debtor = any_of(debtors_);
        DebtorChange change;
        change.credit_limit_minor = between(5, 50) * 1000'00;
        attempt<Debtor>(
            "change debtor", [&] { return book_->update_debtor(actor_, debtor.id, change); }, true);
        debtors_ = must(book_->debtors(), "debtors");
    }

    // A collector applies unapplied cash by hand: what the invoice owes, all the cash (more than it owes:
    // refused unless the rest goes to the client), or to the client for an invoice the factor no longer owns.
    void apply_unapplied() {
        const auto waiting = must(book_->receipts(true), "receipts");
        if (waiting.empty())
            return;
        const auto& receipt = any_of(waiting);
        std::vector<Invoice> targets = in_state(InvoiceState::funded);
        const bool to_client = targets.empty() || chance(15);
        if (to_client) {
            targets = in_state(InvoiceState::closed);
            if (targets.empty())
                return;
        }
        const auto& invoice = any_of(targets);
        int64_t amount = receipt.unapplied_minor;
        if (!to_client && chance(70))
            amount = std::min(receipt.unapplied_minor, invoice.outstanding_minor());
        const std::vector<Application> applications{{invoice.id, amount, false, to_client}};
        attempt<ReceiptView>("apply receipt",
                             [&] { return book_->apply_receipt(actor_, receipt.id, applications); });
    }

    void payout_file() {
        PayoutFileRequest request;  // every pending USD payout
        attempt<PayoutFile>("payout file", [&] { return book_->create_payout_file(actor_, request); });
    }

    // Closes the business date, or catches up several days at once; the days closed must be the business days
    // after the last closed one, in order, with no gap and no repeat.
    void close_day() {
        const auto before = must(book_->settings(), "settings");
        std::optional<Date> through;
        if (chance(30))
            through = before.business_date.plus_days(static_cast<int>(between(1, 9)));
        last_op_ = through ? "close-day through " + through->to_string() : "close-day";
        const std::string untouched = fingerprint();
        auto result = book_->close_day(actor_, through);
        if (!result && result.error().code == "not_business_day" && through) {
            // A weekend or holiday is no business date to close through: refused, and nothing changed.
            ++counts_.refused["close-day (not_business_day)"];
            if (fingerprint() != untouched)
                fail(last_op_ + " was refused but changed the book");
            return;
        }
        if (!result)
            fail(last_op_ + " failed: [" + result.error().code + "] " + result.error().message);
        ++counts_.ok[through ? "close-day catch-up" : "close-day"];
        const auto after = must(book_->settings(), "settings");
        std::optional<Date> previous = before.last_closed_on;
        for (const auto& day : result.value()) {
            if (day.already_closed)
                continue;
            if (previous && !(*previous < day.date))
                fail("close-day closed " + day.date.to_string() + " after " + previous->to_string());
            if (day.date < before.business_date)
                fail("close-day closed " + day.date.to_string() + ", before the business date " +
                     before.business_date.to_string());
            if (through && *through < day.date)
                fail("close-day closed " + day.date.to_string() + ", past " + through->to_string());
            previous = day.date;
            ++counts_.days_closed;
        }
        if (!(before.business_date < after.business_date))
            fail("close-day left the business date at " + after.business_date.to_string());
        if (!after.last_closed_on || !(*after.last_closed_on < after.business_date))
            fail("after close-day the business date " + after.business_date.to_string() +
                 " is not after the last closed date");
        if (through && after.last_closed_on && *through < *after.last_closed_on)
            fail("close-day through " + through->to_string() + " closed up to " +
                 after.last_closed_on->to_string());
    }

    std::string debtor_name(int64_t id) const {
        for (const auto& debtor : debtors_) {
            if (debtor.id == id)
                return debtor.name;
        }
        return "?";
    }

    std::map<int64_t, InvoiceState> states() {
        std::map<int64_t, InvoiceState> out;
        for (const auto& invoice : must(book_->invoices({}), "invoices"))
            out[invoice.id] = invoice.state;
        return out;
    }

    // What a refused call must leave as it was: balances, counts of entries and audit events, the business
    // date, every invoice, receipt, payout and payout file.
    std::string fingerprint() {
        std::ostringstream out;
        for (const auto& row : must(book_->trial_balance(), "trial balance").rows)
            out << to_string(row.account) << row.debit_minor << '/' << row.credit_minor << ';';
        const auto counted = book_->store().read([&](Transaction& tx) -> Status {
            MF_TRY(auto entries, tx.count_entries());
            MF_TRY(auto audit, tx.count_audit());
            MF_TRY(auto settings, tx.load_settings());
            out << " entries " << entries << " audit " << audit << " date "
                << settings.business_date.to_string();
            return ok();
        });
        if (!counted)
            fail("fingerprint: " + counted.error().message);
        for (const auto& invoice : must(book_->invoices({}), "invoices")) {
            out << '|' << invoice.id << to_string(invoice.state) << invoice.outstanding_minor() << 'v'
                << invoice.version << invoice.review_reasons << (invoice.disputed ? "D" : "");
        }
        for (const auto& receipt : must(book_->receipts(false), "receipts"))
            out << "|r" << receipt.id << ':' << receipt.unapplied_minor;
        for (const auto& payout : must(book_->payouts(std::nullopt), "payouts"))
            out << "|p" << payout.id << (payout.status == PayoutStatus::sent ? "s" : "");
        out << "|files " << must(book_->payout_files(), "payout files").size();
        out << "|schedules " << must(book_->schedules(std::nullopt), "schedules").size();
        return out.str();
    }

    void check(const std::string& after) {
        ++counts_.checks;
        auto where = [&](const std::string& what) { fail("after " + after + ": " + what); };
        const auto report = must(book_->verify(), "verify");
        for (const auto& problem : report.problems)
            where("verify: " + problem);
        const auto balance = must(book_->trial_balance(), "trial balance");
        std::map<std::string, int64_t> net;
        for (const auto& row : balance.rows)
            net[std::string(row.currency.code())] += row.debit_minor - row.credit_minor;
        for (const auto& [currency, difference] : net) {
            if (difference != 0)
                where("the trial balance is off by " + std::to_string(difference) + " " + currency);
        }
        if (!balance.balanced)
            where("the trial balance says it does not balance");

        const auto settings = must(book_->settings(), "settings");
        if (settings.business_date < business_date_)
            where("the business date went back to " + settings.business_date.to_string());
        business_date_ = settings.business_date;

        std::map<int64_t, int64_t> client_exposure, debtor_exposure;
        std::set<int64_t> client_overridden, debtor_overridden;
        std::map<int64_t, InvoiceState> now;
        for (const auto& invoice : must(book_->invoices({}), "invoices")) {
            now[invoice.id] = invoice.state;
            const auto name = "invoice " + std::to_string(invoice.id) + " (" + invoice.number + ")";
            if (invoice.outstanding_minor() < 0)
                where(name + " owes " + std::to_string(invoice.outstanding_minor()));
            const auto was = snapshot_.find(invoice.id);
            if (was != snapshot_.end() && !legal_move(was->second, invoice.state))
                where(name + " moved from " + std::string(to_string(was->second)) + " to " +
                      std::string(to_string(invoice.state)));
            if (was == snapshot_.end() && invoice.state != InvoiceState::submitted &&
                invoice.state != InvoiceState::rejected && invoice.state != InvoiceState::closed)
                where(name + " appeared as " + std::string(to_string(invoice.state)));
            if (invoice.state == InvoiceState::funded && !invoice.funded_on)
                where(name + " is funded with no funding date");
            int64_t exposure = 0;
            if (invoice.state == InvoiceState::funded)
                exposure = invoice.outstanding_minor();
            if (invoice.state == InvoiceState::approved)
                exposure = invoice.face_minor;
            client_exposure[invoice.client_id] += exposure;
            debtor_exposure[invoice.debtor_id] += exposure;
            if (!invoice.override_reason.empty()) {
                client_overridden.insert(invoice.client_id);
                debtor_overridden.insert(invoice.debtor_id);
            }
        }
        for (const auto& [id, state] : snapshot_) {
            if (!now.count(id))
                where("invoice " + std::to_string(id) + " vanished");
        }
        snapshot_ = std::move(now);
        // Over a limit only by growing past it: a limit lowered below what was approved before is no breach.
        for (const auto& client : clients_) {
            if (!client_overridden.count(client.id) &&
                client_exposure[client.id] > client.terms.factoring_limit_minor &&
                client_exposure[client.id] > client_exposure_[client.id])
                where(client.name + " is exposed " + std::to_string(client_exposure[client.id]) +
                      " over its limit " + std::to_string(client.terms.factoring_limit_minor) +
                      " with no override");
        }
        for (const auto& debtor : debtors_) {
            if (!debtor_overridden.count(debtor.id) &&
                debtor_exposure[debtor.id] > debtor.credit_limit_minor &&
                debtor_exposure[debtor.id] > debtor_exposure_[debtor.id])
                where(debtor.name + " is exposed " + std::to_string(debtor_exposure[debtor.id]) +
                      " over its credit limit " + std::to_string(debtor.credit_limit_minor) +
                      " with no override");
        }
        for (const auto& row : must(book_->reserve_report({}), "reserve report").rows) {
            if (!client_overridden.count(row.client_id) && row.availability_minor < 0 &&
                client_exposure[row.client_id] > client_exposure_[row.client_id])
                where("client " + std::to_string(row.client_id) + " has negative availability " +
                      std::to_string(row.availability_minor) + " with no override");
        }
        client_exposure_ = client_exposure;
        debtor_exposure_ = debtor_exposure;
        for (const auto& receipt : must(book_->receipts(false), "receipts")) {
            if (receipt.unapplied_minor < 0 || receipt.unapplied_minor > receipt.amount_minor)
                where("receipt " + std::to_string(receipt.id) + " has " +
                      std::to_string(receipt.unapplied_minor) + " unapplied of " +
                      std::to_string(receipt.amount_minor));
        }
        for (const auto& payout : must(book_->payouts(std::nullopt), "payouts")) {
            if (payout.amount_minor < 0 || payout.netted_minor < 0)
                where("payout " + std::to_string(payout.id) + " is negative");
            if (payout.status == PayoutStatus::sent && !payout.payout_file_id)
                where("payout " + std::to_string(payout.id) + " is sent with no file");
        }
    }

    std::mt19937_64 rng_;
    std::string url_;
    Counts& counts_;
    std::unique_ptr<Book> book_;
    Actor actor_{"sim:staff"};
    std::vector<Client> clients_;
    std::vector<Debtor> debtors_;
    std::map<int64_t, InvoiceState> snapshot_;
    std::map<int64_t, int64_t> client_exposure_, debtor_exposure_;  // after the last step
    Date business_date_;
    formats::BankFile last_bank_file_;
    int64_t numbers_ = 0;
    int64_t statements_ = 0;
    int64_t bank_lines_ = 0;
    int step_ = 0;
    std::string last_op_ = "setup";
};

int usage(const std::string& problem) {
    std::cerr
        << "mf_simulate: " << problem
        << "\nusage: mf_simulate [--seed S] [--runs N | --seconds T] [--steps N] [--db sqlite|postgresql] "
           "[--verbose]\n";
    return 2;
}

// One book per run: a SQLite file in a fresh folder on tmpfs (fsync is not what this tests), or a fresh
// schema on the PostgreSQL test server.
struct Place {
    std::filesystem::path dir;
    std::string url;
    ~Place() {
        std::error_code ignored;
        if (!dir.empty())
            std::filesystem::remove_all(dir, ignored);
    }
};

std::unique_ptr<Place> place_for(const Options& options, uint64_t seed) {
    auto place = std::make_unique<Place>();
    if (options.db == "postgresql") {
        const char* server = std::getenv("MF_TEST_PG_URL");
        if (server == nullptr)
            return nullptr;
        place->url =
            std::string(server) + "?schema=sim_" + std::to_string(::getpid()) + "_" + std::to_string(seed);
        return place;
    }
    const std::filesystem::path base =
        std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
    place->dir = base / ("mf-sim-" + std::to_string(::getpid()) + "-" + std::to_string(seed));
    std::filesystem::remove_all(place->dir);
    std::filesystem::create_directories(place->dir);
    place->url = "sqlite:" + (place->dir / "book.sqlite").string();
    return place;
}

int main_(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                throw std::invalid_argument(arg + " needs a value");
            return argv[++i];
        };
        try {
            if (arg == "--seed") {
                options.seed = std::stoull(value());
                options.seed_given = true;
            } else if (arg == "--runs") {
                options.runs = std::stoi(value());
            } else if (arg == "--seconds") {
                options.seconds = std::stod(value());
            } else if (arg == "--steps") {
                options.steps = std::stoi(value());
            } else if (arg == "--db") {
                options.db = value();
            } else if (arg == "--verbose") {
                options.verbose = true;
            } else {
                return usage("unknown argument " + arg);
            }
        } catch (const std::exception& error) {
            return usage(arg + ": " + error.what());
        }
    }
    if (options.db != "sqlite" && options.db != "postgresql")
        return usage("--db is sqlite or postgresql");
    if (options.runs < 1 || options.steps < 1)
        return usage("--runs and --steps are at least 1");
    if (!options.seed_given)
        options.seed = std::random_device{}() % 1'000'000'000;

    std::cout << "simulation: seed " << options.seed << ", " << options.steps << " steps a run, db "
              << options.db << std::endl;
    Counts counts;
    const auto start = std::chrono::steady_clock::now();
    auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    int runs = 0;
    for (int run = 0;; ++run) {
        if (options.seconds > 0 ? (run > 0 && elapsed() >= options.seconds) : run >= options.runs)
            break;
        const uint64_t seed = options.seed + static_cast<uint64_t>(run);
        auto place = place_for(options, seed);
        if (!place) {
            std::cerr << "--db postgresql needs MF_TEST_PG_URL (scripts/pg-test-server run ...)\n";
            return 2;
        }
        Simulation simulation(seed, place->url, counts);
        int step = -1;
        try {
            simulation.setup();
            for (step = 0; step < options.steps; ++step)
                simulation.step(step);
        } catch (const Failure& failure) {
            std::cout << "FAILED: seed " << seed << ", step " << step << " of " << options.steps << ": "
                      << failure.what << "\nreplay: mf_simulate --seed " << seed << " --steps " << step + 1
                      << " --db " << options.db << std::endl;
            return 1;
        }
        ++runs;
        if (options.verbose)
            std::cout << "run " << run << " (seed " << seed << ") ok" << std::endl;
    }
    std::cout << "runs " << runs << " (seeds " << options.seed << ".." << options.seed + runs - 1
              << "), steps " << counts.steps << ", invariant checks " << counts.checks
              << ", business days closed " << counts.days_closed << ", broken invariants 0, " << elapsed()
              << " s\n";
    std::cout << "succeeded:";
    for (const auto& [op, n] : counts.ok)
        std::cout << " " << op << " " << n << ";";
    std::cout << "\nrefused (each checked to change nothing):";
    for (const auto& [op, n] : counts.refused)
        std::cout << " " << op << " " << n << ";";
    std::cout << "\n" << runs << " passed, 0 failed" << std::endl;
    return 0;
}

}  // namespace
}  // namespace mf::sim

int main(int argc, char** argv) {
    return mf::sim::main_(argc, argv);
}
