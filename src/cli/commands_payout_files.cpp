// payout file|files|file-get: payout files (NACHA, pain.001) written over pending payouts, listed, and
// downloaded again.
#include <fstream>
#include <memory>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/parse.hpp"
#include "cli/render_records.hpp"

namespace mf::cli {
namespace {

// Writes the file's bytes as they are (no line-ending translation); "-" is standard output.
Status write_out(Context& ctx, const PayoutFile& file, const std::string& path) {
    if (path == "-") {
        ctx.out << file.content;
        return ok();
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << file.content;
    out.close();
    if (!out) {
        return make_error("write_failed",
                          "could not write " + path +
                              "; the file is kept in the book: microfactor payout file-get " +
                              format_id(IdKind::payout_file, file.id) + " --out FILE",
                          "out");
    }
    return ok();
}

void print_file_summary(std::ostream& out, const PayoutFile& file, const std::string& path) {
    print_payout_files(out, {file});
    if (path != "-")
        out << "Written to " << path << " (" << file.content.size() << " bytes).\n";
}

}  // namespace

void add_payout_file_commands(CLI::App& payout_group, Context& ctx) {
    struct Options {
        std::string format, out;
        std::vector<std::string> payouts;
    };
    auto o = std::make_shared<Options>();
    auto* file = payout_group.add_subcommand(
        "file",
        "Write a bank file paying pending payouts (NACHA for USD, pain.001 for EUR); they become sent");
    file->add_option("--format", o->format, "nacha or pain001")->required();
    file->add_option("--payout", o->payouts, "A payout to pay (repeat; default: every pending one)");
    file->add_option("--out", o->out, "Where to write the file (- for standard output)")->required();
    on_run(*file, ctx, [o](Context& ctx) -> Status {
        PayoutFileRequest request;
        MF_TRY(request.format, parse_payout_file_format(o->format));
        for (size_t index = 0; index < o->payouts.size(); ++index) {
            MF_TRY(auto id, parse_id(IdKind::payout, o->payouts[index], "payout"));
            request.payout_ids.push_back(id);
        }
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto written, book->create_payout_file(ctx.actor(), request));
        MF_CHECK(write_out(ctx, written, o->out));
        if (o->out != "-")
            ctx.show(written, [&](std::ostream& out) { print_file_summary(out, written, o->out); });
        return ok();
    });

    auto paging = std::make_shared<Paging>();
    auto* list = payout_group.add_subcommand("files", "List the payout files written");
    add_paging(*list, *paging, "payout files");
    on_run(*list, ctx, [paging](Context& ctx) -> Status {
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto files, book->payout_files());
        return show_page<PayoutFile>(ctx, std::move(files), *paging, IdKind::payout_file, print_payout_files);
    });

    struct GetOptions {
        std::string id, out;
    };
    auto g = std::make_shared<GetOptions>();
    auto* get = payout_group.add_subcommand("file-get", "Write a payout file again, byte for byte");
    get->add_option("id", g->id, "Payout file id (pfl_3 or 3)")->required();
    get->add_option("--out", g->out, "Where to write the file (- for standard output)")->required();
    on_run(*get, ctx, [g](Context& ctx) -> Status {
        MF_TRY(auto id, parse_id(IdKind::payout_file, g->id, "id"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto stored, book->payout_file(id));
        MF_CHECK(write_out(ctx, stored, g->out));
        if (g->out != "-")
            ctx.show(stored, [&](std::ostream& out) { print_file_summary(out, stored, g->out); });
        return ok();
    });
}

}  // namespace mf::cli
