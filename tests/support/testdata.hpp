// Where the sample files written by others live (../shared/testdata beside the repository, see its
// SOURCES.md), and reading them. MF_TESTDATA in the environment overrides the folder; a clone with no shared/
// beside it falls back to /work/shared/testdata.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace mf::test {

inline std::filesystem::path testdata_dir() {
    if (const char* dir = std::getenv("MF_TESTDATA"); dir != nullptr && *dir != 0)
        return dir;
    // Beside the repository; else the workplace's copy, for a clone made elsewhere.
    if (std::filesystem::is_directory(MF_TESTDATA_DIR) ||
        !std::filesystem::is_directory("/work/shared/testdata"))
        return MF_TESTDATA_DIR;
    return "/work/shared/testdata";
}

inline std::string read_testdata(const std::filesystem::path& relative) {
    const auto path = testdata_dir() / relative;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read sample file " + path.string());
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

}  // namespace mf::test
