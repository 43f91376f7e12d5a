// The documents a factor hands out (FORMATS.md "Documents out"), each rendered as PDF bytes from values the
// faces load: the client statement, the schedule cost disclosure (California and New York layouts) and the
// notice of assignment. Thread-safety: pure functions of their inputs.
#pragma once

#include <map>
#include <string>

#include "book/outbox.hpp"
#include "book/reports.hpp"
#include "documents/cost_disclosure.hpp"
#include "documents/pdf.hpp"

namespace mf::documents {

// Who issues a document and when: the factor's name (the book's name unless told), the document date (the
// business date; it is also the PDF's creation date) and the paper.
struct Issuer {
    std::string factor_name;
    Date date;
    PageSize page_size = PageSize::letter;
};

// The client's reconciliation for the period: the reserve's opening and closing balance, the period's
// totals, every reserve movement and the open invoices.
Result<std::string> client_statement_pdf(const ClientStatement& statement, const Issuer& issuer);

// The table layouts of California (10 CCR 913, factoring example transaction) and New York (23 NYCRR
// 600.12, factoring transaction).
enum class DisclosureLayout { california, new_york };
// "CA" or "NY" (either case). Errors: invalid_state, naming `field`.
Result<DisclosureLayout> parse_disclosure_layout(std::string_view text, std::string_view field = "state");
std::string_view to_string(DisclosureLayout layout);  // "CA", "NY"

// debtor_names: the invoices' debtors by id (an id missing is shown as its id).
Result<std::string> cost_disclosure_pdf(const CostDisclosure& disclosure, const Client& client,
                                        const std::map<int64_t, std::string>& debtor_names,
                                        DisclosureLayout layout, const Issuer& issuer);

// The notice of assignment to one debtor of one client. The book keeps no remittance details yet, so the
// factor's are given as text.
struct NoticeOfAssignment {
    std::string client_name;
    std::string debtor_name;
    std::string debtor_address;           // lines separated by '\n'; may be empty
    std::string remittance_instructions;  // where and how to pay: lines separated by '\n'
};
Result<std::string> notice_of_assignment_pdf(const NoticeOfAssignment& notice, const Issuer& issuer);

// The letter attached to a notice's e-mail (MailDelivery::notice_letter): the notice above, dated the day it
// was sent.
Result<std::string> notice_letter_pdf(const NoticeLetter& letter);

// The legend a client prints on each assigned invoice.
std::string assignment_legend(std::string_view factor_name, std::string_view remittance_instructions);

}  // namespace mf::documents
