// Records for the documents' tests: a client on 90% advance, 3% for 30 days then 1% per 10 days, and its
// invoices. Thread-safety: plain values.
#pragma once

#include <string_view>
#include <vector>

#include "book/reports.hpp"

namespace mf::documents::testing {

inline Date date(std::string_view text) {
    return parse_date(text).value();
}

inline Client client() {
    Client c;
    c.id = 7;
    c.name = "Acme Widgets LLC";
    c.currency = Currency::from_code("USD").value();
    c.terms.advance_rate_ppm = 900'000;
    c.terms.fee_schedule.kind = FeeKind::flat_plus_periods;
    c.terms.fee_schedule.flat_plus_periods = {30'000, 30, 10'000, 10};
    c.terms.recourse_days = 90;
    return c;
}

inline Invoice invoice(int64_t id, int64_t face_minor, Date due) {
    Invoice i;
    i.id = id;
    i.client_id = 7;
    i.debtor_id = 3;
    i.schedule_id = 11;
    i.number = "INV-" + std::to_string(1000 + id);
    i.currency = Currency::from_code("USD").value();
    i.face_minor = face_minor;
    i.issue_date = due.plus_days(-30);
    i.due_date = due;
    i.state = InvoiceState::approved;
    return i;
}

inline ScheduleView schedule(std::vector<Invoice> invoices) {
    ScheduleView view;
    view.schedule.id = 11;
    view.schedule.client_id = 7;
    view.schedule.currency = Currency::from_code("USD").value();
    view.schedule.submitted_on = date("2026-01-01");
    view.invoices = std::move(invoices);
    return view;
}

}  // namespace mf::documents::testing
