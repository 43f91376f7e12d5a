#include "book/cash_match.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "book/debtor_match.hpp"
#include "core/ids.hpp"

namespace mf {
namespace {

// Combined payments (two or three invoices) are searched among a debtor's oldest open invoices, up to this
// many.
constexpr size_t kCombinationInvoicesMax = 24;

std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-' || c == '/' || c == '_' || c == '.') {
            word += c;
        } else if (!word.empty()) {
            words.push_back(word);
            word.clear();
        }
    }
    if (!word.empty())
        words.push_back(word);
    return words;
}

// The digits an invoice number ends with, leading zeros dropped ("INV-00123" -> "123"); empty when fewer
// than three.
std::string numeric_tail(std::string_view folded) {
    size_t start = folded.size();
    while (start > 0 && std::isdigit(static_cast<unsigned char>(folded[start - 1])))
        --start;
    auto digits = folded.substr(start);
    while (digits.size() > 1 && digits.front() == '0')
        digits.remove_prefix(1);
    return digits.size() >= 3 ? std::string(digits) : std::string();
}

size_t distance_at_most_one(std::string_view a, std::string_view b) {
    if (a == b)
        return 0;
    if (a.size() > b.size())
        std::swap(a, b);
    if (b.size() - a.size() > 1)
        return 2;
    size_t i = 0;
    while (i < a.size() && a[i] == b[i])
        ++i;
    if (a.size() == b.size())  // one substitution, or two neighbours swapped
        return a.substr(i + 1) == b.substr(i + 1) || (i + 1 < a.size() && a[i] == b[i + 1] &&
                                                      a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2))
                   ? 1
                   : 2;
    return a.substr(i) == b.substr(i + 1) ? 1 : 2;  // one insertion
}

int64_t sum_outstanding(const std::vector<const Invoice*>& invoices) {
    int64_t total = 0;
    for (const auto* invoice : invoices)
        total += invoice->outstanding_minor();
    return total;
}

std::vector<Application> pay_in_full(const std::vector<const Invoice*>& invoices) {
    std::vector<Application> out;
    for (const auto* invoice : invoices)
        out.push_back({invoice->id, invoice->outstanding_minor()});
    return out;
}

std::string numbers_of(const std::vector<const Invoice*>& invoices) {
    std::string out;
    for (const auto* invoice : invoices)
        out += (out.empty() ? "" : ", ") + invoice->number;
    return out;
}

bool short_pay_tolerated(int64_t short_minor, int64_t outstanding_minor) {
    return short_minor > 0 && short_minor <= CashMatcher::kShortPayMinorMax &&
           static_cast<int128>(short_minor) * kPpmPerUnit <=
               static_cast<int128>(outstanding_minor) * CashMatcher::kShortPayPpm;
}

}  // namespace

std::string CashMatcher::fold_reference(std::string_view text) {
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte))
            out += static_cast<char>(std::toupper(byte));
    }
    return out;
}

CashMatcher::CashMatcher(std::vector<Invoice> open_invoices, std::vector<Debtor> debtors)
    : invoices_(std::move(open_invoices)), debtors_(std::move(debtors)) {
    std::sort(invoices_.begin(), invoices_.end(), [](const Invoice& a, const Invoice& b) {
        return std::tie(a.due_date, a.id) < std::tie(b.due_date, b.id);
    });
    for (size_t i = 0; i < invoices_.size(); ++i) {
        const auto folded = fold_reference(invoices_[i].number);
        by_number_[folded].push_back(i);
        if (const auto tail = numeric_tail(folded); !tail.empty() && tail != folded)
            by_number_["#" + tail].push_back(i);  // "#123": the number's digits alone, a weaker key
        by_debtor_[invoices_[i].debtor_id].push_back(i);
        by_id_[invoices_[i].id] = i;
    }
}

void CashMatcher::record_applied(const Application& application) {
    const auto found = by_id_.find(application.invoice_id);
    if (found == by_id_.end())
        return;
    auto& invoice = invoices_[found->second];
    const int64_t paid = std::min(application.amount_minor, invoice.outstanding_minor());
    invoice.collected_minor += paid;
    if (application.close_short)
        invoice.diluted_minor += invoice.outstanding_minor();
}

bool CashMatcher::owes_exactly(int64_t debtor_id, int64_t amount_minor, Currency currency) const {
    const auto found = by_debtor_.find(debtor_id);
    if (found == by_debtor_.end())
        return false;
    return std::any_of(found->second.begin(), found->second.end(), [&](size_t index) {
        return invoices_[index].currency == currency && invoices_[index].outstanding_minor() == amount_minor;
    });
}

std::optional<int64_t> CashMatcher::payer_debtor(const CashEvidence& evidence) const {
    if (evidence.debtor_id)
        return evidence.debtor_id;
    const auto match = match_debtor(formats::PartyIdentity{.name = evidence.payer}, debtors_);
    return match.sure ? match.debtor_id : std::nullopt;
}

// The invoices the text names. A number shared by invoices of several debtors counts only when the payer
// tells them apart; `fuzzy` is set when a word is only near a number (a typo) or names the digits alone.
std::vector<const Invoice*> CashMatcher::referenced(const CashEvidence& evidence, bool& fuzzy) const {
    const auto payer = payer_debtor(evidence);
    std::vector<const Invoice*> found;
    std::set<int64_t> seen;
    const auto take = [&](const std::vector<size_t>& candidates) -> bool {
        std::vector<const Invoice*> fitting;
        for (const size_t index : candidates) {
            if (invoices_[index].outstanding_minor() > 0 && (!payer || invoices_[index].debtor_id == *payer))
                fitting.push_back(&invoices_[index]);
        }
        if (fitting.size() != 1)
            return false;
        if (seen.insert(fitting.front()->id).second)
            found.push_back(fitting.front());
        return true;
    };
    const auto words = words_of(evidence.remittance);
    for (size_t w = 0; w < words.size(); ++w) {
        auto folded = fold_reference(words[w]);
        if (folded.size() < 2)
            continue;
        if (auto exact = by_number_.find(folded); exact != by_number_.end() && take(exact->second))
            continue;
        // "INV 1001": a prefix and its number written apart.
        if (w + 1 < words.size()) {
            if (auto joined = by_number_.find(folded + fold_reference(words[w + 1]));
                joined != by_number_.end() && take(joined->second)) {
                ++w;
                continue;
            }
        }
        const bool digits_only =
            std::all_of(folded.begin(), folded.end(), [](char c) { return std::isdigit(c); });
        if (digits_only) {
            if (auto tail = by_number_.find("#" + numeric_tail(folded));
                tail != by_number_.end() && take(tail->second))
                fuzzy = true;
            continue;
        }
        if (folded.size() >= 5 && payer) {
            for (const size_t index :
                 by_debtor_.count(*payer) ? by_debtor_.at(*payer) : std::vector<size_t>{}) {
                if (distance_at_most_one(folded, fold_reference(invoices_[index].number)) == 1 &&
                    seen.insert(invoices_[index].id).second) {
                    found.push_back(&invoices_[index]);
                    fuzzy = true;
                    break;
                }
            }
        }
    }
    return found;
}

CashMatch CashMatcher::match(const CashEvidence& evidence) const {
    CashMatch out;
    out.debtor_id = payer_debtor(evidence);
    out.currency = evidence.amount.currency;
    const int64_t amount = evidence.amount.minor;
    std::vector<CashSuggestion> suggestions;
    const auto suggest = [&](std::vector<Application> applications, int32_t score, std::string reason) {
        suggestions.push_back({std::move(applications), score, std::move(reason)});
    };

    bool fuzzy = false;
    auto named = referenced(evidence, fuzzy);
    named.erase(std::remove_if(
                    named.begin(), named.end(),
                    [&](const Invoice* invoice) { return !(invoice->currency == evidence.amount.currency); }),
                named.end());
    if (!named.empty()) {
        const int64_t owed = sum_outstanding(named);
        std::set<int64_t> debtors;
        for (const auto* invoice : named)
            debtors.insert(invoice->debtor_id);
        const bool one_debtor = debtors.size() == 1 && (!out.debtor_id || *debtors.begin() == *out.debtor_id);
        const bool trusted = !fuzzy && one_debtor;
        if (trusted && amount == owed) {
            out.certain = pay_in_full(named);
            out.certain_reason =
                "the remittance names " + numbers_of(named) + " and the amount pays them exactly";
        } else if (trusted && named.size() == 1 && amount < owed && out.debtor_id &&
                   !owes_exactly(*out.debtor_id, amount, evidence.amount.currency)) {
            // A number mistyped into another real number is the risk here: when another of the payer's
            // invoices owes exactly this amount, that one is as likely, and a person decides.
            out.certain = {{named.front()->id, amount}};
            out.certain_reason = "the remittance names " + named.front()->number +
                                 " and the payer is its debtor: " + "a partial payment";
        } else if (named.size() == 1 && amount < owed && short_pay_tolerated(owed - amount, owed)) {
            suggest({{named.front()->id, amount, true}}, 80,
                    "names " + named.front()->number + "; short by " + std::to_string(owed - amount) +
                        " minor units: close short if the debtor took a fee or discount");
        } else if (amount <= owed) {
            // Oldest first until the money runs out.
            std::vector<Application> applications;
            int64_t left = amount;
            for (const auto* invoice : named) {
                const int64_t part = std::min(left, invoice->outstanding_minor());
                if (part > 0)
                    applications.push_back({invoice->id, part});
                left -= part;
            }
            suggest(std::move(applications), fuzzy ? 60 : 70,
                    (fuzzy ? "the remittance nearly names " : "the remittance names ") + numbers_of(named));
        } else {
            suggest(pay_in_full(named), fuzzy ? 55 : 65,
                    (fuzzy ? "the remittance nearly names " : "the remittance names ") + numbers_of(named) +
                        "; more was paid than they owe");
        }
        if (!out.certain.empty())
            return out;
    }

    // No number to go by: the amount, among the payer's open invoices when the payer is known.
    if (out.debtor_id && by_debtor_.count(*out.debtor_id)) {
        std::vector<const Invoice*> own;
        for (const size_t index : by_debtor_.at(*out.debtor_id)) {
            if (invoices_[index].currency == evidence.amount.currency &&
                invoices_[index].outstanding_minor() > 0)
                own.push_back(&invoices_[index]);
        }
        std::vector<std::vector<const Invoice*>> exact;
        for (const auto* invoice : own) {
            if (invoice->outstanding_minor() == amount)
                exact.push_back({invoice});
            else if (short_pay_tolerated(invoice->outstanding_minor() - amount, invoice->outstanding_minor()))
                suggest({{invoice->id, amount, true}}, 50,
                        "the payer's invoice " + invoice->number + " is short paid by " +
                            std::to_string(invoice->outstanding_minor() - amount) + " minor units");
        }
        if (exact.empty()) {
            // Two or three invoices paid together: search the oldest few.
            const size_t n = std::min(own.size(), kCombinationInvoicesMax);
            for (size_t a = 0; a < n && exact.size() < 2; ++a) {
                for (size_t b = a + 1; b < n && exact.size() < 2; ++b) {
                    const int64_t two = own[a]->outstanding_minor() + own[b]->outstanding_minor();
                    if (two == amount)
                        exact.push_back({own[a], own[b]});
                    for (size_t c = b + 1; c < n && two < amount; ++c) {
                        if (two + own[c]->outstanding_minor() == amount)
                            exact.push_back({own[a], own[b], own[c]});
                    }
                }
            }
        }
        // When the remittance names other invoices, an amount match is only a suggestion.
        if (exact.size() == 1 && named.empty()) {
            out.certain = pay_in_full(exact.front());
            out.certain_reason = "the payer's only open invoice" +
                                 std::string(exact.front().size() > 1 ? "s" : "") +
                                 " matching the amount: " + numbers_of(exact.front());
            return out;
        }
        for (const auto& combination : exact)
            suggest(pay_in_full(combination), 45,
                    "the payer's invoices " + numbers_of(combination) + " match the amount");
    }
    // Anyone's invoice of exactly this amount, for a collector to look at.
    for (const auto& invoice : invoices_) {
        if (suggestions.size() >= kMaxSuggestions * 2)
            break;
        if (invoice.currency == evidence.amount.currency && invoice.outstanding_minor() == amount &&
            (!out.debtor_id || invoice.debtor_id != *out.debtor_id))
            suggest({{invoice.id, amount}}, 20,
                    "invoice " + invoice.number + " (" + format_id(IdKind::debtor, invoice.debtor_id) +
                        ") owes exactly this amount");
    }
    std::stable_sort(suggestions.begin(), suggestions.end(),
                     [](const CashSuggestion& a, const CashSuggestion& b) { return a.score > b.score; });
    if (suggestions.size() > kMaxSuggestions)
        suggestions.resize(kMaxSuggestions);
    out.suggestions = std::move(suggestions);
    return out;
}

}  // namespace mf
