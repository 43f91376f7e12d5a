// Auto-approval (issue 5, part 5; docs/auto-approval.md): the rules of the book and its clients, and the run
// that approves and funds a submitted schedule with no person when every rule passes. The approval and the
// funding are the book's own (approve_in_transaction, fund_in_transaction), run in a savepoint so a limit or
// fraud breach found on the way undoes them; the decision, its audit event, the approvals and the funding's
// journal entries commit together.
#include <algorithm>
#include <limits>
#include <set>

#include "book/approval_batch.hpp"
#include "book/book.hpp"
#include "book/internal.hpp"
#include "core/ids.hpp"
#include "core/limits.hpp"

namespace mf {

using namespace detail;

namespace {

const Actor kAutoApprover{"system:auto-approval"};

Result<AutoApprovalRules> book_rules(Transaction& tx) {
    MF_TRY(auto stored, tx.find_auto_approval_rules(0));
    return stored.value_or(AutoApprovalRules{});  // never set: off, no thresholds
}

std::string threshold_text(const std::optional<int64_t>& minor, Currency currency) {
    return minor ? money_text(*minor, currency) : std::string("none");
}

// The checks that read the schedule and its parties only (no approval yet), in the order staff read them.
class ScheduleChecks {
  public:
    ScheduleChecks(Transaction& tx, const BookSettings& settings, const Client& client,
                   const std::vector<Invoice>& invoices)
        : tx_(tx), settings_(settings), client_(client), invoices_(invoices) {}

    Status run(const EffectiveAutoApproval& rules, std::vector<AutoApprovalCheck>& out) {
        out.push_back(enabled(rules));
        out.push_back(undecided());
        out.push_back(client_active());
        out.push_back(invoice_threshold(rules));
        out.push_back(schedule_threshold(rules));
        MF_TRY(auto reviews, credit_review());
        out.push_back(std::move(reviews));
        out.push_back(verification());
        MF_TRY(auto notice, notices());
        out.push_back(std::move(notice));
        out.push_back(no_hold());
        out.push_back(payout_account());
        return ok();
    }

  private:
    static AutoApprovalCheck passed(std::string rule, std::string detail) {
        return {std::move(rule), true, std::move(detail)};
    }
    static AutoApprovalCheck failed(std::string rule, std::string detail) {
        return {std::move(rule), false, std::move(detail)};
    }

    AutoApprovalCheck enabled(const EffectiveAutoApproval& rules) const {
        const std::string by = rules.enabled_by == "client" ? "the client's override" : "the book's setting";
        if (rules.enabled)
            return passed("enabled", "on by " + by);
        return failed("enabled", "off by " + by);
    }

    AutoApprovalCheck undecided() const {
        for (const auto& invoice : invoices_) {
            if (invoice.state != InvoiceState::submitted) {
                return failed("invoices_undecided", "invoice " + invoice.number + " is already " +
                                                        std::string(to_string(invoice.state)));
            }
        }
        return passed("invoices_undecided",
                      std::to_string(invoices_.size()) + " invoices wait for a decision");
    }

    AutoApprovalCheck client_active() const {
        if (client_.status == ClientStatus::active)
            return passed("client_active", "client " + client_.name + " is active");
        return failed("client_active", "client " + client_.name + " is suspended");
    }

    AutoApprovalCheck invoice_threshold(const EffectiveAutoApproval& rules) const {
        const Currency currency = client_.currency;
        if (!rules.invoice_max_minor) {
            return failed("invoice_threshold", "no invoice threshold applies in " +
                                                   std::string(currency.code()) +
                                                   ": set the book's (in its base currency) or the client's");
        }
        int64_t largest = 0;
        for (const auto& invoice : invoices_) {
            if (invoice.face_minor > *rules.invoice_max_minor) {
                return failed("invoice_threshold", "invoice " + invoice.number + " of " +
                                                       money_text(invoice.face_minor, currency) +
                                                       " is above the " + rules.thresholds_by +
                                                       "'s threshold of " +
                                                       money_text(*rules.invoice_max_minor, currency));
            }
            largest = std::max(largest, invoice.face_minor);
        }
        return passed("invoice_threshold", "largest invoice " + money_text(largest, currency) +
                                               " <= " + money_text(*rules.invoice_max_minor, currency));
    }

    AutoApprovalCheck schedule_threshold(const EffectiveAutoApproval& rules) const {
        const Currency currency = client_.currency;
        if (!rules.schedule_max_minor) {
            return failed("schedule_threshold",
                          "no schedule threshold applies in " + std::string(currency.code()) +
                              ": set the book's (in its base currency) or the client's");
        }
        int64_t total = 0;
        for (const auto& invoice : invoices_) {
            // saturating: a total past int64 is above any threshold all the same
            constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
            total = invoice.face_minor > kMax - total ? kMax : total + invoice.face_minor;
        }
        const std::string figures = "schedule total " + money_text(total, currency) +
                                    (total > *rules.schedule_max_minor ? " > " : " <= ") +
                                    money_text(*rules.schedule_max_minor, currency);
        if (total > *rules.schedule_max_minor)
            return failed("schedule_threshold", figures);
        return passed("schedule_threshold", figures);
    }

    // Auto-approval always needs each debtor's current approved review, whatever the book requires of staff.
    Result<AutoApprovalCheck> credit_review() const {
        BookSettings strict = settings_;
        strict.require_credit_review = true;
        auto checked = check_credit_reviews(tx_, strict, invoices_);
        if (!checked) {
            if (checked.error().code != "credit_review_required")
                return checked.error();
            return failed("credit_review", checked.error().message);
        }
        std::set<int64_t> debtors;
        for (const auto& invoice : invoices_)
            debtors.insert(invoice.debtor_id);
        return passed("credit_review",
                      std::to_string(debtors.size()) + " debtors with a current approved credit review");
    }

    // As Book::verification_standing reads an invoice: passed when verified or never needed.
    AutoApprovalCheck verification() const {
        size_t verified = 0;
        for (const auto& invoice : invoices_) {
            if (invoice.verification == Verification::pending ||
                invoice.verification == Verification::failed) {
                return failed("verification", "invoice " + invoice.number + " verification is " +
                                                  std::string(to_string(invoice.verification)));
            }
            verified += invoice.verification == Verification::verified;
        }
        return passed("verification", std::to_string(verified) + " verified, the others not required");
    }

    Result<AutoApprovalCheck> notices() const {
        if (!settings_.require_noa_before_funding)
            return passed("notice", "the book does not require a notice of assignment before funding");
        std::set<int64_t> checked;
        for (const auto& invoice : invoices_) {
            if (!checked.insert(invoice.debtor_id).second)
                continue;
            auto in_place = check_notice_for_funding(tx_, settings_, invoice);
            if (!in_place) {
                if (in_place.error().code != "noa_required")
                    return in_place.error();
                return failed("notice", in_place.error().message);
            }
        }
        return passed("notice", "a notice of assignment is in place for each of " +
                                    std::to_string(checked.size()) + " debtors");
    }

    AutoApprovalCheck no_hold() const {
        for (const auto& invoice : invoices_) {
            if (invoice.needs_review()) {
                return failed("no_hold", "invoice " + invoice.number + " is held for review (" +
                                             invoice.review_reasons + ")");
            }
            if (invoice.disputed)
                return failed("no_hold", "invoice " + invoice.number + " is disputed");
        }
        return passed("no_hold", "no invoice held by intake, fraud rules or a dispute");
    }

    // A funding the next payout file cannot pay would refuse that whole file: the client needs the account of
    // its currency's format (ACH for USD, an IBAN for EUR).
    AutoApprovalCheck payout_account() const {
        const auto& account = client_.payout_account;
        const std::string_view code = client_.currency.code();
        if (code == "USD") {
            return account.has_ach()
                       ? passed("payout_account", "ACH account on file")
                       : failed("payout_account", "client " + client_.name + " has no ACH account");
        }
        if (code == "EUR") {
            return account.has_iban() ? passed("payout_account", "IBAN on file")
                                      : failed("payout_account", "client " + client_.name + " has no IBAN");
        }
        return failed("payout_account", "no payout file pays " + std::string(code));
    }

    Transaction& tx_;
    const BookSettings& settings_;
    const Client& client_;
    const std::vector<Invoice>& invoices_;
};

std::string decision_detail(const AutoApprovalDecision& decision) {
    if (decision.approved) {
        return "auto-approved and funded as " + format_id(IdKind::payout, decision.payout_id) +
               "; rules passed: " + decision.passed_rules() + "; requested by " + decision.requested_by;
    }
    std::string passed = decision.passed_rules();
    return "waiting for staff: " + decision.failures() +
           "; rules passed: " + (passed.empty() ? "none" : passed) + "; requested by " +
           decision.requested_by;
}

}  // namespace

Result<AutoApprovalSettings> Book::auto_approval_settings(std::optional<int64_t> client_id) {
    AutoApprovalSettings out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(auto settings, tx.load_settings());
        out.base_currency = settings.base_currency;
        MF_TRY(out.book, book_rules(tx));
        if (client_id) {
            MF_TRY(out.client, load_client(tx, *client_id));
            MF_TRY(out.client_rules, tx.find_auto_approval_rules(*client_id));
            out.effective =
                effective_rules(out.book, out.client_rules, settings.base_currency, out.client->currency);
        }
        return ok();
    }));
    return out;
}

Result<AutoApprovalSettings> Book::set_auto_approval(const Actor& actor, const AutoApprovalChange& change) {
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        AutoApprovalRules rules;
        Currency currency = settings.base_currency;
        std::string whose = "the book's";
        if (change.client_id != 0) {
            MF_TRY(auto client, load_client(tx, change.client_id));
            MF_TRY(auto stored, tx.find_auto_approval_rules(client.id));
            rules = stored.value_or(AutoApprovalRules{client.id, AutoApprovalMode::inherit, {}, {}, {}, {}});
            currency = client.currency;
            whose = "client " + client.name + "'s";
        } else {
            MF_TRY(rules, book_rules(tx));
        }
        if (change.mode)
            rules.mode = *change.mode;
        if (change.invoice_max_minor)
            rules.invoice_max_minor = *change.invoice_max_minor;
        if (change.schedule_max_minor)
            rules.schedule_max_minor = *change.schedule_max_minor;
        MF_CHECK(validate_rules(rules));
        rules.updated_at = clock_->now_utc();
        rules.updated_by = actor.name;
        MF_CHECK(tx.save_auto_approval_rules(rules));
        return tx.append_audit(audit(
            actor, settings, "auto_approval.rules", change.client_id ? "client" : "book", change.client_id,
            whose + " auto-approval: " + std::string(to_string(rules.mode)) + ", invoice threshold " +
                threshold_text(rules.invoice_max_minor, currency) + ", schedule threshold " +
                threshold_text(rules.schedule_max_minor, currency)));
    }));
    return auto_approval_settings(change.client_id ? std::optional<int64_t>(change.client_id) : std::nullopt);
}

Result<AutoApprovalDecision> Book::auto_approve_in_transaction(Transaction& tx, const BookSettings& settings,
                                                               const Actor& actor, int64_t schedule_id,
                                                               AutoApprovalTrigger trigger) {
    MF_TRY(auto schedule, load_schedule(tx, schedule_id));
    if (schedule.state != ScheduleState::open) {
        return make_error("invalid_transition", format_id(IdKind::schedule, schedule_id) + " is " +
                                                    std::string(to_string(schedule.state)) +
                                                    ": there is nothing left to approve");
    }
    MF_TRY(auto client, load_client(tx, schedule.client_id));
    InvoiceFilter filter;
    filter.schedule_id = schedule_id;
    MF_TRY(auto invoices, tx.list_invoices(filter));
    MF_TRY(auto book, book_rules(tx));
    MF_TRY(auto client_rules, tx.find_auto_approval_rules(client.id));

    AutoApprovalDecision decision;
    decision.schedule_id = schedule_id;
    decision.client_id = client.id;
    decision.at = clock_->now_utc();
    decision.business_date = settings.business_date;
    decision.requested_by = actor.name;
    decision.trigger = trigger;
    ScheduleChecks checks(tx, settings, client, invoices);
    MF_CHECK(checks.run(effective_rules(book, client_rules, settings.base_currency, client.currency),
                        decision.checks));
    const auto all_passed = [&] {
        return std::all_of(decision.checks.begin(), decision.checks.end(),
                           [](const AutoApprovalCheck& check) { return check.passed; });
    };
    if (all_passed()) {
        // The approvals and the funding in a savepoint: a breach undoes them, and the schedule waits.
        std::vector<Breach> limits, fraud;
        std::optional<Error> funding_error;
        Payout payout;
        constexpr std::string_view kStopped = "auto_approval_stopped";
        auto run = store_->write([&](Transaction& inner) -> Status {
            detail::ApprovalBatch batch;
            for (const auto& invoice : invoices) {
                MF_TRY(auto outcome,
                       approve_in_transaction(inner, settings, kAutoApprover, invoice.id, "", batch));
                if (outcome.approved)
                    continue;
                auto& to = outcome.rules.find("possible_double_pledge") != std::string::npos ||
                                   outcome.rules.find("related_party") != std::string::npos
                               ? fraud
                               : limits;
                to.push_back({outcome.rules, "invoice " + invoice.number + ": " + outcome.message});
            }
            if (!limits.empty() || !fraud.empty())
                return make_error(std::string(kStopped), "a breach holds the schedule");
            auto funded = fund_in_transaction(inner, settings, kAutoApprover, schedule_id);
            if (!funded) {
                funding_error = funded.error();
                return funded.error();
            }
            payout = funded.value();
            return ok();
        });
        if (!run && run.error().code != kStopped && !funding_error)
            return run.error();  // the store failed
        decision.checks.push_back(limits.empty()
                                      ? AutoApprovalCheck{"limits", true,
                                                          "within the client's, the debtors' and the "
                                                          "concentration limits; every invoice eligible"}
                                      : AutoApprovalCheck{"limits", false, join_messages(limits)});
        decision.checks.push_back(fraud.empty()
                                      ? AutoApprovalCheck{"fraud", true, "no double pledge or related party"}
                                      : AutoApprovalCheck{"fraud", false, join_messages(fraud)});
        if (limits.empty() && fraud.empty()) {
            decision.checks.push_back(
                funding_error
                    ? AutoApprovalCheck{"funding", false, funding_error->message}
                    : AutoApprovalCheck{"funding", true,
                                        "funded as " + format_id(IdKind::payout, payout.id) + " of " +
                                            money_text(payout.amount_minor, payout.currency)});
        }
        if (run)
            decision.payout_id = payout.id;
        decision.approved = static_cast<bool>(run);
    }
    for (const auto& check : decision.checks) {
        if (!check.passed) {
            decision.failed_rule = check.rule;
            break;
        }
    }
    MF_ASSERT(decision.approved == decision.failed_rule.empty());
    MF_TRY(decision.id, tx.insert_auto_approval_decision(decision));
    MF_CHECK(
        tx.append_audit(audit(kAutoApprover, settings,
                              decision.approved ? "schedule.auto_approve" : "schedule.auto_approval_waiting",
                              "schedule", schedule_id, decision_detail(decision))));
    return decision;
}

Result<AutoApprovalDecision> Book::auto_approve_schedule(const Actor& actor, int64_t schedule_id) {
    AutoApprovalDecision out;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(out,
               auto_approve_in_transaction(tx, settings, actor, schedule_id, AutoApprovalTrigger::rerun));
        return ok();
    }));
    return out;
}

Status Book::auto_approve_submitted(const Actor& actor, ScheduleView& view) {
    bool enabled = false;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(auto settings, tx.load_settings());
        MF_TRY(auto book, book_rules(tx));
        MF_TRY(auto client_rules, tx.find_auto_approval_rules(view.schedule.client_id));
        enabled = effective_rules(book, client_rules, settings.base_currency, view.schedule.currency).enabled;
        return ok();
    }));
    if (!enabled)
        return ok();  // no decision: auto-approval is off for the client
    const int64_t schedule_id = view.schedule.id;
    auto ran = write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(view.auto_approval, auto_approve_in_transaction(tx, settings, actor, schedule_id,
                                                               AutoApprovalTrigger::submission));
        MF_TRY(view.schedule, load_schedule(tx, schedule_id));
        InvoiceFilter filter;
        filter.schedule_id = schedule_id;
        MF_TRY(view.invoices, tx.list_invoices(filter));
        return ok();
    });
    if (!ran) {
        Error error = ran.error();
        error.message =
            format_id(IdKind::schedule, schedule_id) +
            " was submitted, but auto-approval could not run (re-run it with schedule auto-approve): " +
            error.message;
        return error;
    }
    return ok();
}

Result<std::vector<AutoApprovalDecision>> Book::auto_approval_decisions(int64_t schedule_id) {
    std::vector<AutoApprovalDecision> out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_CHECK(load_schedule(tx, schedule_id));
        MF_TRY(out, tx.auto_approval_decisions_of(schedule_id));
        return ok();
    }));
    return out;
}

}  // namespace mf
