// NACHA ACH files read back and checked (formats/nacha_read.hpp). Every problem and note names a line of the
// file (or the one after it), a field and a stable code, and its message starts with "line N: "; problems
// come in line order; read_nacha refuses exactly the files check_nacha finds a problem in, with the first
// problem's line. A file without problems adds up: its batches' entries are the entry count, their sums are
// the file's totals, its lines are whole blocks of 10, and the writer's own records read back.
#include <cstdint>
#include <string>
#include <string_view>

#include "formats/nacha_read.hpp"
#include "fuzz_check.hpp"

namespace {

void check_problem(const mf::formats::NachaProblem& p, size_t line_count) {
    FUZZ_CHECK(p.line >= 1 && p.line <= line_count + 1, p.message);
    FUZZ_CHECK(!p.field.empty(), p.message);
    mf::fuzz::check_error(mf::make_error(p.code, p.message, p.field));
    FUZZ_CHECK(p.message.starts_with("line " + std::to_string(p.line) + ": "), p.message);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace mf::formats;
    const std::string_view bytes = mf::fuzz::as_text(data, size);
    const NachaReading reading = check_nacha(bytes);
    const NachaFile& file = reading.file;
    FUZZ_CHECK(reading.problems.size() <= kNachaProblemsMax + 1, "problem cap");
    size_t previous_line = 0;
    for (const auto& p : reading.problems) {
        check_problem(p, file.line_count);
        if (p.code != "too_many_problems")
            FUZZ_CHECK(p.line >= previous_line, p.message);
        previous_line = p.line;
    }
    for (const auto& note : reading.notes)
        check_problem(note, file.line_count);

    auto read = read_nacha(bytes);
    FUZZ_CHECK(read.has_value() == reading.ok(), "read_nacha and check_nacha disagree");
    if (!read) {
        mf::fuzz::check_error(read.error());
        FUZZ_CHECK(read.error().field == "line " + std::to_string(reading.problems.front().line),
                   read.error().field);
        return 0;
    }
    FUZZ_CHECK(file.has_file_control && file.line_count % 10 == 0, "a good file is whole blocks");
    FUZZ_CHECK(file.block_count * 10 == static_cast<int64_t>(file.line_count), "block count");
    int64_t entries = 0, addenda = 0, credits = 0, debits = 0;
    for (const NachaBatch& batch : file.batches) {
        FUZZ_CHECK(!batch.entries.empty(), "a good batch has entries");
        FUZZ_CHECK(batch.effective_date.has_value(), "a good batch has its effective date");
        int64_t batch_credits = 0, batch_debits = 0;
        for (const NachaEntry& entry : batch.entries) {
            ++entries;
            addenda += static_cast<int64_t>(entry.addenda.size());
            FUZZ_CHECK(entry.amount_cents >= 0, "amount");
            (entry.credit ? batch_credits : batch_debits) += entry.amount_cents;
        }
        FUZZ_CHECK(batch_credits == batch.credit_cents && batch_debits == batch.debit_cents, "batch sums");
        credits += batch_credits;
        debits += batch_debits;
    }
    FUZZ_CHECK(entries == file.entry_count && addenda == file.addenda_count, "counts");
    FUZZ_CHECK(credits == file.credit_cents && debits == file.debit_cents, "file sums");
    FUZZ_CHECK(file.entry_hash >= 0 && file.entry_hash < 10'000'000'000, "entry hash");
    return 0;
}
