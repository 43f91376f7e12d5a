// NACHA ACH files read back and checked: the records of a file (ours from nacha.hpp, or a bank's), and every
// problem a receiving bank would refuse it for, each naming the line, the record and the field.
// Thread-safety: pure functions.
//
// What is checked:
//  - every line is 94 characters (LF or CR LF ends; a last line without an end is read too). A shorter line
//    whose missing columns are all optional text fields (the blanks some systems strip from the end of a
//    record) is read as padded with blanks and reported as a note, not a problem; one cut into a field that
//    needs a value is a problem naming that field. Only printable ASCII;
//  - record order: one file header first, then batches (header 5, entries 6 each with its addenda 7,
//    control 8), one file control 9, then block padding (lines of 94 nines) only;
//  - field formats: numeric fields are digits, dates are real YYMMDD dates, times HHMM, the constants of
//    the file header (record size 094, blocking factor 10, format code 1), transaction and service class
//    codes, addenda indicators and sequence numbers, required names and ids not blank;
//  - routing numbers' ABA check digits (receiving banks of entries, the immediate destination and origin
//    when they are routing numbers, ADV advice routing numbers);
//  - each batch against its control: service class, entry/addenda count, entry hash (sum of the 8-digit
//    receiving bank ids, low 10 digits), total debits and credits, company id, ODFI, batch number; credits
//    only in a 220 batch and debits only in a 225; trace numbers ascending;
//  - the file control: batch count, block count, entry/addenda count, entry hash, totals;
//  - blocking: whole blocks of 10 records, no block of padding only.
// Standard layouts (CCD, PPD, CTX, WEB, ...) and the ADV layouts (service class 280: 12-digit entry amounts,
// 20-digit control totals) are read; IAT's are not.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"

namespace mf::formats {

// One thing wrong with a file (or, as a note, read leniently).
struct NachaProblem {
    size_t line = 0;       // 1-based physical line
    char record_type = 0;  // '1', '5', '6', '7', '8', '9'; 0 when the line has none
    std::string field;     // snake_case: "entry_hash", "check_digit", "record_length", "record_type", ...
    std::string code;      // long_line, short_line, invalid_field, check_digit, out_of_balance, record_order,
                           // missing_record, blocking, invalid_character, unsupported
    std::string message;   // "line 6: file control (9) entry_addenda_count: ..."
};

struct NachaAddenda {
    size_t line = 0;
    std::string type_code;     // "05"
    std::string payment_info;  // 80 characters of remittance, trailing blanks trimmed (type 05)
    int64_t sequence = 0;      // addenda sequence number (type 05)
};

struct NachaEntry {
    size_t line = 0;
    int transaction_code = 0;    // 22 checking credit, 27 checking debit, 32/37 savings, 81-88 ADV, ...
    bool credit = false;         // from the transaction code
    std::string routing_number;  // the receiving bank's 8 digits and the check digit
    std::string account_number;  // trimmed
    int64_t amount_cents = 0;
    std::string individual_id;    // trimmed (ADV: empty)
    std::string individual_name;  // trimmed
    std::string discretionary_data;
    std::string trace_number;  // 15 digits (ADV: routing of the ACH operator, julian date, sequence)
    std::vector<NachaAddenda> addenda;
};

struct NachaBatch {
    size_t line = 0;
    int service_class = 0;  // 200 mixed, 220 credits, 225 debits, 280 ADV
    std::string company_name;
    std::string company_discretionary_data;
    std::string company_id;
    std::string sec_code;  // "CCD", "PPD", "ADV", ...
    std::string entry_description;
    std::string descriptive_date;
    std::optional<Date> effective_date;
    std::string odfi;  // 8 digits
    int64_t batch_number = 0;
    std::vector<NachaEntry> entries;
    // Counted and summed from the entries (what the control should state).
    int64_t entry_addenda_count = 0;
    int64_t entry_hash = 0;  // low 10 digits
    int64_t debit_cents = 0;
    int64_t credit_cents = 0;
};

struct NachaFileHeader {
    std::string immediate_destination;  // trimmed: a routing number, or 10 digits
    std::string immediate_origin;
    std::optional<Date> creation_date;
    std::string creation_time;  // "HHMM" or ""
    char file_id_modifier = 0;
    std::string destination_name;
    std::string origin_name;
    std::string reference_code;
};

struct NachaFile {
    NachaFileHeader header;
    std::vector<NachaBatch> batches;
    // Counted and summed from the records (what the file control should state).
    int64_t entry_count = 0;
    int64_t addenda_count = 0;
    int64_t entry_hash = 0;  // low 10 digits
    int64_t debit_cents = 0;
    int64_t credit_cents = 0;
    int64_t block_count = 0;  // lines / 10, rounded up
    size_t line_count = 0;    // physical lines, padding included
    bool has_file_control = false;
};

struct NachaReading {
    NachaFile file;
    std::vector<NachaProblem> problems;  // in line order of finding; empty: the file is good
    std::vector<NachaProblem> notes;     // read leniently (blanks stripped from a line's end)
    bool ok() const { return problems.empty(); }
};

// Problems beyond this many are summed up in one last problem (code too_many_problems).
inline constexpr size_t kNachaProblemsMax = 200;

// Reads and checks the whole file; never fails, the problems say what is wrong.
NachaReading check_nacha(std::string_view bytes);

// The file when it has no problem; else invalid_ach_file with the first problem's message (and how many
// more there are), the field naming its line ("line 6").
Result<NachaFile> read_nacha(std::string_view bytes);

// "file header", "batch header", "entry detail", "addenda", "batch control", "file control"; for any other
// byte "record".
std::string_view nacha_record_name(char record_type);

}  // namespace mf::formats
