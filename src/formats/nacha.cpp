#include "formats/nacha.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

#include "core/text.hpp"
#include "formats/payout_fields.hpp"

namespace mf::formats {
namespace {

constexpr int64_t kEntryHashModulus = 10'000'000'000;      // the 10-digit entry hash keeps the low digits
constexpr int64_t kEntryAmountMaxCents = 9'999'999'999;    // 10-digit amount field
constexpr int64_t kTotalAmountMaxCents = 999'999'999'999;  // 12-digit control totals
constexpr size_t kEntriesPerFileMax = 9'999'999;           // 7-digit trace sequence, unique in the file
constexpr int kMinutesPerDay = 24 * 60;

// One fixed-width record being written left to right. Values are validated before they get here, so a value
// that does not fit its field is a bug.
class Record {
  public:
    Record& alpha(std::string_view text, size_t width) {
        MF_ASSERT(text.size() <= width);
        line_.append(text);
        line_.append(width - text.size(), ' ');
        return *this;
    }
    Record& number(int64_t value, size_t width) {
        const std::string digits = fmt::format("{:0{}}", value, width);
        MF_ASSERT(value >= 0 && digits.size() == width);
        line_.append(digits);
        return *this;
    }
    std::string finish() {
        MF_ASSERT(line_.size() == kNachaRecordLength);
        return std::move(line_);
    }

  private:
    std::string line_;
};

std::string yymmdd(Date date) {
    return fmt::format("{:02}{:02}{:02}", date.year() % 100, date.month(), date.day());
}

// An ACH alphanumeric field from free text: transliterated, upper case, cut to the field.
Result<std::string> ach_text(std::string_view utf8, size_t width, std::string_view field) {
    MF_TRY(auto ascii, to_printable_ascii(utf8, field));
    return truncate_to(to_upper_ascii(ascii), width);
}

struct Entry {
    const PayoutOrder* payout = nullptr;
    std::string receiver_name;  // 22
    std::string individual_id;  // 15
    std::string remittance;     // 80, empty: no addenda
    std::string description;    // 10, the batch's
    Date effective_date;
};

struct Batch {
    Date effective_date;
    std::string description;
    std::vector<const Entry*> entries;
};

struct OriginatorFields {
    std::string destination;       // 10: space + routing number
    std::string origin;            // 10
    std::string destination_name;  // 23
    std::string origin_name;       // 23
    std::string company_name;      // 16
    std::string company_id;        // 10
    std::string odfi;              // 8
};

Result<std::string> routing_field(std::string_view routing_number, std::string_view field) {
    if (!is_valid_routing_number(routing_number))
        return make_error(
            "invalid_routing_number",
            fmt::format("{} \"{}\" is not a 9-digit ABA routing number with a valid check digit", field,
                        routing_number),
            std::string(field));
    return " " + std::string(routing_number);
}

Result<OriginatorFields> originator_fields(const Originator& originator) {
    OriginatorFields fields;
    MF_TRY(fields.destination, routing_field(originator.ach_destination, "ach_destination"));
    MF_TRY(auto odfi_routing, routing_field(originator.ach_odfi_routing, "ach_odfi_routing"));
    fields.odfi = odfi_routing.substr(1, 8);
    if (originator.ach_immediate_origin.size() == 10 && all_digits(originator.ach_immediate_origin)) {
        fields.origin = originator.ach_immediate_origin;  // "1" + EIN, as some banks assign
    } else {
        MF_TRY(fields.origin, routing_field(originator.ach_immediate_origin, "ach_immediate_origin"));
    }
    const auto& id = originator.ach_company_id;
    if (id.empty() || id.size() > 10 || !std::all_of(id.begin(), id.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c));
        }))
        return make_error("invalid_company_id",
                          fmt::format("ach_company_id \"{}\" must be 1 to 10 letters or digits", id),
                          "ach_company_id");
    fields.company_id = id;
    MF_TRY(fields.company_name, ach_text(originator.name, 16, "name"));
    if (fields.company_name.empty())
        return make_error("missing_field", "the originator's name is empty", "name");
    MF_TRY(fields.destination_name, ach_text(originator.ach_destination_name, 23, "ach_destination_name"));
    MF_TRY(fields.origin_name, ach_text(originator.ach_origin_name, 23, "ach_origin_name"));
    return fields;
}

Status check_options(const NachaOptions& options) {
    const char modifier = options.file_id_modifier;
    if (!((modifier >= 'A' && modifier <= 'Z') || (modifier >= '0' && modifier <= '9')))
        return make_error("invalid_option", "the file id modifier must be one of A-Z or 0-9",
                          "file_id_modifier");
    if (options.file_creation_minute_of_day < 0 || options.file_creation_minute_of_day >= kMinutesPerDay)
        return make_error("invalid_option", "the file creation time must be a minute of the day (0..1439)",
                          "file_creation_minute_of_day");
    const auto& reference = options.reference_code;
    if (reference.size() > 8 || !std::all_of(reference.begin(), reference.end(), [](char c) {
            return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ';
        }))
        return make_error("invalid_option",
                          "the reference code is at most 8 capital letters, digits or spaces",
                          "reference_code");
    return ok();
}

// Checks one payout and turns its free text into ACH fields.
Result<Entry> entry_of(size_t index, const PayoutOrder& payout, const NachaOptions& options) {
    Entry entry{.payout = &payout};
    if (payout.amount.currency.code() != "USD")
        return payout_error(index, payout, "amount", "unsupported_currency",
                            fmt::format("ACH pays US dollars only, not {}", payout.amount.currency.code()));
    if (!payout.amount.is_positive() || payout.amount.minor > kEntryAmountMaxCents)
        return payout_error(index, payout, "amount", "invalid_amount",
                            "the amount must be above zero and at most 99,999,999.99");
    if (!is_valid_routing_number(payout.routing_number))
        return payout_error(index, payout, "routing_number", "invalid_routing_number",
                            fmt::format("routing number \"{}\" is not 9 digits with a valid ABA check digit",
                                        payout.routing_number));
    const auto& account = payout.account_number;
    const bool account_chars_ok = std::all_of(account.begin(), account.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '-';
    });
    if (account.empty() || account.size() > 17 || !account_chars_ok)
        return payout_error(index, payout, "account_number", "invalid_account_number",
                            "the account number must be 1 to 17 digits, capital letters or hyphens");
    MF_TRY(entry.receiver_name, ach_text(payout.payee_name, 22, "payee_name"));
    if (entry.receiver_name.empty())
        return payout_error(index, payout, "payee_name", "missing_field",
                            "the payee's name has no letters an ACH file can carry");
    MF_TRY(auto individual_id, ach_text(payout.payee_id, 1000, "payee_id"));
    if (individual_id.size() > 15)
        return payout_error(index, payout, "payee_id", "invalid_payee_id",
                            "the payee id is longer than the 15 characters of the ACH identification number");
    entry.individual_id = std::move(individual_id);
    MF_TRY(entry.remittance, ach_text(payout.remittance, 80, "remittance"));
    const std::string& description_text =
        payout.entry_description.empty() ? options.company_entry_description : payout.entry_description;
    MF_TRY(auto description, ach_text(description_text, 1000, "entry_description"));
    if (description.empty() || description.size() > 10)
        return payout_error(index, payout, "entry_description", "invalid_entry_description",
                            "the company entry description must be 1 to 10 characters");
    entry.description = std::move(description);
    entry.effective_date = options.effective_entry_date.value_or(payout.execution_date);
    MF_CHECK(check_not_before_file(index, payout, entry.effective_date, options.file_creation_date));
    return entry;
}

// One batch per (effective date, description), in that order; entries keep the order of the payouts.
std::vector<Batch> group_into_batches(const std::vector<Entry>& entries) {
    std::map<std::tuple<Date, std::string>, Batch> batches;
    for (const Entry& entry : entries) {
        Batch& batch = batches[{entry.effective_date, entry.description}];
        batch.effective_date = entry.effective_date;
        batch.description = entry.description;
        batch.entries.push_back(&entry);
    }
    std::vector<Batch> ordered;
    for (auto& [key, batch] : batches)
        ordered.push_back(std::move(batch));
    return ordered;
}

struct Totals {
    int64_t entry_and_addenda_count = 0;
    int64_t entry_hash = 0;  // before the modulus
    int64_t credit_cents = 0;
};

std::string sec_code_text(AchSecCode code) {
    return code == AchSecCode::ppd ? "PPD" : "CCD";
}

}  // namespace

namespace {

std::string file_header(const OriginatorFields& originator, const NachaOptions& options) {
    const int hhmm =
        options.file_creation_minute_of_day / 60 * 100 + options.file_creation_minute_of_day % 60;
    return Record{}
        .alpha("1", 1)
        .number(1, 2)  // priority code
        .alpha(originator.destination, 10)
        .alpha(originator.origin, 10)
        .alpha(yymmdd(options.file_creation_date), 6)
        .number(hhmm, 4)
        .alpha(std::string(1, options.file_id_modifier), 1)
        .alpha("094", 3)  // record size
        .alpha("10", 2)   // blocking factor
        .alpha("1", 1)    // format code
        .alpha(originator.destination_name, 23)
        .alpha(originator.origin_name, 23)
        .alpha(options.reference_code, 8)
        .finish();
}

std::string batch_header(const OriginatorFields& originator, const NachaOptions& options, const Batch& batch,
                         int64_t batch_number) {
    return Record{}
        .alpha("5", 1)
        .alpha("220", 3)  // service class: credits only
        .alpha(originator.company_name, 16)
        .alpha("", 20)  // company discretionary data
        .alpha(originator.company_id, 10)
        .alpha(sec_code_text(options.sec_code), 3)
        .alpha(batch.description, 10)
        .alpha("", 6)  // company descriptive date
        .alpha(yymmdd(batch.effective_date), 6)
        .alpha("", 3)   // settlement date: the ACH operator fills it
        .alpha("1", 1)  // originator status: a depository financial institution
        .alpha(originator.odfi, 8)
        .number(batch_number, 7)
        .finish();
}

std::string entry_detail(const OriginatorFields& originator, const Entry& entry, int64_t trace_sequence) {
    const PayoutOrder& payout = *entry.payout;
    return Record{}
        .alpha("6", 1)
        .alpha(payout.savings ? "32" : "22", 2)
        .alpha(std::string_view(payout.routing_number).substr(0, 8), 8)
        .alpha(std::string_view(payout.routing_number).substr(8, 1), 1)
        .alpha(payout.account_number, 17)
        .number(payout.amount.minor, 10)
        .alpha(entry.individual_id, 15)
        .alpha(entry.receiver_name, 22)
        .alpha("", 2)  // discretionary data
        .alpha(entry.remittance.empty() ? "0" : "1", 1)
        .alpha(originator.odfi, 8)
        .number(trace_sequence, 7)
        .finish();
}

std::string addenda(const Entry& entry, int64_t trace_sequence) {
    return Record{}
        .alpha("7", 1)
        .alpha("05", 2)
        .alpha(entry.remittance, 80)
        .number(1, 4)  // addenda sequence number
        .number(trace_sequence, 7)
        .finish();
}

std::string batch_control(const OriginatorFields& originator, const Totals& totals, int64_t batch_number) {
    return Record{}
        .alpha("8", 1)
        .alpha("220", 3)
        .number(totals.entry_and_addenda_count, 6)
        .number(totals.entry_hash % kEntryHashModulus, 10)
        .number(0, 12)  // total debits
        .number(totals.credit_cents, 12)
        .alpha(originator.company_id, 10)
        .alpha("", 19)  // message authentication code
        .alpha("", 6)   // reserved
        .alpha(originator.odfi, 8)
        .number(batch_number, 7)
        .finish();
}

std::string file_control(int64_t batch_count, int64_t block_count, const Totals& totals) {
    return Record{}
        .alpha("9", 1)
        .number(batch_count, 6)
        .number(block_count, 6)
        .number(totals.entry_and_addenda_count, 8)
        .number(totals.entry_hash % kEntryHashModulus, 10)
        .number(0, 12)
        .number(totals.credit_cents, 12)
        .alpha("", 39)
        .finish();
}

// Writes one batch's records and returns its totals.
Result<Totals> write_batch(const OriginatorFields& originator, const NachaOptions& options,
                           const Batch& batch, int64_t batch_number, int64_t& trace_sequence,
                           std::vector<std::string>& lines) {
    lines.push_back(batch_header(originator, options, batch, batch_number));
    Totals totals;
    for (const Entry* entry : batch.entries) {
        ++trace_sequence;
        lines.push_back(entry_detail(originator, *entry, trace_sequence));
        ++totals.entry_and_addenda_count;
        if (!entry->remittance.empty()) {
            lines.push_back(addenda(*entry, trace_sequence));
            ++totals.entry_and_addenda_count;
        }
        totals.entry_hash += std::stoll(entry->payout->routing_number.substr(0, 8));
        totals.credit_cents += entry->payout->amount.minor;
        if (totals.credit_cents > kTotalAmountMaxCents)
            return make_error(
                "total_too_large",
                fmt::format("the payouts of {} ({}) add up to more than the 12 digits of an ACH "
                            "control total",
                            batch.effective_date.to_string(), batch.description),
                "payouts");
    }
    lines.push_back(batch_control(originator, totals, batch_number));
    return totals;
}

}  // namespace

bool is_valid_routing_number(std::string_view routing_number) {
    if (routing_number.size() != 9 || !all_digits(routing_number))
        return false;
    static constexpr int kWeights[9] = {3, 7, 1, 3, 7, 1, 3, 7, 1};
    int sum = 0;
    for (size_t i = 0; i < 9; ++i)
        sum += kWeights[i] * (routing_number[i] - '0');
    return sum % 10 == 0;
}

Result<std::string> write_nacha(const Originator& originator, const std::vector<PayoutOrder>& payouts,
                                const NachaOptions& options) {
    if (payouts.empty())
        return make_error("no_payouts", "an ACH file needs at least one payout", "payouts");
    if (payouts.size() > kEntriesPerFileMax)
        return make_error("too_many_payouts", "an ACH file holds at most 9,999,999 entries", "payouts");
    MF_CHECK(check_options(options));
    MF_TRY(auto fields, originator_fields(originator));
    std::vector<Entry> entries;
    entries.reserve(payouts.size());
    for (size_t i = 0; i < payouts.size(); ++i) {
        MF_TRY(auto entry, entry_of(i, payouts[i], options));
        entries.push_back(std::move(entry));
    }
    const std::vector<Batch> batches = group_into_batches(entries);

    std::vector<std::string> lines{file_header(fields, options)};
    Totals file_totals;
    int64_t trace_sequence = 0;
    for (size_t b = 0; b < batches.size(); ++b) {
        MF_TRY(auto totals,
               write_batch(fields, options, batches[b], static_cast<int64_t>(b) + 1, trace_sequence, lines));
        file_totals.entry_and_addenda_count += totals.entry_and_addenda_count;
        file_totals.entry_hash += totals.entry_hash;
        file_totals.credit_cents += totals.credit_cents;
        if (file_totals.credit_cents > kTotalAmountMaxCents)
            return make_error("total_too_large",
                              "the payouts add up to more than the 12 digits of an ACH file total",
                              "payouts");
    }
    const int64_t record_count = static_cast<int64_t>(lines.size()) + 1;
    const int64_t block_count = (record_count + kNachaBlockingFactor - 1) / kNachaBlockingFactor;
    lines.push_back(file_control(static_cast<int64_t>(batches.size()), block_count, file_totals));
    lines.resize(static_cast<size_t>(block_count * kNachaBlockingFactor),
                 std::string(kNachaRecordLength, '9'));

    const std::string_view end = options.line_ending == LineEnding::crlf ? "\r\n" : "\n";
    std::string file;
    file.reserve(lines.size() * (kNachaRecordLength + end.size()));
    for (const std::string& line : lines) {
        MF_ASSERT(line.size() == kNachaRecordLength);
        file.append(line).append(end);
    }
    return file;
}

}  // namespace mf::formats
