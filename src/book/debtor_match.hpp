// Which debtor of the book a file's customer is (FORMATS.md): registration or tax id first, then the e-mail
// domain, then the normalised name with legal-form suffixes folded. A match that is not certain is named as
// such, so a person decides. Pure functions of their arguments; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/model.hpp"
#include "formats/records.hpp"

namespace mf {

enum class MatchBasis { debtor_id, tax_id, email_domain, name, similar_name };

struct DebtorMatch {
    std::optional<int64_t> debtor_id;  // the debtor, or the best candidate when not sure
    MatchBasis basis = MatchBasis::name;
    bool sure = false;
    std::string explanation;  // for people: "tax id SE5566778899 of Acme AB (dbt_3)"
};

std::string_view to_string(MatchBasis basis);

// "ACME Corp., Inc." -> "acme": lower case, punctuation dropped, legal forms (Inc, LLC, Ltd, GmbH, AB, ...)
// folded away, spaces collapsed.
std::string normalise_company_name(std::string_view name);
// "SE 556677-8899" -> "SE5566778899": upper case, separators dropped.
std::string normalise_identifier(std::string_view id);
// Two registration or tax ids are the same company's: equal once normalised (at least 4 characters), or equal
// without a 2-letter country prefix ("SE5566778899" and "5566778899").
bool same_identifier(std::string_view a, std::string_view b);
// The domain of an e-mail address in lower case; empty for public mail services (gmail.com, ...), which say
// nothing about who the sender is.
std::string company_mail_domain(std::string_view email);

// The debtor master indexed once by id, registration/tax id, company mail domain and folded name, so matching
// the customers of a file of a million rows costs a few lookups a row.
class DebtorDirectory {
  public:
    explicit DebtorDirectory(std::vector<Debtor> debtors);
    DebtorMatch match(const formats::PartyIdentity& party) const;
    const Debtor* find(int64_t id) const;
    // The one debtor whose folded name is the folded `name`; none when no debtor or several are.
    std::optional<int64_t> named(std::string_view name) const;
    // The same for a name already through normalise_company_name.
    std::optional<int64_t> named_normalised(std::string_view normalised) const;
    const std::vector<Debtor>& debtors() const { return debtors_; }

  private:
    std::vector<Debtor> debtors_;                                         // by id
    std::vector<std::string> names_;                                      // folded name per debtor
    std::unordered_map<std::string, std::vector<size_t>> by_identifier_;  // without the country prefix
    std::unordered_map<std::string, std::vector<size_t>> by_domain_;
    std::unordered_map<std::string, std::vector<size_t>> by_name_;
};

// One match against a list, for callers with a handful of parties; files use a DebtorDirectory.
DebtorMatch match_debtor(const formats::PartyIdentity& party, const std::vector<Debtor>& debtors);

}  // namespace mf
