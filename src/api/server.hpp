// `microfactor serve`: an HTTP/1.1 server on Boost.Beast + Asio. A pool of threads (one per core) runs the
// connections; each request is read with a size limit (413 beyond it) and a timeout (slow or idle clients are
// dropped without holding a thread), answered by the Router, counted in Metrics and logged as one JSON line
// with its request id. stop() (SIGINT/SIGTERM in serve) stops accepting, lets requests in flight finish and
// closes idle connections. Thread-safety: start() and run() from one thread; stop() from any.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "api/metrics.hpp"
#include "api/router.hpp"

namespace mf::api {

struct ServerOptions {
    std::string address = "127.0.0.1";
    uint16_t port = 8080;                        // 0: any free port (tests)
    unsigned threads = 0;                        // 0: one per core
    size_t body_bytes_max = 10 * 1024 * 1024;    // larger bodies get 413
    size_t upload_bytes_max = 50 * 1024 * 1024;  // the same, for routes whose body is a file
    std::chrono::seconds read_timeout{30};       // a request must arrive whole within this
    std::chrono::seconds idle_timeout{60};       // a kept-alive connection with no request is closed
    std::chrono::seconds shutdown_grace{20};     // in-flight requests get this long on stop()
    bool log_requests = true;
    size_t write_group_max = 256;     // writes committed together (1: each alone)
    size_t write_queue_max = 10'000;  // writes waiting beyond this get 503
};

class Server {
  public:
    Server(Router& router, Metrics& metrics, ServerOptions options);
    ~Server();

    // Binds and listens; returns the port (the chosen one when options.port is 0). "address_in_use" etc.
    Result<uint16_t> start();
    // Serves until stop(); returns when in-flight requests are done.
    void run();
    void stop();

    struct State;  // the io_context, acceptor and open connections (server.cpp)

  private:
    std::unique_ptr<State> state_;
};

}  // namespace mf::api
