// End-to-end driver: a book of N invoices through book/ on SQLite, in batched transactions. Measures funding,
// close-day over the open invoices, trial balance, verify, collection, and the peak memory of the process.
// Usage: book_e2e_bench [--invoices N] [--dir PATH]   (default 1,000,000 invoices in a temp folder)
//        [--keep-funded FILE]  also copies the book, funded and not yet closed, to FILE
//        [--close-from FILE]   only copies FILE (a --keep-funded book) in and times close-day and verify on
//        it
//                              (to profile close-day without funding a book each time)
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "book/book.hpp"
#include "core/fee_text.hpp"
#include "support.hpp"

using namespace mf;

using namespace mf::bench;

namespace {

// close-day and verify on a copy of a funded book kept by --keep-funded.
int close_copy(const std::filesystem::path& from, const std::filesystem::path& dir, const Actor& actor) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file(from, dir / "book.sqlite");
    const std::string url = "sqlite:" + (dir / "book.sqlite").string();
    auto clock = std::make_shared<FixedClock>("2026-06-01T09:00:00Z");
    auto book = must(Book::open(url, clock), "open the book");
    auto start = std::chrono::steady_clock::now();
    double cpu = cpu_seconds();
    auto closed = must(book->close_day(actor, std::nullopt), "close-day");
    std::printf("close-day %9lld open      %8.2f s  cpu %6.2f s\n",
                static_cast<long long>(closed.at(0).invoices_accrued), seconds_since(start),
                cpu_seconds() - cpu);
    start = std::chrono::steady_clock::now();
    cpu = cpu_seconds();
    auto verified = must(book->verify(), "verify");
    std::printf("verify    %9lld invoices  %8.2f s  cpu %6.2f s  (%zu problems)\n",
                static_cast<long long>(verified.invoices_checked), seconds_since(start), cpu_seconds() - cpu,
                verified.problems.size());
    book.reset();
    std::filesystem::remove_all(dir);
    return verified.clean() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    int64_t invoice_count = 1'000'000;
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "mf-bench";
    std::filesystem::path keep_funded, close_from;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--invoices") == 0)
            invoice_count = std::stoll(argv[i + 1]);
        if (std::strcmp(argv[i], "--dir") == 0)
            dir = argv[i + 1];
        if (std::strcmp(argv[i], "--keep-funded") == 0)
            keep_funded = argv[i + 1];
        if (std::strcmp(argv[i], "--close-from") == 0)
            close_from = argv[i + 1];
    }
    const auto usd = Currency::from_code("USD").value();
    const Actor actor{"bench"};
    if (!close_from.empty())
        return close_copy(close_from, dir, actor);
    auto book = fresh_book(dir, Date::from_ymd(2026, 6, 1).value());
    const int clients = 100, debtors = 2000, per_schedule = 100, schedules_per_tx = 100;
    std::vector<int64_t> client_ids, debtor_ids;
    for (int c = 0; c < clients; ++c) {
        NewClient input;
        input.name = "Client " + std::to_string(c);
        input.currency = usd;
        input.terms.fee_schedule = parse_fee_schedule("daily 2%/30d", usd).value();
        input.terms.factoring_limit_minor = 1'000'000'000'00;
        client_ids.push_back(must(book->add_client(actor, input), "client").id);
    }
    for (int d = 0; d < debtors; ++d) {
        debtor_ids.push_back(
            must(book->add_debtor(actor, {"Debtor " + std::to_string(d), usd, 1'000'000'000'00, "", ""}),
                 "debtor")
                .id);
    }
    must(book->contribute_capital(actor, {Money{1'000'000'000'00, usd}, "capital"}), "capital");
    const Date today = book->settings().value().business_date;

    auto start = std::chrono::steady_clock::now();
    int64_t made = 0;
    std::vector<int64_t> invoice_ids;
    invoice_ids.reserve(invoice_count);
    while (made < invoice_count) {
        std::vector<NewSchedule> batch;
        for (int s = 0; s < schedules_per_tx && made < invoice_count; ++s) {
            NewSchedule schedule{client_ids[(made / per_schedule) % clients], {}};
            for (int i = 0; i < per_schedule && made < invoice_count; ++i, ++made) {
                schedule.invoices.push_back({debtor_ids[made % debtors], "B" + std::to_string(made),
                                             100'00 + made % 500'000, usd, today, today.plus_days(30)});
            }
            batch.push_back(std::move(schedule));
        }
        auto views = must(book->submit_schedules(actor, batch), "submit");
        ApprovalRequest approval;
        std::vector<int64_t> schedule_ids;
        for (const auto& view : views) {
            schedule_ids.push_back(view.schedule.id);
            for (const auto& invoice : view.invoices) {
                approval.invoice_ids.push_back(invoice.id);
                invoice_ids.push_back(invoice.id);
            }
        }
        must(book->approve_invoices(actor, approval), "approve");
        must(book->fund_schedules(actor, schedule_ids), "fund");
    }
    const double fund_s = seconds_since(start);
    if (!keep_funded.empty()) {
        book.reset();  // closes the file, its WAL checkpointed
        std::filesystem::copy_file(dir / "book.sqlite", keep_funded,
                                   std::filesystem::copy_options::overwrite_existing);
        book = must(Book::open("sqlite:" + (dir / "book.sqlite").string(),
                               std::make_shared<FixedClock>(today.to_string() + "T09:00:00Z")),
                    "reopen the book");
    }
    std::printf("fund      %9lld invoices  %8.2f s  %10.0f invoices/s\n",
                static_cast<long long>(invoice_count), fund_s, invoice_count / fund_s);

    start = std::chrono::steady_clock::now();
    auto closed = must(book->close_day(actor, std::nullopt), "close-day");
    std::printf("close-day %9lld open      %8.2f s\n", static_cast<long long>(closed.at(0).invoices_accrued),
                seconds_since(start));

    start = std::chrono::steady_clock::now();
    auto trial = must(book->trial_balance(), "trial balance");
    std::printf("trial-bal %9zu rows      %8.2f s  (balanced: %s)\n", trial.rows.size(), seconds_since(start),
                trial.balanced ? "yes" : "NO");

    start = std::chrono::steady_clock::now();
    auto verified = must(book->verify(), "verify");
    std::printf("verify    %9lld invoices  %8.2f s  (%zu problems)\n",
                static_cast<long long>(verified.invoices_checked), seconds_since(start),
                verified.problems.size());

    const Date pay_day = book->settings().value().business_date;
    start = std::chrono::steady_clock::now();
    for (size_t first = 0; first < invoice_ids.size(); first += 10'000) {
        std::vector<NewReceipt> receipts;
        for (size_t i = first; i < std::min(invoice_ids.size(), first + 10'000); ++i) {
            const int64_t face = 100'00 + static_cast<int64_t>(i) % 500'000;
            receipts.push_back({Money{face, usd},
                                pay_day,
                                "payer",
                                "B" + std::to_string(i),
                                std::nullopt,
                                "bench",
                                {{invoice_ids[i], face, false, false}}});
        }
        must(book->record_receipts(actor, receipts), "collect");
    }
    const double collect_s = seconds_since(start);
    std::printf("collect   %9zu invoices  %8.2f s  %10.0f invoices/s\n", invoice_ids.size(), collect_s,
                invoice_ids.size() / collect_s);
    std::printf("fund+collect end to end: %.0f invoices/s\n", invoice_count / (fund_s + collect_s));

    start = std::chrono::steady_clock::now();
    verified = must(book->verify(), "verify");
    std::printf("verify    %9lld invoices  %8.2f s  (%zu problems, all closed)\n",
                static_cast<long long>(verified.invoices_checked), seconds_since(start),
                verified.problems.size());
    std::printf("peak RSS  %ld MiB\n", peak_rss_mib());
    std::filesystem::remove_all(dir);
    return verified.clean() ? 0 : 1;
}
