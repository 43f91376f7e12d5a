#include "mail/message.hpp"

#include <sodium.h>

#include <cstdio>

#include "core/date.hpp"
#include "core/outbox.hpp"

namespace mf::mail {

namespace {

constexpr std::string_view kCrlf = "\r\n";

bool printable_ascii(std::string_view text) {
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte > 0x7e)
            return false;
    }
    return true;
}

std::string base64(std::string_view bytes) {
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

// The length of the UTF-8 sequence a lead byte starts (1 for a stray continuation byte).
size_t utf8_length(unsigned char lead) {
    if (lead >= 0xf0)
        return 4;
    if (lead >= 0xe0)
        return 3;
    if (lead >= 0xc0)
        return 2;
    return 1;
}

// "Name <a@b>" with the name quoted (or encoded when not ASCII); the bare address without a name.
std::string mailbox(std::string_view name, std::string_view address) {
    if (name.empty())
        return std::string(address);
    if (!printable_ascii(name))
        return encode_header_words(name) + " <" + std::string(address) + ">";
    std::string quoted = "\"";
    for (const char c : name) {
        if (c == '"' || c == '\\')
            quoted += '\\';
        quoted += c;
    }
    return quoted + "\" <" + std::string(address) + ">";
}

// ASCII without control characters (tabs aside) in lines of at most 998 bytes.
bool seven_bit_lines(std::string_view text) {
    size_t line_length = 0;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte == '\n') {
            line_length = 0;
            continue;
        }
        if (byte > 0x7e || (byte < 0x20 && byte != '\t') || ++line_length > 998)
            return false;
    }
    return true;
}

std::string crlf_lines(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 40);
    for (const char c : text) {
        if (c == '\n')
            out += kCrlf;
        else
            out += c;
    }
    return out;
}

}  // namespace

std::string rfc5322_date(int64_t seconds_since_epoch) {
    static constexpr const char* kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int64_t days = seconds_since_epoch / 86'400;
    int64_t rest = seconds_since_epoch % 86'400;
    if (rest < 0) {
        rest += 86'400;
        days -= 1;
    }
    const Date date = Date::from_days(static_cast<int32_t>(days));
    const std::string ymd = date.to_string();  // YYYY-MM-DD
    const int month = std::stoi(ymd.substr(5, 2));
    const int64_t weekday = ((days % 7) + 7) % 7;
    char out[64];
    std::snprintf(out, sizeof out, "%s, %s %s %s %02d:%02d:%02d +0000", kDays[weekday],
                  ymd.substr(8, 2).c_str(), kMonths[month - 1], ymd.substr(0, 4).c_str(),
                  static_cast<int>(rest / 3600), static_cast<int>(rest % 3600 / 60),
                  static_cast<int>(rest % 60));
    return out;
}

std::string quoted_printable(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    size_t line_length = 0;
    auto put = [&](std::string_view piece) {
        if (line_length + piece.size() > 75) {  // a soft break keeps lines at 76 with its '='
            out += "=";
            out += kCrlf;
            line_length = 0;
        }
        out += piece;
        line_length += piece.size();
    };
    for (size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte == '\n') {
            out += kCrlf;
            line_length = 0;
            continue;
        }
        if (byte == '\r')
            continue;
        const bool line_end_next = i + 1 == text.size() || text[i + 1] == '\n';
        const bool trailing_space = (byte == ' ' || byte == '\t') && line_end_next;
        if ((byte >= 33 && byte <= 126 && byte != '=') ||
            ((byte == ' ' || byte == '\t') && !trailing_space)) {
            put(std::string_view(&text[i], 1));
        } else {
            const char encoded[] = {'=', kHex[byte >> 4], kHex[byte & 0x0f]};
            put(std::string_view(encoded, 3));
        }
    }
    return out;
}

std::string encode_header_words(std::string_view text) {
    if (printable_ascii(text))
        return std::string(text);
    // Encoded words of at most 45 bytes of text (60 of base64, 72 with the wrapper), split between whole
    // UTF-8 characters, folded onto lines of their own.
    std::string out;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = start;
        while (end < text.size()) {
            const size_t next = end + utf8_length(static_cast<unsigned char>(text[end]));
            if (next - start > 45)
                break;
            end = std::min(next, text.size());
        }
        if (end == start)
            end = std::min(start + 1, text.size());
        if (!out.empty())
            out += "\r\n ";
        out += "=?utf-8?B?" + base64(text.substr(start, end - start)) + "?=";
        start = end;
    }
    return out;
}

std::string base64_lines(std::string_view bytes) {
    const std::string encoded = base64(bytes);
    std::string out;
    out.reserve(encoded.size() + encoded.size() / 76 * 2 + 2);
    for (size_t at = 0; at < encoded.size(); at += 76) {
        out.append(encoded, at, 76);
        out += kCrlf;
    }
    return out;
}

namespace {

Status check_attachment(const Attachment& attachment) {
    if (attachment.filename.empty() || !printable_ascii(attachment.filename) ||
        attachment.filename.find_first_of("\"\\") != std::string::npos)
        return make_error("invalid_header",
                          "an attachment's file name is printable ASCII without quotes or backslashes",
                          "attachment");
    const size_t slash = attachment.content_type.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == attachment.content_type.size() ||
        attachment.content_type.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789/.+-") !=
            std::string::npos)
        return make_error("invalid_header", "an attachment's type is type/subtype", "attachment");
    return ok();
}

// "=_mf_" and 32 hex digits of the Message-ID's hash: the same for every attempt of a mail. "=_" never occurs
// in base64 or quoted-printable text, so only a 7bit body could hold it (compose then encodes the body).
std::string boundary_of(std::string_view message_id) {
    unsigned char hash[16];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(message_id.data()),
                       message_id.size(), nullptr, 0);
    char hex[sizeof hash * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    return std::string("=_mf_") + hex;
}

}  // namespace

Result<std::string> compose(const Message& message) {
    MF_CHECK(check_address(message.from_address, "from"));
    MF_CHECK(check_header_text(message.from_name, "from_name"));
    MF_CHECK(check_header_text(message.subject, "subject"));
    MF_CHECK(check_header_text(message.message_id, "message_id"));
    if (message.to.empty())
        return make_error("missing_address", "a message needs at least one recipient", "to");
    std::string to;
    for (const auto& address : message.to) {
        MF_CHECK(check_address(address, "to"));
        to += (to.empty() ? "" : ", ") + address;
    }
    if (message.message_id.find('@') == std::string::npos ||
        message.message_id.find_first_of("<> ") != std::string::npos)
        return make_error("invalid_header", "a Message-ID is local@domain", "message_id");
    std::string out;
    auto header = [&](std::string_view name, std::string_view value) {
        out += name;
        out += ": ";
        out += value;
        out += kCrlf;
    };
    header("Date", rfc5322_date(message.date_s));
    header("Message-ID", "<" + message.message_id + ">");
    header("From", mailbox(message.from_name, message.from_address));
    header("To", to);
    header("Subject", encode_header_words(message.subject));
    header("MIME-Version", "1.0");
    for (const auto& attachment : message.attachments)
        MF_CHECK(check_attachment(attachment));
    const std::string boundary = message.attachments.empty() ? "" : boundary_of(message.message_id);
    // Plain ASCII text in short lines goes as it is (7bit: a link stays readable and clickable in any
    // reader); anything else in quoted-printable, which every relay carries.
    const bool plain = seven_bit_lines(message.body) &&
                       (boundary.empty() || message.body.find(boundary) == std::string::npos);
    auto text_part = [&] {
        std::string text = plain ? crlf_lines(message.body) : quoted_printable(message.body);
        if (text.size() < 2 || text.substr(text.size() - 2) != kCrlf)
            text += kCrlf;
        return text;
    };
    if (boundary.empty()) {
        header("Content-Type", "text/plain; charset=utf-8");
        header("Content-Transfer-Encoding", plain ? "7bit" : "quoted-printable");
        header("Auto-Submitted", "auto-generated");
        out += kCrlf;
        out += text_part();
        return out;
    }
    header("Content-Type", "multipart/mixed; boundary=\"" + boundary + "\"");
    header("Auto-Submitted", "auto-generated");
    out += kCrlf;
    out += "This is a message in MIME format.";
    out += kCrlf;
    out += kCrlf;
    out += "--" + boundary;
    out += kCrlf;
    header("Content-Type", "text/plain; charset=utf-8");
    header("Content-Transfer-Encoding", plain ? "7bit" : "quoted-printable");
    out += kCrlf;
    out += text_part();
    for (const auto& attachment : message.attachments) {
        out += "--" + boundary;
        out += kCrlf;
        header("Content-Type", attachment.content_type + "; name=\"" + attachment.filename + "\"");
        header("Content-Disposition", "attachment; filename=\"" + attachment.filename + "\"");
        header("Content-Transfer-Encoding", "base64");
        out += kCrlf;
        out += base64_lines(attachment.bytes);
    }
    out += "--" + boundary + "--";
    out += kCrlf;
    return out;
}

}  // namespace mf::mail
