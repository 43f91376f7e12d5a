// What the fuzz targets (fuzz/*_fuzz.cpp) share: a broken invariant stops the run with its text, so libFuzzer
// keeps the input as a crash file; the checks every refusal and every problem of a file must pass.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace mf::fuzz {

[[noreturn]] inline void invariant_failed(const char* condition, const char* file, int line,
                                          std::string_view detail) {
    std::fprintf(stderr, "fuzz invariant broken at %s:%d: %s\n  %.*s\n", file, line, condition,
                 static_cast<int>(detail.size()), detail.data());
    std::abort();
}

// FUZZ_CHECK(condition, detail): detail is any std::string_view-convertible text shown when it fails.
#define FUZZ_CHECK(condition, detail)                                               \
    do {                                                                            \
        if (!(condition))                                                           \
            ::mf::fuzz::invariant_failed(#condition, __FILE__, __LINE__, (detail)); \
    } while (0)

inline std::string_view as_text(const uint8_t* data, size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// A refusal a person can act on: a stable code and a message.
inline void check_error(const Error& error) {
    FUZZ_CHECK(!error.code.empty(), error.message);
    FUZZ_CHECK(!error.message.empty(), error.code);
    for (char c : error.code)
        FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_', error.code);
}

}  // namespace mf::fuzz
