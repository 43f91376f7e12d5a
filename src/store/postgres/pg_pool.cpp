#include "store/postgres/pg_pool.hpp"

#include "store/postgres/pg_schema.hpp"

namespace mf::pg {

Lease::~Lease() {
    if (lane_ != nullptr)
        pool_->give_back(std::move(lane_));
}

Pool::Pool(std::string conninfo, std::string schema)
    : conninfo_(std::move(conninfo)), schema_(std::move(schema)) {}

Result<Lease> Pool::lease() {
    {
        std::unique_lock lock(mutex_);
        returned_.wait(lock, [&] { return !idle_.empty() || open_count_ < kMaxConnections; });
        if (!idle_.empty()) {
            auto lane = std::move(idle_.back());
            idle_.pop_back();
            return Lease(*this, std::move(lane));
        }
        ++open_count_;  // reserved: opened below, outside the lock
    }
    auto opened = [&]() -> Result<std::unique_ptr<Lane>> {
        MF_TRY(auto connection, Connection::open(conninfo_));
        MF_CHECK(
            connection->exec("configure the connection", "SET search_path TO " + quote_identifier(schema_) +
                                                             "; SET datestyle TO ISO; SET TIME ZONE 'UTC'; "
                                                             "SET client_min_messages TO warning"));
        auto lane = std::make_unique<Lane>();
        lane->connection = std::move(connection);
        return lane;
    }();
    if (!opened) {
        std::lock_guard lock(mutex_);
        --open_count_;
        returned_.notify_one();
        return opened.error();
    }
    return Lease(*this, std::move(opened).value());
}

void Pool::give_back(std::unique_ptr<Lane> lane) {
    const bool reusable = lane->connection->healthy() && !lane->connection->in_transaction();
    if (!reusable)
        lane.reset();  // closed outside the lock
    std::lock_guard lock(mutex_);
    if (reusable) {
        idle_.push_back(std::move(lane));
    } else {
        --open_count_;
    }
    returned_.notify_one();
}

}  // namespace mf::pg
