#include "core/fee_text.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

namespace mf {

// Defined in fees_test.cpp, shared by both fee test files.
void showValue(const FeeSchedule& schedule, std::ostream& os);
namespace testing {
rc::Gen<FeeSchedule> valid_fee_schedules();
}  // namespace testing

namespace {

Currency usd() {
    return Currency::from_code("USD").value();
}
Currency jpy() {
    return Currency::from_code("JPY").value();
}

FeeSchedule parsed(std::string_view text, Currency currency = usd()) {
    auto schedule = parse_fee_schedule(text, currency);
    EXPECT_TRUE(schedule) << text << ": " << (schedule ? "" : schedule.error().message);
    return schedule ? schedule.value() : FeeSchedule{};
}

TEST(FeeText, ReadsTheThreeKinds) {
    FeeSchedule flat;
    flat.kind = FeeKind::flat_plus_periods;
    flat.flat_plus_periods = {20'000, 30, 10'000, 15};
    EXPECT_EQ(parsed("flat 2%/30d +1%/15d"), flat);

    FeeSchedule tiered;
    tiered.kind = FeeKind::tiered;
    tiered.tiered.tiers[0] = {10, 20'000};
    tiered.tiered.tiers[1] = {20, 30'000};
    tiered.tiered.tiers[2] = {30, 40'000};
    tiered.tiered.tier_count = 3;
    tiered.tiered.after_rate_ppm = 200'000;
    EXPECT_EQ(parsed("tiered 2%/10d 3%/20d 4%/30d after 20%"), tiered);

    FeeSchedule daily;
    daily.kind = FeeKind::daily;
    daily.daily = {35'000, 30};
    EXPECT_EQ(parsed("daily 3.5%/30d"), daily);
}

TEST(FeeText, ReadsOptionsInAnyOrder) {
    FeeSchedule expected;
    expected.kind = FeeKind::daily;
    expected.basis = FeeBasis::advance;
    expected.minimum_fee_minor = 500;
    expected.minimum_days = 10;
    expected.daily = {35'000, 30};
    EXPECT_EQ(parsed("daily 3.5%/30d basis=advance min_fee=5.00 min_days=10"), expected);
    EXPECT_EQ(parsed("daily 3.5%/30d min_days=10 min_fee=5 basis=advance"), expected);
    EXPECT_EQ(parsed(" \tdaily   3.50%/30d\nmin_fee=5.0  basis=advance   min_days=10 \n"), expected);
    EXPECT_EQ(parsed("daily 3.5%/30d basis=face").basis, FeeBasis::face);
    EXPECT_EQ(parsed("daily 3.5%/30d min_fee=500", jpy()).minimum_fee_minor, 500);
    EXPECT_EQ(parsed("daily 3.5%/30d min_fee=0.005", Currency::from_code("KWD").value()).minimum_fee_minor,
              5);
}

struct CanonicalCase {
    const char* text;
    const char* canonical;
};

TEST(FeeText, FormatsTheCanonicalForm) {
    const CanonicalCase cases[] = {
        {"flat 2%/30d +1%/15d", "flat 2%/30d +1%/15d"},
        {"  flat  2.0000%/030d   +1.5%/15d  ", "flat 2%/30d +1.5%/15d"},
        {"daily 3.50%/30d basis=face min_fee=0 min_days=0", "daily 3.5%/30d"},
        {"daily 0.0001%/1d min_days=7 basis=advance min_fee=12.5",
         "daily 0.0001%/1d basis=advance min_fee=12.50 min_days=7"},
        {"tiered 2%/10d 3%/20d 4%/30d 6%/40d 8%/50d 10%/60d 12%/70d 15%/80d 18%/90d after 20%",
         "tiered 2%/10d 3%/20d 4%/30d 6%/40d 8%/50d 10%/60d 12%/70d 15%/80d 18%/90d after 20%"},
        {"tiered 0%/5d after 100.0%", "tiered 0%/5d after 100%"},
        {"flat 2%/30d +1%/15d min_fee=5", "flat 2%/30d +1%/15d min_fee=5.00"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(format_fee_schedule(parsed(c.text), usd()), c.canonical) << c.text;
        EXPECT_EQ(format_fee_schedule(parsed(c.canonical), usd()), c.canonical);
    }
    EXPECT_EQ(format_fee_schedule(parsed("daily 3.5%/30d min_fee=500", jpy()), jpy()),
              "daily 3.5%/30d min_fee=500");
}

struct BadText {
    const char* text;
    const char* named;  // the word (or phrase) the message must quote
};

TEST(FeeText, RejectsWithTheWordNamed) {
    const BadText cases[] = {
        {"", "is empty"},
        {"   \t ", "is empty"},
        {"weekly 2%/7d", "'weekly'"},
        {"Daily 3.5%/30d", "'Daily'"},
        {"flat", "'flat' needs"},
        {"flat 2%/30d", "'flat' needs"},
        {"flat 2%/30d 1%/15d", "'flat' needs"},
        {"flat 2/30d +1%/15d", "'2/30d'"},
        {"flat 2%30d +1%/15d", "'2%30d'"},
        {"flat 2%/30 +1%/15d", "'2%/30'"},
        {"flat 2%/0d +1%/15d", "'2%/0d'"},
        {"flat 2%/-3d +1%/15d", "'2%/-3d'"},
        {"flat 2%/x1d +1%/15d", "'2%/x1d'"},
        {"flat 101%/30d +1%/15d", "'101%/30d'"},
        {"flat -1%/30d +1%/15d", "'-1%/30d'"},
        {"flat 1e2%/30d +1%/15d", "'1e2%/30d'"},
        {"flat 2.00001%/30d +1%/15d", "'2.00001%/30d'"},
        {"flat +2%/30d +1%/15d", "'+2%/30d'"},
        {"flat 2%/30d +1%/15d foo", "unknown word 'foo'"},
        {"flat 2%/30d +1%/15d colour=red", "unknown word 'colour=red'"},
        {"daily", "'daily' needs"},
        {"daily 3.5%/99999999999d", "'3.5%/99999999999d'"},
        {"daily 3.5%/30d 1%/5d", "unknown word '1%/5d'"},
        {"daily 3.5%/30d basis=debtor", "'basis=debtor'"},
        {"daily 3.5%/30d basis=", "'basis='"},
        {"daily 3.5%/30d min_fee=5.001", "'min_fee=5.001'"},
        {"daily 3.5%/30d min_fee=-5", "'min_fee=-5'"},
        {"daily 3.5%/30d min_fee=1,000", "'min_fee=1,000'"},
        {"daily 3.5%/30d min_fee=", "'min_fee='"},
        {"daily 3.5%/30d min_days=-1", "'min_days=-1'"},
        {"daily 3.5%/30d min_days=ten", "'min_days=ten'"},
        {"daily 3.5%/30d min_days=1 min_days=2", "'min_days=2': min_days is given twice"},
        {"daily 3.5%/30d basis=face basis=advance", "'basis=advance': basis is given twice"},
        {"tiered 2%/10d 3%/20d", "'after RATE%'"},
        {"tiered 2%/10d after", "'after RATE%'"},
        {"tiered after 20%", "at least one tier"},
        {"tiered 2%/10d 3%/5d after 20%", "'3%/5d'"},
        {"tiered 2%/10d 3%/10d after 20%", "'3%/10d'"},
        {"tiered 3%/10d 2%/20d after 20%", "'2%/20d'"},
        {"tiered 2%/10d after 1%", "'after 1%'"},
        {"tiered 2%/10d after 20", "'20'"},
        {"tiered 2%/10d after 20% 30%", "unknown word '30%'"},
        {"tiered 2%/10d hello after 20%", "'hello'"},
    };
    for (const auto& c : cases) {
        const auto schedule = parse_fee_schedule(c.text, usd());
        ASSERT_FALSE(schedule) << c.text;
        EXPECT_EQ(schedule.error().code, "invalid_fee_schedule") << c.text;
        EXPECT_EQ(schedule.error().field, "fee_schedule") << c.text;
        EXPECT_NE(schedule.error().message.find(c.named), std::string::npos)
            << c.text << " -> " << schedule.error().message;
    }
    EXPECT_FALSE(parse_fee_schedule("daily 3.5%/30d min_fee=5.5", jpy()));  // JPY has no decimals
}

TEST(FeeText, AtMostSixteenTiers) {
    std::string text = "tiered";
    for (int i = 1; i <= kMaxFeeTiers; ++i)
        text += " 1%/" + std::to_string(i) + "d";
    EXPECT_EQ(parsed(text + " after 2%").tiered.tier_count, kMaxFeeTiers);
    const auto seventeen = parse_fee_schedule(text + " 1%/17d after 2%", usd());
    ASSERT_FALSE(seventeen);
    EXPECT_NE(seventeen.error().message.find("'1%/17d': at most 16 tiers"), std::string::npos)
        << seventeen.error().message;
}

RC_GTEST_PROP(FeeTextProperties, ParseOfFormatIsTheSameSchedule, ()) {
    const FeeSchedule schedule = *testing::valid_fee_schedules();
    const Currency currency = *rc::gen::element(usd(), jpy(), Currency::from_code("KWD").value());
    const std::string text = format_fee_schedule(schedule, currency);
    const auto read_back = parse_fee_schedule(text, currency);
    RC_ASSERT(read_back.has_value());
    RC_ASSERT(read_back.value() == schedule);
    RC_ASSERT(format_fee_schedule(read_back.value(), currency) == text);
}

// Any spelling a person may write (more whitespace, options shuffled, defaults spelled out) reads as the same
// schedule and formats back to the canonical text.
RC_GTEST_PROP(FeeTextProperties, FormatOfParseIsCanonical, ()) {
    const FeeSchedule schedule = *testing::valid_fee_schedules();
    const std::string canonical = format_fee_schedule(schedule, usd());
    std::vector<std::string> words;
    for (size_t at = 0; at < canonical.size();) {
        const size_t end = std::min(canonical.find(' ', at), canonical.size());
        words.emplace_back(canonical.substr(at, end - at));
        at = end + 1;
    }
    const auto is_option = [](const std::string& word) { return word.find('=') != std::string::npos; };
    const auto first_option = std::find_if(words.begin(), words.end(), is_option);
    std::vector<std::string> options(first_option, words.end());
    words.erase(first_option, words.end());
    if (schedule.basis == FeeBasis::face && *rc::gen::arbitrary<bool>())
        options.emplace_back("basis=face");
    if (schedule.minimum_days == 0 && *rc::gen::arbitrary<bool>())
        options.emplace_back("min_days=0");
    if (schedule.minimum_fee_minor == 0 && *rc::gen::arbitrary<bool>())
        options.emplace_back("min_fee=0");
    const auto order = *rc::gen::container<std::vector<int>>(options.size(), rc::gen::arbitrary<int>());
    std::vector<size_t> index(options.size());
    for (size_t i = 0; i < index.size(); ++i)
        index[i] = i;
    std::sort(index.begin(), index.end(), [&](size_t a, size_t b) { return order[a] < order[b]; });
    for (size_t i : index)
        words.push_back(options[i]);

    std::string text = *rc::gen::element<std::string>("", " ", "\t", "\n  ");
    for (const std::string& word : words)
        text += word + *rc::gen::element<std::string>(" ", "  ", "\t", " \n ");
    const auto read_back = parse_fee_schedule(text, usd());
    RC_ASSERT(read_back.has_value());
    RC_ASSERT(read_back.value() == schedule);
    RC_ASSERT(format_fee_schedule(read_back.value(), usd()) == canonical);
}

}  // namespace
}  // namespace mf
