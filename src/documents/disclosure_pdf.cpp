// The schedule's cost disclosure as PDF, in the table layouts of California (10 CCR 913: the example
// transaction, seven rows) and New York (23 NYCRR 600.12: eight rows). The wording is ours, written to the
// rows' required content; the numbers come from compute_cost_disclosure.
#include <algorithm>
#include <cctype>

#include "core/ids.hpp"
#include "documents/documents.hpp"

namespace mf::documents {

Result<DisclosureLayout> parse_disclosure_layout(std::string_view text, std::string_view field) {
    std::string upper(text);
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return std::toupper(c); });
    if (upper == "CA")
        return DisclosureLayout::california;
    if (upper == "NY")
        return DisclosureLayout::new_york;
    return make_error("invalid_state", "the disclosure state is CA or NY", std::string(field));
}

std::string_view to_string(DisclosureLayout layout) {
    return layout == DisclosureLayout::california ? "CA" : "NY";
}

namespace {

struct Words {
    const CostDisclosure& d;
    const Client& client;
    const std::string& factor;

    // "1,234.50 USD" kept on one line: a no-break space before the code.
    std::string money(int64_t minor) const {
        std::string text = format_money({minor, d.currency});
        return text.replace(text.size() - 4, 1, "\u00A0");
    }
    std::string schedule() const { return format_id(IdKind::schedule, d.schedule_id); }
    std::string apr() const { return format_apr_percent(d.apr.apr_ppm) + "%"; }
    std::string term() const { return std::to_string(d.term_days) + (d.term_days == 1 ? " day" : " days"); }

    std::string example() const {
        return "The calculations below are based upon a hypothetical invoice of " + money(d.face_minor) +
               " (the total face value of the " + std::to_string(d.lines.size()) +
               " invoice(s) of schedule " + schedule() + "), assigned to " + factor + " with a due date " +
               term() + " from the date of assignment. Actual costs may differ substantially.";
    }
    std::string funding() const {
        return "This is how much " + factor + " will pay you when you assign the invoice(s) of schedule " +
               schedule() + " to " + factor + ": " + format_apr_percent(d.advance_rate_ppm) +
               "% of their face value of " + money(d.face_minor) +
               ". If every invoice is paid in full on its due "
               "date, " +
               factor + " will then pay you a further " + money(d.expected_rebate_minor) +
               " from the reserve (" + money(d.face_minor) + " paid by your customers - " +
               money(d.amount_financed_minor) + " already advanced - " + money(d.finance_charge_minor) +
               " finance charge).";
    }
    std::string apr_text() const {
        return "This is the estimated cost of your financing, including fees and other charges, expressed as "
               "a yearly rate. It accounts for the amount and timing of the funding you receive, the fees "
               "you "
               "pay and the payments made to " +
               factor +
               ". This estimate assumes that you assign the "
               "invoice(s) on " +
               d.first_funded_on.to_string() +
               " and that your customers pay each invoice "
               "in full on its due date. APR can be used for comparison, but it is not an interest rate: the "
               "finance charge is not based on an interest rate.";
    }
    std::string finance_charge() const {
        return "This is the total of the fees and charges " + factor +
               " will deduct when your customers pay, "
               "before it pays you the rest of the reserve: " +
               money(d.fees_minor) + " factoring fees + " + money(d.charges_minor) +
               " charges. The factoring fee grows with the days an invoice is "
               "outstanding, so it is higher if an invoice is paid late.";
    }
    std::string payment() const {
        const std::string unless =
            client.terms.recourse == RecourseKind::recourse
                ? "unless a customer does not pay an invoice in full within " +
                      std::to_string(client.terms.recourse_days) + " days, when you must buy it back"
                : "unless you breach your agreement (for example, an invoice is disputed or was not valid)";
        return "You are selling invoices to " + factor + ", so you make no payments to " + factor + " " +
               unless + ".";
    }
    std::string term_text() const {
        return "This is the time from funding on " + d.first_funded_on.to_string() +
               " to the last due date among the invoices, " + d.last_expected_on.to_string() +
               ". Your customers may pay sooner or later than their due dates.";
    }
    std::string prepayment() const {
        return "You may not pay the financing off early: it ends when your customers pay the invoices. If an "
               "invoice is paid before its due date, its fee is computed on the days it was actually "
               "outstanding, so it may be lower; there is no charge for early payment.";
    }
};

Table regulated_table(const Words& w, DisclosureLayout layout) {
    Table table;
    table.columns = {{"", 1.6}, {"", 1.1, Align::right}, {"", 3.4}};
    table.show_header = false;
    table.lines = TableLines::grid;
    const CostDisclosure& d = w.d;
    auto row = [&](std::string label, std::string value, std::string text) {
        table.rows.push_back({{std::move(label), std::move(value), std::move(text)}, TextStyle::body});
    };
    if (layout == DisclosureLayout::california)
        table.rows.push_back({{w.example()}, TextStyle::italic, true});
    row("Funding Provided", w.money(d.amount_financed_minor), w.funding());
    row("Estimated Annual Percentage Rate (APR)", w.apr(), w.apr_text());
    row("Finance Charge", w.money(d.finance_charge_minor), w.finance_charge());
    if (layout == DisclosureLayout::new_york) {
        row("Estimated Total Payment Amount", w.money(d.total_payment_minor),
            "This is the funding provided plus the finance charge: what " + w.factor +
                " expects to receive from your customers' payments before the rest is paid to you.");
    }
    row("Estimated Payment", "N/A", w.payment());
    row("Estimated Term", w.term(), w.term_text());
    row("Prepayment", "", w.prepayment());
    if (layout == DisclosureLayout::new_york) {
        row("Collateral Requirements", "",
            "The invoice(s) of schedule " + w.schedule() + " are purchased by " + w.factor +
                "; any security interest or other collateral is as set out in your factoring agreement.");
    }
    return table;
}

Table itemization(const CostDisclosure& d, const std::map<int64_t, std::string>& debtor_names) {
    Table table;
    table.columns = {{"Invoice", 1.6},
                     {"Debtor", 2.0},
                     {"Funded", 1.4},
                     {"Expected", 1.4},
                     {"Days", 0.7, Align::right},
                     {"Face", 1.5, Align::right},
                     {"Advance", 1.5, Align::right},
                     {"Fee", 1.3, Align::right}};
    table.size = TableSize::compact;
    for (const auto& line : d.lines) {
        auto name = debtor_names.find(line.debtor_id);
        table.rows.push_back(
            {{line.number.empty() ? format_id(IdKind::invoice, line.invoice_id) : line.number,
              name != debtor_names.end() ? name->second : format_id(IdKind::debtor, line.debtor_id),
              line.funded_on.to_string(), line.expected_on.to_string(), std::to_string(line.days_outstanding),
              amount_text(line.face_minor, d.currency), amount_text(line.advance_minor, d.currency),
              amount_text(line.fee_minor, d.currency)}});
    }
    table.rows.push_back(
        {{"Total", "", "", "", "", amount_text(d.face_minor, d.currency),
          amount_text(d.amount_financed_minor, d.currency), amount_text(d.fees_minor, d.currency)},
         TextStyle::bold});
    return table;
}

}  // namespace

Result<std::string> cost_disclosure_pdf(const CostDisclosure& d, const Client& client,
                                        const std::map<int64_t, std::string>& debtor_names,
                                        DisclosureLayout layout, const Issuer& issuer) {
    const Words words{d, client, issuer.factor_name};
    const bool california = layout == DisclosureLayout::california;
    Pdf pdf({"Cost disclosure " + words.schedule() + " (" + std::string(to_string(layout)) + ")",
             issuer.factor_name, "Factoring cost disclosure for " + client.name, issuer.date,
             issuer.page_size});
    pdf.title("Factoring Disclosure");
    pdf.paragraph("This disclosure is provided in accordance with " +
                  std::string(california ? "California" : "New York") +
                  " law to help you understand the cost of your small business financing.");
    pdf.paragraph("Recipient: " + client.name + " (" + format_id(IdKind::client, client.id) +
                  ")\nProvider: " + issuer.factor_name + "\nSchedule: " + words.schedule() +
                  "\nDate: " + issuer.date.to_string());
    pdf.table(regulated_table(words, layout));
    pdf.heading("Itemization of the invoices");
    pdf.paragraph(
        "Each invoice is expected to be paid on its due date (the day after funding if already due); its "
        "fee is the fee schedule's fee for the days from funding to that date.",
        TextStyle::small);
    pdf.table(itemization(d, debtor_names));
    pdf.space(24);
    pdf.paragraph("Recipient signature: ______________________________    Date: ______________");
    return pdf.render();
}

}  // namespace mf::documents
