// What the end-to-end benchmark drivers share: wall-clock seconds, the peak memory of the process, and
// stopping with the book's error when a step that must work does not.
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <utility>

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

inline long peak_rss_mib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

}  // namespace mf::bench
