// What the bank-file tests share: reading the shared samples, reading a file that must parse or must fail,
// and editing a copy of a sample (never the file itself).
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

#include "formats/bank_file.hpp"
#include "support/testdata.hpp"

namespace mf::formats::test {

inline std::string bank_sample(std::string_view name) {
    return mf::test::read_testdata(std::filesystem::path("bank") / std::string(name));
}

inline BankFile read_ok(std::string_view bytes, std::optional<BankFormat> format = std::nullopt) {
    auto file = read_bank_file(bytes, format);
    EXPECT_TRUE(file.has_value()) << (file ? "" : file.error().code + ": " + file.error().message);
    return file ? std::move(file.value()) : BankFile{};
}

inline Error read_error(std::string_view bytes, std::optional<BankFormat> format = std::nullopt) {
    auto file = read_bank_file(bytes, format);
    EXPECT_FALSE(file.has_value()) << "read " << (file ? file.value().credits.size() : 0) << " credits";
    if (file)
        return Error{};
    EXPECT_FALSE(file.error().message.empty());
    return file.error();
}

// text with the first `from` replaced by `to`; the test fails when `from` is not there.
inline std::string replaced(std::string text, std::string_view from, std::string_view to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << "no '" << from << "' to replace";
    if (at != std::string::npos)
        text.replace(at, from.size(), to);
    return text;
}

}  // namespace mf::formats::test
