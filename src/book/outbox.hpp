// The e-mail outbox of a book: how a use case queues a mail in its own transaction (detail::queue_mail), and
// what the delivery worker is told and reports (Book::deliver_mail, book/mail_delivery.cpp). docs/mail.md.
// Thread-safety: plain values; queue_mail runs inside the caller's transaction.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/outbox.hpp"
#include "store/store.hpp"

namespace mf {

// What the notice of assignment letter attached to a noa_sent mail says, read from the book when the mail is
// delivered (docs/mail.md "The notice's letter").
struct NoticeLetter {
    int64_t client_id = 0;
    int64_t debtor_id = 0;
    std::string factor_name;  // the book's name
    std::string client_name;
    std::string debtor_name;
    std::string remittance_instructions;  // the book's; never empty (no letter is drawn without them)
    Date date;                            // the day the notice was sent
};
// Draws the letter as PDF bytes (documents::notice_letter_pdf: the faces set it, as the book draws no
// documents).
using NoticeLetterRenderer = std::function<Result<std::string>(const NoticeLetter&)>;

// Who the outbox's mail is from and how it retries.
struct MailDelivery {
    std::string from_address;  // name@domain: the envelope sender, the From header and the Message-ID domain
    std::string from_name;     // the From header's display name (default: the book's name)
    RetryPolicy retry;
    int64_t batch_max = 100;  // mails claimed by one run
    int64_t lease_s = 600;    // a claimed mail is due again after this if its worker died
    // Attaches the notice of assignment letter to a noa_sent mail; unset, such a mail goes as text alone.
    NoticeLetterRenderer notice_letter;
};

// What one delivery run did.
struct MailAttempt {
    int64_t mail_id = 0;
    MailState state = MailState::queued;  // after the attempt
    std::string error;                    // empty when delivered
};
struct DeliveryRun {
    int64_t delivered = 0;
    int64_t retrying = 0;  // failed this time, queued again with backoff
    int64_t failed = 0;    // failed for good (5xx, or attempts used up)
    std::vector<MailAttempt> attempts;
};

// The base of the links debtors are sent ("https://factor.example"): $MICROFACTOR_PUBLIC_URL, else
// "http://127.0.0.1:8080". Never taken from a request's Host header, which a caller controls.
std::string public_base_url();
// The whole link with its token: base + "/debtor#token=" + token, the debtor portal page (web/; the token in
// the fragment, which browsers never send to a server).
std::string debtor_link_url(std::string_view base, std::string_view token);

namespace detail {

// A mail for one client or debtor, caused by an event of the current transaction.
struct MailDraft {
    std::string kind;   // kMail*
    std::string event;  // the audit action
    std::string entity_type;
    int64_t entity_id = 0;
    std::string recipient_type;  // client or debtor
    int64_t recipient_id = 0;
    std::string subject;
    std::string body;        // may hold kLinkPlaceholder
    std::string secret_url;  // what the placeholder stands for
};

// Writes the mail to the outbox in the caller's transaction: queued and due now when the recipient has a
// valid address; unaddressed (with last_error saying why) when it has none or a malformed one; failed when
// the subject would break a header. The audit detail of the caller's event can say what happened
// (mail_note).
Result<OutboxMail> queue_mail(Transaction& tx, const std::string& now, MailDraft draft);
// The client's mail that a rebate was paid (close-day's releases and a person's), queued at `now`.
Result<OutboxMail> queue_rebate_mail(Transaction& tx, const std::string& now, const BookSettings& settings,
                                     const Client& client, const Payout& payout);
// The debtor's copy of a notice of assignment just recorded as sent.
Result<OutboxMail> queue_notice_mail(Transaction& tx, const std::string& now, const BookSettings& settings,
                                     const NoticeStatus& notice);
// The debtor's mail carrying a link just issued (`url`, with its token: kept as the mail's secret).
Result<OutboxMail> queue_link_mail(Transaction& tx, const std::string& now, const BookSettings& settings,
                                   const DebtorLink& link, const std::string& url);
// "; mail eml_3 queued to a@b.com" or "; no mail: debtor dbt_2 has no e-mail address".
std::string mail_note(const OutboxMail& mail);

}  // namespace detail
}  // namespace mf
