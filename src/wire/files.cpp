#include "wire/files.hpp"

#include "wire/records.hpp"

namespace mf {

using namespace wire;
namespace json = boost::json;

namespace {

json::array applications(const std::vector<Application>& list, Currency currency) {
    json::array out;
    for (const auto& application : list) {
        out.push_back(json::object{
            {"invoice_id", id(IdKind::invoice, application.invoice_id)},
            {"amount", amount(application.amount_minor, currency)},
            {"close_short", application.close_short},
            {"to_client", application.to_client},
        });
    }
    return out;
}

json::array suggestions(const std::vector<CashSuggestion>& list, Currency currency) {
    json::array out;
    for (const auto& suggestion : list) {
        out.push_back(json::object{
            {"score", suggestion.score},
            {"reason", suggestion.reason},
            {"applications", applications(suggestion.applications, currency)},
        });
    }
    return out;
}

json::value optional_id(IdKind kind, const std::optional<int64_t>& value) {
    return value ? json::value(id(kind, *value)) : json::value(nullptr);
}

// Every schedule a file became, without the invoices (a million-row file's rows already name them).
json::array schedule_summaries(const std::vector<SubmittedSchedule>& schedules) {
    json::array out;
    for (const auto& submitted : schedules)
        out.push_back(schedule_summary(submitted.schedule, submitted.invoice_count, submitted.face_minor));
    return out;
}

}  // namespace

void tag_invoke(const json::value_from_tag&, json::value& out, const IntakeResult& result) {
    json::array rows;
    for (const auto& row : result.rows) {
        json::array rules;
        for (size_t i = 0; i < row.rules.size(); ++i)
            rules.push_back(json::object{{"code", row.rules[i]}, {"message", row.messages[i]}});
        rows.push_back(json::object{
            {"place", row.place},
            {"number", text(row.number)},
            {"kind", code(formats::to_string(row.kind))},
            {"outcome", code(to_string(row.outcome))},
            {"rules", std::move(rules)},
            {"debtor_id", optional_id(IdKind::debtor, row.debtor_id)},
            {"debtor_match", text(row.debtor_id ? row.debtor_match : "")},
            {"invoice_id", optional_id(IdKind::invoice, row.invoice_id)},
        });
    }
    out = json::object{
        {"format", code(formats::to_string(result.format))},
        {"written", result.written},
        {"accepted", result.accepted},
        {"held", result.held},
        {"rejected", result.rejected},
        // The first schedule, as one-schedule files always had it; every schedule in `schedules`.
        {"schedule", result.schedule ? json::value_from(*result.schedule) : json::value(nullptr)},
        {"schedules", schedule_summaries(result.schedules)},
        {"rows", std::move(rows)},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const BankImportResult& result) {
    json::array duplicates;
    for (const auto& duplicate : result.duplicates) {
        duplicates.push_back(json::object{{"place", duplicate.place},
                                          {"receipt_id", id(IdKind::receipt, duplicate.receipt_id)}});
    }
    out = json::object{
        {"format", code(formats::to_string(result.format))},
        {"recorded", json::value_from(result.recorded)},
        {"duplicates", std::move(duplicates)},
        {"debits_skipped", result.debits_skipped},
        {"reversals_skipped", result.reversals_skipped},
        {"pending_skipped", result.pending_skipped},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const CashMatch& match) {
    json::value certain = nullptr;
    if (!match.certain.empty()) {
        certain = json::object{{"reason", match.certain_reason},
                               {"applications", applications(match.certain, match.currency)}};
    }
    out = json::object{
        {"debtor_id", optional_id(IdKind::debtor, match.debtor_id)},
        {"certain", std::move(certain)},
        {"suggestions", suggestions(match.suggestions, match.currency)},
    };
}

void tag_invoke(const json::value_from_tag&, json::value& out, const AutoApplyResult& result) {
    json::array receipts;
    for (const auto& outcome : result.receipts) {
        receipts.push_back(json::object{
            {"receipt_id", id(IdKind::receipt, outcome.receipt_id)},
            {"applied", outcome.applied},
            {"reason", outcome.reason},
            {"applications", applications(outcome.applications, outcome.currency)},
            {"suggestions", suggestions(outcome.suggestions, outcome.currency)},
            {"debtor_id", optional_id(IdKind::debtor, outcome.debtor_id)},
        });
    }
    out = json::object{{"applied", result.applied}, {"receipts", std::move(receipts)}};
}

}  // namespace mf
