#include "formats/bank_file.hpp"

#include <cctype>

#include "formats/bai2.hpp"
#include "formats/bank_common.hpp"
#include "formats/camt.hpp"
#include "formats/lockbox.hpp"

namespace mf::formats {
namespace {

enum class Sniffed { empty, xml, bai2, csv, unknown };

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// A header cell as written: without quotes and spaces, in lower case.
std::string header_cell(std::string_view cell) {
    std::string out;
    for (char c : cell) {
        if (c != '"' && c != ' ' && c != '\t' && c != '\r')
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

bool has_lockbox_header(std::string_view line) {
    bool date = false;
    bool amount = false;
    while (true) {
        const auto comma = line.find(',');
        const std::string cell = header_cell(line.substr(0, comma));
        date = date || cell == "date";
        amount = amount || cell == "amount";
        if (comma == std::string_view::npos)
            break;
        line.remove_prefix(comma + 1);
    }
    return date && amount;
}

Sniffed sniff(std::string_view bytes) {
    if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF"))
        return Sniffed::xml;  // UTF-16 with its byte-order mark: only XML comes so
    if (bytes.starts_with("\xEF\xBB\xBF"))
        bytes.remove_prefix(3);
    bytes = trim_space(bytes);
    if (bytes.empty())
        return Sniffed::empty;
    if (bytes.front() == '<')
        return Sniffed::xml;
    // BAI2 records start with a two-digit record code; the reader says which one it found first.
    if (bytes.size() >= 3 && is_digit(bytes[0]) && is_digit(bytes[1]) && bytes[2] == ',')
        return Sniffed::bai2;
    if (has_lockbox_header(bytes.substr(0, bytes.find('\n'))))
        return Sniffed::csv;
    return Sniffed::unknown;
}

Error unknown_format() {
    return make_error(
        "unknown_bank_format",
        "the file is not a bank file this reader knows: expected camt.053 or camt.054 XML, BAI2 "
        "(first record \"01,\") or a lockbox CSV with the header row "
        "date,amount,currency,payer_name,reference");
}

Error empty_file() {
    return make_error("invalid_bank_file", "the file is empty");
}

}  // namespace

Result<BankFormat> detect_bank_format(std::string_view bytes) {
    MF_CHECK(check_bank_file_size(bytes));
    switch (sniff(bytes)) {
        case Sniffed::xml:
            return detect_camt_format(bytes);
        case Sniffed::bai2:
            return BankFormat::bai2;
        case Sniffed::csv:
            return BankFormat::lockbox_csv;
        case Sniffed::empty:
            return empty_file();
        case Sniffed::unknown:
            break;
    }
    return unknown_format();
}

Result<BankFile> read_bank_file(std::string_view bytes, std::optional<BankFormat> format) {
    MF_CHECK(check_bank_file_size(bytes));
    if (!format) {
        switch (sniff(bytes)) {
            case Sniffed::xml:
                return read_camt(bytes);  // the namespace says camt.053 or camt.054
            case Sniffed::bai2:
                format = BankFormat::bai2;
                break;
            case Sniffed::csv:
                format = BankFormat::lockbox_csv;
                break;
            case Sniffed::empty:
                return empty_file();
            case Sniffed::unknown:
                return unknown_format();
        }
    }
    switch (*format) {
        case BankFormat::camt053:
        case BankFormat::camt054:
            return read_camt(bytes, format);
        case BankFormat::bai2:
            return read_bai2(bytes);
        case BankFormat::lockbox_csv:
            return read_lockbox_csv(bytes);
    }
    return unknown_format();
}

}  // namespace mf::formats
