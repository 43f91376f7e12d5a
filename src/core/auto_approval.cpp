#include "core/auto_approval.hpp"

#include <array>

namespace mf {
namespace {

constexpr std::array<std::string_view, 3> kModes{"inherit", "on", "off"};
constexpr std::array<std::string_view, 2> kTriggers{"submission", "rerun"};

// The index of `text` among `names`, or an error naming the field and the names allowed.
template <size_t N>
Result<size_t> index_of(const std::array<std::string_view, N>& names, std::string_view text,
                        const std::string& field) {
    std::string allowed;
    for (size_t i = 0; i < N; ++i) {
        if (names[i] == text)
            return i;
        allowed += (i == 0 ? "" : ", ") + std::string(names[i]);
    }
    return make_error("invalid_" + field,
                      "'" + std::string(text) + "' is not a " + field + " (one of: " + allowed + ")", field);
}

std::string flattened(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c == '\t' || c == '\n' || c == '\r')
            c = ' ';
    }
    return out;
}

}  // namespace

std::string_view to_string(AutoApprovalMode mode) {
    return kModes[static_cast<size_t>(mode)];
}

Result<AutoApprovalMode> parse_auto_approval_mode(std::string_view text) {
    MF_TRY(const size_t index, index_of(kModes, text, "mode"));
    return static_cast<AutoApprovalMode>(index);
}

std::string_view to_string(AutoApprovalTrigger trigger) {
    return kTriggers[static_cast<size_t>(trigger)];
}

Result<AutoApprovalTrigger> parse_auto_approval_trigger(std::string_view text) {
    MF_TRY(const size_t index, index_of(kTriggers, text, "trigger"));
    return static_cast<AutoApprovalTrigger>(index);
}

Status validate_rules(const AutoApprovalRules& rules) {
    if (rules.client_id == 0 && rules.mode == AutoApprovalMode::inherit) {
        return make_error("invalid_mode", "the book's auto-approval is on or off ('inherit' is for a client)",
                          "mode");
    }
    if (rules.invoice_max_minor && *rules.invoice_max_minor <= 0) {
        return make_error("invalid_amount", "the invoice threshold must be positive", "invoice_max");
    }
    if (rules.schedule_max_minor && *rules.schedule_max_minor <= 0) {
        return make_error("invalid_amount", "the schedule threshold must be positive", "schedule_max");
    }
    return ok();
}

EffectiveAutoApproval effective_rules(const AutoApprovalRules& book,
                                      const std::optional<AutoApprovalRules>& client, Currency base_currency,
                                      Currency schedule_currency) {
    EffectiveAutoApproval out;
    const bool client_decides = client && client->mode != AutoApprovalMode::inherit;
    out.enabled = (client_decides ? client->mode : book.mode) == AutoApprovalMode::on;
    out.enabled_by = client_decides ? "client" : "book";
    const bool book_thresholds = schedule_currency == base_currency;
    auto pick = [&](std::optional<int64_t> AutoApprovalRules::*field) -> std::optional<int64_t> {
        if (client && (*client).*field) {
            out.thresholds_by = "client";
            return (*client).*field;
        }
        if (book_thresholds && book.*field) {
            if (out.thresholds_by.empty())
                out.thresholds_by = "book";
            return book.*field;
        }
        return std::nullopt;
    };
    out.invoice_max_minor = pick(&AutoApprovalRules::invoice_max_minor);
    out.schedule_max_minor = pick(&AutoApprovalRules::schedule_max_minor);
    return out;
}

std::string AutoApprovalDecision::passed_rules() const {
    std::string out;
    for (const auto& check : checks) {
        if (check.passed)
            out += (out.empty() ? "" : ", ") + check.rule;
    }
    return out;
}

std::string AutoApprovalDecision::failures() const {
    std::string out;
    for (const auto& check : checks) {
        if (!check.passed)
            out += (out.empty() ? "" : "; ") + check.rule + ": " + check.detail;
    }
    return out;
}

std::string encode_checks(const std::vector<AutoApprovalCheck>& checks) {
    std::string out;
    for (const auto& check : checks) {
        out += flattened(check.rule);
        out += check.passed ? "\tpassed\t" : "\tfailed\t";
        out += flattened(check.detail);
        out += '\n';
    }
    return out;
}

Result<std::vector<AutoApprovalCheck>> decode_checks(std::string_view text) {
    std::vector<AutoApprovalCheck> out;
    while (!text.empty()) {
        const size_t end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        const size_t first = line.find('\t');
        const size_t second = first == std::string_view::npos ? first : line.find('\t', first + 1);
        if (second == std::string_view::npos)
            return make_error("storage_error", "a stored auto-approval check is not 'rule, outcome, detail'");
        const std::string_view outcome = line.substr(first + 1, second - first - 1);
        if (outcome != "passed" && outcome != "failed")
            return make_error("storage_error",
                              "a stored auto-approval check has the outcome '" + std::string(outcome) + "'");
        out.push_back(
            {std::string(line.substr(0, first)), outcome == "passed", std::string(line.substr(second + 1))});
    }
    return out;
}

}  // namespace mf
