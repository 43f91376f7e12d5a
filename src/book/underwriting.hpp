// The requests and results of underwriting (book/credit.cpp, book/onboarding.cpp): debtor credit scores and
// reports, bureau imports, credit reviews, and client applications. docs/underwriting.md describes them.
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "book/inputs.hpp"
#include "core/credit_score.hpp"
#include "core/model.hpp"
#include "core/underwriting.hpp"

namespace mf {

// Where a debtor stands with its reviews on the business date.
enum class ReviewStanding { none, current, expired, declined };
std::string_view to_string(ReviewStanding standing);

// A debtor's score with the figures behind it, as of the business date.
struct DebtorCredit {
    Debtor debtor;
    Date as_of;
    DebtorPaymentStats stats;              // zeros when nothing of the debtor ever funded
    std::vector<BureauScore> bureau_used;  // the latest fresh score of each bureau
    CreditScore score;
    ReviewStanding standing = ReviewStanding::none;
    std::optional<CreditReview> latest_review;
};

// The evidence behind one debtor's score: the score, every bureau score on file (used or not, with why), and
// every review, newest first.
struct DebtorCreditReport {
    DebtorCredit credit;
    bool reviews_required = false;  // the book setting
    std::vector<BureauScore> bureau_scores;
    std::vector<std::string> bureau_notes;  // per bureau score: "used", "stale (older than 365 days)", ...
    std::vector<CreditReview> reviews;
};

struct BureauImportResult {
    std::string source;
    std::vector<BureauScore> imported;
};

struct NewCreditReview {
    int64_t debtor_id = 0;
    CreditDecision decision = CreditDecision::approved;
    std::optional<int64_t> limit_minor;  // approved: the suggested limit when absent; declined: none or 0
    std::string notes;
    std::optional<Date> expires_on;  // default: the business date + 180 days
};
inline constexpr int32_t kDefaultReviewDays = 180;
inline constexpr int32_t kMaxReviewDays = 730;

// An application's fields as given: unset ones keep their value on update (add requires legal name, tax id,
// currency, owners and addresses).
struct ApplicationInput {
    std::optional<int64_t> expected_version;
    std::optional<std::string> legal_name;
    std::optional<std::string> registration_id;
    std::optional<std::string> tax_id;
    std::optional<Currency> currency;
    std::optional<std::string> email;
    std::optional<std::string> owners;
    std::optional<std::string> addresses;
    PayoutAccountChange payout_account;
    std::optional<std::string> documents;
    std::optional<std::string> ucc_filing_ref;
    std::optional<std::optional<Date>> ucc_filed_on;  // set to nullopt inside to clear it
    std::optional<KycStatus> kyc_status;
};

// What an underwriter decides when approving: the new client's terms (the factoring limit with them).
struct ApplicationApproval {
    ClientTerms terms;
    std::string note;
};

struct ApplicationDecision {
    ClientApplication application;
    std::optional<Client> client;  // the client it became, when approved
};

}  // namespace mf
