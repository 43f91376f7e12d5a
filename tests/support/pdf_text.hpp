// Test support: the text of a PDF as pdftotext (poppler-utils) reads it, the way a person's viewer would.
// Thread-safety: one test thread.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "support/temp_dir.hpp"

namespace mf::testing {

// mode: "-layout" (columns kept apart with spaces) or "-raw" (text in the order it was drawn).
inline std::string pdf_text(const std::string& bytes, const std::string& mode = "-layout") {
    TempDir dir;
    const std::string path = dir.file("document.pdf");
    std::ofstream(path, std::ios::binary) << bytes;
    FILE* pipe = popen(("pdftotext " + mode + " '" + path + "' - 2>&1").c_str(), "r");
    EXPECT_NE(pipe, nullptr);
    if (pipe == nullptr)
        return {};
    std::string text;
    char buffer[4096];
    while (size_t n = fread(buffer, 1, sizeof buffer, pipe))
        text.append(buffer, n);
    EXPECT_EQ(pclose(pipe), 0) << text;
    return text;
}

}  // namespace mf::testing
