// Checks of where money goes out, shared by the client and settings use cases: a client's payout account and
// the factor as originator, validated with the payout-file validators of formats/. Not part of the public
// API. Thread-safety: pure functions.
#pragma once

#include "book/inputs.hpp"
#include "core/model.hpp"

namespace mf::detail {

// The account with the change applied (IBAN, BIC and account numbers upper-cased, spaces dropped), checked:
// ACH (valid routing check digit, 1-17 character account number) only for USD clients, IBAN (mod 97, length)
// and BIC only for EUR clients.
Result<PayoutAccount> changed_payout_account(const PayoutAccount& current, const PayoutAccountChange& change,
                                             Currency currency);
bool changes_payout_account(const PayoutAccountChange& change);

// Applies the originator fields of a settings change, checking routing numbers, IBAN and BIC.
Status apply_originator_change(PayoutOriginator& originator, const SettingsChange& change);
bool changes_originator(const SettingsChange& change);

}  // namespace mf::detail
