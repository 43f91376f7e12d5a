// Who may do what: users and their roles, signing in (sessions and API keys, stored as hashes), signing out,
// and resolving a presented token to the caller. Each change is one store transaction with its audit event.
// Failed sign-ins are throttled per account and per address, counted in the book so that every node serving
// it throttles together. Thread-safety: an Access may be shared by threads (the store serializes its
// transactions).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "book/clock.hpp"
#include "core/error.hpp"
#include "store/store.hpp"

namespace mf::auth {

enum class Role { admin, underwriter, collector, viewer, client, investor };
constexpr Role kRoles[] = {Role::admin,  Role::underwriter, Role::collector,
                           Role::viewer, Role::client,      Role::investor};
std::string_view to_string(Role role);
Result<Role> parse_role(std::string_view text, std::string_view field = "role");

// The signed-in caller of a request.
struct Caller {
    int64_t user_id = 0;
    std::string email;
    Role role = Role::viewer;
    int64_t client_id = 0;        // a client user's client
    std::string credential_kind;  // "session" or "api_key"
    std::string token_hash;       // of the credential presented

    Actor actor() const;  // "api:usr_3"
    bool is_staff() const { return role != Role::client && role != Role::investor; }
};

struct NewUser {
    std::string email;
    std::string name;
    Role role = Role::viewer;
    int64_t client_id = 0;  // required for Role::client, refused for the others
    std::string password;
};

struct UserChange {
    std::optional<int64_t> expected_version;
    std::optional<std::string> name;
    std::optional<Role> role;
    std::optional<int64_t> client_id;
    std::optional<bool> active;
    std::optional<std::string> password;
};

struct Session {
    std::string token;       // shown once; only its hash is kept
    std::string csrf_token;  // for browser sessions (cookie): sent back in X-CSRF-Token on writes
    std::string expires_at;
    User user;
};

struct ApiKey {
    std::string key;  // shown once
    std::string label;
    User user;
};

struct AccessOptions {
    int64_t session_seconds = 12 * 3'600;
    int32_t failures_per_account_max = 5;
    int32_t failures_per_address_max = 20;
    int64_t failure_window_seconds = 15 * 60;
};

class Access {
  public:
    Access(Store& store, std::shared_ptr<const Clock> clock, AccessOptions options = {});

    Result<User> add_user(const Actor& actor, const NewUser& input);
    Result<User> update_user(const Actor& actor, int64_t user_id, const UserChange& change);
    Result<User> user(int64_t user_id);
    Result<std::vector<User>> users();

    // "invalid_credentials" for an unknown e-mail, a wrong password or an inactive user (the same answer
    // for each); "too_many_attempts" once the account or the address failed too often in the window.
    Result<Session> login(std::string_view email, std::string_view password, std::string_view address);
    Status logout(const Caller& caller);
    Result<ApiKey> create_api_key(const Actor& actor, int64_t user_id, std::string label);
    // "unauthenticated" for an unknown, expired or revoked token or an inactive user.
    Result<Caller> authenticate(std::string_view token);
    // The CSRF token that goes with a session token (derived, so nothing more is stored).
    static std::string csrf_token_for(std::string_view session_token);

  private:
    Status check_throttle(std::string_view email, std::string_view address, int64_t now_seconds);
    Status record_failure(std::string_view email, std::string_view address, int64_t now_seconds);
    Result<AuditEvent> audit(Transaction& tx, const Actor& actor, std::string action, int64_t user_id,
                             std::string detail);

    Store& store_;
    std::shared_ptr<const Clock> clock_;
    AccessOptions options_;
};

// E-mail addresses compare lower-cased and trimmed; "invalid_email" when it has no local part or domain.
Result<std::string> normalize_email(std::string_view email);

}  // namespace mf::auth
