#include "formats/payout_fields.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>

#include <fmt/format.h>

#include <memory>

namespace mf::formats {
namespace {

// Payout fields are names and short lines; anything this long is a mistake, not a name to shorten.
constexpr size_t kTextBytesMax = 100'000;

// ICU's transliterator objects are not to be shared between threads; building one costs about a millisecond,
// so each thread builds one the first time it needs it.
const icu::Transliterator& latin_ascii() {
    thread_local const std::unique_ptr<icu::Transliterator> transliterator = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> built(
            icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
        MF_ASSERT(U_SUCCESS(status) &&
                  built != nullptr);  // ICU data ships with libicu: missing is a broken install
        return built;
    }();
    return *transliterator;
}

bool is_utf8(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t length_utf16 = 0;
    u_strFromUTF8(nullptr, 0, &length_utf16, text.data(), static_cast<int32_t>(text.size()), &status);
    return status == U_BUFFER_OVERFLOW_ERROR || U_SUCCESS(status) ||
           status == U_STRING_NOT_TERMINATED_WARNING;
}

// Keeps what keep() accepts (after map()), one space for each run of white space, no space at the ends.
template <class Map>
std::string collapse_spaces(std::string_view text, Map map) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    for (char c : text) {
        const char mapped = map(c);
        if (mapped == 0)
            continue;
        if (mapped == ' ') {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space)
            out.push_back(' ');
        pending_space = false;
        out.push_back(mapped);
    }
    return out;
}

bool is_sepa_char(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return std::string_view("/-?:().,'+ ").find(c) != std::string_view::npos;
}

}  // namespace

Result<std::string> to_printable_ascii(std::string_view utf8, std::string_view field) {
    if (utf8.size() > kTextBytesMax)
        return make_error("invalid_text", std::string(field) + " is longer than 100,000 bytes",
                          std::string(field));
    if (!is_utf8(utf8))
        return make_error("invalid_text", std::string(field) + " is not UTF-8 text", std::string(field));
    icu::UnicodeString text =
        icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    latin_ascii().transliterate(text);
    std::string transliterated;
    text.toUTF8String(transliterated);
    return collapse_spaces(transliterated, [](char c) -> char {
        if (c == '\t' || c == '\n' || c == '\r')
            return ' ';
        return (c >= 0x20 && c <= 0x7e) ? c : 0;
    });
}

std::string to_upper_ascii(std::string_view ascii) {
    std::string out(ascii);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

std::string to_sepa_charset(std::string_view ascii) {
    return collapse_spaces(ascii, [](char c) -> char {
        if (c == '&')
            return '+';
        if (c == '"')
            return '\'';
        if (c == '_')
            return '-';
        return is_sepa_char(c) ? c : ' ';
    });
}

bool is_sepa_charset(std::string_view text) {
    for (char c : text) {
        if (!is_sepa_char(c))
            return false;
    }
    return true;
}

std::string truncate_to(std::string_view text, size_t width) {
    std::string out(text.substr(0, width));
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

Error payout_error(size_t index, const PayoutOrder& payout, std::string_view field, std::string code,
                   std::string_view message) {
    return make_error(std::move(code), fmt::format("payout {}: {}", payout.id, message),
                      fmt::format("payouts[{}].{}", index, field));
}

Status check_not_before_file(size_t index, const PayoutOrder& payout, Date paid_on, Date file_created) {
    if (paid_on < file_created)
        return payout_error(index, payout, "execution_date", "invalid_date",
                            fmt::format("the payment date {} is before the file's creation date {}",
                                        paid_on.to_string(), file_created.to_string()));
    return ok();
}

}  // namespace mf::formats
