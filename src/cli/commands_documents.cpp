// The PDF documents: client statement-pdf, client noa and schedule disclosure.
#include <filesystem>
#include <fstream>
#include <memory>
#include <ostream>

#include "api/document_sources.hpp"
#include "cli/commands.hpp"
#include "cli/parse.hpp"
#include "core/apr.hpp"
#include "wire/values.hpp"

namespace mf::cli {

namespace {

// Writes the file whole, or reports why not (a half-written PDF is removed).
Status save_pdf(const api::PdfFile& file, const std::string& path) {
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        if (out && out.write(file.bytes.data(), static_cast<std::streamsize>(file.bytes.size())) &&
            out.flush())
            return ok();
    }
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    return make_error("storage_error", "cannot write " + path, "out");
}

Status write_pdf(const api::PdfFile& file, const std::string& path, Context& ctx) {
    MF_CHECK(save_pdf(file, path));
    if (!ctx.json())
        ctx.out << "Wrote " << path << " (" << file.bytes.size() << " bytes)\n";
    else
        ctx.print_json(boost::json::object{{"file", path}, {"bytes", file.bytes.size()}});
    return ok();
}

void add_statement_pdf(CLI::App& client_group, Context& ctx) {
    struct Options {
        std::string client, out;
        Text from, to;
    };
    auto o = std::make_shared<Options>();
    auto* cmd =
        client_group.add_subcommand("statement-pdf", "The client's statement for a period as a PDF file");
    cmd->add_option("id", o->client, "Client id")->required();
    add(*cmd, "--from", o->from, "First day of the period (default: the first of the month of --to)");
    add(*cmd, "--to", o->to, "Last day of the period (default: the business date)");
    cmd->add_option("--out", o->out, "The PDF file to write")->required();
    on_run(*cmd, ctx, [o](Context& ctx) -> Status {
        MF_TRY(auto client_id, parse_id(IdKind::client, o->client, "client"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto period, read_statement_period(*book, o->from, o->to));
        MF_TRY(auto file, api::client_statement_pdf(*book, client_id, period.first, period.second));
        return write_pdf(file, o->out, ctx);
    });
}

// The disclosure's file and the figures it states, so a reader can check the PDF against them.
Status write_disclosure(const api::DisclosureFile& disclosure, const std::string& path, Context& ctx) {
    const documents::CostDisclosure& d = disclosure.figures;
    const std::string apr = format_apr_percent(d.apr.apr_ppm);
    if (ctx.json()) {
        MF_CHECK(save_pdf(disclosure.file, path));
        ctx.print_json(
            boost::json::object{{"file", path},
                                {"bytes", disclosure.file.bytes.size()},
                                {"schedule_id", wire::id(IdKind::schedule, d.schedule_id)},
                                {"currency", d.currency.code()},
                                {"face_value", wire::amount(d.face_minor, d.currency)},
                                {"amount_financed", wire::amount(d.amount_financed_minor, d.currency)},
                                {"finance_charge", wire::amount(d.finance_charge_minor, d.currency)},
                                {"total_payment", wire::amount(d.total_payment_minor, d.currency)},
                                {"expected_rebate", wire::amount(d.expected_rebate_minor, d.currency)},
                                {"term_days", d.term_days},
                                {"apr", apr}});
        return ok();
    }
    MF_CHECK(write_pdf(disclosure.file, path, ctx));
    ctx.out << "Amount financed " << format_money({d.amount_financed_minor, d.currency})
            << ", finance charge " << format_money({d.finance_charge_minor, d.currency}) << ", term "
            << d.term_days << " days, estimated APR " << apr << "%\n";
    return ok();
}

void add_disclosure(CLI::App& schedule_group, Context& ctx) {
    struct Options {
        std::string schedule, state, out;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = schedule_group.add_subcommand(
        "disclosure", "The schedule's cost disclosure (estimated APR) as a PDF file, CA or NY layout");
    cmd->add_option("id", o->schedule, "Schedule id")->required();
    cmd->add_option("--state", o->state, "CA (10 CCR 913) or NY (23 NYCRR 600.12)")->required();
    cmd->add_option("--out", o->out, "The PDF file to write")->required();
    on_run(*cmd, ctx, [o](Context& ctx) -> Status {
        MF_TRY(auto schedule_id, parse_id(IdKind::schedule, o->schedule, "id"));
        MF_TRY(auto layout, documents::parse_disclosure_layout(o->state));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto view, book->schedule(schedule_id));
        MF_TRY(auto disclosure, api::schedule_disclosure(*book, view, layout));
        return write_disclosure(disclosure, o->out, ctx);
    });
}

// The notice of assignment of one pair, with the book's remittance instructions unless --remit gives others;
// --record-sent records that it was sent (by the method named), on the business date.
void add_notice_of_assignment(CLI::App& client_group, Context& ctx) {
    struct Options {
        std::string client, debtor, remit, address, out, record_sent;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = client_group.add_subcommand(
        "noa", "The notice of assignment to one of the client's debtors, as a PDF file");
    cmd->add_option("id", o->client, "Client id")->required();
    cmd->add_option("--debtor", o->debtor, "Debtor id")->required();
    cmd->add_option("--remit", o->remit,
                    "The factor's remittance instructions (\\n starts a new line; default: the book's, "
                    "settings set --remittance)");
    cmd->add_option("--debtor-address", o->address, "The debtor's address (\\n starts a new line)");
    cmd->add_option("--out", o->out, "The PDF file to write")->required();
    cmd->add_option("--record-sent", o->record_sent,
                    "Record the notice as sent today by this method (mail, email, fax, hand, portal)");
    on_run(*cmd, ctx, [o](Context& ctx) -> Status {
        MF_TRY(auto client, find_client(ctx, o->client, "client"));
        MF_TRY(auto debtor, find_debtor(ctx, o->debtor, "debtor"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto settings, book->settings());
        const std::string remit =
            o->remit.empty() ? settings.remittance_instructions : with_line_breaks(o->remit);
        if (remit.empty()) {
            return make_error("missing_field",
                              "no remittance instructions: give --remit, or set the book's with "
                              "'microfactor settings set --remittance'",
                              "remit");
        }
        if (!o->record_sent.empty())
            MF_CHECK(validate_noa_method(o->record_sent));
        const documents::NoticeOfAssignment notice{client.name, debtor.name, with_line_breaks(o->address),
                                                   remit};
        MF_TRY(auto bytes,
               documents::notice_of_assignment_pdf(notice, {settings.name, settings.business_date}));
        MF_CHECK(write_pdf({std::move(bytes), ""}, o->out, ctx));
        if (!o->record_sent.empty()) {
            MF_TRY(auto sent,
                   book->record_notice_sent(ctx.actor(), client.id, debtor.id, std::nullopt, o->record_sent));
            if (!ctx.json())
                ctx.out << "Notice recorded as sent by " << sent.method << " on " << sent.sent_on->to_string()
                        << ".\n";
        }
        return ok();
    });
}

}  // namespace

void add_document_commands(CLI::App& app, Context& ctx) {
    add_statement_pdf(*app.get_subcommand("client"), ctx);
    add_notice_of_assignment(*app.get_subcommand("client"), ctx);
    add_disclosure(*app.get_subcommand("schedule"), ctx);
}

}  // namespace mf::cli
