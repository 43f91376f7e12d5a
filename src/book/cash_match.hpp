// Cash application: which open invoices a receipt pays. Evidence is the payer's identity, the invoice numbers
// in the remittance text, and the amounts (one invoice, several, a partial payment, a short pay). Only what
// is certain is applied without a person (precision before recall); the rest is ranked suggestions for a
// collector. Pure functions of their arguments; thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "book/debtor_match.hpp"
#include "book/inputs.hpp"
#include "core/huge_pages.hpp"
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
    Currency currency;                        // of the receipt, and so of every amount above
};

// The open funded invoices and the debtor master a run of matching works over, indexed once.
class CashMatcher {
  public:
    static constexpr size_t kMaxSuggestions = 5;
    // Short pays within this share of the invoice (1%) or this many minor units (25.00) are suggested as
    // "close short" for a collector to confirm; they are never applied by themselves.
    static constexpr int64_t kShortPayPpm = 10'000;
    static constexpr int64_t kShortPayMinorMax = 25'00;

    // How the index is built: on two threads (each builds its own half, so the index is the same), or on the
    // calling thread alone.
    enum class Threads { two, one };

    CashMatcher(std::vector<Invoice> open_invoices, std::vector<Debtor> debtors,
                Threads threads = Threads::two);

    // Who the payer is, as far as the debtor master tells: said by the receipt, the one debtor of that name,
    // or else the one debtor whose name is a slip away. Reads only the debtor master, never what is open.
    struct Payer {
        std::optional<int64_t> debtor_id;
        std::optional<int64_t> resembled;
    };
    Payer identify(const CashEvidence& evidence) const;

    CashMatch match(const CashEvidence& evidence) const;
    CashMatch match(const CashEvidence& evidence, const Payer& payer) const;
    // What a run of matching has applied since the index was built, so later receipts see what is left.
    void record_applied(const Application& application);
    // Matches `receipts` in their order, handing each decision to `decided` (which may record_applied it)
    // before the next receipt is matched; stops when `decided` returns false. The payers are identified on a
    // second thread ahead of the matching: that reads only the debtor master, which nothing here changes, so
    // the decisions are the ones matching each receipt in turn on one thread gives.
    void match_in_order(std::span<const CashEvidence> receipts,
                        const std::function<bool(size_t, CashMatch&&)>& decided);

    // Invoice numbers folded for comparison: upper case, separators dropped ("inv-00123" -> "INV00123").
    static std::string fold_reference(std::string_view text);

  private:
    // A number the remittance names: the open invoices it may mean (of the payer's, when the payer is known),
    // and whether the word only nearly names them (a typo, the digits alone).
    struct Reference {
        std::vector<uint32_t> invoices;
        bool fuzzy = false;
    };
    std::vector<Reference> references(const CashEvidence& evidence, std::optional<int64_t> payer) const;
    // The debtors whose name the payer's is, but for a slip (a letter wrong, missing, extra, or two swapped).
    // `normalised` is the payer's name through normalise_company_name.
    std::vector<int64_t> near_debtors(std::string_view payer, std::string_view normalised) const;
    // The two halves of the index, which share nothing but the invoices they read.
    void index_numbers();
    void index_debtors();
    std::optional<uint32_t> index_of(int64_t invoice_id) const;
    bool owes_exactly(int64_t debtor_id, int64_t amount_minor, Currency currency) const;
    std::span<const uint32_t> of_debtor(int64_t debtor_id) const;
    std::pair<uint32_t, uint32_t> positions_of(int64_t debtor_id) const;  // [begin, end) in debtor_order_
    // Open invoices whose folded number is `folded`, or whose number's digits are `digits`, of one debtor or
    // of anyone's; more than kCandidatesPerReferenceMax + 1 are never looked at.
    std::vector<uint32_t> with_number(std::string_view folded, bool digits,
                                      std::optional<int64_t> debtor) const;
    static uint64_t number_key(std::string_view folded, bool digits, std::optional<int64_t> debtor);
    int64_t outstanding(uint32_t index) const { return invoices_[index].outstanding_minor(); }

    // Indexes are sorted vectors and hashes built once, so a million open invoices index in well under a
    // second and a receipt costs a few lookups. The big ones are filled on huge pages where the kernel has
    // them.
    template <class T>
    using Table = std::vector<T, HugePageAllocator<T>>;
    std::vector<Invoice> invoices_;
    Table<std::string> folded_;  // folded number per invoice
    // Its length and how many digits it has (255: that many or more): a number one slip from another differs
    // from it by one at most in each, so most of a payer's invoices are passed over without a comparison.
    struct NumberShape {
        static constexpr uint8_t kUnknown = 255;
        uint8_t size = 0, digits = 0;
        static NumberShape of(std::string_view folded);
        bool may_be_one_slip_from(NumberShape other) const;
    };
    Table<NumberShape> shapes_;
    // Hashes to positions, sorted, with a table of where each leading-bits bucket starts: a lookup is one or
    // two cache misses however many entries there are. An entry is 8 bytes: the hash's leading bits, then the
    // position. A lookup may so also return a position whose hash differs in the low bits: callers check what
    // the hash stands for (as they must for a whole hash too).
    struct HashIndex {
        Table<uint64_t> entries;
        Table<uint32_t> buckets;  // first entry of each bucket, and the end
        int shift = 64;
        uint64_t position_mask = 0;
        // Before adding: room for `count` entries of positions below `positions`.
        void prepare(size_t positions, size_t count);
        void add(uint64_t hash, uint32_t position) { entries.push_back((hash & ~position_mask) | position); }
        void build();
        std::span<const uint64_t> find(uint64_t hash) const;
        uint32_t position(uint64_t entry) const { return static_cast<uint32_t>(entry & position_mask); }
    };
    HashIndex number_keys_;         // number_key of each invoice (four kinds)
    Table<uint32_t> debtor_order_;  // by debtor, then due date, then id
    // What each invoice of debtor_order_ owes now (kept by record_applied) and its currency, side by side, so
    // a payer's open invoices are read without touching the invoices; and where each invoice is in the order.
    struct Owed {
        int64_t minor = 0;
        Currency currency;
    };
    Table<Owed> owed_;
    Table<uint32_t> positions_;
    std::vector<std::tuple<int64_t, uint32_t, uint32_t>> debtor_ranges_;  // debtor, [begin, end) of the order
    Table<std::pair<int64_t, uint32_t>> amounts_;  // outstanding when indexed (checked again on use)
    // Invoice id -> position: a table from the lowest id when the ids are dense enough, else sorted pairs.
    Table<uint32_t> by_id_;
    int64_t first_id_ = 0;
    std::vector<std::pair<int64_t, uint32_t>> ids_;
    DebtorDirectory debtors_;
    std::vector<std::pair<std::string, std::string>> debtor_forms_;  // per debtor: folded, and all letters
    HashIndex name_keys_;                                            // hash of a form or a deletion -> debtor
};

}  // namespace mf
