// The API's routes and how one request goes through them (API.md): match the path, authenticate the caller
// (bearer token, API key, or the session cookie with its CSRF token on writes), check the route's roles,
// run the handler (inside one store transaction with its idempotency record when the route moves money and
// the request carries an Idempotency-Key), and turn any error into problem+json. The route table is data, so
// tests walk every route with every role and the OpenAPI document is checked against it.
// Thread-safety: a Router is built once, then handle() may run on many threads at once.
#pragma once

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/fields.hpp"
#include "auth/access.hpp"
#include "book/book.hpp"

namespace mf::api {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// Roles as a bit set; a route names the roles that may call it (none: public).
using RoleSet = uint32_t;
constexpr RoleSet role_bit(auth::Role role) {
    return RoleSet{1} << static_cast<unsigned>(role);
}
template <class... Roles>
constexpr RoleSet roles(Roles... each) {
    return (role_bit(each) | ...);
}
constexpr RoleSet kPublic = 0;
inline constexpr RoleSet kStaffRead =
    roles(auth::Role::admin, auth::Role::underwriter, auth::Role::collector, auth::Role::viewer);
inline constexpr RoleSet kEveryone = kStaffRead | roles(auth::Role::client, auth::Role::investor);

// What handlers use.
struct Services {
    Book& book;
    auth::Access& access;
};

// One request as a handler sees it.
class Call {
  public:
    Call(const Request& request, Services& services, const auth::Caller* caller, std::string address);

    const Request& request;
    Services& services;
    const auth::Caller* caller;  // null on public routes
    const std::string address;   // the peer's IP address

    Book& book() { return services.book; }
    Actor actor() const;
    bool is_client_user() const { return caller && caller->role == auth::Role::client; }

    // A path parameter ("{id}") as an id of `kind`.
    Result<int64_t> path_id(IdKind kind) const;
    std::string_view path_param(std::string_view name) const;
    std::optional<std::string_view> query(std::string_view name) const;
    Result<std::optional<int64_t>> query_id(IdKind kind, std::string_view name) const;
    Result<std::optional<Date>> query_date(std::string_view name) const;
    // The JSON body as an object (parsed on first use).
    Result<Fields> body();

    // A client user sees only its own client's records: another client's is "not_found", worded as for a
    // record that does not exist (no existence leak).
    Status check_visible(IdKind kind, int64_t id, int64_t owner_client_id) const;
    // The client a list or report is limited to: the client user's own, whatever was asked (another client
    // named explicitly is "not_found").
    Result<std::optional<int64_t>> client_scope(std::optional<int64_t> asked) const;

    std::vector<std::pair<std::string, std::string>> path_params;  // set by the router
    std::map<std::string, std::string, std::less<>> query_params;

  private:
    std::optional<json::object> body_;
};

// A handler's answer: JSON (the usual), or raw bytes with their type, and any extra headers.
struct Reply {
    unsigned status = 200;
    json::value body;
    std::optional<std::string> raw;  // when set, sent as is with content_type
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
};
using Handler = std::function<Result<Reply>(Call&)>;

enum class Effect {
    read,    // GET: no change
    change,  // a change without money (settings, parties)
    money,   // creates or moves money: Idempotency-Key honoured
};

// Whether a write may run in a group commit with others (write_group.hpp), or alone because it spends
// long CPU time (argon2id password hashing) that would hold up the group.
enum class Grouping { grouped, alone };

// What a route's body is: JSON (API.md), or a file sent as it is (an invoice file, a bank statement) with its
// own content type and the larger upload limit.
enum class Body { json, file };

struct Route {
    http::verb method = http::verb::get;
    std::string pattern;  // "/v1/invoices/{id}/approve"
    RoleSet allowed = kPublic;
    Effect effect = Effect::read;
    std::string summary;
    Handler handler;
    Grouping grouping = Grouping::grouped;
    Body body = Body::json;
};

// What the server logs and counts about one request.
struct Outcome {
    std::string route;  // the matched pattern, or "unmatched"
    unsigned status = 0;
    std::string actor;  // "api:usr_3", or "" when not signed in
};

class Router {
  public:
    explicit Router(Services services);
    void add(Route route);
    const std::vector<Route>& routes() const { return routes_; }

    Response handle(const Request& request, const std::string& address, Outcome& outcome);
    // True for a request to a route that writes and may be grouped (unknown routes: false, they answer at
    // once).
    bool groupable(const Request& request) const;
    // True for a request to a route whose body is a file (the server allows it the upload size).
    bool takes_file(const Request& request) const;
    // "GET, PATCH": the methods routed at the request's path (the Allow header of a 405).
    std::string allowed_methods(const Request& request) const;
    Store& store() { return services_.book.store(); }

    // What answers a GET or HEAD that no route has (the dashboard's pages and files, static_files.hpp); it
    // returns nothing to leave the request to the usual 404. Set before serving.
    using Fallback = std::function<std::optional<Response>(const Request&)>;
    void set_fallback(Fallback fallback) { fallback_ = std::move(fallback); }

  private:
    const Route* match(const Request& request, std::vector<std::pair<std::string, std::string>>& params,
                       bool& path_known) const;
    Result<Reply> dispatch(const Request& request, const std::string& address, Outcome& outcome);
    Result<auth::Caller> authenticate(const Request& request);
    Result<Reply> run_idempotent(Call& call, const Route& route, std::string_view key);

    Services services_;
    std::vector<Route> routes_;
    Fallback fallback_;
    std::atomic<uint64_t> idempotent_requests_{0};
};

// The HTTP status of an error code (API.md's stable codes; docs/api.md lists them).
unsigned status_of(const Error& error);
// A problem+json response for an error.
Response problem_response(const Error& error, unsigned version, bool keep_alive);

}  // namespace mf::api
