// Routes of signing in and out, the caller's own user, and the users and API keys an admin manages.
#include "api/routes.hpp"
#include "wire/records.hpp"

namespace mf::api {
namespace {

using auth::Role;

Result<Reply> login(Call& call) {
    MF_TRY(auto body, call.body());
    MF_TRY(const std::string email, body.text("email"));
    MF_TRY(const std::string password, body.text("password"));
    MF_CHECK(body.finish());
    MF_TRY(auto session, call.services.access.login(email, password, call.address));
    Reply reply = json_reply(json::object{
        {"token", session.token},
        {"csrf_token", session.csrf_token},
        {"expires_at", session.expires_at},
        {"user", json::value_from(session.user)},
    });
    // The dashboard's session: the browser sends it back on its own, scripts cannot read it, and other sites
    // cannot make the browser send it.
    reply.headers.emplace_back(
        "Set-Cookie", "mf_session=" + session.token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200");
    return reply;
}

Result<Reply> logout(Call& call) {
    MF_CHECK(call.services.access.logout(*call.caller));
    Reply reply;
    reply.status = 204;
    reply.headers.emplace_back("Set-Cookie", "mf_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    return reply;
}

Result<Reply> me(Call& call) {
    MF_TRY(auto user, call.services.access.user(call.caller->user_id));
    return json_reply(json::value_from(user));
}

Result<Reply> list_users(Call& call) {
    MF_TRY(auto page, page_request(call, IdKind::user));
    MF_TRY(auto users, call.services.access.users());
    return page_reply(users, page, IdKind::user);
}

Result<Reply> post_user(Call& call) {
    MF_TRY(auto body, call.body());
    auth::NewUser input;
    MF_TRY(input.email, body.text("email"));
    MF_TRY(input.name, body.text("name"));
    MF_TRY(const std::string role, body.text("role"));
    MF_TRY(input.role, auth::parse_role(role));
    MF_TRY(auto client_id, body.optional_id(IdKind::client, "client_id"));
    input.client_id = client_id.value_or(0);
    MF_TRY(input.password, body.text("password"));
    MF_CHECK(body.finish());
    MF_TRY(auto user, call.services.access.add_user(call.actor(), input));
    return json_reply(json::value_from(user), 201);
}

Result<Reply> patch_user(Call& call) {
    MF_TRY(const int64_t id, call.path_id(IdKind::user));
    MF_TRY(auto body, call.body());
    auth::UserChange change;
    MF_TRY(change.name, body.optional_text("name"));
    MF_TRY(auto role, body.optional_text("role"));
    if (role) {
        MF_TRY(change.role, auth::parse_role(*role));
    }
    MF_TRY(change.client_id, body.optional_id(IdKind::client, "client_id"));
    MF_TRY(change.active, body.optional_flag("active"));
    MF_TRY(change.password, body.optional_text("password"));
    MF_CHECK(body.finish());
    if (id == call.caller->user_id &&
        ((change.active && !*change.active) || (change.role && *change.role != Role::admin)))
        return make_error("invalid_field", "an admin cannot deactivate or demote their own user", "active");
    MF_TRY(auto user, call.services.access.update_user(call.actor(), id, change));
    return json_reply(json::value_from(user));
}

Result<Reply> post_api_key(Call& call) {
    MF_TRY(const int64_t id, call.path_id(IdKind::user));
    MF_TRY(auto body, call.body());
    MF_TRY(std::string label, body.text("label"));
    MF_CHECK(body.finish());
    MF_TRY(auto key, call.services.access.create_api_key(call.actor(), id, std::move(label)));
    return json_reply(
        json::object{{"key", key.key}, {"label", key.label}, {"user", json::value_from(key.user)}}, 201);
}

}  // namespace

void add_access_routes(Router& router) {
    using http::verb;
    router.add({verb::post, "/v1/auth/login", kPublic, Effect::change,
                "Sign in with e-mail and password: a session token (and cookie)", login, Grouping::alone});
    router.add({verb::post, "/v1/auth/logout", kEveryone, Effect::change, "Sign out (revoke this credential)",
                logout});
    router.add({verb::get, "/v1/me", kEveryone, Effect::read, "The signed-in user", me});
    router.add({verb::get, "/v1/users", roles(Role::admin), Effect::read, "List users", list_users});
    router.add({verb::post, "/v1/users", roles(Role::admin), Effect::change, "Add a user with a role",
                post_user, Grouping::alone});
    router.add({verb::patch, "/v1/users/{id}", roles(Role::admin), Effect::change,
                "Change a user's name, role, client, password or active flag", patch_user, Grouping::alone});
    router.add({verb::post, "/v1/users/{id}/api-keys", roles(Role::admin), Effect::change,
                "Issue an API key for a user (shown once)", post_api_key});
}

}  // namespace mf::api
