// Group commit for the API's writes: requests that change the book queue here, and one writer thread runs
// as many as are waiting (up to group_max) inside one store transaction, each request in its own savepoint
// (a nested Store::write), then commits once: one fsync for the group instead of one per request. A request
// that fails is undone alone; if the commit itself fails, every request of the group gets its error.
// Requests that hash passwords (sign-in, users) are not grouped: their seconds of CPU would hold the group.
// Thread-safety: submit() from any thread; callbacks run on the writer thread (a request refused because the
// queue is full is answered at once, on the thread that submitted it).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "api/router.hpp"

namespace mf::api {

class WriteGroup {
  public:
    using Done = std::function<void(Response, const Outcome&)>;

    WriteGroup(Router& router, Store& store, size_t group_max, size_t queue_max);
    ~WriteGroup();

    // Queues a request; `done` gets its response once the group it ran in is committed (or refused: a full
    // queue answers 503 at once).
    void submit(std::shared_ptr<const Request> request, std::string address, Done done);
    // Runs what is queued, then stops the writer thread.
    void stop();

  private:
    struct Job {
        std::shared_ptr<const Request> request;
        std::string address;
        Done done;
    };
    void run();
    void run_group(std::vector<Job>& jobs);

    Router& router_;
    Store& store_;
    const size_t group_max_;
    const size_t queue_max_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<Job> queue_;
    bool stopping_ = false;
    std::thread writer_;
};

}  // namespace mf::api
