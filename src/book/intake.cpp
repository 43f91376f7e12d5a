// Invoice intake: a client's file becomes one schedule of the rows that pass, each row's outcome named by its
// rules (FORMATS.md, issue 4); credit notes dilute the invoices they reduce.
#include <functional>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "book/book.hpp"
#include "book/debtor_match.hpp"
#include "book/fraud_rules.hpp"
#include "book/internal.hpp"
#include "book/settlement.hpp"
#include "core/ids.hpp"
#include "core/ledger.hpp"
#include "core/lifecycle.hpp"
#include "core/limits.hpp"

namespace mf {

using namespace detail;

namespace {

// An invoice 5 times the client's median face is worth a look before money moves.
constexpr int64_t kOutlierMultiple = 5;

void add_rule(IntakeRow& row, std::string rule, std::string message) {
    row.rules.push_back(std::move(rule));
    row.messages.push_back(std::move(message));
}

void reject(IntakeRow& row, std::string rule, std::string message) {
    row.outcome = RowOutcome::rejected;
    add_rule(row, std::move(rule), std::move(message));
}

void hold(IntakeRow& row, std::string rule, std::string message) {
    if (row.outcome == RowOutcome::accepted)
        row.outcome = RowOutcome::held;
    add_rule(row, std::move(rule), std::move(message));
}

std::string joined(const std::vector<std::string>& rules) {
    std::string out;
    for (const auto& rule : rules)
        out += (out.empty() ? "" : ",") + rule;
    return out;
}

// The reads the checks need, each done once per file: the debtor master, each debtor's open invoices, the
// client's median face per currency.
class IntakeChecks {
  public:
    IntakeChecks(Transaction& tx, const BookSettings& settings, const Client& client,
                 std::vector<Debtor> debtors)
        : tx_(tx), settings_(settings), client_(client), debtors_(std::move(debtors)) {}

    const DebtorDirectory& debtors() const { return debtors_; }

    // The debtor a file's customer is, matched once per distinct way the file names it: a million-row file
    // names its few thousand debtors over and over, each time with the same fields.
    const DebtorMatch& match(const formats::PartyIdentity& party) {
        match_key_.clear();
        for (const auto* field : {&party.external_ref, &party.tax_id, &party.registration_id,
                                  &party.endpoint_id, &party.email, &party.name}) {
            match_key_ += std::to_string(field->size());  // lengths first: no field can pass for another
            match_key_ += ':';
            match_key_ += *field;
        }
        auto found = matches_.find(match_key_);
        if (found == matches_.end())
            found = matches_.emplace(match_key_, debtors_.match(party)).first;
        return found->second;
    }

    // The rules of one invoice whose debtor is known; fills `invoice` for submission.
    Status assess_invoice(const formats::InvoiceDocument& document, const Debtor& debtor, IntakeRow& row,
                          NewInvoice& invoice) {
        if (!document.due_date) {
            reject(row, "missing_due_date",
                   row.place + ": the invoice gives no due date and no payment terms");
            return ok();
        }
        invoice = NewInvoice{
            debtor.id,           document.number,   document.amount.minor, document.amount.currency,
            document.issue_date, *document.due_date};
        Invoice& candidate = candidate_;  // one reused: check_submission reads only these fields
        candidate.number = invoice.number;
        candidate.currency = invoice.currency;
        candidate.face_minor = invoice.face_minor;
        candidate.issue_date = invoice.issue_date;
        candidate.due_date = invoice.due_date;
        if (auto checked = check_submission(candidate, client_, debtor, settings_); !checked) {
            reject(row, checked.error().code, row.place + ": " + checked.error().message);
            return ok();
        }
        MF_TRY(auto existing, tx_.find_invoice_by_number(client_.id, debtor.id, invoice.number));
        if (existing || !seen_.emplace(debtor.id, invoice.number).second) {
            reject(row, "duplicate_invoice",
                   row.place + ": invoice " + invoice.number + " of " + debtor.name +
                       " was already submitted" +
                       (existing ? " (" + format_id(IdKind::invoice, *existing) + ")"
                                 : " earlier in this file"));
            return ok();
        }
        if (document.open_balance && document.open_balance->minor <= 0) {
            reject(row, "already_paid", row.place + ": the file says invoice " + invoice.number + " is paid");
            return ok();
        }
        if (document.open_balance && document.open_balance->minor < document.amount.minor) {
            hold(row, "partly_paid",
                 row.place + ": the file says only " +
                     money_text(document.open_balance->minor, invoice.currency) + " of " +
                     money_text(invoice.face_minor, invoice.currency) + " is still unpaid");
        }
        MF_CHECK(check_double_pledge(debtor, invoice, row));
        check_assignment(document, row);
        check_related_party(document, debtor, row);
        MF_CHECK(check_outlier(invoice, row));
        return ok();
    }

  private:
    Status check_double_pledge(const Debtor& debtor, const NewInvoice& invoice, IntakeRow& row) {
        auto found = open_keys_.find(debtor.id);
        if (found == open_keys_.end()) {
            MF_TRY(auto keys, tx_.open_invoice_keys_of_debtor(debtor.id));
            found = open_keys_.emplace(debtor.id, std::move(keys)).first;
        }
        if (const auto breach =
                double_pledge(found->second, debtor, client_.id, 0, invoice.face_minor, invoice.issue_date))
            hold(row, breach->rule, row.place + ": " + breach->message);
        return ok();
    }

    // A payee other than the seller and other than this factor: the invoice is assigned to someone else.
    void check_assignment(const formats::InvoiceDocument& document, IntakeRow& row) const {
        if (!document.payee)
            return;
        const auto& payee = *document.payee;
        const auto payee_name = normalise_company_name(payee.name);
        const bool is_seller =
            (!payee_name.empty() && payee_name == normalise_company_name(document.seller.name)) ||
            same_identifier(payee.registration_id, document.seller.registration_id) ||
            same_identifier(payee.tax_id, document.seller.tax_id);
        const bool is_us = !payee_name.empty() && payee_name == normalise_company_name(settings_.name);
        if (!is_seller && !is_us) {
            hold(row, "already_assigned",
                 row.place + ": the invoice names " + (payee.name.empty() ? "another party" : payee.name) +
                     " as payee, so it may already be assigned to another factor");
        }
    }

    void check_related_party(const formats::InvoiceDocument& document, const Debtor& debtor, IntakeRow& row) {
        std::string shared;
        if (same_identifier(document.seller.tax_id, document.debtor.tax_id) ||
            same_identifier(document.seller.registration_id, document.debtor.registration_id))
            shared = "tax id";
        else if (const auto& known = shared_with_client(debtor))
            shared = *known;
        else if (!document.seller.street.empty() &&
                 normalise_company_name(document.seller.street + " " + document.seller.postal_code) ==
                     normalise_company_name(document.debtor.street + " " + document.debtor.postal_code))
            shared = "address";
        if (!shared.empty()) {
            hold(row, "related_party",
                 row.place + ": debtor " + debtor.name + " shares its " + shared + " with the client");
        }
    }

    // What the client and the debtor share (tax id, mail domain), read once per debtor of the file.
    const std::optional<std::string>& shared_with_client(const Debtor& debtor) {
        auto found = shared_.find(debtor.id);
        if (found == shared_.end())
            found = shared_.emplace(debtor.id, shared_identity(client_, debtor)).first;
        return found->second;
    }

    // The median is read once per currency of the file, before any of its invoices is written.
    Status check_outlier(const NewInvoice& invoice, IntakeRow& row) {
        const std::string_view currency = invoice.currency.code();
        auto found = medians_.find(currency);
        if (found == medians_.end()) {
            MF_TRY(auto median, tx_.median_face_minor(client_.id, invoice.currency));
            found = medians_.emplace(std::string(currency), median).first;
        }
        if (found->second && *found->second > 0 && invoice.face_minor > kOutlierMultiple * *found->second) {
            hold(row, "amount_outlier",
                 row.place + ": " + money_text(invoice.face_minor, invoice.currency) +
                     " is more than 5 times the client's median invoice of " +
                     money_text(*found->second, invoice.currency));
        }
        return ok();
    }

    Transaction& tx_;
    const BookSettings& settings_;
    const Client& client_;
    DebtorDirectory debtors_;
    Invoice candidate_;
    std::map<int64_t, std::vector<InvoiceKey>> open_keys_;
    std::map<std::string, std::optional<int64_t>, std::less<>> medians_;
    std::unordered_map<std::string, DebtorMatch> matches_;  // by match_key_
    std::string match_key_;
    std::unordered_map<int64_t, std::optional<std::string>> shared_;  // by debtor id
    // (debtor, number) pairs of this file so far: a million-row file makes this a hash set, not a tree.
    struct PairHash {
        size_t operator()(const std::pair<int64_t, std::string>& key) const {
            return std::hash<std::string>()(key.second) * 31 + std::hash<int64_t>()(key.first);
        }
    };
    std::unordered_set<std::pair<int64_t, std::string>, PairHash> seen_;
};

// The open invoice a credit note reduces, looked up under the client and the note's debtor.
Result<std::optional<Invoice>> referenced_invoice(Transaction& tx, int64_t client_id, int64_t debtor_id,
                                                  const formats::InvoiceDocument& note) {
    for (const auto& number : note.referenced_invoices) {
        MF_TRY(auto id, tx.find_invoice_by_number(client_id, debtor_id, number));
        if (id) {
            MF_TRY(auto invoice, load_invoice(tx, *id));
            return std::optional<Invoice>(std::move(invoice));
        }
    }
    return std::optional<Invoice>();
}

// The rows of a file judged as the reader hands them over (reads only: nothing is written until the whole
// file is judged). What is kept per row is its result and, for a row to submit, its compact NewInvoice; a
// credit note is kept whole until the notes are judged against the invoices they reduce.
class IntakeJudge final : public formats::InvoiceSink {
  public:
    IntakeJudge(Transaction& tx, const BookSettings& settings, const Client& client,
                std::vector<Debtor> debtors, std::vector<IntakeRow>& rows)
        : schedule{client.id, {}}, checks_(tx, settings, client, std::move(debtors)), rows_(rows) {}

    void problem(formats::RowProblem&& problem) override {
        IntakeRow row;
        row.place = std::move(problem.place);
        reject(row, std::move(problem.code), std::move(problem.message));
        rows_.push_back(std::move(row));
    }

    void document(formats::InvoiceDocument&& document) override {
        if (error_)
            return;  // the book could not be read: the import fails once the reader is done
        if (auto judged = judge(std::move(document)); !judged)
            error_ = judged.error();
    }

    // A read of the book that failed while the rows were judged.
    Status status() const { return error_ ? Status(*error_) : ok(); }

    NewSchedule schedule;               // the invoices to submit (accepted and held), in file order
    std::vector<size_t> schedule_rows;  // the row of each of them
    std::vector<std::pair<size_t, formats::InvoiceDocument>>
        credit_notes;  // row index, note (Book::CreditNotes)

  private:
    Status judge(formats::InvoiceDocument&& document) {
        IntakeRow row;
        row.place = document.place;
        row.number = document.number;
        row.kind = document.kind;
        const auto& match = checks_.match(document.debtor);
        row.debtor_id = match.debtor_id;
        row.debtor_match = to_string(match.basis);
        if (!match.debtor_id) {
            reject(row, "unknown_debtor", document.place + ": " + match.explanation);
        } else if (document.kind == formats::DocumentKind::credit_note) {
            if (!match.sure)
                reject(row, "debtor_match_unsure", document.place + ": " + match.explanation);
            else
                credit_notes.emplace_back(rows_.size(), std::move(document));
        } else {
            if (!match.sure)
                hold(row, "debtor_match_unsure", document.place + ": " + match.explanation);
            NewInvoice invoice;
            MF_CHECK(
                checks_.assess_invoice(document, *checks_.debtors().find(*match.debtor_id), row, invoice));
            if (row.outcome != RowOutcome::rejected) {
                invoice.review_reasons = joined(row.rules);
                schedule.invoices.push_back(std::move(invoice));
                schedule_rows.push_back(rows_.size());
            }
        }
        rows_.push_back(std::move(row));
        return ok();
    }

    IntakeChecks checks_;
    std::vector<IntakeRow>& rows_;
    std::optional<Error> error_;
};

}  // namespace

std::string_view to_string(RowOutcome outcome) {
    switch (outcome) {
        case RowOutcome::accepted:
            return "accepted";
        case RowOutcome::held:
            return "held";
        case RowOutcome::rejected:
            return "rejected";
    }
    return "rejected";
}

Result<IntakeResult> Book::import_invoices(const Actor& actor, const formats::InvoiceFile& file,
                                           const IntakeOptions& options) {
    const auto replay = [&file](formats::InvoiceSink& sink) -> Result<formats::InvoiceFormat> {
        for (auto problem : file.problems)
            sink.problem(std::move(problem));
        for (auto document : file.documents)
            sink.document(std::move(document));
        return file.format;
    };
    return import_read(actor, replay, options);
}

Result<IntakeResult> Book::import_invoices(const Actor& actor, std::string_view bytes,
                                           std::optional<formats::InvoiceFormat> format,
                                           const formats::InvoiceReadOptions& read_options,
                                           const IntakeOptions& options) {
    const auto read = [&](formats::InvoiceSink& sink) {
        return formats::read_invoice_file(bytes, sink, format, read_options);
    };
    return import_read(actor, read, options);
}

Result<IntakeResult> Book::import_read(const Actor& actor, const InvoiceReader& read,
                                       const IntakeOptions& options) {
    IntakeResult result;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        result = IntakeResult{};
        MF_TRY(auto client, load_client(tx, options.client_id));
        MF_TRY(auto debtors, tx.list_debtors());
        // First every row is judged as it is read (reads only); then, if the file may be written, the writes.
        IntakeJudge judged(tx, settings, client, std::move(debtors), result.rows);
        MF_TRY(result.format, read(judged));
        MF_CHECK(judged.status());
        if (result.rows.empty())
            return make_error("missing_field", "the file holds no invoices", "file");
        auto& schedule = judged.schedule;
        const auto& schedule_rows = judged.schedule_rows;
        const auto& credit_notes = judged.credit_notes;
        MF_CHECK(judge_credit_notes(tx, client, credit_notes, result.rows));
        for (const auto& row : result.rows) {
            result.accepted += row.outcome == RowOutcome::accepted;
            result.held += row.outcome == RowOutcome::held;
            result.rejected += row.outcome == RowOutcome::rejected;
        }
        if ((result.rejected > 0 && !options.partial) || result.accepted + result.held == 0)
            return ok();  // nothing written: the rows say why
        for (size_t first = 0; first < schedule.invoices.size(); first += kMaxScheduleInvoices) {
            const size_t last = std::min(schedule.invoices.size(), first + kMaxScheduleInvoices);
            NewSchedule part{client.id, {}};
            part.invoices.assign(
                std::make_move_iterator(schedule.invoices.begin() + static_cast<ptrdiff_t>(first)),
                std::make_move_iterator(schedule.invoices.begin() + static_cast<ptrdiff_t>(last)));
            ScheduleView view;
            MF_CHECK(submit_in_transaction(tx, settings, actor, part, view));
            SubmittedSchedule submitted{view.schedule, view.invoices.size(), 0, std::nullopt};
            for (size_t i = first; i < last; ++i) {
                const auto& invoice = view.invoices[i - first];
                result.rows[schedule_rows[i]].invoice_id = invoice.id;
                submitted.face_minor += invoice.face_minor;
            }
            result.schedules.push_back(std::move(submitted));
            if (!result.schedule)
                result.schedule = std::move(view);
        }
        MF_CHECK(book_credit_notes(tx, settings, actor, credit_notes, result.rows));
        result.written = true;
        return tx.append_audit(audit(actor, settings, "invoices.import", "client", client.id,
                                     (options.file_name.empty() ? std::string("a file") : options.file_name) +
                                         " (" + std::string(formats::to_string(result.format)) +
                                         "): " + std::to_string(result.accepted) + " accepted, " +
                                         std::to_string(result.held) + " held, " +
                                         std::to_string(result.rejected) + " rejected"));
    }));
    // Auto-approval, where it is on, decides each schedule after the file is in; only the first keeps its
    // invoices (re-read with what was decided).
    for (size_t i = 0; i < result.schedules.size(); ++i) {
        ScheduleView only{result.schedules[i].schedule, {}, std::nullopt};
        ScheduleView& view = i == 0 ? *result.schedule : only;
        MF_CHECK(auto_approve_submitted(actor, view));
        result.schedules[i].schedule = view.schedule;
        result.schedules[i].auto_approval = view.auto_approval;
    }
    return result;
}

// A credit note must reduce an invoice of this client that is still open: funded (booked as dilution) or not
// yet funded (held, so the approver sees it).
Status Book::judge_credit_notes(Transaction& tx, const Client& client, const CreditNotes& notes,
                                std::vector<IntakeRow>& rows) {
    std::map<int64_t, int64_t> diluted_minor;  // by invoice: what earlier notes of this file take off
    for (const auto& [index, note] : notes) {
        auto& row = rows[index];
        MF_TRY(auto invoice, referenced_invoice(tx, client.id, *row.debtor_id, note));
        if (!invoice) {
            reject(
                row, "credit_note_unmatched",
                note.place + ": credit note " + note.number + " names no invoice of this client and debtor");
            continue;
        }
        row.invoice_id = invoice->id;
        const auto amount = note.amount.minor < 0 ? -note.amount.minor : note.amount.minor;
        if (!(note.amount.currency == invoice->currency) || amount == 0) {
            reject(row, "invalid_amount",
                   note.place + ": credit note " + note.number + " must reduce invoice " + invoice->number +
                       " by a non-zero amount in " + std::string(invoice->currency.code()));
        } else if (invoice->state == InvoiceState::funded) {
            const int64_t owed_minor = invoice->outstanding_minor() - diluted_minor[invoice->id];
            if (amount > owed_minor) {
                reject(row, "credit_note_exceeds_outstanding",
                       note.place + ": credit note " + note.number + " of " +
                           money_text(amount, invoice->currency) + " is more than the " +
                           money_text(owed_minor, invoice->currency) + " still owed on invoice " +
                           invoice->number);
            } else {
                diluted_minor[invoice->id] += amount;
            }
        } else if (invoice->state == InvoiceState::submitted || invoice->state == InvoiceState::approved) {
            hold(row, "credit_note",
                 note.place + ": credit note " + note.number + " reduces invoice " + invoice->number +
                     ", not yet funded: it is held for review");
        } else {
            reject(row, "credit_note_invoice_closed",
                   note.place + ": invoice " + invoice->number + " is " +
                       std::string(to_string(invoice->state)) + "; a credit note cannot reduce it");
        }
    }
    return ok();
}

Status Book::book_credit_notes(Transaction& tx, const BookSettings& settings, const Actor& actor,
                               const CreditNotes& notes, std::vector<IntakeRow>& rows) {
    for (const auto& [index, note] : notes) {
        const auto& row = rows[index];
        if (row.outcome == RowOutcome::rejected)
            continue;
        MF_TRY(auto invoice, load_invoice(tx, *row.invoice_id));
        const Invoice before = invoice;
        const auto amount = note.amount.minor < 0 ? -note.amount.minor : note.amount.minor;
        if (row.outcome == RowOutcome::held) {
            if (invoice.review_reasons.find("credit_note") == std::string::npos)
                invoice.review_reasons +=
                    (invoice.review_reasons.empty() ? "" : ",") + std::string("credit_note");
            MF_CHECK(save_invoice(tx, settings, before, invoice));
            MF_CHECK(tx.append_audit(audit(actor, settings, "invoice.hold", "invoice", invoice.id,
                                           "held for review: credit note " + note.number + " of " +
                                               money_text(amount, invoice.currency) + " reduces it")));
            continue;
        }
        MF_CHECK(check_can_collect(invoice));
        MF_CHECK(tx.append_entry(dilution_entry(settings.business_date, invoice, amount)));
        invoice.diluted_minor += amount;
        std::string detail = "credit note " + note.number + ": " + money_text(amount, invoice.currency) +
                             " diluted, charged to the client's reserve";
        if (invoice.outstanding_minor() == 0) {
            MF_CHECK(settle_fee_and_leave_funded(tx, settings, invoice,
                                                 invoice.last_payment_on.value_or(settings.business_date),
                                                 InvoiceState::closed));
            detail += "; state funded -> closed";
        }
        MF_CHECK(save_invoice(tx, settings, before, invoice));
        MF_CHECK(tx.append_audit(audit(actor, settings, "invoice.dilute", "invoice", invoice.id, detail)));
    }
    return ok();
}

}  // namespace mf
