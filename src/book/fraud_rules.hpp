// The fraud rules that intake and approval share (issue 4): an invoice another client has also pledged, and a
// debtor that is the client itself or its relative. Pure functions of their arguments; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/limits.hpp"
#include "core/model.hpp"
#include "store/store.hpp"

namespace mf {

// "possible_double_pledge": another client's open invoice to the same debtor with the same face and issue
// date. `open_keys` are the debtor's open invoices; the invoice itself (by id) and the client's own are
// skipped.
std::optional<Breach> double_pledge(const std::vector<InvoiceKey>& open_keys, const Debtor& debtor,
                                    int64_t client_id, int64_t invoice_id, int64_t face_minor,
                                    Date issue_date);

// What a client and a debtor share that makes them related ("tax id", "e-mail domain acme.test"); none when
// nothing.
std::optional<std::string> shared_identity(const Client& client, const Debtor& debtor);
// "related_party" for an approver, from shared_identity.
std::optional<Breach> related_party(const Client& client, const Debtor& debtor);

}  // namespace mf
