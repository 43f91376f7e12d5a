// How the underwriting records (core/underwriting.hpp) are bound and read back, in the column order of the
// SQL of both stores (store/sqlite/underwriting.cpp, store/postgres/pg_underwriting.cpp).
// Thread-safety: functions of their arguments only.
#pragma once

#include <functional>
#include <map>
#include <optional>

#include "core/underwriting.hpp"
#include "store/queries.hpp"
#include "store/record_codec.hpp"

namespace mf::codec {

#define MF_BUREAU_COLUMNS "debtor_id, bureau, score, as_of, reference, source, imported_at"
#define MF_REVIEW_COLUMNS                                                                 \
    "debtor_id, reviewer, reviewed_on, decision, limit_minor, notes, expires_on, score, " \
    "suggested_limit_minor, created_at"
#define MF_APPLICATION_COLUMNS                                                                         \
    "legal_name, registration_id, tax_id, currency, email, owners, addresses, payout_routing_number, " \
    "payout_account_number, payout_account_type, payout_iban, payout_bic, documents, ucc_filing_ref, " \
    "ucc_filed_on, kyc_status, status, decision_reason, decided_by, decided_on, client_id, created_at"

// The funded invoices ever disputed, per debtor, from the audit trail (the partial index of dispute events);
// the stores append the debtor filter and GROUP BY i.debtor_id.
#define MF_DISPUTES_SELECT                                                                             \
    "SELECT i.debtor_id, COUNT(DISTINCT a.entity_id) FROM audit_events a JOIN invoices i ON i.id = "   \
    "a.entity_id WHERE a.action = 'invoice.dispute' AND a.entity_type = 'invoice' AND i.funded_on IS " \
    "NOT NULL "

// debtor_id, funded_count, funded_face, diluted, paid_count, days_to_pay_sum, paid_late_count,
// paid_days_late_sum, open_past_due_count, open_days_past_due_sum, loss_count, loss_days_late_sum,
// recent_funded_face, open_outstanding (the disputes come from a second query).
template <class Statement>
Result<DebtorPaymentStats> read_payment_stats(Statement& row) {
    DebtorPaymentStats s;
    s.debtor_id = row.column_int();
    s.funded_count = row.column_int();
    s.funded_face_minor = row.column_int();
    s.diluted_minor = row.column_int();
    s.paid_count = row.column_int();
    s.days_to_pay_sum = row.column_int();
    s.paid_late_count = row.column_int();
    s.paid_days_late_sum = row.column_int();
    s.open_past_due_count = row.column_int();
    s.open_days_past_due_sum = row.column_int();
    s.loss_count = row.column_int();
    s.loss_days_late_sum = row.column_int();
    s.recent_funded_face_minor = row.column_int();
    s.open_outstanding_minor = row.column_int();
    return s;
}

template <class Statement>
void bind_bureau_score(Statement& statement, const BureauScore& score) {
    statement.bind_int(score.debtor_id)
        .bind_text(score.bureau)
        .bind_int(score.score)
        .bind_date(score.as_of)
        .bind_text(score.reference)
        .bind_text(score.source)
        .bind_text(score.imported_at);
}

template <class Statement>
Result<BureauScore> read_bureau_score(Statement& row) {
    BureauScore score;
    score.id = row.column_int();
    score.debtor_id = row.column_int();
    score.bureau = row.column_text();
    score.score = static_cast<int32_t>(row.column_int());
    MF_TRY(score.as_of, row.column_date());
    score.reference = row.column_text();
    score.source = row.column_text();
    score.imported_at = row.column_text();
    return score;
}

template <class Statement>
void bind_credit_review(Statement& statement, const CreditReview& review) {
    std::optional<int64_t> score;
    if (review.score)
        score = *review.score;
    statement.bind_int(review.debtor_id)
        .bind_text(review.reviewer)
        .bind_date(review.reviewed_on)
        .bind_text(to_string(review.decision))
        .bind_int(review.limit_minor)
        .bind_text(review.notes)
        .bind_date(review.expires_on)
        .bind_optional_id(score)
        .bind_optional_id(review.suggested_limit_minor)
        .bind_text(review.created_at);
}

template <class Statement>
Result<CreditReview> read_credit_review(Statement& row) {
    CreditReview review;
    review.id = row.column_int();
    review.debtor_id = row.column_int();
    review.reviewer = row.column_text();
    MF_TRY(review.reviewed_on, row.column_date());
    MF_TRY(review.decision, row.column_enum(parse_credit_decision));
    review.limit_minor = row.column_int();
    review.notes = row.column_text();
    MF_TRY(review.expires_on, row.column_date());
    if (auto score = row.column_optional_id())
        review.score = static_cast<int32_t>(*score);
    review.suggested_limit_minor = row.column_optional_id();
    review.created_at = row.column_text();
    return review;
}

// The columns of MF_APPLICATION_COLUMNS (the version is bound by the caller).
template <class Statement>
void bind_client_application(Statement& statement, const ClientApplication& a) {
    const PayoutAccount& account = a.payout_account;
    statement.bind_text(a.legal_name)
        .bind_text(a.registration_id)
        .bind_text(a.tax_id)
        .bind_currency(a.currency)
        .bind_text(a.email)
        .bind_text(a.owners)
        .bind_text(a.addresses)
        .bind_text(account.routing_number)
        .bind_text(account.account_number)
        .bind_text(to_string(account.account_type))
        .bind_text(account.iban)
        .bind_text(account.bic)
        .bind_text(a.documents)
        .bind_text(a.ucc_filing_ref)
        .bind_optional_date(a.ucc_filed_on)
        .bind_text(to_string(a.kyc_status))
        .bind_text(to_string(a.status))
        .bind_text(a.decision_reason)
        .bind_text(a.decided_by)
        .bind_optional_date(a.decided_on)
        .bind_id(a.client_id)
        .bind_text(a.created_at);
}

template <class Statement>
Result<ClientApplication> read_client_application(Statement& row) {
    ClientApplication a;
    a.id = row.column_int();
    a.legal_name = row.column_text();
    a.registration_id = row.column_text();
    a.tax_id = row.column_text();
    MF_TRY(a.currency, row.column_currency());
    a.email = row.column_text();
    a.owners = row.column_text();
    a.addresses = row.column_text();
    PayoutAccount& account = a.payout_account;
    account.routing_number = row.column_text();
    account.account_number = row.column_text();
    MF_TRY(account.account_type, row.column_enum(parse_ach_account_type));
    account.iban = row.column_text();
    account.bic = row.column_text();
    a.documents = row.column_text();
    a.ucc_filing_ref = row.column_text();
    MF_TRY(a.ucc_filed_on, row.column_optional_date());
    MF_TRY(a.kyc_status, row.column_enum(parse_kyc_status));
    MF_TRY(a.status, row.column_enum(parse_application_status));
    a.decision_reason = row.column_text();
    a.decided_by = row.column_text();
    MF_TRY(a.decided_on, row.column_optional_date());
    a.client_id = row.column_id();
    a.created_at = row.column_text();
    a.version = row.column_int();
    return a;
}

// The payment stats of every debtor (or one) with the dispute counts merged in: the disputes query
// (debtor_id, count) runs first, then the stats query (as_of, volume_since[, debtor]) streams to fn.
template <class Statement, class Db, class Sql>
Status scan_payment_stats(Db& db, const Sql& disputes, const Sql& stats, Date as_of, Date volume_since,
                          std::optional<int64_t> debtor_id,
                          const std::function<Status(const DebtorPaymentStats&)>& fn) {
    std::map<int64_t, int64_t> disputed;
    auto count_dispute = [&](Statement& row) -> Result<int64_t> {
        const int64_t debtor = row.column_int();
        disputed[debtor] = row.column_int();
        return debtor;
    };
    auto with_disputes = [&](const DebtorPaymentStats& found) -> Status {
        DebtorPaymentStats out = found;
        if (auto count = disputed.find(out.debtor_id); count != disputed.end())
            out.disputed_count = count->second;
        return fn(out);
    };
    auto ignore = [](int64_t) { return ok(); };
    if (debtor_id) {
        MF_CHECK(query::scan(db, disputes, count_dispute, ignore, *debtor_id));
        return query::scan(db, stats, read_payment_stats<Statement>, with_disputes, as_of, volume_since,
                           *debtor_id);
    }
    MF_CHECK(query::scan(db, disputes, count_dispute, ignore));
    return query::scan(db, stats, read_payment_stats<Statement>, with_disputes, as_of, volume_since);
}

}  // namespace mf::codec
