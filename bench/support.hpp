// What the end-to-end benchmark drivers share: wall-clock seconds, the peak memory of the process, and
// stopping with the book's error when a step that must work does not.
#pragma once

#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include <filesystem>
#include <memory>
#include <string>

#include "book/book.hpp"
#include "core/error.hpp"

namespace mf::bench {

inline double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

template <class T>
T must(Result<T> result, const char* what) {
    if (!result) {
        std::fprintf(stderr, "%s failed: [%s] %s\n", what, result.error().code.c_str(),
                     result.error().message.c_str());
        std::exit(1);
    }
    return std::move(result).value();
}

// CPU seconds of the process (all threads): on a shared machine the wall clock also counts the time spent
// waiting for a core, so figures are given in both.
inline double cpu_seconds() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

// CPU time (user + system) of the finished child processes (a yardstick run by std::system).
inline double children_cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    const auto seconds = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

inline long peak_rss_mib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

// A new SQLite book in `dir` (emptied first), USD, weekends-only calendar, its clock fixed at 09:00 UTC of
// `day`; funding needs no credit reviews (the drivers measure the book, not underwriting).
inline std::unique_ptr<Book> fresh_book(const std::filesystem::path& dir, Date day) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto clock = std::make_shared<FixedClock>(day.to_string() + "T09:00:00Z");
    return must(Book::create("sqlite:" + (dir / "book.sqlite").string(),
                             NewBook{"bench", Currency::from_code("USD").value(), CalendarKind::weekends_only,
                                     day, false},
                             clock),
                "create the book");
}

}  // namespace mf::bench
