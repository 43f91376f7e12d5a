// The JSON form of the book's records (API.md): one spelling for the HTTP API and the CLI's --json. Each
// record converts with boost::json::value_from (these tag_invoke overloads sit in namespace mf so lookup
// finds them, and vectors and optionals of records convert too). Money fields are decimal strings named
// *_amount (or "amount") beside the record's "currency"; rates are percent strings; absent links and dates
// are null. Thread-safety: pure functions.
#pragma once

#include <boost/json.hpp>

#include "book/reports.hpp"
#include "core/ledger.hpp"
#include "core/model.hpp"
#include "store/store.hpp"
#include "wire/values.hpp"

namespace mf {

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const Error& error);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const Money& money);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const Date& date);

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const BookSettings& settings);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const Client& client);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const Debtor& debtor);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const Charge& charge);

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const Schedule& schedule);
// A schedule with its count and face total, without the invoices themselves.
boost::json::object schedule_summary(const Schedule& schedule, size_t invoice_count, int64_t face_minor);
// The schedule's fields plus "invoices" and their face total.
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const ScheduleView& view);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const Invoice& invoice);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const ApprovalOutcome& outcome);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const AuditEvent& event);
// {"invoice": {...}, "fee_to_date_amount", "events", "entries", "applications"}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const InvoiceHistory& history);

// Postings carry a signed "amount" (debit positive, credit negative) in the entry's currency.
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const JournalEntry& entry);

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const Receipt& receipt);
// The receipt's fields plus "entries" (the journal entries the call booked).
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const ReceiptView& view);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const ReceiptDetail& detail);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const Payout& payout);
// A payout file's metadata (never its content): format, count, total, digest, file name and content type.
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const PayoutFile& file);
// A user as the API shows it: never its password hash.
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const User& user);

}  // namespace mf

namespace mf::wire {

// A payout account in full (callers mask it for readers who may not see it); null when there is none.
json::value payout_account_json(const PayoutAccount& account);

// {"code", "message", "field"}: an error as data (field null when none applies).
json::object error(const Error& error);
// RFC 9457 problem details (API.md "Errors") for an HTTP status: type, title, status, detail, code, and
// "errors": [{"field","code","message"}] when the error names a field.
json::object problem(const Error& error, int status);

// What a payout file is sent as: "text/plain" (NACHA) or "application/xml" (pain.001), and its name,
// "pfl_3.ach" / "pfl_3.xml".
std::string_view payout_file_content_type(PayoutFileFormat format);
std::string payout_file_name(const PayoutFile& file);

// "funded" etc. joined with ',' in the records -> a JSON array of names.
json::array split_codes(std::string_view joined);

}  // namespace mf::wire
