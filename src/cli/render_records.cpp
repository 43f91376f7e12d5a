#include "cli/render_records.hpp"

#include <ostream>

#include "cli/table.hpp"
#include "core/calendar.hpp"
#include "core/fee_text.hpp"
#include "core/ledger.hpp"

namespace mf::cli {

namespace {

std::string or_dash(const std::string& text) {
    return text.empty() ? "-" : text;
}

std::string invoice_flags(const Invoice& invoice) {
    std::string flags;
    const auto append = [&](const std::string& flag) { flags += (flags.empty() ? "" : ", ") + flag; };
    if (invoice.disputed)
        append("disputed");
    // An approver's override settles the held rules; until then the invoice waits for review.
    if (!invoice.override_reason.empty()) {
        append("overridden: " + invoice.review_reasons);
    } else if (invoice.needs_review()) {
        append("review: " + invoice.review_reasons);
    }
    return flags;
}

// "021000021 JPMORGAN CHASE", one of them, or "-".
std::string joined(const std::string& first, const std::string& second) {
    if (first.empty() || second.empty())
        return or_dash(first + second);
    return first + " " + second;
}

}  // namespace

void print_settings(std::ostream& out, const BookSettings& settings) {
    const std::string reviews = settings.require_credit_review ? "required before funding" : "not required";
    print_fields(out, {
                          {"Book", settings.name},
                          {"Base currency", std::string(settings.base_currency.code())},
                          {"Calendar", std::string(calendar_name(settings.calendar))},
                          {"Business date", settings.business_date.to_string()},
                          {"Last closed", date_text(settings.last_closed_on)},
                          {"Rebate schedule", std::string(to_string(settings.rebate_schedule))},
                          {"Rebate weekday", std::to_string(settings.rebate_weekday) + " (1 = Monday)"},
                          {"Recourse action", std::string(to_string(settings.recourse_action))},
                          {"Max invoice age", std::to_string(settings.max_invoice_age_days) + " days"},
                          {"Cross-age", percent_text(settings.cross_age_ppm) + " over " +
                                            std::to_string(settings.cross_age_days) + " days"},
                          {"Originator", or_dash(settings.originator.name)},
                          {"ACH company id", or_dash(settings.originator.ach_company_id)},
                          {"ACH origin", joined(settings.originator.ach_immediate_origin,
                                                settings.originator.ach_origin_name)},
                          {"ODFI routing", or_dash(settings.originator.ach_odfi_routing)},
                          {"ACH destination", joined(settings.originator.ach_destination,
                                                     settings.originator.ach_destination_name)},
                          {"SEPA account", joined(settings.originator.iban, settings.originator.bic)},
                          {"NOA to fund", settings.require_noa_before_funding ? "required" : "not required"},
                          {"Remittance", or_dash(settings.remittance_instructions)},
                          {"Credit reviews", reviews},
                      });
}

// "ACH 021000021 ****6789 checking", "IBAN ****3000 COBADEFFXXX", or "-": never a whole account number.
std::string payout_account_text(const PayoutAccount& account) {
    if (account.has_ach()) {
        return "ACH " + account.routing_number + " " + masked_account_number(account.account_number) + " " +
               std::string(to_string(account.account_type));
    }
    if (account.has_iban())
        return "IBAN " + masked_account_number(account.iban) + (account.bic.empty() ? "" : " " + account.bic);
    return "-";
}

void print_client(std::ostream& out, const Client& client) {
    const auto& terms = client.terms;
    print_fields(out, {
                          {"Client", format_id(IdKind::client, client.id) + "  " + client.name},
                          {"Currency", std::string(client.currency.code())},
                          {"Status", std::string(to_string(client.status))},
                          {"Advance rate", percent_text(terms.advance_rate_ppm)},
                          {"Fee schedule", format_fee_schedule(terms.fee_schedule, client.currency)},
                          {"Factoring limit", money_text(terms.factoring_limit_minor, client.currency)},
                          {"Recourse", std::string(to_string(terms.recourse)) + " (" +
                                           std::to_string(terms.recourse_days) + " days)"},
                          {"Clearance days", std::to_string(terms.clearance_days)},
                          {"Concentration limit", percent_text(terms.concentration_limit_ppm)},
                          {"E-mail", or_dash(client.email)},
                          {"Tax id", or_dash(client.tax_id)},
                          {"Payout account", payout_account_text(client.payout_account)},
                          {"Version", std::to_string(client.version)},
                      });
}

void print_clients(std::ostream& out, const std::vector<Client>& clients) {
    Table table;
    table.column("ID").column("Name").column("Cur").column("Advance", Align::right).column("Fee schedule");
    table.column("Limit", Align::right).column("Recourse").column("Status").column("Payout account");
    for (const auto& c : clients) {
        table.row(
            {format_id(IdKind::client, c.id), c.name, std::string(c.currency.code()),
             percent_text(c.terms.advance_rate_ppm), format_fee_schedule(c.terms.fee_schedule, c.currency),
             amount_cell(c.terms.factoring_limit_minor, c.currency), std::string(to_string(c.terms.recourse)),
             std::string(to_string(c.status)), payout_account_text(c.payout_account)});
    }
    table.print(out);
}

void print_debtor(std::ostream& out, const Debtor& debtor) {
    print_fields(out, {
                          {"Debtor", format_id(IdKind::debtor, debtor.id) + "  " + debtor.name},
                          {"Currency", std::string(debtor.currency.code())},
                          {"Credit limit", money_text(debtor.credit_limit_minor, debtor.currency)},
                          {"E-mail", or_dash(debtor.email)},
                          {"Tax id", or_dash(debtor.tax_id)},
                          {"Version", std::to_string(debtor.version)},
                      });
}

void print_debtors(std::ostream& out, const std::vector<Debtor>& debtors) {
    Table table;
    table.column("ID").column("Name").column("Cur").column("Credit limit", Align::right).column("E-mail");
    for (const auto& d : debtors) {
        table.row({format_id(IdKind::debtor, d.id), d.name, std::string(d.currency.code()),
                   amount_cell(d.credit_limit_minor, d.currency), or_dash(d.email)});
    }
    table.print(out);
}

void print_charges(std::ostream& out, const std::vector<Charge>& charges) {
    Table table;
    table.column("Code").column("Name").column("Amount", Align::right).column("Cur");
    for (const auto& c : charges) {
        table.row({c.code, c.name, amount_cell(c.amount_minor, c.currency), std::string(c.currency.code())});
    }
    table.print(out);
}

void print_schedules(std::ostream& out, const std::vector<Schedule>& schedules) {
    Table table;
    table.column("ID").column("Client").column("Cur").column("Submitted").column("State").column("Payout");
    for (const auto& s : schedules) {
        table.row({format_id(IdKind::schedule, s.id), format_id(IdKind::client, s.client_id),
                   std::string(s.currency.code()), s.submitted_on.to_string(),
                   std::string(to_string(s.state)),
                   s.payout_id ? format_id(IdKind::payout, *s.payout_id) : "-"});
    }
    table.print(out);
}

void print_schedule(std::ostream& out, const ScheduleView& view) {
    const auto& s = view.schedule;
    int64_t face_minor = 0;
    for (const auto& invoice : view.invoices)
        face_minor += invoice.face_minor;
    print_fields(out, {
                          {"Schedule", format_id(IdKind::schedule, s.id)},
                          {"Client", format_id(IdKind::client, s.client_id)},
                          {"Submitted", s.submitted_on.to_string()},
                          {"State", std::string(to_string(s.state))},
                          {"Payout", s.payout_id ? format_id(IdKind::payout, *s.payout_id) : "-"},
                          {"Invoices", std::to_string(view.invoices.size()) + ", face " +
                                           money_text(face_minor, s.currency)},
                      });
    out << '\n';
    print_invoices(out, view.invoices);
}

void print_invoices(std::ostream& out, const std::vector<Invoice>& invoices) {
    Table table;
    table.column("ID")
        .column("Number")
        .column("Client")
        .column("Debtor")
        .column("Face", Align::right)
        .column("Cur");
    table.column("Issued").column("Due").column("State").column("Outstanding", Align::right).column("Flags");
    for (const auto& i : invoices) {
        table.row({format_id(IdKind::invoice, i.id), i.number, format_id(IdKind::client, i.client_id),
                   format_id(IdKind::debtor, i.debtor_id), amount_cell(i.face_minor, i.currency),
                   std::string(i.currency.code()), i.issue_date.to_string(), i.due_date.to_string(),
                   std::string(to_string(i.state)),
                   i.funded_on ? amount_cell(i.outstanding_minor(), i.currency) : "-", invoice_flags(i)});
    }
    table.print(out);
}

namespace {

Fields invoice_fields(const Invoice& i) {
    const Currency c = i.currency;
    Fields fields{
        {"Invoice", format_id(IdKind::invoice, i.id) + "  number " + i.number},
        {"Client / debtor",
         format_id(IdKind::client, i.client_id) + " / " + format_id(IdKind::debtor, i.debtor_id)},
        {"Schedule", id_text(IdKind::schedule, i.schedule_id)},
        {"State", std::string(to_string(i.state))},
        {"Verification", std::string(to_string(i.verification))},
        {"Disputed", yes_no(i.disputed)},
        {"Needs review", !i.needs_review()           ? "no"
                         : i.override_reason.empty() ? "yes: " + i.review_reasons
                                                     : "overridden: " + i.review_reasons},
        {"Issued / due", i.issue_date.to_string() + " / " + i.due_date.to_string()},
        {"Face", money_text(i.face_minor, c)},
    };
    if (!i.override_reason.empty())
        fields.push_back({"Override reason", i.override_reason});
    if (i.funded_on) {
        fields.push_back({"Funded on", i.funded_on->to_string()});
        fields.push_back(
            {"Advance", money_text(i.advance_minor, c) + " at " + percent_text(i.advance_rate_ppm)});
        fields.push_back({"Fee schedule", format_fee_schedule(i.fee_schedule, c)});
        fields.push_back({"Outstanding", money_text(i.outstanding_minor(), c)});
        fields.push_back({"Collected", money_text(i.collected_minor, c)});
        if (i.diluted_minor != 0)
            fields.push_back({"Diluted", money_text(i.diluted_minor, c)});
        if (i.charged_back_minor != 0)
            fields.push_back({"Charged back", money_text(i.charged_back_minor, c)});
        if (i.written_off_minor != 0)
            fields.push_back({"Written off", money_text(i.written_off_minor, c)});
        if (i.misdirected_minor != 0)
            fields.push_back({"Misdirected", money_text(i.misdirected_minor, c)});
        fields.push_back({"Last payment", date_text(i.last_payment_on)});
        fields.push_back({"Closed on", date_text(i.closed_on)});
    }
    return fields;
}

}  // namespace

void print_invoice(std::ostream& out, const Invoice& invoice) {
    print_fields(out, invoice_fields(invoice));
}

void print_invoice_history(std::ostream& out, const InvoiceHistory& history) {
    auto fields = invoice_fields(history.invoice);
    if (history.invoice.funded_on) {
        const bool settled = history.invoice.state != InvoiceState::funded;
        fields.push_back({settled ? "Fee" : "Fee to date",
                          money_text(history.fee_to_date_minor, history.invoice.currency)});
    }
    print_fields(out, fields);
    print_heading(out, "Timeline");
    Table timeline;
    timeline.column("Date").column("At").column("Actor").column("Action").column("Detail").column("Reason");
    for (const auto& e : history.events) {
        timeline.row({e.business_date.to_string(), e.at, e.actor, e.action, e.detail, or_dash(e.reason)});
    }
    timeline.print(out);
    if (!history.entries.empty()) {
        print_heading(out, "Postings");
        print_entries(out, history.entries);
    }
}

void print_approvals(std::ostream& out, const std::vector<ApprovalOutcome>& outcomes) {
    Table table;
    table.column("Invoice").column("Number").column("Result").column("Rules").column("Why");
    for (const auto& o : outcomes) {
        const std::string result = !o.approved    ? "held for review"
                                   : o.overridden ? "approved (override)"
                                                  : "approved";
        table.row({format_id(IdKind::invoice, o.invoice.id), o.invoice.number, result, or_dash(o.rules),
                   or_dash(o.message)});
    }
    table.print(out);
}

void print_entries(std::ostream& out, const std::vector<JournalEntry>& entries) {
    Table table;
    table.column("Entry").column("Date").column("Kind").column("Account").column("Debit", Align::right);
    table.column("Credit", Align::right).column("Cur").column("Invoice").column("Memo");
    for (const auto& entry : entries) {
        for (const auto& p : entry) {
            const bool debit = p.amount_minor > 0;
            table.row({id_text(IdKind::entry, entry.id), entry.effective_on.to_string(),
                       std::string(to_string(entry.kind)), std::string(to_string(p.account)),
                       debit ? amount_cell(p.amount_minor, entry.currency) : "",
                       debit ? "" : amount_cell(-p.amount_minor, entry.currency),
                       std::string(entry.currency.code()), id_text(IdKind::invoice, p.invoice_id),
                       entry.memo});
        }
    }
    table.print(out);
}

void print_entry(std::ostream& out, const JournalEntry& entry) {
    print_entries(out, {entry});
}

void print_receipt(std::ostream& out, const Receipt& r) {
    print_fields(out, {
                          {"Receipt", format_id(IdKind::receipt, r.id)},
                          {"Amount", money_text(r.amount_minor, r.currency)},
                          {"Unapplied", money_text(r.unapplied_minor, r.currency)},
                          {"Received on", r.received_on.to_string()},
                          {"Payer", r.payer},
                          {"Reference", or_dash(r.reference)},
                          {"Debtor", r.debtor_id ? format_id(IdKind::debtor, *r.debtor_id) : "-"},
                          {"Source", r.source},
                      });
}

void print_receipt_view(std::ostream& out, const ReceiptView& view) {
    print_receipt(out, view.receipt);
    if (view.entries.empty())
        return;
    print_heading(out, "Postings");
    print_entries(out, view.entries);
}

void print_receipt_detail(std::ostream& out, const ReceiptDetail& detail) {
    print_receipt(out, detail.receipt);
    out << "\n";
    if (detail.applications.empty()) {
        out << "Not applied to any invoice.\n";
        return;
    }
    Table table;
    table.column("Applied on").column("Invoice").column("Number").column("Client");
    table.column("Amount", Align::right).column("Cur");
    for (const auto& line : detail.applications) {
        table.row({line.applied_on.to_string(), format_id(IdKind::invoice, line.invoice_id),
                   line.invoice_number, format_id(IdKind::client, line.client_id),
                   amount_cell(line.amount_minor, detail.receipt.currency),
                   std::string(detail.receipt.currency.code())});
    }
    table.print(out);
}

void print_receipts(std::ostream& out, const std::vector<Receipt>& receipts) {
    Table table;
    table.column("ID").column("Received").column("Payer").column("Reference").column("Amount", Align::right);
    table.column("Unapplied", Align::right).column("Cur").column("Debtor");
    for (const auto& r : receipts) {
        table.row({format_id(IdKind::receipt, r.id), r.received_on.to_string(), r.payer, or_dash(r.reference),
                   amount_cell(r.amount_minor, r.currency), amount_cell(r.unapplied_minor, r.currency),
                   std::string(r.currency.code()),
                   r.debtor_id ? format_id(IdKind::debtor, *r.debtor_id) : "-"});
    }
    table.print(out);
}

void print_payouts(std::ostream& out, const std::vector<Payout>& payouts) {
    Table table;
    table.column("ID").column("Client").column("Kind").column("Paid on").column("Amount", Align::right);
    table.column("Netted", Align::right).column("Cur").column("Schedule").column("Status").column("File");
    for (const auto& p : payouts) {
        table.row({format_id(IdKind::payout, p.id), format_id(IdKind::client, p.client_id),
                   std::string(to_string(p.kind)), p.paid_on.to_string(),
                   amount_cell(p.amount_minor, p.currency), amount_cell(p.netted_minor, p.currency),
                   std::string(p.currency.code()),
                   p.schedule_id ? format_id(IdKind::schedule, *p.schedule_id) : "-",
                   std::string(to_string(p.status)),
                   p.payout_file_id ? format_id(IdKind::payout_file, *p.payout_file_id) : "-"});
    }
    table.print(out);
}

void print_payout_files(std::ostream& out, const std::vector<PayoutFile>& files) {
    Table table;
    table.column("ID").column("Format").column("Created at").column("Business date");
    table.column("Payouts", Align::right).column("Total", Align::right).column("Cur").column("SHA-256");
    for (const auto& f : files) {
        table.row({format_id(IdKind::payout_file, f.id), std::string(to_string(f.format)), f.created_at,
                   f.business_date.to_string(), std::to_string(f.payout_count),
                   amount_cell(f.total_minor, f.currency), std::string(f.currency.code()),
                   f.sha256.substr(0, 16)});
    }
    table.print(out);
}

}  // namespace mf::cli
