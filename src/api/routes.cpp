// The whole route table, and the operational routes: health, metrics and the OpenAPI document.
#include "api/routes.hpp"

#include "api/openapi.hpp"

namespace mf::api {
namespace {

Result<Reply> healthz(Call& call) {
    // Healthy when the book answers a read.
    MF_TRY(auto settings, call.book().settings());
    return json_reply(json::object{{"status", "ok"}, {"business_date", settings.business_date.to_string()}});
}

}  // namespace

void add_routes(Router& router) {
    add_access_routes(router);
    add_party_routes(router);
    add_invoice_routes(router);
    add_cash_routes(router);
    add_report_routes(router);
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
