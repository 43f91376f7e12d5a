// BAI2: the shared samples read (counts, totals, some credits exactly), the parse-error sample refused by
// line, and mutated copies of the samples for every trailer check and record problem.
#include <gtest/gtest.h>

#include <numeric>

#include "formats/bank_test_helpers.hpp"

namespace mf::formats::test {
namespace {

int64_t credit_total_minor(const BankFile& file) {
    return std::accumulate(file.credits.begin(), file.credits.end(), int64_t{0},
                           [](int64_t sum, const BankCredit& credit) { return sum + credit.amount.minor; });
}

Error bai2_error(std::string_view bytes) {
    return read_error(bytes, BankFormat::bai2);
}

TEST(BankBai2, Sample1) {
    const BankFile file = read_ok(bank_sample("bai2-sample1.txt"));
    EXPECT_EQ(file.format, BankFormat::bai2);
    EXPECT_EQ(file.message_id, "001");
    ASSERT_EQ(file.credits.size(), 5u);  // the 108s; the 409s are debits
    EXPECT_EQ(file.debits_skipped, 12);
    EXPECT_EQ(file.reversals_skipped, 0);
    EXPECT_EQ(credit_total_minor(file), 203500 + 2500 + 2500 + 11500 + 100000);

    const BankCredit& first = file.credits[0];
    EXPECT_EQ(first.place, "line 8");
    EXPECT_EQ(first.account, "10200123456");
    EXPECT_EQ(first.amount, (Money{203500, Currency::from_code("CAD").value()}));
    EXPECT_EQ(first.booking_date.to_string(), "2006-03-17");  // the group's as-of date
    ASSERT_TRUE(first.value_date.has_value());
    EXPECT_EQ(first.value_date->to_string(), "2006-03-16");  // funds type V
    EXPECT_EQ(first.type_code, "108");
    EXPECT_EQ(first.remittance, "TFR 1020 0345678");
    EXPECT_EQ(first.creditor_reference, "");
    // No bank reference in the file: derived, different for the two 25.00 credits of the same day.
    EXPECT_TRUE(first.bank_reference.starts_with("derived:"));
    EXPECT_EQ(file.credits[1].amount.minor, 2500);
    EXPECT_EQ(file.credits[2].amount.minor, 2500);
    EXPECT_NE(file.credits[1].bank_reference, file.credits[2].bank_reference);
    EXPECT_EQ(file.credits[4].place, "line 20");
    EXPECT_EQ(file.credits[4].remittance, "MONTREAL");
    EXPECT_EQ(file.credits[4].value_date->to_string(), "2006-03-17");

    // The same bytes read again give the same references: loading a statement twice books nothing twice.
    const BankFile again = read_ok(bank_sample("bai2-sample1.txt"));
    for (size_t i = 0; i < file.credits.size(); ++i)
        EXPECT_EQ(again.credits[i].bank_reference, file.credits[i].bank_reference);
}

// The ranges BAI2 leaves to each bank: 920-959 its own credits (money in, kept with the code), 960-999 its
// own debits (skipped).
TEST(BankBai2, BankSpecificCreditAndDebitCodes) {
    std::string sample = bank_sample("bai2-sample1.txt");
    const auto replace_first = [&sample](std::string_view from, std::string_view to) {
        const auto at = sample.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        sample.replace(at, from.size(), to);
    };
    replace_first("16,108,000000000203500,", "16,925,000000000203500,");
    replace_first("16,409,", "16,975,");
    const BankFile file = read_ok(sample);
    ASSERT_EQ(file.credits.size(), 5u);
    EXPECT_EQ(file.credits[0].type_code, "925");
    EXPECT_EQ(file.credits[0].amount.minor, 203500);
    EXPECT_EQ(file.debits_skipped, 12);
    EXPECT_EQ(credit_total_minor(file), 203500 + 2500 + 2500 + 11500 + 100000);
}

TEST(BankBai2, Sample2) {
    const BankFile file = read_ok(bank_sample("bai2-sample2.txt"));
    EXPECT_EQ(file.message_id, "1");
    ASSERT_EQ(file.credits.size(), 4u);
    EXPECT_EQ(file.debits_skipped, 0);
    EXPECT_EQ(credit_total_minor(file), 450000 + 500000 + 20000000 + 10000000);
    const Currency usd = Currency::from_code("USD").value();  // no currency in 02 or 03: BAI2's default

    EXPECT_EQ(file.credits[0].account, "0123456789");
    EXPECT_EQ(file.credits[0].amount, (Money{450000, usd}));
    EXPECT_EQ(file.credits[0].type_code, "115");
    EXPECT_EQ(file.credits[0].booking_date.to_string(), "2004-06-20");

    // Funds type S with an empty immediate amount, then empty references and the text.
    EXPECT_EQ(file.credits[1].account, "9876543210");
    EXPECT_EQ(file.credits[1].remittance, "LOCK BOX NO.68751");

    // Funds type V, references, and the text on the 88 continuation.
    const BankCredit& letter = file.credits[2];
    EXPECT_EQ(letter.place, "line 16");
    EXPECT_EQ(letter.account, "4589761203");
    EXPECT_EQ(letter.amount, (Money{20000000, usd}));
    EXPECT_EQ(letter.type_code, "218");
    EXPECT_EQ(letter.value_date->to_string(), "2004-06-22");
    EXPECT_EQ(letter.bank_reference, "SP4738");
    EXPECT_EQ(letter.creditor_reference, "YRC065321");
    EXPECT_EQ(letter.remittance, "PROCEEDS OF LETTER OF CREDIT FROM THE ARAMCO OIL CO");

    EXPECT_EQ(file.credits[3].type_code, "195");
    EXPECT_FALSE(file.credits[3].value_date.has_value());
    EXPECT_EQ(file.credits[3].remittance, "");
}

TEST(BankBai2, CrlfAndPaddingReadTheSame) {
    std::string padded;
    const std::string sample = bank_sample("bai2-sample2.txt");
    for (size_t start = 0; start < sample.size();) {
        const size_t end = sample.find('\n', start);
        padded += sample.substr(start, end - start) + "          \r\n";
        start = end == std::string::npos ? sample.size() : end + 1;
    }
    const BankFile file = read_ok(padded);
    const BankFile plain = read_ok(sample);
    ASSERT_EQ(file.credits.size(), plain.credits.size());
    for (size_t i = 0; i < file.credits.size(); ++i) {
        EXPECT_EQ(file.credits[i].bank_reference, plain.credits[i].bank_reference);
        EXPECT_EQ(file.credits[i].remittance, plain.credits[i].remittance);
    }
}

TEST(BankBai2, TextThatIsNotUtf8IsReadAsLatin1) {
    const BankFile file = read_ok(replaced(bank_sample("bai2-sample1.txt"), "MONTREAL          ",
                                           "MONTR\xC9"
                                           "AL          "));
    EXPECT_EQ(file.credits[4].remittance,
              "MONTR\xC3\x89"
              "AL");
}

TEST(BankBai2, ParseErrorSampleNamesTheLine) {
    const std::string bytes = bank_sample("bai2-parse-error.txt");
    const Error error = read_error(bytes);
    EXPECT_EQ(error.code, "invalid_bank_file");
    EXPECT_EQ(error.message, "line 1: a BAI2 file starts with its 01 file header, found record type '00'");
    EXPECT_EQ(bai2_error(bytes), error);
}

struct Mutation {
    const char* name;
    const char* from;
    const char* to;
    const char* code;
    const char* message;
};

class BankBai2Mutated : public ::testing::TestWithParam<Mutation> {};

TEST_P(BankBai2Mutated, IsRefusedNamingTheLine) {
    const Mutation& mutation = GetParam();
    const Error error = bai2_error(replaced(bank_sample("bai2-sample1.txt"), mutation.from, mutation.to));
    EXPECT_EQ(error.code, mutation.code);
    EXPECT_EQ(error.message, mutation.message);
}

INSTANTIATE_TEST_SUITE_P(
    Trailers, BankBai2Mutated,
    ::testing::Values(
        Mutation{"AccountTotal", "49,+00000000000834000,14/", "49,+00000000000834001,14/",
                 "control_total_mismatch",
                 "line 16: the 49 account trailer states control total 834001, found 834000"},
        Mutation{"AccountCount", "49,+00000000000834000,14/", "49,+00000000000834000,13/",
                 "record_count_mismatch",
                 "line 16: the 49 account trailer states number of records 13, found 14"},
        Mutation{"GroupTotal", "98,+00000000001280000,2,25/", "98,+00000000001280001,2,25/",
                 "control_total_mismatch",
                 "line 26: the 98 group trailer states control total 1280001, found 1280000"},
        Mutation{"GroupAccounts", "98,+00000000001280000,2,25/", "98,+00000000001280000,3,25/",
                 "record_count_mismatch",
                 "line 26: the 98 group trailer states number of accounts 3, found 2"},
        Mutation{"GroupCount", "98,+00000000001280000,2,25/", "98,+00000000001280000,2,26/",
                 "record_count_mismatch",
                 "line 26: the 98 group trailer states number of records 26, found 25"},
        Mutation{"FileTotal", "99,+00000000001280000,1,27/", "99,-00000000001280000,1,27/",
                 "control_total_mismatch",
                 "line 27: the 99 file trailer states control total -1280000, found 1280000"},
        Mutation{"FileGroups", "99,+00000000001280000,1,27/", "99,+00000000001280000,2,27/",
                 "record_count_mismatch", "line 27: the 99 file trailer states number of groups 2, found 1"},
        Mutation{"FileCount", "99,+00000000001280000,1,27/", "99,+00000000001280000,1,28/",
                 "record_count_mismatch",
                 "line 27: the 99 file trailer states number of records 28, found 27"},
        Mutation{"Truncated", "99,+00000000001280000,1,27/", "", "invalid_bank_file",
                 "line 26: the file ends before its 99 file trailer (is it cut short?)"},
        Mutation{"CutInsideAccount", "49,+00000000000446000,9/", "", "invalid_bank_file",
                 "line 26: a 98 record inside the account opened on line 17 (its 49 is missing)"},
        Mutation{"BadAmount", "16,108,000000000203500,", "16,108,0000000002035.00,", "invalid_amount",
                 "line 8: amount '0000000002035.00' is not a whole number of minor units without sign"},
        Mutation{"SignedDetailAmount", "16,108,000000000203500,", "16,108,-00000000203500,", "invalid_amount",
                 "line 8: amount '-00000000203500' is not a whole number of minor units without sign"},
        Mutation{"UnknownRecord", "16,108,000000000203500,V", "17,108,000000000203500,V", "invalid_bank_file",
                 "line 8: unknown record type '17' (BAI2 has 01, 02, 03, 16, 49, 88, 98, 99)"},
        Mutation{"NotARecord", "16,108,000000000203500,V", "X6,108,000000000203500,V", "invalid_bank_file",
                 "line 8: a BAI2 record starts with a two-digit record code and a comma, found "
                 "'X6,108,000000000203500,V...'"},
        Mutation{"Version", ",80,1,2/", ",80,1,3/", "unsupported_version",
                 "line 1: BAI version '3' is not supported; version 2 is"},
        Mutation{"UnknownTypeCode", "16,108,000000000203500,", "16,901,000000000203500,",
                 "unsupported_type_code",
                 "line 8: type code 901 is neither a BAI2 credit (100-399, the bank's own 920-959) nor a "
                 "debit (400-699, 960-999): it is a status (balance) code, which a 16 transaction record may "
                 "not carry"},
        Mutation{"UnusedTypeCodeRange", "16,108,000000000203500,", "16,750,000000000203500,",
                 "unsupported_type_code",
                 "line 8: type code 750 is neither a BAI2 credit (100-399, the bank's own 920-959) nor a "
                 "debit (400-699, 960-999): 700-899 is not a transaction range of BAI2"},
        Mutation{"FundsType", "16,108,000000000203500,V,", "16,108,000000000203500,X,", "invalid_bank_file",
                 "line 8: funds type 'X' is not 0, 1, 2, V, S, D or Z"},
        Mutation{"ValueDate", "16,108,000000000203500,V,060316", "16,108,000000000203500,V,060231",
                 "invalid_date", "line 8: value date '060231' is not a YYMMDD date"},
        Mutation{"Currency", "02,12345,0004,1,060317,,CAD,/", "02,12345,0004,1,060317,,XXX,/",
                 "unknown_currency", "line 2: unknown currency 'XXX' (ISO 4217 code expected)"},
        Mutation{"DeletionGroup", "02,12345,0004,1,", "02,12345,0004,3,", "invalid_bank_file",
                 "line 5: the group opened on line 2 has status 3 (deletion) and may not carry transactions"},
        Mutation{"RecordAfterEnd", "99,+00000000001280000,1,27/", "99,+00000000001280000,1,27/\n01,x/",
                 "invalid_bank_file", "line 28: a 01 record after the 99 file trailer"},
        Mutation{"LoneContinuation", "01,0004,", "88,0004,", "invalid_bank_file",
                 "line 1: an 88 continuation record with no record before it"}),
    [](const ::testing::TestParamInfo<Mutation>& info) { return std::string(info.param.name); });

TEST(BankBai2, CutShortInsideAnAccount) {
    const std::string sample = bank_sample("bai2-sample1.txt");
    size_t cut = 0;
    for (int line = 0; line < 10; ++line)
        cut = sample.find('\n', cut) + 1;
    EXPECT_EQ(
        bai2_error(sample.substr(0, cut)).message,
        "line 10: the file ends before its 99 file trailer, inside the account opened on line 3 (is it cut "
        "short?)");
    EXPECT_EQ(bai2_error(sample.substr(0, sample.find('\n'))).message,
              "line 1: the file ends before its 99 file trailer (is it cut short?)");
}

TEST(BankBai2, ReversalCodesAreCountedApart) {
    // 555 deposited item returned: a receipt that bounced. 252 debit reversal: money back, not a payment.
    std::string bytes =
        replaced(bank_sample("bai2-sample1.txt"), "16,409,000000000002500,V,060316,,,,RETURNED",
                 "16,555,000000000002500,V,060316,,,,RETURNED");
    bytes = replaced(bytes, "16,108,000000000002500,V,060316,,,,MACLEOD",
                     "16,252,000000000002500,V,060316,,,,MACLEOD");
    const BankFile file = read_ok(bytes);
    EXPECT_EQ(file.reversals_skipped, 2);
    EXPECT_EQ(file.debits_skipped, 11);
    EXPECT_EQ(file.credits.size(), 4u);
}

// A file written here: funds types D and S in a 16, a 16 split by an 88 inside its fixed fields, a
// repeated bank reference, a JPY account (no decimals).
TEST(BankBai2, FundsTypesAndContinuations) {
    const std::string bytes =
        "01,SENDER,RECEIVER,250103,0800,F-17,,,2/\n"
        "02,RECEIVER,SENDER,1,250102,,USD,2/\n"
        "03,ACC-1,JPY,010,+1000,,/\n"
        "16,142,5000,D,2,0,3000,1,2000,BR-1,INV-1,ACME PAYMENT/\n"
        "16,165,7000,S,1000\n"
        "88,2000,4000,BR-1,INV-2,SECOND LINE\n"
        "88,AND MORE/\n"
        "16,195,3,0,BR-2,,/\n"
        "49,13003,7/\n"  // S amounts and distributions are not in the control total
        "98,13003,1,9/\n"
        "99,13003,1,11/\n";
    const BankFile file = read_ok(bytes);
    EXPECT_EQ(file.message_id, "F-17");
    ASSERT_EQ(file.credits.size(), 3u);
    const Currency yen = Currency::from_code("JPY").value();
    EXPECT_EQ(file.credits[0].amount, (Money{5000, yen}));
    EXPECT_EQ(file.credits[0].bank_reference, "BR-1");
    EXPECT_EQ(file.credits[0].creditor_reference, "INV-1");
    EXPECT_EQ(file.credits[0].remittance, "ACME PAYMENT");
    EXPECT_EQ(file.credits[0].booking_date.to_string(), "2025-01-02");
    EXPECT_EQ(file.credits[1].bank_reference, "BR-1#2");  // unique within the file
    EXPECT_EQ(file.credits[1].creditor_reference, "INV-2");
    EXPECT_EQ(file.credits[1].remittance, "SECOND LINE AND MORE");
    EXPECT_EQ(file.credits[1].place, "line 5");
    EXPECT_EQ(file.credits[2].amount, (Money{3, yen}));

    const Error short_distribution =
        bai2_error(replaced(bytes, "D,2,0,3000,1,2000,BR-1,INV-1,ACME PAYMENT/", "D,9,0,1/"));
    EXPECT_EQ(short_distribution.message, "line 4: funds type D announces 9 distributions, the record has 1");
}

}  // namespace
}  // namespace mf::formats::test
