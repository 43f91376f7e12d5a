#include "core/error.hpp"

#include <cstdio>
#include <cstdlib>

namespace mf {

void assertion_failed(const char* condition, const char* file, int line) {
    std::fprintf(stderr, "microfactor: invariant broken: %s (%s:%d)\n", condition, file, line);
    std::fflush(stderr);
    std::abort();
}

void value_of_failed_result(const Error& error) {
    std::fprintf(stderr, "microfactor: the value of a failed result was used: [%s] %s (field '%s')\n",
                 error.code.c_str(), error.message.c_str(), error.field.c_str());
    std::fflush(stderr);
    std::abort();
}

}  // namespace mf
