// read_bank_file and detect_bank_format: every sample's format found from its bytes, unknown and empty input
// refused clearly, and a property: random bytes, truncations and single-byte changes of the samples never
// crash and either read or give an error with a code and a message.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "formats/bank_test_helpers.hpp"

namespace mf::formats::test {
namespace {

const std::vector<std::string> kSamples = {"camt053.v2.minimal.xml", "camt053.v2.multi.statement.xml",
                                           "camt053.v8.xml",         "camt054.v2.xml",
                                           "camt053.v2.wrong.xml",   "bai2-sample1.txt",
                                           "bai2-sample2.txt",       "bai2-parse-error.txt"};

TEST(BankFile, DetectsEachSamplesFormat) {
    EXPECT_EQ(detect_bank_format(bank_sample("camt053.v2.minimal.xml")).value(), BankFormat::camt053);
    EXPECT_EQ(detect_bank_format(bank_sample("camt053.v8.xml")).value(), BankFormat::camt053);
    EXPECT_EQ(detect_bank_format(bank_sample("camt054.v2.xml")).value(), BankFormat::camt054);
    EXPECT_EQ(detect_bank_format(bank_sample("bai2-sample1.txt")).value(), BankFormat::bai2);
    EXPECT_EQ(detect_bank_format(bank_sample("bai2-sample2.txt")).value(), BankFormat::bai2);
    EXPECT_EQ(detect_bank_format("\xEF\xBB\xBF\"Date\",\"Amount\",Currency\n").value(),
              BankFormat::lockbox_csv);
}

TEST(BankFile, RefusesWhatItDoesNotKnow) {
    EXPECT_EQ(read_error("").message, "the file is empty");
    EXPECT_EQ(read_error(" \r\n\t").code, "invalid_bank_file");
    const Error unknown = read_error("hello, world\n");
    EXPECT_EQ(unknown.code, "unknown_bank_format");
    EXPECT_EQ(
        unknown.message,
        "the file is not a bank file this reader knows: expected camt.053 or camt.054 XML, BAI2 (first "
        "record \"01,\") or a lockbox CSV with the header row date,amount,currency,payer_name,reference");
    EXPECT_EQ(detect_bank_format(std::string("\x00\x01\x02", 3)).error().code, "unknown_bank_format");
    EXPECT_EQ(read_error("<html><body>not a statement</body></html>").message,
              "the root element is <html>, not the <Document> of an ISO 20022 message");
    EXPECT_EQ(read_error("<<<>>>").code, "invalid_bank_file");
    // A named format is read as that format.
    EXPECT_EQ(read_error(bank_sample("bai2-sample1.txt"), BankFormat::camt053).code, "invalid_bank_file");
    EXPECT_EQ(
        read_error(bank_sample("camt054.v2.xml"), BankFormat::bai2).message,
        "line 1: a BAI2 record starts with a two-digit record code and a comma, found '<?xml version=\"1.0\" "
        "enco...'");
}

void expect_read_or_clear_error(std::string_view bytes, std::optional<BankFormat> format) {
    const auto file = read_bank_file(bytes, format);
    if (!file) {
        RC_ASSERT(!file.error().code.empty());
        RC_ASSERT(!file.error().message.empty());
        return;
    }
    for (const BankCredit& credit : file.value().credits) {
        RC_ASSERT(credit.amount.is_positive());
        RC_ASSERT(!credit.bank_reference.empty());
    }
}

std::optional<BankFormat> any_format(int pick) {
    static const std::optional<BankFormat> formats[] = {
        std::nullopt, BankFormat::camt053, BankFormat::camt054, BankFormat::bai2, BankFormat::lockbox_csv};
    return formats[static_cast<unsigned>(pick) % 5];
}

RC_GTEST_PROP(BankFileProperty, RandomBytesNeverCrash, (const std::string& bytes, int pick)) {
    expect_read_or_clear_error(bytes, any_format(pick));
}

RC_GTEST_PROP(BankFileProperty, TruncatedAndMutatedSamplesNeverCrash, ()) {
    const std::string sample = bank_sample(*rc::gen::elementOf(kSamples));
    const auto cut = *rc::gen::inRange<size_t>(0, sample.size() + 1);
    std::string bytes = sample.substr(0, cut);
    const auto changes = *rc::gen::inRange(0, 4);
    for (int i = 0; i < changes && !bytes.empty(); ++i) {
        const auto at = *rc::gen::inRange<size_t>(0, bytes.size());
        bytes[at] = *rc::gen::elementOf(std::string("0123456789,/<>&;\"\n '-+.VSDZ\x1f\x00", 28));
    }
    expect_read_or_clear_error(bytes, any_format(*rc::gen::inRange(0, 5)));
}

}  // namespace
}  // namespace mf::formats::test
