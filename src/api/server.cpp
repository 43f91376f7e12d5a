#include "api/server.hpp"

#include <fmt/format.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "api/write_group.hpp"
#include "auth/secrets.hpp"

namespace mf::api {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

constexpr size_t kHeaderBytesMax = 16 * 1024;
constexpr size_t kRequestIdLengthMax = 64;

// A caller's X-Request-Id is kept when it is short and plain; otherwise the server makes one.
bool usable_request_id(std::string_view id) {
    if (id.empty() || id.size() > kRequestIdLengthMax)
        return false;
    for (unsigned char c : id) {
        if (!std::isalnum(c) && c != '-' && c != '_' && c != '.')
            return false;
    }
    return true;
}

std::shared_ptr<spdlog::logger> request_log() {
    static auto logger = [] {
        auto made = spdlog::stdout_logger_mt("microfactor.http");
        made->set_pattern("%v");
        return made;
    }();
    return logger;
}

}  // namespace

class Connection;

struct Server::State {
    State(Router& router_in, Metrics& metrics_in, ServerOptions options_in)
        : router(router_in),
          metrics(metrics_in),
          options(std::move(options_in)),
          acceptor(ioc),
          signals(ioc),
          request_id_prefix(auth::random_token().substr(0, 8)) {}

    void accept();
    void close_idle_connections();

    Router& router;
    Metrics& metrics;
    ServerOptions options;
    asio::io_context ioc;
    tcp::acceptor acceptor;
    asio::signal_set signals;
    const std::string request_id_prefix;
    std::atomic<uint64_t> requests{0};
    std::atomic<bool> stopping{false};
    std::mutex connections_mutex;
    std::unordered_map<Connection*, std::weak_ptr<Connection>> connections;
    std::mutex stop_mutex;
    std::condition_variable stopped;
    std::unique_ptr<WriteGroup> writes;  // null: every request answered on its connection's thread
};

class Connection : public std::enable_shared_from_this<Connection> {
  public:
    Connection(tcp::socket&& socket, Server::State& state) : stream_(std::move(socket)), state_(state) {
        beast::error_code error;
        auto endpoint = stream_.socket().remote_endpoint(error);
        address_ = error ? "unknown" : endpoint.address().to_string();
    }
    ~Connection() {
        std::lock_guard lock(state_.connections_mutex);
        state_.connections.erase(this);
    }

    void start() {
        {
            std::lock_guard lock(state_.connections_mutex);
            state_.connections[this] = weak_from_this();
        }
        asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_header(); });
    }

    // From any thread: closes the connection if it is waiting for a request (not answering one).
    void close_if_idle() {
        asio::post(stream_.get_executor(), [self = shared_from_this()] {
            if (!self->busy_)
                self->close();
        });
    }

  private:
    void read_header() {
        if (state_.stopping)
            return close();
        parser_.emplace();
        parser_->header_limit(kHeaderBytesMax);
        parser_->body_limit(std::max(state_.options.body_bytes_max, state_.options.upload_bytes_max));
        stream_.expires_after(state_.options.idle_timeout);
        http::async_read_header(
            stream_, buffer_, *parser_,
            [self = shared_from_this()](beast::error_code error, size_t) { self->on_header(error); });
    }

    void on_header(beast::error_code error) {
        if (error == http::error::body_limit)  // the declared Content-Length is over every limit
            return refuse_too_large(std::max(state_.options.body_bytes_max, state_.options.upload_bytes_max));
        if (error)
            return fail(error);
        const size_t limit = state_.router.takes_file(parser_->get()) ? state_.options.upload_bytes_max
                                                                      : state_.options.body_bytes_max;
        if (auto length = parser_->content_length(); length && *length > limit)
            return refuse_too_large(limit);
        parser_->body_limit(limit);
        body_limit_ = limit;
        busy_ = true;  // in flight from its headers on: a stop lets it arrive and be answered
        stream_.expires_after(state_.options.read_timeout);
        http::async_read(
            stream_, buffer_, *parser_,
            [self = shared_from_this()](beast::error_code error, size_t) { self->on_read(error); });
    }

    void on_read(beast::error_code error) {
        if (error == http::error::body_limit)
            return refuse_too_large(body_limit_);
        if (error)
            return fail(error);
        answer(parser_->release());
    }

    // A client that went away, sent garbage or was too slow (the stream closed the socket on its timeout,
    // so there is no one left to answer) is dropped; the drop is counted.
    void fail(beast::error_code error) {
        if (error == beast::error::timeout && parser_ && parser_->got_some())
            state_.metrics.observe("-", "dropped: too slow", 408, 0);
        close();
    }

    void refuse_too_large(size_t limit) {
        send_error(
            make_error("payload_too_large", fmt::format("the body is larger than {} bytes", limit), "body"));
    }

    void send_error(const Error& error) {
        Response response = problem_response(error, 11, false);
        Outcome outcome{"unmatched", response.result_int(), ""};
        finish(std::move(response), parser_ ? parser_->get() : Request{}, outcome,
               std::chrono::steady_clock::now());
    }

    void answer(Request request) {
        busy_ = true;
        const auto started = std::chrono::steady_clock::now();
        state_.metrics.started();
        if (state_.writes && state_.router.groupable(request)) {
            // The writer thread answers it with its group; the work guard keeps the server running until the
            // answer is back on this connection.
            auto shared = std::make_shared<const Request>(std::move(request));
            auto guard = asio::make_work_guard(state_.ioc);
            state_.writes->submit(
                shared, address_,
                [self = shared_from_this(), shared, started, guard](Response response,
                                                                    const Outcome& outcome) {
                    asio::post(self->stream_.get_executor(), [self, shared, started, guard, outcome,
                                                              response = std::move(response)]() mutable {
                        self->answered(std::move(response), *shared, outcome, started);
                    });
                });
            return;
        }
        Outcome outcome;
        Response response = state_.router.handle(request, address_, outcome);
        answered(std::move(response), request, outcome, started);
    }

    void answered(Response response, const Request& request, const Outcome& outcome,
                  std::chrono::steady_clock::time_point started) {
        state_.metrics.finished();
        if (state_.stopping)
            response.keep_alive(false);
        finish(std::move(response), request, outcome, started);
    }

    void finish(Response response, const Request& request, const Outcome& outcome,
                std::chrono::steady_clock::time_point started) {
        const auto given_id = request["X-Request-Id"];
        const std::string request_id =
            usable_request_id(given_id) ? std::string(given_id)
                                        : fmt::format("{}-{}", state_.request_id_prefix, ++state_.requests);
        response.set("X-Request-Id", request_id);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        state_.metrics.observe(request.method_string(), outcome.route, response.result_int(), seconds);
        if (state_.options.log_requests)
            log(request, response, outcome, request_id, seconds);
        auto shared = std::make_shared<Response>(std::move(response));
        stream_.expires_after(state_.options.read_timeout);
        http::async_write(stream_, *shared,
                          [self = shared_from_this(), shared](beast::error_code error, size_t) {
                              self->busy_ = false;
                              if (error)
                                  return self->close();
                              if (!shared->keep_alive())
                                  return self->linger_close();
                              self->read_header();
                          });
    }

    void log(const Request& request, const Response& response, const Outcome& outcome,
             const std::string& request_id, double seconds) {
        std::string_view target = request.target();
        target = target.substr(0, target.find('?'));  // queries may name clients: the path is enough
        boost::json::object line{
            {"time", format_now()},
            {"request_id", request_id},
            {"method", request.method_string()},
            {"path", target},
            {"route", outcome.route},
            {"status", response.result_int()},
            {"duration_us", static_cast<int64_t>(std::llround(seconds * 1e6))},
            {"bytes_in", request.body().size()},
            {"bytes_out", response.body().size()},
            {"actor", outcome.actor},
            {"remote", address_},
        };
        request_log()->info(boost::json::serialize(line));
    }

    static std::string format_now() {
        const auto now = std::chrono::system_clock::now();
        const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
        const auto millis =
            std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
        std::string text = auth::format_instant(seconds);
        text.insert(text.size() - 1, fmt::format(".{:03}", millis));
        return text;
    }

    // Ends a connection the client may still be sending on (a refused oversize body): stop sending, then
    // read and drop what still arrives for a moment, so the client reads the answer instead of a reset.
    void linger_close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.expires_after(std::chrono::seconds(2));
        drain();
    }
    void drain() {
        stream_.async_read_some(asio::buffer(drain_buffer_),
                                [self = shared_from_this()](beast::error_code error, size_t) {
                                    if (error)
                                        return self->close();
                                    self->drain();
                                });
    }

    void close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream_.socket().close(ignored);
    }

    beast::tcp_stream stream_;
    Server::State& state_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    std::string address_;
    size_t body_limit_ = 0;
    bool busy_ = false;
    std::array<char, 16 * 1024> drain_buffer_{};
};

void Server::State::accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code error, tcp::socket socket) {
        if (error)
            return;  // the acceptor was closed (stop) or failed: no more connections
        if (stopping)
            return;
        std::make_shared<Connection>(std::move(socket), *this)->start();
        accept();
    });
}

void Server::State::close_idle_connections() {
    std::vector<std::shared_ptr<Connection>> open;
    {
        std::lock_guard lock(connections_mutex);
        for (auto& [raw, weak] : connections) {
            if (auto connection = weak.lock())
                open.push_back(std::move(connection));
        }
    }
    for (auto& connection : open)
        connection->close_if_idle();
}

Server::Server(Router& router, Metrics& metrics, ServerOptions options)
    : state_(std::make_unique<State>(router, metrics, std::move(options))) {
    if (state_->options.write_group_max > 1) {
        state_->writes = std::make_unique<WriteGroup>(router, router.store(), state_->options.write_group_max,
                                                      state_->options.write_queue_max);
    }
}

Server::~Server() = default;

Result<uint16_t> Server::start() {
    beast::error_code error;
    const auto address = asio::ip::make_address(state_->options.address, error);
    if (error)
        return make_error("invalid_field", fmt::format("'{}' is not an IP address", state_->options.address),
                          "address");
    const tcp::endpoint endpoint{address, state_->options.port};
    auto& acceptor = state_->acceptor;
    acceptor.open(endpoint.protocol(), error);
    if (!error)
        acceptor.set_option(asio::socket_base::reuse_address(true), error);
    if (!error)
        acceptor.bind(endpoint, error);
    if (!error)
        acceptor.listen(asio::socket_base::max_listen_connections, error);
    if (error) {
        return make_error("listen_failed", fmt::format("cannot listen on {}:{}: {}", state_->options.address,
                                                       state_->options.port, error.message()));
    }
    state_->signals.add(SIGINT);
    state_->signals.add(SIGTERM);
    state_->signals.async_wait([this](beast::error_code wait_error, int) {
        if (!wait_error)
            stop();
    });
    state_->accept();
    return acceptor.local_endpoint().port();
}

void Server::run() {
    unsigned threads =
        state_->options.threads ? state_->options.threads : std::thread::hardware_concurrency();
    threads = std::max(threads, 1u);
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i)
        pool.emplace_back([this] { state_->ioc.run(); });
    // The watchdog: once stopping, requests still running after the grace period are abandoned.
    std::thread watchdog([this] {
        std::unique_lock lock(state_->stop_mutex);
        state_->stopped.wait(lock, [this] { return state_->stopping.load(); });
        if (!state_->stopped.wait_for(lock, state_->options.shutdown_grace,
                                      [this] { return state_->ioc.stopped(); })) {
            state_->ioc.stop();
        }
    });
    state_->ioc.run();
    for (auto& thread : pool)
        thread.join();
    if (state_->writes)
        state_->writes->stop();
    {
        std::lock_guard lock(state_->stop_mutex);
        state_->stopping = true;
    }
    state_->stopped.notify_all();
    watchdog.join();
}

void Server::stop() {
    asio::post(state_->ioc, [this] {
        {
            std::lock_guard lock(state_->stop_mutex);
            state_->stopping = true;
        }
        state_->stopped.notify_all();
        beast::error_code ignored;
        state_->acceptor.close(ignored);
        state_->signals.cancel(ignored);
        state_->close_idle_connections();
    });
}

}  // namespace mf::api
