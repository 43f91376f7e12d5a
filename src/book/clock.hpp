// Where the book's instants come from (audit timestamps only; business dates never come from a clock), and
// who acts. A fixed clock makes tests and the demo deterministic. Thread-safety: clocks are immutable after
// creation.
#pragma once

#include <string>

namespace mf {

class Clock {
  public:
    virtual ~Clock() = default;
    virtual std::string now_utc() const = 0;  // RFC 3339, "2026-11-22T10:15:00Z"
};

class SystemClock final : public Clock {
  public:
    std::string now_utc() const override;
};

class FixedClock final : public Clock {
  public:
    explicit FixedClock(std::string instant) : instant_(std::move(instant)) {}
    std::string now_utc() const override { return instant_; }

  private:
    std::string instant_;
};

// Who does something: "cli:alice", "api:usr_3", "system:close-day". Every audit event names one.
struct Actor {
    std::string name;
};

}  // namespace mf
