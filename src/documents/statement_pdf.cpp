// The client statement as PDF: the same figures as the CLI's `client statement`, laid out for keeping.
#include "core/ids.hpp"
#include "documents/documents.hpp"

namespace mf::documents {

namespace {

std::string entry_label(EntryKind kind) {
    std::string text(to_string(kind));
    for (auto& c : text) {
        if (c == '_')
            c = ' ';
    }
    return text;
}

std::string invoice_cell(int64_t invoice_id) {
    return invoice_id == 0 ? std::string() : format_id(IdKind::invoice, invoice_id);
}

Table summary_table(const ClientStatement& s) {
    const Currency c = s.client.currency;
    Table table;
    table.columns = {{"", 3}, {std::string(c.code()), 1.4, Align::right}};
    table.show_header = true;
    auto row = [&](std::string label, int64_t minor, TextStyle style = TextStyle::body) {
        table.rows.push_back({{std::move(label), amount_text(minor, c)}, style});
    };
    row("Opening reserve " + s.from.to_string(), s.opening_reserve_minor, TextStyle::bold);
    row("Face of invoices funded", s.funded_face_minor);
    row("Advances paid to you", s.advances_paid_minor);
    row("Collections from your customers", s.collections_minor);
    row("Factoring fees", s.fees_minor);
    row("Charges", s.charges_minor);
    row("Rebates paid to you", s.rebates_paid_minor);
    row("Closing reserve " + s.to.to_string(), s.closing_reserve_minor, TextStyle::bold);
    return table;
}

Table movements_table(const ClientStatement& s) {
    const Currency c = s.client.currency;
    Table table;
    table.columns = {{"Date", 1.5},
                     {"Movement", 1.8},
                     {"Invoice", 1.2},
                     {"Memo", 3.0},
                     {"Change", 1.5, Align::right},
                     {"Reserve", 1.6, Align::right}};
    for (const auto& line : s.lines) {
        table.rows.push_back(
            {{line.on.to_string(), entry_label(line.kind), invoice_cell(line.invoice_id), line.memo,
              amount_text(line.reserve_change_minor, c), amount_text(line.balance_minor, c)}});
    }
    return table;
}

Table open_invoices_table(const ClientStatement& s) {
    Table table;
    table.columns = {{"Invoice", 1.1},
                     {"Number", 1.6},
                     {"Debtor", 1.1},
                     {"Due", 1.5},
                     {"Face", 1.5, Align::right},
                     {"Advance", 1.5, Align::right},
                     {"Outstanding", 1.6, Align::right}};
    int64_t face = 0, advance = 0, outstanding = 0;
    for (const auto& invoice : s.open_invoices) {
        const Currency c = invoice.currency;
        table.rows.push_back({{format_id(IdKind::invoice, invoice.id), invoice.number,
                               format_id(IdKind::debtor, invoice.debtor_id), invoice.due_date.to_string(),
                               amount_text(invoice.face_minor, c), amount_text(invoice.advance_minor, c),
                               amount_text(invoice.outstanding_minor(), c)}});
        if (invoice.currency == s.client.currency) {
            face += invoice.face_minor;
            advance += invoice.advance_minor;
            outstanding += invoice.outstanding_minor();
        }
    }
    const Currency c = s.client.currency;
    table.rows.push_back(
        {{"Total", "", "", "", amount_text(face, c), amount_text(advance, c), amount_text(outstanding, c)},
         TextStyle::bold});
    return table;
}

}  // namespace

Result<std::string> client_statement_pdf(const ClientStatement& s, const Issuer& issuer) {
    const std::string client_ref = format_id(IdKind::client, s.client.id);
    Pdf pdf({"Client statement " + client_ref + " " + s.from.to_string() + " to " + s.to.to_string(),
             issuer.factor_name, "Reserve statement of " + s.client.name, issuer.date, issuer.page_size});
    pdf.title("Client statement");
    pdf.paragraph(s.client.name + " (" + client_ref + ")\nPeriod " + s.from.to_string() + " to " +
                  s.to.to_string() + "\nIssued by " + issuer.factor_name + " on " + issuer.date.to_string());
    pdf.paragraph("Your reserve is what " + issuer.factor_name +
                      " holds for you: the part of each invoice not advanced, less fees and charges, until "
                      "your customer "
                      "pays and the rebate is released. Amounts in " +
                      std::string(s.client.currency.code()) + "; a positive reserve is owed to you.",
                  TextStyle::small);
    pdf.heading("Summary");
    pdf.table(summary_table(s));
    pdf.heading("Reserve movements");
    if (s.lines.empty())
        pdf.paragraph("No movements in the period.");
    else
        pdf.table(movements_table(s));
    pdf.heading("Open invoices at " + s.to.to_string());
    if (s.open_invoices.empty())
        pdf.paragraph("No open invoices.");
    else
        pdf.table(open_invoices_table(s));
    return pdf.render();
}

}  // namespace mf::documents
