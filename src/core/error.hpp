// Expected failures as values: every use case and parser returns Result<T>, carrying either the value or an
// Error with a stable code (API.md), a human message and the offending field. Thread-safety: plain values.
#pragma once

#include <boost/outcome.hpp>
#include <cstdlib>
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

[[noreturn]] void value_of_failed_result(const Error& error);

// An unchecked access to a failed result is a bug: the process stops and says which error it ignored.
struct TerminateWithError : outcome::policy::base {
    template <class Impl>
    static constexpr void wide_value_check(Impl&& self) {
        if (!base::_has_value(static_cast<Impl&&>(self)))
            value_of_failed_result(base::_error(self));
    }
    template <class Impl>
    static constexpr void wide_error_check(Impl&& self) noexcept {
        if (!base::_has_error(static_cast<Impl&&>(self)))
            std::abort();
    }
    template <class Impl>
    static constexpr void wide_exception_check(Impl&& self) {
        if (!base::_has_exception(static_cast<Impl&&>(self)))
            std::abort();
    }
};

// Errors are data, never thrown.
template <class T>
using Result = outcome::result<T, Error, TerminateWithError>;

using Status = Result<void>;

inline Status ok() {
    return outcome::success();
}

}  // namespace mf

// MF_TRY(auto x, expr) or MF_TRY(lvalue, expr): take the value of a Result, or return its error to the
// caller.
#define MF_TRY(decl, ...) BOOST_OUTCOME_TRYA(decl, __VA_ARGS__)
// MF_CHECK(expr): return the error of a failed Result/Status to the caller. One statement, so it is safe as
// the body of an unbraced if or in a switch case, and the expression may hold commas ({a, b}).
#define MF_CHECK(...)                                        \
    do {                                                     \
        auto&& mf_check_result_ = (__VA_ARGS__);             \
        if (!mf_check_result_)                               \
            return std::move(mf_check_result_).as_failure(); \
    } while (0)

// Invariants hold in every build (STYLE.md): a broken one is a bug, and the process stops with the place
// named.
#define MF_ASSERT(condition)                                        \
    do {                                                            \
        if (!(condition))                                           \
            ::mf::assertion_failed(#condition, __FILE__, __LINE__); \
    } while (0)

namespace mf {
[[noreturn]] void assertion_failed(const char* condition, const char* file, int line);
}
