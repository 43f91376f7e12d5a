// Realistic receipts for testing and benchmarking cash application: payments of one invoice or several,
// partial payments, short pays, typos in payer names and references, references with only digits, and credits
// that pay no invoice at all. Each comes with the truth of what it pays. Deterministic for a seed; not
// thread-safe (one generator per thread).
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "book/cash_match.hpp"

namespace mf {

enum class ReceiptKind {
    single_clean,  // one invoice, its number in the remittance
    single_typo,   // one invoice, its number mistyped
    single_no_reference,
    digits_only,  // "payment 1001" for INV-1001
    combined,     // two or three invoices of one debtor, numbers given
    combined_no_reference,
    partial,    // part of one invoice, its number given
    short_pay,  // one invoice less a bank fee or discount, number given
    unrelated,  // interest, a refund, a misdirected transfer: pays no invoice
};
std::string_view to_string(ReceiptKind kind);

struct GeneratedReceipt {
    ReceiptKind kind = ReceiptKind::single_clean;
    CashEvidence evidence;
    std::vector<Application> truth;  // what the payer meant to pay; empty for unrelated credits
};

// A synthetic portfolio of open funded invoices for tests and benchmarks: debtors with distinct company
// names, clients numbering their invoices each in one of a few house styles from the same starting numbers
// (so numbers repeat across clients, as they do in a real book), amounts of which a quarter are round and
// repeat. Deterministic for a seed.
struct SyntheticPortfolio {
    std::vector<Invoice> invoices;
    std::vector<Debtor> debtors;
};
SyntheticPortfolio synthetic_portfolio(uint64_t seed, int64_t clients, int64_t debtors, int64_t invoices);

class ReceiptGenerator {
  public:
    ReceiptGenerator(uint64_t seed, std::vector<Invoice> open_invoices, std::vector<Debtor> debtors);
    // Receipts for distinct invoices (each invoice is paid at most once) until `count` or the invoices run
    // out.
    std::vector<GeneratedReceipt> generate(size_t count);

  private:
    std::string payer_name(const Debtor& debtor);
    std::string typo(std::string text);
    std::string remittance_for(const std::vector<const Invoice*>& invoices);
    const Debtor& debtor_of(const Invoice& invoice) const;

    std::mt19937_64 random_;
    std::vector<Invoice> invoices_;
    std::vector<Debtor> debtors_;
};

}  // namespace mf
