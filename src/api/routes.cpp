// The whole route table, the operational routes (health, metrics, the OpenAPI document) and the paging
// helper the list routes share.
#include "api/routes.hpp"

#include <charconv>

#include "api/openapi.hpp"

namespace mf::api {
namespace {

Result<Reply> healthz(Call& call) {
    // Healthy when the book answers a read.
    MF_TRY(auto settings, call.book().settings());
    return json_reply(json::object{{"status", "ok"}, {"business_date", settings.business_date.to_string()}});
}

}  // namespace

Result<PageRequest> page_request(const Call& call, IdKind kind) {
    PageRequest page;
    if (auto text = call.query("limit"); text && !text->empty()) {
        auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), page.limit);
        if (error != std::errc() || end != text->data() + text->size() || page.limit < 1 || page.limit > 500)
            return make_error("invalid_query", "limit is a whole number from 1 to 500", "limit");
    }
    if (auto cursor = call.query("cursor"); cursor && !cursor->empty()) {
        MF_TRY(page.after_id, parse_id(kind, *cursor, "cursor"));
    }
    return page;
}

void add_routes(Router& router) {
    add_access_routes(router);
    add_party_routes(router);
    add_invoice_routes(router);
    add_cash_routes(router);
    add_file_routes(router);
    add_report_routes(router);
    add_payout_file_routes(router);
    add_document_routes(router);
    add_verification_routes(router);
    add_underwriting_routes(router);
    add_auto_approval_routes(router);
    add_mail_routes(router);
    using http::verb;
    router.add({verb::get, "/healthz", kPublic, Effect::read, "Liveness: the book answers", healthz});
    router.add({verb::get, "/v1/openapi.json", kPublic, Effect::read, "This API's OpenAPI 3.1 document",
                [](Call&) -> Result<Reply> {
                    Reply reply;
                    reply.raw = std::string(openapi_document());
                    return reply;
                }});
}

void add_metrics_route(Router& router, Metrics& metrics) {
    router.add({http::verb::get, "/metrics", roles(auth::Role::admin, auth::Role::viewer), Effect::read,
                "Prometheus metrics (requests, latency, open invoices, outstanding face)",
                [&metrics](Call& call) -> Result<Reply> {
                    Reply reply;
                    reply.raw = metrics.render(call.book());
                    reply.content_type = "text/plain; version=0.0.4";
                    return reply;
                }});
}

}  // namespace mf::api
