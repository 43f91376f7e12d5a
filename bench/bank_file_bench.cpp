// Reading bank statements at scale: a camt.053.001.08 statement of N credits (default 100,000; payer names
// and remittances from the receipt generator) is written in memory and read by read_bank_file, best of three
// runs. Prints the size, the time and the credits read.
// Usage: bank_file_bench [--entries N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "book/receipt_generator.hpp"
#include "formats/bank_file.hpp"
#include "support.hpp"

using namespace mf;
using namespace mf::bench;

namespace {

std::string escaped(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string camt053(const std::vector<GeneratedReceipt>& receipts) {
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document "
        "xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrStmt><GrpHdr><MsgId>BENCH-1</"
        "MsgId>"
        "<CreDtTm>2026-11-20T18:00:00</CreDtTm></GrpHdr><Stmt><Id>STMT-1</Id><CreDtTm>2026-11-20T18:00:00"
        "</CreDtTm><Acct><Id><Othr><Id>000123456789</Id></Othr></Id><Ccy>USD</Ccy></Acct>";
    for (size_t i = 0; i < receipts.size(); ++i) {
        const auto& evidence = receipts[i].evidence;
        xml += fmt::format(
            "<Ntry><Amt Ccy=\"USD\">{}.{:02}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>"
            "<BookgDt><Dt>2026-11-20</Dt></BookgDt><ValDt><Dt>2026-11-20</Dt></ValDt><AcctSvcrRef>BR{:08}"
            "</AcctSvcrRef><NtryDtls><TxDtls><Refs><EndToEndId>E2E{:08}</EndToEndId></Refs><RltdPties><Dbtr>"
            "<Pty><Nm>{}</Nm></Pty></Dbtr></RltdPties><RmtInf><Ustrd>{}</Ustrd></RmtInf></TxDtls></NtryDtls>"
            "</Ntry>",
            evidence.amount.minor / 100, evidence.amount.minor % 100, i + 1, i + 1, escaped(evidence.payer),
            escaped(evidence.remittance));
    }
    return xml + "</Stmt></BkToCstmrStmt></Document>\n";
}

}  // namespace

int main(int argc, char** argv) {
    int64_t entries = 100'000;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--entries") == 0)
            entries = std::stoll(argv[i + 1]);
    }
    // Enough invoices that no receipt runs out of them; unrelated credits have no invoice at all.
    auto portfolio = synthetic_portfolio(7, 200, 2'000, entries * 3);
    ReceiptGenerator generator(7, std::move(portfolio.invoices), std::move(portfolio.debtors));
    const auto xml = camt053(generator.generate(static_cast<size_t>(entries)));
    double best = 1e9, best_cpu = 1e9;
    size_t credits = 0;
    for (int run = 0; run < 3; ++run) {
        const auto start = std::chrono::steady_clock::now();
        const double cpu = cpu_seconds();
        const auto file = must(formats::read_bank_file(xml), "read camt.053");
        best = std::min(best, seconds_since(start));
        best_cpu = std::min(best_cpu, cpu_seconds() - cpu);
        credits = file.credits.size();
    }
    std::printf(
        "camt.053.001.08: %zu credits, %.1f MB read in %.3f s wall, %.3f s CPU (best of 3), peak memory "
        "%ld MiB\n",
        credits, static_cast<double>(xml.size()) / 1e6, best, best_cpu, peak_rss_mib());
    return credits == static_cast<size_t>(entries) ? 0 : 1;
}
