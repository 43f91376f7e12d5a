// Debtor credit: the payment-history score from the book's own invoices across every client, bureau scores
// imported from CSV, the suggested limit from both, and underwriters' credit reviews, which funding needs
// when the book requires them (docs/underwriting.md, docs/accounting-decisions.md).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "book/book.hpp"
#include "book/internal.hpp"
#include "core/ids.hpp"
#include "formats/csv.hpp"

namespace mf {

using namespace detail;

namespace {

const CreditScoreRules kRules{};

std::string_view standing_text(ReviewStanding standing) {
    switch (standing) {
        case ReviewStanding::none:
            return "none";
        case ReviewStanding::current:
            return "current";
        case ReviewStanding::expired:
            return "expired";
        case ReviewStanding::declined:
            return "declined";
    }
    MF_ASSERT(false);
}

ReviewStanding standing_of(const std::optional<CreditReview>& review, Date on) {
    if (!review)
        return ReviewStanding::none;
    if (review->decision == CreditDecision::declined)
        return ReviewStanding::declined;
    return review->current_on(on) ? ReviewStanding::current : ReviewStanding::expired;
}

bool is_fresh(const BureauScore& score, Date as_of) {
    return days_between(score.as_of, as_of) <= kRules.bureau_fresh_days;
}

// The latest score of each bureau among `scores` (ordered by bureau, as_of newest first), when it is fresh.
std::vector<BureauScore> latest_fresh(const std::vector<BureauScore>& scores, Date as_of) {
    std::vector<BureauScore> out;
    for (size_t i = 0; i < scores.size(); ++i) {
        const bool first_of_bureau = i == 0 || scores[i - 1].bureau != scores[i].bureau ||
                                     scores[i - 1].debtor_id != scores[i].debtor_id;
        if (first_of_bureau && is_fresh(scores[i], as_of))
            out.push_back(scores[i]);
    }
    return out;
}

DebtorCredit credit_of(const Debtor& debtor, Date as_of, const DebtorPaymentStats& stats,
                       std::vector<BureauScore> bureau_used, std::optional<CreditReview> review) {
    DebtorCredit out;
    out.debtor = debtor;
    out.as_of = as_of;
    out.stats = stats;
    out.stats.debtor_id = debtor.id;
    out.bureau_used = std::move(bureau_used);
    std::vector<int32_t> scores;
    for (const auto& used : out.bureau_used)
        scores.push_back(used.score);
    out.score = score_debtor(out.stats, scores, debtor.currency, kRules);
    out.standing = standing_of(review, as_of);
    out.latest_review = std::move(review);
    return out;
}

Result<DebtorCredit> credit_in(Transaction& tx, const Debtor& debtor, Date as_of) {
    DebtorPaymentStats stats;
    MF_CHECK(tx.scan_debtor_payment_stats(as_of, as_of.plus_days(-kRules.volume_window_days), debtor.id,
                                          [&](const DebtorPaymentStats& found) {
                                              stats = found;
                                              return ok();
                                          }));
    MF_TRY(auto bureau, tx.bureau_scores(debtor.id));
    MF_TRY(auto review, tx.latest_credit_review(debtor.id));
    return credit_of(debtor, as_of, stats, latest_fresh(bureau, as_of), std::move(review));
}

// ---- bureau files ----

constexpr std::string_view kBureauColumns[] = {"debtor_id", "tax_id", "bureau",
                                               "score",     "as_of",  "reference"};

bool valid_bureau_name(std::string_view name) {
    if (name.empty() || name.size() > 32)
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

Result<int32_t> parse_score(std::string_view text) {
    int32_t value = 0;
    if (text.empty() || text.size() > 3 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return make_error("invalid_score", "score '" + std::string(text) + "' is not a whole number 0 to 100",
                          "score");
    }
    for (const char c : text)
        value = value * 10 + (c - '0');
    if (value > 100)
        return make_error("invalid_score", "score " + std::string(text) + " is outside 0 to 100", "score");
    return value;
}

Status check_header(const formats::CsvTable& table) {
    for (const auto& name : table.header) {
        const std::string column = lower(name);
        if (std::find(std::begin(kBureauColumns), std::end(kBureauColumns), column) ==
            std::end(kBureauColumns)) {
            return make_error("file_rejected",
                              "unknown column '" + name +
                                  "' (the columns are debtor_id, tax_id, bureau, score, as_of, reference)",
                              "file");
        }
    }
    for (const char* required : {"bureau", "score", "as_of"}) {
        if (!table.column(required))
            return make_error("file_rejected", std::string("the file has no ") + required + " column",
                              "file");
    }
    if (!table.column("debtor_id") && !table.column("tax_id"))
        return make_error("file_rejected", "the file needs a debtor_id or a tax_id column", "file");
    return ok();
}

// The debtor a row names (by id, by tax id, or by both, which must agree).
Result<int64_t> row_debtor(std::string_view id_text, std::string_view tax_id,
                           const std::map<int64_t, Debtor>& debtors,
                           const std::map<std::string, int64_t, std::less<>>& by_tax_id) {
    std::optional<int64_t> by_id;
    if (!id_text.empty()) {
        MF_TRY(const int64_t id, parse_id(IdKind::debtor, id_text, "debtor_id"));
        if (!debtors.contains(id))
            return make_error("not_found", "no debtor " + format_id(IdKind::debtor, id), "debtor_id");
        by_id = id;
    }
    if (tax_id.empty()) {
        if (!by_id)
            return make_error("missing_field", "the row names no debtor (debtor_id or tax_id)", "debtor_id");
        return *by_id;
    }
    auto found = by_tax_id.find(tax_id);
    if (found == by_tax_id.end())
        return make_error("not_found", "no debtor has tax id " + std::string(tax_id), "tax_id");
    if (by_id && *by_id != found->second) {
        return make_error("invalid_field",
                          format_id(IdKind::debtor, *by_id) + " does not have tax id " + std::string(tax_id),
                          "tax_id");
    }
    return found->second;
}

std::string bureau_key(const BureauScore& score) {
    return std::to_string(score.debtor_id) + "|" + score.bureau + "|" + score.as_of.to_string();
}

}  // namespace

std::string_view to_string(ReviewStanding standing) {
    return standing_text(standing);
}

Result<DebtorCredit> Book::debtor_credit(int64_t debtor_id) {
    DebtorCredit out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(auto settings, tx.load_settings());
        MF_TRY(auto debtor, load_debtor(tx, debtor_id));
        MF_TRY(out, credit_in(tx, debtor, settings.business_date));
        return ok();
    }));
    return out;
}

Result<std::vector<DebtorCredit>> Book::debtor_credits() {
    std::vector<DebtorCredit> out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(auto settings, tx.load_settings());
        const Date as_of = settings.business_date;
        std::map<int64_t, DebtorPaymentStats> stats;
        MF_CHECK(tx.scan_debtor_payment_stats(as_of, as_of.plus_days(-kRules.volume_window_days),
                                              std::nullopt, [&](const DebtorPaymentStats& found) {
                                                  stats.emplace(found.debtor_id, found);
                                                  return ok();
                                              }));
        MF_TRY(auto bureau, tx.bureau_scores(std::nullopt));
        std::map<int64_t, std::vector<BureauScore>> used;
        for (auto& score : latest_fresh(bureau, as_of))
            used[score.debtor_id].push_back(std::move(score));
        MF_TRY(auto debtors, tx.list_debtors());
        out.clear();
        out.reserve(debtors.size());
        for (const auto& debtor : debtors) {
            MF_TRY(auto review, tx.latest_credit_review(debtor.id));
            auto found = stats.find(debtor.id);
            out.push_back(credit_of(debtor, as_of,
                                    found == stats.end() ? DebtorPaymentStats{} : found->second,
                                    std::move(used[debtor.id]), std::move(review)));
        }
        return ok();
    }));
    return out;
}

Result<DebtorCreditReport> Book::debtor_credit_report(int64_t debtor_id) {
    DebtorCreditReport out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(auto settings, tx.load_settings());
        MF_TRY(auto debtor, load_debtor(tx, debtor_id));
        out.reviews_required = settings.require_credit_review;
        MF_TRY(out.credit, credit_in(tx, debtor, settings.business_date));
        MF_TRY(out.bureau_scores, tx.bureau_scores(debtor_id));
        out.bureau_notes.clear();
        for (size_t i = 0; i < out.bureau_scores.size(); ++i) {
            const auto& score = out.bureau_scores[i];
            if (i > 0 && out.bureau_scores[i - 1].bureau == score.bureau)
                out.bureau_notes.push_back("superseded by a later score of " + score.bureau);
            else if (!is_fresh(score, settings.business_date))
                out.bureau_notes.push_back(
                    fmt::format("stale: older than {} days", kRules.bureau_fresh_days));
            else
                out.bureau_notes.push_back("used");
        }
        MF_TRY(out.reviews, tx.credit_reviews_of(debtor_id));
        return ok();
    }));
    return out;
}

Result<BureauImportResult> Book::import_bureau_scores(const Actor& actor, std::string_view csv_text,
                                                      const std::string& source) {
    MF_TRY(auto table, formats::read_csv(csv_text));
    MF_CHECK(check_header(table));
    if (table.rows.empty())
        return make_error("file_rejected", "the file has no rows", "file");
    BureauImportResult result;
    result.source = source;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        result.imported.clear();
        MF_TRY(auto debtor_list, tx.list_debtors());
        std::map<int64_t, Debtor> debtors;
        std::map<std::string, int64_t, std::less<>> by_tax_id;
        for (auto& debtor : debtor_list) {
            if (!debtor.tax_id.empty())
                by_tax_id.emplace(debtor.tax_id, debtor.id);
            debtors.emplace(debtor.id, std::move(debtor));
        }
        std::set<std::string> seen;
        MF_TRY(auto stored, tx.bureau_scores(std::nullopt));
        std::set<std::string> in_book;
        for (const auto& score : stored)
            in_book.insert(bureau_key(score));
        const std::string now = clock_->now_utc();
        std::vector<std::string> problems;
        for (const auto& row : table.rows) {
            auto parsed = [&]() -> Result<BureauScore> {
                BureauScore score;
                MF_TRY(score.debtor_id,
                       row_debtor(table.field(row, table.column("debtor_id")),
                                  table.field(row, table.column("tax_id")), debtors, by_tax_id));
                score.bureau = lower(table.field(row, table.column("bureau")));
                if (!valid_bureau_name(score.bureau)) {
                    return make_error(
                        "invalid_bureau",
                        "bureau '" + score.bureau +
                            "' must be 1 to 32 letters, digits, '_' or '-' (dnb, experian, ...)",
                        "bureau");
                }
                MF_TRY(score.score, parse_score(table.field(row, table.column("score"))));
                MF_TRY(score.as_of, parse_date(table.field(row, table.column("as_of")), "as_of"));
                if (settings.business_date < score.as_of) {
                    return make_error("future_date",
                                      "as_of " + score.as_of.to_string() + " is after the business date " +
                                          settings.business_date.to_string(),
                                      "as_of");
                }
                score.reference = std::string(table.field(row, table.column("reference")));
                score.source = source;
                score.imported_at = now;
                const std::string key = bureau_key(score);
                if (in_book.contains(key)) {
                    return make_error("conflict",
                                      "the book already holds a " + score.bureau + " score of " +
                                          format_id(IdKind::debtor, score.debtor_id) + " as of " +
                                          score.as_of.to_string(),
                                      "as_of");
                }
                if (!seen.insert(key).second) {
                    return make_error("conflict", "an earlier row has the same debtor, bureau and as_of",
                                      "as_of");
                }
                return score;
            }();
            if (!parsed) {
                problems.push_back(fmt::format("line {}: {}", row.line, parsed.error().message));
                continue;
            }
            result.imported.push_back(std::move(parsed).value());
        }
        if (!problems.empty()) {
            std::string message =
                fmt::format("{} of {} rows rejected, nothing imported", problems.size(), table.rows.size());
            for (const auto& problem : problems)
                message += "\n  " + problem;
            return make_error("file_rejected", message, "file");
        }
        for (auto& score : result.imported) {
            MF_TRY(score.id, tx.insert_bureau_score(score));
            MF_CHECK(tx.append_audit(audit(actor, settings, "debtor.bureau_score", "debtor", score.debtor_id,
                                           fmt::format("{} score {} as of {} from {}", score.bureau,
                                                       score.score, score.as_of.to_string(), source))));
        }
        return ok();
    }));
    return result;
}

Result<CreditReview> Book::review_debtor(const Actor& actor, const NewCreditReview& input) {
    if (input.notes.empty())
        return make_error("missing_field", "a credit review needs notes (what the decision rests on)",
                          "notes");
    if (input.limit_minor && *input.limit_minor < 0)
        return make_error("invalid_amount", "a credit limit must not be negative", "limit");
    if (input.decision == CreditDecision::declined && input.limit_minor && *input.limit_minor != 0)
        return make_error("invalid_amount", "a declined review sets no limit (leave it out or give 0)",
                          "limit");
    CreditReview review;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(auto debtor, load_debtor(tx, input.debtor_id));
        MF_TRY(auto credit, credit_in(tx, debtor, settings.business_date));
        review = CreditReview{};
        review.debtor_id = debtor.id;
        review.reviewer = actor.name;
        review.reviewed_on = settings.business_date;
        review.decision = input.decision;
        review.notes = input.notes;
        review.score = credit.score.score;
        review.suggested_limit_minor = credit.score.suggested_limit_minor;
        review.created_at = clock_->now_utc();
        review.expires_on = input.expires_on.value_or(settings.business_date.plus_days(kDefaultReviewDays));
        if (!(settings.business_date < review.expires_on)) {
            return make_error(
                "invalid_date",
                "the review must expire after the business date " + settings.business_date.to_string(),
                "expires_on");
        }
        if (days_between(settings.business_date, review.expires_on) > kMaxReviewDays) {
            return make_error("invalid_date",
                              fmt::format("a review holds at most {} days (until {})", kMaxReviewDays,
                                          settings.business_date.plus_days(kMaxReviewDays).to_string()),
                              "expires_on");
        }
        if (input.decision == CreditDecision::approved) {
            if (!input.limit_minor && !credit.score.suggested_limit_minor) {
                return make_error(
                    "missing_field",
                    "there is no suggested limit (no payment history or bureau score): give the "
                    "limit",
                    "limit");
            }
            review.limit_minor = input.limit_minor.value_or(credit.score.suggested_limit_minor.value_or(0));
            if (review.limit_minor == 0)
                return make_error("invalid_amount", "an approved review needs a limit above 0", "limit");
        }
        MF_TRY(review.id, tx.insert_credit_review(review));
        const int64_t old_limit = debtor.credit_limit_minor;
        debtor.credit_limit_minor = review.limit_minor;
        MF_CHECK(tx.update_debtor(debtor));
        std::string detail = fmt::format(
            "credit review {}: {}, limit {} -> {}, expires {}; score {}, suggested {}",
            format_id(IdKind::credit_review, review.id), to_string(review.decision),
            money_text(old_limit, debtor.currency), money_text(review.limit_minor, debtor.currency),
            review.expires_on.to_string(), review.score ? std::to_string(*review.score) : "none",
            review.suggested_limit_minor ? money_text(*review.suggested_limit_minor, debtor.currency)
                                         : "none");
        return tx.append_audit(
            audit(actor, settings, "debtor.credit_review", "debtor", debtor.id, detail, review.notes));
    }));
    return review;
}

Result<std::vector<CreditReview>> Book::credit_reviews(int64_t debtor_id) {
    std::vector<CreditReview> out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_CHECK(load_debtor(tx, debtor_id));
        MF_TRY(out, tx.credit_reviews_of(debtor_id));
        return ok();
    }));
    return out;
}

namespace detail {

Status check_credit_reviews(Transaction& tx, const BookSettings& settings,
                            const std::vector<Invoice>& invoices) {
    if (!settings.require_credit_review)
        return ok();
    std::set<int64_t> checked;
    for (const auto& invoice : invoices) {
        if (!checked.insert(invoice.debtor_id).second)
            continue;
        MF_TRY(auto review, tx.latest_credit_review(invoice.debtor_id));
        const std::string debtor = format_id(IdKind::debtor, invoice.debtor_id);
        const std::string fix = ": record a fresh review (debtor review " + debtor + " ...) before funding";
        switch (standing_of(review, settings.business_date)) {
            case ReviewStanding::current:
                continue;
            case ReviewStanding::none:
                return make_error(
                    "credit_review_required",
                    "debtor " + debtor + " (invoice " + invoice.number + ") has no credit review" + fix,
                    "debtor_id");
            case ReviewStanding::expired:
                return make_error("credit_review_required",
                                  "the credit review of debtor " + debtor + " expired on " +
                                      review->expires_on.to_string() + fix,
                                  "debtor_id");
            case ReviewStanding::declined:
                return make_error("credit_review_required",
                                  "the latest credit review of debtor " + debtor + " declined it (" +
                                      format_id(IdKind::credit_review, review->id) + ")" + fix,
                                  "debtor_id");
        }
    }
    return ok();
}

}  // namespace detail

}  // namespace mf
