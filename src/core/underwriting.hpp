// The records of underwriting: what the book knows of a debtor's credit (its payment history as the store
// sums it, bureau scores imported from files, the credit reviews of underwriters) and a client's application
// before it becomes a client. Plain values; the score and limit formulas live in core/credit_score.hpp.
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/model.hpp"

namespace mf {

// A debtor's payment history across every client of the book, summed by the store over the invoices that
// funded (one aggregate query, never a scan of invoices in C++). docs/accounting-decisions.md defines each
// figure; `as_of` is the business date the open invoices are aged at.
struct DebtorPaymentStats {
    int64_t debtor_id = 0;
    int64_t funded_count = 0;       // invoices that ever funded
    int64_t funded_face_minor = 0;  // their face
    int64_t diluted_minor = 0;      // credit notes, short pays, lost disputes on them
    int64_t paid_count = 0;         // closed with a payment from the debtor
    int64_t days_to_pay_sum = 0;    // sum of (last payment - issue date) over the paid ones
    int64_t paid_late_count = 0;    // paid after the due date
    int64_t paid_days_late_sum = 0;
    int64_t open_past_due_count = 0;  // funded, still open, due before as_of
    int64_t open_days_past_due_sum = 0;
    int64_t loss_count = 0;  // charged back to the client or written off: the debtor did not pay
    int64_t loss_days_late_sum = 0;
    int64_t disputed_count = 0;            // funded invoices ever disputed (the audit trail says so)
    int64_t recent_funded_face_minor = 0;  // face funded in the volume window (180 days to as_of)
    int64_t open_outstanding_minor = 0;    // what the debtor owes on funded invoices now
};

// An external bureau's score of a debtor (Dun & Bradstreet PAYDEX, Experian Intelliscore, Creditsafe, ...),
// on the bureau's 0-100 scale where higher is better, as of a date; imported from a CSV file (FORMATS: the
// bureau file, docs/underwriting.md).
struct BureauScore {
    int64_t id = 0;
    int64_t debtor_id = 0;
    std::string bureau;  // "dnb", "experian", ...: lower-case, as the file names it
    int32_t score = 0;   // 0..100
    Date as_of;
    std::string reference;    // the bureau's report number, optional
    std::string source;       // the file it came from
    std::string imported_at;  // RFC 3339 UTC
};

enum class CreditDecision { approved, declined };

// An underwriter's decision on a debtor: the limit set (0 when declined), until when it holds, and the
// evidence the score gave at the time. Funding on the debtor needs an approved one that has not expired when
// the book requires credit reviews (BookSettings::require_credit_review).
struct CreditReview {
    int64_t id = 0;
    int64_t debtor_id = 0;
    std::string reviewer;  // the actor: "cli:alice", "api:usr_3"
    Date reviewed_on;      // the business date
    CreditDecision decision = CreditDecision::approved;
    int64_t limit_minor = 0;
    std::string notes;
    Date expires_on;               // valid through this date; the day after, it has expired
    std::optional<int32_t> score;  // the combined score when reviewed, when there was one
    std::optional<int64_t> suggested_limit_minor;
    std::string created_at;  // RFC 3339 UTC

    bool current_on(Date day) const { return decision == CreditDecision::approved && !(expires_on < day); }
};

enum class KycStatus { pending, passed, failed };
enum class ApplicationStatus { open, approved, declined };

// A business asking to factor with the book: kept and changed by staff while open, then approved by an
// underwriter into a client (with its terms and factoring limit) or declined with a reason. Every change is
// an audit event of entity "application".
struct ClientApplication {
    int64_t id = 0;
    std::string legal_name;
    std::string registration_id;  // company registration number
    std::string tax_id;           // EIN, VAT id
    Currency currency;
    std::string email;
    std::string owners;     // beneficial owners, ';'-separated ("Ann Lee 60%; Bo Park 40%")
    std::string addresses;  // ';'-separated (registered office; mailing)
    PayoutAccount payout_account;
    std::string documents;  // documents received, ';'-separated ("articles; bank letter; W-9")
    std::string ucc_filing_ref;
    std::optional<Date> ucc_filed_on;
    KycStatus kyc_status = KycStatus::pending;
    ApplicationStatus status = ApplicationStatus::open;
    std::string decision_reason;  // why declined (or the approver's note)
    std::string decided_by;
    std::optional<Date> decided_on;
    int64_t client_id = 0;  // the client it became
    std::string created_at;
    int64_t version = 0;
};

std::string_view to_string(CreditDecision decision);
std::string_view to_string(KycStatus status);
std::string_view to_string(ApplicationStatus status);
Result<CreditDecision> parse_credit_decision(std::string_view text);
Result<KycStatus> parse_kyc_status(std::string_view text);
Result<ApplicationStatus> parse_application_status(std::string_view text);

}  // namespace mf
