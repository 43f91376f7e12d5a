// What the SQLite and PostgreSQL backups share, and their entry points (backup.cpp picks one by the URL).
// Thread-safety: none needed; functions of files and processes.
#pragma once

#include <string>
#include <string_view>

#include "store/backup.hpp"

namespace mf::backup {

// "backup_exists" when path exists and overwrite is refuse; removes a stale `path.partial` either way.
Status check_out_path(const std::string& path, Overwrite overwrite);
// The file beside path a copy is written to before it is renamed into place.
std::string partial_path(const std::string& path);
// Flushes from to disk, renames it to to (replacing it) and flushes the folder, so after a crash either the
// old file or the whole new one is there.
Status place_file(const std::string& from, const std::string& to);
int64_t file_size_bytes(const std::string& path);

Result<BackupResult> backup_sqlite(const std::string& book_path, const std::string& out_path,
                                   Overwrite overwrite);
Status restore_sqlite(const std::string& from_path, const std::string& book_path, Overwrite overwrite,
                      const CheckRestored& check);
Result<BackupResult> backup_postgres(std::string_view url, const std::string& out_path, Overwrite overwrite);
Status restore_postgres(const std::string& from_path, std::string_view url, Overwrite overwrite,
                        const CheckRestored& check);

}  // namespace mf::backup
