#include "wire/nacha_check.hpp"

#include <fmt/format.h>

#include <set>

#include "wire/values.hpp"

namespace mf::formats {
namespace {

namespace json = boost::json;

Currency usd() {
    return Currency::from_code("USD").value();
}

json::array problems_json(const std::vector<NachaProblem>& problems) {
    json::array out;
    for (const NachaProblem& p : problems) {
        out.push_back(
            json::object{{"line", p.line},
                         {"record_type", p.record_type == 0 ? json::value(nullptr)
                                                            : json::value(std::string(1, p.record_type))},
                         {"field", p.field},
                         {"code", p.code},
                         {"message", p.message}});
    }
    return out;
}

json::object batch_json(const NachaBatch& b) {
    int64_t addenda = 0;
    for (const NachaEntry& e : b.entries)
        addenda += static_cast<int64_t>(e.addenda.size());
    return json::object{{"line", b.line},
                        {"batch_number", b.batch_number},
                        {"service_class_code", b.service_class},
                        {"sec_code", b.sec_code},
                        {"company_name", b.company_name},
                        {"company_identification", b.company_id},
                        {"company_entry_description", b.entry_description},
                        {"effective_entry_date", wire::date(b.effective_date)},
                        {"entry_count", b.entries.size()},
                        {"addenda_count", addenda},
                        {"total_credit", wire::amount(b.credit_cents, usd())},
                        {"total_debit", wire::amount(b.debit_cents, usd())}};
}

}  // namespace

void tag_invoke(const json::value_from_tag&, json::value& out, const NachaReading& reading) {
    const NachaFile& f = reading.file;
    json::array batches;
    std::set<Date> dates;
    for (const NachaBatch& b : f.batches) {
        batches.push_back(batch_json(b));
        if (b.effective_date)
            dates.insert(*b.effective_date);
    }
    json::array effective_dates;
    for (const Date& d : dates)
        effective_dates.push_back(wire::date(d));
    out = json::object{{"format", "nacha"},
                       {"valid", reading.ok()},
                       {"line_count", f.line_count},
                       {"block_count", f.block_count},
                       {"batch_count", f.batches.size()},
                       {"entry_count", f.entry_count},
                       {"addenda_count", f.addenda_count},
                       {"entry_hash", fmt::format("{:010}", f.entry_hash)},
                       {"currency", "USD"},
                       {"total_credit", wire::amount(f.credit_cents, usd())},
                       {"total_debit", wire::amount(f.debit_cents, usd())},
                       {"file_creation_date", wire::date(f.header.creation_date)},
                       {"immediate_origin", wire::text(f.header.immediate_origin)},
                       {"immediate_origin_name", wire::text(f.header.origin_name)},
                       {"immediate_destination", wire::text(f.header.immediate_destination)},
                       {"immediate_destination_name", wire::text(f.header.destination_name)},
                       {"effective_dates", std::move(effective_dates)},
                       {"batches", std::move(batches)},
                       {"problems", problems_json(reading.problems)},
                       {"notes", problems_json(reading.notes)}};
}

}  // namespace mf::formats
