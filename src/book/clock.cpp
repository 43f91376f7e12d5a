#include "book/clock.hpp"

#include <chrono>
#include <ctime>

namespace mf {

std::string SystemClock::now_utc() const {
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

}  // namespace mf
