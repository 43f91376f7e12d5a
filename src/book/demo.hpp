// A realistic demo portfolio built through the use cases only: clients on recourse and non-recourse terms
// with each fee schedule, two currencies, a few dozen debtors, and months of daily activity with every event
// kind, closed day by day. Deterministic for a seed. Thread-safety: runs on the calling thread.
#pragma once

#include <functional>
#include <string>

#include "book/book.hpp"

namespace mf {

struct DemoOptions {
    uint64_t seed = 20260601;
    int32_t business_days = 120;
    int32_t debtors = 36;
};

struct DemoSummary {
    int64_t clients = 0;
    int64_t debtors = 0;
    int64_t schedules = 0;
    int64_t invoices = 0;
    int64_t receipts = 0;
    int64_t days_closed = 0;
};

// progress(day_index, business_days) is called after each closed day.
Result<DemoSummary> build_demo(Book& book, const DemoOptions& options,
                               const std::function<void(int32_t, int32_t)>& progress);

}  // namespace mf
