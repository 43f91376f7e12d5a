// Expected failures as values: every use case and parser returns Result<T>, carrying either the value or an Error
// with a stable code (API.md), a human message and the offending field. Thread-safety: plain values.
#pragma once

#include <boost/outcome.hpp>
#include <string>
#include <utility>

namespace mf {

namespace outcome = BOOST_OUTCOME_V2_NAMESPACE;

struct Error {
    std::string code;     // stable, snake_case: invalid_amount, limit_exceeded, not_found, ...
    std::string message;  // for a person: names the problem and the value
    std::string field;    // the offending input field, empty when none applies

    friend bool operator==(const Error&, const Error&) = default;
};

inline Error make_error(std::string code, std::string message, std::string field = {}) {
    return Error{std::move(code), std::move(message), std::move(field)};
}

// Errors are data, never thrown: an unchecked access to a failed result is a bug and terminates.
template <class T>
using Result = outcome::result<T, Error, outcome::policy::terminate>;

using Status = Result<void>;

inline Status ok() { return outcome::success(); }

}  // namespace mf

// MF_TRY(auto x, expr) / MF_TRY(expr): return the error of a failed Result to the caller.
#define MF_TRY BOOST_OUTCOME_TRY

// Invariants hold in every build (STYLE.md): a broken one is a bug, and the process stops with the place named.
#define MF_ASSERT(condition)                                                  \
    do {                                                                      \
        if (!(condition)) ::mf::assertion_failed(#condition, __FILE__, __LINE__); \
    } while (0)

namespace mf {
[[noreturn]] void assertion_failed(const char* condition, const char* file, int line);
}
