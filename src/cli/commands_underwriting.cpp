// Underwriting at the command line: debtor score|bureau-import|review|reviews, report debtor-credit, and
// application add|set|show|list|approve|decline (docs/cli.md, docs/underwriting.md).
#include <memory>
#include <ostream>

#include "cli/client_options.hpp"
#include "cli/commands.hpp"
#include "cli/parse.hpp"
#include "cli/render_records.hpp"
#include "cli/table.hpp"
#include "wire/underwriting.hpp"

namespace mf::cli {
namespace {

constexpr size_t kBureauFileBytesMax = 20u << 20;

std::string or_none(const std::optional<int32_t>& value) {
    return value ? std::to_string(*value) : "-";
}

std::string limit_text(const std::optional<int64_t>& minor, Currency currency) {
    return minor ? money_text(*minor, currency) : "-";
}

std::string review_text(const DebtorCredit& credit) {
    const auto& review = credit.latest_review;
    switch (credit.standing) {
        case ReviewStanding::none:
            return "none";
        case ReviewStanding::current:
            return "current until " + review->expires_on.to_string();
        case ReviewStanding::expired:
            return "expired " + review->expires_on.to_string();
        case ReviewStanding::declined:
            return "declined " + review->reviewed_on.to_string();
    }
    return "-";
}

void print_credits(std::ostream& out, const std::vector<DebtorCredit>& credits) {
    Table table;
    table.column("Debtor").column("Name").column("Score", Align::right).column("Grade");
    table.column("History", Align::right).column("Bureau", Align::right).column("Paid", Align::right);
    table.column("Late", Align::right).column("Suggested limit", Align::right);
    table.column("Credit limit", Align::right).column("Review");
    for (const auto& c : credits) {
        const Currency currency = c.debtor.currency;
        table.row(
            {format_id(IdKind::debtor, c.debtor.id), c.debtor.name, or_none(c.score.score),
             c.score.score ? std::string(1, c.score.grade) : "-", or_none(c.score.history_score),
             or_none(c.score.bureau_score), std::to_string(c.stats.paid_count),
             percent_text(c.score.late_share_ppm),
             c.score.suggested_limit_minor ? amount_cell(*c.score.suggested_limit_minor, currency) : "-",
             amount_cell(c.debtor.credit_limit_minor, currency), review_text(c)});
    }
    table.print(out);
}

void print_credit(std::ostream& out, const DebtorCredit& c) {
    const Currency currency = c.debtor.currency;
    const auto& s = c.stats;
    const auto& k = c.score;
    print_fields(out,
                 {
                     {"Debtor", format_id(IdKind::debtor, c.debtor.id) + " " + c.debtor.name},
                     {"As of", c.as_of.to_string()},
                     {"Score", k.score ? std::to_string(*k.score) + " (grade " + std::string(1, k.grade) + ")"
                                       : "none (no payment history or bureau score to go on)"},
                     {"History score", k.history_score ? std::to_string(*k.history_score)
                                                       : "none (thin file: fewer than 3 observed invoices)"},
                     {"Bureau score", or_none(k.bureau_score)},
                     {"History weight", std::to_string(k.history_weight_pct) + "%"},
                     {"Suggested limit", limit_text(k.suggested_limit_minor, currency)},
                     {"Credit limit", money_text(c.debtor.credit_limit_minor, currency)},
                     {"Review", review_text(c)},
                 });
    print_heading(out, "Evidence");
    print_fields(
        out,
        {
            {"Funded invoices",
             std::to_string(s.funded_count) + ", face " + money_text(s.funded_face_minor, currency)},
            {"Paid", std::to_string(s.paid_count) + " (" + std::to_string(s.paid_late_count) + " late)"},
            {"Open past due", std::to_string(s.open_past_due_count)},
            {"Charged back or written off", std::to_string(s.loss_count)},
            {"Average days to pay", k.avg_days_to_pay ? std::to_string(*k.avg_days_to_pay) : "-"},
            {"Average days beyond terms", std::to_string(k.avg_days_beyond_terms) + " (over " +
                                              std::to_string(k.observed_count) + " observed invoices)"},
            {"Share paid late", percent_text(k.late_share_ppm)},
            {"Disputed", std::to_string(s.disputed_count) + " (" + percent_text(k.dispute_share_ppm) + ")"},
            {"Dilution", money_text(s.diluted_minor, currency) + " (" + percent_text(k.dilution_ppm) + ")"},
            {"Penalties", "beyond terms " + std::to_string(k.beyond_terms_penalty) + ", late share " +
                              std::to_string(k.late_share_penalty) + ", slow pay " +
                              std::to_string(k.slow_pay_penalty) + ", disputes " +
                              std::to_string(k.dispute_penalty) + ", dilution " +
                              std::to_string(k.dilution_penalty)},
            {"Volume (180 days)", money_text(k.volume_minor, currency)},
            {"Exposure basis", money_text(k.exposure_basis_minor, currency)},
            {"Limit multiplier", std::to_string(k.limit_multiplier_pct) + "%"},
            {"Starter limit", money_text(k.starter_limit_minor, currency)},
        });
}

void print_reviews(std::ostream& out, const std::vector<CreditReview>& reviews, Currency currency) {
    Table table;
    table.column("Review").column("Reviewed").column("Reviewer").column("Decision");
    table.column("Limit", Align::right).column("Expires").column("Score", Align::right).column("Notes");
    for (const auto& r : reviews) {
        table.row({format_id(IdKind::credit_review, r.id), r.reviewed_on.to_string(), r.reviewer,
                   std::string(to_string(r.decision)), amount_cell(r.limit_minor, currency),
                   r.expires_on.to_string(), or_none(r.score), r.notes});
    }
    table.print(out);
}

void print_report(std::ostream& out, const DebtorCreditReport& report) {
    print_credit(out, report.credit);
    print_heading(out, "Bureau scores");
    Table bureau;
    bureau.column("Bureau")
        .column("Score", Align::right)
        .column("As of")
        .column("Reference")
        .column("Source");
    bureau.column("Use");
    for (size_t i = 0; i < report.bureau_scores.size(); ++i) {
        const auto& b = report.bureau_scores[i];
        bureau.row({b.bureau, std::to_string(b.score), b.as_of.to_string(),
                    b.reference.empty() ? "-" : b.reference, b.source, report.bureau_notes.at(i)});
    }
    bureau.print(out);
    print_heading(
        out, std::string("Credit reviews (") +
                 (report.reviews_required ? "required before funding" : "not required by the book") + ")");
    print_reviews(out, report.reviews, report.credit.debtor.currency);
}

void print_applications(std::ostream& out, const std::vector<ClientApplication>& applications) {
    Table table;
    table.column("ID").column("Legal name").column("Cur").column("Tax id").column("KYC").column("Status");
    table.column("Client");
    for (const auto& a : applications) {
        table.row({format_id(IdKind::application, a.id), a.legal_name, std::string(a.currency.code()),
                   a.tax_id, std::string(to_string(a.kyc_status)), std::string(to_string(a.status)),
                   id_text(IdKind::client, a.client_id)});
    }
    table.print(out);
}

std::string dash(const std::string& text) {
    return text.empty() ? "-" : text;
}

void print_application(std::ostream& out, const ClientApplication& a) {
    const auto& account = a.payout_account;
    std::string payout = "-";
    if (account.has_ach())
        payout = "ACH " + account.routing_number + " " + masked_account_number(account.account_number);
    else if (account.has_iban())
        payout = "IBAN " + masked_account_number(account.iban);
    print_fields(
        out, {
                 {"Application", format_id(IdKind::application, a.id)},
                 {"Legal name", a.legal_name},
                 {"Registration id", dash(a.registration_id)},
                 {"Tax id", dash(a.tax_id)},
                 {"Currency", std::string(a.currency.code())},
                 {"E-mail", dash(a.email)},
                 {"Owners", dash(a.owners)},
                 {"Addresses", dash(a.addresses)},
                 {"Payout account", payout},
                 {"Documents", dash(a.documents)},
                 {"UCC filing",
                  a.ucc_filing_ref.empty() ? "-" : a.ucc_filing_ref + " filed " + date_text(a.ucc_filed_on)},
                 {"KYC", std::string(to_string(a.kyc_status))},
                 {"Status", std::string(to_string(a.status))},
                 {"Decided", a.decided_by.empty() ? "-" : a.decided_by + " on " + date_text(a.decided_on)},
                 {"Reason", dash(a.decision_reason)},
                 {"Client", id_text(IdKind::client, a.client_id)},
                 {"Version", std::to_string(a.version)},
             });
}

void print_history(std::ostream& out, const std::vector<AuditEvent>& events) {
    print_heading(out, "History");
    Table table;
    table.column("Date").column("At").column("Actor").column("Action").column("Detail").column("Reason");
    for (const auto& e : events)
        table.row({e.business_date.to_string(), e.at, e.actor, e.action, e.detail, dash(e.reason)});
    table.print(out);
}

// ---- debtor credit ----

void add_score(CLI::App& group, Context& ctx) {
    auto id = std::make_shared<std::string>();
    auto* cmd = group.add_subcommand(
        "score", "A debtor's credit score and suggested limit (every debtor's when no id is given)");
    cmd->add_option("id", *id, "Debtor id (dbt_12 or 12)");
    on_run(*cmd, ctx, [id](Context& ctx) -> Status {
        MF_TRY(auto* book, ctx.book());
        if (id->empty()) {
            MF_TRY(auto credits, book->debtor_credits());
            // The API's list envelope (GET /v1/debtor-scores), without paging: every debtor at once.
            const boost::json::object json{{"data", boost::json::value_from(credits)}};
            ctx.show(json, [&](std::ostream& out) { print_credits(out, credits); });
            return ok();
        }
        MF_TRY(auto debtor_id, parse_id(IdKind::debtor, *id, "id"));
        MF_TRY(auto credit, book->debtor_credit(debtor_id));
        ctx.show(credit, [&](std::ostream& out) { print_credit(out, credit); });
        return ok();
    });
}

void add_bureau_import(CLI::App& group, Context& ctx) {
    auto path = std::make_shared<std::string>();
    auto* cmd = group.add_subcommand(
        "bureau-import", "Import bureau scores from a CSV file (docs/underwriting.md); all rows or none");
    cmd->add_option("file", *path, "CSV with debtor_id or tax_id, bureau, score, as_of[, reference]")
        ->required();
    on_run(*cmd, ctx, [path](Context& ctx) -> Status {
        MF_TRY(auto bytes, read_whole_file(*path, kBureauFileBytesMax, "file"));
        MF_TRY(auto* book, ctx.book());
        const auto slash = path->find_last_of('/');
        const std::string source = slash == std::string::npos ? *path : path->substr(slash + 1);
        MF_TRY(auto result, book->import_bureau_scores(ctx.actor(), bytes, source));
        ctx.show(result, [&](std::ostream& out) {
            out << "Imported " << result.imported.size()
                << (result.imported.size() == 1 ? " bureau score" : " bureau scores") << " from "
                << result.source << ".\n";
        });
        return ok();
    });
}

void add_review(CLI::App& group, Context& ctx) {
    struct Options {
        std::string id, decision;
        Text limit, notes, expires;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = group.add_subcommand(
        "review", "Record a credit review of a debtor: the limit it sets and until when it holds");
    cmd->add_option("id", o->id, "Debtor id")->required();
    cmd->add_option("--decision", o->decision, "approved or declined")->required();
    add(*cmd, "--limit", o->limit, "The credit limit set (approved; default: the suggested limit)");
    add(*cmd, "--notes", o->notes, "What the decision rests on").option->required();
    add(*cmd, "--expires", o->expires, "Last day the review holds, YYYY-MM-DD (default: 180 days on)");
    on_run(*cmd, ctx, [o](Context& ctx) -> Status {
        MF_TRY(auto debtor, find_debtor(ctx, o->id, "id"));
        NewCreditReview input;
        input.debtor_id = debtor.id;
        MF_TRY(input.decision, parse_credit_decision(o->decision));
        if (o->limit.given()) {
            MF_TRY(auto limit, parse_amount(o->limit.value, debtor.currency, "limit"));
            input.limit_minor = limit;
        }
        input.notes = o->notes.value;
        MF_TRY(input.expires_on, parse_optional_date(o->expires, "expires"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto review, book->review_debtor(ctx.actor(), input));
        ctx.show(wire::credit_review_json(review, debtor.currency),
                 [&](std::ostream& out) { print_reviews(out, {review}, debtor.currency); });
        return ok();
    });

    auto id = std::make_shared<std::string>();
    auto* list = group.add_subcommand("reviews", "A debtor's credit reviews, newest first");
    list->add_option("id", *id, "Debtor id")->required();
    on_run(*list, ctx, [id](Context& ctx) -> Status {
        MF_TRY(auto debtor, find_debtor(ctx, *id, "id"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto reviews, book->credit_reviews(debtor.id));
        boost::json::array data;
        for (const auto& review : reviews)
            data.push_back(wire::credit_review_json(review, debtor.currency));
        const boost::json::object json{{"data", std::move(data)}};  // as GET /v1/debtors/{id}/credit-reviews
        ctx.show(json, [&](std::ostream& out) { print_reviews(out, reviews, debtor.currency); });
        return ok();
    });
}

// ---- applications ----

struct ApplicationOptions : ClientOptions {
    Text legal_name, registration_id, owners, addresses, documents, ucc_ref, ucc_date, kyc;
};

void add_application_options(CLI::App& cmd, ApplicationOptions& o) {
    add(cmd, "--legal-name", o.legal_name, "The business's legal name");
    add(cmd, "--currency", o.currency, "The currency it will factor in (ISO 4217)");
    add(cmd, "--registration-id", o.registration_id, "Company registration number");
    add(cmd, "--tax-id", o.tax_id, "Tax id (EIN, VAT id)");
    add(cmd, "--email", o.email, "Contact e-mail");
    add(cmd, "--owners", o.owners, "Beneficial owners, ';'-separated (\"Ann Lee 60%; Bo Park 40%\")");
    add(cmd, "--addresses", o.addresses, "Addresses, ';'-separated (registered office; mailing)");
    add(cmd, "--documents", o.documents,
        "Documents received, ';'-separated (\"articles; W-9; bank letter\")");
    add(cmd, "--ucc-ref", o.ucc_ref, "UCC-1 filing reference (file number)");
    add(cmd, "--ucc-date", o.ucc_date, "UCC-1 filing date, YYYY-MM-DD (\"\" clears it)");
    add(cmd, "--kyc", o.kyc, "KYC status: pending, passed or failed");
    add_payout_account_options(cmd, o);
}

Status read_application(const ApplicationOptions& o, ApplicationInput& input) {
    auto text = [](const Text& option, std::optional<std::string>& target) {
        if (option.given())
            target = option.value;
    };
    text(o.legal_name, input.legal_name);
    text(o.registration_id, input.registration_id);
    text(o.tax_id, input.tax_id);
    text(o.email, input.email);
    text(o.owners, input.owners);
    text(o.addresses, input.addresses);
    text(o.documents, input.documents);
    text(o.ucc_ref, input.ucc_filing_ref);
    if (o.currency.given()) {
        MF_TRY(auto currency, parse_currency(o.currency.value));
        input.currency = currency;
    }
    if (o.ucc_date.given()) {
        if (o.ucc_date.value.empty()) {
            input.ucc_filed_on = std::optional<Date>();
        } else {
            MF_TRY(auto date, parse_date(o.ucc_date.value, "ucc_date"));
            input.ucc_filed_on = std::optional<Date>(date);
        }
    }
    if (o.kyc.given()) {
        MF_TRY(auto kyc, parse_kyc_status(o.kyc.value));
        input.kyc_status = kyc;
    }
    if (o.expected_version.given()) {
        MF_TRY(auto version, parse_count(o.expected_version.value, 0, INT32_MAX, "expected_version"));
        input.expected_version = version;
    }
    return read_payout_account(o, input.payout_account);
}

void add_application_writes(CLI::App& group, Context& ctx) {
    auto a = std::make_shared<ApplicationOptions>();
    auto* add_cmd = group.add_subcommand("add", "Open a client application");
    add_application_options(*add_cmd, *a);
    on_run(*add_cmd, ctx, [a](Context& ctx) -> Status {
        ApplicationInput input;
        MF_CHECK(read_application(*a, input));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto application, book->add_application(ctx.actor(), input));
        ctx.show(application, [&](std::ostream& out) { print_application(out, application); });
        return ok();
    });

    auto s = std::make_shared<ApplicationOptions>();
    auto* set =
        group.add_subcommand("set", "Change an open application (KYC status, documents, UCC filing, ...)");
    set->add_option("id", s->id, "Application id (app_3 or 3)")->required();
    add_application_options(*set, *s);
    add(*set, "--expected-version", s->expected_version,
        "Refuse the change if the application changed since");
    on_run(*set, ctx, [s](Context& ctx) -> Status {
        MF_TRY(auto id, parse_id(IdKind::application, s->id, "id"));
        ApplicationInput change;
        MF_CHECK(read_application(*s, change));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto application, book->update_application(ctx.actor(), id, change));
        ctx.show(application, [&](std::ostream& out) { print_application(out, application); });
        return ok();
    });

    auto p = std::make_shared<ClientOptions>();
    auto note = std::make_shared<Text>();
    auto* approve = group.add_subcommand(
        "approve", "Approve an application into a client with its terms and factoring limit (underwriters)");
    approve->add_option("id", p->id, "Application id")->required();
    add_terms_options(*approve, *p);
    p->fee.option->required();
    p->limit.option->required();
    add(*approve, "--note", *note, "The underwriter's note, kept in the audit trail");
    on_run(*approve, ctx, [p, note](Context& ctx) -> Status {
        MF_TRY(auto id, parse_id(IdKind::application, p->id, "id"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto application, book->application(id));
        ApplicationApproval approval;
        MF_CHECK(read_terms(*p, application.currency, approval.terms));
        approval.note = note->value;
        MF_TRY(auto decision, book->approve_application(ctx.actor(), id, approval));
        ctx.show(decision, [&](std::ostream& out) {
            print_application(out, decision.application);
            print_heading(out, "Client");
            print_client(out, *decision.client);
        });
        return ok();
    });

    auto d = std::make_shared<std::string>();
    auto reason = std::make_shared<Text>();
    auto* decline = group.add_subcommand("decline", "Decline an application, with the reason");
    decline->add_option("id", *d, "Application id")->required();
    add(*decline, "--reason", *reason, "Why it is declined").option->required();
    on_run(*decline, ctx, [d, reason](Context& ctx) -> Status {
        MF_TRY(auto id, parse_id(IdKind::application, *d, "id"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto application, book->decline_application(ctx.actor(), id, reason->value));
        ctx.show(application, [&](std::ostream& out) { print_application(out, application); });
        return ok();
    });
}

void add_application_reads(CLI::App& group, Context& ctx) {
    auto id = std::make_shared<std::string>();
    auto* show = group.add_subcommand("show", "Show an application and its history (the audit trail)");
    show->add_option("id", *id, "Application id")->required();
    on_run(*show, ctx, [id](Context& ctx) -> Status {
        MF_TRY(auto application_id, parse_id(IdKind::application, *id, "id"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto application, book->application(application_id));
        MF_TRY(auto history, book->application_history(application_id));
        boost::json::value json = boost::json::value_from(application);
        json.as_object()["history"] = boost::json::value_from(history);
        ctx.show(json, [&](std::ostream& out) {
            print_application(out, application);
            print_history(out, history);
        });
        return ok();
    });
    auto paging = std::make_shared<Paging>();
    auto* list = group.add_subcommand("list", "List the client applications");
    add_paging(*list, *paging, "applications");
    on_run(*list, ctx, [paging](Context& ctx) -> Status {
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto applications, book->applications());
        return show_page<ClientApplication>(ctx, std::move(applications), *paging, IdKind::application,
                                            print_applications);
    });
}

}  // namespace

void add_debtor_credit_commands(CLI::App& debtor_group, Context& ctx) {
    add_score(debtor_group, ctx);
    add_bureau_import(debtor_group, ctx);
    add_review(debtor_group, ctx);
}

void add_debtor_credit_report(CLI::App& report_group, Context& ctx) {
    auto id = std::make_shared<std::string>();
    auto* cmd = report_group.add_subcommand(
        "debtor-credit", "A debtor's credit score with the evidence behind it, bureau scores and reviews");
    cmd->add_option("--debtor", *id, "Debtor id")->required();
    on_run(*cmd, ctx, [id](Context& ctx) -> Status {
        MF_TRY(auto debtor_id, parse_id(IdKind::debtor, *id, "debtor"));
        MF_TRY(auto* book, ctx.book());
        MF_TRY(auto report, book->debtor_credit_report(debtor_id));
        ctx.show(report, [&](std::ostream& out) { print_report(out, report); });
        return ok();
    });
}

void add_application_commands(CLI::App& app, Context& ctx) {
    auto* group = add_group(app, "application", "Client applications: onboarding before a client exists");
    add_application_writes(*group, ctx);
    add_application_reads(*group, ctx);
}

}  // namespace mf::cli
