// mail list|show|retry|deliver|statement: the e-mail outbox (docs/mail.md). `deliver` runs one delivery
// through the SMTP relay of the flags or the environment; `serve` runs the same in the background.
#include <memory>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/mail_settings.hpp"
#include "cli/parse.hpp"
#include "wire/outbox.hpp"

namespace mf::cli {
namespace {

std::string or_dash(const std::string& text) {
    return text.empty() ? "-" : text;
}

void print_mails(std::ostream& out, const std::vector<OutboxMail>& mails) {
    Table table;
    table.column("ID")
        .column("STATE")
        .column("KIND")
        .column("TO")
        .column("TRIES", Align::right)
        .column("NEXT / DELIVERED")
        .column("SUBJECT");
    for (const auto& mail : mails) {
        const std::string when = mail.state == MailState::delivered ? mail.delivered_at
                                 : mail.state == MailState::queued  ? mail.next_attempt_at
                                                                    : std::string();
        table.row({format_id(IdKind::mail, mail.id), std::string(to_string(mail.state)), mail.kind,
                   or_dash(mail.recipients), std::to_string(mail.attempts), or_dash(when), mail.subject});
    }
    table.print(out);
}

void print_mail(std::ostream& out, const OutboxMail& mail) {
    const IdKind recipient = mail.recipient_type == "debtor" ? IdKind::debtor : IdKind::client;
    print_fields(
        out, {{"Mail", format_id(IdKind::mail, mail.id)},
              {"State", std::string(to_string(mail.state))},
              {"Kind", mail.kind},
              {"Event", mail.event + " (" + mail.entity_type + " " + std::to_string(mail.entity_id) + ")"},
              {"Recipient", format_id(recipient, mail.recipient_id)},
              {"To", or_dash(mail.recipients)},
              {"Subject", mail.subject},
              {"Created", mail.created_at},
              {"Attempts", std::to_string(mail.attempts)},
              {"Next attempt", mail.state == MailState::queued ? mail.next_attempt_at : "-"},
              {"Last attempt", or_dash(mail.last_attempt_at)},
              {"Last error", or_dash(mail.last_error)},
              {"Delivered", or_dash(mail.delivered_at)}});
    out << "\n" << mail.body;
    if (!mail.body.empty() && mail.body.back() != '\n')
        out << "\n";
}

void add_list(CLI::App& group, Context& ctx) {
    struct Options {
        std::string state;
        Paging paging;
    };
    auto o = std::make_shared<Options>();
    auto* list = group.add_subcommand("list", "List the outbox: every mail with its state and last error");
    list->add_option("--state", o->state, "queued, delivered, failed or unaddressed");
    add_paging(*list, o->paging, "mails");
    on_run(*list, ctx, [o](Context& ctx) -> Status {
        OutboxQuery query;
        if (!o->state.empty()) {
            MF_TRY(query.state, parse_mail_state(o->state));
        }
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto mails, book->outbox(query));
        return show_page<OutboxMail>(ctx, std::move(mails), o->paging, IdKind::mail, print_mails);
    });
}

void add_show_and_retry(CLI::App& group, Context& ctx) {
    auto id = std::make_shared<std::string>();
    auto* show = group.add_subcommand("show", "One mail: its recipients, attempts, last error and text");
    show->add_option("id", *id, "Mail id (eml_N)")->required();
    on_run(*show, ctx, [id](Context& ctx) -> Status {
        MF_TRY(const int64_t mail_id, parse_id(IdKind::mail, *id, "id"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto mail, book->mail(mail_id));
        ctx.show(mail, [&](std::ostream& out) { print_mail(out, mail); });
        return ok();
    });

    auto retry_id = std::make_shared<std::string>();
    auto* retry = group.add_subcommand(
        "retry", "Make a queued, failed or unaddressed mail due now with its attempts counted afresh");
    retry->add_option("id", *retry_id, "Mail id (eml_N)")->required();
    on_run(*retry, ctx, [retry_id](Context& ctx) -> Status {
        MF_TRY(const int64_t mail_id, parse_id(IdKind::mail, *retry_id, "id"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto mail, book->retry_mail(ctx.actor(), mail_id));
        ctx.show(mail, [&](std::ostream& out) {
            out << format_id(IdKind::mail, mail.id) << " queued to " << mail.recipients
                << ": the next delivery run sends it.\n";
        });
        return ok();
    });
}

void add_deliver(CLI::App& group, Context& ctx) {
    auto o = std::make_shared<MailOptions>();
    auto* deliver = group.add_subcommand("deliver", "Send the due mails once through the SMTP relay");
    add_mail_options(*deliver, *o);
    on_run(*deliver, ctx, [o](Context& ctx) -> Status {
        MF_TRY(auto settings, mail_settings(*o, true));
        MF_TRY(auto* book, ctx.book());
        mail::SmtpTransport transport(settings->smtp);
        MF_TRY(auto run, book->deliver_mail(transport, settings->delivery));
        ctx.show(run, [&](std::ostream& out) {
            for (const auto& attempt : run.attempts) {
                out << format_id(IdKind::mail, attempt.mail_id) << "  " << to_string(attempt.state);
                if (!attempt.error.empty())
                    out << "  " << attempt.error;
                out << "\n";
            }
            out << run.delivered << " delivered, " << run.retrying << " to retry later, " << run.failed
                << " failed.\n";
        });
        // Mail that could not go out is kept; the exit code tells a script that something needs a look.
        if (run.retrying + run.failed > 0)
            ctx.exit_code = Exit::problems_found;
        return ok();
    });
}

void add_statement(CLI::App& group, Context& ctx) {
    struct Options {
        std::string client;
        Text from, to;
    };
    auto o = std::make_shared<Options>();
    auto* statement = group.add_subcommand(
        "statement", "Tell a client its statement for a period is ready (queues the mail)");
    statement->add_option("--client", o->client, "Client id")->required();
    add(*statement, "--from", o->from, "First day (default: the first of --to's month)");
    add(*statement, "--to", o->to, "Last day (default: the business date)");
    on_run(*statement, ctx, [o](Context& ctx) -> Status {
        MF_TRY(auto client, find_client(ctx, o->client));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto period, read_statement_period(*book, o->from, o->to));
        MF_TRY(auto mail, book->send_client_statement(ctx.actor(), client.id, period.first, period.second));
        ctx.show(mail, [&](std::ostream& out) { print_mail(out, mail); });
        return ok();
    });
}

}  // namespace

void add_mail_commands(CLI::App& app, Context& ctx) {
    auto* group = add_group(app, "mail", "The e-mail outbox: list, show, retry, deliver, statement");
    add_list(*group, ctx);
    add_show_and_retry(*group, ctx);
    add_deliver(*group, ctx);
    add_statement(*group, ctx);
}

}  // namespace mf::cli
