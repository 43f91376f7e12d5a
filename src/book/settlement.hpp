// Settling an invoice's fee when it leaves the funded state, shared by collection, dilution, chargeback,
// write-off and close-day. Not part of the public API. Thread-safety: functions over a Transaction.
#pragma once

#include <vector>

#include "core/model.hpp"
#include "store/store.hpp"

namespace mf::detail {

// Posts the delta between the fee to `as_of` and what close-day already accrued for the invoice (with the
// invoice's id on the postings), records the settled fee, and moves the invoice to `to`. The invoice row
// itself is written by the caller. The fee entry, when one is booked, is added to `booked` if given (a
// receipt reports every entry its call booked).
Status settle_fee_and_leave_funded(Transaction& tx, const BookSettings& settings, Invoice& invoice,
                                   Date as_of, InvoiceState to, std::vector<JournalEntry>* booked = nullptr);

}  // namespace mf::detail
