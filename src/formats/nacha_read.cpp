#include "formats/nacha_read.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <system_error>

#include "core/text.hpp"
#include "formats/nacha.hpp"

namespace mf::formats {
namespace {

constexpr size_t kLength = kNachaRecordLength;
constexpr int64_t kHashModulus = 10'000'000'000;
constexpr size_t kBlock = static_cast<size_t>(kNachaBlockingFactor);

bool printable(char c) {
    return c >= 0x20 && c <= 0x7e;
}

std::string trim_right(std::string_view text) {
    const size_t end = text.find_last_not_of(' ');
    return end == std::string_view::npos ? std::string() : std::string(text.substr(0, end + 1));
}

// A value as a message may show it: bytes that are not printable become '?'.
std::string shown(std::string_view text) {
    std::string out(text);
    std::replace_if(
        out.begin(), out.end(), [](char c) { return !printable(c); }, '?');
    return out;
}

// Digits to a number; nullopt beyond int64 (a 20-digit ADV total of 9.3 quintillion cents and more).
std::optional<int64_t> to_int(std::string_view digits) {
    int64_t value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc() || end != digits.data() + digits.size())
        return std::nullopt;
    return value;
}

// The check digit a routing number's first 8 digits call for (3-7-1 weights).
char expected_check_digit(std::string_view eight) {
    static constexpr int kWeights[8] = {3, 7, 1, 3, 7, 1, 3, 7};
    int sum = 0;
    for (size_t i = 0; i < 8; ++i)
        sum += kWeights[i] * (eight[i] - '0');
    return static_cast<char>('0' + (10 - sum % 10) % 10);
}

std::string money_text(int64_t cents) {
    return fmt::format("{}.{:02}", cents / 100, cents % 100);
}

// A line of block padding: nines (past column 94, where a long line is wrong anyway, whatever).
bool is_padding(std::string_view line) {
    const auto record = line.substr(0, kLength);
    return !record.empty() && record.find_first_not_of('9') == std::string_view::npos;
}

// Whether a transaction code credits the receiver's account; nullopt for a code that is not one.
std::optional<bool> credit_of(int code, bool adv) {
    if (adv)
        return code >= 81 && code <= 88 ? std::optional<bool>(code % 2 == 1) : std::nullopt;
    const int tens = code / 10;
    const int units = code % 10;
    if (tens >= 2 && tens <= 4 && units != 0 && units != 5)
        return units <= 4;
    if (tens == 5 && units >= 1 && units <= 6)
        return units <= 4;
    return std::nullopt;
}

// Problems and notes of one file, with the cap on how many are kept.
class Sink {
  public:
    explicit Sink(NachaReading& reading) : reading_(reading) {}

    void problem(size_t line, char type, std::string field, std::string code, std::string_view text) {
        if (reading_.problems.size() >= kNachaProblemsMax) {
            ++dropped_;
            return;
        }
        reading_.problems.push_back(make(line, type, std::move(field), std::move(code), text));
    }
    void note(size_t line, char type, std::string field, std::string code, std::string_view text) {
        if (reading_.notes.size() < kNachaProblemsMax)
            reading_.notes.push_back(make(line, type, std::move(field), std::move(code), text));
    }
    void finish(size_t last_line) {
        if (dropped_ > 0) {
            reading_.problems.push_back(make(last_line, 0, "file", "too_many_problems",
                                             fmt::format("{} more problems are not listed", dropped_)));
        }
    }

  private:
    static NachaProblem make(size_t line, char type, std::string field, std::string code,
                             std::string_view text) {
        // "line 6: file control (9) entry_hash: ...", or for a line with no record "line 9: blocking: ...".
        std::string message = type == 0 ? fmt::format("line {}: {}: {}", line, field, text)
                                        : fmt::format("line {}: {} ({}) {}: {}", line,
                                                      nacha_record_name(type), type, field, text);
        return NachaProblem{line, type, std::move(field), std::move(code), std::move(message)};
    }

    NachaReading& reading_;
    size_t dropped_ = 0;
};

// One record's 94 columns being read field by field (a short line padded with blanks); what is wrong goes to
// the sink. A field cut off by a short line is one short_line problem for the record, not a problem of
// its own; a short line that cuts only optional text is a note.
class RecordReader {
  public:
    RecordReader(Sink& sink, size_t line, std::string_view raw)
        : sink_(sink),
          line_(line),
          type_(raw.empty() ? '\0' : raw[0]),
          real_length_(raw.size()),
          text_(raw.substr(0, kLength)) {
        text_.resize(kLength, ' ');
        if (real_length_ > kLength) {
            sink_.problem(line_, type_, "record_length", "long_line",
                          fmt::format("{} characters; a NACHA record has 94", real_length_));
        }
    }
    RecordReader(const RecordReader&) = delete;
    RecordReader& operator=(const RecordReader&) = delete;
    ~RecordReader() {
        if (real_length_ < kLength && !short_reported_) {
            sink_.note(line_, type_, "record_length", "short_line",
                       fmt::format("{} characters, read as padded with blanks to 94 (columns {}-94 hold only "
                                   "optional text)",
                                   real_length_, real_length_ + 1));
        }
    }

    size_t line() const { return line_; }
    char type() const { return type_; }
    std::string_view column(size_t start, size_t width) const {
        return std::string_view(text_).substr(start - 1, width);
    }

    // A problem with the field at columns start..start+width-1.
    void fail(std::string_view field, size_t start, size_t width, std::string code, std::string_view text) {
        if (start + width - 1 > real_length_) {
            if (!short_reported_) {
                short_reported_ = true;
                sink_.problem(
                    line_, type_, "record_length", "short_line",
                    fmt::format("{} characters; a NACHA record has 94, and {} (columns {}-{}) is cut "
                                "short",
                                real_length_, field, start, start + width - 1));
            }
            return;
        }
        sink_.problem(line_, type_, std::string(field), std::move(code), text);
    }
    // A problem of the record as a whole (a total, the order), not of its columns' form.
    void problem(std::string_view field, std::string code, std::string_view text) {
        sink_.problem(line_, type_, std::string(field), std::move(code), text);
    }

    std::optional<int64_t> number(std::string_view field, size_t start, size_t width) {
        const auto value = column(start, width);
        if (!all_digits(value)) {
            fail(field, start, width, "invalid_field",
                 fmt::format("\"{}\" (columns {}-{}) is not a {}-digit number", shown(value), start,
                             start + width - 1, width));
            return std::nullopt;
        }
        const auto number = to_int(value);
        if (!number)
            fail(field, start, width, "invalid_field",
                 fmt::format("{} (columns {}-{}) is more than this reader can count", value, start,
                             start + width - 1));
        return number;
    }
    // Optional text, trailing blanks trimmed.
    std::string text(std::string_view field, size_t start, size_t width) {
        const auto value = column(start, width);
        for (size_t i = 0; i < value.size(); ++i) {
            if (!printable(value[i])) {
                fail(field, start, width, "invalid_character",
                     fmt::format("column {} holds the byte 0x{:02X}, which is not printable ASCII", start + i,
                                 static_cast<unsigned char>(value[i])));
                break;
            }
        }
        return trim_right(value);
    }
    std::string required(std::string_view field, size_t start, size_t width) {
        std::string value = text(field, start, width);
        if (value.empty())
            fail(field, start, width, "invalid_field",
                 fmt::format("columns {}-{} are blank; the field needs a value", start, start + width - 1));
        return value;
    }
    void constant(std::string_view field, size_t start, std::string_view expected) {
        const auto value = column(start, expected.size());
        if (value != expected)
            fail(field, start, expected.size(), "invalid_field",
                 fmt::format("\"{}\" (columns {}-{}); NACHA fixes it at \"{}\"", shown(value), start,
                             start + expected.size() - 1, expected));
    }
    std::optional<Date> date(std::string_view field, size_t start) {
        const auto value = column(start, 6);
        if (all_digits(value)) {
            const int year = static_cast<int>(to_int(value.substr(0, 2)).value_or(0));
            auto date = Date::from_ymd(year < 70 ? 2000 + year : 1900 + year,
                                       static_cast<unsigned>(to_int(value.substr(2, 2)).value_or(0)),
                                       static_cast<unsigned>(to_int(value.substr(4, 2)).value_or(0)));
            if (date)
                return date.value();
        }
        fail(field, start, 6, "invalid_field",
             fmt::format("\"{}\" (columns {}-{}) is not a YYMMDD date", shown(value), start, start + 5));
        return std::nullopt;
    }
    // A 9-digit routing number at start with its ABA check digit last.
    std::string routing(std::string_view field, std::string_view check_field, size_t start) {
        const auto value = column(start, 9);
        if (!all_digits(value)) {
            fail(field, start, 9, "invalid_field",
                 fmt::format("\"{}\" (columns {}-{}) is not a 9-digit routing number", shown(value), start,
                             start + 8));
        } else if (!is_valid_routing_number(value)) {
            fail(check_field, start, 9, "check_digit",
                 fmt::format("routing number {} fails the ABA check: its check digit {} should be {}", value,
                             value[8], expected_check_digit(value.substr(0, 8))));
        }
        return std::string(value);
    }
    // 10 columns holding a blank and a routing number, or 10 digits (an origin like "1" + EIN).
    std::string routing_or_id(std::string_view field, size_t start) {
        const auto value = column(start, 10);
        if (value[0] == ' ')
            return routing(field, field, start + 1);
        if (!all_digits(value))
            fail(field, start, 10, "invalid_field",
                 fmt::format("\"{}\" (columns {}-{}) is neither a blank and a 9-digit routing number nor 10 "
                             "digits",
                             shown(value), start, start + 9));
        return std::string(value);
    }

  private:
    Sink& sink_;
    size_t line_;
    char type_;
    size_t real_length_;
    std::string text_;
    bool short_reported_ = false;
};

// What a batch or file control states, to compare with what was counted.
struct StatedTotals {
    std::optional<int64_t> count, hash, debit, credit;
};

void compare(RecordReader& record, std::string_view field, const std::optional<int64_t>& stated,
             int64_t found, std::string_view what, bool amount) {
    if (!stated || *stated == found)
        return;
    record.problem(field, "out_of_balance",
                   amount ? fmt::format("{} stated, {} {}", money_text(*stated), money_text(found), what)
                          : fmt::format("{} stated, {} {}", *stated, found, what));
}

class Parser {
  public:
    explicit Parser(NachaReading& reading) : reading_(reading), file_(reading.file), sink_(reading) {}

    void run(std::string_view bytes) {
        size_t at = 0;
        size_t number = 0;
        while (at < bytes.size()) {
            size_t end = bytes.find('\n', at);
            const bool last = end == std::string_view::npos;
            if (last)
                end = bytes.size();
            std::string_view line = bytes.substr(at, end - at);
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            on_line(++number, line);
            at = last ? bytes.size() : end + 1;
        }
        file_.line_count = number;
        finish();
    }

  private:
    void on_line(size_t number, std::string_view line) {
        if (line.empty()) {
            sink_.problem(number, 0, "record_length", "short_line",
                          "an empty line; a NACHA record has 94 characters");
            return;
        }
        if (is_padding(line)) {
            on_padding(number, line);
            return;
        }
        RecordReader record(sink_, number, line);
        if (!file_.has_file_control && padding_from_ == 0 && !header_seen_ && record.type() != '1' &&
            !header_missing_reported_) {
            header_missing_reported_ = true;
            sink_.problem(number, '1', "record_type", "missing_record",
                          fmt::format("missing: the file starts with a {} instead", describe(record.type())));
        }
        if (file_.has_file_control || padding_from_ != 0) {
            record.problem(
                "record_type", "record_order",
                file_.has_file_control
                    ? fmt::format("after the file control on line {} only block padding (lines of 94 "
                                  "nines) may follow",
                                  file_control_line_)
                    : fmt::format("after the block padding that starts on line {} only more padding "
                                  "may follow",
                                  padding_from_));
            return;
        }
        switch (record.type()) {
            case '1':
                on_file_header(record);
                return;
            case '5':
                on_batch_header(record);
                return;
            case '6':
                on_entry(record);
                return;
            case '7':
                on_addenda(record);
                return;
            case '8':
                on_batch_control(record);
                return;
            case '9':
                on_file_control(record);
                return;
            default:
                record.problem("record_type", "invalid_field",
                               fmt::format("\"{}\" is not a NACHA record type (1, 5, 6, 7, 8 or 9)",
                                           shown(std::string_view(&line[0], 1))));
        }
    }

    static std::string describe(char type) {
        const auto name = nacha_record_name(type);
        return name == "record" ? std::string("line that is no NACHA record")
                                : fmt::format("{} ({})", name, type);
    }

    void on_padding(size_t number, std::string_view line) {
        if (padding_from_ == 0) {
            padding_from_ = number;
            if (!file_.has_file_control) {
                close_batch_without_control(number);
                sink_.problem(number, '9', "record_type", "missing_record",
                              "missing: this line is block padding (all nines), which only follows the file "
                              "control");
            }
        }
        ++padding_lines_;
        if (line.size() != kLength)
            sink_.problem(number, 0, "record_length", line.size() > kLength ? "long_line" : "short_line",
                          fmt::format("block padding of {} characters; a NACHA record has 94", line.size()));
    }

    void on_file_header(RecordReader& r) {
        if (header_seen_ || r.line() != 1) {
            r.problem("record_type", "record_order",
                      header_seen_ ? "a second file header; a file has one, on its first line"
                                   : "the file header must be the first line");
            return;
        }
        header_seen_ = true;
        NachaFileHeader& h = file_.header;
        r.number("priority_code", 2, 2);
        h.immediate_destination = trim_left(r.routing_or_id("immediate_destination", 4));
        h.immediate_origin = trim_left(r.routing_or_id("immediate_origin", 14));
        h.creation_date = r.date("file_creation_date", 24);
        const auto time = r.column(30, 4);
        if (time != "    ") {
            const auto hhmm = r.number("file_creation_time", 30, 4);
            if (hhmm && (*hhmm / 100 > 23 || *hhmm % 100 > 59))
                r.fail("file_creation_time", 30, 4, "invalid_field",
                       fmt::format("\"{}\" is not a time of day HHMM", time));
            h.creation_time = std::string(time);
        }
        h.file_id_modifier = r.column(34, 1)[0];
        const char m = h.file_id_modifier;
        if (!((m >= 'A' && m <= 'Z') || (m >= '0' && m <= '9')))
            r.fail(
                "file_id_modifier", 34, 1, "invalid_field",
                fmt::format("\"{}\" (column 34) is not one of A-Z or 0-9", shown(std::string_view(&m, 1))));
        r.constant("record_size", 35, "094");
        r.constant("blocking_factor", 38, "10");
        r.constant("format_code", 40, "1");
        h.destination_name = r.text("immediate_destination_name", 41, 23);
        h.origin_name = r.text("immediate_origin_name", 64, 23);
        h.reference_code = r.text("reference_code", 87, 8);
    }

    static std::string trim_left(const std::string& text) {
        const size_t start = text.find_first_not_of(' ');
        return start == std::string::npos ? std::string() : text.substr(start);
    }

    void on_batch_header(RecordReader& r) {
        close_batch_without_control(r.line());
        NachaBatch& b = file_.batches.emplace_back();
        batch_open_ = true;
        b.line = r.line();
        const auto service_class = r.number("service_class_code", 2, 3);
        b.service_class = static_cast<int>(service_class.value_or(0));
        if (service_class && *service_class != 200 && *service_class != 220 && *service_class != 225 &&
            *service_class != 280)
            r.fail("service_class_code", 2, 3, "invalid_field",
                   fmt::format("{} is not a service class (200 mixed, 220 credits, 225 debits, 280 ADV)",
                               *service_class));
        b.company_name = r.required("company_name", 5, 16);
        b.company_discretionary_data = r.text("company_discretionary_data", 21, 20);
        b.company_id = r.required("company_identification", 41, 10);
        b.sec_code = r.required("standard_entry_class_code", 51, 3);
        if (!b.sec_code.empty() &&
            (b.sec_code.size() != 3 ||
             !std::all_of(b.sec_code.begin(), b.sec_code.end(), [](char c) { return c >= 'A' && c <= 'Z'; })))
            r.fail("standard_entry_class_code", 51, 3, "invalid_field",
                   fmt::format("\"{}\" is not a three-letter SEC code", shown(b.sec_code)));
        if (b.sec_code == "IAT")
            r.fail("standard_entry_class_code", 51, 3, "unsupported",
                   "IAT (international) batches have layouts of their own that this reader does not read");
        const bool adv = b.sec_code == "ADV";
        if (adv != (b.service_class == 280) && service_class)
            r.fail(
                "service_class_code", 2, 3, "invalid_field",
                adv ? fmt::format("{} with SEC code ADV; ADV batches have service class 280", b.service_class)
                    : fmt::format("280 (ADV) with SEC code {}", shown(b.sec_code)));
        if (file_.batches.size() == 1) {
            adv_file_ = adv;
        } else if (adv != adv_file_) {
            r.fail("standard_entry_class_code", 51, 3, "invalid_field",
                   "ADV batches cannot share a file with batches of other SEC codes");
        }
        b.entry_description = r.required("company_entry_description", 54, 10);
        b.descriptive_date = r.text("company_descriptive_date", 64, 6);
        b.effective_date = r.date("effective_entry_date", 70);
        const auto settlement = r.column(76, 3);
        if (settlement != "   ") {
            const auto day = r.number("settlement_date", 76, 3);
            if (day && (*day < 1 || *day > 366))
                r.fail("settlement_date", 76, 3, "invalid_field",
                       fmt::format("\"{}\" is not a Julian day (001-366)", settlement));
        }
        const auto status = r.column(79, 1);
        if (status != "0" && status != "1" && status != "2")
            r.fail("originator_status_code", 79, 1, "invalid_field",
                   fmt::format("\"{}\" (column 79) is not 0, 1 or 2", shown(status)));
        if (r.number("originating_dfi_identification", 80, 8))
            b.odfi = std::string(r.column(80, 8));
        const auto batch_number = r.number("batch_number", 88, 7);
        b.batch_number = batch_number.value_or(0);
        if (batch_number && *batch_number <= last_batch_number_)
            r.fail("batch_number", 88, 7, "invalid_field",
                   fmt::format("{} does not ascend from the batch before ({})", *batch_number,
                               last_batch_number_));
        if (batch_number)
            last_batch_number_ = *batch_number;
    }

    bool batch_is_adv() const { return file_.batches.back().sec_code == "ADV"; }

    void on_entry(RecordReader& r) {
        if (!batch_open_) {
            r.problem("record_type", "record_order",
                      "an entry outside a batch: no batch header (5) opens it");
            return;
        }
        close_entry();
        NachaBatch& b = file_.batches.back();
        NachaEntry& e = b.entries.emplace_back();
        entry_open_ = true;
        e.line = r.line();
        const bool adv = batch_is_adv();
        const auto code = r.number("transaction_code", 2, 2);
        if (code) {
            e.transaction_code = static_cast<int>(*code);
            const auto credit = credit_of(e.transaction_code, adv);
            if (!credit) {
                r.fail("transaction_code", 2, 2, "invalid_field",
                       fmt::format("{} is not {} transaction code", *code, adv ? "an ADV (81-88)" : "a"));
            } else {
                e.credit = *credit;
                if (b.service_class == 220 && !e.credit)
                    r.fail(
                        "transaction_code", 2, 2, "invalid_field",
                        fmt::format("{} is a debit in a batch of service class 220 (credits only)", *code));
                if (b.service_class == 225 && e.credit)
                    r.fail(
                        "transaction_code", 2, 2, "invalid_field",
                        fmt::format("{} is a credit in a batch of service class 225 (debits only)", *code));
            }
        }
        const auto rdfi = r.number("receiving_dfi_identification", 4, 8);
        const auto check_digit = r.number("check_digit", 12, 1);
        e.routing_number = std::string(r.column(4, 9));
        if (rdfi)
            add_hash(b, *rdfi);
        if (rdfi && check_digit && !is_valid_routing_number(e.routing_number))
            r.fail("check_digit", 12, 1, "check_digit",
                   fmt::format("routing number {} fails the ABA check: its check digit {} should be {}",
                               e.routing_number, e.routing_number[8], expected_check_digit(r.column(4, 8))));
        const size_t account_width = adv ? 15 : 17;
        e.account_number = r.required("dfi_account_number", 13, account_width);
        const size_t amount_start = 13 + account_width;
        const size_t amount_width = adv ? 12 : 10;
        const auto amount = r.number("amount", amount_start, amount_width);
        e.amount_cents = amount.value_or(0);
        const bool prenote = !adv && (e.transaction_code % 10 == 3 || e.transaction_code % 10 == 8);
        if (amount && prenote && *amount != 0) {
            r.fail("amount", amount_start, amount_width, "invalid_field",
                   fmt::format("{} on a prenotification (transaction code {}); a prenote carries 0",
                               money_text(*amount), e.transaction_code));
        }
        if (adv) {
            r.routing("advice_routing_number", "check_digit", 40);
            r.text("file_identification", 49, 5);
            r.text("ach_operator_data", 54, 1);
        } else {
            e.individual_id = r.text("identification_number", 40, 15);
        }
        e.individual_name = r.text("individual_name", 55, 22);
        e.discretionary_data = r.text("discretionary_data", 77, 2);
        const auto indicator = r.column(79, 1);
        has_addenda_indicator_ = indicator == "1";
        if (indicator != "0" && indicator != "1")
            r.fail("addenda_record_indicator", 79, 1, "invalid_field",
                   fmt::format("\"{}\" (column 79) is not 0 or 1", shown(indicator)));
        if (adv) {
            r.number("ach_operator_routing_number", 80, 8);
            r.number("julian_date_created", 88, 3);
            r.number("sequence_number", 91, 4);
            e.trace_number = std::string(r.column(80, 15));
        } else if (r.number("trace_number", 80, 15)) {
            e.trace_number = std::string(r.column(80, 15));
        }
        if (all_digits(e.trace_number)) {
            if (!last_trace_.empty() && e.trace_number <= last_trace_)
                r.fail("trace_number", 80, 15, "invalid_field",
                       fmt::format("{} does not ascend from the entry before in the batch ({})",
                                   e.trace_number, last_trace_));
            last_trace_ = e.trace_number;
        }
        if (amount && credit_of(e.transaction_code, adv).has_value())
            (e.credit ? b.credit_cents : b.debit_cents) += *amount;
        ++b.entry_addenda_count;
        ++file_.entry_count;
    }

    void add_hash(NachaBatch& b, int64_t rdfi) {
        b.entry_hash = (b.entry_hash + rdfi) % kHashModulus;
        file_.entry_hash = (file_.entry_hash + rdfi) % kHashModulus;
    }

    void on_addenda(RecordReader& r) {
        if (!entry_open_) {
            r.problem("record_type", "record_order", "an addenda that follows no entry detail (6)");
            return;
        }
        NachaBatch& b = file_.batches.back();
        NachaEntry& e = b.entries.back();
        if (!has_addenda_indicator_)
            r.problem("addenda_record_indicator", "record_order",
                      fmt::format("the entry on line {} says it has no addenda (indicator 0)", e.line));
        if (!e.addenda.empty() && b.sec_code != "CTX" && b.sec_code != "ENR")
            r.problem("record_type", "record_order",
                      fmt::format("a second addenda for the entry on line {}; a {} entry has at most one",
                                  e.line, shown(b.sec_code)));
        NachaAddenda& a = e.addenda.emplace_back();
        a.line = r.line();
        const auto type = r.number("addenda_type_code", 2, 2);
        a.type_code = std::string(r.column(2, 2));
        if (type && *type == 5) {
            a.payment_info = r.text("payment_related_information", 4, 80);
            const auto sequence = r.number("addenda_sequence_number", 84, 4);
            a.sequence = sequence.value_or(0);
            if (sequence && *sequence != static_cast<int64_t>(e.addenda.size()))
                r.fail("addenda_sequence_number", 84, 4, "invalid_field",
                       fmt::format("{} where the entry's addenda number {}", *sequence, e.addenda.size()));
            const auto entry_sequence = r.number("entry_detail_sequence_number", 88, 7);
            if (entry_sequence && e.trace_number.size() == 15 &&
                r.column(88, 7) != std::string_view(e.trace_number).substr(8))
                r.fail("entry_detail_sequence_number", 88, 7, "invalid_field",
                       fmt::format("{} is not the last 7 digits of the entry's trace number {}",
                                   r.column(88, 7), e.trace_number));
        } else {
            a.payment_info = r.text("addenda_information", 4, 76);
            r.number("trace_number", 80, 15);
        }
        ++b.entry_addenda_count;
        ++file_.addenda_count;
    }

    // The entry just read is complete: did it have the addenda its indicator promised?
    void close_entry() {
        if (!entry_open_)
            return;
        entry_open_ = false;
        const NachaEntry& e = file_.batches.back().entries.back();
        if (has_addenda_indicator_ && e.addenda.empty())
            sink_.problem(e.line, '6', "addenda_record_indicator", "missing_record",
                          "1 (an addenda follows), but no addenda (7) follows the entry");
    }

    // A batch still open where a batch control should have closed it: at `line`, or at the end of the file.
    void close_batch_without_control(size_t line, bool at_end = false) {
        if (!batch_open_)
            return;
        close_entry();
        batch_open_ = false;
        last_trace_.clear();
        const size_t start = file_.batches.back().line;
        sink_.problem(line, '8', "record_type", "missing_record",
                      at_end ? fmt::format("missing: the batch that starts on line {} has no batch control "
                                           "before the end of the file",
                                           start)
                             : fmt::format("missing: the batch that starts on line {} has no batch control "
                                           "before line {}",
                                           start, line));
    }

    void on_batch_control(RecordReader& r) {
        if (!batch_open_) {
            r.problem("record_type", "record_order",
                      "a batch control (8) with no batch header (5) before it");
            return;
        }
        close_entry();
        batch_open_ = false;
        last_trace_.clear();
        NachaBatch& b = file_.batches.back();
        const bool adv = batch_is_adv();
        const auto service_class = r.number("service_class_code", 2, 3);
        if (service_class && b.service_class != 0 && *service_class != b.service_class)
            r.fail("service_class_code", 2, 3, "out_of_balance",
                   fmt::format("{}, but the batch header on line {} has {}", *service_class, b.line,
                               b.service_class));
        if (b.entries.empty())
            r.problem("entry_addenda_count", "missing_record",
                      fmt::format("the batch that starts on line {} has no entry", b.line));
        StatedTotals stated;
        stated.count = r.number("entry_addenda_count", 5, 6);
        stated.hash = r.number("entry_hash", 11, 10);
        const size_t amount_width = adv ? 20 : 12;
        stated.debit = r.number("total_debit_entry_dollar_amount", 21, amount_width);
        stated.credit = r.number("total_credit_entry_dollar_amount", 21 + amount_width, amount_width);
        const int64_t addenda = b.entry_addenda_count - static_cast<int64_t>(b.entries.size());
        compare(r, "entry_addenda_count", stated.count, b.entry_addenda_count,
                fmt::format("counted ({} entries, {} addenda)", b.entries.size(), addenda), false);
        compare(r, "entry_hash", stated.hash, b.entry_hash,
                "from the entries' receiving bank ids (sum of the 8 digits, low 10 digits)", false);
        compare(r, "total_debit_entry_dollar_amount", stated.debit, b.debit_cents,
                "in the batch's debit entries", true);
        compare(r, "total_credit_entry_dollar_amount", stated.credit, b.credit_cents,
                "in the batch's credit entries", true);
        if (adv) {
            r.text("ach_operator_data", 61, 19);
        } else {
            const std::string company_id = r.text("company_identification", 45, 10);
            if (company_id != b.company_id)
                r.fail("company_identification", 45, 10, "out_of_balance",
                       fmt::format("\"{}\", but the batch header on line {} has \"{}\"", shown(company_id),
                                   b.line, shown(b.company_id)));
            r.text("message_authentication_code", 55, 19);
            r.text("reserved", 74, 6);
        }
        if (r.number("originating_dfi_identification", 80, 8) && !b.odfi.empty() && r.column(80, 8) != b.odfi)
            r.fail(
                "originating_dfi_identification", 80, 8, "out_of_balance",
                fmt::format("{}, but the batch header on line {} has {}", r.column(80, 8), b.line, b.odfi));
        const auto number = r.number("batch_number", 88, 7);
        if (number && *number != b.batch_number)
            r.fail(
                "batch_number", 88, 7, "out_of_balance",
                fmt::format("{}, but the batch header on line {} has {}", *number, b.line, b.batch_number));
    }

    void on_file_control(RecordReader& r) {
        close_batch_without_control(r.line());
        file_.has_file_control = true;
        file_control_line_ = r.line();
        const auto batches = r.number("batch_count", 2, 6);
        compare(r, "batch_count", batches, static_cast<int64_t>(file_.batches.size()), "batches in the file",
                false);
        stated_block_count_ = r.number("block_count", 8, 6);
        const auto count = r.number("entry_addenda_count", 14, 8);
        compare(r, "entry_addenda_count", count, file_.entry_count + file_.addenda_count,
                fmt::format("counted ({} entries, {} addenda)", file_.entry_count, file_.addenda_count),
                false);
        compare(r, "entry_hash", r.number("entry_hash", 22, 10), file_.entry_hash,
                "from the entries' receiving bank ids (sum of the 8 digits, low 10 digits)", false);
        const size_t amount_width = adv_file_ ? 20 : 12;
        int64_t debits = 0;
        int64_t credits = 0;
        for (const NachaBatch& b : file_.batches) {
            debits += b.debit_cents;
            credits += b.credit_cents;
        }
        file_.debit_cents = debits;
        file_.credit_cents = credits;
        compare(r, "total_debit_entry_dollar_amount",
                r.number("total_debit_entry_dollar_amount", 32, amount_width), debits,
                "in the file's debit entries", true);
        compare(r, "total_credit_entry_dollar_amount",
                r.number("total_credit_entry_dollar_amount", 32 + amount_width, amount_width), credits,
                "in the file's credit entries", true);
        const size_t reserved = 32 + 2 * amount_width;
        if (!trim_right(r.column(reserved, kLength + 1 - reserved)).empty())
            r.fail("reserved", reserved, kLength + 1 - reserved, "invalid_field",
                   fmt::format("columns {}-94 must be blank", reserved));
    }

    void finish() {
        if (file_.line_count == 0) {
            sink_.problem(1, '1', "record_type", "missing_record", "the file is empty");
            sink_.finish(1);
            return;
        }
        const size_t last = file_.line_count;
        if (!file_.has_file_control && padding_from_ == 0) {
            close_batch_without_control(last, true);
            sink_.problem(last, '9', "record_type", "missing_record",
                          fmt::format("missing: the file ends after line {} without a file control", last));
        }
        file_.block_count = static_cast<int64_t>((file_.line_count + kBlock - 1) / kBlock);
        if (file_.line_count % kBlock != 0)
            sink_.problem(
                last, 0, "blocking", "blocking",
                fmt::format("the file has {} lines; it must be whole blocks of 10 (pad with lines of 94 "
                            "nines to {})",
                            file_.line_count, file_.block_count * 10));
        if (padding_lines_ >= kBlock)
            sink_.problem(padding_from_, 0, "blocking", "blocking",
                          fmt::format("{} lines of block padding from here: a whole block holds nothing but "
                                      "padding",
                                      padding_lines_));
        if (stated_block_count_ && *stated_block_count_ != file_.block_count)
            sink_.problem(file_control_line_, '9', "block_count", "out_of_balance",
                          fmt::format("{} stated, {} blocks of 10 lines in the file", *stated_block_count_,
                                      file_.block_count));
        std::stable_sort(reading_.problems.begin(), reading_.problems.end(),
                         [](const NachaProblem& a, const NachaProblem& b) { return a.line < b.line; });
        sink_.finish(last);
    }

    NachaReading& reading_;
    NachaFile& file_;
    Sink sink_;
    bool header_seen_ = false;
    bool header_missing_reported_ = false;
    bool batch_open_ = false;
    bool entry_open_ = false;
    bool has_addenda_indicator_ = false;
    bool adv_file_ = false;
    int64_t last_batch_number_ = 0;
    std::string last_trace_;
    size_t file_control_line_ = 0;
    size_t padding_from_ = 0;
    size_t padding_lines_ = 0;
    std::optional<int64_t> stated_block_count_;
};

}  // namespace

std::string_view nacha_record_name(char record_type) {
    switch (record_type) {
        case '1':
            return "file header";
        case '5':
            return "batch header";
        case '6':
            return "entry detail";
        case '7':
            return "addenda";
        case '8':
            return "batch control";
        case '9':
            return "file control";
        default:
            return "record";
    }
}

NachaReading check_nacha(std::string_view bytes) {
    NachaReading reading;
    Parser(reading).run(bytes);
    return reading;
}

Result<NachaFile> read_nacha(std::string_view bytes) {
    NachaReading reading = check_nacha(bytes);
    if (reading.ok())
        return std::move(reading.file);
    const NachaProblem& first = reading.problems.front();
    std::string message = first.message;
    if (reading.problems.size() > 1)
        message += fmt::format(" (and {} more problems)", reading.problems.size() - 1);
    return make_error("invalid_ach_file", std::move(message), fmt::format("line {}", first.line));
}

}  // namespace mf::formats
