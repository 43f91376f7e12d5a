#include "api/write_group.hpp"

namespace mf::api {

WriteGroup::WriteGroup(Router& router, Store& store, size_t group_max, size_t queue_max)
    : router_(router), store_(store), group_max_(group_max), queue_max_(queue_max), writer_([this] {
          run();
      }) {}

WriteGroup::~WriteGroup() {
    stop();
}

void WriteGroup::submit(std::shared_ptr<const Request> request, std::string address, Done done) {
    {
        std::lock_guard lock(mutex_);
        if (queue_.size() < queue_max_ && !stopping_) {
            queue_.push_back({std::move(request), std::move(address), std::move(done)});
            ready_.notify_one();
            return;
        }
    }
    const Error busy = make_error("overloaded", "too many writes are waiting: retry in a moment");
    Outcome outcome{"unmatched", 503, ""};
    done(problem_response(busy, request->version(), request->keep_alive()), outcome);
}

void WriteGroup::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    ready_.notify_one();
    if (writer_.joinable())
        writer_.join();
}

void WriteGroup::run() {
    std::vector<Job> jobs;
    while (true) {
        {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty())
                return;  // stopping, and nothing left to run
            while (!queue_.empty() && jobs.size() < group_max_) {
                jobs.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        run_group(jobs);
        jobs.clear();
    }
}

void WriteGroup::run_group(std::vector<Job>& jobs) {
    std::vector<Response> responses(jobs.size());
    std::vector<Outcome> outcomes(jobs.size());
    // The store may run the function again (a serialization failure on PostgreSQL): each run answers every
    // request afresh.
    const Status committed = store_.write([&](Transaction&) -> Status {
        for (size_t i = 0; i < jobs.size(); ++i) {
            outcomes[i] = Outcome{};
            responses[i] = router_.handle(*jobs[i].request, jobs[i].address, outcomes[i]);
        }
        return ok();
    });
    for (size_t i = 0; i < jobs.size(); ++i) {
        if (!committed) {
            // Nothing of the group was kept: every request says so (a 2xx would claim an effect).
            responses[i] = problem_response(committed.error(), jobs[i].request->version(),
                                            jobs[i].request->keep_alive());
            outcomes[i].status = responses[i].result_int();
        }
        jobs[i].done(std::move(responses[i]), outcomes[i]);
    }
}

}  // namespace mf::api
