#include "book/receipt_generator.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

namespace mf {
namespace {

constexpr std::array<std::pair<ReceiptKind, int>, 9> kMix{{
    {ReceiptKind::single_clean, 30},
    {ReceiptKind::single_typo, 8},
    {ReceiptKind::single_no_reference, 12},
    {ReceiptKind::digits_only, 6},
    {ReceiptKind::combined, 14},
    {ReceiptKind::combined_no_reference, 5},
    {ReceiptKind::partial, 7},
    {ReceiptKind::short_pay, 8},
    {ReceiptKind::unrelated, 10},
}};

constexpr std::array<std::string_view, 6> kUnrelatedPayers{"INTEREST CREDIT",
                                                           "Tax refund IRS",
                                                           "Card settlement Stripe",
                                                           "J. Smith",
                                                           "Vendor refund Office Depot",
                                                           "Transfer from savings"};

constexpr std::array<std::string_view, 40> kNameWords{
    "Northwind", "Globex",     "Initech",    "Umbrella", "Stark",        "Wayne",      "Acme",    "Hooli",
    "Vandelay",  "Soylent",    "Cyberdyne",  "Tyrell",   "Wonka",        "Gringotts",  "Oceanic", "Massive",
    "Pied",      "Dunder",     "Sterling",   "Prestige", "Monarch",      "Bluth",      "Krusty",  "Sirius",
    "Aperture",  "Black Mesa", "Virtucon",   "Zorg",     "Nakatomi",     "Gekko",      "Duff",    "Spacely",
    "Cogswell",  "Wernham",    "Ollivander", "Kwik",     "Paper Street", "Big Kahuna", "Lacuna",  "Rekall"};
constexpr std::array<std::string_view, 25> kPlaceWords{
    "Harbor",  "Valley",    "Summit",  "River",    "Prairie",  "Coastal", "Metro",   "Granite",  "Lakeside",
    "Pacific", "Atlantic",  "Central", "Northern", "Southern", "Eastern", "Western", "Highland", "Golden",
    "Silver",  "Evergreen", "Redwood", "Maple",    "Cedar",    "Pine",    "Oak"};
constexpr std::array<std::string_view, 20> kKindWords{
    "Traders Inc",  "Logistics LLC", "Foods Ltd",    "Supply Co",      "Industries Inc",
    "Hardware LLC", "Freight Corp",  "Builders Inc", "Textiles Ltd",   "Pharmacy LLC",
    "Motors Inc",   "Electric Co",   "Printing LLC", "Dairy Corp",     "Packaging Inc",
    "Plastics Ltd", "Lumber Co",     "Marine LLC",   "Outfitters Inc", "Systems Corp"};

}  // namespace

SyntheticPortfolio synthetic_portfolio(uint64_t seed, int64_t clients, int64_t debtors, int64_t invoices) {
    std::mt19937_64 random(seed);
    SyntheticPortfolio out;
    const auto usd = Currency::from_code("USD").value();
    for (int64_t d = 0; d < debtors; ++d) {
        const auto at = static_cast<size_t>(d);
        std::string name(kNameWords[at % kNameWords.size()]);
        if (debtors > static_cast<int64_t>(kNameWords.size()))
            name.append(" ").append(kPlaceWords[(at / kNameWords.size()) % kPlaceWords.size()]);
        name.append(" ").append(
            kKindWords[(at / (kNameWords.size() * kPlaceWords.size())) % kKindWords.size()]);
        out.debtors.push_back({d + 1, std::move(name), usd, 0, "", ""});
    }
    out.invoices.reserve(static_cast<size_t>(invoices));
    std::vector<int64_t> next_number(static_cast<size_t>(clients), 1000);
    std::uniform_int_distribution<int64_t> pick_client(1, clients), pick_debtor(1, debtors);
    const Date start = Date::from_ymd(2026, 7, 1).value();
    for (int64_t id = 1; id <= invoices; ++id) {
        const int64_t client = pick_client(random);
        const int64_t n = next_number[static_cast<size_t>(client - 1)]++;
        std::string number;
        switch (client % 4) {  // each client's house style
            case 0:
                number = "INV-" + std::to_string(n);
                break;
            case 1:
                number = std::to_string(n);
                break;
            case 2: {
                std::string digits = std::to_string(n);
                number.push_back(static_cast<char>('A' + client % 26));
                number.push_back('-');
                number.append(digits.size() < 6 ? 6 - digits.size() : 0, '0').append(digits);
                break;
            }
            default:
                number = "2026/" + std::to_string(n);
                break;
        }
        Invoice invoice;
        invoice.id = id;
        invoice.client_id = client;
        invoice.debtor_id = pick_debtor(random);
        invoice.number = std::move(number);
        invoice.currency = usd;
        // Round amounts repeat, as real invoices' do.
        invoice.face_minor = std::uniform_int_distribution<int>(0, 3)(random) == 0
                                 ? std::uniform_int_distribution<int64_t>(1, 20)(random) * 500'00
                                 : std::uniform_int_distribution<int64_t>(100'00, 25'000'00)(random);
        invoice.state = InvoiceState::funded;
        invoice.issue_date = start.plus_days(static_cast<int32_t>(id % 90));
        invoice.due_date = invoice.issue_date.plus_days(30);
        out.invoices.push_back(std::move(invoice));
    }
    return out;
}

std::string_view to_string(ReceiptKind kind) {
    switch (kind) {
        case ReceiptKind::single_clean:
            return "single_clean";
        case ReceiptKind::single_typo:
            return "single_typo";
        case ReceiptKind::single_no_reference:
            return "single_no_reference";
        case ReceiptKind::digits_only:
            return "digits_only";
        case ReceiptKind::combined:
            return "combined";
        case ReceiptKind::combined_no_reference:
            return "combined_no_reference";
        case ReceiptKind::partial:
            return "partial";
        case ReceiptKind::short_pay:
            return "short_pay";
        case ReceiptKind::unrelated:
            return "unrelated";
    }
    return "unrelated";
}

ReceiptGenerator::ReceiptGenerator(uint64_t seed, std::vector<Invoice> open_invoices,
                                   std::vector<Debtor> debtors)
    : random_(seed), invoices_(std::move(open_invoices)), debtors_(std::move(debtors)) {
    std::shuffle(invoices_.begin(), invoices_.end(), random_);
    std::sort(debtors_.begin(), debtors_.end(), [](const Debtor& a, const Debtor& b) { return a.id < b.id; });
}

const Debtor& ReceiptGenerator::debtor_of(const Invoice& invoice) const {
    const auto found = std::lower_bound(debtors_.begin(), debtors_.end(), invoice.debtor_id,
                                        [](const Debtor& debtor, int64_t id) { return debtor.id < id; });
    return found != debtors_.end() && found->id == invoice.debtor_id ? *found : debtors_.front();
}

// How payers' banks write their names: upper case, legal form spelled out or dropped, now and then a typo.
std::string ReceiptGenerator::payer_name(const Debtor& debtor) {
    std::string name = debtor.name;
    switch (std::uniform_int_distribution<int>(0, 5)(random_)) {
        case 0:
            std::transform(name.begin(), name.end(), name.begin(),
                           [](unsigned char c) { return std::toupper(c); });
            break;
        case 1:
            name += ", Inc.";
            break;
        case 2:
            name = typo(name);
            break;
        default:
            break;
    }
    return name;
}

std::string ReceiptGenerator::typo(std::string text) {
    if (text.size() < 4)
        return text;
    const size_t at = std::uniform_int_distribution<size_t>(1, text.size() - 2)(random_);
    switch (std::uniform_int_distribution<int>(0, 2)(random_)) {
        case 0:
            std::swap(text[at], text[at + 1]);
            break;
        case 1:
            text.erase(at, 1);
            break;
        default:
            text[at] = std::isdigit(static_cast<unsigned char>(text[at]))
                           ? static_cast<char>('0' + (text[at] - '0' + 1) % 10)
                           : 'x';
            break;
    }
    return text;
}

std::string ReceiptGenerator::remittance_for(const std::vector<const Invoice*>& invoices) {
    static constexpr std::array<std::string_view, 4> kLead{"INV ", "Payment for ", "Invoices ", "REF: "};
    std::string text(kLead[std::uniform_int_distribution<size_t>(0, kLead.size() - 1)(random_)]);
    for (size_t i = 0; i < invoices.size(); ++i)
        text += (i == 0 ? "" : (i + 1 == invoices.size() ? " and " : ", ")) + invoices[i]->number;
    return text;
}

std::vector<GeneratedReceipt> ReceiptGenerator::generate(size_t count) {
    std::vector<int> weights;
    for (const auto& [kind, weight] : kMix)
        weights.push_back(weight);
    std::discrete_distribution<size_t> pick(weights.begin(), weights.end());
    size_t next = 0;
    std::vector<GeneratedReceipt> out;
    std::vector<bool> used(invoices_.size(), false);
    const auto take = [&]() -> const Invoice* {
        while (next < invoices_.size() && used[next])
            ++next;
        if (next == invoices_.size())
            return nullptr;
        used[next] = true;
        return &invoices_[next++];
    };
    // Each debtor's invoices in the shuffled order, and how far along each list siblings have been taken.
    std::unordered_map<int64_t, std::pair<std::vector<size_t>, size_t>> of_debtor;
    for (size_t i = 0; i < invoices_.size(); ++i)
        of_debtor[invoices_[i].debtor_id].first.push_back(i);
    const auto take_sibling = [&](const Invoice& first) -> const Invoice* {
        auto& [list, cursor] = of_debtor[first.debtor_id];
        for (; cursor < list.size(); ++cursor) {
            const size_t i = list[cursor];
            if (i >= next && !used[i] && invoices_[i].currency == first.currency) {
                used[i] = true;
                return &invoices_[i];
            }
        }
        return nullptr;
    };
    while (out.size() < count) {
        GeneratedReceipt receipt;
        receipt.kind = kMix[pick(random_)].first;
        if (receipt.kind == ReceiptKind::unrelated) {
            const auto& currency =
                invoices_.empty() ? Currency::from_code("USD").value() : invoices_.front().currency;
            receipt.evidence.amount =
                Money{std::uniform_int_distribution<int64_t>(1'00, 20'000'00)(random_), currency};
            receipt.evidence.payer = std::string(kUnrelatedPayers[std::uniform_int_distribution<size_t>(
                0, kUnrelatedPayers.size() - 1)(random_)]);
            receipt.evidence.remittance =
                "ref " + std::to_string(std::uniform_int_distribution<int>(10000, 99999)(random_));
            out.push_back(std::move(receipt));
            continue;
        }
        const Invoice* first = take();
        if (first == nullptr)
            break;
        std::vector<const Invoice*> paid{first};
        if (receipt.kind == ReceiptKind::combined || receipt.kind == ReceiptKind::combined_no_reference) {
            const int extra = std::uniform_int_distribution<int>(1, 2)(random_);
            for (int i = 0; i < extra; ++i) {
                if (const auto* sibling = take_sibling(*first))
                    paid.push_back(sibling);
            }
        }
        const auto& debtor = debtor_of(*first);
        receipt.evidence.payer = payer_name(debtor);
        int64_t amount = 0;
        for (const auto* invoice : paid) {
            receipt.truth.push_back({invoice->id, invoice->outstanding_minor()});
            amount += invoice->outstanding_minor();
        }
        switch (receipt.kind) {
            case ReceiptKind::single_clean:
            case ReceiptKind::combined:
                receipt.evidence.remittance = remittance_for(paid);
                break;
            case ReceiptKind::single_typo:
                receipt.evidence.remittance = "Invoice " + typo(first->number);
                break;
            case ReceiptKind::digits_only: {
                std::string digits;
                for (const char c : first->number) {
                    if (std::isdigit(static_cast<unsigned char>(c)))
                        digits += c;
                }
                receipt.evidence.remittance = "payment " + digits;
                break;
            }
            case ReceiptKind::partial: {
                amount = amount * std::uniform_int_distribution<int>(20, 80)(random_) / 100;
                receipt.truth = {{first->id, amount}};
                receipt.evidence.remittance = "Part payment " + first->number;
                break;
            }
            case ReceiptKind::short_pay: {
                const int64_t fee = std::min<int64_t>(std::max<int64_t>(amount / 200, 1), 25'00);
                amount -= fee;
                receipt.truth = {{first->id, amount, true}};
                receipt.evidence.remittance = first->number + " less bank charges";
                break;
            }
            default:
                break;  // no reference at all
        }
        receipt.evidence.amount = Money{amount, first->currency};
        out.push_back(std::move(receipt));
    }
    return out;
}

}  // namespace mf
