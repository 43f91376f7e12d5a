// The parties: client add|update|show|list|pay-in (and statement, from commands_reports.cpp),
// debtor add|update|show|list.
#include <memory>
#include <ostream>

#include "cli/client_options.hpp"
#include "cli/commands.hpp"
#include "cli/parse.hpp"
#include "cli/render_records.hpp"
#include "cli/render_reports.hpp"
#include "core/fee_text.hpp"

namespace mf::cli {

void add_client_options(CLI::App& cmd, ClientOptions& o) {
    add(cmd, "--name", o.name, "The client's legal name");
    add_terms_options(cmd, o);
    add(cmd, "--email", o.email, "Contact e-mail");
    add(cmd, "--tax-id", o.tax_id, "Tax or registration id");
    add_payout_account_options(cmd, o);
}

void add_terms_options(CLI::App& cmd, ClientOptions& o) {
    add(cmd, "--advance-rate", o.advance_rate, "Percent of face advanced at funding (default 90)");
    add(cmd, "--fee", o.fee, "Fee schedule, e.g. \"flat 2%/30d +1%/15d\", \"daily 3.5%/30d min_fee=5.00\"");
    add(cmd, "--limit", o.limit,
        "Factoring limit: outstanding purchased face allowed, in the client's currency");
    add(cmd, "--recourse", o.recourse, "recourse or non_recourse");
    add(cmd, "--recourse-days", o.recourse_days,
        "Days after funding when unpaid recourse invoices are charged back");
    add(cmd, "--clearance-days", o.clearance_days, "Days of float added to days outstanding (0 to 30)");
    add(cmd, "--concentration-limit", o.concentration_limit,
        "Max percent of the client's face one debtor may owe");
}

void add_payout_account_options(CLI::App& cmd, ClientOptions& o) {
    add(cmd, "--routing", o.routing, "Payout account (USD, ACH): ABA routing number, 9 digits");
    add(cmd, "--account", o.account, "Payout account (USD, ACH): account number");
    add(cmd, "--account-type", o.account_type, "Payout account (USD, ACH): checking (default) or savings");
    add(cmd, "--iban", o.iban, "Payout account (EUR, SEPA): IBAN");
    add(cmd, "--bic", o.bic, "Payout account (EUR, SEPA): BIC of the client's bank (optional)");
}

// The payout account options given ("" clears a field).
Status read_payout_account(const ClientOptions& o, PayoutAccountChange& change) {
    if (o.routing.given())
        change.routing_number = o.routing.value;
    if (o.account.given())
        change.account_number = o.account.value;
    if (o.account_type.given()) {
        MF_TRY(change.account_type, parse_ach_account_type(o.account_type.value));
    }
    if (o.iban.given())
        change.iban = o.iban.value;
    if (o.bic.given())
        change.bic = o.bic.value;
    return ok();
}

// Fills `terms` from the options given; amounts and the fee schedule's minimum fee are in `currency`.
Status read_terms(const ClientOptions& o, Currency currency, ClientTerms& terms) {
    if (o.advance_rate.given()) {
        MF_TRY(terms.advance_rate_ppm, parse_rate_percent(o.advance_rate.value, "advance_rate"));
    }
    if (o.fee.given()) {
        MF_TRY(terms.fee_schedule, parse_fee_schedule(o.fee.value, currency));
    }
    if (o.limit.given()) {
        MF_TRY(terms.factoring_limit_minor, parse_amount(o.limit.value, currency, "factoring_limit"));
    }
    if (o.recourse.given()) {
        MF_TRY(terms.recourse, parse_recourse(o.recourse.value));
    }
    if (o.recourse_days.given()) {
        MF_TRY(terms.recourse_days, parse_count(o.recourse_days.value, 1, 3650, "recourse_days"));
    }
    if (o.clearance_days.given()) {
        MF_TRY(terms.clearance_days, parse_count(o.clearance_days.value, 0, 30, "clearance_days"));
    }
    if (o.concentration_limit.given()) {
        MF_TRY(terms.concentration_limit_ppm,
               parse_rate_percent(o.concentration_limit.value, "concentration_limit"));
    }
    return ok();
}

namespace {

void add_client_add(CLI::App& group, Context& ctx) {
    auto o = std::make_shared<ClientOptions>();
    auto* cmd =
        group.add_subcommand("add", "Add a client (a business that sells its invoices) with its terms");
    add_client_options(*cmd, *o);
    add(*cmd, "--currency", o->currency, "The client's currency (ISO 4217)");
    o->name.option->required();
    o->currency.option->required();
    o->fee.option->required();
    o->limit.option->required();
    on_run(*cmd, ctx, [o](Context& ctx) -> Status {
        NewClient input;
        input.name = o->name.value;
        MF_TRY(input.currency, parse_currency(o->currency.value));
        MF_CHECK(read_terms(*o, input.currency, input.terms));
        input.email = o->email.value;
        input.tax_id = o->tax_id.value;
        MF_CHECK(read_payout_account(*o, input.payout_account));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto client, book->add_client(ctx.actor(), input));
        ctx.show(client, [&](std::ostream& out) { print_client(out, client); });
        return ok();
    });
}

void add_client_update(CLI::App& group, Context& ctx) {
    auto o = std::make_shared<ClientOptions>();
    auto* cmd = group.add_subcommand(
        "update", "Change a client's details, terms or payout account (only the options given; alias: set)");
    cmd->alias("set");
    cmd->add_option("id", o->id, "Client id (cli_12 or 12)")->required();
    add_client_options(*cmd, *o);
    add(*cmd, "--status", o->status, "active or suspended");
    add(*cmd, "--expected-version", o->expected_version,
        "Refuse the change if the client changed since this version");
    on_run(*cmd, ctx, [o](Context& ctx) -> Status {
        MF_TRY(auto client, find_client(ctx, o->id, "id"));
        ClientTerms terms = client.terms;
        MF_CHECK(read_terms(*o, client.currency, terms));
        ClientChange change;
        if (o->name.given())
            change.name = o->name.value;
        if (o->advance_rate.given())
            change.advance_rate_ppm = terms.advance_rate_ppm;
        if (o->fee.given())
            change.fee_schedule = terms.fee_schedule;
        if (o->limit.given())
            change.factoring_limit_minor = terms.factoring_limit_minor;
        if (o->recourse.given())
            change.recourse = terms.recourse;
        if (o->recourse_days.given())
            change.recourse_days = terms.recourse_days;
        if (o->clearance_days.given())
            change.clearance_days = terms.clearance_days;
        if (o->concentration_limit.given())
            change.concentration_limit_ppm = terms.concentration_limit_ppm;
        if (o->email.given())
            change.email = o->email.value;
        if (o->tax_id.given())
            change.tax_id = o->tax_id.value;
        if (o->status.given()) {
            MF_TRY(change.status, parse_client_status(o->status.value));
        }
        if (o->expected_version.given()) {
            MF_TRY(auto version, parse_count(o->expected_version.value, 0, INT32_MAX, "expected_version"));
            change.expected_version = version;
        }
        MF_CHECK(read_payout_account(*o, change.payout_account));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto updated, book->update_client(ctx.actor(), client.id, change));
        ctx.show(updated, [&](std::ostream& out) { print_client(out, updated); });
        return ok();
    });
}

void add_client_reads(CLI::App& group, Context& ctx) {
    auto id = std::make_shared<std::string>();
    auto* show = group.add_subcommand("show", "Show a client and its terms");
    show->add_option("id", *id, "Client id (cli_12 or 12)")->required();
    on_run(*show, ctx, [id](Context& ctx) -> Status {
        MF_TRY(auto client, find_client(ctx, *id, "id"));
        ctx.show(client, [&](std::ostream& out) { print_client(out, client); });
        return ok();
    });
    auto paging = std::make_shared<Paging>();
    auto* list = group.add_subcommand("list", "List the clients");
    add_paging(*list, *paging, "clients");
    on_run(*list, ctx, [paging](Context& ctx) -> Status {
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto clients, book->clients());
        return show_page<Client>(ctx, std::move(clients), *paging, IdKind::client, print_clients);
    });
}

void add_client_pay_in(CLI::App& group, Context& ctx) {
    struct Options {
        std::string id, amount, memo;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = group.add_subcommand(
        "pay-in", "Record cash the client paid in (remitted a misdirected payment, buy-back)");
    cmd->add_option("id", o->id, "Client id")->required();
    cmd->add_option("--amount", o->amount, "Amount received, in the client's currency")->required();
    cmd->add_option("--memo", o->memo, "What the payment is for");
    on_run(*cmd, ctx, [o](Context& ctx) -> Status {
        MF_TRY(auto client, find_client(ctx, o->id, "id"));
        ClientPayment input;
        input.client_id = client.id;
        MF_TRY(input.amount_minor, parse_amount(o->amount, client.currency, "amount"));
        input.memo = o->memo;
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto entry, book->client_pays_in(ctx.actor(), input));
        ctx.show(entry, [&](std::ostream& out) { print_entry(out, entry); });
        return ok();
    });
}

struct DebtorOptions {
    std::string id;
    Text name, currency, credit_limit, email, tax_id, expected_version;
};

void add_debtor_add(CLI::App& group, Context& ctx) {
    auto a = std::make_shared<DebtorOptions>();
    auto* cmd = group.add_subcommand("add", "Add a debtor with its credit limit");
    add(*cmd, "--name", a->name, "The debtor's name").option->required();
    add(*cmd, "--currency", a->currency, "The debtor's currency (ISO 4217)").option->required();
    add(*cmd, "--credit-limit", a->credit_limit, "Outstanding face this debtor may owe across all clients")
        .option->required();
    add(*cmd, "--email", a->email, "Contact e-mail (verification, NOA)");
    add(*cmd, "--tax-id", a->tax_id, "Tax or registration id");
    on_run(*cmd, ctx, [a](Context& ctx) -> Status {
        NewDebtor input;
        input.name = a->name.value;
        MF_TRY(input.currency, parse_currency(a->currency.value));
        MF_TRY(input.credit_limit_minor, parse_amount(a->credit_limit.value, input.currency, "credit_limit"));
        input.email = a->email.value;
        input.tax_id = a->tax_id.value;
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto debtor, book->add_debtor(ctx.actor(), input));
        ctx.show(debtor, [&](std::ostream& out) { print_debtor(out, debtor); });
        return ok();
    });
}

void add_debtor_update(CLI::App& group, Context& ctx) {
    auto u = std::make_shared<DebtorOptions>();
    auto* cmd = group.add_subcommand("update", "Change a debtor's details or credit limit");
    cmd->add_option("id", u->id, "Debtor id (dbt_12 or 12)")->required();
    add(*cmd, "--name", u->name, "The debtor's name");
    add(*cmd, "--credit-limit", u->credit_limit, "New credit limit, in the debtor's currency");
    add(*cmd, "--email", u->email, "Contact e-mail");
    add(*cmd, "--tax-id", u->tax_id, "Tax or registration id");
    add(*cmd, "--expected-version", u->expected_version, "Refuse the change if the debtor changed since");
    on_run(*cmd, ctx, [u](Context& ctx) -> Status {
        MF_TRY(auto debtor, find_debtor(ctx, u->id, "id"));
        DebtorChange change;
        if (u->name.given())
            change.name = u->name.value;
        if (u->credit_limit.given()) {
            MF_TRY(change.credit_limit_minor,
                   parse_amount(u->credit_limit.value, debtor.currency, "credit_limit"));
        }
        if (u->email.given())
            change.email = u->email.value;
        if (u->tax_id.given())
            change.tax_id = u->tax_id.value;
        if (u->expected_version.given()) {
            MF_TRY(auto version, parse_count(u->expected_version.value, 0, INT32_MAX, "expected_version"));
            change.expected_version = version;
        }
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto updated, book->update_debtor(ctx.actor(), debtor.id, change));
        ctx.show(updated, [&](std::ostream& out) { print_debtor(out, updated); });
        return ok();
    });
}

void add_debtor_reads(CLI::App& group, Context& ctx) {
    auto id = std::make_shared<std::string>();
    auto* show = group.add_subcommand("show", "Show a debtor");
    show->add_option("id", *id, "Debtor id")->required();
    on_run(*show, ctx, [id](Context& ctx) -> Status {
        MF_TRY(auto debtor, find_debtor(ctx, *id, "id"));
        ctx.show(debtor, [&](std::ostream& out) { print_debtor(out, debtor); });
        return ok();
    });
    auto paging = std::make_shared<Paging>();
    auto* list = group.add_subcommand("list", "List the debtors");
    add_paging(*list, *paging, "debtors");
    on_run(*list, ctx, [paging](Context& ctx) -> Status {
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto debtors, book->debtors());
        return show_page<Debtor>(ctx, std::move(debtors), *paging, IdKind::debtor, print_debtors);
    });
}

}  // namespace

void add_party_commands(CLI::App& app, Context& ctx) {
    auto* client = add_group(app, "client", "Clients: the businesses that sell their invoices");
    add_client_add(*client, ctx);
    add_client_update(*client, ctx);
    add_client_reads(*client, ctx);
    add_client_pay_in(*client, ctx);
    add_client_statement(*client, ctx);
    auto* debtor = add_group(app, "debtor", "Debtors: the client's customers who owe the invoices");
    add_debtor_add(*debtor, ctx);
    add_debtor_update(*debtor, ctx);
    add_debtor_reads(*debtor, ctx);
    add_debtor_credit_commands(*debtor, ctx);
}

}  // namespace mf::cli
