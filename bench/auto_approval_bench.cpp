// End-to-end driver of auto-approval (issue 5 target: a 100-invoice schedule from submission to an approved,
// funded payout by auto-approval <= 1 s): on a SQLite book with auto-approval on, each round submits a
// schedule of 100 invoices over 10 reviewed debtors (the submission runs the rules, approves and funds it),
// then writes the NACHA payout file that pays it. Prints the median and the worst round, wall clock and CPU.
// Usage: auto_approval_bench [--rounds N] [--invoices N] [--dir PATH]   (default 20 rounds of 100 invoices)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "book/book.hpp"
#include "core/fee_text.hpp"
#include "support.hpp"

using namespace mf;
using namespace mf::bench;

namespace {

struct Round {
    double submit_wall = 0, file_wall = 0, total_wall = 0, total_cpu = 0;
};

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    int rounds = 20;
    int per_schedule = 100;
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "mf-bench-auto-approval";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--rounds") == 0)
            rounds = std::stoi(argv[i + 1]);
        if (std::strcmp(argv[i], "--invoices") == 0)
            per_schedule = std::stoi(argv[i + 1]);
        if (std::strcmp(argv[i], "--dir") == 0)
            dir = argv[i + 1];
    }
    const auto usd = Currency::from_code("USD").value();
    const Actor actor{"bench"};
    auto book = fresh_book(dir, Date::from_ymd(2026, 6, 1).value());
    SettingsChange originator;
    originator.originator_name = "Bench Factoring LLC";
    originator.ach_company_id = "1123456789";
    originator.ach_immediate_origin = "021000021";
    originator.ach_odfi_routing = "021000021";
    originator.ach_destination = "021000021";
    must(book->update_settings(actor, originator), "originator");
    NewClient input;
    input.name = "Bench Client";
    input.currency = usd;
    input.terms.fee_schedule = parse_fee_schedule("flat 2%/30d +1%/15d", usd).value();
    input.terms.factoring_limit_minor = 1'000'000'000'00;
    input.payout_account.routing_number = "021000021";
    input.payout_account.account_number = "4000123456";
    const auto client = must(book->add_client(actor, input), "client");
    std::vector<int64_t> debtor_ids;
    for (int d = 0; d < 10; ++d) {
        const auto debtor =
            must(book->add_debtor(actor, {"Debtor " + std::to_string(d), usd, 1'000'000'000'00, "", ""}),
                 "debtor");
        NewCreditReview review;
        review.debtor_id = debtor.id;
        review.limit_minor = 1'000'000'000'00;
        review.notes = "bench";
        must(book->review_debtor(actor, review), "review");
        debtor_ids.push_back(debtor.id);
    }
    must(book->contribute_capital(actor, {Money{1'000'000'000'00, usd}, "capital"}), "capital");
    AutoApprovalChange rules;
    rules.mode = AutoApprovalMode::on;
    rules.invoice_max_minor = std::optional<int64_t>(10'000'00);
    rules.schedule_max_minor = std::optional<int64_t>(1'000'000'00);
    must(book->set_auto_approval(actor, rules), "auto-approval rules");
    const Date today = book->settings().value().business_date;

    std::vector<Round> measured;
    int64_t made = 0;
    for (int r = 0; r < rounds; ++r) {
        NewSchedule schedule{client.id, {}};
        for (int i = 0; i < per_schedule; ++i, ++made) {
            schedule.invoices.push_back({debtor_ids[static_cast<size_t>(made % 10)],
                                         "AA" + std::to_string(made), 1'000'00 + made % 5'000'00, usd, today,
                                         today.plus_days(30)});
        }
        Round round;
        const double cpu_start = cpu_seconds();
        const auto start = std::chrono::steady_clock::now();
        const auto view = must(book->submit_schedule(actor, schedule), "submit");
        round.submit_wall = seconds_since(start);
        if (!view.auto_approval || !view.auto_approval->approved) {
            std::fprintf(stderr, "round %d was not auto-approved: %s\n", r,
                         view.auto_approval ? view.auto_approval->failures().c_str() : "no decision");
            return 1;
        }
        const auto file_start = std::chrono::steady_clock::now();
        const auto file = must(book->create_payout_file(actor, {PayoutFileFormat::nacha, {}}), "payout file");
        round.file_wall = seconds_since(file_start);
        round.total_wall = seconds_since(start);
        round.total_cpu = cpu_seconds() - cpu_start;
        if (file.payout_count != 1 ||
            file.total_minor != must(book->payouts(client.id), "payouts").back().amount_minor) {
            std::fprintf(stderr, "round %d: the payout file does not pay the schedule's payout\n", r);
            return 1;
        }
        measured.push_back(round);
    }
    std::vector<double> submit, file, total, cpu;
    for (const auto& round : measured) {
        submit.push_back(round.submit_wall);
        file.push_back(round.file_wall);
        total.push_back(round.total_wall);
        cpu.push_back(round.total_cpu);
    }
    std::printf(
        "auto-approval: %d rounds of a %d-invoice schedule (submit -> approved, funded -> NACHA file)\n",
        rounds, per_schedule);
    std::printf("  submit + auto-approve + fund: median %.3f s, worst %.3f s\n", median(submit),
                *std::max_element(submit.begin(), submit.end()));
    std::printf("  payout file:                  median %.3f s, worst %.3f s\n", median(file),
                *std::max_element(file.begin(), file.end()));
    std::printf("  total:                        median %.3f s (CPU %.3f s), worst %.3f s  [target <= 1 s]\n",
                median(total), median(cpu), *std::max_element(total.begin(), total.end()));
    std::printf("  peak memory %ld MiB\n", peak_rss_mib());
    return 0;
}
