// Invoice intake at scale: a CSV file of N invoice rows (default 1,000,000) from one client to 2,000 debtors,
// imported into a new SQLite book by the whole intake pipeline (read and validate every row, match every
// debtor, duplicate and fraud checks, the schedule, its invoices and audit events, one transaction; each row
// judged as it is read, as `microfactor import invoices` does), against
// `sqlite3 .import` of the same file into a bare table in the same run.
// Usage: invoice_import_bench [--rows N] [--dir PATH]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <fmt/format.h>

#include "book/book.hpp"
#include "book/intake.hpp"
#include "book/receipt_generator.hpp"
#include "core/fee_text.hpp"
#include "formats/invoice_file.hpp"
#include "support.hpp"

using namespace mf;
using namespace mf::bench;

int main(int argc, char** argv) {
    int64_t rows = 1'000'000;
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "mf-import-bench";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--rows") == 0)
            rows = std::stoll(argv[i + 1]);
        if (std::strcmp(argv[i], "--dir") == 0)
            dir = argv[i + 1];
    }
    const auto usd = Currency::from_code("USD").value();
    const Actor actor{"bench"};
    auto book = fresh_book(dir, Date::from_ymd(2026, 11, 20).value());
    NewClient client;
    client.name = "Bulk Supplier LLC";
    client.currency = usd;
    client.terms.fee_schedule = parse_fee_schedule("daily 2%/30d", usd).value();
    client.terms.factoring_limit_minor = 1'000'000'000'000'00;
    const int64_t client_id = must(book->add_client(actor, client), "client").id;
    const auto debtors = synthetic_portfolio(1, 1, 2'000, 0).debtors;
    for (const auto& debtor : debtors)
        must(book->add_debtor(actor, {debtor.name, usd, 1'000'000'000'00, "", ""}), "debtor");

    // The file: one row per invoice, debtors by name (written as a client's accounting export writes them).
    const auto csv_path = dir / "invoices.csv";
    {
        std::ofstream out(csv_path, std::ios::binary);
        out << "invoice_number,debtor_name,invoice_date,due_date,amount,currency,po_number\n";
        std::mt19937_64 random(1);
        std::uniform_int_distribution<size_t> pick(0, debtors.size() - 1);
        std::uniform_int_distribution<int64_t> cents(100'00, 25'000'00);
        const Date today = Date::from_ymd(2026, 11, 20).value();
        for (int64_t n = 1; n <= rows; ++n) {
            const Date issued = today.plus_days(-static_cast<int32_t>(n % 20));
            const int64_t amount = cents(random);
            out << fmt::format("INV-{:07},\"{}\",{},{},{}.{:02},USD,PO-{}\n", n, debtors[pick(random)].name,
                               issued.to_string(), issued.plus_days(45).to_string(), amount / 100,
                               amount % 100, n % 9973);
        }
    }
    const auto file_mb = static_cast<double>(std::filesystem::file_size(csv_path)) / 1e6;

    // The yardstick: the sqlite3 shell loading the same file into a bare table, no checks at all.
    auto start = std::chrono::steady_clock::now();
    const double children_cpu_start = children_cpu_seconds();
    const auto command = fmt::format("sqlite3 '{}' -cmd '.mode csv' '.import {} bare' >/dev/null",
                                     (dir / "bare.sqlite").string(), csv_path.string());
    if (std::system(command.c_str()) != 0) {
        std::fprintf(stderr, "sqlite3 .import failed (is the sqlite3 shell installed?)\n");
        return 1;
    }
    const double bare_seconds = seconds_since(start);
    const double bare_cpu = children_cpu_seconds() - children_cpu_start;

    start = std::chrono::steady_clock::now();
    const double cpu_start = cpu_seconds();
    std::string bytes;
    {
        std::ifstream in(csv_path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    const double read_seconds = seconds_since(start);  // the file's bytes into memory
    const double read_cpu = cpu_seconds() - cpu_start;
    start = std::chrono::steady_clock::now();
    formats::InvoiceReadOptions read_options;
    read_options.size_bytes_max = bytes.size();
    // Read, judged and written in one pass: each row is judged as it is read.
    const auto result = must(
        book->import_invoices(actor, bytes, std::nullopt, read_options, {client_id, false, "invoices.csv"}),
        "import");
    const double import_seconds = seconds_since(start);
    const double ours = read_seconds + import_seconds;
    const double ours_cpu = cpu_seconds() - cpu_start;
    std::printf(
        "%lld rows (%.1f MB): sqlite3 .import %.2f s (%.2f s CPU); intake %.2f s (file into memory %.2f + "
        "read, judge and store %.2f; CPU %.2f + %.2f s) = %.2fx (CPU %.2fx); %lld accepted, %lld held, %lld "
        "rejected; peak memory %ld "
        "MiB\n",
        static_cast<long long>(rows), file_mb, bare_seconds, bare_cpu, ours, read_seconds, import_seconds,
        read_cpu, ours_cpu - read_cpu, ours / bare_seconds, ours_cpu / bare_cpu,
        static_cast<long long>(result.accepted), static_cast<long long>(result.held),
        static_cast<long long>(result.rejected), peak_rss_mib());
    std::filesystem::remove_all(dir);
    return static_cast<int64_t>(result.accepted) == rows ? 0 : 1;
}
