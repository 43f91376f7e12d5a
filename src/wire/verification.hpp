// The JSON form of verification and notice-of-assignment records (API.md spelling, shared by the API and the
// CLI's --json). A policy's threshold is money in its client's currency, so it is written with it.
// Thread-safety: pure functions.
#pragma once

#include <boost/json.hpp>

#include "book/verification_inputs.hpp"
#include "core/verification.hpp"

namespace mf {

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const VerificationRecord& record);
// A link as staff see it: its id, purpose, subject and instants; never the token or its hash.
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const DebtorLink& link);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const NoticeStatus& notice);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const NoaQueueRow& row);
// {"record": {...}, "invoice": {...}}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const VerificationOutcome& outcome);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const VerificationStanding& standing);

}  // namespace mf

namespace mf::wire {

boost::json::object policy_json(const VerificationPolicy& policy, Currency currency);
// What a debtor sees through a link: the one invoice's number, amount and dates (never the client's terms),
// the parties, the factor's remittance instructions, the assignment legend and the pair's notice.
boost::json::object debtor_link_json(const DebtorLinkView& view, const std::string& legend);

}  // namespace mf::wire
