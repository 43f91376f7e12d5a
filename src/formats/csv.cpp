#include "formats/csv.hpp"

#include <csv.h>

#include <algorithm>
#include <deque>
#include <memory>

#include <fmt/format.h>

namespace mf::formats {
namespace {

std::string_view trim(std::string_view text) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && space(text.back()))
        text.remove_suffix(1);
    return text;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i]))
            return false;
    }
    return true;
}

struct ParserDeleter {
    void operator()(csv_parser* parser) const {
        csv_free(parser);
        delete parser;
    }
};

std::optional<size_t> column_of(const std::vector<std::string>& header, std::string_view name) {
    for (size_t i = 0; i < header.size(); ++i) {
        if (equal_ignoring_case(header[i], trim(name)))
            return i;
    }
    return std::nullopt;
}

std::string_view field_of(const CsvRow& row, std::optional<size_t> column) {
    if (!column || *column >= row.fields.size())
        return {};
    return trim(row.fields[*column]);
}

}  // namespace

// The parser and its callbacks' state: libcsv is fed a physical line at a time (so every error and row knows
// its line) and cannot stop early, so a breach of the limits is remembered and reported after the line.
struct CsvReader::State {
    std::unique_ptr<csv_parser, ParserDeleter> parser;
    CsvLimits limits;
    std::string_view rest;  // not yet fed
    size_t line = 1;        // the physical line being fed
    bool finished = false;  // csv_fini called
    std::optional<Error> error;
    std::vector<std::string> fields;  // of the row being parsed
    std::deque<CsvRow> ready;         // rows parsed, not yet taken (a line can end more than one row)
    bool have_header = false;
    std::vector<std::string> header;
    size_t data_rows = 0;
    CsvRow row;  // the current data row

    static void on_field(void* data, size_t size, void* self_ptr) {
        auto& self = *static_cast<State*>(self_ptr);
        if (self.error)
            return;
        if (size > self.limits.field_bytes_max) {
            self.fail(fmt::format("line {}: a field is longer than {} bytes", self.line,
                                  self.limits.field_bytes_max));
            return;
        }
        if (self.fields.size() >= self.limits.fields_per_row_max) {
            self.fail(fmt::format("line {}: more than {} fields in a row", self.line,
                                  self.limits.fields_per_row_max));
            return;
        }
        self.fields.emplace_back(data == nullptr ? "" : std::string(static_cast<const char*>(data), size));
    }

    static void on_row(int, void* self_ptr) {
        auto& self = *static_cast<State*>(self_ptr);
        if (self.error)
            return;
        // A quoted field may span lines: the row started as many lines earlier as its fields hold breaks.
        size_t breaks = 0;
        for (const auto& field : self.fields)
            breaks += static_cast<size_t>(std::count(field.begin(), field.end(), '\n'));
        const bool blank = std::all_of(self.fields.begin(), self.fields.end(),
                                       [](const std::string& f) { return trim(f).empty(); });
        if (!blank)
            self.ready.push_back(CsvRow{self.line - breaks, std::move(self.fields)});
        self.fields = {};
    }

    void fail(std::string message) { error = make_error("invalid_csv", std::move(message)); }

    // The next row that is not blank into `out`: true, or false at the end of the file.
    Result<bool> take(CsvRow& out) {
        while (ready.empty()) {
            if (error)
                return *error;
            if (rest.empty()) {
                if (finished)
                    return false;
                finished = true;
                if (csv_fini(parser.get(), on_field, on_row, this) != 0 && !error) {
                    fail(fmt::format("line {}: a quoted field is not closed before the end of the file",
                                     line));
                }
                continue;
            }
            const size_t end = rest.find('\n');
            const std::string_view chunk = end == std::string_view::npos ? rest : rest.substr(0, end + 1);
            if (csv_parse(parser.get(), chunk.data(), chunk.size(), on_field, on_row, this) != chunk.size()) {
                fail(
                    fmt::format("line {}: {} (a quote inside an unquoted field, or text after a closing "
                                "quote)",
                                line, csv_strerror(csv_error(parser.get()))));
                return *error;
            }
            rest.remove_prefix(chunk.size());
            if (end != std::string_view::npos)
                ++line;
        }
        out = std::move(ready.front());
        ready.pop_front();
        return true;
    }
};

CsvReader::CsvReader(std::unique_ptr<State> state) : state_(std::move(state)) {}
CsvReader::CsvReader(CsvReader&&) noexcept = default;
CsvReader& CsvReader::operator=(CsvReader&&) noexcept = default;
CsvReader::~CsvReader() = default;

Result<CsvReader> CsvReader::open(std::string_view bytes, const CsvLimits& limits) {
    if (bytes.size() > limits.bytes_max) {
        return make_error("invalid_csv", fmt::format("the file is larger than {} bytes", limits.bytes_max));
    }
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF")
        bytes.remove_prefix(3);
    if (auto bad = first_invalid_utf8(bytes)) {
        const auto line =
            1 + std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(*bad), '\n');
        return make_error("invalid_csv",
                          fmt::format("line {}: the text is not valid UTF-8 (byte {})", line, *bad + 1));
    }
    auto state = std::make_unique<State>();
    state->parser.reset(new csv_parser);
    if (csv_init(state->parser.get(), CSV_STRICT | CSV_STRICT_FINI) != 0) {
        state->parser.release();  // csv_init failed: nothing to free but the struct
        return make_error("internal", "the CSV parser could not start");
    }
    state->limits = limits;
    state->rest = bytes;
    return CsvReader(std::move(state));
}

Status CsvReader::read_header() {
    auto& s = *state_;
    if (s.have_header)
        return ok();
    CsvRow first;
    MF_TRY(const bool found, s.take(first));
    if (!found)
        return make_error("invalid_csv", "the file has no header row");
    for (const auto& name : first.fields)
        s.header.emplace_back(trim(name));
    s.have_header = true;
    return ok();
}

const std::vector<std::string>& CsvReader::header() const {
    return state_->header;
}

std::optional<size_t> CsvReader::column(std::string_view name) const {
    return column_of(state_->header, name);
}

Result<bool> CsvReader::next() {
    MF_CHECK(read_header());
    auto& s = *state_;
    if (s.error)
        return *s.error;  // failed for good: no row after a bad one
    MF_TRY(const bool found, s.take(s.row));
    if (!found)
        return false;
    if (s.data_rows == s.limits.rows_max) {
        s.fail(fmt::format("line {}: more than {} data rows", s.row.line, s.limits.rows_max));
        return *s.error;
    }
    ++s.data_rows;
    for (size_t f = s.header.size(); f < s.row.fields.size(); ++f) {
        if (!trim(s.row.fields[f]).empty()) {
            s.fail(
                fmt::format("line {}: the row has a value in column {}, beyond the {} columns of the header",
                            s.row.line, f + 1, s.header.size()));
            return *s.error;
        }
    }
    return true;
}

const CsvRow& CsvReader::row() const {
    return state_->row;
}
CsvRow& CsvReader::row() {
    return state_->row;
}

std::string_view CsvReader::field(std::optional<size_t> column) const {
    return field_of(state_->row, column);
}

std::optional<size_t> first_invalid_utf8(std::string_view text) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    size_t i = 0;
    while (i < text.size()) {
        const unsigned char lead = bytes[i];
        size_t length = 0;
        uint32_t min = 0;
        if (lead < 0x80) {
            ++i;
            continue;
        }
        if ((lead & 0xE0) == 0xC0)
            length = 2, min = 0x80;
        else if ((lead & 0xF0) == 0xE0)
            length = 3, min = 0x800;
        else if ((lead & 0xF8) == 0xF0)
            length = 4, min = 0x10000;
        else
            return i;
        if (i + length > text.size())
            return i;
        uint32_t code = lead & (0x7F >> length);
        for (size_t k = 1; k < length; ++k) {
            if ((bytes[i + k] & 0xC0) != 0x80)
                return i;
            code = (code << 6) | (bytes[i + k] & 0x3F);
        }
        if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return i;
        i += length;
    }
    return std::nullopt;
}

std::optional<size_t> CsvTable::column(std::string_view name) const {
    return column_of(header, name);
}

std::string_view CsvTable::field(const CsvRow& row, std::optional<size_t> column) const {
    return field_of(row, column);
}

Result<CsvTable> read_csv(std::string_view bytes, const CsvLimits& limits) {
    MF_TRY(auto reader, CsvReader::open(bytes, limits));
    MF_CHECK(reader.read_header());
    CsvTable table;
    table.header = reader.header();
    while (true) {
        MF_TRY(const bool more, reader.next());
        if (!more)
            break;
        table.rows.push_back(std::move(reader.row()));
    }
    return table;
}

void append_csv_row(std::string& out, const std::vector<std::string_view>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += ',';
        const auto field = fields[i];
        // libcsv trims spaces and tabs at the edges of an unquoted field: such a field is quoted to keep
        // them.
        const auto edge = [](char c) { return c == ' ' || c == '\t'; };
        const bool quote = field.find_first_of(",\"\r\n") != std::string_view::npos ||
                           (!field.empty() && (edge(field.front()) || edge(field.back())));
        if (!quote) {
            out += field;
            continue;
        }
        std::string buffer(csv_write(nullptr, 0, field.data(), field.size()), '\0');
        csv_write(buffer.data(), buffer.size(), field.data(), field.size());
        out += buffer;
    }
    out += "\r\n";
}

}  // namespace mf::formats
