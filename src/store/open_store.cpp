// open_store: the one place that maps a book URL to a Store implementation.
#include <fmt/format.h>

#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"

namespace mf {

Result<std::unique_ptr<Store>> open_store(std::string_view url, OpenMode mode) {
    constexpr std::string_view kSqlite = "sqlite:";
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
        return make_error(
            "unsupported_store",
            "PostgreSQL books are not available yet: they come with the API issue; use sqlite:PATH", "db");
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
