// The seam between the outbox and the network: a transport hands one composed message to a relay. The SMTP
// transport (smtp.hpp) speaks to a real relay with libcurl; tests may stand in their own. Thread-safety: a
// transport is used by one thread at a time.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"

namespace mf::mail {

// What a failed send means for the outbox.
inline constexpr std::string_view kTransient = "smtp_unavailable";  // try again later (no connection, 4xx)
inline constexpr std::string_view kPermanent = "smtp_rejected";     // the relay refused for good (5xx)

class Transport {
  public:
    virtual ~Transport() = default;
    // Sends `message` (RFC 5322, CRLF line ends) from `from` to every address of `to`. An error has code
    // kTransient or kPermanent and a message fit for the outbox's last_error (what the relay said).
    virtual Status send(const std::string& from, const std::vector<std::string>& to,
                        const std::string& message) = 0;
};

}  // namespace mf::mail
