// Counters for /metrics in the Prometheus text format: requests by method, route and status, a latency
// histogram per route, and portfolio gauges (open invoices, outstanding face) computed at most every 30
// seconds from the book. Thread-safety: observe() and render() may run on any thread (one mutex).
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "book/book.hpp"

namespace mf::api {

class Metrics {
  public:
    static constexpr std::array<double, 11> kBucketsSeconds{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                            0.1,   0.25,   0.5,   1.0,  2.5};

    void observe(std::string_view method, std::string_view route, unsigned status, double seconds);
    // The exposition text; the book gives the portfolio gauges.
    std::string render(Book& book);
    // A request is being answered from started() until finished().
    void started() { ++in_flight_; }
    void finished() { --in_flight_; }

  private:
    struct Latency {
        std::array<uint64_t, kBucketsSeconds.size()> buckets{};
        uint64_t count = 0;
        double sum_seconds = 0;
    };
    std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, unsigned>, uint64_t> requests_;
    std::map<std::string, Latency> latency_;
    std::atomic<int64_t> in_flight_{0};
    std::string gauges_;
    std::chrono::steady_clock::time_point gauges_at_{};
};

}  // namespace mf::api
