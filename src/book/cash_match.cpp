#include "book/cash_match.hpp"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cctype>
#include <exception>
#include <future>
#include <limits>
#include <set>
#include <system_error>
#include <thread>

#include "book/debtor_match.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"

namespace mf {
namespace {

// Payments by amount alone (one, two or three invoices) are searched among all the payer's open invoices when
// it has at most this many; beyond, the amount is never enough to be certain.
constexpr size_t kCombinationInvoicesMax = 400;
// Names shorter than this (letters and digits) are never matched by being near.
constexpr size_t kNearNameMin = 6;
// A remittance is read for at most this many numbers, each meaning at most this many open invoices, and the
// ways of reading them together are tried up to this many.
constexpr size_t kReferencesMax = 12;
constexpr size_t kCandidatesPerReferenceMax = 16;
constexpr size_t kChoicesMax = 256;

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

// "Northwind Traders, Inc." -> "northwindtradersinc": what is left of a name when a typo hits its legal form.
std::string squashed(std::string_view name) {
    std::string out;
    for (const char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)))
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

// The text itself, then the text without each of its letters in turn.
template <class F>
void for_each_deletion(const std::string& text, F&& each) {
    each(std::string_view(text));
    if (text.empty())
        return;
    std::string variant(text.size() - 1, ' ');
    for (size_t i = 0; i < text.size(); ++i) {
        if (i > 0 && text[i] == text[i - 1])
            continue;  // the same variant as the one before
        std::copy(text.begin(), text.begin() + static_cast<ptrdiff_t>(i), variant.begin());
        std::copy(text.begin() + static_cast<ptrdiff_t>(i) + 1, text.end(),
                  variant.begin() + static_cast<ptrdiff_t>(i));
        each(std::string_view(variant));
    }
}

bool short_pay_tolerated(int64_t short_minor, int64_t outstanding_minor) {
    return short_minor > 0 && short_minor <= CashMatcher::kShortPayMinorMax &&
           static_cast<int128>(short_minor) * kPpmPerUnit <=
               static_cast<int128>(outstanding_minor) * CashMatcher::kShortPayPpm;
}

}  // namespace

std::string CashMatcher::fold_reference(std::string_view text) {
    return letters_and_digits_upper(text);
}

void CashMatcher::HashIndex::prepare(size_t positions, size_t count) {
    const int bits = std::max(1, static_cast<int>(std::bit_width(positions > 0 ? positions - 1 : 0)));
    position_mask = (uint64_t{1} << bits) - 1;
    entries.reserve(count);
}

void CashMatcher::HashIndex::build() {
    std::sort(entries.begin(), entries.end());
    entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
    int bits = 1;
    while (bits < 24 && (size_t{1} << bits) < entries.size() / 2)
        ++bits;
    shift = 64 - bits;
    buckets.assign((size_t{1} << bits) + 1, 0);
    size_t at = 0;
    for (size_t bucket = 0; bucket < (size_t{1} << bits); ++bucket) {
        buckets[bucket] = static_cast<uint32_t>(at);
        while (at < entries.size() && (entries[at] >> shift) == bucket)
            ++at;
    }
    buckets.back() = static_cast<uint32_t>(entries.size());
}

std::span<const uint64_t> CashMatcher::HashIndex::find(uint64_t hash) const {
    if (entries.empty())
        return {};
    const auto bucket = static_cast<size_t>(hash >> shift);
    const auto first = entries.begin() + buckets[bucket], last = entries.begin() + buckets[bucket + 1];
    // Every entry of these leading bits, whatever its position.
    const auto from = std::lower_bound(first, last, hash & ~position_mask);
    const auto to = std::upper_bound(from, last, hash | position_mask);
    return {from, to};
}

CashMatcher::CashMatcher(std::vector<Invoice> open_invoices, std::vector<Debtor> debtors, Threads threads)
    : invoices_(std::move(open_invoices)), debtors_(std::move(debtors)) {
    std::future<void> side;
    if (threads == Threads::two) {
        try {
            side = std::async(std::launch::async, [this] { index_debtors(); });
        } catch (const std::system_error&) {
            // no second thread to be had: the calling thread builds both halves
        }
    }
    index_numbers();
    if (side.valid())
        side.get();
    else
        index_debtors();
}

void CashMatcher::index_numbers() {
    const auto count = static_cast<uint32_t>(invoices_.size());
    folded_.reserve(count);
    shapes_.reserve(count);
    number_keys_.prepare(count, static_cast<size_t>(count) * 3);
    for (uint32_t i = 0; i < count; ++i) {
        const auto& invoice = invoices_[i];
        folded_.push_back(fold_reference(invoice.number));
        const auto& folded = folded_.back();
        shapes_.push_back(NumberShape::of(folded));
        number_keys_.add(number_key(folded, false, std::nullopt), i);
        number_keys_.add(number_key(folded, false, invoice.debtor_id), i);
        if (const auto tail = numeric_tail(folded); !tail.empty() && tail != folded) {
            // "#123": the number's digits alone, a weaker key, read only among a known payer's invoices
            number_keys_.add(number_key(tail, true, invoice.debtor_id), i);
        }
    }
    number_keys_.build();
}

void CashMatcher::index_debtors() {
    const auto count = static_cast<uint32_t>(invoices_.size());
    amounts_.reserve(count);
    // Sorted on a compact copy of the keys: the invoices themselves are too big to sort by.
    Table<std::tuple<int64_t, int32_t, int64_t, uint32_t>> order;
    order.reserve(count);
    int64_t lowest = std::numeric_limits<int64_t>::max(), highest = std::numeric_limits<int64_t>::min();
    for (uint32_t i = 0; i < count; ++i) {
        const auto& invoice = invoices_[i];
        amounts_.emplace_back(invoice.outstanding_minor(), i);
        order.emplace_back(invoice.debtor_id, invoice.due_date.days_since_epoch(), invoice.id, i);
        lowest = std::min(lowest, invoice.id);
        highest = std::max(highest, invoice.id);
    }
    // Ids of a book are dense: a table by id, where the first of equal ids wins as a search would find it.
    if (count > 0 &&
        static_cast<uint64_t>(highest) - static_cast<uint64_t>(lowest) < uint64_t{4} * count + 1024) {
        first_id_ = lowest;
        by_id_.assign(static_cast<size_t>(highest - lowest) + 1, std::numeric_limits<uint32_t>::max());
        for (uint32_t i = 0; i < count; ++i) {
            auto& slot = by_id_[static_cast<size_t>(invoices_[i].id - lowest)];
            if (slot == std::numeric_limits<uint32_t>::max())
                slot = i;
        }
    } else {
        ids_.reserve(count);
        for (uint32_t i = 0; i < count; ++i)
            ids_.emplace_back(invoices_[i].id, i);
        std::sort(ids_.begin(), ids_.end());
    }
    std::sort(order.begin(), order.end());
    debtor_order_.reserve(count);
    for (uint32_t at = 0; at < count; ++at) {
        debtor_order_.push_back(std::get<3>(order[at]));
        if (at == 0 || std::get<0>(order[at - 1]) != std::get<0>(order[at]))
            debtor_ranges_.emplace_back(std::get<0>(order[at]), at, at);
        std::get<2>(debtor_ranges_.back()) = at + 1;
    }
    // amounts_ is still in the invoices' order here: what each owes, gathered into the debtor order.
    owed_.reserve(count);
    positions_.resize(count);
    for (uint32_t at = 0; at < count; ++at) {
        const uint32_t index = debtor_order_[at];
        owed_.push_back({amounts_[index].first, invoices_[index].currency});
        positions_[index] = at;
    }
    std::sort(amounts_.begin(), amounts_.end());
    // Each debtor's name in two forms (legal forms folded, and every letter kept), each with every one-letter
    // deletion of it: a payer's name one slip away shares one of them (symmetric deletion).
    const auto& list = debtors_.debtors();
    debtor_forms_.reserve(list.size());
    name_keys_.prepare(list.size(), 0);
    for (uint32_t d = 0; d < list.size(); ++d) {
        debtor_forms_.push_back({squashed(normalise_company_name(list[d].name)), squashed(list[d].name)});
        for (const auto* form : {&debtor_forms_.back().first, &debtor_forms_.back().second}) {
            if (form->size() >= kNearNameMin)
                for_each_deletion(*form, [&](std::string_view variant) {
                    name_keys_.add(std::hash<std::string_view>{}(variant), d);
                });
        }
    }
    name_keys_.build();
}

std::optional<uint32_t> CashMatcher::index_of(int64_t invoice_id) const {
    if (!by_id_.empty()) {
        if (invoice_id < first_id_ ||
            static_cast<uint64_t>(invoice_id) - static_cast<uint64_t>(first_id_) >= by_id_.size())
            return std::nullopt;
        const uint32_t index = by_id_[static_cast<size_t>(invoice_id - first_id_)];
        return index == std::numeric_limits<uint32_t>::max() ? std::nullopt : std::optional<uint32_t>(index);
    }
    const auto found = std::lower_bound(ids_.begin(), ids_.end(), std::make_pair(invoice_id, 0u));
    if (found == ids_.end() || found->first != invoice_id)
        return std::nullopt;
    return found->second;
}

CashMatcher::NumberShape CashMatcher::NumberShape::of(std::string_view folded) {
    const auto saturated = [](size_t n) { return static_cast<uint8_t>(std::min<size_t>(n, kUnknown)); };
    return {saturated(folded.size()),
            saturated(static_cast<size_t>(std::count_if(folded.begin(), folded.end(), [](char c) {
                return std::isdigit(static_cast<unsigned char>(c));
            })))};
}

bool CashMatcher::NumberShape::may_be_one_slip_from(NumberShape other) const {
    // A letter changed, dropped, added or two swapped moves the length and the count of digits by one at
    // most.
    const auto near = [](uint8_t a, uint8_t b) {
        return a == kUnknown || b == kUnknown || (a > b ? a - b : b - a) <= 1;
    };
    return near(size, other.size) && near(digits, other.digits);
}

uint64_t CashMatcher::number_key(std::string_view folded, bool digits, std::optional<int64_t> debtor) {
    // splitmix64's finaliser spreads the debtor and the kind over the number's hash.
    uint64_t mixed =
        static_cast<uint64_t>(debtor.value_or(-1)) * 2 + (digits ? 1 : 0) + 0x9e3779b97f4a7c15ULL;
    mixed = (mixed ^ (mixed >> 30)) * 0xbf58476d1ce4e5b9ULL;
    mixed = (mixed ^ (mixed >> 27)) * 0x94d049bb133111ebULL;
    return std::hash<std::string_view>{}(folded) ^ (mixed ^ (mixed >> 31));
}

std::vector<int64_t> CashMatcher::near_debtors(std::string_view payer, std::string_view normalised) const {
    std::vector<int64_t> out;
    const auto& list = debtors_.debtors();
    const std::string folded = squashed(normalised), plain = squashed(payer);
    for (const bool folded_form : {true, false}) {
        const std::string& form = folded_form ? folded : plain;
        if (form.size() < kNearNameMin)
            continue;
        for_each_deletion(form, [&](std::string_view variant) {
            const auto key = std::hash<std::string_view>{}(variant);
            for (const uint64_t entry : name_keys_.find(key)) {
                const uint32_t debtor = name_keys_.position(entry);
                const auto& forms = debtor_forms_[debtor];
                const std::string& theirs = folded_form ? forms.first : forms.second;
                // The hash only points the way: one slip (a letter wrong, missing, extra, or two swapped), in
                // a form long enough to be indexed.
                if (theirs.size() >= kNearNameMin && distance_at_most_one(form, theirs) <= 1 &&
                    std::find(out.begin(), out.end(), list[debtor].id) == out.end())
                    out.push_back(list[debtor].id);
            }
        });
    }
    return out;
}

void CashMatcher::record_applied(const Application& application) {
    const auto index = index_of(application.invoice_id);
    if (!index)
        return;
    auto& invoice = invoices_[*index];
    const int64_t paid = std::min(application.amount_minor, invoice.outstanding_minor());
    invoice.collected_minor += paid;
    if (application.close_short)
        invoice.diluted_minor += invoice.outstanding_minor();
    owed_[positions_[*index]].minor = invoice.outstanding_minor();
}

std::pair<uint32_t, uint32_t> CashMatcher::positions_of(int64_t debtor_id) const {
    const auto found =
        std::lower_bound(debtor_ranges_.begin(), debtor_ranges_.end(), std::make_tuple(debtor_id, 0u, 0u));
    if (found == debtor_ranges_.end() || std::get<0>(*found) != debtor_id)
        return {0, 0};
    return {std::get<1>(*found), std::get<2>(*found)};
}

std::span<const uint32_t> CashMatcher::of_debtor(int64_t debtor_id) const {
    const auto [from, to] = positions_of(debtor_id);
    return std::span<const uint32_t>(debtor_order_).subspan(from, to - from);
}

std::vector<uint32_t> CashMatcher::with_number(std::string_view folded, bool digits,
                                               std::optional<int64_t> debtor) const {
    const auto key = number_key(folded, digits, debtor);
    std::vector<uint32_t> out;
    const auto found = number_keys_.find(key);
    for (const uint64_t entry : found) {
        if (out.size() > kCandidatesPerReferenceMax)
            break;  // too common a number to mean anything by itself
        // The hash only points the way: the number itself, and the debtor, must agree.
        const uint32_t index = number_keys_.position(entry);
        const auto& number = folded_[index];
        if ((digits ? numeric_tail(number) == folded && number != folded : number == folded) &&
            (!debtor || invoices_[index].debtor_id == *debtor))
            out.push_back(index);
    }
    return out;
}

bool CashMatcher::owes_exactly(int64_t debtor_id, int64_t amount_minor, Currency currency) const {
    const auto [from, to] = positions_of(debtor_id);
    return std::any_of(owed_.begin() + from, owed_.begin() + to, [&](const Owed& owed) {
        return owed.currency == currency && owed.minor == amount_minor;
    });
}

CashMatcher::Payer CashMatcher::identify(const CashEvidence& evidence) const {
    if (evidence.debtor_id)
        return {evidence.debtor_id, std::nullopt};
    const auto normalised = normalise_company_name(evidence.payer);
    if (const auto named = debtors_.named_normalised(normalised))
        return {named, std::nullopt};
    // A payer not known by its name may be one slip away from exactly one debtor's.
    if (const auto near = near_debtors(evidence.payer, normalised); near.size() == 1)
        return {std::nullopt, near.front()};
    return {};
}

void CashMatcher::match_in_order(std::span<const CashEvidence> receipts,
                                 const std::function<bool(size_t, CashMatch&&)>& decided) {
    std::vector<Payer> payers(receipts.size());
    constexpr size_t kFailed = std::numeric_limits<size_t>::max();
    std::atomic<size_t> ready{0};  // payers identified so far, or kFailed
    std::exception_ptr failure;
    std::jthread ahead;
    try {
        ahead = std::jthread([&](std::stop_token stop) {
            try {
                for (size_t i = 0; i < receipts.size() && !stop.stop_requested(); ++i) {
                    payers[i] = identify(receipts[i]);
                    ready.store(i + 1, std::memory_order_release);
                    if (i % 64 == 63)
                        ready.notify_one();
                }
            } catch (...) {
                failure = std::current_exception();
                ready.store(kFailed, std::memory_order_release);
            }
            ready.notify_one();
        });
    } catch (const std::system_error&) {
        // no second thread to be had: each payer is identified as its receipt comes
        for (size_t i = 0; i < receipts.size(); ++i) {
            if (!decided(i, match(receipts[i])))
                return;
        }
        return;
    }
    for (size_t i = 0; i < receipts.size(); ++i) {
        size_t seen = ready.load(std::memory_order_acquire);
        while (seen <= i) {
            ready.wait(seen, std::memory_order_acquire);
            seen = ready.load(std::memory_order_acquire);
        }
        if (seen == kFailed) {
            ahead.join();
            std::rethrow_exception(failure);
        }
        if (!decided(i, match(receipts[i], payers[i])))
            return;  // `ahead` is stopped and joined as it goes out of scope
    }
}

// The numbers the text names, each with the open invoices it may mean. A number several invoices carry is
// kept with all of them: the amount or the payer may tell them apart later.
std::vector<CashMatcher::Reference> CashMatcher::references(const CashEvidence& evidence,
                                                            std::optional<int64_t> payer) const {
    std::vector<Reference> found;
    const auto keep = [&](std::vector<uint32_t> candidates, bool fuzzy) -> bool {
        std::erase_if(candidates, [&](uint32_t index) {
            const auto& invoice = invoices_[index];
            return outstanding(index) <= 0 || !(invoice.currency == evidence.amount.currency);
        });
        if (candidates.empty() || candidates.size() > kCandidatesPerReferenceMax)
            return false;
        for (const auto& earlier : found) {
            if (earlier.invoices == candidates)
                return true;  // named twice
        }
        found.push_back({std::move(candidates), fuzzy});
        return true;
    };
    const auto words = words_of(evidence.remittance);
    // The next word folded, and the invoices it names, as looked up with the word before it (a lookup is
    // pure).
    size_t looked_ahead = words.size();
    std::string next;
    std::vector<uint32_t> bare;
    for (size_t w = 0; w < words.size() && found.size() < kReferencesMax; ++w) {
        auto folded = looked_ahead == w ? std::move(next) : fold_reference(words[w]);
        if (folded.size() < 2)
            continue;
        if (keep(looked_ahead == w ? std::move(bare) : with_number(folded, false, payer), false))
            continue;
        // "INV 1001": a prefix and its number written apart, or a word before a number that is "1001" itself.
        if (w + 1 < words.size()) {
            next = fold_reference(words[w + 1]);
            auto either = with_number(folded + next, false, payer);
            bare = with_number(next, false, payer);
            looked_ahead = w + 1;
            either.insert(either.end(), bare.begin(), bare.end());
            if (keep(std::move(either), false)) {
                ++w;
                continue;
            }
        }
        const bool digits_only =
            std::all_of(folded.begin(), folded.end(), [](char c) { return std::isdigit(c); });
        if (digits_only) {
            if (const auto tail = numeric_tail(folded); !tail.empty() && payer)
                keep(with_number(tail, true, payer), true);
            continue;
        }
        if (folded.size() >= 5 && payer) {
            const auto shape = NumberShape::of(folded);
            for (const uint32_t index : of_debtor(*payer)) {
                if (shape.may_be_one_slip_from(shapes_[index]) &&
                    distance_at_most_one(folded, folded_[index]) == 1 && outstanding(index) > 0 &&
                    keep({index}, true))
                    break;
            }
        }
    }
    return found;
}

CashMatch CashMatcher::match(const CashEvidence& evidence) const {
    return match(evidence, identify(evidence));
}

CashMatch CashMatcher::match(const CashEvidence& evidence, const Payer& payer) const {
    CashMatch out;
    out.debtor_id = payer.debtor_id;
    out.currency = evidence.amount.currency;
    const int64_t amount = evidence.amount.minor;
    std::vector<CashSuggestion> suggestions;
    const auto suggest = [&](std::vector<Application> applications, int32_t score, std::string reason) {
        suggestions.push_back({std::move(applications), score, std::move(reason)});
    };
    const auto pointers = [&](const std::vector<uint32_t>& indexes) {
        std::vector<const Invoice*> invoices;
        for (const uint32_t index : indexes)
            invoices.push_back(&invoices_[index]);
        return invoices;
    };

    // A payer one slip away from exactly one debtor's name: its invoices are read first. Should none carry
    // the numbers, they are read across the book, for suggestions only.
    const std::optional<int64_t> resembled = out.debtor_id ? std::nullopt : payer.resembled;
    const auto focus = out.debtor_id ? out.debtor_id : resembled;
    auto refs = references(evidence, focus);
    if (resembled && refs.empty())
        refs = references(evidence, std::nullopt);
    const bool fuzzy = std::any_of(refs.begin(), refs.end(), [](const Reference& r) { return r.fuzzy; });
    if (!refs.empty()) {
        // Which invoices the numbers mean, one per number, such that the amount pays them exactly.
        std::vector<std::vector<uint32_t>> exact;
        size_t choices = 1;
        for (const auto& ref : refs)
            choices *= ref.invoices.size();
        if (choices <= kChoicesMax) {
            std::vector<uint32_t> pick(refs.size());
            for (size_t n = 0; n < choices; ++n) {
                size_t rest = n;
                int64_t total = 0;
                for (size_t r = 0; r < refs.size(); ++r) {
                    pick[r] = refs[r].invoices[rest % refs[r].invoices.size()];
                    rest /= refs[r].invoices.size();
                    total += outstanding(pick[r]);
                }
                auto distinct = pick;
                std::sort(distinct.begin(), distinct.end());
                if (total == amount && std::adjacent_find(distinct.begin(), distinct.end()) == distinct.end())
                    exact.push_back(pick);
            }
        }
        if (exact.size() == 1) {
            const auto named = pointers(exact.front());
            std::set<int64_t> debtors;
            for (const auto* invoice : named)
                debtors.insert(invoice->debtor_id);
            const int64_t debtor = *debtors.begin();
            // The payer is the debtor: said by the bank file or a collector, its name, or a name a slip away.
            const bool payer_fits = debtors.size() == 1 && focus && *focus == debtor;
            // Or every number is the book's only open invoice with it, and the payer's name is no other
            // debtor's.
            const bool unique_numbers = debtors.size() == 1 && !focus &&
                                        std::all_of(refs.begin(), refs.end(), [](const Reference& r) {
                                            return r.invoices.size() == 1;
                                        });
            if (!fuzzy && (payer_fits || unique_numbers)) {
                out.certain = pay_in_full(named);
                out.debtor_id = debtor;
                out.certain_reason =
                    "the remittance names " + numbers_of(named) + " and the amount pays them exactly";
                return out;
            }
            suggest(pay_in_full(named), fuzzy ? 62 : 75,
                    (fuzzy ? "the remittance nearly names " : "the remittance names ") + numbers_of(named) +
                        " and the amount pays them exactly" +
                        (payer_fits || fuzzy ? "" : "; the payer is not known as their debtor"));
        } else {
            for (size_t e = 0; e < exact.size() && e < kMaxSuggestions; ++e) {
                const auto named = pointers(exact[e]);
                suggest(pay_in_full(named), 58,
                        "the remittance names " + numbers_of(named) + ", which several invoices carry");
            }
        }
        // One number, one invoice: a part payment, a short pay, or more than it owes.
        if (exact.empty() && refs.size() == 1 && refs.front().invoices.size() == 1) {
            const Invoice& invoice = invoices_[refs.front().invoices.front()];
            const int64_t owed = invoice.outstanding_minor();
            const bool trusted = !fuzzy && out.debtor_id && *out.debtor_id == invoice.debtor_id;
            if (trusted && amount < owed && !owes_exactly(*out.debtor_id, amount, evidence.amount.currency)) {
                // A number mistyped into another real number is the risk here: when another of the payer's
                // invoices owes exactly this amount, that one is as likely, and a person decides.
                out.certain = {{invoice.id, amount}};
                out.certain_reason = "the remittance names " + invoice.number +
                                     " and the payer is its debtor: a partial payment";
                return out;
            }
            if (amount < owed && short_pay_tolerated(owed - amount, owed))
                suggest({{invoice.id, amount, true}}, 80,
                        "names " + invoice.number + "; short by " + std::to_string(owed - amount) +
                            " minor units: close short if the debtor took a fee or discount");
            else if (amount < owed)
                suggest({{invoice.id, amount}}, fuzzy ? 60 : 70,
                        (fuzzy ? "the remittance nearly names " : "the remittance names ") + invoice.number +
                            ": a partial payment");
            else
                suggest({{invoice.id, owed}}, fuzzy ? 55 : 65,
                        (fuzzy ? "the remittance nearly names " : "the remittance names ") + invoice.number +
                            "; more was paid than it owes");
        } else if (exact.empty()) {
            // Several numbers, or a number several invoices carry: oldest first until the money runs out.
            std::vector<Application> applications;
            std::vector<const Invoice*> named;
            int64_t left = amount;
            for (const auto& ref : refs) {
                const auto* invoice = &invoices_[ref.invoices.front()];
                named.push_back(invoice);
                const int64_t part = std::min(left, invoice->outstanding_minor());
                if (part > 0)
                    applications.push_back({invoice->id, part});
                left -= part;
            }
            suggest(std::move(applications), fuzzy ? 55 : 60,
                    (fuzzy ? "the remittance nearly names " : "the remittance names ") + numbers_of(named));
        }
    }

    // No number to go by: the amount, among the payer's open invoices when the payer is known.
    if (out.debtor_id) {
        // The payer's open invoices in this currency, each with what it owes, in the debtor order.
        struct Open {
            int64_t owed;
            uint32_t index;
        };
        std::vector<Open> own;
        const auto [from, to] = positions_of(*out.debtor_id);
        for (uint32_t at = from; at < to; ++at) {
            if (owed_[at].currency == evidence.amount.currency && owed_[at].minor > 0)
                own.push_back({owed_[at].minor, debtor_order_[at]});
        }
        // Every way the amount is paid exactly by one, two or three of the payer's open invoices; certain
        // only when there is one way among all of them (so a payer with too many open invoices to search them
        // all gets suggestions). Combinations are searched only when the remittance names no invoice.
        std::vector<std::vector<const Invoice*>> exact;
        const bool searched_all = own.size() <= kCombinationInvoicesMax;
        for (const auto& open : own) {
            const int64_t owed = open.owed;
            if (owed == amount)
                exact.push_back({&invoices_[open.index]});
            else if (short_pay_tolerated(owed - amount, owed))
                suggest({{invoices_[open.index].id, amount, true}}, 50,
                        "the payer's invoice " + invoices_[open.index].number + " is short paid by " +
                            std::to_string(owed - amount) + " minor units");
        }
        if (searched_all && refs.empty()) {
            // Sorted by what they owe: the pairs that make a sum meet from both ends.
            auto sorted = own;
            std::sort(sorted.begin(), sorted.end(),
                      [](const Open& x, const Open& y) { return x.owed < y.owed; });
            const size_t n = sorted.size();
            const auto pairs_making = [&](size_t from_at, int64_t sum, const Open* third) {
                size_t lo = from_at, hi = n;
                while (hi > lo + 1 && exact.size() <= kMaxSuggestions) {
                    const int64_t total = sorted[lo].owed + sorted[hi - 1].owed;
                    if (total < sum) {
                        ++lo;
                    } else if (total > sum) {
                        --hi;
                    } else {
                        // Every pair with these two amounts is a way (equal amounts make several).
                        for (size_t i = lo; i < hi - 1 && sorted[i].owed == sorted[lo].owed; ++i) {
                            for (size_t j = hi - 1; j > i && sorted[j].owed == sorted[hi - 1].owed; --j) {
                                std::vector<const Invoice*> way{&invoices_[sorted[i].index],
                                                                &invoices_[sorted[j].index]};
                                if (third != nullptr)
                                    way.push_back(&invoices_[third->index]);
                                std::sort(way.begin(), way.end(), [](const Invoice* x, const Invoice* y) {
                                    return std::tie(x->due_date, x->id) < std::tie(y->due_date, y->id);
                                });
                                exact.push_back(std::move(way));
                            }
                        }
                        const int64_t low = sorted[lo].owed;
                        while (lo < hi && sorted[lo].owed == low)
                            ++lo;
                    }
                }
            };
            pairs_making(0, amount, nullptr);
            for (size_t a = 0; a + 2 < n && exact.size() <= kMaxSuggestions; ++a) {
                if (sorted[a].owed * 3 > amount)
                    break;  // the smallest of three is at most a third of the sum
                pairs_making(a + 1, amount - sorted[a].owed, &sorted[a]);
            }
        }
        // When the remittance names other invoices, an amount match is only a suggestion.
        if (exact.size() == 1 && refs.empty() && searched_all) {
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
    size_t looked = 0;
    for (auto it = std::lower_bound(amounts_.begin(), amounts_.end(), std::make_pair(amount, 0u));
         it != amounts_.end() && it->first == amount && looked < kMaxSuggestions * 2; ++it) {
        const auto& invoice = invoices_[it->second];
        if (invoice.currency == evidence.amount.currency && invoice.outstanding_minor() == amount &&
            (!out.debtor_id || invoice.debtor_id != *out.debtor_id)) {
            ++looked;
            suggest({{invoice.id, amount}}, 20,
                    "invoice " + invoice.number + " (" + format_id(IdKind::debtor, invoice.debtor_id) +
                        ") owes exactly this amount");
        }
    }
    std::stable_sort(suggestions.begin(), suggestions.end(),
                     [](const CashSuggestion& a, const CashSuggestion& b) { return a.score > b.score; });
    if (suggestions.size() > kMaxSuggestions)
        suggestions.resize(kMaxSuggestions);
    out.suggestions = std::move(suggestions);
    return out;
}

}  // namespace mf
