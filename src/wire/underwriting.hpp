// The JSON form of underwriting (book/underwriting.hpp): debtor credit with its evidence, bureau scores,
// credit reviews and client applications, for the API and the CLI's --json (conventions: records.hpp).
// Thread-safety: pure functions.
#pragma once

#include <boost/json.hpp>

#include "book/underwriting.hpp"
#include "store/store.hpp"

namespace mf {

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const BureauScore& score);
// {"debtor", "as_of", "score", "grade", "history_score", "bureau_score", "suggested_limit", "review": {...},
//  "evidence": {...}}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const DebtorCredit& credit);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const DebtorCreditReport& report);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const BureauImportResult& result);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const ClientApplication& application);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const ApplicationDecision& decision);

}  // namespace mf

namespace mf::wire {
// A review with its limit in the debtor's currency.
boost::json::object credit_review_json(const CreditReview& review, Currency currency);
}  // namespace mf::wire
