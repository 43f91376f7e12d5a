// The route table of the API: every use case and report of book/ and the sign-in routes, each with the roles
// that may call it. docs/api.md describes them; src/api/openapi.json is their OpenAPI 3.1 document (a test
// checks the two agree). Thread-safety: build once, before serving.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "api/metrics.hpp"
#include "api/router.hpp"

namespace mf::api {

// Adds every route of the API to the router.
void add_routes(Router& router);
// GET /metrics, counted by `metrics` (which must outlive the router).
void add_metrics_route(Router& router, Metrics& metrics);

void add_access_routes(Router& router);
void add_party_routes(Router& router);
void add_invoice_routes(Router& router);
void add_cash_routes(Router& router);
void add_report_routes(Router& router);
void add_file_routes(Router& router);
void add_payout_file_routes(Router& router);
void add_document_routes(Router& router);
void add_verification_routes(Router& router);
void add_underwriting_routes(Router& router);
void add_auto_approval_routes(Router& router);
void add_mail_routes(Router& router);

// ---- shared by the route files ----

// A client statement's ?from&to, by default the month to date.
struct Period {
    Date from, to;
};
Result<Period> statement_period(Call& call);

inline Reply json_reply(boost::json::value body, unsigned status = 200) {
    Reply reply;
    reply.status = status;
    reply.body = std::move(body);
    return reply;
}
template <class T>
Reply reply_of(const T& value, unsigned status = 200) {
    return json_reply(boost::json::value_from(value), status);
}

// ?limit= (default 50, at most 500) and ?cursor= (the id after which the page starts).
struct PageRequest {
    int64_t limit = 50;
    int64_t after_id = 0;
};
Result<PageRequest> page_request(const Call& call, IdKind kind);

// A page of records already in id order: {"data": [...], "next_cursor": ...}.
template <class T>
Reply page_reply(const std::vector<T>& records, const PageRequest& page, IdKind kind) {
    boost::json::array data;
    int64_t last_id = 0;
    bool more = false;
    for (const auto& record : records) {
        if (record.id <= page.after_id)
            continue;
        if (static_cast<int64_t>(data.size()) == page.limit) {
            more = true;
            break;
        }
        data.push_back(boost::json::value_from(record));
        last_id = record.id;
    }
    boost::json::object body{{"data", std::move(data)}};
    body["next_cursor"] = more ? boost::json::value(format_id(kind, last_id)) : boost::json::value(nullptr);
    return json_reply(std::move(body));
}

// The same error naming the request's field (parsers name a generic one, or none).
template <class T>
Result<T> named(Result<T> result, const std::string& field) {
    if (!result) {
        Error error = result.error();
        error.field = field;
        return error;
    }
    return result;
}

}  // namespace mf::api
