// Where the sample files written by others live (../shared/testdata beside the repository, see its
// SOURCES.md), and reading them. MF_TESTDATA in the environment overrides the folder.
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
    return MF_TESTDATA_DIR;
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
