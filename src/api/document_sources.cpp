#include "api/document_sources.hpp"

#include <map>

#include "core/ids.hpp"

namespace mf::api {

namespace {

Result<documents::Issuer> issuer_of(Book& book) {
    MF_TRY(auto settings, book.settings());
    return documents::Issuer{settings.name, settings.business_date};
}

}  // namespace

Result<PdfFile> client_statement_pdf(Book& book, int64_t client_id, Date from, Date to) {
    MF_TRY(auto issuer, issuer_of(book));
    MF_TRY(auto statement, book.client_statement(client_id, from, to));
    MF_TRY(auto bytes, documents::client_statement_pdf(statement, issuer));
    return PdfFile{std::move(bytes), "statement-" + format_id(IdKind::client, client_id) + "-" +
                                         from.to_string() + "-" + to.to_string() + ".pdf"};
}

Result<DisclosureFile> schedule_disclosure(Book& book, const ScheduleView& schedule,
                                           documents::DisclosureLayout layout) {
    MF_TRY(auto issuer, issuer_of(book));
    MF_TRY(auto client, book.client(schedule.schedule.client_id));
    std::map<int64_t, std::string> debtor_names;
    for (const auto& invoice : schedule.invoices) {
        if (debtor_names.contains(invoice.debtor_id))
            continue;
        MF_TRY(auto debtor, book.debtor(invoice.debtor_id));
        debtor_names[debtor.id] = debtor.name;
    }
    MF_TRY(auto disclosure, documents::compute_cost_disclosure(schedule, client, issuer.date));
    MF_TRY(auto bytes, documents::cost_disclosure_pdf(disclosure, client, debtor_names, layout, issuer));
    PdfFile file{std::move(bytes), "disclosure-" + format_id(IdKind::schedule, schedule.schedule.id) + "-" +
                                       std::string(documents::to_string(layout)) + ".pdf"};
    return DisclosureFile{std::move(file), std::move(disclosure)};
}

Result<PdfFile> schedule_disclosure_pdf(Book& book, const ScheduleView& schedule,
                                        documents::DisclosureLayout layout) {
    MF_TRY(auto out, schedule_disclosure(book, schedule, layout));
    return std::move(out.file);
}

Result<PdfFile> notice_letter_pdf(Book& book, int64_t client_id, int64_t debtor_id) {
    MF_TRY(auto settings, book.settings());
    MF_TRY(auto client, book.client(client_id));
    MF_TRY(auto debtor, book.debtor(debtor_id));
    const documents::NoticeOfAssignment notice{client.name, debtor.name, "",
                                               settings.remittance_instructions};
    MF_TRY(auto bytes, documents::notice_of_assignment_pdf(notice, {settings.name, settings.business_date}));
    return PdfFile{std::move(bytes), "notice-of-assignment-" + format_id(IdKind::client, client_id) + "-" +
                                         format_id(IdKind::debtor, debtor_id) + ".pdf"};
}

}  // namespace mf::api
