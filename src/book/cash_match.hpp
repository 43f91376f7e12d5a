// Cash application: which open invoices a receipt pays. Evidence is the payer's identity, the invoice numbers
// in the remittance text, and the amounts (one invoice, several, a partial payment, a short pay). Only what
// is certain is applied without a person (precision before recall); the rest is ranked suggestions for a
// collector. Pure functions of their arguments; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "book/inputs.hpp"
#include "core/model.hpp"

namespace mf {

// A receipt as the matcher sees it.
struct CashEvidence {
    Money amount;
    std::string payer;
    std::string remittance;  // reference text, structured reference, end-to-end id: all searched for numbers
    std::optional<int64_t> debtor_id;  // known payer (a collector said so, or the bank file's payer account)
};

struct CashSuggestion {
    std::vector<Application> applications;
    int32_t score = 0;  // 0-100, higher first
    std::string reason;
};

struct CashMatch {
    // Applications certain enough to book with no person; empty when nothing is.
    std::vector<Application> certain;
    std::string certain_reason;
    std::vector<CashSuggestion> suggestions;  // ranked, at most kMaxSuggestions
    std::optional<int64_t> debtor_id;         // the payer, when it could be told
};

// The open funded invoices and the debtor master a run of matching works over, indexed once.
class CashMatcher {
  public:
    static constexpr size_t kMaxSuggestions = 5;
    // Short pays within this share of the invoice (1%) or this many minor units (25.00) are suggested as
    // "close short" for a collector to confirm; they are never applied by themselves.
    static constexpr int64_t kShortPayPpm = 10'000;
    static constexpr int64_t kShortPayMinorMax = 25'00;

    CashMatcher(std::vector<Invoice> open_invoices, std::vector<Debtor> debtors);

    CashMatch match(const CashEvidence& evidence) const;

    // Invoice numbers folded for comparison: upper case, separators dropped ("inv-00123" -> "INV00123").
    static std::string fold_reference(std::string_view text);

  private:
    std::vector<const Invoice*> referenced(const CashEvidence& evidence, bool& fuzzy) const;
    std::optional<int64_t> payer_debtor(const CashEvidence& evidence) const;
    bool owes_exactly(int64_t debtor_id, int64_t amount_minor, Currency currency) const;

    std::vector<Invoice> invoices_;
    std::vector<Debtor> debtors_;
    std::map<std::string, std::vector<size_t>> by_number_;  // folded number -> invoices
    std::map<int64_t, std::vector<size_t>> by_debtor_;      // debtor -> invoices, oldest first
};

}  // namespace mf
