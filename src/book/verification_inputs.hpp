// The requests and answers of the verification and notice-of-assignment use cases (book/verification.cpp,
// book/notices.cpp). Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>

#include "core/model.hpp"
#include "core/verification.hpp"

namespace mf {

// A staff member's call or e-mail to the debtor about one invoice.
struct StaffVerification {
    int64_t invoice_id = 0;
    std::string channel;  // call or email
    std::string contact;  // whom they reached (name, number or address): required
    std::string outcome;  // confirmed, contested, no_answer, left_message
    std::string notes;    // required for contested (the reason)
};

// A debtor's answer through a verify_invoice link: a confirmation needs all three statements true; a
// contest needs a reason.
struct DebtorAnswer {
    bool confirm = true;
    bool delivered = false;
    bool amount_correct = false;
    bool no_offsets = false;
    std::string reason;
};

// A link to issue. The face draws the random token and passes only its hash: the book never holds the secret.
struct NewDebtorLink {
    std::string purpose;           // verify_invoice or acknowledge_noa
    int64_t invoice_id = 0;        // verify_invoice
    int64_t client_id = 0;         // acknowledge_noa (with debtor_id)
    int64_t debtor_id = 0;         // acknowledge_noa
    int32_t expires_in_days = 14;  // 1 to 90
    std::string token_hash;
    // The whole link with its token (book/outbox.hpp debtor_link_url): when set, a mail carrying it is queued
    // to the debtor in the same transaction; empty, no mail.
    std::string url;
};

// What a debtor sees through a link: the one invoice (verify_invoice) or the pair's notice
// (acknowledge_noa), with the factor's remittance instructions.
struct DebtorLinkView {
    DebtorLink link;
    std::optional<Invoice> invoice;
    std::string client_name;
    std::string debtor_name;
    std::string factor_name;
    std::string remittance_instructions;
    NoticeStatus notice;
};

// The answer of a verification: the record written and the invoice after it.
struct VerificationOutcome {
    VerificationRecord record;
    Invoice invoice;
};

// Where an invoice stands with verification: what auto-approval and the faces ask.
struct VerificationStanding {
    bool required = false;  // the invoice needs verification (pending or failed)
    bool passed = false;    // verified, or never needed
    Verification verification = Verification::not_required;
};

}  // namespace mf
