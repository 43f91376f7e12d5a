// Delivery of the outbox: claim the due mails in one short transaction, send each through the transport with
// no transaction open (a slow relay never holds the book), then record each attempt in its own transaction.
// A mail is sent at least once: a worker that dies between the relay's acceptance and the record sends it
// again when its lease ends, under the same Message-ID (docs/mail.md).
#include <fmt/format.h>

#include <map>
#include <optional>

#include "book/book.hpp"
#include "book/internal.hpp"
#include "core/ids.hpp"
#include "mail/message.hpp"
#include "mail/transport.hpp"

namespace mf {

using namespace detail;

namespace {

std::string domain_of(std::string_view address) {
    const size_t at = address.rfind('@');
    return at == std::string_view::npos ? std::string("localhost") : std::string(address.substr(at + 1));
}

// The Message-ID is fixed by the mail (its id and creation instant), so every attempt sends the same one and
// a receiver can drop a repeat.
std::string message_id(const OutboxMail& mail, std::string_view from_address) {
    std::string stamp;
    for (const char c : mail.created_at) {
        if (c >= '0' && c <= '9')
            stamp += c;
    }
    return fmt::format("{}.{}@{}", format_id(IdKind::mail, mail.id), stamp, domain_of(from_address));
}

std::string body_with_link(const OutboxMail& mail) {
    std::string body = mail.body;
    const size_t at = body.find(kLinkPlaceholder);
    if (at != std::string::npos)
        body.replace(at, kLinkPlaceholder.size(), mail.secret_url);
    return body;
}

// The facts of the letter a noa_sent mail carries, read in the claim's transaction; none when the book has no
// remittance instructions (a letter must say where to pay; the mail's text tells the debtor to ask).
Result<std::optional<NoticeLetter>> notice_letter_of(Transaction& tx, const BookSettings& settings,
                                                     const OutboxMail& mail) {
    if (mail.kind != kMailNoaSent || mail.entity_type != "client" || mail.recipient_type != "debtor" ||
        settings.remittance_instructions.empty())
        return std::optional<NoticeLetter>{};
    MF_TRY(auto client, load_client(tx, mail.entity_id));
    MF_TRY(auto debtor, load_debtor(tx, mail.recipient_id));
    MF_TRY(auto notice, tx.find_notice(client.id, debtor.id));
    NoticeLetter letter{client.id,
                        debtor.id,
                        settings.name,
                        client.name,
                        debtor.name,
                        settings.remittance_instructions,
                        settings.business_date};
    if (notice && notice->sent_on)
        letter.date = *notice->sent_on;
    return std::optional<NoticeLetter>{std::move(letter)};
}

// The message of a mail, or the error that makes it unsendable (a header from data with a line break, a
// letter that cannot be drawn).
Result<std::pair<std::vector<std::string>, std::string>> message_of(const OutboxMail& mail,
                                                                    const MailDelivery& delivery,
                                                                    const std::string& from_name,
                                                                    int64_t now_s,
                                                                    const Result<NoticeLetter>* letter) {
    MF_TRY(auto to, split_addresses(mail.recipients, "recipients"));
    mail::Message message;
    message.from_address = delivery.from_address;
    message.from_name = from_name;
    message.to = to;
    message.subject = mail.subject;
    message.body = body_with_link(mail);
    message.date_s = now_s;
    message.message_id = message_id(mail, delivery.from_address);
    if (letter && delivery.notice_letter) {
        if (!*letter)
            return make_error("letter_failed", "cannot read the notice of assignment letter's facts: " +
                                                   letter->error().message);
        auto pdf = delivery.notice_letter(letter->value());
        if (!pdf)
            return make_error("letter_failed",
                              "cannot draw the notice of assignment letter: " + pdf.error().message);
        message.attachments.push_back({fmt::format("notice-of-assignment-{}-{}.pdf",
                                                   format_id(IdKind::client, letter->value().client_id),
                                                   format_id(IdKind::debtor, letter->value().debtor_id)),
                                       "application/pdf", std::move(pdf).value()});
    }
    MF_TRY(auto text, mail::compose(message));
    return std::pair{std::move(to), std::move(text)};
}

}  // namespace

Result<DeliveryRun> Book::deliver_mail(mail::Transport& transport, const MailDelivery& delivery) {
    MF_CHECK(check_address(delivery.from_address, "mail_from"));
    MF_CHECK(check_header_text(delivery.from_name, "mail_from_name"));
    if (delivery.retry.attempts_max < 1)
        return make_error("invalid_field", "a mail gets at least one attempt", "attempts_max");
    const std::string now = clock_->now_utc();
    MF_TRY(const int64_t now_s, instant_seconds(now));
    MF_TRY(const std::string lease_until, instant_plus_seconds(now, std::max<int64_t>(delivery.lease_s, 1)));
    std::vector<OutboxMail> claimed;
    // By mail id: the facts of a notice's letter, or why they cannot be read.
    std::map<int64_t, Result<NoticeLetter>> letters;
    std::string from_name = delivery.from_name;
    MF_CHECK(store_->write([&](Transaction& tx) -> Status {
        claimed.clear();
        letters.clear();
        MF_TRY(auto settings, tx.load_settings());
        if (from_name.empty())
            from_name = settings.name;
        MF_TRY(auto due, tx.due_mail(now, delivery.batch_max));
        for (auto& mail : due) {
            MF_TRY(const bool mine, tx.claim_mail(mail.id, mail.next_attempt_at, lease_until));
            if (!mine)
                continue;
            if (delivery.notice_letter) {
                // A letter whose facts cannot be read fails its own mail, not the run.
                auto letter = notice_letter_of(tx, settings, mail);
                if (!letter)
                    letters.emplace(mail.id, letter.error());
                else if (letter.value())
                    letters.emplace(mail.id, std::move(*letter.value()));
            }
            claimed.push_back(std::move(mail));
        }
        return ok();
    }));
    if (check_header_text(from_name, "from_name").has_error())
        from_name.clear();

    DeliveryRun run;
    for (auto& mail : claimed) {
        const auto letter = letters.find(mail.id);
        auto message =
            message_of(mail, delivery, from_name, now_s, letter == letters.end() ? nullptr : &letter->second);
        Status sent =
            message ? transport.send(delivery.from_address, message.value().first, message.value().second)
                    : Status(message.error());
        const std::string attempted_at = clock_->now_utc();
        mail.attempts += 1;
        mail.last_attempt_at = attempted_at;
        if (sent) {
            mail.state = MailState::delivered;
            mail.delivered_at = attempted_at;
            mail.last_error.clear();
            mail.secret_url.clear();  // delivered: the link's secret is the debtor's alone now
            run.delivered += 1;
        } else {
            const bool final =
                sent.error().code != mail::kTransient || mail.attempts >= delivery.retry.attempts_max;
            mail.last_error = sent.error().message;
            if (final) {
                mail.state = MailState::failed;
                if (sent.error().code == mail::kTransient)
                    mail.last_error += fmt::format(" (gave up after {} attempts)", mail.attempts);
                run.failed += 1;
            } else {
                mail.state = MailState::queued;
                MF_TRY(mail.next_attempt_at,
                       instant_plus_seconds(attempted_at, backoff_seconds(delivery.retry, mail.attempts)));
                run.retrying += 1;
            }
        }
        MF_CHECK(store_->write([&](Transaction& tx) -> Status { return tx.update_mail(mail); }));
        run.attempts.push_back({mail.id, mail.state, mail.last_error});
    }
    return run;
}

}  // namespace mf
