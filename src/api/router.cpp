#include "api/router.hpp"

#include <fmt/format.h>

#include <array>
#include <boost/url.hpp>

#include "auth/secrets.hpp"
#include "wire/records.hpp"

namespace mf::api {
namespace {

constexpr std::string_view kSessionCookie = "mf_session";
constexpr size_t kIdempotencyKeyLengthMax = 255;
constexpr uint64_t kIdempotencyPurgeEvery = 1'000;
constexpr int64_t kIdempotencyKeepSeconds = 48 * 3'600;  // API.md: at least 24 hours

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> parts;
    while (!path.empty()) {
        if (path.front() == '/') {
            path.remove_prefix(1);
            continue;
        }
        const auto slash = path.find('/');
        parts.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos)
            break;
        path.remove_prefix(slash);
    }
    return parts;
}

// Fills the {name} parameters when the path fits the pattern.
bool matches(std::string_view pattern, const std::vector<std::string_view>& path,
             std::vector<std::pair<std::string, std::string>>& params) {
    const auto parts = split_path(pattern);
    if (parts.size() != path.size())
        return false;
    params.clear();
    for (size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].size() > 2 && parts[i].front() == '{' && parts[i].back() == '}') {
            params.emplace_back(std::string(parts[i].substr(1, parts[i].size() - 2)), std::string(path[i]));
        } else if (parts[i] != path[i]) {
            return false;
        }
    }
    return true;
}

std::string_view cookie_value(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        const auto semicolon = header.find(';');
        auto pair = header.substr(0, semicolon);
        while (!pair.empty() && pair.front() == ' ')
            pair.remove_prefix(1);
        if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=')
            return pair.substr(name.size() + 1);
        if (semicolon == std::string_view::npos)
            break;
        header.remove_prefix(semicolon + 1);
    }
    return {};
}

bool is_safe(http::verb method) {
    return method == http::verb::get || method == http::verb::head || method == http::verb::options;
}

Error not_found_error(IdKind kind, int64_t id) {
    return make_error("not_found", fmt::format("no {} {}", id_noun(kind), format_id(kind, id)));
}

}  // namespace

// ---- Call ----

Call::Call(const Request& request_in, Services& services_in, const auth::Caller* caller_in,
           std::string address_in)
    : request(request_in), services(services_in), caller(caller_in), address(std::move(address_in)) {}

Actor Call::actor() const {
    return caller ? caller->actor() : Actor{"api:anonymous"};
}

std::string_view Call::path_param(std::string_view name) const {
    for (const auto& [key, value] : path_params) {
        if (key == name)
            return value;
    }
    return {};
}

Result<int64_t> Call::path_id(IdKind kind) const {
    const auto text = path_param("id");
    auto id = parse_id(kind, text, "id");
    if (!id)
        return make_error("not_found", fmt::format("no {} {}", id_noun(kind), text), "id");
    return id;
}

std::optional<std::string_view> Call::query(std::string_view name) const {
    auto found = query_params.find(name);
    if (found == query_params.end())
        return std::nullopt;
    return std::string_view(found->second);
}

Result<std::optional<int64_t>> Call::query_id(IdKind kind, std::string_view name) const {
    auto text = query(name);
    if (!text || text->empty())
        return std::optional<int64_t>();
    MF_TRY(const int64_t id, parse_id(kind, *text, name));
    return std::optional<int64_t>(id);
}

Result<std::optional<Date>> Call::query_date(std::string_view name) const {
    auto text = query(name);
    if (!text || text->empty())
        return std::optional<Date>();
    MF_TRY(const Date date, parse_date(*text, name));
    return std::optional<Date>(date);
}

Result<Fields> Call::body() {
    if (!body_) {
        MF_TRY(auto parsed, parse_object(request.body()));
        body_ = std::move(parsed);
    }
    return Fields(*body_);
}

Status Call::check_visible(IdKind kind, int64_t id, int64_t owner_client_id) const {
    if (is_client_user() && owner_client_id != caller->client_id)
        return not_found_error(kind, id);
    return ok();
}

Result<std::optional<int64_t>> Call::client_scope(std::optional<int64_t> asked) const {
    if (!is_client_user())
        return asked;
    if (asked && *asked != caller->client_id)
        return not_found_error(IdKind::client, *asked);
    return std::optional<int64_t>(caller->client_id);
}

// ---- errors ----

unsigned status_of(const Error& error) {
    // store_unavailable (PostgreSQL down) and read_only_book: the book's storage cannot take the request now.
    static const std::map<std::string, unsigned, std::less<>> kStatus{
        {"not_found", 404},          {"book_not_found", 404},
        {"unauthenticated", 401},    {"invalid_credentials", 401},
        {"forbidden", 403},          {"csrf_failed", 403},
        {"conflict", 409},           {"precondition_failed", 412},
        {"payload_too_large", 413},  {"unsupported_media_type", 415},
        {"file_rejected", 422},      {"idempotency_mismatch", 422},
        {"too_many_attempts", 429},  {"method_not_allowed", 405},
        {"invalid_transition", 409}, {"storage_error", 500},
        {"internal_error", 500},     {"schema_too_new", 500},
        {"request_timeout", 408},    {"invalid_link", 401},
        {"wrong_link_purpose", 403}, {"link_expired", 410},
        {"link_used", 410},          {"store_unavailable", 503},
        {"read_only_book", 503},     {"file_too_large", 413},
    };
    if (auto found = kStatus.find(error.code); found != kStatus.end())
        return found->second;
    // Everything a request can get wrong by its content is a 400, an uploaded file that cannot be read as
    // one included; what the book refuses in its current state (a limit, a transition, a duplicate) is a 409.
    static const std::array<std::string_view, 18> kBadRequest{
        "missing_field",       "unknown_field",      "unknown_currency",  "overflow",
        "weak_password",       "too_large",          "due_before_issue",  "future_date",
        "future_invoice_date", "stale_invoice_date", "currency_mismatch", "invalid_query",
        "empty_file",          "unknown_format",     "wrong_format",      "forbidden_xml",
        "missing_column",      "ambiguous_column"};
    if (error.code.rfind("invalid_", 0) == 0)
        return 400;
    for (auto code : kBadRequest) {
        if (code == error.code)
            return 400;
    }
    return 409;
}

Response problem_response(const Error& error, unsigned version, bool keep_alive) {
    const unsigned status = status_of(error);
    Response response{static_cast<http::status>(status), version};
    if (status == 401)
        response.set(http::field::www_authenticate, "Bearer realm=\"microfactor\"");
    if (status == 429)
        response.set(http::field::retry_after, "900");
    if (status == 503)
        response.set(http::field::retry_after, "5");
    json::object body = wire::problem(error, static_cast<int>(status));
    body["title"] = std::string(http::obsolete_reason(static_cast<http::status>(status)));
    response.set(http::field::content_type, "application/problem+json");
    response.set(http::field::cache_control, "no-store");
    response.keep_alive(keep_alive);
    response.body() = json::serialize(body);
    response.prepare_payload();
    return response;
}

// ---- Router ----

Router::Router(Services services) : services_(services) {}

void Router::add(Route route) {
    routes_.push_back(std::move(route));
}

Result<auth::Caller> Router::authenticate(const Request& request) {
    const auto authorization = request[http::field::authorization];
    if (!authorization.empty()) {
        constexpr std::string_view kBearer = "Bearer ";
        if (authorization.substr(0, kBearer.size()) != kBearer)
            return make_error("unauthenticated", "the Authorization header must be 'Bearer TOKEN'");
        return services_.access.authenticate(authorization.substr(kBearer.size()));
    }
    const auto token = cookie_value(request[http::field::cookie], kSessionCookie);
    if (token.empty())
        return make_error("unauthenticated", "sign in first: send 'Authorization: Bearer TOKEN'");
    MF_TRY(auto caller, services_.access.authenticate(token));
    // A cookie is sent by the browser on its own: a write must also prove it comes from our page.
    if (!is_safe(request.method()) &&
        !auth::same_secret(request["X-CSRF-Token"], auth::Access::csrf_token_for(token))) {
        return make_error("csrf_failed", "a write with the session cookie needs its X-CSRF-Token header");
    }
    return caller;
}

Result<Reply> Router::run_idempotent(Call& call, const Route& route, std::string_view key) {
    if (key.size() > kIdempotencyKeyLengthMax)
        return make_error("invalid_field", "an Idempotency-Key has at most 255 characters",
                          "Idempotency-Key");
    const std::string actor = call.actor().name;
    const std::string request_hash = auth::token_hash(
        fmt::format("{} {}\n{}", call.request.method_string(), call.request.target(), call.request.body()));
    const std::string now = services_.book.clock().now_utc();
    const bool purge = ++idempotent_requests_ % kIdempotencyPurgeEvery == 0;
    std::optional<Reply> reply;
    MF_CHECK(services_.book.store().write([&](Transaction& tx) -> Status {
        MF_TRY(auto kept, tx.find_idempotency(actor, key));
        MF_TRY(const int64_t now_seconds, auth::parse_instant(now));
        const std::string oldest_kept = auth::format_instant(now_seconds - kIdempotencyKeepSeconds);
        if (kept && kept->created_at < oldest_kept) {
            // Expired: forgotten, and the request runs as a new one.
            MF_CHECK(tx.purge_idempotency(oldest_kept));
            kept.reset();
        }
        if (kept) {
            if (kept->request_hash != request_hash) {
                return make_error("idempotency_mismatch",
                                  "this Idempotency-Key was used for a different request", "Idempotency-Key");
            }
            Reply replayed;
            replayed.status = static_cast<unsigned>(kept->status);
            replayed.raw = kept->response_body;
            replayed.headers.emplace_back("Idempotent-Replayed", "true");
            reply = std::move(replayed);
            return ok();
        }
        MF_TRY(Reply fresh, route.handler(call));
        if (!fresh.raw)
            fresh.raw = json::serialize(fresh.body);
        MF_CHECK(tx.insert_idempotency(
            {actor, std::string(key), request_hash, static_cast<int32_t>(fresh.status), *fresh.raw, now}));
        if (purge)
            MF_CHECK(tx.purge_idempotency(oldest_kept));
        reply = std::move(fresh);
        return ok();
    }));
    return std::move(*reply);
}

const Route* Router::match(const Request& request, std::vector<std::pair<std::string, std::string>>& params,
                           bool& path_known) const {
    path_known = false;
    auto url = boost::urls::parse_origin_form(request.target());
    if (!url)
        return nullptr;
    const auto path = split_path(url->encoded_path());
    for (const auto& candidate : routes_) {
        if (!matches(candidate.pattern, path, params))
            continue;
        path_known = true;
        if (candidate.method == request.method())
            return &candidate;
    }
    return nullptr;
}

std::string Router::allowed_methods(const Request& request) const {
    std::string out;
    auto url = boost::urls::parse_origin_form(request.target());
    if (!url)
        return out;
    const auto path = split_path(url->encoded_path());
    std::vector<std::pair<std::string, std::string>> params;
    for (const auto& route : routes_) {
        if (matches(route.pattern, path, params))
            out += (out.empty() ? "" : ", ") + std::string(http::to_string(route.method));
    }
    return out;
}

bool Router::groupable(const Request& request) const {
    std::vector<std::pair<std::string, std::string>> params;
    bool path_known = false;
    const Route* route = match(request, params, path_known);
    return route && route->effect != Effect::read && route->grouping == Grouping::grouped;
}

bool Router::takes_file(const Request& request) const {
    std::vector<std::pair<std::string, std::string>> params;
    bool path_known = false;
    const Route* route = match(request, params, path_known);
    return route && route->body == Body::file;
}

namespace {

// Files come as they are, with the type of what they hold; form encodings are refused (they are what a
// cross-site form could send).
Status check_body_type(const Request& request, Body body) {
    const auto type = request[http::field::content_type];
    if (body == Body::json) {
        if (!request.body().empty() && !type.starts_with("application/json"))
            return make_error("unsupported_media_type", "send the body as Content-Type: application/json",
                              "Content-Type");
        return ok();
    }
    static constexpr std::array<std::string_view, 7> kFileTypes{"text/csv",
                                                                "text/plain",
                                                                "application/xml",
                                                                "text/xml",
                                                                "application/json",
                                                                "application/octet-stream",
                                                                "application/vnd.ms-excel"};
    for (const auto allowed : kFileTypes) {
        if (type.starts_with(allowed))
            return ok();
    }
    return make_error(
        "unsupported_media_type",
        "send the file as it is, with Content-Type text/csv, application/xml, application/json or "
        "application/octet-stream",
        "Content-Type");
}

}  // namespace

Result<Reply> Router::dispatch(const Request& request, const std::string& address, Outcome& outcome) {
    const std::string_view target = request.target();
    auto url = boost::urls::parse_origin_form(target);
    if (!url)
        return make_error("not_found", "the request target is not a path");
    std::vector<std::pair<std::string, std::string>> params;
    bool path_known = false;
    const Route* route = match(request, params, path_known);
    if (!route) {
        if (path_known)
            return make_error("method_not_allowed",
                              fmt::format("{} is not allowed here", request.method_string()));
        return make_error("not_found", fmt::format("no route {}", std::string_view(url->encoded_path())));
    }
    outcome.route = route->pattern;
    std::optional<auth::Caller> caller;
    if (route->allowed != kPublic) {
        MF_TRY(caller, authenticate(request));
        outcome.actor = caller->actor().name;
        if ((route->allowed & role_bit(caller->role)) == 0) {
            return make_error("forbidden",
                              fmt::format("the {} role may not {} {}", auth::to_string(caller->role),
                                          request.method_string(), route->pattern));
        }
    }
    // Bodies are JSON (API.md), or files on the upload routes. Requiring the type also keeps out the simple
    // cross-site form posts.
    MF_CHECK(check_body_type(request, route->body));
    Call call(request, services_, caller ? &*caller : nullptr, address);
    call.path_params = std::move(params);
    for (const auto& param : url->params())
        call.query_params[param.key] = param.value;
    const auto key = request["Idempotency-Key"];
    if (route->effect == Effect::money && !key.empty())
        return run_idempotent(call, *route, key);
    return route->handler(call);
}

Response Router::handle(const Request& request, const std::string& address, Outcome& outcome) {
    outcome.route = "unmatched";
    // Outside /v1, a read no route has is the dashboard's (its pages and files).
    if (fallback_ && is_safe(request.method()) && !request.target().starts_with("/v1/")) {
        std::vector<std::pair<std::string, std::string>> params;
        bool path_known = false;
        if (!match(request, params, path_known) && !path_known) {
            if (auto page = fallback_(request)) {
                outcome.route = "static";
                outcome.status = page->result_int();
                return std::move(*page);
            }
        }
    }
    auto reply = dispatch(request, address, outcome);
    if (!reply) {
        outcome.status = status_of(reply.error());
        Response response = problem_response(reply.error(), request.version(), request.keep_alive());
        if (outcome.status == 405)
            response.set(http::field::allow, allowed_methods(request));
        return response;
    }
    outcome.status = reply.value().status;
    Response response{static_cast<http::status>(reply.value().status), request.version()};
    response.keep_alive(request.keep_alive());
    response.set(http::field::cache_control, "no-store");
    for (const auto& [name, value] : reply.value().headers)
        response.set(name, value);
    if (reply.value().status != 204) {
        response.set(http::field::content_type, reply.value().content_type);
        response.body() =
            reply.value().raw ? std::move(*reply.value().raw) : json::serialize(reply.value().body);
    }
    response.prepare_payload();
    return response;
}

}  // namespace mf::api
