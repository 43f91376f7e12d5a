#include "cli/commands.hpp"

namespace mf::cli {

CLI::App* add_group(CLI::App& parent, const std::string& name, const std::string& description) {
    auto* group = parent.add_subcommand(name, description);
    group->require_subcommand(1);
    return group;
}

Result<Client> find_client(Context& ctx, std::string_view id_text, std::string_view field) {
    MF_TRY(auto id, parse_id(IdKind::client, id_text, field));
    MF_TRY(auto* book, ctx.book());
    return book->client(id);
}

Result<Debtor> find_debtor(Context& ctx, std::string_view id_text, std::string_view field) {
    MF_TRY(auto id, parse_id(IdKind::debtor, id_text, field));
    MF_TRY(auto* book, ctx.book());
    return book->debtor(id);
}

Result<Currency> parse_currency(std::string_view code, std::string_view field) {
    auto currency = Currency::from_code(code);
    if (!currency) {
        auto error = currency.error();
        error.field = std::string(field);
        return error;
    }
    return currency;
}

void add_paging(CLI::App& command, Paging& paging, const std::string& what) {
    command.add_option("--limit", paging.limit, "Show at most this many " + what + " (0 = all)")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    add(command, "--after", paging.after, "Start after this id (the next page of a long list)");
}

}  // namespace mf::cli
