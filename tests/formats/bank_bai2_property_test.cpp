// BAI2 files written here at random, with their trailers computed independently of the reader: the reader
// must find exactly the credits written, and refuse the file when any trailer figure is off by one.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <fmt/format.h>

#include "formats/bank_test_helpers.hpp"

namespace mf::formats::test {
namespace {

struct Written {
    std::string bytes;
    std::vector<int64_t> credit_amounts;
    int64_t debits = 0;
    int64_t reversals = 0;
    std::vector<size_t> trailer_lines;  // 1-based lines of the 49, 98 and 99 records
};

// Appends a record, split over an 88 continuation at a field boundary when asked; returns how many
// physical records it took.
int64_t add_record(Written& file, std::string_view code, const std::vector<std::string>& fields, bool split) {
    int64_t records = 1;
    std::string line(code);
    for (size_t i = 0; i < fields.size(); ++i) {
        if (split && i > 0 && i == fields.size() / 2) {
            file.bytes += line + "/\n";
            line = "88";
            ++records;
        }
        line += "," + fields[i];
    }
    file.bytes += line + "/\n";
    return records;
}

std::string funds_fields(int kind, int64_t amount) {
    switch (kind) {
        case 1:
            return "0";
        case 2:
            return "V,250301,1200";
        case 3:
            return fmt::format("S,{},{},0", amount / 2, amount - amount / 2);
        case 4:
            return fmt::format("D,2,0,{},1,{}", amount / 3, amount - amount / 3);
        default:
            return "";
    }
}

// One account: its 03, random 16s and its 49; returns the account's control total.
int64_t write_account(Written& file, int64_t& group_records, const std::string& number) {
    static const std::vector<int> kTypeCodes = {108, 115, 142, 165, 195, 208, 301,
                                                399, 409, 475, 495, 555, 252};
    const int64_t opening = *rc::gen::inRange<int64_t>(-1'000'000, 1'000'000);
    int64_t total = opening;
    int64_t records = add_record(file, "03", {number, "", "010", fmt::format("{:+}", opening), "", ""},
                                 *rc::gen::arbitrary<bool>());
    const int details = *rc::gen::inRange(0, 7);
    for (int detail = 0; detail < details; ++detail) {
        const int type_code = *rc::gen::elementOf(kTypeCodes);
        const int64_t amount = *rc::gen::inRange<int64_t>(1, 1'000'000'000);
        total += amount;
        if (type_code == 555 || type_code == 252)
            ++file.reversals;
        else if (type_code >= 400)
            ++file.debits;
        else
            file.credit_amounts.push_back(amount);
        const std::string bank_reference = *rc::gen::elementOf(std::vector<std::string>{"", "BR-1", "BR-2"});
        records += add_record(
            file, "16",
            {std::to_string(type_code), std::to_string(amount), funds_fields(*rc::gen::inRange(0, 5), amount),
             bank_reference, "CUST", "TEXT, WITH COMMAS"},
            *rc::gen::arbitrary<bool>());
    }
    records += add_record(file, "49", {std::to_string(total), std::to_string(records + 1)}, false);
    file.trailer_lines.push_back(static_cast<size_t>(std::count(file.bytes.begin(), file.bytes.end(), '\n')));
    group_records += records;
    return total;
}

Written write_random_bai2() {
    Written file;
    const auto lines_so_far = [&file] {
        return static_cast<size_t>(std::count(file.bytes.begin(), file.bytes.end(), '\n'));
    };
    int64_t file_records =
        add_record(file, "01", {"SENDER", "RECEIVER", "250302", "0800", "RANDOM-1", "", "", "2"}, false);
    int64_t file_total = 0;
    const int groups = *rc::gen::inRange(1, 4);
    for (int group = 0; group < groups; ++group) {
        int64_t group_records =
            add_record(file, "02", {"RECEIVER", "SENDER", "1", "250301", "", "EUR", "2"}, false);
        int64_t group_total = 0;
        const int accounts = *rc::gen::inRange(1, 4);
        for (int account = 0; account < accounts; ++account)
            group_total += write_account(file, group_records, fmt::format("ACC-{}-{}", group, account));
        group_records += add_record(
            file, "98",
            {std::to_string(group_total), std::to_string(accounts), std::to_string(group_records + 1)},
            false);
        file.trailer_lines.push_back(lines_so_far());
        file_records += group_records;
        file_total += group_total;
    }
    add_record(file, "99",
               {std::to_string(file_total), std::to_string(groups), std::to_string(file_records + 1)}, false);
    file.trailer_lines.push_back(lines_so_far());
    return file;
}

RC_GTEST_PROP(BankBai2Property, ReadsExactlyTheCreditsWritten, ()) {
    const Written written = write_random_bai2();
    const auto file = read_bank_file(written.bytes);
    RC_ASSERT(file.has_value());
    RC_ASSERT(file.value().credits.size() == written.credit_amounts.size());
    for (size_t i = 0; i < written.credit_amounts.size(); ++i) {
        RC_ASSERT(file.value().credits[i].amount.minor == written.credit_amounts[i]);
        RC_ASSERT(file.value().credits[i].remittance == "TEXT, WITH COMMAS");
        RC_ASSERT(file.value().credits[i].creditor_reference == "CUST");
    }
    RC_ASSERT(file.value().debits_skipped == written.debits);
    RC_ASSERT(file.value().reversals_skipped == written.reversals);
}

RC_GTEST_PROP(BankBai2Property, AnyTrailerFigureOffByOneIsRefused, ()) {
    const Written written = write_random_bai2();
    const size_t line = *rc::gen::elementOf(written.trailer_lines);
    // The line's fields after the code; pick one figure and add one to it.
    size_t start = 0;
    for (size_t i = 1; i < line; ++i)
        start = written.bytes.find('\n', start) + 1;
    const size_t end = written.bytes.find('\n', start);
    std::string record = written.bytes.substr(start, end - start - 1);  // without the "/"
    std::vector<std::string> fields;
    for (size_t from = 0; from <= record.size();) {
        const size_t comma = std::min(record.find(',', from), record.size());
        fields.push_back(record.substr(from, comma - from));
        from = comma + 1;
    }
    const size_t figure = *rc::gen::inRange<size_t>(1, fields.size());
    fields[figure] = std::to_string(std::stoll(fields[figure]) + 1);
    std::string changed = written.bytes.substr(0, start) + fmt::format("{}", fmt::join(fields, ",")) + "/" +
                          written.bytes.substr(end);
    const auto file = read_bank_file(changed);
    RC_ASSERT(!file.has_value());
    const std::string code = file.error().code;
    RC_ASSERT(code == "control_total_mismatch" || code == "record_count_mismatch");
    RC_ASSERT(file.error().message.starts_with(fmt::format("line {}: ", line)));
}

}  // namespace
}  // namespace mf::formats::test
