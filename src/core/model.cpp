#include "core/model.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace mf {
namespace {

template <class Enum, size_t N>
using Names = std::array<std::pair<Enum, std::string_view>, N>;

template <class Enum, size_t N>
std::string_view name_of(const Names<Enum, N>& names, Enum value) {
    for (const auto& [candidate, name] : names) {
        if (candidate == value)
            return name;
    }
    MF_ASSERT(false);
}

template <class Enum, size_t N>
Result<Enum> parse_name(const Names<Enum, N>& names, std::string_view text, std::string_view what) {
    for (const auto& [candidate, name] : names) {
        if (name == text)
            return candidate;
    }
    std::string allowed;
    for (const auto& entry : names)
        allowed += (allowed.empty() ? "" : ", ") + std::string(entry.second);
    return make_error(
        "invalid_" + std::string(what),
        "unknown " + std::string(what) + " '" + std::string(text) + "' (one of: " + allowed + ")",
        std::string(what));
}

constexpr Names<InvoiceState, 7> kInvoiceStates{{{InvoiceState::submitted, "submitted"},
                                                 {InvoiceState::approved, "approved"},
                                                 {InvoiceState::funded, "funded"},
                                                 {InvoiceState::closed, "closed"},
                                                 {InvoiceState::rejected, "rejected"},
                                                 {InvoiceState::charged_back, "charged_back"},
                                                 {InvoiceState::written_off, "written_off"}}};
constexpr Names<Verification, 4> kVerifications{{{Verification::not_required, "not_required"},
                                                 {Verification::pending, "pending"},
                                                 {Verification::verified, "verified"},
                                                 {Verification::failed, "failed"}}};
constexpr Names<RecourseKind, 2> kRecourse{
    {{RecourseKind::recourse, "recourse"}, {RecourseKind::non_recourse, "non_recourse"}}};
constexpr Names<ClientStatus, 2> kClientStatus{
    {{ClientStatus::active, "active"}, {ClientStatus::suspended, "suspended"}}};
constexpr Names<ScheduleState, 3> kScheduleStates{{{ScheduleState::open, "open"},
                                                   {ScheduleState::funded, "funded"},
                                                   {ScheduleState::rejected, "rejected"}}};
constexpr Names<PayoutKind, 2> kPayoutKinds{
    {{PayoutKind::advance, "advance"}, {PayoutKind::rebate, "rebate"}}};
constexpr Names<PayoutStatus, 2> kPayoutStatus{
    {{PayoutStatus::pending, "pending"}, {PayoutStatus::sent, "sent"}}};
constexpr Names<RebateSchedule, 2> kRebateSchedules{
    {{RebateSchedule::on_collection, "on_collection"}, {RebateSchedule::weekly, "weekly"}}};
constexpr Names<RecourseAction, 2> kRecourseActions{
    {{RecourseAction::charge_back, "charge_back"}, {RecourseAction::flag, "flag"}}};
constexpr Names<AchAccountType, 2> kAchAccountTypes{
    {{AchAccountType::checking, "checking"}, {AchAccountType::savings, "savings"}}};
constexpr Names<PayoutFileFormat, 2> kPayoutFileFormats{
    {{PayoutFileFormat::nacha, "nacha"}, {PayoutFileFormat::pain001, "pain001"}}};

}  // namespace

std::string masked_account_number(std::string_view number) {
    constexpr size_t kShown = 4;
    if (number.empty())
        return {};
    const size_t shown = std::min(kShown, number.size());
    return std::string("****") + std::string(number.substr(number.size() - shown));
}

PayoutAccount masked(const PayoutAccount& account) {
    PayoutAccount out = account;
    out.account_number = masked_account_number(account.account_number);
    out.iban = masked_account_number(account.iban);
    return out;
}

std::string_view to_string(InvoiceState v) {
    return name_of(kInvoiceStates, v);
}
std::string_view to_string(Verification v) {
    return name_of(kVerifications, v);
}
std::string_view to_string(RecourseKind v) {
    return name_of(kRecourse, v);
}
std::string_view to_string(ClientStatus v) {
    return name_of(kClientStatus, v);
}
std::string_view to_string(ScheduleState v) {
    return name_of(kScheduleStates, v);
}
std::string_view to_string(PayoutKind v) {
    return name_of(kPayoutKinds, v);
}
std::string_view to_string(PayoutStatus v) {
    return name_of(kPayoutStatus, v);
}
std::string_view to_string(RebateSchedule v) {
    return name_of(kRebateSchedules, v);
}
std::string_view to_string(RecourseAction v) {
    return name_of(kRecourseActions, v);
}
std::string_view to_string(AchAccountType v) {
    return name_of(kAchAccountTypes, v);
}
std::string_view to_string(PayoutFileFormat v) {
    return name_of(kPayoutFileFormats, v);
}

Result<InvoiceState> parse_invoice_state(std::string_view t) {
    return parse_name(kInvoiceStates, t, "state");
}
Result<Verification> parse_verification(std::string_view t) {
    return parse_name(kVerifications, t, "verification");
}
Result<RecourseKind> parse_recourse(std::string_view t) {
    return parse_name(kRecourse, t, "recourse");
}
Result<ClientStatus> parse_client_status(std::string_view t) {
    return parse_name(kClientStatus, t, "status");
}
Result<ScheduleState> parse_schedule_state(std::string_view t) {
    return parse_name(kScheduleStates, t, "state");
}
Result<PayoutKind> parse_payout_kind(std::string_view t) {
    return parse_name(kPayoutKinds, t, "kind");
}
Result<PayoutStatus> parse_payout_status(std::string_view t) {
    return parse_name(kPayoutStatus, t, "status");
}
Result<RebateSchedule> parse_rebate_schedule(std::string_view t) {
    return parse_name(kRebateSchedules, t, "rebate_schedule");
}
Result<RecourseAction> parse_recourse_action(std::string_view t) {
    return parse_name(kRecourseActions, t, "recourse_action");
}
Result<AchAccountType> parse_ach_account_type(std::string_view t) {
    return parse_name(kAchAccountTypes, t, "account_type");
}
Result<PayoutFileFormat> parse_payout_file_format(std::string_view t) {
    return parse_name(kPayoutFileFormats, t, "format");
}

}  // namespace mf
