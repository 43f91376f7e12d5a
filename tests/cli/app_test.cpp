// The command line run in-process: exit codes, the error line, --json output and global options.
#include <gtest/gtest.h>

#include <unistd.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "support/temp_dir.hpp"

namespace mf::cli {
namespace {

struct Outcome {
    int exit_code = 0;
    std::string out;
    std::string err;
};

class App : public ::testing::Test {
  protected:
    void SetUp() override {
        folder_ = std::make_unique<mf::testing::TempDir>();
        ::setenv("MICROFACTOR_FIXED_TIME", "2026-06-01T09:00:00Z", 1);
        ::setenv("MICROFACTOR_DB", ("sqlite:" + folder_->file("book.sqlite")).c_str(), 1);
    }
    void TearDown() override { folder_.reset(); }

    Outcome invoke(std::vector<std::string> args) {
        args.insert(args.begin(), "microfactor");
        std::vector<const char*> argv;
        for (const auto& arg : args)
            argv.push_back(arg.c_str());
        std::ostringstream out;
        std::ostringstream err;
        Outcome result;
        result.exit_code = mf::cli::run(static_cast<int>(argv.size()), argv.data(), out, err, false);
        result.out = out.str();
        result.err = err.str();
        return result;
    }

    std::unique_ptr<mf::testing::TempDir> folder_;
};

TEST_F(App, HelpEverywhere) {
    const auto help = invoke({"--help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("schedule"), std::string::npos);
    const std::vector<std::vector<std::string>> commands{{"init"},
                                                         {"demo"},
                                                         {"settings"},
                                                         {"settings", "set"},
                                                         {"close-day"},
                                                         {"client"},
                                                         {"client", "add"},
                                                         {"client", "update"},
                                                         {"client", "pay-in"},
                                                         {"client", "statement"},
                                                         {"debtor", "add"},
                                                         {"charge", "apply"},
                                                         {"schedule", "submit"},
                                                         {"invoice", "list"},
                                                         {"invoice", "resolve"},
                                                         {"capital", "add"},
                                                         {"receipt", "record"},
                                                         {"receipt", "apply"},
                                                         {"rebate", "release"},
                                                         {"payout", "list"},
                                                         {"report", "aging"},
                                                         {"report", "statement"},
                                                         {"verify"}};
    for (auto command : commands) {
        command.push_back("--help");
        const auto shown = invoke(command);
        EXPECT_EQ(shown.exit_code, 0) << command.front();
        EXPECT_NE(shown.out.find("--help"), std::string::npos) << command.front();
    }
}

TEST_F(App, UsageErrorsExitTwo) {
    EXPECT_EQ(invoke({}).exit_code, 2);
    EXPECT_EQ(invoke({"no-such-command"}).exit_code, 2);
    EXPECT_EQ(invoke({"client"}).exit_code, 2);
    EXPECT_EQ(invoke({"demo", "--days", "0"}).exit_code, 2);
}

TEST_F(App, ErrorsAreOneLineWithTheirCodeAndField) {
    const auto missing = invoke({"settings", "show"});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_EQ(missing.err.rfind("error [book_not_found]: ", 0), 0u) << missing.err;
    EXPECT_NE(missing.err.find("(field: db)"), std::string::npos) << missing.err;
    EXPECT_TRUE(missing.out.empty());
}

TEST_F(App, AnActorIsRequired) {
    const auto nameless = invoke({"--as", "", "init", "--currency", "USD"});
    EXPECT_EQ(nameless.exit_code, 2);
    EXPECT_NE(nameless.err.find("error [missing_field]"), std::string::npos) << nameless.err;
    EXPECT_FALSE(std::filesystem::exists(folder_->file("book.sqlite")));
}

TEST_F(App, InitThenJsonSettings) {
    const auto init =
        invoke({"init", "--currency", "EUR", "--date", "2026-06-06", "--calendar", "weekends_only"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    const auto shown = invoke({"settings", "show", "--json"});
    ASSERT_EQ(shown.exit_code, 0) << shown.err;
    const auto settings = boost::json::parse(shown.out).as_object();
    EXPECT_EQ(settings.at("base_currency"), "EUR");
    EXPECT_EQ(settings.at("calendar"), "weekends_only");
    EXPECT_EQ(settings.at("business_date"), "2026-06-08");  // a Saturday moves to the next business day
}

TEST_F(App, InitDefaultsToTodayByTheClock) {
    ASSERT_EQ(invoke({"init", "--currency", "USD"}).exit_code, 0);
    const auto shown = invoke({"--json", "settings", "show"});
    EXPECT_EQ(boost::json::parse(shown.out).at("business_date"), "2026-06-01");
}

TEST_F(App, JsonErrorsGoToStdoutToo) {
    const auto failed = invoke({"client", "show", "12", "--json"});
    EXPECT_EQ(failed.exit_code, 2);
    const auto error = boost::json::parse(failed.out).at("error");
    EXPECT_EQ(error.at("code"), "book_not_found");
}

TEST_F(App, AmountsUseTheClientsCurrency) {
    ASSERT_EQ(invoke({"init", "--currency", "USD", "--date", "2026-06-01"}).exit_code, 0);
    const auto yen = invoke({"client", "add", "--name", "Kyoto Trading", "--currency", "JPY", "--fee",
                             "daily 3%/30d", "--limit", "1000000.5"});
    EXPECT_EQ(yen.exit_code, 2);
    EXPECT_NE(yen.err.find("error [invalid_amount]"), std::string::npos) << yen.err;
    const auto added = invoke({"client", "add", "--name", "Kyoto Trading", "--currency", "JPY", "--fee",
                               "daily 3%/30d", "--limit", "1000000", "--json"});
    ASSERT_EQ(added.exit_code, 0) << added.err;
    EXPECT_EQ(boost::json::parse(added.out).at("terms").at("factoring_limit"), "1000000");
    const auto updated = invoke({"client", "update", "cli_1", "--limit", "2000000", "--json"});
    ASSERT_EQ(updated.exit_code, 0) << updated.err;
    EXPECT_EQ(boost::json::parse(updated.out).at("terms").at("factoring_limit"), "2000000");
    EXPECT_EQ(invoke({"client", "update", "1", "--expected-version", "0", "--name", "Late"}).exit_code, 2);
}

TEST_F(App, ChargesAndCapitalDefaultToTheBaseCurrency) {
    ASSERT_EQ(invoke({"init", "--currency", "USD", "--date", "2026-06-01"}).exit_code, 0);
    const auto charge = invoke(
        {"charge", "define", "--code", "courier_fee", "--name", "Courier", "--amount", "12.5", "--json"});
    ASSERT_EQ(charge.exit_code, 0) << charge.err;
    EXPECT_EQ(boost::json::parse(charge.out).at("amount"), "12.50");
    const auto list = invoke({"charge", "list"});
    EXPECT_NE(list.out.find("courier_fee"), std::string::npos);
    EXPECT_NE(list.out.find("ach_fee"), std::string::npos);
    const auto capital = invoke({"capital", "add", "--amount", "1000", "--json"});
    ASSERT_EQ(capital.exit_code, 0) << capital.err;
    EXPECT_EQ(boost::json::parse(capital.out).at("kind"), "capital_contributed");
}

// A book with a client, a debtor, a funded invoice and a receipt of 100.00 left unapplied.
class RefusedInput : public App {
  protected:
    void SetUp() override {
        App::SetUp();
        const std::vector<std::vector<std::string>> steps{
            {"init", "--credit-reviews", "off", "--currency", "USD", "--date", "2026-06-01"},
            {"capital", "add", "--amount", "50000"},
            {"client", "add", "--name", "Bright Line", "--currency", "USD", "--fee", "flat 2%/30d +1%/15d",
             "--limit", "10000"},
            {"debtor", "add", "--name", "Acme", "--currency", "USD", "--credit-limit", "8000"},
            {"schedule", "submit", "--client", "1", "--invoice", "1,INV-1,1000,2026-05-20,2026-06-19"},
            {"invoice", "approve", "1"},
            {"schedule", "fund", "1"},
            {"receipt", "record", "--amount", "100", "--payer", "Acme"},
        };
        for (const auto& step : steps) {
            const auto done = invoke(step);
            ASSERT_EQ(done.exit_code, 0) << step.front() << ": " << done.err;
        }
    }

    // What the book holds, as every list and the trial balance show it.
    std::string fingerprint() {
        std::string all;
        for (const auto& read : std::vector<std::vector<std::string>>{{"settings", "show"},
                                                                      {"client", "list"},
                                                                      {"debtor", "list"},
                                                                      {"charge", "list"},
                                                                      {"schedule", "list"},
                                                                      {"invoice", "list", "--limit", "0"},
                                                                      {"receipt", "list"},
                                                                      {"payout", "list"},
                                                                      {"report", "trial-balance"}}) {
            auto args = read;
            args.push_back("--json");
            all += invoke(args).out;
        }
        return all;
    }

    void expect_refused(const std::string& code, const std::vector<std::string>& args) {
        const std::string before = fingerprint();
        const auto refused = invoke(args);
        EXPECT_EQ(refused.exit_code, 2) << args.front();
        EXPECT_NE(refused.err.find("error [" + code + "]"), std::string::npos) << refused.err;
        EXPECT_EQ(fingerprint(), before) << args.front() << " changed the book";
    }
};

TEST_F(RefusedInput, NothingChanges) {
    const std::string dates = ",2026-05-21,2026-06-20";
    expect_refused("invalid_amount", {"client", "add", "--name", "X", "--currency", "USD", "--fee",
                                      "daily 3%/30d", "--limit", "1,000.00"});
    expect_refused("invalid_amount", {"client", "update", "1", "--limit", "10.001"});
    expect_refused("invalid_amount", {"receipt", "apply", "1", "--apply", "inv_1=1e2"});
    expect_refused("not_found", {"receipt", "apply", "rcp_1", "--apply", "inv_99=10"});
    expect_refused("invalid_id", {"invoice", "show", "dbt_1"});
    expect_refused("invalid_date", {"close-day", "--through", "2026-13-01"});
    expect_refused("duplicate_invoice", {"schedule", "submit", "--client", "1", "--invoice",
                                         "1,INV-7,10" + dates, "--invoice", "1,INV-7,20" + dates});
    expect_refused("insufficient_unapplied", {"receipt", "apply", "1", "--apply", "inv_1=100.01"});
    expect_refused("invalid_fee_schedule", {"client", "add", "--name", "X", "--currency", "USD", "--fee",
                                            "flat 2%", "--limit", "100"});
    expect_refused("missing_field", {"invoice", "reject", "1", "--reason", ""});
    expect_refused("missing_field", {"schedule", "submit", "--client", "1"});
    expect_refused("invalid_outcome", {"invoice", "resolve", "1", "--outcome", "maybe", "--reason", "x"});
    expect_refused("invalid_field",
                   {"invoice", "resolve", "1", "--outcome", "charge-back", "--reason", "x", "--amount", "5"});
    expect_refused("invalid_field", {"schedule", "submit", "--client", "1", "--invoice", "1,INV-8,10"});
    expect_refused("invalid_field", {"client", "update", "1", "--clearance-days", "31"});
    expect_refused("book_exists", {"init", "--currency", "USD"});
    expect_refused("invalid_rebate_schedule", {"settings", "set", "--rebate-schedule", "daily"});
    expect_refused("exceeds_releasable", {"rebate", "release", "--client", "1", "--amount", "1000000"});
}

}  // namespace
}  // namespace mf::cli
