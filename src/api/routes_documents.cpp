// Routes of the PDF documents: a client's statement, a schedule's cost disclosure and the notice of
// assignment letter to a debtor.
#include "api/document_sources.hpp"
#include "api/routes.hpp"

namespace mf::api {
namespace {

using auth::Role;
constexpr RoleSet kClientReaders = kStaffRead | roles(Role::client);

Reply pdf_reply(PdfFile file) {
    Reply reply;
    reply.raw = std::move(file.bytes);
    reply.content_type = "application/pdf";
    reply.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file.file_name + "\"");
    return reply;
}

Result<Reply> statement_pdf(Call& call) {
    MF_TRY(const int64_t client_id, call.path_id(IdKind::client));
    MF_CHECK(call.check_visible(IdKind::client, client_id, client_id));
    MF_TRY(auto period, statement_period(call));
    MF_TRY(auto file, client_statement_pdf(call.book(), client_id, period.from, period.to));
    return pdf_reply(std::move(file));
}

Result<Reply> disclosure_pdf(Call& call) {
    MF_TRY(const int64_t schedule_id, call.path_id(IdKind::schedule));
    MF_TRY(auto view, call.book().schedule(schedule_id));
    MF_CHECK(call.check_visible(IdKind::schedule, schedule_id, view.schedule.client_id));
    const auto state = call.query("state");
    if (!state)
        return make_error("missing_field", "state is required: CA or NY", "state");
    MF_TRY(auto layout, documents::parse_disclosure_layout(*state));
    MF_TRY(auto file, schedule_disclosure_pdf(call.book(), view, layout));
    return pdf_reply(std::move(file));
}

// ?debtor_id (required): the notice to that debtor of the client in the path.
Result<Reply> notice_pdf(Call& call) {
    MF_TRY(const int64_t client_id, call.path_id(IdKind::client));
    MF_CHECK(call.check_visible(IdKind::client, client_id, client_id));
    MF_TRY(auto debtor_id, call.query_id(IdKind::debtor, "debtor_id"));
    if (!debtor_id)
        return make_error("missing_field", "debtor_id is required: the debtor the notice is to", "debtor_id");
    MF_TRY(auto file, notice_letter_pdf(call.book(), client_id, *debtor_id));
    return pdf_reply(std::move(file));
}

}  // namespace

void add_document_routes(Router& router) {
    using http::verb;
    router.add({verb::get, "/v1/clients/{id}/statement.pdf", kClientReaders, Effect::read,
                "A client's statement for a period as PDF (?from&to; default the month to date)",
                statement_pdf});
    router.add({verb::get, "/v1/schedules/{id}/disclosure.pdf", kClientReaders, Effect::read,
                "A schedule's cost disclosure as PDF, in the CA or NY layout (?state=CA|NY)",
                disclosure_pdf});
    router.add({verb::get, "/v1/clients/{id}/notice.pdf", kClientReaders, Effect::read,
                "The notice of assignment letter to one of the client's debtors as PDF (?debtor_id)",
                notice_pdf});
}

}  // namespace mf::api
