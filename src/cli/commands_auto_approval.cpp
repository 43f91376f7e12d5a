// Auto-approval: `auto-approval show|set` (the book's rules and each client's override), `schedule
// auto-approve ID` (run the rules again on a schedule that waited) and `schedule auto-approvals ID` (its
// decisions with every rule checked). docs/cli.md and docs/auto-approval.md describe them.
#include <memory>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/parse.hpp"
#include "wire/auto_approval.hpp"

namespace mf::cli {

namespace {

std::string threshold_text(const std::optional<int64_t>& minor, Currency currency) {
    return minor ? money_text(*minor, currency) : std::string("none");
}

void print_rules(std::ostream& out, const std::string& whose, const AutoApprovalRules& rules,
                 Currency currency) {
    out << whose << ": " << to_string(rules.mode) << ", invoice max "
        << threshold_text(rules.invoice_max_minor, currency) << ", schedule max "
        << threshold_text(rules.schedule_max_minor, currency) << '\n';
}

void print_auto_approval(std::ostream& out, const AutoApprovalSettings& settings) {
    print_rules(out, "Book", settings.book, settings.base_currency);
    if (!settings.client)
        return;
    const Currency currency = settings.client->currency;
    print_rules(out, "Client " + settings.client->name,
                settings.client_rules.value_or(
                    AutoApprovalRules{settings.client->id, AutoApprovalMode::inherit, {}, {}, {}, {}}),
                currency);
    if (settings.effective) {
        const auto& effective = *settings.effective;
        out << "In effect: " << (effective.enabled ? "on" : "off") << " (by the " << effective.enabled_by
            << "), invoice max " << threshold_text(effective.invoice_max_minor, currency) << ", schedule max "
            << threshold_text(effective.schedule_max_minor, currency) << '\n';
    }
}

void print_decisions(std::ostream& out, const std::vector<AutoApprovalDecision>& decisions) {
    if (decisions.empty()) {
        out << "No auto-approval decision on this schedule.\n";
        return;
    }
    for (const auto& decision : decisions) {
        out << "Decision " << decision.id << " (" << to_string(decision.trigger) << ", " << decision.at
            << ", by " << decision.requested_by << "): "
            << (decision.approved ? "approved and funded as " + format_id(IdKind::payout, decision.payout_id)
                                  : "waiting on " + decision.failed_rule)
            << '\n';
        Table table;
        table.column("Rule").column("Result").column("Detail");
        for (const auto& check : decision.checks)
            table.row({check.rule, check.passed ? "passed" : "FAILED", check.detail});
        table.print(out);
    }
}

// "none" clears a threshold; otherwise an amount in `currency`.
Result<std::optional<int64_t>> parse_threshold(const Text& text, Currency currency, std::string_view field) {
    if (text.value == "none")
        return std::optional<int64_t>();
    MF_TRY(auto minor, parse_amount(text.value, currency, field));
    return std::optional<int64_t>(minor);
}

void add_auto_approval_group(CLI::App& app, Context& ctx) {
    auto* group = add_group(app, "auto-approval",
                            "Rules under which a submitted schedule is approved and funded with no person");
    auto show_client = std::make_shared<Text>();
    auto* show =
        group->add_subcommand("show", "Show the book's rules (and a client's override with --client)");
    add(*show, "--client", *show_client, "Client id: its override and the rules in effect for it");
    on_run(*show, ctx, [show_client](Context& ctx) -> Status {
        MF_TRY(auto client_id, parse_optional_id(IdKind::client, *show_client, "client"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto settings, book->auto_approval_settings(client_id));
        ctx.show(settings, [&](std::ostream& out) { print_auto_approval(out, settings); });
        return ok();
    });
    struct Options {
        Text client, mode, invoice_max, schedule_max;
    };
    auto o = std::make_shared<Options>();
    auto* set = group->add_subcommand("set", "Change the book's rules, or a client's override with --client");
    add(*set, "--client", o->client, "Client id (its override; without it, the book's rules)");
    add(*set, "--mode", o->mode, "on or off (a client also: inherit, to follow the book)");
    add(*set, "--invoice-max", o->invoice_max,
        "Largest invoice auto-approved (book: base currency; client: its currency), or none");
    add(*set, "--schedule-max", o->schedule_max, "Largest schedule total auto-approved, or none");
    on_run(*set, ctx, [o](Context& ctx) -> Status {
        AutoApprovalChange change;
        MF_TRY(auto* book, ctx.book());
        Currency currency;
        if (o->client.given()) {
            MF_TRY(auto client, find_client(ctx, o->client.value, "client"));
            change.client_id = client.id;
            currency = client.currency;
        } else {
            MF_TRY(auto settings, book->settings());
            currency = settings.base_currency;
        }
        if (o->mode.given()) {
            MF_TRY(change.mode, parse_auto_approval_mode(o->mode.value));
        }
        if (o->invoice_max.given()) {
            MF_TRY(change.invoice_max_minor, parse_threshold(o->invoice_max, currency, "invoice_max"));
        }
        if (o->schedule_max.given()) {
            MF_TRY(change.schedule_max_minor, parse_threshold(o->schedule_max, currency, "schedule_max"));
        }
        if (!change.mode && !change.invoice_max_minor && !change.schedule_max_minor)
            return make_error("missing_field", "give --mode, --invoice-max or --schedule-max", "mode");
        MF_TRY(auto settings, book->set_auto_approval(ctx.actor(), change));
        ctx.show(settings, [&](std::ostream& out) { print_auto_approval(out, settings); });
        return ok();
    });
}

void add_schedule_auto_approval(CLI::App& schedule_group, Context& ctx) {
    auto run_id = std::make_shared<std::string>();
    auto* run = schedule_group.add_subcommand(
        "auto-approve",
        "Run the auto-approval rules on a schedule that waited (approve and fund it if all pass)");
    run->add_option("id", *run_id, "Schedule id (sch_3 or 3)")->required();
    on_run(*run, ctx, [run_id](Context& ctx) -> Status {
        MF_TRY(auto schedule_id, parse_id(IdKind::schedule, *run_id, "id"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto decision, book->auto_approve_schedule(ctx.actor(), schedule_id));
        ctx.show(decision, [&](std::ostream& out) { print_decisions(out, {decision}); });
        return ok();
    });
    auto list_id = std::make_shared<std::string>();
    auto* list = schedule_group.add_subcommand(
        "auto-approvals", "The auto-approval decisions on a schedule, with each rule checked");
    list->add_option("id", *list_id, "Schedule id (sch_3 or 3)")->required();
    on_run(*list, ctx, [list_id](Context& ctx) -> Status {
        MF_TRY(auto schedule_id, parse_id(IdKind::schedule, *list_id, "id"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto decisions, book->auto_approval_decisions(schedule_id));
        ctx.show(boost::json::object{{"data", boost::json::value_from(decisions)}},
                 [&](std::ostream& out) { print_decisions(out, decisions); });
        return ok();
    });
}

}  // namespace

void add_auto_approval_commands(CLI::App& app, Context& ctx) {
    add_auto_approval_group(app, ctx);
    add_schedule_auto_approval(*app.get_subcommand("schedule"), ctx);
}

std::string auto_approval_line(Book& book) {
    auto settings = book.auto_approval_settings(std::nullopt);
    if (!settings)
        return "unknown (" + settings.error().message + ")";
    const auto& rules = settings.value().book;
    const Currency currency = settings.value().base_currency;
    return std::string(to_string(rules.mode)) + ", invoice max " +
           threshold_text(rules.invoice_max_minor, currency) + ", schedule max " +
           threshold_text(rules.schedule_max_minor, currency);
}

void print_auto_approval_outcome(std::ostream& out, const std::optional<AutoApprovalDecision>& decision) {
    if (!decision)
        return;
    const std::string schedule = format_id(IdKind::schedule, decision->schedule_id);
    if (decision->approved) {
        out << schedule << ": Auto-approved and funded as " << format_id(IdKind::payout, decision->payout_id)
            << '\n';
        return;
    }
    for (const auto& check : decision->checks) {
        if (check.rule == decision->failed_rule) {
            out << schedule << ": Auto-approval waits on " << check.rule << ": " << check.detail << '\n';
            return;
        }
    }
}

}  // namespace mf::cli
