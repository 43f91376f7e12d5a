// Verification and notices of assignment: client verification-policy|legend, invoice verify|verification|
// verify-link, report verifications, and the noa group (list, sent, acknowledged, link, queue).
#include <memory>
#include <ostream>

#include "auth/secrets.hpp"
#include "cli/commands.hpp"
#include "cli/parse.hpp"
#include "documents/documents.hpp"
#include "wire/debtor_link_address.hpp"
#include "wire/verification.hpp"

namespace mf::cli {
namespace {

std::string yes_no(bool value) {
    return value ? "yes" : "no";
}

void print_policy(std::ostream& out, const VerificationPolicy& policy, Currency currency) {
    std::string rule = std::string(to_string(policy.kind));
    if (policy.kind == VerificationPolicyKind::above)
        rule += " " + format_money(Money{policy.threshold_minor, currency});
    if (policy.kind == VerificationPolicyKind::sample)
        rule += " " + format_rate_percent(policy.sample_ppm) + "%";
    print_fields(
        out, {{"Client", format_id(IdKind::client, policy.client_id)},
              {"Verification policy", rule},
              {"Changed", policy.updated_at.empty() ? "-" : policy.updated_at + " by " + policy.updated_by}});
}

void print_records(std::ostream& out, const std::vector<VerificationRecord>& records) {
    Table table;
    table.column("Id")
        .column("Date")
        .column("Invoice")
        .column("Debtor")
        .column("Channel")
        .column("Contact")
        .column("Outcome")
        .column("By")
        .column("Notes");
    for (const auto& record : records) {
        table.row({format_id(IdKind::verification, record.id), record.business_date.to_string(),
                   format_id(IdKind::invoice, record.invoice_id), format_id(IdKind::debtor, record.debtor_id),
                   record.channel, record.contact, record.outcome, record.actor, record.notes});
    }
    table.print(out);
    if (records.empty())
        out << "No verification records.\n";
}

void print_notices(std::ostream& out, const std::vector<NoticeStatus>& notices) {
    Table table;
    table.column("Client").column("Debtor").column("Notice").column("Sent").column("Method").column(
        "Acknowledged");
    for (const auto& notice : notices) {
        table.row({format_id(IdKind::client, notice.client_id), format_id(IdKind::debtor, notice.debtor_id),
                   std::string(notice.status()), notice.sent_on ? notice.sent_on->to_string() : "-",
                   notice.method.empty() ? "-" : notice.method,
                   notice.acknowledged_on ? notice.acknowledged_on->to_string() : "-"});
    }
    table.print(out);
}

void print_link(std::ostream& out, const DebtorLink& link, const std::string& token) {
    print_fields(out, {{"Link", format_id(IdKind::debtor_link, link.id)},
                       {"Purpose", link.purpose},
                       {"Debtor", format_id(IdKind::debtor, link.debtor_id)},
                       {"Expires", link.expires_at},
                       {"Token", token},
                       {"Page", wire::debtor_link_page_path(token)},
                       {"API", wire::debtor_link_api_path(token)}});
    out << "The token is shown this once. The link is mailed to the debtor when it has an e-mail address "
           "(microfactor mail list).\n";
}

// Draws a token, stores the link by its hash and shows the token once.
Status issue_link(Context& ctx, NewDebtorLink input, int days) {
    input.expires_in_days = days;
    const std::string token = auth::random_token();
    input.token_hash = auth::token_hash(token);
    input.url = debtor_link_url(public_base_url(), token);
    MF_TRY(auto* book, ctx.book());
    MF_TRY(auto link, book->issue_debtor_link(ctx.actor(), input));
    if (ctx.json()) {
        ctx.print_json(boost::json::object{{"link", boost::json::value_from(link)},
                                           {"token", token},
                                           {"path", wire::debtor_link_page_path(token)},
                                           {"api_path", wire::debtor_link_api_path(token)}});
    } else {
        print_link(ctx.out, link, token);
    }
    return ok();
}

void add_client_verification(CLI::App& client_group, Context& ctx) {
    struct Options {
        std::string client;
        Text set, threshold, sample;
    };
    auto o = std::make_shared<Options>();
    auto* policy = client_group.add_subcommand("verification-policy",
                                               "Show a client's verification policy, or set it with --set");
    policy->add_option("id", o->client, "Client id")->required();
    add(*policy, "--set", o->set, "none, every, above (with --threshold) or sample (with --sample)");
    add(*policy, "--threshold", o->threshold, "above: faces above this amount need verification");
    add(*policy, "--sample", o->sample, "sample: the percent of invoices drawn");
    on_run(*policy, ctx, [o](Context& ctx) -> Status {
        MF_TRY(auto client, find_client(ctx, o->client, "client"));
        MF_TRY(auto* book, ctx.book());
        VerificationPolicy shown;
        if (o->set.given()) {
            VerificationPolicy wanted;
            wanted.client_id = client.id;
            MF_TRY(wanted.kind, parse_verification_policy_kind(o->set.value));
            if (o->threshold.given()) {
                MF_TRY(wanted.threshold_minor,
                       parse_amount(o->threshold.value, client.currency, "threshold"));
            }
            if (o->sample.given()) {
                MF_TRY(wanted.sample_ppm, parse_rate_percent(o->sample.value, "sample"));
            }
            MF_TRY(shown, book->set_verification_policy(ctx.actor(), wanted));
        } else {
            MF_TRY(shown, book->verification_policy(client.id));
        }
        if (ctx.json())
            ctx.print_json(wire::policy_json(shown, client.currency));
        else
            print_policy(ctx.out, shown, client.currency);
        return ok();
    });

    auto legend_client = std::make_shared<std::string>();
    auto* legend =
        client_group.add_subcommand("legend", "The assignment legend the client prints on its invoices");
    legend->add_option("id", *legend_client, "Client id")->required();
    on_run(*legend, ctx, [legend_client](Context& ctx) -> Status {
        MF_TRY(auto client, find_client(ctx, *legend_client, "client"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto settings, book->settings());
        const std::string text =
            documents::assignment_legend(settings.name, settings.remittance_instructions);
        if (ctx.json()) {
            ctx.print_json(boost::json::object{{"client_id", format_id(IdKind::client, client.id)},
                                               {"factor", settings.name},
                                               {"remittance_instructions", settings.remittance_instructions},
                                               {"legend", text}});
        } else {
            ctx.out << text << '\n';
        }
        return ok();
    });
}

void add_invoice_verification(CLI::App& invoice_group, Context& ctx) {
    struct Options {
        std::string invoice, channel, contact, outcome, notes;
    };
    auto o = std::make_shared<Options>();
    auto* verify = invoice_group.add_subcommand(
        "verify", "Record a call or e-mail verifying an invoice with its debtor");
    verify->add_option("id", o->invoice, "Invoice id")->required();
    verify->add_option("--channel", o->channel, "call or email")->required();
    verify->add_option("--contact", o->contact, "Whom you reached (name, number or address)")->required();
    verify->add_option("--outcome", o->outcome, "confirmed, contested, no_answer or left_message")
        ->required();
    verify->add_option("--notes", o->notes, "Notes (a contest needs the debtor's reason)");
    on_run(*verify, ctx, [o](Context& ctx) -> Status {
        StaffVerification input;
        MF_TRY(input.invoice_id, parse_id(IdKind::invoice, o->invoice, "id"));
        input.channel = o->channel;
        input.contact = o->contact;
        input.outcome = o->outcome;
        input.notes = o->notes;
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto outcome, book->record_verification(ctx.actor(), input));
        ctx.show(outcome, [&](std::ostream& out) {
            print_records(out, {outcome.record});
            out << "Invoice " << outcome.invoice.number
                << " verification: " << to_string(outcome.invoice.verification) << '\n';
        });
        return ok();
    });

    auto shown = std::make_shared<std::string>();
    auto* standing =
        invoice_group.add_subcommand("verification", "An invoice's verification standing and records");
    standing->add_option("id", *shown, "Invoice id")->required();
    on_run(*standing, ctx, [shown](Context& ctx) -> Status {
        MF_TRY(const int64_t invoice_id, parse_id(IdKind::invoice, *shown, "id"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto state, book->verification_standing(invoice_id));
        VerificationLogQuery query;
        query.invoice_id = invoice_id;
        MF_TRY(auto records, book->verification_log(query));
        if (ctx.json()) {
            auto body = boost::json::value_from(state).as_object();
            body["invoice_id"] = format_id(IdKind::invoice, invoice_id);
            body["records"] = boost::json::value_from(records);
            ctx.print_json(body);
            return ok();
        }
        print_fields(ctx.out, {{"Invoice", format_id(IdKind::invoice, invoice_id)},
                               {"Verification", std::string(to_string(state.verification))},
                               {"Needs verification", yes_no(state.required)},
                               {"Passed", yes_no(state.passed)}});
        print_records(ctx.out, records);
        return ok();
    });

    struct LinkOptions {
        std::string invoice;
        int days = 14;
    };
    auto l = std::make_shared<LinkOptions>();
    auto* link = invoice_group.add_subcommand(
        "verify-link", "Issue a signed, expiring, single-use link for the debtor to confirm or contest");
    link->add_option("id", l->invoice, "Invoice id")->required();
    link->add_option("--days", l->days, "Days until the link expires (1-90, default 14)");
    on_run(*link, ctx, [l](Context& ctx) -> Status {
        NewDebtorLink input;
        input.purpose = std::string(kLinkVerifyInvoice);
        MF_TRY(input.invoice_id, parse_id(IdKind::invoice, l->invoice, "id"));
        return issue_link(ctx, std::move(input), l->days);
    });
}

void add_log_command(CLI::App& report_group, Context& ctx) {
    struct Options {
        Text client, debtor, invoice, from, to;
    };
    auto o = std::make_shared<Options>();
    auto* log = report_group.add_subcommand("verifications", "The verification log (calls, e-mails, links)");
    add(*log, "--client", o->client, "Only this client's invoices");
    add(*log, "--debtor", o->debtor, "Only this debtor's invoices");
    add(*log, "--invoice", o->invoice, "Only this invoice");
    add(*log, "--from", o->from, "First business date (YYYY-MM-DD)");
    add(*log, "--to", o->to, "Last business date (YYYY-MM-DD)");
    on_run(*log, ctx, [o](Context& ctx) -> Status {
        VerificationLogQuery query;
        MF_TRY(auto client, parse_optional_id(IdKind::client, o->client, "client"));
        MF_TRY(auto debtor, parse_optional_id(IdKind::debtor, o->debtor, "debtor"));
        MF_TRY(auto invoice, parse_optional_id(IdKind::invoice, o->invoice, "invoice"));
        query.client_id = client.value_or(0);
        query.debtor_id = debtor.value_or(0);
        query.invoice_id = invoice.value_or(0);
        MF_TRY(query.from, parse_optional_date(o->from, "from"));
        MF_TRY(query.to, parse_optional_date(o->to, "to"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto records, book->verification_log(query));
        if (ctx.json())
            ctx.print_json(boost::json::object{{"data", boost::json::value_from(records)}});
        else
            print_records(ctx.out, records);
        return ok();
    });
}

void add_noa_group(CLI::App& app, Context& ctx) {
    auto* group =
        add_group(app, "noa", "Notices of assignment: status per client and debtor, and the work queue");

    auto list_client = std::make_shared<Text>();
    auto* list = group->add_subcommand("list", "The notice status of each client/debtor pair");
    add(*list, "--client", *list_client, "Only this client's debtors");
    on_run(*list, ctx, [list_client](Context& ctx) -> Status {
        MF_TRY(auto client, parse_optional_id(IdKind::client, *list_client, "client"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto notices, book->notices(client));
        if (ctx.json())
            ctx.print_json(boost::json::object{{"data", boost::json::value_from(notices)}});
        else
            print_notices(ctx.out, notices);
        return ok();
    });

    struct PairOptions {
        std::string client, debtor, method;
        Text on;
        int days = 14;
    };
    auto s = std::make_shared<PairOptions>();
    auto* sent = group->add_subcommand("sent", "Record that the notice to a debtor was sent");
    sent->add_option("--client", s->client, "Client id")->required();
    sent->add_option("--debtor", s->debtor, "Debtor id")->required();
    sent->add_option("--method", s->method, "mail, email, fax, hand or portal")->required();
    add(*sent, "--on", s->on, "The date it was sent (default: the business date)");
    on_run(*sent, ctx, [s](Context& ctx) -> Status {
        MF_TRY(auto client, parse_id(IdKind::client, s->client, "client"));
        MF_TRY(auto debtor, parse_id(IdKind::debtor, s->debtor, "debtor"));
        MF_TRY(auto on, parse_optional_date(s->on, "on"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto notice, book->record_notice_sent(ctx.actor(), client, debtor, on, s->method));
        ctx.show(notice, [&](std::ostream& out) { print_notices(out, {notice}); });
        return ok();
    });

    auto a = std::make_shared<PairOptions>();
    auto* acknowledged =
        group->add_subcommand("acknowledged", "Record the debtor's acknowledgement of the notice");
    acknowledged->add_option("--client", a->client, "Client id")->required();
    acknowledged->add_option("--debtor", a->debtor, "Debtor id")->required();
    add(*acknowledged, "--on", a->on, "The date of the acknowledgement (default: the business date)");
    on_run(*acknowledged, ctx, [a](Context& ctx) -> Status {
        MF_TRY(auto client, parse_id(IdKind::client, a->client, "client"));
        MF_TRY(auto debtor, parse_id(IdKind::debtor, a->debtor, "debtor"));
        MF_TRY(auto on, parse_optional_date(a->on, "on"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto notice, book->record_notice_acknowledged(ctx.actor(), client, debtor, on));
        ctx.show(notice, [&](std::ostream& out) { print_notices(out, {notice}); });
        return ok();
    });

    auto k = std::make_shared<PairOptions>();
    auto* link =
        group->add_subcommand("link", "Issue a single-use link for the debtor to acknowledge the notice");
    link->add_option("--client", k->client, "Client id")->required();
    link->add_option("--debtor", k->debtor, "Debtor id")->required();
    link->add_option("--days", k->days, "Days until the link expires (1-90, default 14)");
    on_run(*link, ctx, [k](Context& ctx) -> Status {
        NewDebtorLink input;
        input.purpose = std::string(kLinkAcknowledgeNoa);
        MF_TRY(input.client_id, parse_id(IdKind::client, k->client, "client"));
        MF_TRY(input.debtor_id, parse_id(IdKind::debtor, k->debtor, "debtor"));
        return issue_link(ctx, std::move(input), k->days);
    });

    auto* queue = group->add_subcommand("queue", "Pairs with funded invoices and no notice sent");
    on_run(*queue, ctx, [](Context& ctx) -> Status {
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto rows, book->noa_queue());
        if (ctx.json()) {
            ctx.print_json(boost::json::object{{"data", boost::json::value_from(rows)}});
            return ok();
        }
        Table table;
        table.column("Client")
            .column("Debtor")
            .column("Funded invoices", Align::right)
            .column("Funded face", Align::right)
            .column("Currency");
        for (const auto& row : rows) {
            table.row({format_id(IdKind::client, row.client_id), format_id(IdKind::debtor, row.debtor_id),
                       std::to_string(row.funded_invoices),
                       format_amount(row.outstanding_face_minor, row.currency),
                       std::string(row.currency.code())});
        }
        table.print(ctx.out);
        if (rows.empty())
            ctx.out << "Every pair with funded invoices has its notice sent.\n";
        return ok();
    });
}

}  // namespace

void add_verification_commands(CLI::App& app, Context& ctx) {
    add_client_verification(*app.get_subcommand("client"), ctx);
    add_invoice_verification(*app.get_subcommand("invoice"), ctx);
    add_log_command(*app.get_subcommand("report"), ctx);
    add_noa_group(app, ctx);
}

}  // namespace mf::cli
