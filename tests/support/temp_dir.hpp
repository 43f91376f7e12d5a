// Test support shared by every layer's tests: a fresh folder per test, removed with everything in it when the
// test ends. It lives on tmpfs (/dev/shm) where there is one: the suites commit many small transactions and
// fsync is not what they test. Thread-safety: one test thread.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

namespace mf::testing {

class TempDir {
  public:
    TempDir() {
        static std::atomic<int> counter{0};
        const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
        const std::filesystem::path base =
            std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
        path_ = base / ("mf-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
                        (test != nullptr ? test->name() : "test"));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

  private:
    std::filesystem::path path_;
};

}  // namespace mf::testing
