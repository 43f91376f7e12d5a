// An e-mail message as RFC 5322 text: Date, Message-ID, From, To, Subject (RFC 2047 encoded when not ASCII),
// MIME-Version and a text/plain; charset=utf-8 body (7bit when it is short-lined ASCII, else
// quoted-printable), lines ending in CRLF; with attachments, a multipart/mixed message (RFC 2046) of the text
// and each attachment in base64. Every header value is checked for CR and LF first, so data can never add a
// header. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace mf::mail {

// A file sent with a message: its name (printable ASCII without quotes or backslashes), its MIME type
// ("application/pdf") and its bytes.
struct Attachment {
    std::string filename;
    std::string content_type;
    std::string bytes;
};

struct Message {
    std::string from_address;  // name@domain
    std::string from_name;     // display name; may be empty
    std::vector<std::string> to;
    std::string subject;
    std::string body;        // UTF-8 text, '\n' line ends
    int64_t date_s = 0;      // seconds since 1970, UTC: the Date header
    std::string message_id;  // without the angle brackets: "local@domain"
    std::vector<Attachment> attachments;
};

// The message's text, or "invalid_header" / "invalid_address" naming the field that would break a header
// (an attachment's name or type too). The multipart boundary is drawn from the Message-ID, so every attempt
// of a mail sends the same bytes.
Result<std::string> compose(const Message& message);

// "Sun, 22 Nov 2026 22:15:00 +0000"
std::string rfc5322_date(int64_t seconds_since_epoch);
// Quoted-printable (RFC 2045) of UTF-8 text with '\n' line ends: CRLF line ends, soft breaks under 76.
std::string quoted_printable(std::string_view text);
// A header value as is when it is printable ASCII, else one or more RFC 2047 "=?utf-8?B?...?=" words.
std::string encode_header_words(std::string_view text);
// Base64 (RFC 2045) in lines of 76 characters, each ended by CRLF.
std::string base64_lines(std::string_view bytes);

}  // namespace mf::mail
