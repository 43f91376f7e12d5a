// The notice of assignment: tells a debtor that a client's invoices now belong to the factor and where to
// pay.
#include "documents/documents.hpp"

namespace mf::documents {

std::string assignment_legend(std::string_view factor_name, std::string_view remittance_instructions) {
    std::string legend = "This invoice has been assigned to and is payable only to " +
                         std::string(factor_name) + ". Payment to anyone else does not discharge the debt.";
    if (!remittance_instructions.empty())
        legend += " Remit to: " + std::string(remittance_instructions);
    return legend;
}

Result<std::string> notice_of_assignment_pdf(const NoticeOfAssignment& notice, const Issuer& issuer) {
    if (notice.client_name.empty())
        return make_error("missing_field", "the client's name is required", "client_name");
    if (notice.debtor_name.empty())
        return make_error("missing_field", "the debtor's name is required", "debtor_name");
    if (notice.remittance_instructions.empty())
        return make_error("missing_field", "the remittance instructions are required",
                          "remittance_instructions");
    Pdf pdf({"Notice of assignment: " + notice.client_name + " to " + issuer.factor_name, issuer.factor_name,
             "Notice of assignment to " + notice.debtor_name, issuer.date, issuer.page_size});
    pdf.paragraph(issuer.factor_name + "\n" + issuer.date.to_string());
    pdf.paragraph(notice.debtor_name + (notice.debtor_address.empty() ? "" : "\n" + notice.debtor_address));
    pdf.title("Notice of Assignment");
    pdf.paragraph("Re: " + notice.client_name);
    pdf.paragraph("Please take notice that " + notice.client_name + " has sold and assigned to " +
                  issuer.factor_name +
                  " its accounts receivable, including every invoice it has issued or will "
                  "issue to you. From the date of this notice, every payment on those invoices must be made "
                  "only to " +
                  issuer.factor_name + ", as below. A payment made to " + notice.client_name +
                  " or to anyone else will not discharge your obligation.");
    pdf.heading("Remittance instructions");
    pdf.paragraph(notice.remittance_instructions, TextStyle::bold);
    pdf.paragraph("These instructions stay in force until " + issuer.factor_name +
                  " tells you otherwise in writing. Please address any dispute, credit or offset on these "
                  "invoices to " +
                  issuer.factor_name + ".");
    pdf.heading("Assignment legend");
    pdf.paragraph(assignment_legend(issuer.factor_name, notice.remittance_instructions), TextStyle::italic);
    pdf.space(24);
    pdf.paragraph("Acknowledged by " + notice.debtor_name +
                  ":\n\nSignature: ______________________________    Date: ______________");
    pdf.space(12);
    pdf.paragraph(notice.client_name +
                  ":\n\nSignature: ______________________________    Date: ______________");
    return pdf.render();
}

Result<std::string> notice_letter_pdf(const NoticeLetter& letter) {
    return notice_of_assignment_pdf(
        {letter.client_name, letter.debtor_name, "", letter.remittance_instructions},
        {letter.factor_name, letter.date});
}

}  // namespace mf::documents
