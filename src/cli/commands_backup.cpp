// backup and restore: a consistent copy of the book at --db while servers write, and its restore to a new
// place, verified before it is reported as done.
#include <fmt/format.h>

#include <memory>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/render_reports.hpp"
#include "store/backup.hpp"

namespace mf::cli {

namespace {

Overwrite overwrite_of(bool force) {
    return force ? Overwrite::replace : Overwrite::refuse;
}

void add_backup(CLI::App& app, Context& ctx) {
    struct Options {
        std::string out;
        bool force = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "backup",
        "Copy the book at --db to a file while it is in use (SQLite: a book file; PostgreSQL: pg_dump)");
    cmd->add_option("--out", o->out, "The backup file to write")->required();
    cmd->add_flag("--force", o->force, "Replace the file when it exists");
    on_run(*cmd, ctx, [o](Context& ctx) -> Status {
        MF_TRY(auto result, backup_book(ctx.options.db, o->out, overwrite_of(o->force)));
        if (ctx.json()) {
            ctx.print_json(boost::json::object{{"book", printable_url(ctx.options.db)},
                                               {"file", result.path},
                                               {"format", result.format},
                                               {"size_bytes", result.size_bytes}});
        } else {
            ctx.out << "Backed up " << printable_url(ctx.options.db) << " to " << result.path << " ("
                    << result.format << ", " << result.size_bytes << " bytes)\n";
        }
        return ok();
    });
}

void add_restore(CLI::App& app, Context& ctx) {
    struct Options {
        std::string from;
        bool force = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "restore", "Restore a backup as the book at --db, verified before it is reported as restored");
    cmd->add_option("--from", o->from, "The backup file (from `microfactor backup`)")->required();
    cmd->add_flag("--force", o->force, "Replace an existing SQLite book (stop its servers first)");
    on_run(*cmd, ctx, [o](Context& ctx) -> Status {
        VerifyReport report;
        auto check = [&](const std::string& url) -> Status {
            MF_TRY(auto book, Book::open(url, ctx.clock()));
            MF_TRY(report, book->verify());
            if (!report.clean()) {
                return make_error("restore_not_clean",
                                  fmt::format("the restored book does not verify ({} problem(s), first: {}); "
                                              "nothing was restored",
                                              report.problems.size(), report.problems.front()),
                                  "from");
            }
            return ok();
        };
        MF_CHECK(restore_book(o->from, ctx.options.db, overwrite_of(o->force), check));
        if (ctx.json()) {
            ctx.print_json(boost::json::object{{"book", printable_url(ctx.options.db)},
                                               {"file", o->from},
                                               {"verify", boost::json::value_from(report)}});
        } else {
            ctx.out << "Restored " << o->from << " as " << printable_url(ctx.options.db) << '\n';
            print_verify(ctx.out, report);
        }
        return ok();
    });
}

}  // namespace

void add_backup_commands(CLI::App& app, Context& ctx) {
    add_backup(app, ctx);
    add_restore(app, ctx);
}

}  // namespace mf::cli
