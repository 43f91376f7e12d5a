// The JSON form of the e-mail outbox (docs/api.md "Outbox"): a mail with its delivery state, and what a
// delivery run did. The mail's secret link is never written. Thread-safety: pure functions.
#pragma once

#include <boost/json.hpp>

#include "book/outbox.hpp"

namespace mf {

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const OutboxMail& mail);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const DeliveryRun& run);

}  // namespace mf
