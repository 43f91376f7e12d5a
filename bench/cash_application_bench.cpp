// Cash application at scale: generated receipts (ReceiptGenerator: clean references, typos, bare digits,
// combined and partial payments, short pays, unrelated credits) matched against a synthetic portfolio of open
// invoices. Times indexing the open invoices and matching every receipt (each certain application recorded so
// later receipts see what is left), then scores every decision against the generator's truth: wrong
// applications, recall on the clean-reference receipts, precision and recall on the noisy ones, and how often
// the truth is among a collector's suggestions when nothing was applied.
// Usage: cash_application_bench [--invoices N] [--receipts M] [--clients C] [--debtors D] [--seed S]
//                              [--threads 1|2]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "book/cash_match.hpp"
#include "book/receipt_generator.hpp"
#include "support.hpp"

using namespace mf;
using namespace mf::bench;

namespace {

bool meant(const GeneratedReceipt& receipt, const Application& application) {
    return std::any_of(receipt.truth.begin(), receipt.truth.end(), [&](const Application& truth) {
        return truth.invoice_id == application.invoice_id && truth.amount_minor == application.amount_minor;
    });
}

bool clean_reference(ReceiptKind kind) {
    return kind == ReceiptKind::single_clean || kind == ReceiptKind::combined;
}

struct Tally {
    int64_t total = 0, applied = 0, wrong = 0, suggested = 0;
};

double share(int64_t part, int64_t whole) {
    return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

int main(int argc, char** argv) {
    int64_t invoices = 1'000'000, receipts = 100'000, clients = 2'000, debtors = 20'000;
    uint64_t seed = 1;
    int64_t threads = 2;      // --threads 1: index and match on this thread alone, each receipt in turn
    int64_t show_misses = 0;  // --misses N: print the first N clean-reference receipts left unapplied
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        const int64_t value = std::stoll(argv[i + 1]);
        if (option == "--invoices")
            invoices = value;
        else if (option == "--receipts")
            receipts = value;
        else if (option == "--clients")
            clients = value;
        else if (option == "--debtors")
            debtors = value;
        else if (option == "--misses")
            show_misses = value;
        else if (option == "--seed")
            seed = static_cast<uint64_t>(value);
        else if (option == "--threads")
            threads = value;
    }
    auto start = std::chrono::steady_clock::now();
    auto portfolio = synthetic_portfolio(seed, clients, debtors, invoices);
    ReceiptGenerator generator(seed, portfolio.invoices, portfolio.debtors);
    const auto generated = generator.generate(static_cast<size_t>(receipts));
    std::printf(
        "portfolio: %lld open invoices, %lld clients, %lld debtors; %zu receipts generated (%.2f s)\n",
        static_cast<long long>(invoices), static_cast<long long>(clients), static_cast<long long>(debtors),
        generated.size(), seconds_since(start));

    std::vector<CashEvidence> evidence;
    evidence.reserve(generated.size());
    for (const auto& receipt : generated)
        evidence.push_back(receipt.evidence);

    start = std::chrono::steady_clock::now();
    const double cpu_start = cpu_seconds();
    CashMatcher matcher(std::move(portfolio.invoices), std::move(portfolio.debtors),
                        threads == 1 ? CashMatcher::Threads::one : CashMatcher::Threads::two);
    const double index_seconds = seconds_since(start);
    // Only matching and recording is timed; each decision is scored as it comes and dropped, as a run of
    // auto-apply books it and moves on.
    double match_seconds = 0, scoring_seconds = 0;
    std::map<ReceiptKind, Tally> by_kind;
    Tally clean, noisy;
    // Every decision folded into one number (FNV-1a): two builds that print the same digest decided alike.
    uint64_t digest = 0xcbf29ce484222325ULL;
    const auto fold = [&](std::string_view text) {
        for (const char c : text)
            digest = (digest ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
        digest = (digest ^ 0xffU) * 0x100000001b3ULL;
    };
    const auto fold_applications = [&](const std::vector<Application>& applications) {
        for (const auto& a : applications)
            fold(std::to_string(a.invoice_id) + ":" + std::to_string(a.amount_minor) +
                 (a.close_short ? "s" : ""));
    };
    const auto score = [&](size_t at, const CashMatch& match) {
        const auto& receipt = generated[at];
        fold_applications(match.certain);
        fold(match.certain_reason);
        fold(match.debtor_id ? std::to_string(*match.debtor_id) : "-");
        for (const auto& suggestion : match.suggestions) {
            fold_applications(suggestion.applications);
            fold(std::to_string(suggestion.score) + suggestion.reason);
        }
        const bool applied = !match.certain.empty();
        const bool wrong = applied && !std::all_of(match.certain.begin(), match.certain.end(),
                                                   [&](const Application& a) { return meant(receipt, a); });
        bool suggested = false;
        if (!applied && !receipt.truth.empty()) {
            for (const auto& suggestion : match.suggestions) {
                suggested =
                    suggested || std::all_of(suggestion.applications.begin(), suggestion.applications.end(),
                                             [&](const Application& a) { return meant(receipt, a); });
            }
        }
        for (Tally* tally : {&by_kind[receipt.kind], clean_reference(receipt.kind) ? &clean : &noisy}) {
            tally->total += receipt.truth.empty() ? 0 : 1;
            tally->applied += applied ? 1 : 0;
            tally->wrong += wrong ? 1 : 0;
            tally->suggested += suggested ? 1 : 0;
        }
        if (!applied && clean_reference(receipt.kind) && show_misses > 0) {
            --show_misses;
            std::printf(
                "MISSED %s: payer '%s' remittance '%s' amount %lld: %s\n",
                std::string(to_string(receipt.kind)).c_str(), receipt.evidence.payer.c_str(),
                receipt.evidence.remittance.c_str(), static_cast<long long>(receipt.evidence.amount.minor),
                match.suggestions.empty() ? "no suggestion" : match.suggestions.front().reason.c_str());
        }
        if (wrong)
            std::printf("WRONG %s: payer '%s' remittance '%s' amount %lld: %s\n",
                        std::string(to_string(receipt.kind)).c_str(), receipt.evidence.payer.c_str(),
                        receipt.evidence.remittance.c_str(),
                        static_cast<long long>(receipt.evidence.amount.minor), match.certain_reason.c_str());
    };
    if (threads == 1) {
        // As before match_in_order: each receipt's payer identified and matched in turn on this thread.
        for (size_t at = 0; at < evidence.size(); ++at) {
            const auto began = std::chrono::steady_clock::now();
            const auto match = matcher.match(evidence[at]);
            for (const auto& application : match.certain)
                matcher.record_applied(application);
            match_seconds += seconds_since(began);
            score(at, match);
        }
    } else {
        const auto began = std::chrono::steady_clock::now();
        matcher.match_in_order(evidence, [&](size_t at, CashMatch&& match) {
            for (const auto& application : match.certain)
                matcher.record_applied(application);
            const auto scoring_began = std::chrono::steady_clock::now();
            score(at, match);
            scoring_seconds += seconds_since(scoring_began);
            return true;
        });
        match_seconds = seconds_since(began) - scoring_seconds;
    }
    // CPU time of indexing, matching and scoring together (scoring is cheap): the wall clock on a shared
    // machine also counts waiting for a core.
    const double cpu = cpu_seconds() - cpu_start;
    std::printf(
        "index %.3f s + match %.3f s = %.3f s wall for %zu receipts (%.0f receipts/s); %.3f s CPU with "
        "scoring\n",
        index_seconds, match_seconds, index_seconds + match_seconds, generated.size(),
        static_cast<double>(generated.size()) / match_seconds, cpu);
    std::printf("%-22s %8s %8s %8s %6s %10s\n", "kind", "payable", "applied", "share", "wrong", "suggested");
    for (const auto& [kind, tally] : by_kind)
        std::printf("%-22s %8lld %8lld %7.2f%% %6lld %10lld\n", std::string(to_string(kind)).c_str(),
                    static_cast<long long>(tally.total), static_cast<long long>(tally.applied),
                    share(tally.applied, tally.total), static_cast<long long>(tally.wrong),
                    static_cast<long long>(tally.suggested));
    std::printf("clean references: %lld of %lld applied (recall %.2f%%), %lld wrong\n",
                static_cast<long long>(clean.applied), static_cast<long long>(clean.total),
                share(clean.applied, clean.total), static_cast<long long>(clean.wrong));
    const int64_t noisy_right = noisy.applied - noisy.wrong;
    std::printf(
        "noisy receipts: precision %.2f%% (%lld of %lld applications right), recall %.2f%% of %lld "
        "payable; truth among the suggestions for %lld of the rest\n",
        share(noisy_right, noisy.applied), static_cast<long long>(noisy_right),
        static_cast<long long>(noisy.applied), share(noisy_right, noisy.total),
        static_cast<long long>(noisy.total), static_cast<long long>(noisy.suggested));
    std::printf("decisions digest %016llx\n", static_cast<unsigned long long>(digest));
    std::printf("peak memory %ld MiB\n", peak_rss_mib());
    return clean.wrong + noisy.wrong == 0 ? 0 : 1;
}
