#include "formats/csv.hpp"

#include <csv.h>

#include <algorithm>
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

// The callbacks' state: rows collected, limits checked as fields arrive (libcsv cannot stop early, so a
// breach is remembered and reported after the chunk).
struct Collector {
    const CsvLimits* limits = nullptr;
    std::vector<CsvRow> rows;
    std::vector<std::string> fields;
    size_t line = 1;  // the physical line being fed
    std::optional<Error> error;

    static void on_field(void* data, size_t size, void* self_ptr) {
        auto& self = *static_cast<Collector*>(self_ptr);
        if (self.error)
            return;
        if (size > self.limits->field_bytes_max) {
            self.fail(fmt::format("line {}: a field is longer than {} bytes", self.line,
                                  self.limits->field_bytes_max));
            return;
        }
        if (self.fields.size() >= self.limits->fields_per_row_max) {
            self.fail(fmt::format("line {}: more than {} fields in a row", self.line,
                                  self.limits->fields_per_row_max));
            return;
        }
        self.fields.emplace_back(data == nullptr ? "" : std::string(static_cast<const char*>(data), size));
    }

    static void on_row(int, void* self_ptr) {
        auto& self = *static_cast<Collector*>(self_ptr);
        if (self.error)
            return;
        if (self.rows.size() > self.limits->rows_max) {  // the header, then at most rows_max rows of data
            self.fail(fmt::format("line {}: more than {} data rows", self.line, self.limits->rows_max));
            return;
        }
        // A quoted field may span lines: the row started as many lines earlier as its fields hold breaks.
        size_t breaks = 0;
        for (const auto& field : self.fields)
            breaks += static_cast<size_t>(std::count(field.begin(), field.end(), '\n'));
        const bool blank = std::all_of(self.fields.begin(), self.fields.end(),
                                       [](const std::string& f) { return trim(f).empty(); });
        if (!blank)
            self.rows.push_back(CsvRow{self.line - breaks, std::move(self.fields)});
        self.fields = {};
    }

    void fail(std::string message) { error = make_error("invalid_csv", std::move(message)); }
};

struct ParserDeleter {
    void operator()(csv_parser* parser) const {
        csv_free(parser);
        delete parser;
    }
};

}  // namespace

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
    for (size_t i = 0; i < header.size(); ++i) {
        if (equal_ignoring_case(header[i], trim(name)))
            return i;
    }
    return std::nullopt;
}

std::string_view CsvTable::field(const CsvRow& row, std::optional<size_t> column) const {
    if (!column || *column >= row.fields.size())
        return {};
    return trim(row.fields[*column]);
}

Result<CsvTable> read_csv(std::string_view bytes, const CsvLimits& limits) {
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
    std::unique_ptr<csv_parser, ParserDeleter> parser(new csv_parser);
    if (csv_init(parser.get(), CSV_STRICT | CSV_STRICT_FINI) != 0) {
        return make_error("internal", "the CSV parser could not start");
    }
    Collector collector;
    collector.limits = &limits;
    // Fed a physical line at a time, so every error and row knows its line.
    while (!bytes.empty() && !collector.error) {
        const size_t end = bytes.find('\n');
        const std::string_view chunk = end == std::string_view::npos ? bytes : bytes.substr(0, end + 1);
        if (csv_parse(parser.get(), chunk.data(), chunk.size(), Collector::on_field, Collector::on_row,
                      &collector) != chunk.size()) {
            return make_error("invalid_csv",
                              fmt::format("line {}: {} (a quote inside an unquoted field, or text "
                                          "after a closing quote)",
                                          collector.line, csv_strerror(csv_error(parser.get()))));
        }
        bytes.remove_prefix(chunk.size());
        if (end != std::string_view::npos)
            ++collector.line;
    }
    if (!collector.error && csv_fini(parser.get(), Collector::on_field, Collector::on_row, &collector) != 0) {
        return make_error(
            "invalid_csv",
            fmt::format("line {}: a quoted field is not closed before the end of the file", collector.line));
    }
    if (collector.error)
        return *collector.error;
    if (collector.rows.empty())
        return make_error("invalid_csv", "the file has no header row");

    CsvTable table;
    for (auto& name : collector.rows.front().fields)
        table.header.emplace_back(trim(name));
    for (size_t r = 1; r < collector.rows.size(); ++r) {
        auto& row = collector.rows[r];
        for (size_t f = table.header.size(); f < row.fields.size(); ++f) {
            if (!trim(row.fields[f]).empty()) {
                return make_error("invalid_csv",
                                  fmt::format("line {}: the row has a value in column {}, beyond the "
                                              "{} columns of the header",
                                              row.line, f + 1, table.header.size()));
            }
        }
        table.rows.push_back(std::move(row));
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
