// End-to-end driver of the client statement documents (issue 5 target: 1,000 client statements as PDF <= 30
// s): builds a SQLite book of N clients (default 1,000), each with a funded schedule of 3 invoices over 20
// debtors, days closed (fees accrued) and one invoice paid, then renders every client's statement PDF for the
// period (Book::client_statement, then documents::client_statement_pdf: what `client statement-pdf` and GET
// /v1/clients/{id}/statement.pdf do). Prints the wall clock and CPU of the build and of the statements, split
// into loading the statement and drawing the PDF. Usage: statement_pdf_bench [--clients N] [--dir PATH]
// [--keep]   (--keep writes the PDFs into PATH/pdf)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "book/book.hpp"
#include "core/fee_text.hpp"
#include "documents/documents.hpp"
#include "support.hpp"

using namespace mf;
using namespace mf::bench;

int main(int argc, char** argv) {
    int clients = 1000;
    bool keep = false;
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "mf-bench-statements";
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--clients") == 0 && i + 1 < argc)
            clients = std::stoi(argv[++i]);
        else if (std::strcmp(argv[i], "--dir") == 0 && i + 1 < argc)
            dir = argv[++i];
        else if (std::strcmp(argv[i], "--keep") == 0)
            keep = true;
    }
    const auto usd = Currency::from_code("USD").value();
    const Actor actor{"bench"};
    const Date start_day = Date::from_ymd(2026, 6, 1).value();
    const Date paid_day = Date::from_ymd(2026, 6, 12).value();
    const Date end_day = Date::from_ymd(2026, 6, 19).value();

    // --- the book
    const auto build_start = std::chrono::steady_clock::now();
    const double build_cpu = cpu_seconds();
    auto book = fresh_book(dir, start_day);
    must(book->contribute_capital(actor, {Money{1'000'000'000'00, usd}, "capital"}), "capital");
    std::vector<int64_t> debtor_ids;
    for (int d = 0; d < 20; ++d) {
        debtor_ids.push_back(
            must(book->add_debtor(actor, {"Debtor " + std::to_string(d), usd, 1'000'000'000'00, "", ""}),
                 "debtor")
                .id);
    }
    std::vector<int64_t> client_ids;
    std::vector<Invoice> first_invoices;  // each client's first invoice: paid in the period
    const auto fee = parse_fee_schedule("flat 2%/30d +1%/15d", usd).value();
    for (int c = 0; c < clients; ++c) {
        NewClient input;
        input.name = "Statement Client " + std::to_string(c) + " LLC";
        input.currency = usd;
        input.terms.fee_schedule = fee;
        input.terms.factoring_limit_minor = 1'000'000'00;
        const auto client = must(book->add_client(actor, input), "client");
        client_ids.push_back(client.id);
        NewSchedule schedule{client.id, {}};
        for (int i = 0; i < 3; ++i) {
            schedule.invoices.push_back({debtor_ids[static_cast<size_t>((c * 3 + i) % 20)],
                                         "S" + std::to_string(c) + "-" + std::to_string(i),
                                         1'000'00 + (c * 37 + i * 511) % 4'000'00, usd, start_day,
                                         start_day.plus_days(30)});
        }
        const auto view = must(book->submit_schedule(actor, schedule), "submit");
        ApprovalRequest approval;
        for (const auto& invoice : view.invoices)
            approval.invoice_ids.push_back(invoice.id);
        must(book->approve_invoices(actor, approval), "approve");
        must(book->fund_schedule(actor, view.schedule.id), "fund");
        first_invoices.push_back(view.invoices.front());
    }
    must(book->close_day(actor, paid_day), "close the days to the payment");
    for (const auto& invoice : first_invoices) {
        NewReceipt receipt;
        receipt.amount = Money{invoice.face_minor, usd};
        receipt.received_on = paid_day;
        receipt.payer = "Debtor";
        receipt.reference = invoice.number;
        receipt.debtor_id = invoice.debtor_id;
        receipt.applications.push_back({invoice.id, invoice.face_minor});
        must(book->record_receipt(actor, receipt), "receipt");
    }
    must(book->close_day(actor, end_day), "close the days to the period's end");
    const double build_wall = seconds_since(build_start);
    const double build_cpu_used = cpu_seconds() - build_cpu;

    // --- the statements
    const documents::Issuer issuer{"Bench Factoring LLC", end_day};
    if (keep)
        std::filesystem::create_directories(dir / "pdf");
    double load_wall = 0, draw_wall = 0;
    size_t bytes = 0, smallest = SIZE_MAX;
    const double cpu_start = cpu_seconds();
    const auto start = std::chrono::steady_clock::now();
    for (const int64_t client_id : client_ids) {
        const auto load_start = std::chrono::steady_clock::now();
        const auto statement = must(book->client_statement(client_id, start_day, end_day), "statement");
        const auto draw_start = std::chrono::steady_clock::now();
        load_wall += std::chrono::duration<double>(draw_start - load_start).count();
        const auto pdf = must(documents::client_statement_pdf(statement, issuer), "statement PDF");
        draw_wall += seconds_since(draw_start);
        if (pdf.rfind("%PDF-", 0) != 0) {
            std::fprintf(stderr, "client %lld: not a PDF\n", static_cast<long long>(client_id));
            return 1;
        }
        bytes += pdf.size();
        smallest = std::min(smallest, pdf.size());
        if (keep) {
            std::ofstream(dir / "pdf" / ("statement-" + std::to_string(client_id) + ".pdf"), std::ios::binary)
                << pdf;
        }
    }
    const double wall = seconds_since(start);
    const double cpu = cpu_seconds() - cpu_start;
    std::printf("client statements: %d clients, 3 invoices each (1 paid), period %s to %s\n", clients,
                start_day.to_string().c_str(), end_day.to_string().c_str());
    std::printf("  build the book:     %.2f s (CPU %.2f s)\n", build_wall, build_cpu_used);
    std::printf("  %d statement PDFs: %.2f s (CPU %.2f s)  [target <= 30 s for 1,000]\n", clients, wall, cpu);
    std::printf("    load statements:  %.2f s\n", load_wall);
    std::printf("    draw PDFs:        %.2f s (%.1f ms each)\n", draw_wall, 1000.0 * draw_wall / clients);
    std::printf("  PDF bytes: %zu total, %zu smallest; peak memory %ld MiB\n", bytes, smallest,
                peak_rss_mib());
    return 0;
}
