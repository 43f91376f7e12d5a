#include "core/verification.hpp"

#include <array>
#include <string>

namespace mf {
namespace {

template <size_t N>
Status one_of(const std::array<std::string_view, N>& allowed, std::string_view text, std::string_view what) {
    for (const auto name : allowed) {
        if (name == text)
            return ok();
    }
    std::string names;
    for (const auto name : allowed)
        names += (names.empty() ? "" : ", ") + std::string(name);
    return make_error("invalid_" + std::string(what),
                      "unknown " + std::string(what) + " '" + std::string(text) + "' (one of: " + names + ")",
                      std::string(what));
}

constexpr std::array<std::string_view, 4> kPolicyKinds{"none", "every", "above", "sample"};

}  // namespace

std::string_view to_string(VerificationPolicyKind kind) {
    return kPolicyKinds[static_cast<size_t>(kind)];
}

Result<VerificationPolicyKind> parse_verification_policy_kind(std::string_view text) {
    for (size_t i = 0; i < kPolicyKinds.size(); ++i) {
        if (kPolicyKinds[i] == text)
            return static_cast<VerificationPolicyKind>(i);
    }
    MF_CHECK(one_of(kPolicyKinds, text, "policy"));
    MF_ASSERT(false);
}

Status validate_policy(const VerificationPolicy& policy) {
    if (policy.kind == VerificationPolicyKind::above && policy.threshold_minor <= 0) {
        return make_error("invalid_policy", "a policy 'above' needs a positive threshold amount",
                          "threshold");
    }
    if (policy.kind == VerificationPolicyKind::sample &&
        (policy.sample_ppm <= 0 || policy.sample_ppm > 1'000'000)) {
        return make_error("invalid_policy", "a policy 'sample' needs a share above 0% and at most 100%",
                          "sample");
    }
    if (policy.threshold_minor < 0)
        return make_error("invalid_policy", "the threshold may not be negative", "threshold");
    return ok();
}

int64_t sample_draw_ppm(int64_t invoice_id) {
    // SplitMix64's finalizer: a fixed, well-mixed hash of the id, the same on every platform.
    uint64_t z = static_cast<uint64_t>(invoice_id) + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return static_cast<int64_t>(z % 1'000'000);
}

bool policy_selects(const VerificationPolicy& policy, const Invoice& invoice) {
    switch (policy.kind) {
        case VerificationPolicyKind::none:
            return false;
        case VerificationPolicyKind::every:
            return true;
        case VerificationPolicyKind::above:
            return invoice.face_minor > policy.threshold_minor;
        case VerificationPolicyKind::sample:
            MF_ASSERT(invoice.id > 0);
            return sample_draw_ppm(invoice.id) < policy.sample_ppm;
    }
    MF_ASSERT(false);
}

Status validate_channel(std::string_view channel) {
    return one_of(std::array<std::string_view, 3>{"call", "email", "link"}, channel, "channel");
}

Status validate_outcome(std::string_view outcome) {
    return one_of(std::array<std::string_view, 4>{"confirmed", "contested", "no_answer", "left_message"},
                  outcome, "outcome");
}

Verification verification_after(Verification current, std::string_view outcome) {
    if (outcome == "confirmed")
        return Verification::verified;
    if (outcome == "contested")
        return Verification::failed;
    return current;
}

Status validate_link_purpose(std::string_view purpose) {
    return one_of(std::array<std::string_view, 2>{kLinkVerifyInvoice, kLinkAcknowledgeNoa}, purpose,
                  "purpose");
}

Status validate_noa_method(std::string_view method) {
    return one_of(std::array<std::string_view, 5>{"mail", "email", "fax", "hand", "portal"}, method,
                  "method");
}

}  // namespace mf
