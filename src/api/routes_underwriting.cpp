// Routes of underwriting: debtor credit (scores, the credit report, bureau files, credit reviews) and client
// applications (onboarding). Staff only; applications hold KYC data and bank details, so only admins and
// underwriters see them (docs/api.md "Underwriting").
#include "api/routes.hpp"
#include "core/fee_text.hpp"
#include "wire/records.hpp"
#include "wire/underwriting.hpp"

namespace mf::api {
namespace {

using auth::Role;
constexpr RoleSet kCreditReaders = roles(Role::admin, Role::underwriter, Role::collector, Role::viewer);
constexpr RoleSet kUnderwriters = roles(Role::admin, Role::underwriter);

Result<Reply> list_debtor_scores(Call& call) {
    MF_TRY(auto credits, call.book().debtor_credits());
    return json_reply(boost::json::object{{"data", boost::json::value_from(credits)}});
}

Result<Reply> get_debtor_score(Call& call) {
    MF_TRY(const int64_t id, call.path_id(IdKind::debtor));
    MF_TRY(auto credit, call.book().debtor_credit(id));
    return reply_of(credit);
}

Result<Reply> get_debtor_credit_report(Call& call) {
    MF_TRY(const int64_t id, call.path_id(IdKind::debtor));
    MF_TRY(auto report, call.book().debtor_credit_report(id));
    return reply_of(report);
}

Result<Reply> post_bureau_file(Call& call) {
    const auto name = call.query("name");
    const std::string source = name && !name->empty() ? std::string(name->substr(0, 200)) : "upload";
    MF_TRY(auto result, call.book().import_bureau_scores(call.actor(), call.request.body(), source));
    return reply_of(result, 201);
}

Result<Reply> post_credit_review(Call& call) {
    MF_TRY(const int64_t id, call.path_id(IdKind::debtor));
    MF_TRY(auto debtor, call.book().debtor(id));
    MF_TRY(auto body, call.body());
    NewCreditReview input;
    input.debtor_id = id;
    MF_TRY(const std::string decision, body.text("decision"));
    MF_TRY(input.decision, named(parse_credit_decision(decision), "decision"));
    MF_TRY(input.limit_minor, body.optional_amount("limit", debtor.currency));
    MF_TRY(input.notes, body.text("notes"));
    MF_TRY(input.expires_on, body.optional_date("expires_on"));
    MF_CHECK(body.finish());
    MF_TRY(auto review, call.book().review_debtor(call.actor(), input));
    return json_reply(wire::credit_review_json(review, debtor.currency), 201);
}

Result<Reply> list_credit_reviews(Call& call) {
    MF_TRY(const int64_t id, call.path_id(IdKind::debtor));
    MF_TRY(auto debtor, call.book().debtor(id));
    MF_TRY(auto reviews, call.book().credit_reviews(id));
    boost::json::array data;
    for (const auto& review : reviews)
        data.push_back(wire::credit_review_json(review, debtor.currency));
    return json_reply(boost::json::object{{"data", std::move(data)}});
}

// The fields of an application as given; on update, absent ones keep their value.
Status read_application(Fields& body, ApplicationInput& input) {
    for (auto [name, target] :
         {std::pair{"legal_name", &input.legal_name}, std::pair{"registration_id", &input.registration_id},
          std::pair{"tax_id", &input.tax_id}, std::pair{"email", &input.email},
          std::pair{"owners", &input.owners}, std::pair{"addresses", &input.addresses},
          std::pair{"documents", &input.documents}, std::pair{"ucc_filing_ref", &input.ucc_filing_ref}}) {
        if (body.has(name)) {
            MF_TRY(auto value, body.optional_text(name));
            *target = value.value_or("");
        }
    }
    if (body.has("currency")) {
        MF_TRY(auto currency, body.currency("currency"));
        input.currency = currency;
    }
    if (body.has("ucc_filed_on")) {
        MF_TRY(auto date, body.optional_date("ucc_filed_on"));
        input.ucc_filed_on = date;
    }
    MF_TRY(auto kyc, body.optional_text("kyc_status"));
    if (kyc) {
        MF_TRY(auto status, named(parse_kyc_status(*kyc), "kyc_status"));
        input.kyc_status = status;
    }
    MF_TRY(auto account, body.optional_object("payout_account"));
    if (account) {
        PayoutAccountChange& change = input.payout_account;
        for (auto [name, target] : {std::pair{"routing_number", &change.routing_number},
                                    std::pair{"account_number", &change.account_number},
                                    std::pair{"iban", &change.iban}, std::pair{"bic", &change.bic}}) {
            if (account->has(name)) {
                MF_TRY(auto value, account->optional_text(name));
                *target = value.value_or("");
            }
        }
        MF_TRY(auto type, account->optional_text("account_type"));
        if (type) {
            MF_TRY(change.account_type,
                   named(parse_ach_account_type(*type), account->field_name("account_type")));
        }
        MF_CHECK(account->finish());
    }
    return body.finish();
}

Result<Reply> post_application(Call& call) {
    MF_TRY(auto body, call.body());
    ApplicationInput input;
    MF_CHECK(read_application(body, input));
    MF_TRY(auto application, call.book().add_application(call.actor(), input));
    return reply_of(application, 201);
}

Result<Reply> list_applications(Call& call) {
    MF_TRY(auto page, page_request(call, IdKind::application));
    MF_TRY(auto applications, call.book().applications());
    return page_reply(applications, page, IdKind::application);
}

Result<Reply> get_application(Call& call) {
    MF_TRY(const int64_t id, call.path_id(IdKind::application));
    MF_TRY(auto application, call.book().application(id));
    return reply_of(application);
}

Result<Reply> get_application_history(Call& call) {
    MF_TRY(const int64_t id, call.path_id(IdKind::application));
    MF_TRY(auto events, call.book().application_history(id));
    return json_reply(boost::json::object{{"data", boost::json::value_from(events)}});
}

Result<Reply> patch_application(Call& call) {
    MF_TRY(const int64_t id, call.path_id(IdKind::application));
    MF_TRY(auto body, call.body());
    ApplicationInput change;
    MF_TRY(auto version, body.optional_integer("version", 0, INT64_MAX));
    change.expected_version = version;
    MF_CHECK(read_application(body, change));
    MF_TRY(auto application, call.book().update_application(call.actor(), id, change));
    return reply_of(application);
}

Result<Reply> post_application_approve(Call& call) {
    MF_TRY(const int64_t id, call.path_id(IdKind::application));
    MF_TRY(auto application, call.book().application(id));
    MF_TRY(auto body, call.body());
    ApplicationApproval approval;
    ClientTerms& terms = approval.terms;
    MF_TRY(auto advance, body.optional_rate_ppm("advance_rate"));
    terms.advance_rate_ppm = advance.value_or(terms.advance_rate_ppm);
    MF_TRY(auto fee_text, body.text("fee_schedule"));
    MF_TRY(terms.fee_schedule, named(parse_fee_schedule(fee_text, application.currency), "fee_schedule"));
    MF_TRY(terms.factoring_limit_minor, body.amount("factoring_limit", application.currency));
    MF_TRY(auto recourse, body.optional_text("recourse"));
    if (recourse) {
        MF_TRY(terms.recourse, named(parse_recourse(*recourse), "recourse"));
    }
    MF_TRY(auto recourse_days, body.optional_integer("recourse_days", 1, 365));
    terms.recourse_days = static_cast<int32_t>(recourse_days.value_or(terms.recourse_days));
    MF_TRY(auto clearance_days, body.optional_integer("clearance_days", 0, 30));
    terms.clearance_days = static_cast<int32_t>(clearance_days.value_or(terms.clearance_days));
    MF_TRY(auto concentration, body.optional_rate_ppm("concentration_limit"));
    terms.concentration_limit_ppm = concentration.value_or(terms.concentration_limit_ppm);
    MF_TRY(auto note, body.optional_text("note"));
    approval.note = note.value_or("");
    MF_CHECK(body.finish());
    MF_TRY(auto decision, call.book().approve_application(call.actor(), id, approval));
    return reply_of(decision, 201);
}

Result<Reply> post_application_decline(Call& call) {
    MF_TRY(const int64_t id, call.path_id(IdKind::application));
    MF_TRY(auto body, call.body());
    MF_TRY(auto reason, body.text("reason"));
    MF_CHECK(body.finish());
    MF_TRY(auto application, call.book().decline_application(call.actor(), id, reason));
    return reply_of(application);
}

}  // namespace

void add_underwriting_routes(Router& router) {
    using http::verb;
    router.add({verb::get, "/v1/debtor-scores", kCreditReaders, Effect::read,
                "Every debtor's credit score and suggested limit, as of the business date",
                list_debtor_scores});
    router.add({verb::get, "/v1/debtors/{id}/score", kCreditReaders, Effect::read,
                "A debtor's credit score, suggested limit and the evidence behind them", get_debtor_score});
    router.add({verb::get, "/v1/debtors/{id}/credit-report", kCreditReaders, Effect::read,
                "A debtor's credit report: score, evidence, every bureau score and credit review",
                get_debtor_credit_report});
    router.add({verb::post, "/v1/bureau-files", kUnderwriters, Effect::change,
                "Import bureau scores from a CSV file; one bad row refuses the file", post_bureau_file,
                Grouping::alone, Body::file});
    router.add({verb::post, "/v1/debtors/{id}/credit-reviews", kUnderwriters, Effect::change,
                "Record a credit review: the debtor's limit and until when funding may rely on it",
                post_credit_review});
    router.add({verb::get, "/v1/debtors/{id}/credit-reviews", kCreditReaders, Effect::read,
                "A debtor's credit reviews, newest first", list_credit_reviews});
    router.add({verb::post, "/v1/applications", kUnderwriters, Effect::change, "Open a client application",
                post_application});
    router.add({verb::get, "/v1/applications", kUnderwriters, Effect::read, "List client applications",
                list_applications});
    router.add({verb::get, "/v1/applications/{id}", kUnderwriters, Effect::read, "One client application",
                get_application});
    router.add({verb::patch, "/v1/applications/{id}", kUnderwriters, Effect::change,
                "Change an open client application", patch_application});
    router.add({verb::get, "/v1/applications/{id}/history", kUnderwriters, Effect::read,
                "An application's history: its audit events", get_application_history});
    router.add({verb::post, "/v1/applications/{id}/approve", kUnderwriters, Effect::change,
                "Approve an application into a client with its terms and factoring limit",
                post_application_approve});
    router.add({verb::post, "/v1/applications/{id}/decline", kUnderwriters, Effect::change,
                "Decline an application, with the reason", post_application_decline});
}

}  // namespace mf::api
