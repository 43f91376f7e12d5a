#include "formats/nacha_read.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <functional>

#include "formats/nacha.hpp"
#include "support/payout_fixtures.hpp"
#include "support/testdata.hpp"

namespace mf::formats {
namespace {

using test::day;

constexpr auto* usd = &test::usd_cents;
constexpr auto* payout = &test::ach_payout;
constexpr auto* options = &test::nacha_options;

std::string write_ok(const std::vector<PayoutOrder>& payouts, const NachaOptions& opts = options()) {
    auto file = write_nacha(test::sample_originator(), payouts, opts);
    EXPECT_TRUE(file) << (file ? "" : file.error().message);
    return file ? file.value() : std::string();
}

std::string all_messages(const std::vector<NachaProblem>& problems) {
    std::string out;
    for (const auto& p : problems)
        out += p.message + "\n";
    return out;
}

// The file's lines (LF or CR LF ends) and back.
std::vector<std::string> lines_of(const std::string& file) {
    std::vector<std::string> lines;
    size_t at = 0;
    while (at < file.size()) {
        size_t end = file.find('\n', at);
        if (end == std::string::npos)
            end = file.size();
        std::string line = file.substr(at, end - at);
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        lines.push_back(line);
        at = end + 1;
    }
    return lines;
}

std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& line : lines)
        out += line + "\r\n";
    return out;
}

// ---- the shared samples (moov-io/ach)

TEST(NachaRead, ReadsTheSharedCcdSample) {
    const auto reading = check_nacha(test::read_testdata("ach/ccd-debit.ach"));
    ASSERT_TRUE(reading.ok()) << all_messages(reading.problems);
    EXPECT_TRUE(reading.notes.empty()) << all_messages(reading.notes);
    const NachaFile& file = reading.file;
    EXPECT_EQ(file.header.immediate_destination, "231380104");
    EXPECT_EQ(file.header.immediate_origin, "031300012");
    EXPECT_EQ(file.header.creation_date, day(2018, 11, 26));
    EXPECT_EQ(file.header.origin_name, "My Bank Name");
    ASSERT_EQ(file.batches.size(), 1u);
    const NachaBatch& batch = file.batches[0];
    EXPECT_EQ(batch.service_class, 225);
    EXPECT_EQ(batch.sec_code, "CCD");
    EXPECT_EQ(batch.company_name, "Name on Account");
    EXPECT_EQ(batch.company_id, "031300012");
    EXPECT_EQ(batch.entry_description, "Vndr Pay");
    EXPECT_EQ(batch.effective_date, day(2018, 11, 27));
    ASSERT_EQ(batch.entries.size(), 2u);
    EXPECT_EQ(batch.entries[0].transaction_code, 27);
    EXPECT_FALSE(batch.entries[0].credit);
    EXPECT_EQ(batch.entries[0].routing_number, "231380104");
    EXPECT_EQ(batch.entries[0].account_number, "744-5678-99");
    EXPECT_EQ(batch.entries[0].amount_cents, 500000);
    EXPECT_EQ(batch.entries[0].individual_name, "Best Co. #1");
    EXPECT_EQ(batch.entries[1].amount_cents, 125);
    EXPECT_EQ(batch.entries[1].trace_number, "031300010000002");
    EXPECT_EQ(file.entry_count, 2);
    EXPECT_EQ(file.addenda_count, 0);
    EXPECT_EQ(file.entry_hash, 46276020);
    EXPECT_EQ(file.debit_cents, 500125);
    EXPECT_EQ(file.credit_cents, 0);
    EXPECT_EQ(file.block_count, 1);
    EXPECT_EQ(file.line_count, 10u);
}

TEST(NachaRead, ReadsTheSharedPpdSampleWhoseBlanksAreStripped) {
    const auto reading = check_nacha(test::read_testdata("ach/ppd-debit.ach"));
    ASSERT_TRUE(reading.ok()) << all_messages(reading.problems);
    const NachaFile& file = reading.file;
    ASSERT_EQ(file.batches.size(), 1u);
    EXPECT_EQ(file.batches[0].sec_code, "PPD");
    EXPECT_EQ(file.batches[0].entry_description, "REG.SALARY");
    EXPECT_EQ(file.batches[0].effective_date, day(2019, 6, 25));
    EXPECT_EQ(file.header.immediate_origin, "0121042882");
    ASSERT_EQ(file.batches[0].entries.size(), 1u);
    EXPECT_EQ(file.batches[0].entries[0].amount_cents, 100000000);
    EXPECT_EQ(file.batches[0].entries[0].individual_name, "Receiver Account Name");
    EXPECT_EQ(file.debit_cents, 100000000);
    EXPECT_EQ(file.credit_cents, 0);
    EXPECT_EQ(file.entry_hash, 23138010);
    // The file header (75 characters) and the file control (55) lost their trailing blanks: read as notes.
    ASSERT_EQ(reading.notes.size(), 2u) << all_messages(reading.notes);
    EXPECT_EQ(reading.notes[0].line, 1u);
    EXPECT_EQ(reading.notes[0].record_type, '1');
    EXPECT_EQ(reading.notes[0].code, "short_line");
    EXPECT_EQ(reading.notes[1].line, 5u);
    EXPECT_EQ(reading.notes[1].record_type, '9');
    EXPECT_NE(reading.notes[1].message.find("55 characters"), std::string::npos) << reading.notes[1].message;
}

// An ADV file (service class 280) whose batch is sound but whose file control counts 0 entries and addenda
// for the batch's 2 entries.
TEST(NachaRead, RefusesTheSharedInvalidFileControl) {
    const std::string bytes = test::read_testdata("ach/invalid-file-control.ach");
    const auto reading = check_nacha(bytes);
    ASSERT_EQ(reading.problems.size(), 1u) << all_messages(reading.problems);
    const NachaProblem& p = reading.problems[0];
    EXPECT_EQ(p.line, 6u);
    EXPECT_EQ(p.record_type, '9');
    EXPECT_EQ(p.field, "entry_addenda_count");
    EXPECT_EQ(p.code, "out_of_balance");
    EXPECT_EQ(p.message,
              "line 6: file control (9) entry_addenda_count: 0 stated, 2 counted (2 entries, 0 addenda)");
    // The rest was read: one ADV batch, a credit of 500.00 (81) and a debit of 2,500.00 (82).
    ASSERT_EQ(reading.file.batches.size(), 1u);
    EXPECT_EQ(reading.file.batches[0].sec_code, "ADV");
    EXPECT_EQ(reading.file.credit_cents, 50000);
    EXPECT_EQ(reading.file.debit_cents, 250000);
    auto refused = read_nacha(bytes);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "invalid_ach_file");
    EXPECT_EQ(refused.error().field, "line 6");
    EXPECT_EQ(refused.error().message, p.message);
}

TEST(NachaRead, ATotalBeyondWhatAnInt64HoldsIsNamed) {
    auto lines = lines_of(test::read_testdata("ach/invalid-file-control.ach"));
    ASSERT_EQ(lines.size(), 10u);
    lines[5].replace(31, 20, std::string(20, '9'));  // the ADV file control's 20-digit debit total
    const auto reading = check_nacha(join(lines));
    const auto found =
        std::find_if(reading.problems.begin(), reading.problems.end(),
                     [](const NachaProblem& p) { return p.field == "total_debit_entry_dollar_amount"; });
    ASSERT_NE(found, reading.problems.end()) << all_messages(reading.problems);
    EXPECT_EQ(
        found->message,
        "line 6: file control (9) total_debit_entry_dollar_amount: 99999999999999999999 (columns 32-51) is "
        "more than this reader can count");
}

// Lines 3 (the entry), 5 (the file control) and 6 (the first padding line) carry trailing blanks past
// column 94.
TEST(NachaRead, RefusesTheSharedInvalidLongLine) {
    const std::string bytes = test::read_testdata("ach/invalid-long-line.ach");
    const auto reading = check_nacha(bytes);
    ASSERT_EQ(reading.problems.size(), 3u) << all_messages(reading.problems);
    const std::pair<size_t, size_t> expected[] = {{3, 98}, {5, 101}, {6, 98}};
    for (size_t i = 0; i < 3; ++i) {
        const NachaProblem& p = reading.problems[i];
        EXPECT_EQ(p.line, expected[i].first);
        EXPECT_EQ(p.field, "record_length");
        EXPECT_EQ(p.code, "long_line");
        EXPECT_NE(p.message.find(std::to_string(expected[i].second) + " characters; a NACHA record has 94"),
                  std::string::npos)
            << p.message;
    }
    EXPECT_EQ(reading.problems[0].message,
              "line 3: entry detail (6) record_length: 98 characters; a NACHA record has 94");
    auto refused = read_nacha(bytes);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().message, reading.problems[0].message + " (and 2 more problems)");
}

// ---- our own files read back

void expect_read_back(const std::vector<PayoutOrder>& payouts, const NachaFile& file) {
    size_t found = 0;
    int64_t credits = 0;
    for (const NachaBatch& batch : file.batches) {
        EXPECT_EQ(batch.service_class, 220);
        EXPECT_EQ(batch.company_name, "NORTHWIND FACTOR");
        EXPECT_EQ(batch.company_id, "1234567890");
        EXPECT_EQ(batch.odfi, "03130001");
        for (const NachaEntry& entry : batch.entries) {
            // The trace sequence names the payout's place among all entries of the file, batch by batch.
            const auto it = std::find_if(payouts.begin(), payouts.end(), [&](const PayoutOrder& p) {
                return p.amount.minor == entry.amount_cents && p.routing_number == entry.routing_number &&
                       p.account_number == entry.account_number &&
                       (p.savings ? 32 : 22) == entry.transaction_code &&
                       p.remittance == (entry.addenda.empty() ? "" : entry.addenda[0].payment_info) &&
                       (p.entry_description.empty() ? std::string("ADVANCE") : p.entry_description) ==
                           batch.entry_description &&
                       p.execution_date == batch.effective_date;
            });
            ASSERT_NE(it, payouts.end()) << "entry on line " << entry.line << " pays no payout";
            EXPECT_TRUE(entry.credit);
            EXPECT_EQ(entry.individual_name, it->payee_name);
            EXPECT_EQ(entry.individual_id, it->payee_id);
            credits += entry.amount_cents;
            ++found;
        }
    }
    EXPECT_EQ(found, payouts.size());
    EXPECT_EQ(file.credit_cents, credits);
    EXPECT_EQ(file.debit_cents, 0);
}

TEST(NachaRead, ReadsBackAdvancesAndRebatesInSeveralBatches) {
    PayoutOrder late = payout("pay_late", 300);
    late.execution_date = day(2026, 11, 25);
    PayoutOrder rebate = payout("pay_rebate", 200);
    rebate.entry_description = "REBATE";
    rebate.remittance = "REBATE FOR INV_9";
    rebate.payee_name = "BETA TOOLS";
    rebate.payee_id = "CLI_4";
    rebate.routing_number = "031300012";
    rebate.account_number = "9-88";
    rebate.savings = true;
    PayoutOrder advance = payout("pay_1", 125050);
    advance.remittance = "ADVANCE SCHEDULE SCH_4";
    advance.payee_name = "ACME WIDGETS INC";
    advance.payee_id = "CLI_3";
    late.payee_name = advance.payee_name;
    late.payee_id = advance.payee_id;
    const std::vector<PayoutOrder> payouts{late, advance, rebate};
    const std::string bytes = write_ok(payouts);
    const auto reading = check_nacha(bytes);
    ASSERT_TRUE(reading.ok()) << all_messages(reading.problems);
    EXPECT_TRUE(reading.notes.empty()) << all_messages(reading.notes);
    const NachaFile& file = reading.file;
    ASSERT_EQ(file.batches.size(), 3u);
    EXPECT_EQ(file.batches[0].entry_description, "ADVANCE");
    EXPECT_EQ(file.batches[1].entry_description, "REBATE");
    EXPECT_EQ(file.batches[2].effective_date, day(2026, 11, 25));
    EXPECT_EQ(file.batches[1].entries[0].addenda.size(), 1u);
    EXPECT_EQ(file.batches[1].entries[0].addenda[0].type_code, "05");
    EXPECT_EQ(file.entry_count, 3);
    EXPECT_EQ(file.addenda_count, 2);
    EXPECT_EQ(file.credit_cents, 125550);
    EXPECT_EQ(file.entry_hash, (12104288 * 2 + 3130001) % 10'000'000'000);
    EXPECT_EQ(file.header.creation_date, day(2026, 11, 22));
    EXPECT_EQ(file.header.creation_time, "1405");
    EXPECT_EQ(file.header.origin_name, "NORTHWIND FACTORING");
    expect_read_back(payouts, file);
}

TEST(NachaRead, ReadsBackEveryBlockingOurWriterPads) {
    for (const int entries : {1, 4, 6, 7, 16, 17, 40}) {
        std::vector<PayoutOrder> payouts;
        for (int i = 0; i < entries; ++i) {
            payouts.push_back(payout("pay_" + std::to_string(i), 1000 + i));
            payouts.back().payee_name = "ACME WIDGETS INC";
            payouts.back().payee_id = "CLI_3";
        }
        NachaOptions opts = options();
        opts.line_ending = entries % 2 == 0 ? LineEnding::lf : LineEnding::crlf;
        const auto reading = check_nacha(write_ok(payouts, opts));
        ASSERT_TRUE(reading.ok()) << entries << " entries: " << all_messages(reading.problems);
        EXPECT_EQ(reading.file.line_count % 10, 0u);
        EXPECT_EQ(reading.file.block_count, static_cast<int64_t>((entries + 4 + 9) / 10));
        expect_read_back(payouts, reading.file);
    }
}

// Random payouts written and read back: the reader finds no problem and every payout, with the totals.
RC_GTEST_PROP(NachaReadProperty, WhatWeWriteReadsBackEqual, ()) {
    const char* routings[] = {"231380104", "031300012", "121042882", "011000015", "999999992"};
    const auto count = *rc::gen::inRange(1, 30);
    std::vector<PayoutOrder> payouts;
    for (int i = 0; i < count; ++i) {
        PayoutOrder p = payout("pay_" + std::to_string(i), *rc::gen::inRange<int64_t>(1, 9'999'999'999));
        p.payee_name = "ACME WIDGETS INC";
        p.payee_id = "CLI_3";
        p.routing_number = routings[*rc::gen::inRange(0, 5)];
        p.savings = *rc::gen::arbitrary<bool>();
        p.execution_date = day(2026, 11, 22).plus_days(*rc::gen::inRange(0, 3));
        p.entry_description = *rc::gen::element<std::string>("ADVANCE", "REBATE");
        if (*rc::gen::arbitrary<bool>())
            p.remittance = "ADVANCE SCHEDULE SCH_" + std::to_string(i);
        payouts.push_back(std::move(p));
    }
    auto written = write_nacha(test::sample_originator(), payouts, options());
    RC_ASSERT(written.has_value());
    const auto reading = check_nacha(written.value());
    RC_ASSERT(reading.ok());
    int64_t total = 0;
    size_t entries = 0;
    for (const auto& p : payouts)
        total += p.amount.minor;
    for (const auto& b : reading.file.batches)
        entries += b.entries.size();
    RC_ASSERT(entries == payouts.size());
    RC_ASSERT(reading.file.credit_cents == total);
    expect_read_back(payouts, reading.file);
}

// ---- broken files, each problem named

// A two-entry file of ours: line 1 header, 2 batch header, 3 entry, 4 addenda, 5 entry, 6 batch control,
// 7 file control, 8-10 padding.
std::vector<std::string> sample_lines() {
    PayoutOrder first = payout("pay_1", 125050);
    first.remittance = "Advance schedule sch_4";
    return lines_of(write_ok({first, payout("pay_2", 700)}));
}

struct Broken {
    const char* name;
    std::function<void(std::vector<std::string>&)> change;
    size_t line;
    char record_type;
    const char* field;
    const char* code;
    const char* message;  // the whole message of the first problem
};

TEST(NachaRead, NamesTheLineRecordAndFieldOfEachProblem) {
    const Broken cases[] = {
        {"bad check digit", [](auto& l) { l[2][11] = '3'; }, 3, '6', "check_digit", "check_digit",
         "line 3: entry detail (6) check_digit: routing number 121042883 fails the ABA check: its check "
         "digit 3 "
         "should be 2"},
        {"wrong entry hash", [](auto& l) { l[5].replace(10, 10, "0024208577"); }, 6, '8', "entry_hash",
         "out_of_balance",
         "line 6: batch control (8) entry_hash: 24208577 stated, 24208576 from the entries' receiving bank "
         "ids "
         "(sum of the 8 digits, low 10 digits)"},
        {"wrong batch count", [](auto& l) { l[5].replace(4, 6, "000002"); }, 6, '8', "entry_addenda_count",
         "out_of_balance",
         "line 6: batch control (8) entry_addenda_count: 2 stated, 3 counted (2 entries, 1 addenda)"},
        {"wrong credit total", [](auto& l) { l[6].replace(43, 12, "000000125751"); }, 7, '9',
         "total_credit_entry_dollar_amount", "out_of_balance",
         "line 7: file control (9) total_credit_entry_dollar_amount: 1257.51 stated, 1257.50 in the file's "
         "credit entries"},
        {"wrong block count", [](auto& l) { l[6].replace(7, 6, "000002"); }, 7, '9', "block_count",
         "out_of_balance",
         "line 7: file control (9) block_count: 2 stated, 1 blocks of 10 lines in the file"},
        {"short line", [](auto& l) { l[2].resize(80); }, 3, '6', "record_length", "short_line",
         "line 3: entry detail (6) record_length: 80 characters; a NACHA record has 94, and trace_number "
         "(columns 80-94) is cut short"},
        {"long line", [](auto& l) { l[1] += "X"; }, 2, '5', "record_length", "long_line",
         "line 2: batch header (5) record_length: 95 characters; a NACHA record has 94"},
        {"missing file control", [](auto& l) { l[6] = std::string(94, '9'); }, 7, '9', "record_type",
         "missing_record",
         "line 7: file control (9) record_type: missing: this line is block padding (all nines), which only "
         "follows the file control"},
        {"missing batch control",
         [](auto& l) {
             l.erase(l.begin() + 5);
             l.push_back(std::string(94, '9'));
         },
         6, '8', "record_type", "missing_record",
         "line 6: batch control (8) record_type: missing: the batch that starts on line 2 has no batch "
         "control "
         "before line 6"},
        {"entry outside a batch", [](auto& l) { std::swap(l[1], l[2]); }, 2, '6', "record_type",
         "record_order",
         "line 2: entry detail (6) record_type: an entry outside a batch: no batch header (5) opens it"},
        {"addenda not announced", [](auto& l) { l[2][78] = '0'; }, 4, '7', "addenda_record_indicator",
         "record_order",
         "line 4: addenda (7) addenda_record_indicator: the entry on line 3 says it has no addenda "
         "(indicator 0)"},
        {"letters in the amount", [](auto& l) { l[4].replace(29, 10, "00000007O0"); }, 5, '6', "amount",
         "invalid_field",
         "line 5: entry detail (6) amount: \"00000007O0\" (columns 30-39) is not a 10-digit number"},
        {"no such date", [](auto& l) { l[1].replace(69, 6, "261131"); }, 2, '5', "effective_entry_date",
         "invalid_field",
         "line 2: batch header (5) effective_entry_date: \"261131\" (columns 70-75) is not a YYMMDD date"},
        {"debit in a credit batch", [](auto& l) { l[4].replace(1, 2, "27"); }, 5, '6', "transaction_code",
         "invalid_field",
         "line 5: entry detail (6) transaction_code: 27 is a debit in a batch of service class 220 (credits "
         "only)"},
        {"record size", [](auto& l) { l[0].replace(34, 3, "095"); }, 1, '1', "record_size", "invalid_field",
         "line 1: file header (1) record_size: \"095\" (columns 35-37); NACHA fixes it at \"094\""},
        {"control character", [](auto& l) { l[2][60] = '\t'; }, 3, '6', "individual_name",
         "invalid_character",
         "line 3: entry detail (6) individual_name: column 61 holds the byte 0x09, which is not printable "
         "ASCII"},
        {"unknown record", [](auto& l) { l[3][0] = '4'; }, 4, '4', "record_type", "invalid_field",
         "line 4: record (4) record_type: \"4\" is not a NACHA record type (1, 5, 6, 7, 8 or 9)"},
        {"announced addenda missing", [](auto& l) { l[3][0] = '4'; }, 3, '6', "addenda_record_indicator",
         "missing_record",
         "line 3: entry detail (6) addenda_record_indicator: 1 (an addenda follows), but no addenda (7) "
         "follows "
         "the entry"},
        {"not whole blocks", [](auto& l) { l.pop_back(); }, 9, 0, "blocking", "blocking",
         "line 9: blocking: the file has 9 lines; it must be whole blocks of 10 (pad with lines of 94 "
         "nines to 10)"},
        {"record after the file control", [](auto& l) { l[7] = l[6]; }, 8, '9', "record_type", "record_order",
         "line 8: file control (9) record_type: after the file control on line 7 only block padding (lines "
         "of "
         "94 nines) may follow"},
    };
    for (const Broken& c : cases) {
        auto lines = sample_lines();
        ASSERT_EQ(lines.size(), 10u);
        ASSERT_TRUE(check_nacha(join(lines)).ok());
        c.change(lines);
        const auto reading = check_nacha(join(lines));
        ASSERT_FALSE(reading.ok()) << c.name;
        // The problem the change makes is there (a wrong amount also puts the totals out of balance).
        const auto found = std::find_if(reading.problems.begin(), reading.problems.end(),
                                        [&](const NachaProblem& p) { return p.message == c.message; });
        ASSERT_NE(found, reading.problems.end()) << c.name << ": " << all_messages(reading.problems);
        EXPECT_EQ(found->line, c.line) << c.name;
        EXPECT_EQ(found->record_type, c.record_type) << c.name;
        EXPECT_EQ(found->field, c.field) << c.name;
        EXPECT_EQ(found->code, c.code) << c.name;
        // Problems come in line order.
        EXPECT_TRUE(
            std::is_sorted(reading.problems.begin(), reading.problems.end(),
                           [](const NachaProblem& a, const NachaProblem& b) { return a.line < b.line; }))
            << c.name;
    }
}

TEST(NachaRead, AMissingFileControlAtTheEndIsNamed) {
    auto lines = sample_lines();
    lines.resize(6);  // header, batch, the batch control: no file control, no padding
    const auto reading = check_nacha(join(lines));
    ASSERT_EQ(reading.problems.size(), 2u) << all_messages(reading.problems);
    EXPECT_EQ(
        reading.problems[0].message,
        "line 6: file control (9) record_type: missing: the file ends after line 6 without a file control");
    EXPECT_EQ(reading.problems[1].field, "blocking");
}

TEST(NachaRead, AnEmptyFileOrOneOfPaddingIsRefused) {
    const auto empty = check_nacha("");
    ASSERT_EQ(empty.problems.size(), 1u);
    EXPECT_EQ(empty.problems[0].message, "line 1: file header (1) record_type: the file is empty");
    std::string padding;
    for (int i = 0; i < 10; ++i)
        padding += std::string(94, '9') + "\n";
    const auto only_padding = check_nacha(padding);
    ASSERT_FALSE(only_padding.ok());
    EXPECT_EQ(only_padding.problems[0].code, "missing_record");
}

TEST(NachaRead, ProblemsAreCapped) {
    std::string garbage;
    for (int i = 0; i < 1000; ++i)
        garbage += "x\n";
    const auto reading = check_nacha(garbage);
    ASSERT_EQ(reading.problems.size(), kNachaProblemsMax + 1);
    EXPECT_EQ(reading.problems.back().code, "too_many_problems");
}

}  // namespace
}  // namespace mf::formats
