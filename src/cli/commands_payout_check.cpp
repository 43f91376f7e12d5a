// payout-file check FILE: a NACHA ACH file read and checked without a book (ours before it goes to the bank,
// or one a bank sent back): a summary of what it pays, or every problem named by line, record and field.
#include <memory>
#include <ostream>
#include <set>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/parse.hpp"
#include "formats/nacha_read.hpp"
#include "wire/nacha_check.hpp"

namespace mf::cli {
namespace {

constexpr size_t kPayoutFileBytesMax = 100u << 20;

void print_problem_list(std::ostream& out, std::string_view heading,
                        const std::vector<formats::NachaProblem>& problems) {
    if (problems.empty())
        return;
    out << heading << ":\n";
    for (const auto& problem : problems)
        out << "  " << problem.message << '\n';
}

std::string party(const std::string& name, const std::string& id) {
    if (name.empty())
        return id.empty() ? "-" : id;
    return id.empty() ? name : name + " (" + id + ")";
}

void print_summary(std::ostream& out, const formats::NachaReading& reading) {
    const formats::NachaFile& f = reading.file;
    const Currency usd = Currency::from_code("USD").value();
    std::set<Date> dates;
    for (const auto& batch : f.batches) {
        if (batch.effective_date)
            dates.insert(*batch.effective_date);
    }
    std::string effective;
    for (const Date& d : dates)
        effective += (effective.empty() ? "" : ", ") + d.to_string();
    std::string created = date_text(f.header.creation_date);
    if (f.header.creation_time.size() == 4)
        created += " " + f.header.creation_time.substr(0, 2) + ":" + f.header.creation_time.substr(2);
    print_fields(out, {{"Immediate origin", party(f.header.origin_name, f.header.immediate_origin)},
                       {"Destination", party(f.header.destination_name, f.header.immediate_destination)},
                       {"Created", created},
                       {"Batches", std::to_string(f.batches.size())},
                       {"Entries", fmt::format("{} ({} addenda)", f.entry_count, f.addenda_count)},
                       {"Credits", money_text(f.credit_cents, usd)},
                       {"Debits", money_text(f.debit_cents, usd)},
                       {"Entry hash", fmt::format("{:010}", f.entry_hash)},
                       {"Effective dates", effective.empty() ? "-" : effective},
                       {"Lines", fmt::format("{} ({} {} of 10)", f.line_count, f.block_count,
                                             f.block_count == 1 ? "block" : "blocks")}});
    if (f.batches.empty())
        return;
    Table table;
    table.column("Batch", Align::right)
        .column("SEC")
        .column("Company")
        .column("Company id")
        .column("Description")
        .column("Effective")
        .column("Entries", Align::right)
        .column("Credits", Align::right)
        .column("Debits", Align::right);
    for (const auto& b : f.batches) {
        table.row({std::to_string(b.batch_number), b.sec_code, b.company_name, b.company_id,
                   b.entry_description, date_text(b.effective_date), std::to_string(b.entries.size()),
                   amount_cell(b.credit_cents, usd), amount_cell(b.debit_cents, usd)});
    }
    out << '\n';
    table.print(out);
}

void print_check(std::ostream& out, const formats::NachaReading& reading) {
    if (reading.ok()) {
        out << "NACHA file: no problems\n";
        print_summary(out, reading);
    } else {
        out << "NACHA file: " << reading.problems.size()
            << (reading.problems.size() == 1 ? " problem" : " problems") << "; a bank would refuse it\n";
        print_problem_list(out, "Problems", reading.problems);
    }
    print_problem_list(out, "Notes", reading.notes);
}

}  // namespace

void add_payout_file_check_commands(CLI::App& app, Context& ctx) {
    auto* group = add_group(app, "payout-file", "Payout files read back: check a NACHA ACH file");
    auto path = std::make_shared<std::string>();
    auto* check = group->add_subcommand(
        "check", "Read a NACHA ACH file and check it as a bank would; exit 1 if it has problems");
    check->add_option("file", *path, "The file")->required();
    on_run(*check, ctx, [path](Context& ctx) -> Status {
        MF_TRY(auto bytes, read_whole_file(*path, kPayoutFileBytesMax, "file"));
        const formats::NachaReading reading = formats::check_nacha(bytes);
        ctx.show(reading, [&](std::ostream& out) { print_check(out, reading); });
        if (!reading.ok())
            ctx.exit_code = Exit::problems_found;
        return ok();
    });
}

}  // namespace mf::cli
