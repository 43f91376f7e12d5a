// Routes of payout files (money out as bank files): write a NACHA or pain.001 file over pending payouts, list
// the files, read one's metadata and download its content. Staff only: client users never see them.
#include "api/routes.hpp"
#include "wire/records.hpp"

namespace mf::api {
namespace {

using auth::Role;
constexpr RoleSet kPayoutSenders = roles(Role::admin, Role::collector);
constexpr RoleSet kPayoutReaders = roles(Role::admin, Role::underwriter, Role::collector, Role::viewer);

Result<Reply> post_payout_file(Call& call) {
    MF_TRY(auto body, call.body());
    PayoutFileRequest request;
    MF_TRY(const std::string format, body.text("format"));
    MF_TRY(request.format, named(parse_payout_file_format(format), "format"));
    if (body.has("payout_ids")) {
        MF_TRY(request.payout_ids, body.ids(IdKind::payout, "payout_ids"));
    } else {
        (void)body.optional_text("payout_ids");  // read: an explicit null is every pending payout
    }
    MF_CHECK(body.finish());
    MF_TRY(auto file, call.book().create_payout_file(call.actor(), request));
    return reply_of(file, 201);
}

Result<Reply> list_payout_files(Call& call) {
    MF_TRY(auto page, page_request(call, IdKind::payout_file));
    MF_TRY(auto files, call.book().payout_files());
    return page_reply(files, page, IdKind::payout_file);
}

Result<Reply> get_payout_file(Call& call) {
    MF_TRY(const int64_t id, call.path_id(IdKind::payout_file));
    MF_TRY(auto file, call.book().payout_file(id));
    return reply_of(file);
}

Result<Reply> get_payout_file_content(Call& call) {
    MF_TRY(const int64_t id, call.path_id(IdKind::payout_file));
    MF_TRY(auto file, call.book().payout_file(id));
    Reply reply;
    reply.content_type = std::string(wire::payout_file_content_type(file.format));
    if (file.format == PayoutFileFormat::pain001)
        reply.content_type += "; charset=utf-8";
    reply.headers.emplace_back("Content-Disposition",
                               "attachment; filename=\"" + wire::payout_file_name(file) + "\"");
    reply.headers.emplace_back("X-Content-SHA256", file.sha256);
    reply.raw = std::move(file.content);
    return reply;
}

}  // namespace

void add_payout_file_routes(Router& router) {
    using http::verb;
    router.add(
        {verb::post, "/v1/payout-files", kPayoutSenders, Effect::money,
         "Write a payout file (NACHA for USD, pain.001 for EUR) over pending payouts; they become sent",
         post_payout_file});
    router.add({verb::get, "/v1/payout-files", kPayoutReaders, Effect::read, "List payout files",
                list_payout_files});
    router.add({verb::get, "/v1/payout-files/{id}", kPayoutReaders, Effect::read,
                "One payout file's metadata (count, total, digest)", get_payout_file});
    router.add({verb::get, "/v1/payout-files/{id}/content", kPayoutReaders, Effect::read,
                "Download a payout file (text/plain NACHA, application/xml pain.001)",
                get_payout_file_content});
}

}  // namespace mf::api
