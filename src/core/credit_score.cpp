#include "core/credit_score.hpp"

#include <algorithm>

namespace mf {
namespace {

// floor(a x b / c) for non-negative figures, c > 0, without overflow on the way.
int64_t mul_div(int64_t a, int64_t b, int64_t c) {
    return static_cast<int64_t>(static_cast<int128>(a) * b / c);
}

int32_t capped(int64_t points, int64_t cap) {
    return static_cast<int32_t>(std::clamp<int64_t>(points, 0, cap));
}

char grade_of(int32_t score) {
    if (score >= 80)
        return 'A';
    if (score >= 60)
        return 'B';
    if (score >= 40)
        return 'C';
    return 'D';
}

void score_history(const DebtorPaymentStats& s, const CreditScoreRules& rules, CreditScore& out) {
    out.observed_count = s.paid_count + s.open_past_due_count + s.loss_count;
    out.late_count = s.paid_late_count + s.open_past_due_count + s.loss_count;
    out.days_beyond_terms_sum = s.paid_days_late_sum + s.open_days_past_due_sum + s.loss_days_late_sum;
    if (s.paid_count > 0)
        out.avg_days_to_pay = s.days_to_pay_sum / s.paid_count;
    if (out.observed_count > 0) {
        out.avg_days_beyond_terms = out.days_beyond_terms_sum / out.observed_count;
        out.late_share_ppm = mul_div(out.late_count, kPpmPerUnit, out.observed_count);
        out.beyond_terms_penalty = capped(out.avg_days_beyond_terms, 35);
        out.late_share_penalty = capped(mul_div(25, out.late_count, out.observed_count), 25);
    }
    if (out.avg_days_to_pay)
        out.slow_pay_penalty = capped((*out.avg_days_to_pay - 60) / 3, 10);
    if (s.funded_count > 0) {
        out.dispute_share_ppm = mul_div(s.disputed_count, kPpmPerUnit, s.funded_count);
        out.dispute_penalty = capped(mul_div(100, s.disputed_count, s.funded_count), 15);
    }
    if (s.funded_face_minor > 0) {
        out.dilution_ppm = mul_div(s.diluted_minor, kPpmPerUnit, s.funded_face_minor);
        out.dilution_penalty = capped(mul_div(300, s.diluted_minor, s.funded_face_minor), 15);
    }
    if (out.observed_count < rules.min_observed)
        return;  // a thin file: the figures are shown, no score is drawn from them
    const int32_t penalties = out.beyond_terms_penalty + out.late_share_penalty + out.slow_pay_penalty +
                              out.dispute_penalty + out.dilution_penalty;
    out.history_score = std::max(0, 100 - penalties);
}

void suggest_limit(const DebtorPaymentStats& s, Currency currency, const CreditScoreRules& rules,
                   CreditScore& out) {
    out.volume_minor = s.recent_funded_face_minor;
    const int64_t pace_days = std::max<int64_t>(out.avg_days_to_pay.value_or(30), 30);
    out.exposure_basis_minor = mul_div(out.volume_minor, pace_days, rules.volume_window_days);
    if (!out.score)
        return;
    const int64_t unit = currency.minor_per_major();
    switch (out.grade) {
        case 'A':
            out.limit_multiplier_pct = 150;
            out.starter_limit_minor = 25'000 * unit;
            break;
        case 'B':
            out.limit_multiplier_pct = 100;
            out.starter_limit_minor = 10'000 * unit;
            break;
        case 'C':
            out.limit_multiplier_pct = 50;
            out.starter_limit_minor = 2'500 * unit;
            break;
        default:
            out.limit_multiplier_pct = 0;
            out.starter_limit_minor = 0;
    }
    const int64_t from_volume = mul_div(out.exposure_basis_minor, out.limit_multiplier_pct, 100);
    const int64_t step = 100 * unit;  // limits are set in whole hundreds of the currency
    out.suggested_limit_minor = std::max(from_volume, out.starter_limit_minor) / step * step;
}

}  // namespace

CreditScore score_debtor(const DebtorPaymentStats& stats, const std::vector<int32_t>& bureau_scores,
                         Currency currency, const CreditScoreRules& rules) {
    CreditScore out;
    score_history(stats, rules, out);
    if (!bureau_scores.empty()) {
        int64_t sum = 0;
        for (const int32_t score : bureau_scores)
            sum += score;
        out.bureau_score = static_cast<int32_t>(sum / static_cast<int64_t>(bureau_scores.size()));
    }
    if (out.history_score && out.bureau_score) {
        out.history_weight_pct = static_cast<int32_t>(std::min<int64_t>(out.observed_count * 3, 60));
        out.score = (*out.history_score * out.history_weight_pct +
                     *out.bureau_score * (100 - out.history_weight_pct)) /
                    100;
    } else if (out.history_score) {
        out.history_weight_pct = 100;
        out.score = out.history_score;
    } else if (out.bureau_score) {
        out.score = out.bureau_score;
    }
    if (out.score)
        out.grade = grade_of(*out.score);
    suggest_limit(stats, currency, rules, out);
    return out;
}

}  // namespace mf
