// The records of invoice verification and notices of assignment (issue 5, parts 3 and 4): a client's
// verification policy and which invoices it selects, the verification log (staff calls and e-mails, debtor
// answers through a link), the signed debtor links themselves, and the notice of assignment of each
// (client, debtor) pair. Plain values and pure rules; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/model.hpp"

namespace mf {

// Which of a client's new invoices need verification before approval and funding.
enum class VerificationPolicyKind {
    none,    // none (the default)
    every,   // every invoice
    above,   // invoices with a face above threshold_minor
    sample,  // a share sample_ppm of the invoices, chosen by a hash of the invoice id (deterministic)
};
std::string_view to_string(VerificationPolicyKind kind);
Result<VerificationPolicyKind> parse_verification_policy_kind(std::string_view text);

struct VerificationPolicy {
    int64_t client_id = 0;
    VerificationPolicyKind kind = VerificationPolicyKind::none;
    int64_t threshold_minor = 0;  // above: faces strictly above this need verification
    int64_t sample_ppm = 0;       // sample: the share selected, 0 to 1,000,000
    std::string updated_at;       // RFC 3339 UTC
    std::string updated_by;       // actor
};

// Errors: invalid_policy (a threshold for "above" that is not positive, a share outside 0-100%).
Status validate_policy(const VerificationPolicy& policy);
// Whether the policy selects the invoice (its id must be known for a sample).
bool policy_selects(const VerificationPolicy& policy, const Invoice& invoice);
// The sample draw of an invoice id: a number in [0, 1,000,000) from a fixed hash of the id, so the same
// invoice is always drawn the same way.
int64_t sample_draw_ppm(int64_t invoice_id);

// How a verification was attempted and what came of it.
//   channel: call, email (staff), link (the debtor through a signed link)
//   outcome: confirmed (delivered, amount right, no offsets), contested (with a reason), no_answer,
//            left_message (staff attempts that change nothing)
struct VerificationRecord {
    int64_t id = 0;
    int64_t invoice_id = 0;
    int64_t client_id = 0;
    int64_t debtor_id = 0;
    std::string at;  // RFC 3339 UTC
    Date business_date;
    std::string actor;
    std::string channel;
    std::string contact;  // whom staff spoke or wrote to ("A. Payables, +1 555 0100"); the link's debtor
    std::string outcome;
    bool delivered = false;
    bool amount_correct = false;
    bool no_offsets = false;
    std::string notes;    // staff notes, or the debtor's reason for a contest
    int64_t link_id = 0;  // the debtor link answered through; 0 for staff records
};

Status validate_channel(std::string_view channel);  // invalid_channel
Status validate_outcome(std::string_view outcome);  // invalid_outcome
// The invoice's verification flag after a record with this outcome: confirmed -> verified, contested ->
// failed, anything else leaves it as it was.
Verification verification_after(Verification current, std::string_view outcome);

// A link sent to a debtor: the random token is given out once and only its hash is kept (as session tokens
// are). Single-purpose, expiring, single-use.
//   purpose: verify_invoice (one invoice: see it with the remittance instructions, confirm or contest it)
//            acknowledge_noa (one client/debtor pair: see the notice, acknowledge it)
struct DebtorLink {
    int64_t id = 0;
    std::string token_hash;  // hex BLAKE2b of the token
    std::string purpose;
    int64_t invoice_id = 0;  // verify_invoice only
    int64_t client_id = 0;
    int64_t debtor_id = 0;
    std::string created_at;
    std::string created_by;
    std::string expires_at;  // RFC 3339 UTC
    std::string used_at;     // empty until answered
};
inline constexpr std::string_view kLinkVerifyInvoice = "verify_invoice";
inline constexpr std::string_view kLinkAcknowledgeNoa = "acknowledge_noa";
Status validate_link_purpose(std::string_view purpose);  // invalid_purpose

// The notice of assignment of one (client, debtor) pair. No record: not sent.
//   status: not_sent, sent, acknowledged
struct NoticeStatus {
    int64_t client_id = 0;
    int64_t debtor_id = 0;
    std::optional<Date> sent_on;
    std::string method;  // mail, email, fax, hand, portal (how it was sent)
    std::optional<Date> acknowledged_on;
    std::string updated_at;
    std::string updated_by;

    std::string_view status() const {
        return acknowledged_on ? "acknowledged" : sent_on ? "sent" : "not_sent";
    }
    bool in_place() const { return sent_on.has_value() || acknowledged_on.has_value(); }
};
Status validate_noa_method(std::string_view method);  // invalid_method

// A (client, debtor) pair with funded invoices and no notice sent: the NOA work queue.
struct NoaQueueRow {
    int64_t client_id = 0;
    int64_t debtor_id = 0;
    Currency currency;
    int64_t funded_invoices = 0;
    int64_t outstanding_face_minor = 0;  // face of the funded invoices
};

}  // namespace mf
