#include "wire/underwriting.hpp"

#include "wire/records.hpp"

namespace mf {

namespace json = boost::json;
using namespace wire;

namespace {

json::value optional_int(const std::optional<int32_t>& value) {
    return value ? json::value(*value) : json::value(nullptr);
}

json::value optional_amount(const std::optional<int64_t>& minor, Currency currency) {
    return minor ? json::value(amount(*minor, currency)) : json::value(nullptr);
}

}  // namespace

json::object wire::credit_review_json(const CreditReview& review, Currency currency) {
    return json::object{
        {"id", id(IdKind::credit_review, review.id)},
        {"debtor_id", id(IdKind::debtor, review.debtor_id)},
        {"reviewer", review.reviewer},
        {"reviewed_on", date(review.reviewed_on)},
        {"decision", code(to_string(review.decision))},
        {"limit", amount(review.limit_minor, currency)},
        {"currency", json::string(currency.code())},
        {"notes", review.notes},
        {"expires_on", date(review.expires_on)},
        {"score", optional_int(review.score)},
        {"suggested_limit", optional_amount(review.suggested_limit_minor, currency)},
        {"created_at", review.created_at},
    };
}

namespace {

json::object evidence_json(const DebtorCredit& credit) {
    const auto& s = credit.stats;
    const auto& c = credit.score;
    const Currency currency = credit.debtor.currency;
    json::array bureau;
    for (const auto& used : credit.bureau_used)
        bureau.push_back(json::value_from(used));
    return json::object{
        {"funded_invoices", s.funded_count},
        {"funded_face", amount(s.funded_face_minor, currency)},
        {"paid_invoices", s.paid_count},
        {"paid_late", s.paid_late_count},
        {"open_past_due", s.open_past_due_count},
        {"losses", s.loss_count},
        {"disputed_invoices", s.disputed_count},
        {"diluted", amount(s.diluted_minor, currency)},
        {"open_outstanding", amount(s.open_outstanding_minor, currency)},
        {"observed_invoices", c.observed_count},
        {"late_invoices", c.late_count},
        {"average_days_to_pay", c.avg_days_to_pay ? json::value(*c.avg_days_to_pay) : json::value(nullptr)},
        {"average_days_beyond_terms", c.avg_days_beyond_terms},
        {"late_share", rate(c.late_share_ppm)},
        {"dispute_share", rate(c.dispute_share_ppm)},
        {"dilution", rate(c.dilution_ppm)},
        {"penalties", json::object{{"days_beyond_terms", c.beyond_terms_penalty},
                                   {"late_share", c.late_share_penalty},
                                   {"slow_pay", c.slow_pay_penalty},
                                   {"disputes", c.dispute_penalty},
                                   {"dilution", c.dilution_penalty}}},
        {"history_weight", c.history_weight_pct},
        {"bureau_scores_used", std::move(bureau)},
        {"volume", amount(c.volume_minor, currency)},
        {"exposure_basis", amount(c.exposure_basis_minor, currency)},
        {"limit_multiplier", c.limit_multiplier_pct},
        {"starter_limit", amount(c.starter_limit_minor, currency)},
    };
}

}  // namespace

void tag_invoke(const json::value_from_tag&, json::value& out, const BureauScore& score) {
    out = json::object{
        {"id", id(IdKind::bureau_score, score.id)},
        {"debtor_id", id(IdKind::debtor, score.debtor_id)},
        {"bureau", score.bureau},
        {"score", score.score},
        {"as_of", date(score.as_of)},
        {"reference", text(score.reference)},
        {"source", score.source},
        {"imported_at", score.imported_at},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const DebtorCredit& credit) {
    const Currency currency = credit.debtor.currency;
    json::value review = nullptr;
    if (credit.latest_review)
        review = credit_review_json(*credit.latest_review, currency);
    out = json::object{
        {"debtor_id", id(IdKind::debtor, credit.debtor.id)},
        {"debtor_name", credit.debtor.name},
        {"currency", json::string(currency.code())},
        {"as_of", date(credit.as_of)},
        {"score", optional_int(credit.score.score)},
        {"grade",
         credit.score.score ? json::value(std::string(1, credit.score.grade)) : json::value(nullptr)},
        {"history_score", optional_int(credit.score.history_score)},
        {"bureau_score", optional_int(credit.score.bureau_score)},
        {"suggested_limit", optional_amount(credit.score.suggested_limit_minor, currency)},
        {"credit_limit", amount(credit.debtor.credit_limit_minor, currency)},
        {"review_standing", code(to_string(credit.standing))},
        {"latest_review", std::move(review)},
        {"evidence", evidence_json(credit)},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const DebtorCreditReport& report) {
    json::value credit = json::value_from(report.credit);
    json::array bureau;
    for (size_t i = 0; i < report.bureau_scores.size(); ++i) {
        json::value score = json::value_from(report.bureau_scores[i]);
        score.as_object()["use"] = report.bureau_notes.at(i);
        bureau.push_back(std::move(score));
    }
    json::array reviews;
    for (const auto& review : report.reviews)
        reviews.push_back(credit_review_json(review, report.credit.debtor.currency));
    auto& object = credit.as_object();
    object["reviews_required"] = report.reviews_required;
    object["bureau_scores"] = std::move(bureau);
    object["reviews"] = std::move(reviews);
    out = std::move(credit);
}

void tag_invoke(const json::value_from_tag&, json::value& out, const BureauImportResult& result) {
    out = json::object{
        {"source", result.source},
        {"imported", json::value_from(result.imported)},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const ClientApplication& a) {
    out = json::object{
        {"id", id(IdKind::application, a.id)},
        {"legal_name", a.legal_name},
        {"registration_id", text(a.registration_id)},
        {"tax_id", text(a.tax_id)},
        {"currency", json::string(a.currency.code())},
        {"email", text(a.email)},
        {"owners", a.owners},
        {"addresses", a.addresses},
        {"payout_account", payout_account_json(a.payout_account)},
        {"documents", text(a.documents)},
        {"ucc_filing_ref", text(a.ucc_filing_ref)},
        {"ucc_filed_on", date(a.ucc_filed_on)},
        {"kyc_status", code(to_string(a.kyc_status))},
        {"status", code(to_string(a.status))},
        {"decision_reason", text(a.decision_reason)},
        {"decided_by", text(a.decided_by)},
        {"decided_on", date(a.decided_on)},
        {"client_id", link(IdKind::client, a.client_id)},
        {"created_at", a.created_at},
        {"version", a.version},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const ApplicationDecision& decision) {
    json::value application = json::value_from(decision.application);
    application.as_object()["client"] =
        decision.client ? json::value_from(*decision.client) : json::value(nullptr);
    out = std::move(application);
}

}  // namespace mf
