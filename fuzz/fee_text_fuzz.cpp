// Fee schedule text (core/fee_text.hpp): a schedule that parses has one canonical text, which parses to the
// same schedule and formats to itself; a refusal is invalid_fee_schedule on the field fee_schedule.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/fee_text.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0)
        return 0;
    const auto currency = mf::Currency::from_code(data[0] % 2 == 0 ? "USD" : "JPY").value();
    const std::string_view text = mf::fuzz::as_text(data + 1, size - 1);
    auto parsed = mf::parse_fee_schedule(text, currency);
    if (!parsed) {
        mf::fuzz::check_error(parsed.error());
        FUZZ_CHECK(parsed.error().code == "invalid_fee_schedule", parsed.error().code);
        FUZZ_CHECK(parsed.error().field == "fee_schedule", parsed.error().field);
        return 0;
    }
    const mf::FeeSchedule schedule = parsed.value();
    const std::string canonical = mf::format_fee_schedule(schedule, currency);
    auto again = mf::parse_fee_schedule(canonical, currency);
    FUZZ_CHECK(again.has_value(), canonical);
    FUZZ_CHECK(again.value() == schedule, canonical);
    FUZZ_CHECK(mf::format_fee_schedule(again.value(), currency) == canonical, canonical);
    return 0;
}
