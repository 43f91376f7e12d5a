// Reports and checks: report aging|concentration|reserve|portfolio|trial-balance|statement, client statement,
// verify.
#include <memory>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/parse.hpp"
#include "cli/render_reports.hpp"

namespace mf::cli {

namespace {

// --client, --as-of and --currency: the scope of a report.
struct ScopeOptions {
    Text client, as_of, currency;
};

void add_scope(CLI::App& cmd, ScopeOptions& o) {
    add(cmd, "--client", o.client, "Only this client");
    add(cmd, "--as-of", o.as_of, "As of this date (default: the business date)");
    add(cmd, "--currency", o.currency, "Only this currency");
}

Result<ReportScope> read_scope(const ScopeOptions& o) {
    ReportScope scope;
    MF_TRY(scope.client_id, parse_optional_id(IdKind::client, o.client, "client"));
    MF_TRY(scope.as_of, parse_optional_date(o.as_of, "as_of"));
    if (o.currency.given()) {
        MF_TRY(scope.currency, parse_currency(o.currency.value));
    }
    return scope;
}

void add_aging(CLI::App& group, Context& ctx) {
    struct Options {
        ScopeOptions scope;
        std::string by = "client";
        bool invoice_date = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd =
        group.add_subcommand("aging", "Outstanding face in buckets of days past due (or since invoice date)");
    add_scope(*cmd, o->scope);
    cmd->add_option("--by", o->by, "Rows by client or by debtor")
        ->capture_default_str()
        ->check(CLI::IsMember({"client", "debtor"}));
    cmd->add_flag("--invoice-date", o->invoice_date, "Age by days since invoice date instead of past due");
    on_run(*cmd, ctx, [o](Context& ctx) -> Status {
        MF_TRY(auto scope, read_scope(o->scope));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto report, book->aging_report(scope));
        ctx.show(report, [&](std::ostream& out) {
            print_aging(out, report, o->invoice_date ? AgingBasis::invoice_date : AgingBasis::due_date,
                        o->by == "debtor" ? AgingRows::debtors : AgingRows::clients);
        });
        return ok();
    });
}

void add_concentration_and_reserve(CLI::App& group, Context& ctx) {
    struct Options {
        ScopeOptions scope;
        bool breaches = false;
    };
    auto c = std::make_shared<Options>();
    auto* concentration =
        group.add_subcommand("concentration", "Each debtor's share of each client's and the book's face");
    add_scope(*concentration, c->scope);
    concentration->add_flag("--breaches", c->breaches, "Only rows over their limit");
    on_run(*concentration, ctx, [c](Context& ctx) -> Status {
        MF_TRY(auto scope, read_scope(c->scope));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto report, book->concentration_report(scope));
        ctx.show(report, [&](std::ostream& out) { print_concentration(out, report, c->breaches); });
        return ok();
    });
    auto r = std::make_shared<ScopeOptions>();
    auto* reserve =
        group.add_subcommand("reserve", "Per client: reserve, required reserve, releasable, shortfall");
    add_scope(*reserve, *r);
    on_run(*reserve, ctx, [r](Context& ctx) -> Status {
        MF_TRY(auto scope, read_scope(*r));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto report, book->reserve_report(scope));
        ctx.show(report, [&](std::ostream& out) { print_reserve(out, report); });
        return ok();
    });
}

void add_portfolio_and_balance(CLI::App& group, Context& ctx) {
    struct Options {
        ScopeOptions scope;
        Text from;
    };
    auto o = std::make_shared<Options>();
    auto* portfolio =
        group.add_subcommand("portfolio", "Volume, outstanding, funds employed, yield, DSO, dilution, loss");
    add_scope(*portfolio, o->scope);
    add(*portfolio, "--from", o->from, "Start of the period (default: the book's first day)");
    on_run(*portfolio, ctx, [o](Context& ctx) -> Status {
        MF_TRY(auto scope, read_scope(o->scope));
        MF_TRY(auto from, parse_optional_date(o->from, "from"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto report, book->portfolio_report(scope, from));
        ctx.show(report, [&](std::ostream& out) { print_portfolio(out, report); });
        return ok();
    });
    auto* trial = group.add_subcommand("trial-balance", "Debits and credits per account and currency");
    on_run(*trial, ctx, [](Context& ctx) -> Status {
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto balance, book->trial_balance());
        ctx.show(balance, [&](std::ostream& out) { print_trial_balance(out, balance); });
        return ok();
    });
}

struct StatementOptions {
    std::string client;
    Text from, to;
};

void add_statement_options(CLI::App& cmd, StatementOptions& o) {
    add(cmd, "--from", o.from, "First day of the period (default: the first of the month of --to)");
    add(cmd, "--to", o.to, "Last day of the period (default: the business date)");
}

Status show_statement(Context& ctx, const StatementOptions& o) {
    MF_TRY(auto client_id, parse_id(IdKind::client, o.client, "client"));
    MF_TRY(auto* book, ctx.book());
    MF_TRY(auto period, read_statement_period(*book, o.from, o.to));
    MF_TRY(auto statement, book->client_statement(client_id, period.first, period.second));
    ctx.show(statement, [&](std::ostream& out) { print_statement(out, statement); });
    return ok();
}

void add_verify(CLI::App& app, Context& ctx) {
    auto* cmd =
        app.add_subcommand("verify", "Recompute every balance from the postings; exit 1 if anything differs");
    on_run(*cmd, ctx, [](Context& ctx) -> Status {
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto report, book->verify());
        ctx.show(report, [&](std::ostream& out) { print_verify(out, report); });
        if (!report.clean())
            ctx.exit_code = Exit::problems_found;
        return ok();
    });
}

}  // namespace

Result<std::pair<Date, Date>> read_statement_period(Book& book, const Text& from_text, const Text& to_text) {
    MF_TRY(auto from, parse_optional_date(from_text, "from"));
    MF_TRY(auto to, parse_optional_date(to_text, "to"));
    if (!to) {
        MF_TRY(auto settings, book.settings());
        to = settings.business_date;
    }
    if (!from) {
        MF_TRY(from, Date::from_ymd(to->year(), to->month(), 1));
    }
    return std::pair{*from, *to};
}

void add_client_statement(CLI::App& client_group, Context& ctx) {
    auto o = std::make_shared<StatementOptions>();
    auto* cmd = client_group.add_subcommand("statement", "The client's reserve statement for a period");
    cmd->add_option("id", o->client, "Client id")->required();
    add_statement_options(*cmd, *o);
    on_run(*cmd, ctx, [o](Context& ctx) { return show_statement(ctx, *o); });
}

void add_report_commands(CLI::App& app, Context& ctx) {
    auto* group = add_group(app, "report", "Reports, as of the business date unless --as-of says otherwise");
    add_aging(*group, ctx);
    add_concentration_and_reserve(*group, ctx);
    add_portfolio_and_balance(*group, ctx);
    auto o = std::make_shared<StatementOptions>();
    auto* statement = group->add_subcommand("statement", "A client's reserve statement for a period");
    statement->add_option("--client", o->client, "Client id")->required();
    add_statement_options(*statement, *o);
    on_run(*statement, ctx, [o](Context& ctx) { return show_statement(ctx, *o); });
    add_debtor_credit_report(*group, ctx);
    add_verify(app, ctx);
}

}  // namespace mf::cli
