// A small pool of connections to one book: opened lazily (each with search_path set to the book's schema),
// leased to one transaction at a time, returned when it ends and dropped when broken. Thread-safety: lease()
// may be called from any thread; a Lease belongs to the thread that took it.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/fee_text_memo.hpp"
#include "store/postgres/pg_connection.hpp"

namespace mf::pg {

// A connection and what lives with it.
struct Lane {
    std::unique_ptr<Connection> connection;
    FeeTextMemo fee_text;
};

class Pool;

class Lease {
  public:
    Lease(Pool& pool, std::unique_ptr<Lane> lane) : pool_(&pool), lane_(std::move(lane)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease();

    Connection& connection() { return *lane_->connection; }
    FeeTextMemo& fee_text() { return lane_->fee_text; }

  private:
    Pool* pool_;
    std::unique_ptr<Lane> lane_;
};

class Pool {
  public:
    static constexpr size_t kMaxConnections = 8;

    Pool(std::string conninfo, std::string schema);

    // An idle connection, a new one while fewer than kMaxConnections are open, else waits for one.
    Result<Lease> lease();

  private:
    friend class Lease;
    void give_back(std::unique_ptr<Lane> lane);

    const std::string conninfo_;
    const std::string schema_;
    std::mutex mutex_;
    std::condition_variable returned_;
    std::vector<std::unique_ptr<Lane>> idle_;
    size_t open_count_ = 0;
};

}  // namespace mf::pg
