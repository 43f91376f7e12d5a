// The e-mail outbox as plain values and its pure rules: a mail's state, when a failed attempt is tried again
// (exponential backoff with a cap on attempts), and what may stand in a header field (no CR or LF: a header
// taken from the book's data can never add a header of its own). Thread-safety: plain values and functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace mf {

// queued: waiting for its next attempt; delivered: the relay accepted it; failed: the relay refused it for
// good (a 5xx reply) or the attempts ran out; unaddressed: its recipient has no e-mail address, so nothing is
// sent until one is set and the mail is retried.
enum class MailState { queued, delivered, failed, unaddressed };
std::string_view to_string(MailState state);
Result<MailState> parse_mail_state(std::string_view text);

// What caused a mail (its template), the event of the book written in the same transaction.
inline constexpr std::string_view kMailNoaSent = "noa_sent";
inline constexpr std::string_view kMailVerificationRequest = "verification_request";
inline constexpr std::string_view kMailNoaLink = "noa_link";
inline constexpr std::string_view kMailStatementReady = "statement_ready";
inline constexpr std::string_view kMailRebatePaid = "rebate_paid";

struct OutboxMail {
    int64_t id = 0;
    std::string created_at;  // RFC 3339 UTC, the book's clock
    std::string kind;        // one of kMail*
    std::string event;       // the audit action that caused it ("noa.send", "client.release", ...)
    std::string entity_type;
    int64_t entity_id = 0;
    // Whose address the mail goes to: the client or the debtor, read again when an unaddressed mail is
    // retried after its address was set.
    std::string recipient_type;  // client or debtor
    int64_t recipient_id = 0;
    std::string recipients;  // addresses, ", "-separated; empty when unaddressed
    std::string subject;
    std::string body;  // text/plain, UTF-8; a debtor link stands as kLinkPlaceholder
    // The signed link of a debtor-link mail: the secret the body's placeholder stands for, kept only until
    // the mail is delivered (never shown by the faces).
    std::string secret_url;
    MailState state = MailState::queued;
    int64_t attempts = 0;
    std::string next_attempt_at;  // RFC 3339 UTC; due when at or before now
    std::string last_attempt_at;
    std::string last_error;
    std::string delivered_at;
};

inline constexpr std::string_view kLinkPlaceholder = "{{link}}";

// When the outbox tries a mail again and when it gives up.
struct RetryPolicy {
    int64_t attempts_max = 8;
    int64_t backoff_first_s = 60;      // after the first failed attempt
    int64_t backoff_max_s = 6 * 3600;  // the wait never grows past this
};
// Seconds to wait after `attempts` failed attempts (1 = the first): first * 2^(attempts-1), capped.
int64_t backoff_seconds(const RetryPolicy& policy, int64_t attempts);

// RFC 3339 UTC instants ("2026-06-01T09:00:00Z") and seconds since 1970; invalid text is "invalid_instant".
Result<int64_t> instant_seconds(std::string_view instant);
std::string instant_text(int64_t seconds_since_epoch);
Result<std::string> instant_plus_seconds(std::string_view instant, int64_t seconds);

// A header field's text from the book's data: CR, LF and other control characters are refused (header
// injection), naming the field.
Status check_header_text(std::string_view text, std::string_view field);
// One address "local@domain" (no display name, no spaces, no <>,;:"\ or control characters).
Status check_address(std::string_view address, std::string_view field);
// The addresses of a recipients field: "a@x.com, b@y.org" -> each checked.
Result<std::vector<std::string>> split_addresses(std::string_view recipients, std::string_view field);

}  // namespace mf
