// Cash application by the matcher: receipt auto-apply|suggest. (File imports join here as the readers land.)
#include <memory>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/parse.hpp"
#include "cli/render_files.hpp"
#include "wire/files.hpp"

namespace mf::cli {

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
