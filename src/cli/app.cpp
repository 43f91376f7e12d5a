#include "cli/app.hpp"

#include <cstdlib>
#include <exception>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/context.hpp"

namespace mf::cli {

namespace {

std::string env_or(const char* name, std::string fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? std::string(value) : fallback;
}

void add_global_options(CLI::App& app, Context& ctx) {
    ctx.options.db = env_or("MICROFACTOR_DB", "sqlite:data/book.sqlite");
    ctx.options.actor = "cli:" + env_or("USER", "unknown");
    app.add_option("--db", ctx.options.db,
                   "The book: sqlite:PATH (default: $MICROFACTOR_DB, else sqlite:data/book.sqlite)")
        ->capture_default_str();
    app.add_flag("--json", ctx.options.json, "Print the result as JSON (the API's form) instead of tables");
    app.add_option("--as", ctx.options.actor, "Who acts, as recorded in the audit log (default: cli:$USER)")
        ->capture_default_str();
}

int report_error(Context& ctx, const Error& error) {
    ctx.err << "error [" << error.code << "]: " << error.message;
    if (!error.field.empty())
        ctx.err << " (field: " << error.field << ")";
    ctx.err << '\n';
    if (ctx.json())
        ctx.print_json(boost::json::object{{"error", wire::error(error)}});
    return static_cast<int>(exit_for(error));
}

}  // namespace

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err, bool err_is_terminal) {
    Context ctx(out, err, err_is_terminal);
    CLI::App app{"microfactor: the back office of a micro-factoring book", "microfactor"};
    app.fallthrough();  // global options may follow the subcommand: `microfactor client list --json`
    app.require_subcommand(1);
    add_global_options(app, ctx);
    add_book_commands(app, ctx);
    add_party_commands(app, ctx);
    add_invoice_commands(app, ctx);
    add_cash_commands(app, ctx);
    add_import_commands(app, ctx);
    add_report_commands(app, ctx);
    add_access_commands(app, ctx);
    add_export_commands(app, ctx);
    add_document_commands(app, ctx);
    add_backup_commands(app, ctx);
    add_verification_commands(app, ctx);
    add_application_commands(app, ctx);
    add_auto_approval_commands(app, ctx);
    add_mail_commands(app, ctx);
    add_payout_file_check_commands(app, ctx);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& failure) {
        const int code = app.exit(failure, out, err);
        return code == 0 ? 0 : static_cast<int>(Exit::bad_input);
    }
    if (!ctx.chosen()) {
        err << app.help();
        return static_cast<int>(Exit::bad_input);
    }
    if (ctx.options.actor.empty()) {
        return report_error(ctx, make_error("missing_field", "--as needs a name for the audit log", "as"));
    }
    try {
        const auto status = ctx.chosen()(ctx);
        if (!status)
            return report_error(ctx, status.error());
    } catch (const std::exception& failure) {
        // A library threw (out of memory, a stream error): the face reports it like any other failure.
        return report_error(ctx, make_error("internal_error", failure.what()));
    }
    return static_cast<int>(ctx.exit_code);
}

}  // namespace mf::cli
