// The records of auto-approval (issue 5, part 5): the rules of the book and each client's override under
// which a submitted schedule is approved and funded with no person, and the decision recorded each time the
// rules are run on a schedule (which rules passed, which one stopped it). docs/auto-approval.md describes
// them. Plain values and pure codecs; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/model.hpp"

namespace mf {

// Whether auto-approval runs. The book's rules are on or off (off for a new book); a client's override is
// inherit (follow the book), on (even when the book's is off: a trusted client piloted alone) or off.
enum class AutoApprovalMode { inherit, on, off };
std::string_view to_string(AutoApprovalMode mode);
Result<AutoApprovalMode> parse_auto_approval_mode(std::string_view text);

// One row of rules: the book's (client_id 0, in the book's base currency) or a client's override (in the
// client's currency; an unset threshold follows the book's). A schedule is auto-approved only under both
// thresholds: each invoice's face at most invoice_max_minor, the schedule's total at most
// schedule_max_minor.
struct AutoApprovalRules {
    int64_t client_id = 0;
    AutoApprovalMode mode = AutoApprovalMode::off;
    std::optional<int64_t> invoice_max_minor;
    std::optional<int64_t> schedule_max_minor;
    std::string updated_at;  // RFC 3339 UTC
    std::string updated_by;  // actor
};

// Errors: invalid_field (the book's mode "inherit"), invalid_amount (a threshold that is not positive).
Status validate_rules(const AutoApprovalRules& rules);

// The rules a schedule of the client is judged by: the client's override over the book's.
struct EffectiveAutoApproval {
    bool enabled = false;
    std::string enabled_by;  // "book" or "client"
    std::optional<int64_t> invoice_max_minor;
    std::optional<int64_t> schedule_max_minor;
    std::string thresholds_by;  // "book", "client", or "" when none applies
};
// The book's thresholds apply only to schedules in its base currency.
EffectiveAutoApproval effective_rules(const AutoApprovalRules& book,
                                      const std::optional<AutoApprovalRules>& client, Currency base_currency,
                                      Currency schedule_currency);

// One rule as a decision found it.
struct AutoApprovalCheck {
    std::string rule;  // enabled, open_schedule, client_active, invoice_threshold, ...
    bool passed = false;
    std::string detail;  // what was found, for staff
};

enum class AutoApprovalTrigger { submission, rerun };
std::string_view to_string(AutoApprovalTrigger trigger);
Result<AutoApprovalTrigger> parse_auto_approval_trigger(std::string_view text);

// A decision on one schedule: approved (and funded, payout_id set) when every check passed; else waiting,
// with failed_rule the first check that failed.
struct AutoApprovalDecision {
    int64_t id = 0;
    int64_t schedule_id = 0;
    int64_t client_id = 0;
    std::string at;  // RFC 3339 UTC
    Date business_date;
    std::string requested_by;  // who submitted the schedule, or asked for the re-run
    AutoApprovalTrigger trigger = AutoApprovalTrigger::submission;
    bool approved = false;
    std::string failed_rule;
    std::vector<AutoApprovalCheck> checks;
    int64_t payout_id = 0;  // the funding's payout when approved

    // "enabled, open_schedule, ..." (the rules that passed) and "rule: detail; ..." (those that failed).
    std::string passed_rules() const;
    std::string failures() const;
};

// The checks as stored in one text column: a line per check, "rule<TAB>passed|failed<TAB>detail" (tabs and
// line breaks in a detail become spaces).
std::string encode_checks(const std::vector<AutoApprovalCheck>& checks);
Result<std::vector<AutoApprovalCheck>> decode_checks(std::string_view text);

}  // namespace mf
