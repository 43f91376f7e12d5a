// The requests and views of auto-approval (book/auto_approval.cpp; docs/auto-approval.md): the rules of the
// book and of a client as staff set and read them. Thread-safety: plain values.
#pragma once

#include <optional>

#include "core/auto_approval.hpp"

namespace mf {

// A change of the book's rules (client_id 0) or of a client's override: each field given replaces the
// stored one; a threshold given as nullopt inside clears it (for a client: it then follows the book's).
struct AutoApprovalChange {
    int64_t client_id = 0;
    std::optional<AutoApprovalMode> mode;
    std::optional<std::optional<int64_t>> invoice_max_minor;
    std::optional<std::optional<int64_t>> schedule_max_minor;
};

// What `auto-approval show` tells: the book's rules and, for a client, its override and the rules its
// schedules are judged by.
struct AutoApprovalSettings {
    Currency base_currency;
    AutoApprovalRules book;
    std::optional<Client> client;
    std::optional<AutoApprovalRules> client_rules;   // with a client: its override (nullopt: none saved)
    std::optional<EffectiveAutoApproval> effective;  // with a client
};

}  // namespace mf
