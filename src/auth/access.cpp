#include "auth/access.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "auth/secrets.hpp"
#include "core/ids.hpp"

namespace mf::auth {
namespace {

constexpr std::string_view kRoleNames[] = {"admin",  "underwriter", "collector",
                                           "viewer", "client",      "investor"};

Error unauthenticated(std::string message) {
    return make_error("unauthenticated", std::move(message));
}

Result<User> found_user(std::optional<User> user, int64_t id) {
    if (!user)
        return make_error("not_found", fmt::format("no user {}", format_id(IdKind::user, id)), "id");
    return std::move(*user);
}

// A client user acts for exactly one existing client; no one else is bound to a client.
Status check_binding(Transaction& tx, Role role, int64_t client_id) {
    if (role != Role::client) {
        if (client_id != 0)
            return make_error("invalid_field", "only a client user is bound to a client", "client_id");
        return ok();
    }
    if (client_id == 0)
        return make_error("missing_field", "a client user needs the client it acts for", "client_id");
    MF_TRY(auto client, tx.find_client(client_id));
    if (!client) {
        return make_error("not_found", fmt::format("no client {}", format_id(IdKind::client, client_id)),
                          "client_id");
    }
    return ok();
}

}  // namespace

std::string_view to_string(Role role) {
    return kRoleNames[static_cast<size_t>(role)];
}

Result<Role> parse_role(std::string_view text, std::string_view field) {
    for (Role role : kRoles) {
        if (to_string(role) == text)
            return role;
    }
    return make_error(
        "invalid_role",
        fmt::format("'{}' is not a role (admin, underwriter, collector, viewer, client, investor)", text),
        std::string(field));
}

Actor Caller::actor() const {
    return Actor{"api:" + format_id(IdKind::user, user_id)};
}

Result<std::string> normalize_email(std::string_view email) {
    while (!email.empty() && std::isspace(static_cast<unsigned char>(email.front())))
        email.remove_prefix(1);
    while (!email.empty() && std::isspace(static_cast<unsigned char>(email.back())))
        email.remove_suffix(1);
    std::string out(email);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    const auto at = out.find('@');
    const bool shaped = at != std::string::npos && at > 0 && at + 1 < out.size() &&
                        out.find('@', at + 1) == std::string::npos && out.size() <= 254 &&
                        std::none_of(out.begin(), out.end(), [](unsigned char c) { return std::isspace(c); });
    if (!shaped)
        return make_error("invalid_email", fmt::format("'{}' is not an e-mail address", email), "email");
    return out;
}

Access::Access(Store& store, std::shared_ptr<const Clock> clock, AccessOptions options)
    : store_(store), clock_(std::move(clock)), options_(options) {}

Result<AuditEvent> Access::audit(Transaction& tx, const Actor& actor, std::string action, int64_t user_id,
                                 std::string detail) {
    MF_TRY(auto settings, tx.load_settings());
    AuditEvent event;
    event.at = clock_->now_utc();
    event.business_date = settings.business_date;
    event.actor = actor.name;
    event.action = std::move(action);
    event.entity_type = "user";
    event.entity_id = user_id;
    event.detail = std::move(detail);
    return event;
}

Result<User> Access::add_user(const Actor& actor, const NewUser& input) {
    MF_TRY(const std::string email, normalize_email(input.email));
    if (input.name.empty())
        return make_error("missing_field", "a user needs a name", "name");
    MF_TRY(const std::string password_hash, hash_password(input.password));
    User user;
    user.email = email;
    user.name = input.name;
    user.role = std::string(to_string(input.role));
    user.client_id = input.client_id;
    user.password_hash = password_hash;
    user.created_at = clock_->now_utc();
    MF_CHECK(store_.write([&](Transaction& tx) -> Status {
        MF_CHECK(check_binding(tx, input.role, input.client_id));
        MF_TRY(user.id, tx.insert_user(user));
        MF_TRY(auto event,
               audit(tx, actor, "user.add", user.id, fmt::format("{} as {}", user.email, user.role)));
        return tx.append_audit(event);
    }));
    return user;
}

Result<User> Access::update_user(const Actor& actor, int64_t user_id, const UserChange& change) {
    std::optional<std::string> password_hash;
    if (change.password) {
        MF_TRY(password_hash, hash_password(*change.password));
    }
    User user;
    MF_CHECK(store_.write([&](Transaction& tx) -> Status {
        MF_TRY(auto found, tx.find_user(user_id));
        MF_TRY(user, found_user(std::move(found), user_id));
        if (change.expected_version && *change.expected_version != user.version) {
            return make_error(
                "precondition_failed",
                fmt::format("user {} is at version {}, not {}", format_id(IdKind::user, user_id),
                            user.version, *change.expected_version),
                "version");
        }
        std::vector<std::string> changed;
        if (change.name) {
            user.name = *change.name;
            changed.push_back("name");
        }
        MF_TRY(Role role, parse_role(user.role));
        if (change.role) {
            role = *change.role;
            user.role = std::string(to_string(role));
            changed.push_back("role " + user.role);
        }
        if (change.client_id || change.role) {
            user.client_id = change.client_id.value_or(role == Role::client ? user.client_id : 0);
            changed.push_back("client");
        }
        MF_CHECK(check_binding(tx, role, user.client_id));
        if (change.active) {
            user.active = *change.active;
            changed.push_back(user.active ? "activated" : "deactivated");
        }
        if (password_hash) {
            user.password_hash = *password_hash;
            changed.push_back("password");
        }
        MF_CHECK(tx.update_user(user));
        ++user.version;
        // A new password, role or binding, or a deactivation, signs the user out of every session.
        if (password_hash || change.role || change.client_id || (change.active && !*change.active))
            MF_CHECK(tx.delete_credentials_of_user(user.id, "session"));
        if (change.active && !*change.active)
            MF_CHECK(tx.delete_credentials_of_user(user.id, "api_key"));
        std::string detail;
        for (const auto& part : changed)
            detail += (detail.empty() ? "" : ", ") + part;
        MF_TRY(auto event, audit(tx, actor, "user.update", user.id, detail));
        return tx.append_audit(event);
    }));
    return user;
}

Result<User> Access::user(int64_t user_id) {
    User user;
    MF_CHECK(store_.read([&](Transaction& tx) -> Status {
        MF_TRY(auto found, tx.find_user(user_id));
        MF_TRY(user, found_user(std::move(found), user_id));
        return ok();
    }));
    return user;
}

Result<std::vector<User>> Access::users() {
    std::vector<User> users;
    MF_CHECK(store_.read([&](Transaction& tx) -> Status {
        MF_TRY(users, tx.list_users());
        return ok();
    }));
    return users;
}

namespace {

// What the throttle keys a failure by: the hash, so that what somebody typed (a password in the e-mail field)
// is not kept in the book.
std::string throttle_key(std::string_view kind, std::string_view value) {
    return token_hash(fmt::format("{}:{}", kind, value));
}

}  // namespace

// The failures are counted in the book, not in this process: two nodes serving one book throttle together,
// and a restart or a flood of other accounts and addresses forgets nothing.
Status Access::check_throttle(std::string_view email, std::string_view address, int64_t now_seconds) {
    const int64_t after = now_seconds - options_.failure_window_seconds;
    int64_t account_failures = 0;
    int64_t address_failures = 0;
    MF_CHECK(store_.read([&](Transaction& tx) -> Status {
        MF_TRY(account_failures, tx.count_sign_in_failures(throttle_key("account", email), after));
        MF_TRY(address_failures, tx.count_sign_in_failures(throttle_key("address", address), after));
        return ok();
    }));
    if (account_failures >= options_.failures_per_account_max ||
        address_failures >= options_.failures_per_address_max) {
        return make_error("too_many_attempts",
                          fmt::format("too many failed sign-ins: try again in {} minutes",
                                      options_.failure_window_seconds / 60));
    }
    return ok();
}

Status Access::record_failure(std::string_view email, std::string_view address, int64_t now_seconds) {
    const int64_t forget_through = now_seconds - options_.failure_window_seconds;
    return store_.write([&](Transaction& tx) -> Status {
        MF_CHECK(tx.record_sign_in_failure(throttle_key("account", email), now_seconds, forget_through));
        return tx.record_sign_in_failure(throttle_key("address", address), now_seconds, forget_through);
    });
}

Result<Session> Access::login(std::string_view email_text, std::string_view password,
                              std::string_view address) {
    auto email = normalize_email(email_text);
    const std::string account = email ? email.value() : std::string(email_text.substr(0, 254));
    MF_TRY(const int64_t now_seconds, parse_instant(clock_->now_utc()));
    MF_CHECK(check_throttle(account, address, now_seconds));
    std::optional<User> user;
    if (email) {
        MF_CHECK(store_.read([&](Transaction& tx) -> Status {
            MF_TRY(user, tx.find_user_by_email(email.value()));
            return ok();
        }));
    }
    // An unknown account costs the same argon2id work as a known one, so timing tells nothing.
    static const std::string kDecoy = hash_password("decoy password for timing").value();
    const bool matches = password_matches(user ? user->password_hash : kDecoy, password);
    if (!user || !matches || !user->active) {
        MF_CHECK(record_failure(account, address, now_seconds));
        return make_error("invalid_credentials", "the e-mail or the password is wrong");
    }
    Session session;
    session.token = random_token();
    session.csrf_token = csrf_token_for(session.token);
    session.expires_at = format_instant(now_seconds + options_.session_seconds);
    session.user = *user;
    MF_CHECK(store_.write([&](Transaction& tx) -> Status {
        MF_CHECK(tx.insert_credential({token_hash(session.token), "session", user->id, std::string(address),
                                       clock_->now_utc(), session.expires_at}));
        MF_TRY(auto event, audit(tx, Actor{"api:" + format_id(IdKind::user, user->id)}, "user.login",
                                 user->id, fmt::format("from {}", address)));
        return tx.append_audit(event);
    }));
    return session;
}

Status Access::logout(const Caller& caller) {
    return store_.write([&](Transaction& tx) -> Status {
        MF_CHECK(tx.delete_credential(caller.token_hash));
        MF_TRY(auto event, audit(tx, caller.actor(), "user.logout", caller.user_id, caller.credential_kind));
        return tx.append_audit(event);
    });
}

Result<ApiKey> Access::create_api_key(const Actor& actor, int64_t user_id, std::string label) {
    if (label.empty())
        return make_error("missing_field", "an API key needs a label saying what uses it", "label");
    ApiKey key;
    key.key = "mfk_" + random_token();
    key.label = std::move(label);
    MF_CHECK(store_.write([&](Transaction& tx) -> Status {
        MF_TRY(auto found, tx.find_user(user_id));
        MF_TRY(key.user, found_user(std::move(found), user_id));
        MF_CHECK(tx.insert_credential(
            {token_hash(key.key), "api_key", user_id, key.label, clock_->now_utc(), ""}));
        MF_TRY(auto event, audit(tx, actor, "user.api_key", user_id, "API key '" + key.label + "'"));
        return tx.append_audit(event);
    }));
    return key;
}

Result<Caller> Access::authenticate(std::string_view token) {
    if (token.empty() || token.size() > 128)
        return unauthenticated("sign in first: no valid token was presented");
    const std::string hash = token_hash(token);
    std::optional<Credential> credential;
    std::optional<User> user;
    MF_CHECK(store_.read([&](Transaction& tx) -> Status {
        MF_TRY(credential, tx.find_credential(hash));
        if (credential) {
            MF_TRY(user, tx.find_user(credential->user_id));
        }
        return ok();
    }));
    if (!credential || !user || !user->active)
        return unauthenticated("the token is unknown, revoked or its user is inactive: sign in again");
    if (!credential->expires_at.empty() && credential->expires_at <= clock_->now_utc())
        return unauthenticated("the session expired: sign in again");
    MF_TRY(const Role role, parse_role(user->role));
    return Caller{user->id, user->email, role, user->client_id, credential->kind, hash};
}

std::string Access::csrf_token_for(std::string_view session_token) {
    return keyed_hash(session_token, "csrf");
}

}  // namespace mf::auth
