// Books out: export journal --format ledger|hledger|beancount|csv [--from --to] [--out FILE].
#include <filesystem>
#include <fstream>
#include <memory>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/parse.hpp"

namespace mf::cli {

namespace {

Error write_failed(const std::string& path) {
    return make_error("storage_error", "cannot write " + path, "out");
}

// Streams the export into FILE.partial and renames it over FILE once complete, so FILE is never half
// written.
Result<JournalExportSummary> export_to_file(Book& book, const JournalExportRequest& request,
                                            const std::string& path) {
    const std::string partial = path + ".partial";
    std::ofstream file(partial, std::ios::binary | std::ios::trunc);
    if (!file)
        return write_failed(partial);
    auto summary = book.export_journal(request, [&](std::string_view chunk) -> Status {
        file.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        return file ? ok() : write_failed(partial);
    });
    file.close();
    std::error_code failure;
    if (summary && !file)
        summary = write_failed(partial);
    if (!summary) {
        std::filesystem::remove(partial, failure);
        return summary;
    }
    std::filesystem::rename(partial, path, failure);
    if (failure) {
        std::filesystem::remove(partial, failure);
        return write_failed(path);
    }
    return summary;
}

void add_export_journal(CLI::App& group, Context& ctx) {
    struct Options {
        std::string format;
        Text from, to, out;
    };
    auto o = std::make_shared<Options>();
    auto* cmd =
        group.add_subcommand("journal", "Every journal entry as a ledger/hledger journal, beancount or CSV");
    cmd->add_option("--format", o->format, "ledger, hledger, beancount or csv")->required();
    add(*cmd, "--from", o->from, "First effective date (default: the first entry)");
    add(*cmd, "--to", o->to, "Last effective date (default: the last entry)");
    add(*cmd, "--out", o->out, "Write to this file (default: standard output)");
    on_run(*cmd, ctx, [o](Context& ctx) -> Status {
        JournalExportRequest request;
        MF_TRY(request.format, formats::parse_journal_format(o->format));
        MF_TRY(request.from, parse_optional_date(o->from, "from"));
        MF_TRY(request.to, parse_optional_date(o->to, "to"));
        if (!o->out.given() && ctx.json())
            return make_error("missing_field", "--json describes a file written with --out", "out");
        MF_TRY(auto* book, ctx.book());
        if (!o->out.given()) {
            MF_TRY(auto summary, book->export_journal(request, [&](std::string_view chunk) -> Status {
                ctx.out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
                return ctx.out ? ok() : make_error("storage_error", "cannot write to standard output");
            }));
            (void)summary;
            return ok();
        }
        MF_TRY(auto summary, export_to_file(*book, request, o->out.value));
        boost::json::object shown{{"file", o->out.value},
                                  {"format", std::string(formats::to_string(request.format))},
                                  {"entries", summary.entries},
                                  {"postings", summary.postings},
                                  {"bytes", summary.bytes}};
        ctx.show(shown, [&](std::ostream& out) {
            out << "Wrote " << summary.entries << " entries (" << summary.postings << " postings, "
                << summary.bytes << " bytes) to " << o->out.value << '\n';
        });
        return ok();
    });
}

}  // namespace

void add_export_commands(CLI::App& app, Context& ctx) {
    auto* group = add_group(app, "export", "Files for other tools: the journal for accounting software");
    add_export_journal(*group, ctx);
}

}  // namespace mf::cli
