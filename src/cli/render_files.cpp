#include "cli/render_files.hpp"

#include <ostream>

#include "cli/render_records.hpp"
#include "cli/table.hpp"

namespace mf::cli {
namespace {

std::string applications_text(const std::vector<Application>& applications, Currency currency) {
    std::string out;
    for (const auto& a : applications) {
        out += (out.empty() ? "" : ", ") + format_id(IdKind::invoice, a.invoice_id) + "=" +
               format_amount(a.amount_minor, currency) + (a.close_short ? ":short" : "") +
               (a.to_client ? ":client" : "");
    }
    return out;
}

void print_suggestions(std::ostream& out, const std::vector<CashSuggestion>& suggestions, Currency currency) {
    if (suggestions.empty())
        return;
    Table table;
    table.column("Score", Align::right).column("Apply (receipt apply --apply ...)").column("Why");
    for (const auto& s : suggestions)
        table.row({std::to_string(s.score), applications_text(s.applications, currency), s.reason});
    table.print(out);
}

}  // namespace

void print_intake(std::ostream& out, const IntakeResult& result) {
    Table table;
    table.column("Row").column("Number").column("Outcome").column("Debtor").column("Invoice").column("Rules");
    for (const auto& row : result.rows) {
        std::string rules;
        for (const auto& rule : row.rules)
            rules += (rules.empty() ? "" : ",") + rule;
        table.row(
            {row.place, row.number.empty() ? "-" : row.number, std::string(to_string(row.outcome)),
             row.debtor_id ? format_id(IdKind::debtor, *row.debtor_id) + " (" + row.debtor_match + ")" : "-",
             row.invoice_id ? format_id(IdKind::invoice, *row.invoice_id) : "-",
             rules.empty() ? "-" : rules});
    }
    table.print(out);
    for (const auto& row : result.rows) {
        for (const auto& message : row.messages)
            out << "  " << message << "\n";
    }
    out << result.accepted << " accepted, " << result.held << " held, " << result.rejected << " rejected: ";
    if (!result.written)
        out << "nothing written"
            << (result.rejected > 0 ? " (the file is all or nothing; --partial keeps the good rows)" : "")
            << "\n";
    else if (result.schedules.empty())
        out << "written\n";
    else
        for (const auto& submitted : result.schedules)
            out << "schedule " << format_id(IdKind::schedule, submitted.schedule.id) << " submitted ("
                << submitted.invoice_count << " invoices)\n";
}

void print_bank_import(std::ostream& out, const BankImportResult& result) {
    std::vector<Receipt> receipts;
    for (const auto& view : result.recorded)
        receipts.push_back(view.receipt);
    if (!receipts.empty())
        print_receipts(out, receipts);
    for (const auto& duplicate : result.duplicates) {
        out << duplicate.place << ": already booked as " << format_id(IdKind::receipt, duplicate.receipt_id)
            << ", skipped\n";
    }
    out << result.recorded.size() << " receipts recorded, " << result.duplicates.size() << " already booked, "
        << result.debits_skipped << " debits, " << result.reversals_skipped << " reversals and "
        << result.pending_skipped << " pending entries skipped\n";
}

void print_cash_match(std::ostream& out, const CashMatch& match) {
    if (match.debtor_id)
        out << "payer: " << format_id(IdKind::debtor, *match.debtor_id) << "\n";
    if (!match.certain.empty()) {
        out << "certain: " << applications_text(match.certain, match.currency) << " (" << match.certain_reason
            << ")\n";
    }
    if (match.certain.empty() && match.suggestions.empty())
        out << "no invoice fits this receipt\n";
    print_suggestions(out, match.suggestions, match.currency);
}

void print_auto_apply(std::ostream& out, const AutoApplyResult& result) {
    Table table;
    table.column("Receipt").column("Applied").column("Why");
    for (const auto& r : result.receipts) {
        table.row({format_id(IdKind::receipt, r.receipt_id),
                   r.applied ? applications_text(r.applications, r.currency) : "-", r.reason});
    }
    table.print(out);
    out << result.applied << " of " << result.receipts.size()
        << " receipts applied; see `receipt suggest ID` for the others\n";
}

}  // namespace mf::cli
