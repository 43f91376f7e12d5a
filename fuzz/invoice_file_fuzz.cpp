// Invoice files (formats/invoice_file.hpp) in any of the five formats, found from the bytes. An accepted
// file's documents have a number, a positive amount in a real currency and no due date before the issue date;
// every problem row names its place first; the format read is the format detect_invoice_format finds, and
// naming it reads the same. A default currency only fills in what a file leaves out: it never loses a
// document, and changes a whole-file verdict only by standing in for a CSV's currency column.
#include <cstdint>
#include <string>
#include <string_view>

#include "formats/invoice_file.hpp"
#include "fuzz_check.hpp"

namespace {

using namespace mf::formats;

void check_file(const InvoiceFile& file) {
    for (const auto& document : file.documents) {
        FUZZ_CHECK(!document.place.empty(), document.number);
        FUZZ_CHECK(!document.number.empty(), document.place);
        FUZZ_CHECK(document.amount.currency.valid(), document.place);
        FUZZ_CHECK(document.amount.is_positive(), document.place);
        FUZZ_CHECK(!document.due_date || *document.due_date >= document.issue_date, document.place);
        if (document.open_balance)
            FUZZ_CHECK(document.open_balance->currency == document.amount.currency, document.place);
    }
    for (const auto& problem : file.problems) {
        FUZZ_CHECK(!problem.place.empty(), problem.message);
        FUZZ_CHECK(!problem.code.empty(), problem.message);
        FUZZ_CHECK(problem.message.starts_with(problem.place), problem.message);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes = mf::fuzz::as_text(data, size);
    InvoiceReadOptions with_default;
    with_default.default_currency = mf::Currency::from_code("USD").value();

    auto plain = read_invoice_file(bytes);
    auto defaulted = read_invoice_file(bytes, std::nullopt, with_default);
    auto detected = detect_invoice_format(bytes);
    // A default currency changes a whole-file verdict in one case only: it stands in for a CSV's missing
    // currency column (docs/invoice-files.md), so the file it read lacked that column and nothing else.
    if (plain.has_value() != defaulted.has_value()) {
        FUZZ_CHECK(!plain && plain.error().code == "missing_column" &&
                       plain.error().message.starts_with("the CSV header lacks the column currency "),
                   plain ? "a default currency refused a file" : plain.error().message);
        check_file(defaulted.value());
        return 0;
    }
    if (!plain) {
        mf::fuzz::check_error(plain.error());
        mf::fuzz::check_error(defaulted.error());
        return 0;
    }
    check_file(plain.value());
    check_file(defaulted.value());
    FUZZ_CHECK(plain.value().documents.size() <= defaulted.value().documents.size(), "a document was lost");
    FUZZ_CHECK(plain.value().documents.size() + plain.value().problems.size() ==
                   defaulted.value().documents.size() + defaulted.value().problems.size(),
               "a default currency changed the number of rows");
    FUZZ_CHECK(detected.has_value() && detected.value() == plain.value().format,
               std::string(to_string(plain.value().format)));

    auto named = read_invoice_file(bytes, plain.value().format);
    FUZZ_CHECK(named.has_value(), named ? "" : named.error().message);
    FUZZ_CHECK(named.value().documents.size() == plain.value().documents.size(), "naming the format");
    FUZZ_CHECK(named.value().problems.size() == plain.value().problems.size(), "naming the format");
    return 0;
}
