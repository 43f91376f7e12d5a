// Routes of the reports, close-day, verify and the journal export.
#include <fmt/format.h>

#include "api/report_pdf.hpp"
#include "api/routes.hpp"
#include "wire/reports.hpp"

namespace mf::api {
namespace {

using auth::Role;
constexpr RoleSet kClientReaders = kStaffRead | roles(Role::client);

Result<ReportScope> scope_of(const Call& call) {
    ReportScope scope;
    MF_TRY(scope.as_of, call.query_date("as_of"));
    MF_TRY(auto asked, call.query_id(IdKind::client, "client_id"));
    MF_TRY(scope.client_id, call.client_scope(asked));
    if (auto code = call.query("currency"); code && !code->empty()) {
        auto currency = Currency::from_code(*code);
        if (!currency)
            return make_error("unknown_currency", "currency is not an ISO 4217 code", "currency");
        scope.currency = currency.value();
    }
    return scope;
}

// A report as JSON, or as a CSV or PDF file with ?format=csv|pdf (the format is checked before the book is
// read).
template <class Report>
Result<Reply> report_reply(Call& call, ReportFormat format, const Report& result, const ReportCsv& shape,
                           const ReportPdf& layout) {
    if (format == ReportFormat::json)
        return reply_of(result);
    return report_file_reply(call, format, json::value_from(result).as_object(), shape, layout);
}

template <class Report>
Handler report(Result<Report> (Book::*method)(const ReportScope&), ReportCsv shape, ReportPdf layout) {
    return [method, shape, layout](Call& call) -> Result<Reply> {
        MF_TRY(const auto format, report_format(call));
        MF_TRY(auto scope, scope_of(call));
        MF_TRY(auto result, (call.book().*method)(scope));
        return report_reply(call, format, result, shape, layout);
    };
}

Result<Reply> portfolio(Call& call) {
    MF_TRY(const auto format, report_format(call));
    MF_TRY(auto scope, scope_of(call));
    MF_TRY(auto from, call.query_date("from"));
    MF_TRY(auto result, call.book().portfolio_report(scope, from));
    return report_reply(
        call, format, result, {"microfactor-portfolio", {"rows"}},
        {"Portfolio", true, {"annualized_yield", "dilution_rate", "loss_rate", "average_advance_rate"}});
}

Result<Reply> statement(Call& call) {
    MF_TRY(const int64_t client_id, call.path_id(IdKind::client));
    MF_CHECK(call.check_visible(IdKind::client, client_id, client_id));
    MF_TRY(auto period, statement_period(call));
    MF_TRY(auto result, call.book().client_statement(client_id, period.from, period.to));
    return reply_of(result);
}

Result<Reply> trial_balance(Call& call) {
    MF_TRY(const auto format, report_format(call));
    MF_TRY(auto result, call.book().trial_balance());
    return report_reply(call, format, result, {"microfactor-trial-balance", {"rows", "totals"}},
                        {"Trial balance"});
}

Result<Reply> verify(Call& call) {
    MF_TRY(auto result, call.book().verify());
    return reply_of(result);
}

Result<Reply> close_day(Call& call) {
    MF_TRY(auto body, call.body());
    MF_TRY(auto through, body.optional_date("through"));
    MF_CHECK(body.finish());
    MF_TRY(auto results, call.book().close_day(call.actor(), through));
    return json_reply(json::object{{"data", json::value_from(results)}});
}

// The journal as a file to download (?format=ledger|hledger|beancount|csv&from&to), built in memory a page
// at a time.
Result<Reply> export_journal(Call& call) {
    JournalExportRequest request;
    const auto format = call.query("format");
    if (!format || format->empty())
        return make_error("missing_field", "format is required: ledger, hledger, beancount or csv", "format");
    MF_TRY(request.format, formats::parse_journal_format(*format));
    MF_TRY(request.from, call.query_date("from"));
    MF_TRY(request.to, call.query_date("to"));
    Reply reply;
    reply.raw.emplace();
    MF_CHECK(call.book().export_journal(request, [&](std::string_view chunk) -> Status {
        reply.raw->append(chunk);
        return ok();
    }));
    reply.content_type = std::string(formats::content_type(request.format));
    reply.headers.emplace_back("Content-Disposition",
                               fmt::format("attachment; filename=\"microfactor-journal.{}\"",
                                           formats::file_extension(request.format)));
    return reply;
}

}  // namespace

Result<Period> statement_period(Call& call) {
    // Default: the month to date, the period a client reconciles most often.
    MF_TRY(auto settings, call.book().settings());
    MF_TRY(auto to, call.query_date("to"));
    const Date end = to.value_or(settings.business_date);
    MF_TRY(auto from, call.query_date("from"));
    return Period{from.value_or(end.plus_days(1 - static_cast<int32_t>(end.day()))), end};
}

void add_report_routes(Router& router) {
    using http::verb;
    router.add({verb::get, "/v1/reports/aging", kClientReaders, Effect::read,
                "Aging by client and by debtor, by due date and by invoice date (?format=csv|pdf for a file)",
                report(&Book::aging_report, {"microfactor-aging", {"by_client", "by_debtor", "totals"}},
                       {"Aging"})});
    router.add(
        {verb::get, "/v1/reports/concentration", kStaffRead, Effect::read,
         "Each debtor's share of a client's receivables against the limit (?format=csv|pdf for a file)",
         report(&Book::concentration_report, {"microfactor-concentration", {"rows"}},
                {"Debtor concentration", false, {"share", "limit"}})});
    router.add({verb::get, "/v1/reports/reserve", kClientReaders, Effect::read,
                "Each client's reserve, required reserve and what is releasable (?format=csv|pdf for a file)",
                report(&Book::reserve_report, {"microfactor-reserve", {"rows"}}, {"Reserve"})});
    router.add({verb::get, "/v1/reports/portfolio", kClientReaders | roles(Role::investor), Effect::read,
                "Portfolio figures (outstanding, funded, collected, fees, yield; ?format=csv|pdf for a file)",
                portfolio});
    router.add({verb::get, "/v1/reports/trial-balance", kStaffRead, Effect::read,
                "Every account's debits and credits per currency (?format=csv|pdf for a file)",
                trial_balance});
    router.add({verb::get, "/v1/clients/{id}/statement", kClientReaders, Effect::read,
                "A client's statement for a period (?from&to; default the month to date)", statement});
    router.add({verb::get, "/v1/verify", roles(Role::admin, Role::viewer), Effect::read,
                "Recompute every balance from the postings and list differences", verify});
    router.add({verb::post, "/v1/close-day", roles(Role::admin), Effect::money,
                "Close business days through a date (default: the business date)", close_day});
    router.add({verb::get, "/v1/exports/journal", kStaffRead, Effect::read,
                "The journal as a ledger/hledger journal, beancount file or CSV (?format&from&to)",
                export_journal});
}

}  // namespace mf::api
