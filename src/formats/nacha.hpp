// NACHA ACH credit files (money out): payout orders to the 94-character records an originating bank accepts,
// one batch per effective entry date and company entry description. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "formats/records.hpp"

namespace mf::formats {

enum class AchSecCode { ccd, ppd };  // CCD: business accounts (our clients); PPD: consumer accounts
// NACHA does not fix the record separator; most bank implementation guides ask for CR LF, some accept LF.
enum class LineEnding { crlf, lf };

struct NachaOptions {
    Date file_creation_date;
    int file_creation_minute_of_day = 0;  // 0..1439, written as HHMM
    char file_id_modifier = 'A';          // A-Z, 0-9: tells apart files of the same day
    // When set, every entry settles that day; otherwise each payout's execution_date is its effective date.
    std::optional<Date> effective_entry_date;
    AchSecCode sec_code = AchSecCode::ccd;
    std::string company_entry_description = "PAYOUT";  // for payouts without their own entry_description
    std::string reference_code;                        // file header, up to 8 characters, optional
    LineEnding line_ending = LineEnding::crlf;
};

inline constexpr size_t kNachaRecordLength = 94;
inline constexpr int kNachaBlockingFactor = 10;

// The whole file: header, batches of credit entries (22 checking, 32 savings) with an addenda 05 for each
// payout that has remittance text, batch and file controls, 9-filled lines to a multiple of 10 records. Every
// payout is validated before anything is written; the first problem is returned, naming the payout and the
// field.
Result<std::string> write_nacha(const Originator& originator, const std::vector<PayoutOrder>& payouts,
                                const NachaOptions& options);

// ABA routing number check: 9 digits, 3-7-1 weights, sum divisible by 10.
bool is_valid_routing_number(std::string_view routing_number);

}  // namespace mf::formats
