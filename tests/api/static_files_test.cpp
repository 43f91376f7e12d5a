// The dashboard's files through the router: content types, cache and security headers, the client-side
// route fallback to index.html, HEAD, and no way out of the folder (dot segments, encoded slashes, hidden
// files, a symlink leading out).
#include "api/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "api/api_fixture.hpp"

namespace mf::testing {
namespace {

namespace fs = std::filesystem;
using http::verb;

constexpr std::string_view kIndex = "<!doctype html><title>microfactor</title>";
constexpr std::string_view kSecret = "the secret outside the bundle";

void write(const fs::path& file, std::string_view text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

class StaticFilesTest : public ApiTest {
  public:
    void SetUp() override {
        ApiTest::SetUp();
        folder = fs::temp_directory_path() /
                 ("mf-static-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(folder);
        write(folder / "secret.txt", kSecret);
        write(folder / "dist" / "index.html", kIndex);
        write(folder / "dist" / "assets" / "index-3f9a1c.js", "console.log(1)");
        write(folder / "dist" / "assets" / "index-77aa01.css", "body{}");
        write(folder / "dist" / "robots.txt", "User-agent: *");
        write(folder / "dist" / ".env", "hidden");
        write(folder / "dist" / "assets" / "index-3f9a1c.js.gz", "gzip bytes");
        fs::create_directory_symlink(folder, folder / "dist" / "out");
        files = std::make_unique<api::StaticFiles>(folder / "dist");
        router->set_fallback([this](const api::Request& request) { return files->answer(request); });
    }
    void TearDown() override {
        fs::remove_all(folder);
        ApiTest::TearDown();
    }

    api::Response get(const std::string& target, verb method = verb::get) { return send(method, target); }

    fs::path folder;
    std::unique_ptr<api::StaticFiles> files;
};

TEST_F(StaticFilesTest, ServesIndexWithPageHeaders) {
    ASSERT_TRUE(files->usable());
    const auto response = get("/");
    EXPECT_EQ(response.result_int(), 200);
    EXPECT_EQ(response.body(), kIndex);
    EXPECT_EQ(response[http::field::content_type], "text/html; charset=utf-8");
    EXPECT_EQ(response[http::field::cache_control], "no-cache");
    const std::string policy(response["Content-Security-Policy"]);
    EXPECT_NE(policy.find("default-src 'self'"), std::string::npos) << policy;
    EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos) << policy;
    EXPECT_EQ(policy.find("unsafe"), std::string::npos) << policy;
    EXPECT_EQ(response["X-Content-Type-Options"], "nosniff");
    EXPECT_EQ(response["X-Frame-Options"], "DENY");
    EXPECT_EQ(response["Referrer-Policy"], "no-referrer");
}

TEST_F(StaticFilesTest, ContentTypesAndCaching) {
    const auto script = get("/assets/index-3f9a1c.js");
    EXPECT_EQ(script.result_int(), 200);
    EXPECT_EQ(script.body(), "console.log(1)");
    EXPECT_EQ(script[http::field::content_type], "text/javascript; charset=utf-8");
    EXPECT_EQ(script[http::field::cache_control], "public, max-age=31536000, immutable");
    EXPECT_EQ(get("/assets/index-77aa01.css")[http::field::content_type], "text/css; charset=utf-8");
    const auto text = get("/robots.txt");
    EXPECT_EQ(text[http::field::content_type], "text/plain; charset=utf-8");
    EXPECT_EQ(text[http::field::cache_control], "no-cache");
    EXPECT_EQ(api::content_type_of("a/b.svg"), "image/svg+xml");
    EXPECT_EQ(api::content_type_of("a/b.unknown"), "application/octet-stream");
}

TEST_F(StaticFilesTest, ClientSideRoutesGetIndex) {
    for (const char* route : {"/invoices", "/invoices/inv_7", "/clients/cli_2", "/schedules/sch_3?x=1"}) {
        const auto response = get(route);
        EXPECT_EQ(response.result_int(), 200) << route;
        EXPECT_EQ(response.body(), kIndex) << route;
        EXPECT_EQ(response[http::field::cache_control], "no-cache") << route;
    }
    // A missing file (an extension) or a missing asset is a 404, not the page.
    EXPECT_EQ(get("/favicon.ico").result_int(), 404);
    EXPECT_EQ(get("/assets/index-000000.js").result_int(), 404);
    EXPECT_EQ(get("/assets/gone").result_int(), 404);
}

TEST_F(StaticFilesTest, NeverLeavesTheFolder) {
    for (const char* target : {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
                               "/%2E%2E/secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt",
                               "/%2e%2e%2fsecret.txt", "/assets/..%5c..%5csecret.txt", "/out/secret.txt",
                               "/.env", "/assets/%00.js", "//secret.txt", "/./secret.txt"}) {
        const auto response = get(target);
        EXPECT_EQ(response.body().find(kSecret), std::string::npos) << target;
        EXPECT_NE(response.body(), "hidden") << target;
        EXPECT_EQ(response.result_int(), 404) << target;
    }
}

TEST_F(StaticFilesTest, TheGzipCopyToBrowsersThatTakeIt) {
    auto with = [this](const char* accept) {
        return send(verb::get, "/assets/index-3f9a1c.js", {}, {}, {{"Accept-Encoding", accept}});
    };
    for (const char* accept : {"gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.8", " deflate , gzip "}) {
        const auto response = with(accept);
        EXPECT_EQ(response.body(), "gzip bytes") << accept;
        EXPECT_EQ(response[http::field::content_encoding], "gzip") << accept;
        EXPECT_EQ(response[http::field::content_type], "text/javascript; charset=utf-8") << accept;
        EXPECT_EQ(response[http::field::vary], "Accept-Encoding") << accept;
    }
    for (const char* accept : {"", "br", "gzip;q=0", "identity", "x-gzip2"}) {
        const auto response = with(accept);
        EXPECT_EQ(response.body(), "console.log(1)") << accept;
        EXPECT_EQ(response[http::field::content_encoding], "") << accept;
        EXPECT_EQ(response[http::field::vary], "Accept-Encoding") << accept;
    }
    // A file without a copy says nothing about encodings.
    EXPECT_EQ(send(verb::get, "/robots.txt", {}, {}, {{"Accept-Encoding", "gzip"}})[http::field::vary], "");
}

TEST_F(StaticFilesTest, HeadSendsHeadersOnly) {
    const auto response = get("/assets/index-3f9a1c.js", verb::head);
    EXPECT_EQ(response.result_int(), 200);
    EXPECT_TRUE(response.body().empty());
    EXPECT_EQ(response[http::field::content_length], "14");
    EXPECT_EQ(response[http::field::content_type], "text/javascript; charset=utf-8");
}

TEST_F(StaticFilesTest, TheApiStaysTheApi) {
    // Writes to a page, unknown API paths and the operational routes are the router's, as before.
    EXPECT_EQ(get("/", verb::post).result_int(), 404);
    const auto unknown = get("/v1/nothing-here");
    EXPECT_EQ(unknown.result_int(), 404);
    EXPECT_EQ(unknown[http::field::content_type], "application/problem+json");
    EXPECT_EQ(get("/v1").result_int(), 404);
    const auto health = get("/healthz");
    EXPECT_EQ(health.result_int(), 200);
    EXPECT_EQ(health[http::field::content_type], "application/json");
    EXPECT_EQ(as(auth::Role::admin, verb::get, "/v1/me").result_int(), 200);
}

TEST_F(StaticFilesTest, WithoutAnIndexTheFolderIsNotUsable) {
    EXPECT_FALSE(api::StaticFiles(folder / "nowhere").usable());
    EXPECT_FALSE(api::StaticFiles(folder / "dist" / "assets").usable());
}

}  // namespace
}  // namespace mf::testing
