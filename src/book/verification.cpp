// Invoice verification: each client's policy, staff calls and e-mails, debtor links (issue, open, answer)
// and the verification log. Verification holds an invoice: a pending one may not be approved or funded, a
// failed one neither, until a later record confirms it (core/lifecycle.cpp).
#include <fmt/format.h>

#include "book/book.hpp"
#include "book/internal.hpp"
#include "core/ids.hpp"

namespace mf {

using namespace detail;

namespace {

constexpr int32_t kLinkDaysMax = 90;
constexpr size_t kTextMax = 2'000;

bool is_open(const Invoice& invoice) {
    return invoice.state == InvoiceState::submitted || invoice.state == InvoiceState::approved ||
           invoice.state == InvoiceState::funded;
}

Status check_open(const Invoice& invoice) {
    if (is_open(invoice))
        return ok();
    return make_error("invalid_transition", "invoice " + invoice.number + " is " +
                                                std::string(to_string(invoice.state)) +
                                                ": only a submitted, approved or funded invoice is verified");
}

Status check_text(const std::string& text, std::string_view field) {
    if (text.size() > kTextMax)
        return make_error("too_large", fmt::format("{} has at most {} characters", field, kTextMax),
                          std::string(field));
    return ok();
}

// "2026-11-22T10:15:00Z" plus whole days (the time of day kept).
std::string instant_plus_days(const std::string& instant, int32_t days) {
    auto date = parse_date(instant.substr(0, 10));
    MF_ASSERT(date.has_value());
    return date.value().plus_days(days).to_string() + instant.substr(10);
}

// Who answered through a link, as the audit log names them: the debtor and the link.
std::string link_actor(const DebtorLink& link) {
    return "debtor:" + format_id(IdKind::debtor, link.debtor_id) + "/" +
           format_id(IdKind::debtor_link, link.id);
}

// The link of a token's hash, if it may be used now for `purpose` (empty: any).
Result<DebtorLink> usable_link(Transaction& tx, std::string_view token_hash, std::string_view purpose,
                               const std::string& now) {
    if (token_hash.empty())
        return make_error("invalid_link", "this request needs the token of a debtor link", "token");
    MF_TRY(auto link, tx.find_debtor_link(token_hash));
    if (!link) {
        return make_error("invalid_link",
                          "this link is not valid: check that it was copied whole, or ask for a new one",
                          "token");
    }
    if (!purpose.empty() && link->purpose != purpose) {
        return make_error("wrong_link_purpose",
                          fmt::format("this link is for {}, not for {}", link->purpose, purpose), "token");
    }
    if (!link->used_at.empty()) {
        return make_error("link_used", "this link was used on " + link->used_at + ": ask for a new one",
                          "token");
    }
    if (link->expires_at <= now)
        return make_error("link_expired", "this link expired on " + link->expires_at + ": ask for a new one",
                          "token");
    return *link;
}

// Writes a verification record and the invoice's flag after it; the audit event is the caller's.
Result<VerificationOutcome> log_verification(Transaction& tx, const BookSettings& settings, Invoice invoice,
                                             VerificationRecord record) {
    const Invoice before = invoice;
    record.invoice_id = invoice.id;
    record.client_id = invoice.client_id;
    record.debtor_id = invoice.debtor_id;
    record.business_date = settings.business_date;
    MF_TRY(record.id, tx.insert_verification_record(record));
    invoice.verification = verification_after(invoice.verification, record.outcome);
    if (invoice.verification != before.verification) {
        MF_CHECK(save_invoice(tx, settings, before, invoice));
        invoice.version += 1;
    }
    return VerificationOutcome{std::move(record), std::move(invoice)};
}

std::string outcome_detail(const VerificationRecord& record, Verification before, const Invoice& after) {
    std::string detail = fmt::format("{} {} with {}: {}", format_id(IdKind::verification, record.id),
                                     record.channel, record.contact, record.outcome);
    if (before != after.verification)
        detail += fmt::format("; verification {} -> {}", to_string(before), to_string(after.verification));
    return detail;
}

}  // namespace

Result<bool> detail::apply_verification_policy(Transaction& tx,
                                               const std::optional<VerificationPolicy>& policy,
                                               Invoice& invoice) {
    if (!policy || !policy_selects(*policy, invoice) || invoice.verification != Verification::not_required)
        return false;
    invoice.verification = Verification::pending;
    MF_CHECK(tx.update_invoice(invoice));
    invoice.version += 1;
    return true;
}

Result<VerificationPolicy> Book::verification_policy(int64_t client_id) {
    VerificationPolicy out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_CHECK(load_client(tx, client_id));
        MF_TRY(auto stored, tx.find_verification_policy(client_id));
        out = stored ? *stored : VerificationPolicy{};
        out.client_id = client_id;
        return ok();
    }));
    return out;
}

Result<VerificationPolicy> Book::set_verification_policy(const Actor& actor,
                                                         const VerificationPolicy& input) {
    MF_CHECK(validate_policy(input));
    VerificationPolicy policy = input;
    if (policy.kind != VerificationPolicyKind::above)
        policy.threshold_minor = 0;
    if (policy.kind != VerificationPolicyKind::sample)
        policy.sample_ppm = 0;
    policy.updated_at = clock_->now_utc();
    policy.updated_by = actor.name;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(auto client, load_client(tx, policy.client_id));
        MF_CHECK(tx.save_verification_policy(policy));
        std::string detail = "verification policy " + std::string(to_string(policy.kind));
        if (policy.kind == VerificationPolicyKind::above)
            detail += " " + money_text(policy.threshold_minor, client.currency);
        if (policy.kind == VerificationPolicyKind::sample)
            detail += " " + format_rate_percent(policy.sample_ppm) + "%";
        return tx.append_audit(
            audit(actor, settings, "client.verification_policy", "client", client.id, detail));
    }));
    return policy;
}

Result<VerificationOutcome> Book::record_verification(const Actor& actor, const StaffVerification& input) {
    if (input.channel == "link")
        return make_error("invalid_channel", "a staff record is a call or an e-mail: debtors answer links",
                          "channel");
    MF_CHECK(validate_channel(input.channel));
    MF_CHECK(validate_outcome(input.outcome));
    if (input.contact.empty())
        return make_error("missing_field", "name whom you called or wrote to", "contact");
    if (input.outcome == "contested" && input.notes.empty())
        return make_error("missing_field", "a contest needs the debtor's reason in the notes", "notes");
    MF_CHECK(check_text(input.contact, "contact"));
    MF_CHECK(check_text(input.notes, "notes"));
    VerificationOutcome out;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(auto invoice, load_invoice(tx, input.invoice_id));
        MF_CHECK(check_open(invoice));
        VerificationRecord record;
        record.at = clock_->now_utc();
        record.actor = actor.name;
        record.channel = input.channel;
        record.contact = input.contact;
        record.outcome = input.outcome;
        record.delivered = record.amount_correct = record.no_offsets = input.outcome == "confirmed";
        record.notes = input.notes;
        const Verification before = invoice.verification;
        MF_TRY(out, log_verification(tx, settings, std::move(invoice), std::move(record)));
        return tx.append_audit(audit(actor, settings, "invoice.verification", "invoice", out.invoice.id,
                                     outcome_detail(out.record, before, out.invoice),
                                     out.record.outcome == "contested" ? out.record.notes : ""));
    }));
    return out;
}

Result<DebtorLink> Book::issue_debtor_link(const Actor& actor, const NewDebtorLink& input) {
    MF_CHECK(validate_link_purpose(input.purpose));
    if (input.expires_in_days < 1 || input.expires_in_days > kLinkDaysMax)
        return make_error("invalid_days", fmt::format("a link expires in 1 to {} days", kLinkDaysMax),
                          "expires_in_days");
    if (input.token_hash.size() != 64)
        return make_error("invalid_field", "a link is stored by the 64-hex-digit hash of its token", "token");
    DebtorLink link;
    link.purpose = input.purpose;
    link.token_hash = input.token_hash;
    link.created_at = clock_->now_utc();
    link.created_by = actor.name;
    link.expires_at = instant_plus_days(link.created_at, input.expires_in_days);
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        std::string entity = "client";
        int64_t entity_id = input.client_id;
        if (link.purpose == kLinkVerifyInvoice) {
            MF_TRY(auto invoice, load_invoice(tx, input.invoice_id));
            MF_CHECK(check_open(invoice));
            link.invoice_id = invoice.id;
            link.client_id = invoice.client_id;
            link.debtor_id = invoice.debtor_id;
            entity = "invoice";
            entity_id = invoice.id;
        } else {
            MF_CHECK(load_client(tx, input.client_id));
            MF_CHECK(load_debtor(tx, input.debtor_id));
            link.client_id = input.client_id;
            link.debtor_id = input.debtor_id;
        }
        MF_TRY(link.id, tx.insert_debtor_link(link));
        std::string note;
        if (!input.url.empty()) {
            MF_TRY(auto mail, queue_link_mail(tx, link.created_at, settings, link, input.url));
            note = mail_note(mail);
        }
        return tx.append_audit(audit(
            actor, settings, "debtor_link.issue", entity, entity_id,
            fmt::format("{} for {} ({}), expires {}{}", format_id(IdKind::debtor_link, link.id),
                        format_id(IdKind::debtor, link.debtor_id), link.purpose, link.expires_at, note)));
    }));
    return link;
}

Result<DebtorLinkView> Book::open_debtor_link(std::string_view token_hash, std::string_view purpose) {
    DebtorLinkView view;
    const std::string now = clock_->now_utc();
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(view.link, usable_link(tx, token_hash, purpose, now));
        MF_TRY(auto settings, tx.load_settings());
        MF_TRY(auto client, load_client(tx, view.link.client_id));
        MF_TRY(auto debtor, load_debtor(tx, view.link.debtor_id));
        if (view.link.purpose == kLinkVerifyInvoice) {
            MF_TRY(auto invoice, load_invoice(tx, view.link.invoice_id));
            view.invoice = std::move(invoice);
        }
        MF_TRY(auto notice, tx.find_notice(client.id, debtor.id));
        view.notice = notice ? *notice : NoticeStatus{client.id, debtor.id};
        view.client_name = client.name;
        view.debtor_name = debtor.name;
        view.factor_name = settings.name;
        view.remittance_instructions = settings.remittance_instructions;
        return ok();
    }));
    return view;
}

namespace {

// A confirmation states all three facts; a contest gives a reason.
Status check_answer(const DebtorAnswer& answer) {
    if (answer.confirm && !(answer.delivered && answer.amount_correct && answer.no_offsets)) {
        return make_error("invalid_confirmation",
                          "a confirmation states that the goods or services were delivered, the amount is right "
                          "and there are no offsets; otherwise contest the invoice with a reason",
                          "confirm");
    }
    if (!answer.confirm && answer.reason.empty())
        return make_error("missing_field", "a contest needs a reason", "reason");
    return check_text(answer.reason, "reason");
}

}  // namespace

Result<VerificationOutcome> Book::answer_debtor_link(std::string_view token_hash, const DebtorAnswer& answer) {
    VerificationOutcome out;
    const std::string now = clock_->now_utc();
    // The actor is known only once the link is read: the store's write, then the link's own actor.
    MF_CHECK(store_->write([&](Transaction& tx) -> Status {
        MF_TRY(auto settings, tx.load_settings());
        MF_TRY(auto link, usable_link(tx, token_hash, kLinkVerifyInvoice, now));
        // The token first (a bad one is refused whatever it carries), then the answer; a refused answer
        // rolls back and leaves the link unused.
        MF_CHECK(check_answer(answer));
        MF_TRY(const bool first_use, tx.use_debtor_link(link.id, now));
        if (!first_use)
            return make_error("link_used", "this link was used already: ask for a new one", "token");
        MF_TRY(auto invoice, load_invoice(tx, link.invoice_id));
        MF_CHECK(check_open(invoice));
        MF_TRY(auto debtor, load_debtor(tx, link.debtor_id));
        const Actor actor{link_actor(link)};
        VerificationRecord record;
        record.at = now;
        record.actor = actor.name;
        record.channel = "link";
        record.contact = debtor.name;
        record.outcome = answer.confirm ? "confirmed" : "contested";
        record.delivered = answer.delivered;
        record.amount_correct = answer.amount_correct;
        record.no_offsets = answer.no_offsets;
        record.notes = answer.reason;
        record.link_id = link.id;
        const Verification before = invoice.verification;
        MF_TRY(out, log_verification(tx, settings, std::move(invoice), std::move(record)));
        return tx.append_audit(audit(actor, settings, "invoice.verification", "invoice", out.invoice.id,
                                     outcome_detail(out.record, before, out.invoice), answer.reason));
    }));
    return out;
}

Result<NoticeStatus> Book::acknowledge_notice_by_link(std::string_view token_hash) {
    NoticeStatus out;
    const std::string now = clock_->now_utc();
    MF_CHECK(store_->write([&](Transaction& tx) -> Status {
        MF_TRY(auto settings, tx.load_settings());
        MF_TRY(auto link, usable_link(tx, token_hash, kLinkAcknowledgeNoa, now));
        MF_TRY(const bool first_use, tx.use_debtor_link(link.id, now));
        if (!first_use)
            return make_error("link_used", "this link was used already: ask for a new one", "token");
        const Actor actor{link_actor(link)};
        MF_TRY(auto stored, tx.find_notice(link.client_id, link.debtor_id));
        out = stored ? *stored : NoticeStatus{link.client_id, link.debtor_id};
        out.acknowledged_on = settings.business_date;
        out.updated_at = now;
        out.updated_by = actor.name;
        MF_CHECK(tx.save_notice(out));
        return tx.append_audit(
            audit(actor, settings, "noa.acknowledge", "client", link.client_id,
                  fmt::format("notice to {} acknowledged on {} through {}",
                              format_id(IdKind::debtor, link.debtor_id), settings.business_date.to_string(),
                              format_id(IdKind::debtor_link, link.id))));
    }));
    return out;
}

Result<std::vector<VerificationRecord>> Book::verification_log(const VerificationLogQuery& query) {
    if (query.from && query.to && *query.to < *query.from)
        return make_error("invalid_period", "the period ends before it starts", "to");
    std::vector<VerificationRecord> out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(out, tx.list_verification_records(query));
        return ok();
    }));
    return out;
}

Result<VerificationStanding> Book::verification_standing(int64_t invoice_id) {
    MF_TRY(auto found, invoice(invoice_id));
    VerificationStanding standing;
    standing.verification = found.verification;
    standing.required =
        found.verification == Verification::pending || found.verification == Verification::failed;
    standing.passed =
        found.verification == Verification::verified || found.verification == Verification::not_required;
    return standing;
}

}  // namespace mf
