// open_store: the one place that maps a book URL to a Store implementation.
#include <fmt/format.h>

#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"

namespace mf {

Result<std::unique_ptr<Store>> open_store(std::string_view url, OpenMode mode) {
    constexpr std::string_view kSqlite = "sqlite:";
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
        return open_postgres_store(url, mode);
    }
    std::string_view path = url;
    if (url.starts_with(kSqlite)) {
        path = url.substr(kSqlite.size());
    } else if (url.find("://") != std::string_view::npos) {
        return make_error("unsupported_store", fmt::format("unknown store '{}': use sqlite:PATH", url), "db");
    }
    if (path.empty())
        return make_error("invalid_store_url", "the book URL names no file: use sqlite:PATH", "db");
    return open_sqlite_store(std::string(path), mode);
}

}  // namespace mf
