#include "wire/outbox.hpp"

#include "core/ids.hpp"

namespace mf {

namespace {

boost::json::value instant_or_null(const std::string& instant) {
    return instant.empty() ? boost::json::value(nullptr) : boost::json::value(instant);
}

}  // namespace

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const OutboxMail& mail) {
    boost::json::array recipients;
    if (auto addresses = split_addresses(mail.recipients, "recipients")) {
        for (const auto& address : addresses.value())
            recipients.emplace_back(address);
    }
    const IdKind recipient_kind = mail.recipient_type == "debtor" ? IdKind::debtor : IdKind::client;
    out = boost::json::object{
        {"id", format_id(IdKind::mail, mail.id)},
        {"kind", mail.kind},
        {"event", mail.event},
        {"entity_type", mail.entity_type},
        {"entity_id", mail.entity_id},
        {"recipient", format_id(recipient_kind, mail.recipient_id)},
        {"recipients", std::move(recipients)},
        {"subject", mail.subject},
        {"body", mail.body},
        {"state", to_string(mail.state)},
        {"attempts", mail.attempts},
        {"created_at", mail.created_at},
        {"next_attempt_at",
         mail.state == MailState::queued ? instant_or_null(mail.next_attempt_at) : nullptr},
        {"last_attempt_at", instant_or_null(mail.last_attempt_at)},
        {"last_error",
         mail.last_error.empty() ? boost::json::value(nullptr) : boost::json::value(mail.last_error)},
        {"delivered_at", instant_or_null(mail.delivered_at)},
    };
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const DeliveryRun& run) {
    boost::json::array attempts;
    for (const auto& attempt : run.attempts) {
        attempts.push_back(
            boost::json::object{{"id", format_id(IdKind::mail, attempt.mail_id)},
                                {"state", to_string(attempt.state)},
                                {"error", attempt.error.empty() ? boost::json::value(nullptr)
                                                                : boost::json::value(attempt.error)}});
    }
    out = boost::json::object{{"delivered", run.delivered},
                              {"retrying", run.retrying},
                              {"failed", run.failed},
                              {"attempts", std::move(attempts)}};
}

}  // namespace mf
