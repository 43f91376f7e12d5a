#include "api/static_files.hpp"

#include <algorithm>
#include <array>
#include <boost/url.hpp>
#include <fstream>
#include <utility>

namespace mf::api {
namespace {

namespace fs = std::filesystem;

// A bundle file is small; anything larger is not ours to send from memory.
constexpr std::uintmax_t kFileBytesMax = 32 * 1024 * 1024;
constexpr size_t kSegmentsMax = 16;

// The page may load scripts, styles, images, fonts and data from its own origin only, may not be framed,
// and posts forms nowhere else.
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kContentTypes{{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".webmanifest", "application/manifest+json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".webp", "image/webp"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
    {".xml", "application/xml"},
}};

bool under_api(std::string_view path) {
    return path == "/v1" || path.starts_with("/v1/");
}

// A decoded segment that may name a file inside the folder: no "." or "..", no hidden file, no separator or
// NUL smuggled in by percent-encoding.
bool plain_segment(std::string_view segment) {
    if (segment.empty() || segment.front() == '.')
        return false;
    return segment.find_first_of(std::string_view("/\\\0", 3)) == std::string_view::npos;
}

// The file's bytes, or nothing when it cannot be read whole.
std::optional<std::string> read_file(const fs::path& file) {
    std::error_code error;
    const auto size = fs::file_size(file, error);
    if (error || size > kFileBytesMax)
        return std::nullopt;
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::string bytes(size, '\0');
    if (!in.read(bytes.data(), static_cast<std::streamsize>(size)))
        return std::nullopt;
    return bytes;
}

// Whether `file` (canonical) lies inside `root` (canonical): a symlink in the bundle may not lead out.
bool inside(const fs::path& root, const fs::path& file) {
    auto [root_end, file_at] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
    return root_end == root.end() && file_at != file.end();
}

// Whether an Accept-Encoding header names gzip without refusing it ("gzip;q=0").
bool accepts_gzip(std::string_view header) {
    auto trim = [](std::string_view text) {
        while (!text.empty() && text.front() == ' ')
            text.remove_prefix(1);
        while (!text.empty() && text.back() == ' ')
            text.remove_suffix(1);
        return text;
    };
    while (!header.empty()) {
        const auto comma = header.find(',');
        const std::string_view coding = header.substr(0, comma);
        const auto semicolon = coding.find(';');
        if (trim(coding.substr(0, semicolon)) == "gzip") {
            const auto quality =
                semicolon == std::string_view::npos ? std::string_view() : trim(coding.substr(semicolon + 1));
            return !(quality.starts_with("q=0") &&
                     quality.find_first_of("123456789") == std::string_view::npos);
        }
        if (comma == std::string_view::npos)
            break;
        header.remove_prefix(comma + 1);
    }
    return false;
}

}  // namespace

std::string_view content_type_of(const fs::path& file) {
    const std::string extension = file.extension().string();
    for (const auto& [known, type] : kContentTypes) {
        if (extension == known)
            return type;
    }
    return "application/octet-stream";
}

StaticFiles::StaticFiles(fs::path root) : root_(std::move(root)) {
    std::error_code error;
    auto canonical = fs::canonical(root_, error);
    if (!error)
        root_ = std::move(canonical);
}

bool StaticFiles::usable() const {
    std::error_code error;
    return fs::is_regular_file(root_ / "index.html", error);
}

std::optional<Response> StaticFiles::answer(const Request& request) const {
    if (request.method() != http::verb::get && request.method() != http::verb::head)
        return std::nullopt;
    auto url = boost::urls::parse_origin_form(request.target());
    if (!url || under_api(url->encoded_path()))
        return std::nullopt;
    fs::path file = root_;
    std::string last;
    size_t count = 0;
    for (const auto segment : url->segments()) {
        if (segment.empty())
            continue;  // "//" and a trailing slash name nothing more
        if (!plain_segment(segment) || ++count > kSegmentsMax)
            return std::nullopt;
        file /= segment;
        last = segment;
    }
    const bool immutable = count >= 2 && url->segments().front() == "assets";
    std::error_code error;
    if (count > 0 && fs::is_regular_file(file, error))
        return file_response(request, file, immutable);
    // A client-side route: no extension in its last segment, and not under assets/ (a missing asset is a
    // 404, not a page).
    if (count == 0 || (last.find('.') == std::string::npos && !immutable))
        return file_response(request, root_ / "index.html", false);
    return std::nullopt;
}

std::optional<Response> StaticFiles::file_response(const Request& request, const fs::path& file,
                                                   bool immutable) const {
    std::error_code error;
    const auto canonical = fs::canonical(file, error);
    if (error || !inside(root_, canonical))
        return std::nullopt;
    // The build leaves a gzip copy beside each text file (web/vite.config.ts): sent as is to a browser that
    // takes gzip, so nothing is compressed per request.
    fs::path sent = canonical;
    const fs::path copy = fs::canonical(canonical.string() + ".gz", error);
    const bool compressed_copy = !error && inside(root_, copy) && fs::is_regular_file(copy, error);
    if (compressed_copy && accepts_gzip(request[http::field::accept_encoding]))
        sent = copy;
    auto bytes = read_file(sent);
    if (!bytes)
        return std::nullopt;
    Response response{http::status::ok, request.version()};
    response.keep_alive(request.keep_alive());
    response.set(http::field::content_type, content_type_of(canonical));
    if (sent != canonical)
        response.set(http::field::content_encoding, "gzip");
    if (compressed_copy)
        response.set(http::field::vary, "Accept-Encoding");
    response.set(http::field::cache_control, immutable ? "public, max-age=31536000, immutable" : "no-cache");
    response.set("Content-Security-Policy", kContentSecurityPolicy);
    response.set("X-Content-Type-Options", "nosniff");
    response.set("X-Frame-Options", "DENY");
    response.set("Referrer-Policy", "no-referrer");
    response.set("Cross-Origin-Opener-Policy", "same-origin");
    if (request.method() == http::verb::head) {
        response.content_length(bytes->size());
    } else {
        response.body() = std::move(*bytes);
        response.prepare_payload();
    }
    return response;
}

}  // namespace mf::api
