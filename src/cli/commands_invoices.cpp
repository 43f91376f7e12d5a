// Buying invoices: schedule submit|show|list|fund and invoice approve|reject|show|list|dispute|resolve.
#include <memory>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/parse.hpp"
#include "cli/render_records.hpp"

namespace mf::cli {

namespace {

void add_schedule_submit(CLI::App& group, Context& ctx) {
    struct Options {
        std::string client;
        std::vector<std::string> invoices;
        Text csv;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = group.add_subcommand("submit", "Submit a schedule of invoices for a client");
    cmd->add_option("--client", o->client, "Client id (cli_12 or 12)")->required();
    cmd->add_option(
        "--invoice", o->invoices,
        "DEBTOR_ID,NUMBER,AMOUNT,ISSUE_DATE,DUE_DATE (repeat for each invoice; amount in the client's "
        "currency)");
    add(*cmd, "--csv", o->csv, "CSV file with the header debtor_id,number,amount,issue_date,due_date");
    on_run(*cmd, ctx, [o](Context& ctx) -> Status {
        MF_TRY(auto client, find_client(ctx, o->client, "client"));
        NewSchedule input;
        input.client_id = client.id;
        for (const auto& spec : o->invoices) {
            MF_TRY(auto invoice, parse_invoice_spec(spec, client.currency));
            input.invoices.push_back(std::move(invoice));
        }
        if (o->csv.given()) {
            MF_TRY(auto rows, read_invoice_csv(o->csv.value, client.currency));
            input.invoices.insert(input.invoices.end(), rows.begin(), rows.end());
        }
        if (input.invoices.empty()) {
            return make_error("missing_field", "give the invoices with --invoice or --csv", "invoices");
        }
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto view, book->submit_schedule(ctx.actor(), input));
        ctx.show(view, [&](std::ostream& out) {
            print_schedule(out, view);
            print_auto_approval_outcome(out, view.auto_approval);
        });
        return ok();
    });
}

void add_schedule_commands(CLI::App& app, Context& ctx) {
    auto* group = add_group(app, "schedule", "Schedules: the batches of invoices a client submits");
    add_schedule_submit(*group, ctx);
    auto id = std::make_shared<std::string>();
    auto* show = group->add_subcommand("show", "Show a schedule and its invoices");
    show->add_option("id", *id, "Schedule id (sch_3 or 3)")->required();
    on_run(*show, ctx, [id](Context& ctx) -> Status {
        MF_TRY(auto schedule_id, parse_id(IdKind::schedule, *id, "id"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto view, book->schedule(schedule_id));
        ctx.show(view, [&](std::ostream& out) { print_schedule(out, view); });
        return ok();
    });
    auto list_client = std::make_shared<Text>();
    auto paging = std::make_shared<Paging>();
    auto* list = group->add_subcommand("list", "List schedules");
    add(*list, "--client", *list_client, "Only this client's schedules");
    add_paging(*list, *paging, "schedules");
    on_run(*list, ctx, [list_client, paging](Context& ctx) -> Status {
        MF_TRY(auto client_id, parse_optional_id(IdKind::client, *list_client, "client"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto schedules, book->schedules(client_id));
        return show_page<Schedule>(ctx, std::move(schedules), *paging, IdKind::schedule, print_schedules);
    });
    auto fund_id = std::make_shared<std::string>();
    auto* fund = group->add_subcommand("fund", "Fund the approved invoices of a schedule as one payout");
    fund->add_option("id", *fund_id, "Schedule id")->required();
    on_run(*fund, ctx, [fund_id](Context& ctx) -> Status {
        MF_TRY(auto schedule_id, parse_id(IdKind::schedule, *fund_id, "id"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto payout, book->fund_schedule(ctx.actor(), schedule_id));
        ctx.show(payout, [&](std::ostream& out) { print_payouts(out, {payout}); });
        return ok();
    });
}

void add_invoice_decisions(CLI::App& group, Context& ctx) {
    struct Options {
        std::vector<std::string> ids;
        std::string reason;
    };
    auto a = std::make_shared<Options>();
    auto* approve = group.add_subcommand("approve", "Approve invoices (limits and eligibility are checked)");
    approve->add_option("ids", a->ids, "Invoice ids (inv_12 or 12)")->required();
    approve->add_option("--override", a->reason,
                        "Approve despite held rules, and say why (lands in the audit log)");
    on_run(*approve, ctx, [a](Context& ctx) -> Status {
        ApprovalRequest request;
        MF_TRY(request.invoice_ids, parse_ids(IdKind::invoice, a->ids, "ids"));
        request.override_reason = a->reason;
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto outcomes, book->approve_invoices(ctx.actor(), request));
        ctx.show(outcomes, [&](std::ostream& out) { print_approvals(out, outcomes); });
        return ok();
    });
    auto r = std::make_shared<Options>();
    auto* reject = group.add_subcommand("reject", "Reject invoices (submitted or approved, not yet funded)");
    reject->add_option("ids", r->ids, "Invoice ids")->required();
    reject->add_option("--reason", r->reason, "Why (lands in the audit log)")->required();
    on_run(*reject, ctx, [r](Context& ctx) -> Status {
        MF_TRY(auto ids, parse_ids(IdKind::invoice, r->ids, "ids"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto invoices, book->reject_invoices(ctx.actor(), ids, r->reason));
        ctx.show(invoices, [&](std::ostream& out) { print_invoices(out, invoices); });
        return ok();
    });
}

void add_invoice_reads(CLI::App& group, Context& ctx) {
    auto id = std::make_shared<std::string>();
    auto* show = group.add_subcommand("show", "Show an invoice with its timeline and postings");
    show->add_option("id", *id, "Invoice id")->required();
    on_run(*show, ctx, [id](Context& ctx) -> Status {
        MF_TRY(auto invoice_id, parse_id(IdKind::invoice, *id, "id"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto history, book->invoice_history(invoice_id));
        ctx.show(history, [&](std::ostream& out) { print_invoice_history(out, history); });
        return ok();
    });
    struct Options {
        Text client, debtor, schedule;
        std::vector<std::string> states;
        Paging paging;
    };
    auto o = std::make_shared<Options>();
    auto* list = group.add_subcommand("list", "List invoices, oldest first");
    add(*list, "--client", o->client, "Only this client's invoices");
    add(*list, "--debtor", o->debtor, "Only invoices this debtor owes");
    add(*list, "--schedule", o->schedule, "Only this schedule's invoices");
    list->add_option(
        "--state", o->states,
        "Only invoices in this state (submitted, approved, funded, closed, rejected, charged_back, "
        "written_off); repeat for several");
    add_paging(*list, o->paging, "invoices");
    on_run(*list, ctx, [o](Context& ctx) -> Status {
        InvoiceFilter filter;
        MF_TRY(filter.client_id, parse_optional_id(IdKind::client, o->client, "client"));
        MF_TRY(filter.debtor_id, parse_optional_id(IdKind::debtor, o->debtor, "debtor"));
        MF_TRY(filter.schedule_id, parse_optional_id(IdKind::schedule, o->schedule, "schedule"));
        for (const auto& state : o->states) {
            MF_TRY(auto parsed, parse_invoice_state(state));
            filter.states.push_back(parsed);
        }
        MF_TRY(auto after, parse_optional_id(IdKind::invoice, o->paging.after, "after"));
        filter.after_id = after.value_or(0);
        // One more than the page, to know whether a next page exists.
        if (o->paging.limit > 0)
            filter.limit = o->paging.limit + 1;
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto invoices, book->invoices(filter));
        Paging page = o->paging;
        page.after = Text{};
        return show_page<Invoice>(ctx, std::move(invoices), page, IdKind::invoice, print_invoices);
    });
}

// What `invoice resolve --outcome` may say, and the use case each one is.
enum class Outcome { upheld, dilution, close_short, charge_back, write_off, misdirected };

Result<Outcome> parse_outcome(std::string_view text) {
    static constexpr std::pair<std::string_view, Outcome> kOutcomes[] = {
        {"upheld", Outcome::upheld},           {"dilution", Outcome::dilution},
        {"close-short", Outcome::close_short}, {"charge-back", Outcome::charge_back},
        {"write-off", Outcome::write_off},     {"misdirected", Outcome::misdirected},
    };
    for (const auto& [name, outcome] : kOutcomes) {
        if (name == text)
            return outcome;
    }
    return make_error("invalid_outcome",
                      "unknown outcome '" + std::string(text) +
                          "' (one of: upheld, dilution, close-short, charge-back, write-off, misdirected)",
                      "outcome");
}

struct ResolveOptions {
    std::string id, outcome, reason;
    Text amount, paid_on;
};

Result<Invoice> resolve(Context& ctx, const ResolveOptions& o) {
    MF_TRY(auto outcome, parse_outcome(o.outcome));
    MF_TRY(auto invoice_id, parse_id(IdKind::invoice, o.id, "id"));
    MF_TRY(auto* book, ctx.book());
    if (outcome != Outcome::misdirected && (o.amount.given() || o.paid_on.given())) {
        return make_error("invalid_field", "--amount and --paid-on go with --outcome misdirected only",
                          "amount");
    }
    switch (outcome) {
        case Outcome::upheld:
            return book->resolve_dispute(ctx.actor(), invoice_id, DisputeOutcome::upheld_for_client,
                                         o.reason);
        case Outcome::dilution:
            return book->resolve_dispute(ctx.actor(), invoice_id, DisputeOutcome::lost_as_dilution, o.reason);
        case Outcome::close_short:
            return book->close_short(ctx.actor(), invoice_id, o.reason);
        case Outcome::charge_back:
            return book->charge_back(ctx.actor(), invoice_id, o.reason);
        case Outcome::write_off:
            return book->write_off(ctx.actor(), invoice_id, o.reason);
        case Outcome::misdirected:
            break;
    }
    MF_TRY(auto invoice, book->invoice(invoice_id));
    MisdirectedPayment input;
    input.invoice_id = invoice_id;
    if (!o.amount.given())
        return make_error("missing_field", "--amount: what the debtor paid the client", "amount");
    MF_TRY(input.amount_minor, parse_amount(o.amount.value, invoice.currency, "amount"));
    MF_TRY(input.paid_on, parse_optional_date(o.paid_on, "paid_on"));
    input.note = o.reason;
    return book->report_misdirected_payment(ctx.actor(), input);
}

void add_invoice_problems(CLI::App& group, Context& ctx) {
    struct Options {
        std::string id, reason;
    };
    auto d = std::make_shared<Options>();
    auto* dispute = group.add_subcommand("dispute", "Mark a funded invoice disputed by its debtor");
    dispute->add_option("id", d->id, "Invoice id")->required();
    dispute->add_option("--reason", d->reason, "What the debtor disputes")->required();
    on_run(*dispute, ctx, [d](Context& ctx) -> Status {
        MF_TRY(auto invoice_id, parse_id(IdKind::invoice, d->id, "id"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto invoice, book->dispute(ctx.actor(), invoice_id, d->reason));
        ctx.show(invoice, [&](std::ostream& out) { print_invoice(out, invoice); });
        return ok();
    });
    auto r = std::make_shared<ResolveOptions>();
    auto* cmd = group.add_subcommand(
        "resolve",
        "Settle a funded invoice that will not be paid in full: a dispute's outcome, a short-pay close, "
        "a recourse charge-back, a non-recourse write-off, or a payment the debtor sent to the client");
    cmd->add_option("id", r->id, "Invoice id")->required();
    cmd->add_option("--outcome", r->outcome,
                    "upheld | dilution | close-short | charge-back | write-off | misdirected")
        ->required();
    cmd->add_option("--reason", r->reason, "Why (lands in the audit log)")->required();
    add(*cmd, "--amount", r->amount, "misdirected: the amount the debtor paid the client");
    add(*cmd, "--paid-on", r->paid_on, "misdirected: when the debtor paid (default: the business date)");
    on_run(*cmd, ctx, [r](Context& ctx) -> Status {
        MF_TRY(auto invoice, resolve(ctx, *r));
        ctx.show(invoice, [&](std::ostream& out) { print_invoice(out, invoice); });
        return ok();
    });
}

}  // namespace

void add_invoice_commands(CLI::App& app, Context& ctx) {
    add_schedule_commands(app, ctx);
    auto* group = add_group(app, "invoice", "Invoices: approve, reject, follow and settle");
    add_invoice_decisions(*group, ctx);
    add_invoice_reads(*group, ctx);
    add_invoice_problems(*group, ctx);
}

}  // namespace mf::cli
