// Bank files (formats/bank_file.hpp): camt.053/054, BAI2 and lockbox CSV, the format found from the bytes.
// An accepted file's credits are positive amounts in a real currency, each with its place and booking date;
// the format read is the format detect_bank_format finds, and naming it reads the same credits. A refusal has
// a stable code and a message.
#include <cstdint>
#include <string>
#include <string_view>

#include "formats/bank_file.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace mf::formats;
    const std::string_view bytes = mf::fuzz::as_text(data, size);
    auto file = read_bank_file(bytes);
    auto detected = detect_bank_format(bytes);
    if (!file) {
        mf::fuzz::check_error(file.error());
        return 0;
    }
    FUZZ_CHECK(detected.has_value() && detected.value() == file.value().format,
               std::string(to_string(file.value().format)));
    const BankFile& read = file.value();
    FUZZ_CHECK(read.debits_skipped >= 0 && read.reversals_skipped >= 0 && read.pending_skipped >= 0,
               "counts");
    for (const auto& credit : read.credits) {
        FUZZ_CHECK(!credit.place.empty(), credit.bank_reference);
        FUZZ_CHECK(credit.amount.currency.valid(), credit.place);
        FUZZ_CHECK(credit.amount.is_positive(), credit.place);
        FUZZ_CHECK(!credit.value_date || credit.value_date->year() >= 1900, credit.place);
        FUZZ_CHECK(credit.booking_date.year() >= 1900, credit.place);
    }
    auto named = read_bank_file(bytes, read.format);
    FUZZ_CHECK(named.has_value(), named ? "" : named.error().message);
    FUZZ_CHECK(named.value().credits.size() == read.credits.size(), "naming the format");
    for (size_t i = 0; i < read.credits.size(); ++i) {
        FUZZ_CHECK(named.value().credits[i].amount == read.credits[i].amount, read.credits[i].place);
        FUZZ_CHECK(named.value().credits[i].place == read.credits[i].place, read.credits[i].place);
    }
    return 0;
}
