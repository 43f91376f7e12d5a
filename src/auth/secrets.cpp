#include "auth/secrets.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <array>
#include <charconv>

#include "core/date.hpp"

namespace mf::auth {
namespace {

void initialize() {
    // sodium_init is idempotent and thread-safe; it fails only without a source of randomness.
    const bool sodium_ready = sodium_init() >= 0;
    MF_ASSERT(sodium_ready);
}

std::string to_hex(const unsigned char* bytes, size_t size) {
    std::string hex(size * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes, size);
    hex.pop_back();
    return hex;
}

const unsigned char* as_bytes(std::string_view text) {
    return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

Result<std::string> hash_password(std::string_view password) {
    initialize();
    if (password.size() < kPasswordLengthMin || password.size() > kPasswordLengthMax) {
        return make_error(
            "weak_password",
            fmt::format("a password has {} to {} characters", kPasswordLengthMin, kPasswordLengthMax),
            "password");
    }
    std::array<char, crypto_pwhash_STRBYTES> encoded{};
    if (crypto_pwhash_str(encoded.data(), password.data(), password.size(),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        return make_error("storage_error", "not enough memory to hash the password");
    }
    return std::string(encoded.data());
}

bool password_matches(std::string_view encoded_hash, std::string_view password) {
    initialize();
    if (encoded_hash.size() >= crypto_pwhash_STRBYTES || password.size() > kPasswordLengthMax)
        return false;
    std::array<char, crypto_pwhash_STRBYTES> encoded{};
    std::copy(encoded_hash.begin(), encoded_hash.end(), encoded.begin());
    return crypto_pwhash_str_verify(encoded.data(), password.data(), password.size()) == 0;
}

std::string random_token() {
    initialize();
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::string text(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    text.resize(text.find('\0'));
    return text;
}

std::string token_hash(std::string_view token) {
    initialize();
    std::array<unsigned char, crypto_generichash_BYTES> digest{};
    crypto_generichash(digest.data(), digest.size(), as_bytes(token), token.size(), nullptr, 0);
    return to_hex(digest.data(), digest.size());
}

std::string keyed_hash(std::string_view key, std::string_view message) {
    initialize();
    // BLAKE2b takes keys of 16 to 64 bytes: hash longer or shorter keys down to 32 first.
    std::array<unsigned char, crypto_generichash_KEYBYTES> key_bytes{};
    crypto_generichash(key_bytes.data(), key_bytes.size(), as_bytes(key), key.size(), nullptr, 0);
    std::array<unsigned char, crypto_generichash_BYTES> digest{};
    crypto_generichash(digest.data(), digest.size(), as_bytes(message), message.size(), key_bytes.data(),
                       key_bytes.size());
    return to_hex(digest.data(), digest.size());
}

bool same_secret(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    return a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Result<int64_t> parse_instant(std::string_view text) {
    auto bad = [&] {
        return make_error("invalid_instant",
                          fmt::format("'{}' is not an instant like 2026-11-22T10:15:00Z", text));
    };
    if (text.size() != 20 || text[10] != 'T' || text[19] != 'Z' || text[13] != ':' || text[16] != ':')
        return bad();
    auto number = [&](size_t at, size_t length, int& out) {
        auto [end, error] = std::from_chars(text.data() + at, text.data() + at + length, out);
        return error == std::errc() && end == text.data() + at + length;
    };
    int hour = 0, minute = 0, second = 0;
    if (!number(11, 2, hour) || !number(14, 2, minute) || !number(17, 2, second) || hour > 23 ||
        minute > 59 || second > 59) {
        return bad();
    }
    auto date = parse_date(text.substr(0, 10));
    if (!date)
        return bad();
    return int64_t{date.value().days_since_epoch()} * 86'400 + hour * 3'600 + minute * 60 + second;
}

std::string format_instant(int64_t seconds_since_epoch) {
    const int64_t days =
        seconds_since_epoch >= 0 ? seconds_since_epoch / 86'400 : (seconds_since_epoch - 86'399) / 86'400;
    const int64_t seconds_of_day = seconds_since_epoch - days * 86'400;
    return fmt::format("{}T{:02}:{:02}:{:02}Z", Date::from_days(static_cast<int32_t>(days)).to_string(),
                       seconds_of_day / 3'600, seconds_of_day / 60 % 60, seconds_of_day % 60);
}

}  // namespace mf::auth
