// The command groups of `microfactor`, each registered on the root CLI11 app, and the helpers they share:
// looking up the record an amount's currency comes from, and paging long lists. Thread-safety: one run, one
// thread.
#pragma once

#include <CLI/CLI.hpp>
#include <algorithm>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "cli/table.hpp"
#include "wire/records.hpp"
#include "wire/reports.hpp"

namespace mf::cli {

void add_book_commands(CLI::App& app, Context& ctx);     // init, demo, settings, close-day
void add_party_commands(CLI::App& app, Context& ctx);    // client, debtor
void add_invoice_commands(CLI::App& app, Context& ctx);  // schedule, invoice
void add_cash_commands(CLI::App& app, Context& ctx);     // charge, capital, receipt, rebate, payout
void add_report_commands(CLI::App& app, Context& ctx);   // report, verify
void add_import_commands(CLI::App& app, Context& ctx);   // import invoices|bank
void add_access_commands(CLI::App& app, Context& ctx);   // serve, user
void add_export_commands(CLI::App& app, Context& ctx);   // export journal
// client statement-pdf, schedule disclosure: after the client and schedule groups exist.
void add_document_commands(CLI::App& app, Context& ctx);
void add_backup_commands(CLI::App& app, Context& ctx);  // backup, restore
// client verification-policy|legend, invoice verify|verification|verify-link, report verifications, noa.
void add_verification_commands(CLI::App& app, Context& ctx);
void add_backup_commands(CLI::App& app, Context& ctx);  // backup, restore
// auto-approval show|set, schedule auto-approve|auto-approvals (after the schedule group exists).
void add_auto_approval_commands(CLI::App& app, Context& ctx);
// The book's auto-approval rules in one line, for `settings show`.
std::string auto_approval_line(Book& book);
// After a submission: "Auto-approved and funded as pay_3" or "Auto-approval waits on RULE: why" (nothing
// when auto-approval did not run).
void print_auto_approval_outcome(std::ostream& out, const std::optional<AutoApprovalDecision>& decision);
void add_mail_commands(CLI::App& app, Context& ctx);    // mail list|show|retry|deliver|statement
// `payout-file check FILE`: a NACHA file read and checked, no book needed (commands_payout_check.cpp).
void add_payout_file_check_commands(CLI::App& app, Context& ctx);

// The demo book's logins (demo users, documented passwords: for trying the software, never for real books).
struct DemoLogin {
    std::string email, name, role, password;
};
const std::vector<DemoLogin>& demo_logins();
// Adds the demo logins to a demo book (the client user acts for its first client).
Status add_demo_users(Context& ctx, Book& book);
// `receipt auto-apply` and `receipt suggest`: the cash matcher.
void add_cash_application_commands(CLI::App& receipt_group, Context& ctx);
// `client statement ID` (the same report as `report statement --client ID`).
void add_client_statement(CLI::App& client_group, Context& ctx);
// `payout file|files|file-get` on the payout group.
void add_payout_file_commands(CLI::App& payout_group, Context& ctx);
// `debtor score|bureau-import|review|reviews` on the debtor group, `report debtor-credit` on the report
// group, and the `application` group (commands_underwriting.cpp).
void add_debtor_credit_commands(CLI::App& debtor_group, Context& ctx);
void add_debtor_credit_report(CLI::App& report_group, Context& ctx);
void add_application_commands(CLI::App& app, Context& ctx);
// --from and --to of a statement: by default the month of --to, which defaults to the business date.
Result<std::pair<Date, Date>> read_statement_period(Book& book, const Text& from, const Text& to);

// A command group: a subcommand that needs one of its own subcommands.
CLI::App* add_group(CLI::App& parent, const std::string& name, const std::string& description);

Result<Client> find_client(Context& ctx, std::string_view id_text, std::string_view field = "client");
Result<Debtor> find_debtor(Context& ctx, std::string_view id_text, std::string_view field = "debtor");
Result<Currency> parse_currency(std::string_view code, std::string_view field = "currency");

// --limit N (0 = all) and --after ID over a list in id order.
struct Paging {
    int limit = 50;
    Text after;
};
void add_paging(CLI::App& command, Paging& paging, const std::string& what);

// Shows one page of `items` (in id order): the records after --after, at most --limit of them, as a table or
// as the API's list envelope {"data": [...], "next_cursor": ...}.
template <class T>
Status show_page(Context& ctx, std::vector<T> items, const Paging& paging, IdKind kind,
                 const std::function<void(std::ostream&, const std::vector<T>&)>& print) {
    if (paging.after.given()) {
        MF_TRY(auto after_id, parse_id(kind, paging.after.value, "after"));
        std::erase_if(items, [after_id](const T& item) { return item.id <= after_id; });
    }
    const bool more = paging.limit > 0 && items.size() > static_cast<size_t>(paging.limit);
    if (more)
        items.resize(static_cast<size_t>(paging.limit));
    const std::string cursor = more ? format_id(kind, items.back().id) : std::string();
    if (ctx.json()) {
        ctx.print_json(wire::page(boost::json::value_from(items).as_array(),
                                  more ? std::optional<std::string>(cursor) : std::nullopt));
        return ok();
    }
    print(ctx.out, items);
    print_more(ctx.out, items.size(), more, cursor);
    return ok();
}

}  // namespace mf::cli
