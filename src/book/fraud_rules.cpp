#include "book/fraud_rules.hpp"

#include "book/debtor_match.hpp"
#include "core/ids.hpp"

namespace mf {

std::optional<Breach> double_pledge(const std::vector<InvoiceKey>& open_keys, const Debtor& debtor,
                                    int64_t client_id, int64_t invoice_id, int64_t face_minor,
                                    Date issue_date) {
    for (const auto& key : open_keys) {
        if (key.id != invoice_id && key.client_id != client_id && key.face_minor == face_minor &&
            key.issue_date == issue_date) {
            // Staff see which invoice; the client is not told who the other client is (the audit trail is
            // staff's).
            return Breach{"possible_double_pledge", "another client's open invoice to " + debtor.name +
                                                        " has the same amount and date (" +
                                                        format_id(IdKind::invoice, key.id) + ")"};
        }
    }
    return std::nullopt;
}

std::optional<std::string> shared_identity(const Client& client, const Debtor& debtor) {
    if (same_identifier(client.tax_id, debtor.tax_id))
        return std::string("tax id");
    if (const auto domain = company_mail_domain(client.email);
        !domain.empty() && domain == company_mail_domain(debtor.email))
        return "e-mail domain " + domain;
    return std::nullopt;
}

std::optional<Breach> related_party(const Client& client, const Debtor& debtor) {
    if (const auto shared = shared_identity(client, debtor))
        return Breach{"related_party",
                      "debtor " + debtor.name + " shares its " + *shared + " with the client"};
    return std::nullopt;
}

}  // namespace mf
