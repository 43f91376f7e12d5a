// Throughput of fee_for_invoice for each fee kind over varying days, faces and advances (target: >= 10M fees
// per second per core), and a count of heap allocations inside the timed loop, which must be zero.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <new>

#include "core/fees.hpp"

namespace {

int64_t g_allocation_count = 0;  // single-threaded benchmarks: a plain counter is enough

}  // namespace

// Counts every allocation in this executable so the benchmark can show the fee path makes none.
void* operator new(std::size_t size) {
    ++g_allocation_count;
    if (void* memory = std::malloc(size == 0 ? 1 : size))
        return memory;
    std::abort();  // out of memory in a benchmark: nothing to recover
}
// GCC 12 reports this replacement pair as mismatched once it inlines the library's calls to them; it is not.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* memory) noexcept {
    std::free(memory);
}
void operator delete(void* memory, std::size_t) noexcept {
    std::free(memory);
}
#pragma GCC diagnostic pop

namespace {

using mf::FeeKind;
using mf::FeeSchedule;

constexpr int64_t kPercent = 10'000;  // ppm

FeeSchedule schedule_of(FeeKind kind, int32_t tier_count) {
    FeeSchedule schedule;
    schedule.kind = kind;
    schedule.minimum_fee_minor = 500;
    schedule.flat_plus_periods = {2 * kPercent, 30, 1 * kPercent, 15};
    schedule.daily = {35'000, 30};
    for (int32_t i = 0; i < tier_count; ++i)
        schedule.tiered.tiers[i] = {10 * (i + 1), (2 + i) * kPercent};
    schedule.tiered.tier_count = tier_count;
    schedule.tiered.after_rate_ppm = (2 + tier_count) * kPercent;
    return schedule;
}

struct Invoice {
    int64_t face_minor;
    int64_t advance_minor;
    int32_t days;
};

// 1,024 invoices from a fixed linear congruential sequence: days 1..max_days, faces 100.00..1,000,000.00, 90%
// advances, so branches and divisions see varied inputs.
std::array<Invoice, 1024> invoices(int32_t max_days) {
    std::array<Invoice, 1024> out{};
    uint64_t state = 0x9E3779B97F4A7C15u;
    for (Invoice& invoice : out) {
        state = state * 6364136223846793005u + 1442695040888963407u;
        const auto face_minor = static_cast<int64_t>(10'000 + (state >> 20) % 100'000'000);
        invoice = {face_minor, face_minor * 9 / 10, static_cast<int32_t>(1 + (state >> 50) % max_days)};
    }
    return out;
}

void fee_for_invoice_bench(benchmark::State& state, FeeKind kind, int32_t tier_count) {
    const FeeSchedule schedule = schedule_of(kind, tier_count);
    if (!mf::validate(schedule)) {
        state.SkipWithError("invalid schedule");
        return;
    }
    const auto inputs = invoices(static_cast<int32_t>(state.range(0)));
    size_t next = 0;
    const int64_t allocations_before = g_allocation_count;
    for (auto _ : state) {
        const Invoice& invoice = inputs[next++ & (inputs.size() - 1)];
        auto fee = mf::fee_for_invoice(schedule, invoice.face_minor, invoice.advance_minor, invoice.days);
        benchmark::DoNotOptimize(fee);
    }
    const int64_t allocations = g_allocation_count - allocations_before;
    state.SetItemsProcessed(state.iterations());
    state.counters["allocations"] = static_cast<double>(allocations);
}

}  // namespace

BENCHMARK_CAPTURE(fee_for_invoice_bench, flat_plus_periods, FeeKind::flat_plus_periods, 0)
    ->ArgName("max_days")
    ->Arg(30)
    ->Arg(90)
    ->Arg(365);
BENCHMARK_CAPTURE(fee_for_invoice_bench, tiered_9, FeeKind::tiered, 9)
    ->ArgName("max_days")
    ->Arg(30)
    ->Arg(90)
    ->Arg(365);
BENCHMARK_CAPTURE(fee_for_invoice_bench, tiered_16, FeeKind::tiered, 16)
    ->ArgName("max_days")
    ->Arg(30)
    ->Arg(90)
    ->Arg(365);
BENCHMARK_CAPTURE(fee_for_invoice_bench, daily, FeeKind::daily, 0)
    ->ArgName("max_days")
    ->Arg(30)
    ->Arg(90)
    ->Arg(365);

BENCHMARK_MAIN();
