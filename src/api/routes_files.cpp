// Routes that take files: a client's invoice file (CSV, UBL, CII, QuickBooks, Xero) and the bank's statements
// (camt.053/054, BAI2, lockbox CSV). The body is the file as it is; options travel in the query.
#include "api/routes.hpp"
#include "formats/bank_file.hpp"
#include "formats/invoice_file.hpp"
#include "wire/files.hpp"
#include "wire/records.hpp"

namespace mf::api {
namespace {

using auth::Role;

Result<bool> query_flag(Call& call, std::string_view name) {
    const auto value = call.query(name);
    if (!value)
        return false;
    if (*value != "true" && *value != "false")
        return make_error("invalid_query", std::string(name) + " is true or false", std::string(name));
    return *value == "true";
}

template <class Format, size_t N>
Result<std::optional<Format>> query_format(Call& call, const std::array<Format, N>& formats_known) {
    const auto value = call.query("format");
    if (!value)
        return std::optional<Format>();
    std::string names;
    for (const auto format : formats_known) {
        if (*value == formats::to_string(format))
            return std::optional<Format>(format);
        names += (names.empty() ? "" : ", ") + std::string(formats::to_string(format));
    }
    return make_error("invalid_query", "format is one of " + names, "format");
}

std::string file_name(Call& call, std::string_view fallback) {
    const auto name = call.query("name");
    return name && !name->empty() ? std::string(name->substr(0, 200)) : std::string(fallback);
}

Result<Reply> post_invoice_file(Call& call) {
    MF_TRY(const int64_t client_id, call.path_id(IdKind::client));
    MF_CHECK(call.check_visible(IdKind::client, client_id, client_id));
    MF_TRY(auto client, call.book().client(client_id));
    MF_TRY(auto format,
           query_format(call, std::array{formats::InvoiceFormat::csv, formats::InvoiceFormat::ubl,
                                         formats::InvoiceFormat::cii, formats::InvoiceFormat::quickbooks,
                                         formats::InvoiceFormat::xero}));
    MF_TRY(const bool partial, query_flag(call, "partial"));
    formats::InvoiceReadOptions options;
    options.default_currency = client.currency;
    MF_TRY(auto result, call.book().import_invoices(call.actor(), call.request.body(), format, options,
                                                    {client_id, partial, file_name(call, "upload")}));
    if (result.written)
        return reply_of(result, 201);
    // Nothing written: a problem, with every row's result so the sender can fix the file.
    auto problem = wire::problem(
        make_error("file_rejected",
                   std::to_string(result.rejected) + " of " + std::to_string(result.rows.size()) +
                       " rows rejected: nothing was written (partial=true keeps the good rows)",
                   "file"),
        422);
    problem["result"] = boost::json::value_from(result);
    Reply reply = json_reply(std::move(problem), 422);
    reply.content_type = "application/problem+json";
    return reply;
}

Result<Reply> post_bank_file(Call& call) {
    MF_TRY(auto format,
           query_format(call, std::array{formats::BankFormat::camt053, formats::BankFormat::camt054,
                                         formats::BankFormat::bai2, formats::BankFormat::lockbox_csv}));
    MF_TRY(const bool auto_apply, query_flag(call, "auto_apply"));
    MF_TRY(auto file, formats::read_bank_file(call.request.body(), format));
    MF_TRY(auto result, call.book().import_bank_file(call.actor(), file, file_name(call, "upload")));
    boost::json::object body{{"import", boost::json::value_from(result)}, {"auto_apply", nullptr}};
    if (auto_apply && !result.recorded.empty()) {
        std::vector<int64_t> ids;
        for (const auto& view : result.recorded)
            ids.push_back(view.receipt.id);
        MF_TRY(auto applied, call.book().auto_apply(call.actor(), ids));
        body["auto_apply"] = boost::json::value_from(applied);
    }
    return json_reply(std::move(body), 201);
}

}  // namespace

void add_file_routes(Router& router) {
    using http::verb;
    router.add({verb::post, "/v1/clients/{id}/invoice-files",
                roles(Role::admin, Role::underwriter, Role::client), Effect::money,
                "Submit a client's invoice file (CSV, UBL, CII, QuickBooks or Xero JSON): per-row results",
                post_invoice_file, Grouping::alone, Body::file});
    router.add(
        {verb::post, "/v1/bank-files", roles(Role::admin, Role::collector), Effect::money,
         "Load a bank file (camt.053/054, BAI2, lockbox CSV) as receipts; lines loaded before are skipped",
         post_bank_file, Grouping::alone, Body::file});
}

}  // namespace mf::api
