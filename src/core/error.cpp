#include "core/error.hpp"

#include <cstdio>
#include <cstdlib>

namespace mf {

void assertion_failed(const char* condition, const char* file, int line) {
    std::fprintf(stderr, "microfactor: invariant broken: %s (%s:%d)\n", condition, file, line);
    std::fflush(stderr);
    std::abort();
}

}  // namespace mf
