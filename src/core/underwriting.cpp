#include "core/underwriting.hpp"

#include <array>
#include <utility>

namespace mf {
namespace {

template <class Enum, size_t N>
using Spellings = std::array<std::pair<Enum, std::string_view>, N>;

constexpr Spellings<CreditDecision, 2> kDecisions{
    {{CreditDecision::approved, "approved"}, {CreditDecision::declined, "declined"}}};
constexpr Spellings<KycStatus, 3> kKyc{
    {{KycStatus::pending, "pending"}, {KycStatus::passed, "passed"}, {KycStatus::failed, "failed"}}};
constexpr Spellings<ApplicationStatus, 3> kApplicationStatus{{{ApplicationStatus::open, "open"},
                                                              {ApplicationStatus::approved, "approved"},
                                                              {ApplicationStatus::declined, "declined"}}};

template <class Enum, size_t N>
std::string_view spelling(const Spellings<Enum, N>& names, Enum value) {
    for (const auto& [candidate, name] : names) {
        if (candidate == value)
            return name;
    }
    MF_ASSERT(false);
}

template <class Enum, size_t N>
Result<Enum> parse_spelling(const Spellings<Enum, N>& names, std::string_view text, std::string_view field) {
    std::string allowed;
    for (const auto& [candidate, name] : names) {
        if (name == text)
            return candidate;
        allowed += (allowed.empty() ? "" : ", ") + std::string(name);
    }
    return make_error("invalid_" + std::string(field),
                      std::string(field) + " '" + std::string(text) + "' is not one of: " + allowed,
                      std::string(field));
}

}  // namespace

std::string_view to_string(CreditDecision decision) {
    return spelling(kDecisions, decision);
}
std::string_view to_string(KycStatus status) {
    return spelling(kKyc, status);
}
std::string_view to_string(ApplicationStatus status) {
    return spelling(kApplicationStatus, status);
}
Result<CreditDecision> parse_credit_decision(std::string_view text) {
    return parse_spelling(kDecisions, text, "decision");
}
Result<KycStatus> parse_kyc_status(std::string_view text) {
    return parse_spelling(kKyc, text, "kyc_status");
}
Result<ApplicationStatus> parse_application_status(std::string_view text) {
    return parse_spelling(kApplicationStatus, text, "status");
}

}  // namespace mf
