#include "api/metrics.hpp"

#include <fmt/format.h>

#include "core/money.hpp"

namespace mf::api {
namespace {

constexpr auto kGaugesMaxAge = std::chrono::seconds(30);

std::string portfolio_gauges(Book& book) {
    auto report = book.portfolio_report({}, std::nullopt);
    if (!report)
        return fmt::format("# portfolio figures unavailable: {}\n", report.error().message);
    std::string out =
        "# HELP microfactor_open_invoices Invoices funded and not yet closed.\n"
        "# TYPE microfactor_open_invoices gauge\n";
    for (const auto& row : report.value().rows)
        out += fmt::format("microfactor_open_invoices{{currency=\"{}\"}} {}\n", row.currency.code(),
                           row.open_invoices);
    out +=
        "# HELP microfactor_outstanding_face Face value of open invoices not yet collected, in currency "
        "units.\n"
        "# TYPE microfactor_outstanding_face gauge\n";
    for (const auto& row : report.value().rows) {
        out += fmt::format("microfactor_outstanding_face{{currency=\"{}\"}} {}\n", row.currency.code(),
                           format_amount(Money{row.outstanding_face_minor, row.currency}));
    }
    return out;
}

}  // namespace

void Metrics::observe(std::string_view method, std::string_view route, unsigned status, double seconds) {
    std::lock_guard lock(mutex_);
    ++requests_[{std::string(method), std::string(route), status}];
    Latency& latency = latency_[std::string(route)];
    for (size_t i = 0; i < kBucketsSeconds.size(); ++i) {
        if (seconds <= kBucketsSeconds[i])
            ++latency.buckets[i];
    }
    ++latency.count;
    latency.sum_seconds += seconds;
}

std::string Metrics::render(Book& book) {
    // The portfolio figures are read outside the lock: a slow book never holds up the counting of requests.
    std::string gauges;
    bool fresh = false;
    {
        std::lock_guard lock(mutex_);
        fresh = !gauges_.empty() && std::chrono::steady_clock::now() - gauges_at_ <= kGaugesMaxAge;
        if (fresh)
            gauges = gauges_;
    }
    if (!fresh) {
        gauges = portfolio_gauges(book);
        std::lock_guard lock(mutex_);
        gauges_ = gauges;
        gauges_at_ = std::chrono::steady_clock::now();
    }
    std::string out;
    {
        std::lock_guard lock(mutex_);
        out += "# HELP microfactor_http_requests_total Requests answered, by method, route and status.\n";
        out += "# TYPE microfactor_http_requests_total counter\n";
        for (const auto& [key, count] : requests_) {
            const auto& [method, route, status] = key;
            out += fmt::format(
                "microfactor_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n", method,
                route, status, count);
        }
        out +=
            "# HELP microfactor_http_request_duration_seconds Time from request read to response written.\n";
        out += "# TYPE microfactor_http_request_duration_seconds histogram\n";
        for (const auto& [route, latency] : latency_) {
            for (size_t i = 0; i < kBucketsSeconds.size(); ++i) {
                out += fmt::format(
                    "microfactor_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", route,
                    kBucketsSeconds[i], latency.buckets[i]);
            }
            out += fmt::format(
                "microfactor_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", route,
                latency.count);
            out += fmt::format("microfactor_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", route,
                               latency.sum_seconds);
            out += fmt::format("microfactor_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", route,
                               latency.count);
        }
    }
    out += gauges;
    out += "# HELP microfactor_http_in_flight Requests being answered now.\n";
    out += "# TYPE microfactor_http_in_flight gauge\n";
    out += fmt::format("microfactor_http_in_flight {}\n", in_flight_.load());
    return out;
}

}  // namespace mf::api
