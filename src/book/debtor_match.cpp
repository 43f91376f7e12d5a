#include "book/debtor_match.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/ids.hpp"
#include "core/text.hpp"

namespace mf {
namespace {

constexpr std::array<std::string_view, 40> kLegalForms{
    "inc",     "incorporated", "llc",  "llp",   "lp",  "ltd", "limited", "corp", "corporation", "co",
    "company", "plc",          "gmbh", "ag",    "kg",  "ab",  "oy",      "oyj",  "as",          "asa",
    "aps",     "sa",           "sas",  "sarl",  "srl", "spa", "bv",      "nv",   "pty",         "pc",
    "pllc",    "kft",          "sro",  "spzoo", "ohg", "ug",  "se",      "lda",  "the",         "and"};

constexpr std::array<std::string_view, 12> kPublicMail{
    "gmail.com",  "googlemail.com", "yahoo.com", "outlook.com", "hotmail.com",    "live.com",
    "icloud.com", "me.com",         "aol.com",   "proton.me",   "protonmail.com", "gmx.de"};

bool is_legal_form(std::string_view word) {
    return std::find(kLegalForms.begin(), kLegalForms.end(), word) != kLegalForms.end();
}

std::string identifier_without_country(const std::string& id) {
    if (id.size() > 4 && std::isalpha(static_cast<unsigned char>(id[0])) &&
        std::isalpha(static_cast<unsigned char>(id[1])))
        return id.substr(2);
    return id;
}

// Levenshtein distance, bounded: names are short and a distance above `limit` is all we need to know.
size_t edit_distance(std::string_view a, std::string_view b, size_t limit) {
    if (a.size() > b.size())
        std::swap(a, b);
    if (b.size() - a.size() > limit)
        return limit + 1;
    std::vector<size_t> row(a.size() + 1);
    for (size_t i = 0; i <= a.size(); ++i)
        row[i] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
        size_t diagonal = row[0];
        row[0] = j;
        size_t best = row[0];
        for (size_t i = 1; i <= a.size(); ++i) {
            const size_t above = row[i];
            row[i] = std::min({row[i] + 1, row[i - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
            best = std::min(best, row[i]);
        }
        if (best > limit)
            return limit + 1;
    }
    return row[a.size()];
}

std::string describe(std::string_view what, std::string_view value, const Debtor& debtor) {
    return std::string(what) + " " + std::string(value) + " of " + debtor.name + " (" +
           format_id(IdKind::debtor, debtor.id) + ")";
}

DebtorMatch sure(const Debtor& debtor, MatchBasis basis, std::string explanation) {
    return DebtorMatch{debtor.id, basis, true, std::move(explanation)};
}

}  // namespace

std::string_view to_string(MatchBasis basis) {
    switch (basis) {
        case MatchBasis::debtor_id:
            return "debtor_id";
        case MatchBasis::tax_id:
            return "tax_id";
        case MatchBasis::email_domain:
            return "email_domain";
        case MatchBasis::name:
            return "name";
        case MatchBasis::similar_name:
            return "similar_name";
    }
    return "name";
}

std::string normalise_company_name(std::string_view name) {
    std::string cleaned;
    for (const char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte))
            cleaned += static_cast<char>(std::tolower(byte));
        else if (byte >= 0x80)
            cleaned += c;  // letters beyond ASCII are kept as written
        else if (c == '&')
            cleaned += " and ";
        else if (c != '.' && c != '\'')
            cleaned += ' ';  // "A.B." and "O'Neil" fold to "ab", "oneil"; other marks split words
    }
    // Words split on the spaces, without a stream: intake folds a name per row of a file.
    std::vector<std::string_view> kept;
    const std::string_view text(cleaned);
    for (size_t at = 0; at < text.size();) {
        const size_t begin = text.find_first_not_of(' ', at);
        if (begin == std::string_view::npos)
            break;
        const size_t end = std::min(text.find(' ', begin), text.size());
        kept.push_back(text.substr(begin, end - begin));
        at = end;
    }
    // Legal forms are folded from the end only ("Co-op Stores Co" keeps its first "co").
    while (kept.size() > 1 && is_legal_form(kept.back()))
        kept.pop_back();
    if (kept.size() > 1 && kept.front() == "the")
        kept.erase(kept.begin());
    std::string out;
    out.reserve(cleaned.size());
    for (const auto word : kept) {
        if (!out.empty())
            out += ' ';
        out += word;
    }
    return out;
}

bool same_identifier(std::string_view a, std::string_view b) {
    const auto x = normalise_identifier(a);
    const auto y = normalise_identifier(b);
    if (x.size() < 4 || y.size() < 4)
        return false;
    return x == y || identifier_without_country(x) == identifier_without_country(y);
}

std::string normalise_identifier(std::string_view id) {
    return letters_and_digits_upper(id);
}

std::string company_mail_domain(std::string_view email) {
    const auto at = email.rfind('@');
    if (at == std::string_view::npos || at + 1 >= email.size())
        return {};
    std::string domain;
    for (const char c : email.substr(at + 1))
        domain += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    while (!domain.empty() && (domain.back() == ' ' || domain.back() == '>'))
        domain.pop_back();
    if (std::find(kPublicMail.begin(), kPublicMail.end(), domain) != kPublicMail.end())
        return {};
    return domain;
}

DebtorDirectory::DebtorDirectory(std::vector<Debtor> debtors) : debtors_(std::move(debtors)) {
    std::sort(debtors_.begin(), debtors_.end(), [](const Debtor& a, const Debtor& b) { return a.id < b.id; });
    names_.reserve(debtors_.size());
    for (size_t i = 0; i < debtors_.size(); ++i) {
        const auto& debtor = debtors_[i];
        if (const auto id = normalise_identifier(debtor.tax_id); id.size() >= 4)
            by_identifier_[identifier_without_country(id)].push_back(i);
        if (const auto domain = company_mail_domain(debtor.email); !domain.empty())
            by_domain_[domain].push_back(i);
        names_.push_back(normalise_company_name(debtor.name));
        by_name_[names_.back()].push_back(i);
    }
}

const Debtor* DebtorDirectory::find(int64_t id) const {
    const auto found =
        std::lower_bound(debtors_.begin(), debtors_.end(), id,
                         [](const Debtor& debtor, int64_t wanted) { return debtor.id < wanted; });
    return found != debtors_.end() && found->id == id ? &*found : nullptr;
}

std::optional<int64_t> DebtorDirectory::named(std::string_view name) const {
    return named_normalised(normalise_company_name(name));
}

std::optional<int64_t> DebtorDirectory::named_normalised(std::string_view normalised) const {
    const auto found = by_name_.find(std::string(normalised));
    if (found == by_name_.end() || found->first.empty() || found->second.size() != 1)
        return std::nullopt;
    return debtors_[found->second.front()].id;
}

DebtorMatch DebtorDirectory::match(const formats::PartyIdentity& party) const {
    // 1. Our own id, when the file carries it as we write it (CSV debtor_ref "dbt_3"). A bare number is not
    // ours: it is the seller's own customer number (QuickBooks CustomerRef "58", a UBL PartyIdentification),
    // and our debtor 58 may be some other company.
    if (party.external_ref.starts_with(std::string(id_prefix(IdKind::debtor)) + "_")) {
        if (auto id = parse_id(IdKind::debtor, party.external_ref, "debtor_ref")) {
            if (const auto* debtor = find(id.value()))
                return sure(*debtor, MatchBasis::debtor_id, describe("id", party.external_ref, *debtor));
        }
    }
    // 2. Registration or tax id: one debtor with that id is certain.
    for (const auto* id : {&party.tax_id, &party.registration_id, &party.external_ref, &party.endpoint_id}) {
        std::string value = *id;
        if (id == &party.endpoint_id && value.find(':') != std::string::npos)
            value = value.substr(value.find(':') + 1);  // "0088:7300010000001" names the id after the scheme
        const auto normalised = normalise_identifier(value);
        if (normalised.size() < 4)
            continue;
        const auto found = by_identifier_.find(identifier_without_country(normalised));
        if (found != by_identifier_.end() && found->second.size() == 1) {
            const auto& debtor = debtors_[found->second.front()];
            return sure(debtor, MatchBasis::tax_id, describe("tax id", value, debtor));
        }
    }
    // 3. The e-mail domain, when it is a company's own and only one debtor has it.
    if (const auto domain = company_mail_domain(party.email); !domain.empty()) {
        const auto found = by_domain_.find(domain);
        if (found != by_domain_.end() && found->second.size() == 1) {
            const auto& debtor = debtors_[found->second.front()];
            return sure(debtor, MatchBasis::email_domain, describe("e-mail domain", domain, debtor));
        }
    }
    // 4. The name with legal forms folded; 5. a near name is only a suggestion.
    const auto name = normalise_company_name(party.name);
    if (name.empty())
        return DebtorMatch{std::nullopt, MatchBasis::name, false, "the file names no debtor"};
    if (const auto exact = by_name_.find(name); exact != by_name_.end()) {
        const auto& debtor = debtors_[exact->second.front()];
        if (exact->second.size() == 1)
            return sure(debtor, MatchBasis::name, describe("name", party.name, debtor));
        return DebtorMatch{
            debtor.id, MatchBasis::name, false,
            "several debtors are named " + party.name + "; the file gives no id to tell them apart"};
    }
    const Debtor* near = nullptr;
    size_t near_distance = 3;
    for (size_t i = 0; i < debtors_.size(); ++i) {
        const auto& other = names_[i];
        const size_t limit = std::min<size_t>(2, std::max(name.size(), other.size()) / 6);
        const size_t distance = edit_distance(name, other, limit);
        if (distance <= limit && distance < near_distance) {
            near = &debtors_[i];
            near_distance = distance;
        }
    }
    if (near != nullptr)
        return DebtorMatch{near->id, MatchBasis::similar_name, false,
                           "no debtor is named " + party.name + "; the nearest is " + near->name + " (" +
                               format_id(IdKind::debtor, near->id) + ")"};
    return DebtorMatch{std::nullopt, MatchBasis::name, false,
                       "no debtor of the book matches " + party.name + ": add the debtor first"};
}

DebtorMatch match_debtor(const formats::PartyIdentity& party, const std::vector<Debtor>& debtors) {
    return DebtorDirectory(debtors).match(party);
}

}  // namespace mf
