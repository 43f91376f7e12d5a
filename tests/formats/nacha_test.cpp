#include "formats/nacha.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <functional>
#include <sstream>

#include "support/payout_fixtures.hpp"
#include "support/testdata.hpp"

namespace mf::formats {
namespace {

using test::day;

constexpr auto* usd = &test::usd_cents;
constexpr auto* payout = &test::ach_payout;
constexpr auto* options = &test::nacha_options;

Originator factor() {
    return test::sample_originator();
}

// The file's records without line ends; every record must be followed by CR LF.
std::vector<std::string> records_of(const std::string& file, std::string_view end = "\r\n") {
    std::vector<std::string> records;
    size_t at = 0;
    while (at < file.size()) {
        const size_t next = file.find(end, at);
        EXPECT_NE(next, std::string::npos) << "the last record has no line end";
        if (next == std::string::npos)
            break;
        records.push_back(file.substr(at, next - at));
        at = next + end.size();
    }
    return records;
}

std::string write_ok(const std::vector<PayoutOrder>& payouts, const NachaOptions& opts = options()) {
    auto file = write_nacha(factor(), payouts, opts);
    EXPECT_TRUE(file) << (file ? "" : file.error().message);
    return file ? file.value() : std::string();
}

// Field (1-based start column, width, value), as NACHA's record layouts number them.
struct Field {
    size_t start;
    size_t width;
    std::string value;
};

void expect_fields(const std::string& record, const std::vector<Field>& fields) {
    ASSERT_EQ(record.size(), 94u) << record;
    size_t covered = 0;
    for (const Field& f : fields) {
        EXPECT_EQ(f.start, covered + 1) << "fields must tile the record: gap before column " << f.start;
        EXPECT_EQ(f.value.size(), f.width) << "expected value for column " << f.start;
        EXPECT_EQ(record.substr(f.start - 1, f.width), f.value) << "column " << f.start << " in\n" << record;
        covered = f.start - 1 + f.width;
    }
    EXPECT_EQ(covered, 94u);
}

std::string pad(std::string text, size_t width) {
    text.resize(width, ' ');
    return text;
}

TEST(Nacha, EveryFieldSitsInItsColumns) {
    PayoutOrder order = payout("pay_12", 125050);
    order.remittance = "Advance schedule sch_4";
    NachaOptions opts = options();
    opts.reference_code = "PAY 17";
    const auto records = records_of(write_ok({order}, opts));
    ASSERT_EQ(records.size(), 10u);
    expect_fields(records[0], {{1, 1, "1"},
                               {2, 2, "01"},
                               {4, 10, " 231380104"},
                               {14, 10, " 031300012"},
                               {24, 6, "261122"},
                               {30, 4, "1405"},
                               {34, 1, "A"},
                               {35, 3, "094"},
                               {38, 2, "10"},
                               {40, 1, "1"},
                               {41, 23, pad("FEDERAL RESERVE BANK", 23)},
                               {64, 23, pad("NORTHWIND FACTORING", 23)},
                               {87, 8, pad("PAY 17", 8)}});
    expect_fields(records[1], {{1, 1, "5"},
                               {2, 3, "220"},
                               {5, 16, "NORTHWIND FACTOR"},
                               {21, 20, pad("", 20)},
                               {41, 10, "1234567890"},
                               {51, 3, "CCD"},
                               {54, 10, pad("ADVANCE", 10)},
                               {64, 6, pad("", 6)},
                               {70, 6, "261124"},
                               {76, 3, "   "},
                               {79, 1, "1"},
                               {80, 8, "03130001"},
                               {88, 7, "0000001"}});
    expect_fields(records[2], {{1, 1, "6"},
                               {2, 2, "22"},
                               {4, 8, "12104288"},
                               {12, 1, "2"},
                               {13, 17, pad("12345678", 17)},
                               {30, 10, "0000125050"},
                               {40, 15, pad("CLI_3", 15)},
                               {55, 22, pad("ACME WIDGETS INC", 22)},
                               {77, 2, "  "},
                               {79, 1, "1"},
                               {80, 15, "031300010000001"}});
    expect_fields(records[3], {{1, 1, "7"},
                               {2, 2, "05"},
                               {4, 80, pad("ADVANCE SCHEDULE SCH_4", 80)},
                               {84, 4, "0001"},
                               {88, 7, "0000001"}});
    expect_fields(records[4], {{1, 1, "8"},
                               {2, 3, "220"},
                               {5, 6, "000002"},
                               {11, 10, "0012104288"},
                               {21, 12, "000000000000"},
                               {33, 12, "000000125050"},
                               {45, 10, "1234567890"},
                               {55, 19, pad("", 19)},
                               {74, 6, pad("", 6)},
                               {80, 8, "03130001"},
                               {88, 7, "0000001"}});
    expect_fields(records[5], {{1, 1, "9"},
                               {2, 6, "000001"},
                               {8, 6, "000001"},
                               {14, 8, "00000002"},
                               {22, 10, "0012104288"},
                               {32, 12, "000000000000"},
                               {44, 12, "000000125050"},
                               {56, 39, pad("", 39)}});
    for (size_t i = 6; i < records.size(); ++i)
        EXPECT_EQ(records[i], std::string(94, '9'));
}

// The moov-io sample (a valid CCD file) read with the same column table: the constants sit where ours do and
// the numeric fields are digits in both, so the two files share one layout.
TEST(Nacha, LayoutMatchesTheReferenceCcdFile) {
    std::istringstream reference(test::read_testdata("ach/ccd-debit.ach"));
    std::vector<std::string> theirs;
    for (std::string line; std::getline(reference, line);)
        theirs.push_back(line);
    ASSERT_GE(theirs.size(), 6u);
    const auto ours = records_of(write_ok({payout("pay_1", 500000), payout("pay_2", 125)}));
    ASSERT_GE(ours.size(), 6u);
    const auto digits = [](std::string_view s) { return s.find_first_not_of("0123456789") == s.npos; };
    struct Column {
        size_t record;
        size_t start;
        size_t width;
        bool numeric;
    };
    // header: priority, dates, size/blocking/format; batch: class, SEC, effective date, ODFI, number; entry:
    // RDFI, check digit, amount, addenda indicator, trace; controls: counts, hash, totals, ODFI, batch
    // number.
    const Column columns[] = {
        {0, 1, 1, true},   {0, 2, 2, true},   {0, 24, 6, true},  {0, 35, 6, true},  {1, 1, 1, true},
        {1, 2, 3, true},   {1, 51, 3, false}, {1, 70, 6, true},  {1, 79, 1, true},  {1, 80, 8, true},
        {1, 88, 7, true},  {2, 1, 1, true},   {2, 2, 2, true},   {2, 4, 8, true},   {2, 12, 1, true},
        {2, 30, 10, true}, {2, 79, 1, true},  {2, 80, 15, true}, {4, 1, 1, true},   {4, 2, 3, true},
        {4, 5, 6, true},   {4, 11, 10, true}, {4, 21, 12, true}, {4, 33, 12, true}, {4, 80, 8, true},
        {4, 88, 7, true},  {5, 1, 1, true},   {5, 2, 6, true},   {5, 8, 6, true},   {5, 14, 8, true},
        {5, 22, 10, true}, {5, 32, 12, true}, {5, 44, 12, true},
    };
    for (const Column& c : columns) {
        const std::string mine = ours[c.record].substr(c.start - 1, c.width);
        const std::string reference_field = theirs[c.record].substr(c.start - 1, c.width);
        if (c.numeric) {
            EXPECT_TRUE(digits(mine)) << "record " << c.record << " column " << c.start << ": " << mine;
            EXPECT_TRUE(digits(reference_field)) << "record " << c.record << " column " << c.start;
        }
    }
    // Constants the two files must share exactly.
    EXPECT_EQ(ours[0].substr(0, 3), theirs[0].substr(0, 3));    // "101"
    EXPECT_EQ(ours[0].substr(34, 6), theirs[0].substr(34, 6));  // "094101"
    EXPECT_EQ(ours[1].substr(50, 3), theirs[1].substr(50, 3));  // "CCD"
    EXPECT_EQ(ours[1][78], theirs[1][78]);                      // originator status "1"
    EXPECT_EQ(ours[1].substr(87, 7), theirs[1].substr(87, 7));  // batch 0000001
    EXPECT_EQ(ours[2].substr(0, 1), theirs[2].substr(0, 1));
    EXPECT_EQ(ours[3].substr(87, 7), theirs[3].substr(87, 7));  // trace sequence 0000002
    EXPECT_EQ(ours[4].substr(4, 6), theirs[4].substr(4, 6));    // two entries, no addenda
    EXPECT_EQ(ours[5].substr(0, 21), theirs[5].substr(0, 21));  // 1 batch, 1 block, 2 entries
    // The same amounts: the reference debits 5000.00 + 1.25, we credit them.
    EXPECT_EQ(ours[4].substr(32, 12), theirs[4].substr(20, 12));
    EXPECT_EQ(theirs.back().substr(0, 94), std::string(94, '9'));
    EXPECT_EQ(ours.back(), std::string(94, '9'));
}

TEST(Nacha, RoutingNumberCheckDigit) {
    for (const char* good : {"231380104", "031300012", "121042882", "011000015", "999999992"})
        EXPECT_TRUE(is_valid_routing_number(good)) << good;
    for (const char* bad : {"231380105", "121042883", "12104288", "1210428820", "12104288a", "", "-21042882"})
        EXPECT_FALSE(is_valid_routing_number(bad)) << bad;
}

TEST(Nacha, EntryHashKeepsTheLowTenDigits) {
    std::vector<PayoutOrder> payouts;
    for (int i = 0; i < 101; ++i) {
        payouts.push_back(payout("pay_" + std::to_string(i), 100));
        payouts.back().routing_number = "999999992";
    }
    const auto records = records_of(write_ok(payouts));
    // 101 x 99,999,999 = 10,099,999,899: the hash drops the overflowing digit.
    const std::string& batch_control = records[1 + 1 + 101];
    ASSERT_EQ(batch_control[0], '8');
    EXPECT_EQ(batch_control.substr(10, 10), "0099999899");
    const std::string& file_control = records[1 + 1 + 101 + 1];
    ASSERT_EQ(file_control[0], '9');
    EXPECT_EQ(file_control.substr(21, 10), "0099999899");
}

TEST(Nacha, PadsToWholeBlocksOfTenRecords) {
    struct Case {
        int entries;
        size_t records;  // header, batch header, entries, batch control, file control
        size_t lines;
        const char* block_count;
    };
    for (const Case c : {Case{1, 5, 10, "000001"}, Case{4, 8, 10, "000001"}, Case{6, 10, 10, "000001"},
                         Case{7, 11, 20, "000002"}, Case{16, 20, 20, "000002"}, Case{17, 21, 30, "000003"}}) {
        std::vector<PayoutOrder> payouts;
        for (int i = 0; i < c.entries; ++i)
            payouts.push_back(payout("pay_" + std::to_string(i), 1000 + i));
        const auto records = records_of(write_ok(payouts));
        ASSERT_EQ(records.size(), c.lines) << c.entries << " entries";
        EXPECT_EQ(records[c.records - 1][0], '9') << c.entries << " entries";
        EXPECT_EQ(records[c.records - 1].substr(7, 6), c.block_count);
        for (size_t i = c.records; i < records.size(); ++i)
            EXPECT_EQ(records[i], std::string(94, '9'));
        if (c.records < records.size()) {
            EXPECT_NE(records[c.records - 1], std::string(94, '9'));
        }
    }
}

TEST(Nacha, OneBatchPerEffectiveDateAndDescription) {
    PayoutOrder late = payout("pay_late", 300);
    late.execution_date = day(2026, 11, 25);
    PayoutOrder rebate = payout("pay_rebate", 200);
    rebate.entry_description = "Rebate";
    rebate.remittance = "rebate for inv_9";
    const auto records = records_of(write_ok({late, payout("pay_1", 100), rebate, payout("pay_2", 50)}));
    std::vector<std::string> batch_headers;
    std::vector<std::string> entry_amounts;
    for (const auto& r : records) {
        if (r[0] == '5')
            batch_headers.push_back(r.substr(53, 10) + r.substr(69, 6) + r.substr(87, 7));
        if (r[0] == '6')
            entry_amounts.push_back(r.substr(29, 10) + r.substr(79, 15));
    }
    EXPECT_EQ(batch_headers, (std::vector<std::string>{"ADVANCE   2611240000001", "REBATE    2611240000002",
                                                       "ADVANCE   2611250000003"}));
    // Entries keep the payouts' order inside a batch; trace numbers ascend through the file.
    EXPECT_EQ(entry_amounts,
              (std::vector<std::string>{"0000000100031300010000001", "0000000050031300010000002",
                                        "0000000200031300010000003", "0000000300031300010000004"}));
    const std::string& file_control = records[1 + 3 * 2 + 4 + 1];
    EXPECT_EQ(file_control.substr(0, 21),
              "900000300000200000005");  // 3 batches, 2 blocks, 4 entries + 1 addenda
}

TEST(Nacha, EffectiveDateOptionOverridesThePayoutsDates) {
    PayoutOrder late = payout("pay_late", 300);
    late.execution_date = day(2026, 11, 30);
    NachaOptions opts = options();
    opts.effective_entry_date = day(2026, 11, 23);
    const auto records = records_of(write_ok({late, payout("pay_1", 100)}, opts));
    EXPECT_EQ(records[1].substr(69, 6), "261123");
    EXPECT_EQ(records[4][0], '8');  // one batch
}

TEST(Nacha, SavingsPpdAndLineFeeds) {
    PayoutOrder savings = payout("pay_1", 100);
    savings.savings = true;
    NachaOptions opts = options();
    opts.sec_code = AchSecCode::ppd;
    opts.line_ending = LineEnding::lf;
    opts.file_id_modifier = '7';
    const std::string file = write_ok({savings}, opts);
    EXPECT_EQ(file.find('\r'), std::string::npos);
    const auto records = records_of(file, "\n");
    ASSERT_EQ(records.size(), 10u);
    EXPECT_EQ(records[0][33], '7');
    EXPECT_EQ(records[1].substr(50, 3), "PPD");
    EXPECT_EQ(records[2].substr(0, 3), "632");
}

TEST(Nacha, ImmediateOriginMayBeTenDigits) {
    Originator originator = factor();
    originator.ach_immediate_origin = "1987654321";
    auto file = write_nacha(originator, {payout("pay_1", 100)}, options());
    ASSERT_TRUE(file);
    EXPECT_EQ(file.value().substr(13, 10), "1987654321");
}

TEST(Nacha, NamesAreTransliteratedUpperCasedAndCut) {
    PayoutOrder order = payout("pay_1", 100);
    order.payee_name = "  Müller & Søhne — Straße Großhandel GmbH ";
    order.remittance = "Vorschuss für Rechnung Nr. 17\tund\n18";
    const auto records = records_of(write_ok({order}));
    EXPECT_EQ(records[2].substr(54, 22), "MULLER & SOHNE - STRAS");
    EXPECT_EQ(records[3].substr(3, 80), pad("VORSCHUSS FUR RECHNUNG NR. 17 UND 18", 80));
    order.payee_name = "ООО Ромашка";
    const auto cyrillic = records_of(write_ok({order}));
    EXPECT_EQ(cyrillic[2].substr(54, 22), pad("OOO ROMASKA", 22));
}

struct Rejected {
    const char* name;
    std::function<void(PayoutOrder&)> change;
    const char* code;
    const char* field;
};

TEST(Nacha, RejectsBadPayoutsNamingPayoutAndField) {
    const Rejected cases[] = {
        {"routing check digit", [](PayoutOrder& p) { p.routing_number = "121042883"; },
         "invalid_routing_number", "payouts[1].routing_number"},
        {"routing length", [](PayoutOrder& p) { p.routing_number = "12104288"; }, "invalid_routing_number",
         "payouts[1].routing_number"},
        {"long account", [](PayoutOrder& p) { p.account_number = "123456789012345678"; },
         "invalid_account_number", "payouts[1].account_number"},
        {"account characters", [](PayoutOrder& p) { p.account_number = "1234 5678"; },
         "invalid_account_number", "payouts[1].account_number"},
        {"empty account", [](PayoutOrder& p) { p.account_number.clear(); }, "invalid_account_number",
         "payouts[1].account_number"},
        {"zero amount", [](PayoutOrder& p) { p.amount = usd(0); }, "invalid_amount", "payouts[1].amount"},
        {"negative amount", [](PayoutOrder& p) { p.amount = usd(-100); }, "invalid_amount",
         "payouts[1].amount"},
        {"eleven digits", [](PayoutOrder& p) { p.amount = usd(10'000'000'000); }, "invalid_amount",
         "payouts[1].amount"},
        {"euro",
         [](PayoutOrder& p) {
             p.amount = Money{100, Currency::from_code("EUR").value()};
         },
         "unsupported_currency", "payouts[1].amount"},
        {"no name", [](PayoutOrder& p) { p.payee_name = " \t"; }, "missing_field", "payouts[1].payee_name"},
        {"not utf-8", [](PayoutOrder& p) { p.payee_name = "Acme \xff"; }, "invalid_text", "payee_name"},
        {"long payee id", [](PayoutOrder& p) { p.payee_id = "client_1234567890"; }, "invalid_payee_id",
         "payouts[1].payee_id"},
        {"long description", [](PayoutOrder& p) { p.entry_description = "ADVANCE PAYMENT"; },
         "invalid_entry_description", "payouts[1].entry_description"},
        {"before the file", [](PayoutOrder& p) { p.execution_date = day(2026, 11, 21); }, "invalid_date",
         "payouts[1].execution_date"},
    };
    for (const Rejected& c : cases) {
        PayoutOrder bad = payout("pay_bad", 100);
        c.change(bad);
        auto file = write_nacha(factor(), {payout("pay_ok", 100), bad}, options());
        ASSERT_FALSE(file) << c.name;
        EXPECT_EQ(file.error().code, c.code) << c.name;
        EXPECT_EQ(file.error().field, c.field) << c.name;
        if (std::string_view(c.field).starts_with("payouts")) {
            EXPECT_TRUE(file.error().message.starts_with("payout pay_bad: ")) << file.error().message;
        }
    }
}

TEST(Nacha, RejectsBadOriginatorOptionsAndEmptyLists) {
    EXPECT_EQ(write_nacha(factor(), {}, options()).error().code, "no_payouts");
    const std::vector<PayoutOrder> one{payout("pay_1", 100)};
    const std::pair<std::function<void(Originator&)>, const char*> originators[] = {
        {[](Originator& o) { o.ach_destination = "23138010"; }, "ach_destination"},
        {[](Originator& o) { o.ach_odfi_routing = "031300013"; }, "ach_odfi_routing"},
        {[](Originator& o) { o.ach_immediate_origin = "12345"; }, "ach_immediate_origin"},
        {[](Originator& o) { o.ach_company_id = "12345678901"; }, "ach_company_id"},
        {[](Originator& o) { o.ach_company_id = "12-45"; }, "ach_company_id"},
        {[](Originator& o) { o.name = "  "; }, "name"},
    };
    for (const auto& [change, field] : originators) {
        Originator originator = factor();
        change(originator);
        auto file = write_nacha(originator, one, options());
        ASSERT_FALSE(file) << field;
        EXPECT_EQ(file.error().field, field);
    }
    const std::pair<std::function<void(NachaOptions&)>, const char*> bad_options[] = {
        {[](NachaOptions& o) { o.file_id_modifier = 'a'; }, "file_id_modifier"},
        {[](NachaOptions& o) { o.file_creation_minute_of_day = 1440; }, "file_creation_minute_of_day"},
        {[](NachaOptions& o) { o.reference_code = "TOO LONG REF"; }, "reference_code"},
        {[](NachaOptions& o) { o.reference_code = "pay_17"; }, "reference_code"},
    };
    for (const auto& [change, field] : bad_options) {
        NachaOptions opts = options();
        change(opts);
        auto file = write_nacha(factor(), one, opts);
        ASSERT_FALSE(file) << field;
        EXPECT_EQ(file.error().code, "invalid_option");
        EXPECT_EQ(file.error().field, field);
    }
}

TEST(Nacha, RejectsTotalsBeyondTwelveDigits) {
    std::vector<PayoutOrder> payouts(101, payout("pay_big", 9'999'999'999));
    auto file = write_nacha(factor(), payouts, options());
    ASSERT_FALSE(file);
    EXPECT_EQ(file.error().code, "total_too_large");
}

// Sums the controls from the entries, the way a bank's reader would.
RC_GTEST_PROP(NachaProperty, ControlsEqualTheSumsOfTheEntries, ()) {
    const char* routings[] = {"231380104", "031300012", "121042882", "011000015", "999999992"};
    const auto count = *rc::gen::inRange(1, 40);
    std::vector<PayoutOrder> payouts;
    for (int i = 0; i < count; ++i) {
        PayoutOrder p = payout("pay_" + std::to_string(i), *rc::gen::inRange<int64_t>(1, 9'999'999'999));
        p.routing_number = routings[*rc::gen::inRange(0, 5)];
        p.savings = *rc::gen::arbitrary<bool>();
        p.execution_date = day(2026, 11, 22).plus_days(*rc::gen::inRange(0, 3));
        p.entry_description = *rc::gen::element<std::string>("ADVANCE", "REBATE", "");
        if (*rc::gen::arbitrary<bool>())
            p.remittance = *rc::gen::container<std::string>(rc::gen::inRange<char>(' ', '~'));
        payouts.push_back(std::move(p));
    }
    auto file = write_nacha(factor(), payouts, options());
    RC_ASSERT(file.has_value());
    const auto records = records_of(file.value());
    RC_ASSERT(records.size() % 10 == 0);
    int64_t entries = 0, addenda = 0, hash = 0, credits = 0, batches = 0;
    int64_t batch_count = 0, batch_hash = 0, batch_credits = 0;
    for (const auto& r : records) {
        RC_ASSERT(r.size() == 94u);
        switch (r[0]) {
            case '5':
                ++batches;
                batch_count = batch_hash = batch_credits = 0;
                break;
            case '6':
                ++entries;
                ++batch_count;
                batch_hash += std::stoll(r.substr(3, 8));
                batch_credits += std::stoll(r.substr(29, 10));
                hash += std::stoll(r.substr(3, 8));
                credits += std::stoll(r.substr(29, 10));
                break;
            case '7':
                ++addenda;
                ++batch_count;
                break;
            case '8':
                RC_ASSERT(std::stoll(r.substr(4, 6)) == batch_count);
                RC_ASSERT(std::stoll(r.substr(10, 10)) == batch_hash % 10'000'000'000);
                RC_ASSERT(std::stoll(r.substr(32, 12)) == batch_credits);
                break;
            case '9':
                if (r != std::string(94, '9')) {
                    RC_ASSERT(std::stoll(r.substr(1, 6)) == batches);
                    RC_ASSERT(std::stoll(r.substr(7, 6)) == static_cast<int64_t>(records.size() / 10));
                    RC_ASSERT(std::stoll(r.substr(13, 8)) == entries + addenda);
                    RC_ASSERT(std::stoll(r.substr(21, 10)) == hash % 10'000'000'000);
                    RC_ASSERT(std::stoll(r.substr(43, 12)) == credits);
                }
                break;
        }
    }
    RC_ASSERT(entries == count);
}

}  // namespace
}  // namespace mf::formats
