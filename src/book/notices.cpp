// Notices of assignment: the status of each (client, debtor) pair (not sent, sent with its date and method,
// acknowledged with its date), the book setting that makes funding wait for a sent notice (notification
// factoring), and the work queue of pairs funded without one.
#include <fmt/format.h>

#include <map>
#include <utility>

#include "book/book.hpp"
#include "book/internal.hpp"
#include "core/ids.hpp"

namespace mf {

using namespace detail;

namespace {

std::string pair_name(int64_t client_id, int64_t debtor_id) {
    return format_id(IdKind::client, client_id) + "/" + format_id(IdKind::debtor, debtor_id);
}

Result<NoticeStatus> stored_notice(Transaction& tx, int64_t client_id, int64_t debtor_id) {
    MF_CHECK(load_client(tx, client_id));
    MF_CHECK(load_debtor(tx, debtor_id));
    MF_TRY(auto stored, tx.find_notice(client_id, debtor_id));
    return stored ? *stored : NoticeStatus{client_id, debtor_id};
}

}  // namespace

Status detail::check_notice_for_funding(Transaction& tx, const BookSettings& settings,
                                        const Invoice& invoice) {
    if (!settings.require_noa_before_funding)
        return ok();
    MF_TRY(auto stored, tx.find_notice(invoice.client_id, invoice.debtor_id));
    if (stored && stored->in_place())
        return ok();
    return make_error("noa_required", "invoice " + invoice.number +
                                          ": the book requires a notice of assignment before funding, "
                                          "and none was sent to the debtor for " +
                                          pair_name(invoice.client_id, invoice.debtor_id));
}

Result<NoticeStatus> Book::notice(int64_t client_id, int64_t debtor_id) {
    NoticeStatus out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(out, stored_notice(tx, client_id, debtor_id));
        return ok();
    }));
    return out;
}

Result<bool> Book::notice_in_place(int64_t client_id, int64_t debtor_id) {
    MF_TRY(auto found, notice(client_id, debtor_id));
    return found.in_place();
}

Result<std::vector<NoticeStatus>> Book::notices(std::optional<int64_t> client_id) {
    std::vector<NoticeStatus> out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        if (client_id)
            MF_CHECK(load_client(tx, *client_id));
        std::map<std::pair<int64_t, int64_t>, NoticeStatus> pairs;
        MF_TRY(auto stored, tx.list_notices(client_id));
        for (auto& notice : stored)
            pairs[{notice.client_id, notice.debtor_id}] = std::move(notice);
        InvoiceFilter filter;
        filter.client_id = client_id;
        MF_CHECK(tx.scan_invoices(filter, [&](const Invoice& invoice) -> Status {
            pairs.try_emplace({invoice.client_id, invoice.debtor_id},
                              NoticeStatus{invoice.client_id, invoice.debtor_id});
            return ok();
        }));
        for (auto& [key, notice] : pairs)
            out.push_back(std::move(notice));
        return ok();
    }));
    return out;
}

Result<NoticeStatus> Book::record_notice_sent(const Actor& actor, int64_t client_id, int64_t debtor_id,
                                              std::optional<Date> sent_on, const std::string& method) {
    MF_CHECK(validate_noa_method(method));
    NoticeStatus out;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(out, stored_notice(tx, client_id, debtor_id));
        const Date on = sent_on.value_or(settings.business_date);
        if (settings.business_date < on)
            return make_error("future_date", "a notice cannot be sent after the business date", "sent_on");
        out.sent_on = on;
        out.method = method;
        out.updated_at = clock_->now_utc();
        out.updated_by = actor.name;
        MF_CHECK(tx.save_notice(out));
        MF_TRY(auto mail, queue_notice_mail(tx, out.updated_at, settings, out));
        return tx.append_audit(audit(
            actor, settings, "noa.send", "client", client_id,
            fmt::format("notice of assignment to {} sent by {} on {}{}", format_id(IdKind::debtor, debtor_id),
                        method, on.to_string(), mail_note(mail))));
    }));
    return out;
}

Result<NoticeStatus> Book::record_notice_acknowledged(const Actor& actor, int64_t client_id,
                                                      int64_t debtor_id,
                                                      std::optional<Date> acknowledged_on) {
    NoticeStatus out;
    MF_CHECK(write(actor, [&](Transaction& tx, const BookSettings& settings) -> Status {
        MF_TRY(out, stored_notice(tx, client_id, debtor_id));
        const Date on = acknowledged_on.value_or(settings.business_date);
        if (settings.business_date < on) {
            return make_error("future_date", "an acknowledgement cannot come after the business date",
                              "acknowledged_on");
        }
        if (out.sent_on && on < *out.sent_on) {
            return make_error(
                "invalid_date",
                "the acknowledgement is dated before the notice was sent (" + out.sent_on->to_string() + ")",
                "acknowledged_on");
        }
        out.acknowledged_on = on;
        out.updated_at = clock_->now_utc();
        out.updated_by = actor.name;
        MF_CHECK(tx.save_notice(out));
        return tx.append_audit(audit(actor, settings, "noa.acknowledge", "client", client_id,
                                     fmt::format("notice to {} acknowledged on {}",
                                                 format_id(IdKind::debtor, debtor_id), on.to_string())));
    }));
    return out;
}

Result<std::vector<NoaQueueRow>> Book::noa_queue() {
    std::vector<NoaQueueRow> out;
    MF_CHECK(store_->read([&](Transaction& tx) -> Status {
        MF_TRY(out, tx.funded_pairs_without_notice());
        return ok();
    }));
    return out;
}

}  // namespace mf
