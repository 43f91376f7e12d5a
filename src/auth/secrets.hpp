// Secrets for signing in: argon2id password hashes, random tokens and the hashes they are stored under, and
// keyed hashes (CSRF tokens, signed links), all from libsodium. Thread-safety: pure functions once
// initialize() ran (it is called by each function; libsodium makes it safe to call from several threads).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace mf::auth {

constexpr size_t kPasswordLengthMin = 10;
constexpr size_t kPasswordLengthMax = 1024;

// An argon2id hash in libsodium's encoded form (algorithm, cost and salt inside). "weak_password" for a
// password shorter than kPasswordLengthMin or longer than kPasswordLengthMax.
Result<std::string> hash_password(std::string_view password);
bool password_matches(std::string_view encoded_hash, std::string_view password);

// 32 random bytes as unpadded base64url (43 characters): session tokens, API key secrets.
std::string random_token();
// How a token is stored: BLAKE2b-256 of it, in hex. A stolen table yields no usable token.
std::string token_hash(std::string_view token);
// BLAKE2b-256 of message under key, in hex (a CSRF token bound to its session; a link's signature).
std::string keyed_hash(std::string_view key, std::string_view message);
// Compares two secrets in time independent of where they differ.
bool same_secret(std::string_view a, std::string_view b);

// Instants as the book keeps them: RFC 3339 UTC to the second ("2026-11-22T10:15:00Z").
Result<int64_t> parse_instant(std::string_view text);  // seconds since 1970
std::string format_instant(int64_t seconds_since_epoch);

}  // namespace mf::auth
