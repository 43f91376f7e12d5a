// Files in and cash application: import invoices|bank, receipt auto-apply|suggest.
#include <memory>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/parse.hpp"
#include "cli/render_files.hpp"
#include "formats/bank_file.hpp"
#include "formats/invoice_file.hpp"
#include "wire/files.hpp"

namespace mf::cli {

namespace {

constexpr size_t kImportBytesMax = 50u << 20;

Result<formats::InvoiceFormat> parse_invoice_format(std::string_view text) {
    for (const auto format :
         {formats::InvoiceFormat::csv, formats::InvoiceFormat::ubl, formats::InvoiceFormat::cii,
          formats::InvoiceFormat::quickbooks, formats::InvoiceFormat::xero}) {
        if (text == formats::to_string(format))
            return format;
    }
    return make_error("invalid_field", "--format is csv, ubl, cii, quickbooks or xero", "format");
}

Result<formats::BankFormat> parse_bank_format(std::string_view text) {
    for (const auto format : {formats::BankFormat::camt053, formats::BankFormat::camt054,
                              formats::BankFormat::bai2, formats::BankFormat::lockbox_csv}) {
        if (text == formats::to_string(format))
            return format;
    }
    return make_error("invalid_field", "--format is camt053, camt054, bai2 or lockbox_csv", "format");
}

std::string base_name(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

void add_import_invoices(CLI::App& group, Context& ctx) {
    struct Options {
        std::string path, client;
        Text format;
        bool partial = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = group.add_subcommand("invoices",
                                     "Submit a client's invoice file: CSV, UBL/PEPPOL, CII/Factur-X, "
                                     "QuickBooks or Xero JSON (the format is detected)");
    cmd->add_option("file", o->path, "The file")->required();
    cmd->add_option("--client", o->client, "The client whose invoices these are")->required();
    add(*cmd, "--format", o->format, "csv, ubl, cii, quickbooks or xero (default: detected)");
    cmd->add_flag("--partial", o->partial,
                  "Keep the good rows when some are rejected (default: all or nothing)");
    on_run(*cmd, ctx, [o](Context& ctx) -> Status {
        MF_TRY(auto client, find_client(ctx, o->client));
        std::optional<formats::InvoiceFormat> format;
        if (o->format.given()) {
            MF_TRY(format, parse_invoice_format(o->format.value));
        }
        MF_TRY(auto bytes, read_whole_file(o->path, kImportBytesMax, "file"));
        formats::InvoiceReadOptions options;
        options.default_currency = client.currency;
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto result, book->import_invoices(ctx.actor(), bytes, format, options,
                                                  {client.id, o->partial, base_name(o->path)}));
        ctx.show(result, [&](std::ostream& out) {
            print_intake(out, result);
            for (const auto& submitted : result.schedules)
                print_auto_approval_outcome(out, submitted.auto_approval);
        });
        if (!result.written) {
            return make_error("file_rejected",
                              std::to_string(result.rejected) + " of " + std::to_string(result.rows.size()) +
                                  " rows rejected: nothing was written",
                              "file");
        }
        return ok();
    });
}

void add_import_bank(CLI::App& group, Context& ctx) {
    struct Options {
        std::string path;
        Text format;
        bool apply = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = group.add_subcommand("bank",
                                     "Load a bank file's credits as receipts: camt.053/054, BAI2 or lockbox "
                                     "CSV (detected); lines loaded before are skipped");
    cmd->add_option("file", o->path, "The file")->required();
    add(*cmd, "--format", o->format, "camt053, camt054, bai2 or lockbox_csv (default: detected)");
    cmd->add_flag("--auto-apply", o->apply,
                  "Then apply the new receipts where the evidence makes it certain");
    on_run(*cmd, ctx, [o](Context& ctx) -> Status {
        std::optional<formats::BankFormat> format;
        if (o->format.given()) {
            MF_TRY(format, parse_bank_format(o->format.value));
        }
        MF_TRY(auto bytes, read_whole_file(o->path, kImportBytesMax, "file"));
        MF_TRY(auto file, formats::read_bank_file(bytes, format));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto result, book->import_bank_file(ctx.actor(), file, base_name(o->path)));
        if (!o->apply || result.recorded.empty()) {
            ctx.show(result, [&](std::ostream& out) { print_bank_import(out, result); });
            return ok();
        }
        std::vector<int64_t> ids;
        for (const auto& view : result.recorded)
            ids.push_back(view.receipt.id);
        MF_TRY(auto applied, book->auto_apply(ctx.actor(), ids));
        if (ctx.json()) {
            ctx.print_json(boost::json::object{{"import", boost::json::value_from(result)},
                                               {"auto_apply", boost::json::value_from(applied)}});
            return ok();
        }
        print_bank_import(ctx.out, result);
        print_auto_apply(ctx.out, applied);
        return ok();
    });
}

}  // namespace

void add_import_commands(CLI::App& app, Context& ctx) {
    auto* group = add_group(app, "import", "Files in: a client's invoices, the bank's statements");
    add_import_invoices(*group, ctx);
    add_import_bank(*group, ctx);
}

void add_cash_application_commands(CLI::App& receipt_group, Context& ctx) {
    auto ids = std::make_shared<std::vector<std::string>>();
    auto* automatic = receipt_group.add_subcommand(
        "auto-apply", "Apply unapplied receipts (all, or those named) where the evidence makes it certain");
    automatic->add_option("ids", *ids, "Receipt ids (default: every receipt with unapplied cash)");
    on_run(*automatic, ctx, [ids](Context& ctx) -> Status {
        std::vector<int64_t> receipt_ids;
        for (const auto& text : *ids) {
            MF_TRY(auto id, parse_id(IdKind::receipt, text, "ids"));
            receipt_ids.push_back(id);
        }
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto result, book->auto_apply(ctx.actor(), receipt_ids));
        ctx.show(result, [&](std::ostream& out) { print_auto_apply(out, result); });
        return ok();
    });
    auto id = std::make_shared<std::string>();
    auto* suggest =
        receipt_group.add_subcommand("suggest", "Show which invoices a receipt may pay, best first");
    suggest->add_option("id", *id, "Receipt id")->required();
    on_run(*suggest, ctx, [id](Context& ctx) -> Status {
        MF_TRY(auto receipt_id, parse_id(IdKind::receipt, *id, "id"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto match, book->cash_suggestions(receipt_id));
        ctx.show(match, [&](std::ostream& out) { print_cash_match(out, match); });
        return ok();
    });
}

}  // namespace mf::cli
