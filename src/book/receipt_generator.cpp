#include "book/receipt_generator.hpp"

#include <algorithm>
#include <array>

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

}  // namespace

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
}

const Debtor& ReceiptGenerator::debtor_of(const Invoice& invoice) const {
    for (const auto& debtor : debtors_) {
        if (debtor.id == invoice.debtor_id)
            return debtor;
    }
    return debtors_.front();
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
    const auto take_sibling = [&](const Invoice& first) -> const Invoice* {
        for (size_t i = next; i < invoices_.size(); ++i) {
            if (!used[i] && invoices_[i].debtor_id == first.debtor_id &&
                invoices_[i].currency == first.currency) {
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
