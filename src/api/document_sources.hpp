// What the faces (API routes and CLI commands) load from the book to render a document of documents/: the
// records, the factor's name (the book's) and the date (the business date). Thread-safety: as Book.
#pragma once

#include <string>

#include "book/book.hpp"
#include "documents/documents.hpp"

namespace mf::api {

struct PdfFile {
    std::string bytes;
    std::string file_name;  // "statement-cli_7-2026-01-01-2026-01-31.pdf"
};

// The client statement for from..to. Errors: those of Book::client_statement.
Result<PdfFile> client_statement_pdf(Book& book, int64_t client_id, Date from, Date to);

// The schedule's cost disclosure, new invoices funded on the business date. Errors: not_found,
// nothing_to_disclose and those of compute_cost_disclosure.
Result<PdfFile> schedule_disclosure_pdf(Book& book, const ScheduleView& schedule,
                                        documents::DisclosureLayout layout);

// The notice of assignment letter to the debtor of the client, with the book's remittance instructions (the
// debtor's address is not kept by the book: the letter leaves it blank). Errors: not_found (the client or the
// debtor), missing_field remittance_instructions (the book has none).
Result<PdfFile> notice_letter_pdf(Book& book, int64_t client_id, int64_t debtor_id);

// The same PDF with the figures it states (what `schedule disclosure` prints beside the file).
struct DisclosureFile {
    PdfFile file;
    documents::CostDisclosure figures;
};
Result<DisclosureFile> schedule_disclosure(Book& book, const ScheduleView& schedule,
                                           documents::DisclosureLayout layout);

}  // namespace mf::api
