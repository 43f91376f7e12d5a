// Money in and out: charge define|list|apply, capital add, receipt record|apply|list|show, rebate release,
// payout list.
#include <memory>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/parse.hpp"
#include "cli/render_records.hpp"

namespace mf::cli {

namespace {

void add_charge_define(CLI::App& group, Context& ctx) {
    struct Options {
        std::string code, name, amount;
        Text currency;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = group.add_subcommand("define", "Add a charge to the book's catalog (ACH fee, wire fee, ...)");
    cmd->add_option("--code", o->code, "Short code, e.g. courier_fee")->required();
    cmd->add_option("--name", o->name, "Name shown on statements")->required();
    cmd->add_option("--amount", o->amount, "Amount of the charge")->required();
    add(*cmd, "--currency", o->currency, "Currency of the amount (default: the book's base currency)");
    on_run(*cmd, ctx, [o](Context& ctx) -> Status {
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto settings, book->settings());
        NewCharge input;
        input.code = o->code;
        input.name = o->name;
        input.amount.currency = settings.base_currency;
        if (o->currency.given()) {
            MF_TRY(input.amount.currency, parse_currency(o->currency.value));
        }
        MF_TRY(input.amount, parse_money(o->amount, input.amount.currency, "amount"));
        MF_TRY(auto charge, book->define_charge(ctx.actor(), input));
        ctx.show(charge, [&](std::ostream& out) { print_charges(out, {charge}); });
        return ok();
    });
}

void add_charge_commands(CLI::App& app, Context& ctx) {
    auto* group = add_group(app, "charge", "Charges: fixed fees booked to a client's reserve");
    add_charge_define(*group, ctx);
    auto* list = group->add_subcommand("list", "List the charge catalog");
    on_run(*list, ctx, [](Context& ctx) -> Status {
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto charges, book->charges());
        ctx.show(charges, [&](std::ostream& out) { print_charges(out, charges); });
        return ok();
    });
    struct Options {
        std::string client, code = "other";
        Text amount, invoice, memo;
    };
    auto o = std::make_shared<Options>();
    auto* apply = group->add_subcommand("apply", "Charge a client: a catalog charge, or an amount");
    apply->add_option("--client", o->client, "Client id")->required();
    apply->add_option("--code", o->code, "Catalog code (or 'other' with --amount)")->capture_default_str();
    add(*apply, "--amount", o->amount, "Amount (overrides the catalog's), in the client's currency");
    add(*apply, "--invoice", o->invoice, "The invoice the charge is for");
    add(*apply, "--memo", o->memo, "Text on the client's statement");
    on_run(*apply, ctx, [o](Context& ctx) -> Status {
        MF_TRY(auto client, find_client(ctx, o->client, "client"));
        ChargeRequest request;
        request.client_id = client.id;
        request.code = o->code;
        if (o->amount.given()) {
            MF_TRY(request.amount_minor, parse_amount(o->amount.value, client.currency, "amount"));
        }
        MF_TRY(auto invoice_id, parse_optional_id(IdKind::invoice, o->invoice, "invoice"));
        request.invoice_id = invoice_id.value_or(0);
        request.memo = o->memo.value;
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto entry, book->charge_client(ctx.actor(), request));
        ctx.show(entry, [&](std::ostream& out) { print_entry(out, entry); });
        return ok();
    });
}

void add_capital(CLI::App& app, Context& ctx) {
    struct Options {
        std::string amount;
        Text currency, memo;
    };
    auto o = std::make_shared<Options>();
    auto* group = add_group(app, "capital", "Capital put into the book");
    auto* cmd = group->add_subcommand("add", "Record capital contributed (owner, credit line, investors)");
    cmd->add_option("--amount", o->amount, "Amount contributed")->required();
    add(*cmd, "--currency", o->currency, "Currency (default: the book's base currency)");
    add(*cmd, "--memo", o->memo, "Where the money comes from");
    on_run(*cmd, ctx, [o](Context& ctx) -> Status {
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto settings, book->settings());
        CapitalContribution input;
        input.amount.currency = settings.base_currency;
        if (o->currency.given()) {
            MF_TRY(input.amount.currency, parse_currency(o->currency.value));
        }
        MF_TRY(input.amount, parse_money(o->amount, input.amount.currency, "amount"));
        input.memo = o->memo.value;
        MF_TRY(auto entry, book->contribute_capital(ctx.actor(), input));
        ctx.show(entry, [&](std::ostream& out) { print_entry(out, entry); });
        return ok();
    });
}

Result<std::vector<Application>> parse_applications(const std::vector<std::string>& specs,
                                                    Currency currency) {
    std::vector<Application> applications;
    for (const auto& spec : specs) {
        MF_TRY(auto application, parse_application(spec, currency));
        applications.push_back(application);
    }
    return applications;
}

void add_receipt_record(CLI::App& group, Context& ctx) {
    struct Options {
        std::string amount, payer;
        Text currency, date, reference, debtor;
        std::vector<std::string> applications;
    };
    auto o = std::make_shared<Options>();
    auto* cmd =
        group.add_subcommand("record", "Record money received, and apply it to invoices at once if known");
    cmd->add_option("--amount", o->amount, "Amount received")->required();
    add(*cmd, "--currency", o->currency, "Currency (default: the debtor's, else the book's base currency)");
    add(*cmd, "--date", o->date, "Value date, YYYY-MM-DD (default: the business date)");
    cmd->add_option("--payer", o->payer, "Who paid, as the bank shows it")->required();
    add(*cmd, "--reference", o->reference, "The bank or remittance reference");
    add(*cmd, "--debtor", o->debtor, "The debtor who paid, when known");
    cmd->add_option("--apply", o->applications,
                    "INVOICE_ID=AMOUNT; :short after it accepts a short pay, :client credits a "
                    "payment on an invoice the factor does not own to the client's reserve");
    on_run(*cmd, ctx, [o](Context& ctx) -> Status {
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto settings, book->settings());
        NewReceipt input;
        input.amount.currency = settings.base_currency;
        MF_TRY(input.debtor_id, parse_optional_id(IdKind::debtor, o->debtor, "debtor"));
        if (input.debtor_id) {
            MF_TRY(auto debtor, book->debtor(*input.debtor_id));
            input.amount.currency = debtor.currency;
        }
        if (o->currency.given()) {
            MF_TRY(input.amount.currency, parse_currency(o->currency.value));
        }
        MF_TRY(input.amount, parse_money(o->amount, input.amount.currency, "amount"));
        MF_TRY(auto date, parse_optional_date(o->date, "date"));
        input.received_on = date.value_or(settings.business_date);
        input.payer = o->payer;
        input.reference = o->reference.value;
        MF_TRY(input.applications, parse_applications(o->applications, input.amount.currency));
        MF_TRY(auto view, book->record_receipt(ctx.actor(), input));
        ctx.show(view, [&](std::ostream& out) { print_receipt_view(out, view); });
        return ok();
    });
}

void add_receipt_commands(CLI::App& app, Context& ctx) {
    auto* group = add_group(app, "receipt", "Receipts: money received from debtors (cash application)");
    add_receipt_record(*group, ctx);
    add_cash_application_commands(*group, ctx);
    struct ApplyOptions {
        std::string id;
        std::vector<std::string> applications;
    };
    auto a = std::make_shared<ApplyOptions>();
    auto* apply = group->add_subcommand("apply", "Apply a receipt's unapplied cash to invoices");
    apply->add_option("id", a->id, "Receipt id (rcp_4 or 4)")->required();
    apply->add_option("--apply", a->applications, "INVOICE_ID=AMOUNT[:short|:client]; repeat for several")
        ->required();
    on_run(*apply, ctx, [a](Context& ctx) -> Status {
        MF_TRY(auto receipt_id, parse_id(IdKind::receipt, a->id, "id"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto receipt, book->receipt(receipt_id));
        MF_TRY(auto applications, parse_applications(a->applications, receipt.currency));
        MF_TRY(auto view, book->apply_receipt(ctx.actor(), receipt_id, applications));
        ctx.show(view, [&](std::ostream& out) { print_receipt_view(out, view); });
        return ok();
    });
    struct ListOptions {
        bool unapplied = false;
        Paging paging;
    };
    auto l = std::make_shared<ListOptions>();
    auto* list = group->add_subcommand("list", "List receipts");
    list->add_flag("--unapplied", l->unapplied, "Only receipts with cash still to apply");
    add_paging(*list, l->paging, "receipts");
    on_run(*list, ctx, [l](Context& ctx) -> Status {
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto receipts, book->receipts(l->unapplied));
        return show_page<Receipt>(ctx, std::move(receipts), l->paging, IdKind::receipt, print_receipts);
    });
    auto id = std::make_shared<std::string>();
    auto* show = group->add_subcommand("show", "Show a receipt and the invoices its cash was applied to");
    show->add_option("id", *id, "Receipt id")->required();
    on_run(*show, ctx, [id](Context& ctx) -> Status {
        MF_TRY(auto receipt_id, parse_id(IdKind::receipt, *id, "id"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto detail, book->receipt_detail(receipt_id));
        ctx.show(detail, [&](std::ostream& out) { print_receipt_detail(out, detail); });
        return ok();
    });
}

void add_payout_commands(CLI::App& app, Context& ctx) {
    struct Options {
        std::string client;
        Text amount;
    };
    auto r = std::make_shared<Options>();
    auto* rebate = add_group(app, "rebate", "Rebates: reserve paid back to clients");
    auto* release =
        rebate->add_subcommand("release", "Pay a client what its reserve holds beyond the required reserve");
    release->add_option("--client", r->client, "Client id")->required();
    add(*release, "--amount", r->amount, "Pay at most this much (default: all that is releasable)");
    on_run(*release, ctx, [r](Context& ctx) -> Status {
        MF_TRY(auto client, find_client(ctx, r->client, "client"));
        std::optional<int64_t> amount;
        if (r->amount.given()) {
            MF_TRY(amount, parse_amount(r->amount.value, client.currency, "amount"));
        }
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto payout, book->release_rebate(ctx.actor(), client.id, amount));
        ctx.show(payout, [&](std::ostream& out) {
            if (payout)
                print_payouts(out, {*payout});
            if (!payout)
                out << "Nothing releasable for " << client.name << ".\n";
        });
        return ok();
    });
    struct ListOptions {
        Text client;
        Paging paging;
    };
    auto l = std::make_shared<ListOptions>();
    auto* payouts = add_group(app, "payout", "Payouts: advances and rebates paid to clients");
    auto* list = payouts->add_subcommand("list", "List payouts");
    add(*list, "--client", l->client, "Only this client's payouts");
    add_paging(*list, l->paging, "payouts");
    on_run(*list, ctx, [l](Context& ctx) -> Status {
        MF_TRY(auto client_id, parse_optional_id(IdKind::client, l->client, "client"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto list, book->payouts(client_id));
        return show_page<Payout>(ctx, std::move(list), l->paging, IdKind::payout, print_payouts);
    });
    add_payout_file_commands(*payouts, ctx);
}

}  // namespace

void add_cash_commands(CLI::App& app, Context& ctx) {
    add_charge_commands(app, ctx);
    add_capital(app, ctx);
    add_receipt_commands(app, ctx);
    add_payout_commands(app, ctx);
}

}  // namespace mf::cli
