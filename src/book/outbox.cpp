// The e-mail outbox: queueing a mail in the transaction of the event that causes it, the outbox's lists, a
// person's retry, and the statement-ready mail. Delivery is book/mail_delivery.cpp.
#include "book/outbox.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "book/book.hpp"
#include "book/internal.hpp"
#include "core/ids.hpp"

namespace mf {

using namespace detail;

std::string public_base_url() {
    std::string base = "http://127.0.0.1:8080";
    if (const char* env = std::getenv("MICROFACTOR_PUBLIC_URL"); env && *env)
        base = env;
    while (!base.empty() && base.back() == '/')
        base.pop_back();
    return base;
}

std::string debtor_link_url(std::string_view base, std::string_view token) {
    return std::string(base) + "/debtor#token=" + std::string(token);  // the debtor portal page
}

namespace {

// The recipient's current address, or why there is none usable (for last_error).
struct Addressing {
    std::string recipients;
    std::string problem;
};

Result<Addressing> address_of(Transaction& tx, const std::string& type, int64_t id) {
    std::string email;
    IdKind kind = IdKind::client;
    if (type == "client") {
        MF_TRY(auto client, load_client(tx, id));
        email = client.email;
    } else {
        MF_ASSERT(type == "debtor");
        kind = IdKind::debtor;
        MF_TRY(auto debtor, load_debtor(tx, id));
        email = debtor.email;
    }
    const std::string who = type + " " + format_id(kind, id);
    if (email.empty())
        return Addressing{"", who + " has no e-mail address: set one, then retry the mail"};
    auto addresses = split_addresses(email, "email");
    if (!addresses)
        return Addressing{"", who + "'s e-mail address is not usable (" + addresses.error().message +
                                  "): correct it, then retry the mail"};
    std::string joined;
    for (const auto& address : addresses.value())
        joined += (joined.empty() ? "" : ", ") + address;
    return Addressing{joined, ""};
}

// The mail as faces see it: the secret link stays in the book.
OutboxMail shown(OutboxMail mail) {
    mail.secret_url.clear();
    return mail;
}

Result<OutboxMail> load_mail(Transaction& tx, int64_t id) {
    MF_TRY(auto found, tx.find_mail(id));
    if (!found)
        return not_found(IdKind::mail, id);
    return *found;
}

}  // namespace

Result<OutboxMail> detail::queue_mail(Transaction& tx, const std::string& now, MailDraft draft) {
    OutboxMail mail;
    mail.created_at = now;
    mail.kind = std::move(draft.kind);
    mail.event = std::move(draft.event);
    mail.entity_type = std::move(draft.entity_type);
    mail.entity_id = draft.entity_id;
    mail.recipient_type = std::move(draft.recipient_type);
    mail.recipient_id = draft.recipient_id;
    mail.subject = std::move(draft.subject);
    mail.body = std::move(draft.body);
    mail.secret_url = std::move(draft.secret_url);
    mail.next_attempt_at = now;
    MF_TRY(auto addressing, address_of(tx, mail.recipient_type, mail.recipient_id));
    mail.recipients = addressing.recipients;
    if (!addressing.problem.empty()) {
        mail.state = MailState::unaddressed;
        mail.last_error = addressing.problem;
    }
    if (auto header = check_header_text(mail.subject, "subject"); !header) {
        mail.state = MailState::failed;
        mail.last_error = "not sent: " + header.error().message;
    }
    MF_TRY(mail.id, tx.insert_mail(mail));
    return mail;
}

Result<OutboxMail> detail::queue_rebate_mail(Transaction& tx, const std::string& now,
                                             const BookSettings& settings, const Client& client,
                                             const Payout& payout) {
    MailDraft draft;
    draft.kind = kMailRebatePaid;
    draft.event = "client.release";
    draft.entity_type = "payout";
    draft.entity_id = payout.id;
    draft.recipient_type = "client";
    draft.recipient_id = client.id;
    const std::string amount = money_text(payout.amount_minor, payout.currency);
    draft.subject = fmt::format("{}: rebate of {} paid", settings.name, amount);
    draft.body = fmt::format(
        "Dear {},\n\nwe released {} of your reserve to you as a rebate on {} (payout {}).\n"
        "It reaches your payout account with our next payment file.\n\n{}\n",
        client.name, amount, payout.paid_on.to_string(), format_id(IdKind::payout, payout.id), settings.name);
    return queue_mail(tx, now, std::move(draft));
}

namespace {

std::string remittance_block(const BookSettings& settings) {
    if (settings.remittance_instructions.empty())
        return "Ask us for our remittance instructions before your next payment.";
    return "Pay to:\n" + settings.remittance_instructions;
}

}  // namespace

Result<OutboxMail> detail::queue_notice_mail(Transaction& tx, const std::string& now,
                                             const BookSettings& settings, const NoticeStatus& notice) {
    MF_TRY(auto client, load_client(tx, notice.client_id));
    MF_TRY(auto debtor, load_debtor(tx, notice.debtor_id));
    MailDraft draft;
    draft.kind = kMailNoaSent;
    draft.event = "noa.send";
    draft.entity_type = "client";
    draft.entity_id = client.id;
    draft.recipient_type = "debtor";
    draft.recipient_id = debtor.id;
    draft.subject =
        fmt::format("Notice of assignment: {}'s invoices are payable to {}", client.name, settings.name);
    draft.body = fmt::format(
        "To {},\n\n{} has assigned its accounts receivable owed by you to {}. From now on pay every invoice "
        "of {} to {} only: a payment made to anyone else does not discharge your debt.\n\n{}\n\n"
        "The notice was sent on {} by {}; this message is a copy of it.\n\n{}\n",
        debtor.name, client.name, settings.name, client.name, settings.name, remittance_block(settings),
        notice.sent_on ? notice.sent_on->to_string() : settings.business_date.to_string(), notice.method,
        settings.name);
    return queue_mail(tx, now, std::move(draft));
}

Result<OutboxMail> detail::queue_link_mail(Transaction& tx, const std::string& now,
                                           const BookSettings& settings, const DebtorLink& link,
                                           const std::string& url) {
    MF_TRY(auto client, load_client(tx, link.client_id));
    MF_TRY(auto debtor, load_debtor(tx, link.debtor_id));
    MailDraft draft;
    draft.event = "debtor_link.issue";
    draft.entity_type = "debtor_link";
    draft.entity_id = link.id;
    draft.recipient_type = "debtor";
    draft.recipient_id = debtor.id;
    draft.secret_url = url;
    const std::string expiry = fmt::format(
        "The link works once and until {}. If you did not expect this message, ignore it.", link.expires_at);
    if (link.purpose == kLinkVerifyInvoice) {
        MF_TRY(auto invoice, load_invoice(tx, link.invoice_id));
        const std::string amount = money_text(invoice.face_minor, invoice.currency);
        draft.kind = kMailVerificationRequest;
        draft.subject =
            fmt::format("{}: please confirm invoice {} from {}", settings.name, invoice.number, client.name);
        draft.body = fmt::format(
            "To {},\n\n{} has assigned to us its invoice {} to you, dated {}, for {}, due {}.\n"
            "Please confirm that the goods or services were delivered, that the amount is right and that you "
            "have no offsets against it, or tell us what is wrong, at:\n\n{}\n\n{}\n\n{}\n",
            debtor.name, client.name, invoice.number, invoice.issue_date.to_string(), amount,
            invoice.due_date.to_string(), kLinkPlaceholder, expiry, settings.name);
    } else {
        draft.kind = kMailNoaLink;
        draft.subject =
            fmt::format("{}: please acknowledge the notice of assignment for {}", settings.name, client.name);
        draft.body = fmt::format(
            "To {},\n\n{} has assigned to {} the invoices it issues to you. Please acknowledge this "
            "notice of assignment at:\n\n{}\n\n{}\n\n{}\n\n{}\n",
            debtor.name, client.name, settings.name, kLinkPlaceholder, remittance_block(settings), expiry,
            settings.name);
    }
    return queue_mail(tx, now, std::move(draft));
}

std::string detail::mail_note(const OutboxMail& mail) {
    const std::string id = format_id(IdKind::mail, mail.id);
    if (mail.state == MailState::queued)
        return "; mail " + id + " queued to " + mail.recipients;
    return "; mail " + id + " not queued: " + mail.last_error;
}

Result<std::vector<OutboxMail>> Book::outbox(const OutboxQuery& query) {
    std::vector<OutboxMail> out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(out, tx.list_mail(query));
        return ok();
    }));
    for (auto& mail : out)
        mail.secret_url.clear();
    return out;
}

Result<OutboxMail> Book::mail(int64_t mail_id) {
    OutboxMail out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(out, load_mail(tx, mail_id));
        return ok();
    }));
    return shown(std::move(out));
}

Result<OutboxMail> Book::retry_mail(const Actor& actor, int64_t mail_id) {
    OutboxMail out;
    const std::string now = clock_->now_utc();
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(out, load_mail(tx, mail_id));
        const std::string id = format_id(IdKind::mail, out.id);
        if (out.state == MailState::delivered)
            return make_error("already_delivered", "mail " + id + " was delivered on " + out.delivered_at);
        if (auto header = check_header_text(out.subject, "subject"); !header)
            return make_error("invalid_header", "mail " + id + " cannot be sent: " + header.error().message);
        const MailState before = out.state;
        if (out.state == MailState::unaddressed || out.recipients.empty()) {
            MF_TRY(auto addressing, address_of(tx, out.recipient_type, out.recipient_id));
            if (!addressing.problem.empty())
                return make_error("no_address", "mail " + id + ": " + addressing.problem);
            out.recipients = addressing.recipients;
        }
        out.state = MailState::queued;
        out.attempts = 0;
        out.next_attempt_at = now;
        MF_CHECK(tx.update_mail(out));
        return tx.append_audit(audit(
            actor, settings, "mail.retry", "mail", out.id,
            fmt::format("{} {} -> queued to {}", id, to_string(before), out.recipients), out.last_error));
    }));
    return shown(std::move(out));
}

Result<OutboxMail> Book::send_client_statement(const Actor& actor, int64_t client_id, Date from, Date to) {
    MF_TRY(auto statement, client_statement(client_id, from, to));
    OutboxMail out;
    const std::string now = clock_->now_utc();
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        const auto& client = statement.client;
        const auto money = [&](int64_t minor) { return money_text(minor, client.currency); };
        MailDraft draft;
        draft.kind = kMailStatementReady;
        draft.event = "client.statement_ready";
        draft.entity_type = "client";
        draft.entity_id = client.id;
        draft.recipient_type = "client";
        draft.recipient_id = client.id;
        draft.subject =
            fmt::format("{}: your statement {} to {}", settings.name, from.to_string(), to.to_string());
        draft.body = fmt::format(
            "Dear {},\n\nyour factoring statement for {} to {} is ready in your portal.\n\n"
            "Opening reserve:   {}\nInvoices funded:   {}\nAdvances paid:     {}\nCollections:       {}\n"
            "Fees:              {}\nCharges:           {}\nRebates paid:      {}\nClosing reserve:   {}\n"
            "Open invoices:     {}\n\nQuestions about a line: reply to this message or call us.\n\n{}\n",
            client.name, from.to_string(), to.to_string(), money(statement.opening_reserve_minor),
            money(statement.funded_face_minor), money(statement.advances_paid_minor),
            money(statement.collections_minor), money(statement.fees_minor), money(statement.charges_minor),
            money(statement.rebates_paid_minor), money(statement.closing_reserve_minor),
            statement.open_invoices.size(), settings.name);
        MF_TRY(out, queue_mail(tx, now, std::move(draft)));
        return tx.append_audit(audit(
            actor, settings, "client.statement_ready", "client", client.id,
            fmt::format("statement {} to {} ready{}", from.to_string(), to.to_string(), mail_note(out))));
    }));
    return shown(std::move(out));
}

}  // namespace mf
