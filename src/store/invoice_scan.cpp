#include "store/invoice_scan.hpp"

#include <bit>

#include "core/error.hpp"

namespace mf::scan {

uint32_t state_bits(const InvoiceFilter& filter) {
    uint32_t bits = 0;
    for (const InvoiceState state : filter.states)
        bits |= 1u << static_cast<uint32_t>(state);
    MF_ASSERT(bits < (1u << kStateCount));
    return bits;
}

uint32_t shape_of(const InvoiceFilter& filter, uint32_t states) {
    return (filter.client_id ? 1u : 0u) | (filter.debtor_id ? 2u : 0u) | (filter.schedule_id ? 4u : 0u) |
           (filter.limit > 0 ? 8u : 0u) | (static_cast<uint32_t>(std::popcount(states)) << 4);
}

std::string text_of(std::string_view select, uint32_t shape, Placeholders placeholders) {
    int parameter = 1;  // the after_id, written by select
    const auto next = [&] {
        ++parameter;
        return placeholders == Placeholders::numbered ? "$" + std::to_string(parameter) : std::string("?");
    };
    std::string text(select);
    if (shape & 1u)
        text += " AND client_id = " + next();
    if (shape & 2u)
        text += " AND debtor_id = " + next();
    if (shape & 4u)
        text += " AND schedule_id = " + next();
    const uint32_t state_count = shape >> 4;
    if (state_count > 0) {
        text += " AND state IN (" + next();
        for (uint32_t i = 1; i < state_count; ++i)
            text += ", " + next();
        text += ")";
    }
    text += " ORDER BY id";
    if (shape & 8u)
        text += " LIMIT " + next();
    return text;
}

}  // namespace mf::scan
