// Group commit: writes submitted together run in one transaction, each in its own savepoint. Every request
// gets its own answer; a refused one is undone alone and the rest are kept; reads are not grouped.
#include "api/write_group.hpp"

#include <gtest/gtest.h>

#include <future>

#include "api_fixture.hpp"

namespace mf::testing {
namespace {

using http::verb;

class Grouped : public ApiTest {
  protected:
    std::shared_ptr<const api::Request> schedule_request(const std::string& number) {
        const auto today = book->settings().value().business_date;
        auto request = std::make_shared<api::Request>(verb::post, "/v1/schedules", 11);
        request->set(http::field::authorization, "Bearer " + tokens.at(auth::Role::underwriter));
        request->set(http::field::content_type, "application/json");
        request->body() = R"({"client_id": ")" + format_id(IdKind::client, client_a.id) +
                          R"(", "invoices": [{"debtor_id": ")" + format_id(IdKind::debtor, debtor.id) +
                          R"(", "number": ")" + number + R"(", "amount": "100.00", "issue_date": ")" +
                          today.to_string() + R"(", "due_date": ")" + today.plus_days(30).to_string() +
                          R"("}]})";
        request->prepare_payload();
        return request;
    }
};

TEST_F(Grouped, EachRequestOfAGroupGetsItsOwnAnswerAndARefusedOneIsUndoneAlone) {
    const auto schedules_before = book->schedules(std::nullopt).value().size();
    std::vector<std::future<std::pair<unsigned, std::string>>> answers;
    {
        api::WriteGroup group(*router, book->store(), 64, 1'000);
        for (int i = 0; i < 40; ++i) {
            // Number G-7 comes twice: the second is a duplicate and must be refused alone.
            const std::string number = i == 20 ? "G-7" : "G-" + std::to_string(i);
            auto promise = std::make_shared<std::promise<std::pair<unsigned, std::string>>>();
            answers.push_back(promise->get_future());
            group.submit(schedule_request(number), "127.0.0.1",
                         [promise](api::Response response, const api::Outcome&) {
                             promise->set_value({response.result_int(), response.body()});
                         });
        }
        group.stop();  // runs what is queued first
    }
    int created = 0;
    for (size_t i = 0; i < answers.size(); ++i) {
        auto [status, body] = answers[i].get();
        if (i == 20) {
            EXPECT_EQ(status, 409u) << body;
            EXPECT_NE(body.find("duplicate_invoice"), std::string::npos) << body;
        } else {
            EXPECT_EQ(status, 201u) << body;
            created += status == 201;
        }
    }
    EXPECT_EQ(book->schedules(std::nullopt).value().size(), schedules_before + created);
    expect_clean();
}

TEST_F(Grouped, OnlyWritesThatMayWaitAreGrouped) {
    EXPECT_TRUE(router->groupable(*schedule_request("X")));
    api::Request read{verb::get, "/v1/invoices", 11};
    EXPECT_FALSE(router->groupable(read));
    api::Request login{verb::post, "/v1/auth/login", 11};
    EXPECT_FALSE(router->groupable(login));
    api::Request unknown{verb::post, "/v1/nowhere", 11};
    EXPECT_FALSE(router->groupable(unknown));
}

}  // namespace
}  // namespace mf::testing
