// The debtor credit score and the suggested credit limit: pure functions of the payment history the store
// sums (DebtorPaymentStats) and the bureau scores that are fresh. Every figure is an integer (days, points,
// ppm, minor units) computed with floor divisions, so a test can state the exact result; the formulas and
// why they are what they are: docs/accounting-decisions.md "Debtor credit score and suggested limit".
// Thread-safety: pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/money.hpp"
#include "core/underwriting.hpp"

namespace mf {

struct CreditScoreRules {
    int64_t min_observed = 3;          // fewer observed invoices is a thin file: no history score
    int32_t bureau_fresh_days = 365;   // a bureau score older than this is shown but not used
    int32_t volume_window_days = 180;  // the window of funded volume behind the suggested limit
};

struct CreditScore {
    // The evidence, from the stats.
    int64_t observed_count = 0;  // paid + open past due + losses
    int64_t late_count = 0;      // paid late + open past due + losses
    int64_t days_beyond_terms_sum = 0;
    std::optional<int64_t> avg_days_to_pay;  // over the paid invoices; none when none paid
    int64_t avg_days_beyond_terms = 0;       // over the observed invoices
    int64_t late_share_ppm = 0;
    int64_t dispute_share_ppm = 0;  // of funded invoices
    int64_t dilution_ppm = 0;       // of funded face
    // The points each part takes off 100.
    int32_t beyond_terms_penalty = 0;      // 1 a day of average days beyond terms, at most 35
    int32_t late_share_penalty = 0;        // 25 x share paid late
    int32_t slow_pay_penalty = 0;          // 1 per 3 days of average days to pay over 60, at most 10
    int32_t dispute_penalty = 0;           // 100 x dispute share, at most 15
    int32_t dilution_penalty = 0;          // 300 x dilution, at most 15
    std::optional<int32_t> history_score;  // 0..100; none for a thin file

    std::optional<int32_t> bureau_score;  // the mean of the fresh bureau scores used
    int32_t history_weight_pct = 0;       // 3% per observed invoice, at most 60%, when both are known
    std::optional<int32_t> score;         // the combined score
    char grade = '-';                     // A >= 80, B >= 60, C >= 40, D below; '-' without a score

    int64_t volume_minor = 0;          // face funded in the volume window
    int64_t exposure_basis_minor = 0;  // volume x max(avg days to pay, 30) / window days
    int32_t limit_multiplier_pct = 0;  // A 150, B 100, C 50, D 0
    int64_t starter_limit_minor = 0;   // A 25,000, B 10,000, C 2,500, D 0 (whole units of the currency)
    std::optional<int64_t> suggested_limit_minor;  // none without a score
};

// bureau_scores: the latest score of each bureau for the debtor that is fresh (the caller picks them).
CreditScore score_debtor(const DebtorPaymentStats& stats, const std::vector<int32_t>& bureau_scores,
                         Currency currency, const CreditScoreRules& rules = {});

}  // namespace mf
