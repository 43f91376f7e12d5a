// Books out: the journal streamed in pages to a sink as a ledger/hledger journal, a beancount file or CSV
// journal lines (formats/ledger_export.hpp writes them). Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "core/date.hpp"
#include "core/error.hpp"
#include "formats/ledger_export.hpp"

namespace mf {

struct JournalExportRequest {
    formats::JournalFormat format = formats::JournalFormat::ledger;
    std::optional<Date> from;  // effective dates, inclusive; none = from the first entry
    std::optional<Date> to;    // none = through the last entry
    int64_t entries_per_page = 2'000;
};

struct JournalExportSummary {
    int64_t entries = 0;
    int64_t postings = 0;
    int64_t bytes = 0;
};

// Receives the file piece by piece (the header, then a page of entries at a time); an error stops the export.
using ExportSink = std::function<Status(std::string_view chunk)>;

}  // namespace mf
