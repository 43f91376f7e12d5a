// The SMTP transport: hands a message to a relay with libcurl (RFC 5321), with STARTTLS required unless the
// relay is on the loopback address, and turns what went wrong into the outbox's words: no connection or a
// 4xx reply is worth another try later, a 5xx reply is final. Thread-safety: one transport per thread.
#pragma once

#include <cstdint>
#include <string>

#include "mail/transport.hpp"

namespace mf::mail {

enum class SmtpTls {
    starttls,  // plain connection upgraded by STARTTLS, required (the default)
    tls,       // TLS from the first byte (smtps, port 465)
    none,      // no TLS: only for a relay on the loopback address (a local MTA, tests)
};
std::string_view to_string(SmtpTls tls);
Result<SmtpTls> parse_smtp_tls(std::string_view text);

struct SmtpSettings {
    std::string host;  // empty: no relay set up, nothing is delivered
    uint16_t port = 25;
    SmtpTls tls = SmtpTls::starttls;
    std::string username;  // empty: no AUTH
    std::string password;
    int64_t timeout_s = 30;  // connecting and each reply
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback_host(std::string_view host);
// A relay that can be used: host set, port not 0, TLS unless loopback; errors name the setting.
Status check_smtp_settings(const SmtpSettings& settings);

class SmtpTransport final : public Transport {
  public:
    explicit SmtpTransport(SmtpSettings settings);
    Status send(const std::string& from, const std::vector<std::string>& to,
                const std::string& message) override;

  private:
    SmtpSettings settings_;
};

}  // namespace mf::mail
