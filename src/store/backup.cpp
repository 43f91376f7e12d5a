#include "store/backup.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "store/backup_internal.hpp"

namespace mf {
namespace backup {
namespace {

Error file_error(std::string_view operation, const std::string& path, int error_number) {
    return make_error("storage_error",
                      fmt::format("{} {}: {}", operation, path, std::strerror(error_number)));
}

Status sync_path(const std::string& path, int flags) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0)
        return file_error("open", path, errno);
    const int synced = ::fsync(fd);
    const int sync_errno = errno;
    ::close(fd);
    if (synced != 0)
        return file_error("flush", path, sync_errno);
    return ok();
}

}  // namespace

std::string partial_path(const std::string& path) {
    return path + ".partial";
}

Status check_out_path(const std::string& path, Overwrite overwrite) {
    std::error_code error;
    if (overwrite == Overwrite::refuse && std::filesystem::exists(path, error)) {
        return make_error(
            "backup_exists",
            fmt::format("{} exists already: choose another file, or --force to replace it", path), "out");
    }
    std::filesystem::remove(partial_path(path), error);
    return ok();
}

Status place_file(const std::string& from, const std::string& to) {
    MF_CHECK(sync_path(from, O_RDONLY));
    if (::rename(from.c_str(), to.c_str()) != 0)
        return file_error("rename " + from + " to", to, errno);
    std::string folder = std::filesystem::path(to).parent_path().string();
    return sync_path(folder.empty() ? "." : folder, O_RDONLY | O_DIRECTORY);
}

int64_t file_size_bytes(const std::string& path) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    return error ? 0 : static_cast<int64_t>(size);
}

}  // namespace backup

namespace {

bool is_postgres(std::string_view url) {
    return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

// The sqlite file path of a book URL ("sqlite:PATH" or a bare PATH), as open_store reads it.
Result<std::string> sqlite_file(std::string_view url) {
    constexpr std::string_view kSqlite = "sqlite:";
    if (url.starts_with(kSqlite))
        url.remove_prefix(kSqlite.size());
    else if (url.find("://") != std::string_view::npos)
        return make_error("unsupported_store", fmt::format("unknown store '{}': use sqlite:PATH", url), "db");
    if (url.empty())
        return make_error("invalid_store_url", "the book URL names no file: use sqlite:PATH", "db");
    return std::string(url);
}

enum class BackupKind { sqlite, pg_dump, unknown };

Result<BackupKind> backup_kind(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return make_error("not_a_backup", fmt::format("cannot read {}", path), "from");
    char head[16] = {};
    in.read(head, sizeof head);
    const std::string_view magic(head, static_cast<size_t>(in.gcount()));
    if (magic.starts_with(std::string_view("SQLite format 3\0", 16)))
        return BackupKind::sqlite;
    if (magic.starts_with("PGDMP"))
        return BackupKind::pg_dump;
    return BackupKind::unknown;
}

}  // namespace

std::string printable_url(std::string_view url) {
    const size_t scheme_end = url.find("://");
    if (!is_postgres(url) || scheme_end == std::string_view::npos)
        return std::string(url);
    const size_t user_at = scheme_end + 3;
    const size_t authority_end = std::min(url.find('/', user_at), url.size());
    const size_t at = url.rfind('@', authority_end);
    const size_t colon = url.find(':', user_at);
    if (at == std::string_view::npos || at < user_at || colon >= at)
        return std::string(url);
    return std::string(url.substr(0, colon + 1)) + "***" + std::string(url.substr(at));
}

Result<BackupResult> backup_book(std::string_view url, const std::string& out_path, Overwrite overwrite) {
    if (out_path.empty())
        return make_error("missing_field", "the backup needs a file to write", "out");
    if (is_postgres(url))
        return backup::backup_postgres(url, out_path, overwrite);
    MF_TRY(auto path, sqlite_file(url));
    return backup::backup_sqlite(path, out_path, overwrite);
}

Status restore_book(const std::string& from_path, std::string_view url, Overwrite overwrite,
                    const CheckRestored& check) {
    MF_TRY(auto kind, backup_kind(from_path));
    if (kind == BackupKind::unknown) {
        return make_error("not_a_backup",
                          fmt::format("{} is neither a SQLite book nor a pg_dump archive", from_path),
                          "from");
    }
    const bool to_postgres = is_postgres(url);
    if (to_postgres != (kind == BackupKind::pg_dump)) {
        return make_error("backup_mismatch",
                          fmt::format("{} is a {} backup: restore it to a {} book", from_path,
                                      kind == BackupKind::pg_dump ? "PostgreSQL" : "SQLite",
                                      kind == BackupKind::pg_dump ? "postgresql://" : "sqlite:"),
                          "from");
    }
    if (to_postgres)
        return backup::restore_postgres(from_path, url, overwrite, check);
    MF_TRY(auto path, sqlite_file(url));
    return backup::restore_sqlite(from_path, path, overwrite, check);
}

}  // namespace mf
