// A PostgreSQL book backed up with pg_dump (custom format, the book's schema only: one snapshot, so it is
// consistent while servers write) and restored with pg_restore in one transaction. The tools come from
// $MICROFACTOR_PG_BIN, /usr/lib/postgresql/15/bin or PATH; the connection reaches them as a connection string
// without the password, which goes in a private password file (never on a command line).
#include <fcntl.h>
#include <fmt/format.h>
#include <libpq-fe.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "store/backup_internal.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/postgres/pg_schema.hpp"
#include "store/postgres/pg_store.hpp"

extern char** environ;

namespace mf::backup {
namespace {

constexpr size_t kToolOutputMaxBytes = 64 * 1024;

std::string tool_path(const std::string& name) {
    std::vector<std::string> folders;
    if (const char* configured = std::getenv("MICROFACTOR_PG_BIN"); configured != nullptr && *configured)
        folders.emplace_back(configured);
    folders.emplace_back("/usr/lib/postgresql/15/bin");
    for (const auto& folder : folders) {
        const std::string path = folder + "/" + name;
        if (::access(path.c_str(), X_OK) == 0)
            return path;
    }
    return name;  // from PATH
}

// value with a backslash before each of the special characters.
std::string escaped(std::string_view value, std::string_view special) {
    std::string text;
    for (char c : value) {
        if (special.find(c) != std::string_view::npos)
            text += '\\';
        text += c;
    }
    return text;
}

// A value of a libpq connection string.
std::string quote_value(std::string_view value) {
    return "'" + escaped(value, "'\\") + "'";
}

// The password file line that matches any server.
std::string passfile_line(std::string_view password) {
    return "*:*:*:*:" + escaped(password, ":\\") + "\n";
}

// A connection for the tools: a connection string without the password, and a private password file
// (removed when this dies) when the URL holds one.
class ToolConnection {
  public:
    static Result<ToolConnection> from(const std::string& conninfo) {
        char* message = nullptr;
        PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &message);
        if (options == nullptr) {
            Error error = make_error("invalid_store_url",
                                     fmt::format("cannot read the URL: {}", message ? message : "?"), "db");
            PQfreemem(message);
            return error;
        }
        ToolConnection tool;
        std::string password;
        for (PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
            if (option->val == nullptr || *option->val == '\0')
                continue;
            if (std::string_view(option->keyword) == "password") {
                password = option->val;
                continue;
            }
            tool.connection_string += fmt::format("{}{}={}", tool.connection_string.empty() ? "" : " ",
                                                  option->keyword, quote_value(option->val));
        }
        PQconninfoFree(options);
        if (!password.empty())
            MF_CHECK(tool.write_passfile(password));
        return tool;
    }
    ToolConnection() = default;
    ToolConnection(ToolConnection&& other) noexcept
        : connection_string(std::move(other.connection_string)), passfile(std::move(other.passfile)) {
        other.passfile.clear();
    }
    ToolConnection& operator=(ToolConnection&&) = delete;
    ~ToolConnection() {
        if (!passfile.empty())
            ::unlink(passfile.c_str());
    }

    std::string connection_string;
    std::string passfile;

  private:
    Status write_passfile(const std::string& password) {
        const char* tmp = std::getenv("TMPDIR");
        std::string path = std::string(tmp != nullptr && *tmp ? tmp : "/tmp") + "/microfactor-pgpass-XXXXXX";
        const int fd = ::mkstemp(path.data());  // created 0600
        if (fd < 0)
            return make_error("storage_error", "cannot create a password file for pg_dump");
        passfile = path;
        const std::string line = passfile_line(password);
        const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
        ::close(fd);
        if (!written)
            return make_error("storage_error", "cannot write the password file for pg_dump");
        return ok();
    }
};

// Runs a tool with its arguments, its output (stdout and stderr, the last 64 KiB) in `output`; "tool_failed"
// when it cannot start or exits other than 0.
Status run_tool(const std::string& name, const std::vector<std::string>& arguments,
                const ToolConnection& tool, std::string& output) {
    const std::string program = tool_path(name);
    std::vector<std::string> environment;
    for (char** variable = environ; *variable != nullptr; ++variable) {
        if (!std::string_view(*variable).starts_with("PGPASSFILE="))
            environment.emplace_back(*variable);
    }
    if (!tool.passfile.empty())
        environment.push_back("PGPASSFILE=" + tool.passfile);
    std::vector<char*> argv{const_cast<char*>(program.c_str())};
    for (const auto& argument : arguments)
        argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (auto& variable : environment)
        envp.push_back(variable.data());
    envp.push_back(nullptr);

    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0)
        return make_error("tool_failed", fmt::format("cannot run {}: no pipe", name));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
    pid_t pid = 0;
    const int spawned = ::posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);
    if (spawned != 0) {
        ::close(pipe_fds[0]);
        return make_error("tool_failed", fmt::format("cannot run {}: {}", program, std::strerror(spawned)));
    }
    char buffer[4096];
    for (ssize_t got; (got = ::read(pipe_fds[0], buffer, sizeof buffer)) != 0;) {
        if (got < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        output.append(buffer, static_cast<size_t>(got));
        if (output.size() > kToolOutputMaxBytes)
            output.erase(0, output.size() - kToolOutputMaxBytes);
    }
    ::close(pipe_fds[0]);
    int wait_status = 0;
    while (::waitpid(pid, &wait_status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(wait_status) || WEXITSTATUS(wait_status) != 0) {
        return make_error("tool_failed", fmt::format("{} failed (status {}): {}", name, wait_status, output));
    }
    return ok();
}

Result<int64_t> count_rows(pg::Connection& connection, const std::string& sql) {
    return connection.query_int("look at the database", sql);
}

// Schema names are checked plain names (valid_schema_name), so they may stand in SQL literals.
Result<bool> schema_exists(pg::Connection& connection, const std::string& schema) {
    MF_TRY(auto count,
           count_rows(connection,
                      fmt::format("SELECT count(*) FROM pg_namespace WHERE nspname = '{}'", schema)));
    return count > 0;
}

// The schema a pg_dump archive of a book holds, from its table of contents.
Result<std::string> dumped_schema(const std::string& from_path, const ToolConnection& tool) {
    std::string listing;
    MF_CHECK(run_tool("pg_restore", {"--list", from_path}, tool, listing));
    constexpr std::string_view kMarker = " SCHEMA - ";
    const size_t at = listing.find(kMarker);
    if (at == std::string::npos)
        return make_error("not_a_backup", fmt::format("{} holds no schema", from_path), "from");
    const size_t start = at + kMarker.size();
    const std::string schema = listing.substr(start, listing.find_first_of(" \n", start) - start);
    if (!pg::valid_schema_name(schema))
        return make_error("not_a_backup", fmt::format("{} holds schema '{}'", from_path, schema), "from");
    return schema;
}

}  // namespace

Result<BackupResult> backup_postgres(std::string_view url, const std::string& out_path, Overwrite overwrite) {
    MF_TRY(auto parts, parse_postgres_url(url));
    {
        MF_TRY(auto connection, pg::Connection::open(parts.conninfo));
        MF_TRY(auto books,
               count_rows(*connection, fmt::format("SELECT count(*) FROM pg_tables WHERE schemaname = '{}' "
                                                   "AND tablename = 'schema_migrations'",
                                                   parts.schema)));
        if (books == 0)
            return make_error("book_not_found", fmt::format("no book in schema {}", parts.schema), "db");
    }
    MF_CHECK(check_out_path(out_path, overwrite));
    MF_TRY(auto tool, ToolConnection::from(parts.conninfo));
    const std::string partial = partial_path(out_path);
    std::string output;
    Status dumped = run_tool("pg_dump",
                             {"--format=custom", "--schema=" + parts.schema, "--no-owner", "--no-privileges",
                              "--file=" + partial, "--dbname=" + tool.connection_string},
                             tool, output);
    if (!dumped) {
        std::error_code ignored;
        std::filesystem::remove(partial, ignored);
        return dumped.error();
    }
    MF_CHECK(place_file(partial, out_path));
    return BackupResult{"pg_dump", out_path, file_size_bytes(out_path)};
}

Status restore_postgres(const std::string& from_path, std::string_view url, Overwrite overwrite,
                        const CheckRestored& check) {
    MF_TRY(auto parts, parse_postgres_url(url));
    MF_TRY(auto tool, ToolConnection::from(parts.conninfo));
    MF_TRY(auto source_schema, dumped_schema(from_path, tool));
    MF_TRY(auto connection, pg::Connection::open(parts.conninfo));
    MF_TRY(auto taken, schema_exists(*connection, parts.schema));
    if (taken) {
        return make_error("book_exists",
                          fmt::format("schema {} exists already: restore to a new schema{}", parts.schema,
                                      overwrite == Overwrite::replace
                                          ? " (a PostgreSQL book is never replaced: drop the schema first)"
                                          : ""),
                          "db");
    }
    if (source_schema != parts.schema) {
        MF_TRY(auto busy, schema_exists(*connection, source_schema));
        if (busy) {
            return make_error(
                "schema_taken",
                fmt::format("the backup holds schema {}, which this database has already: restore "
                            "it into another database, or under the name {}",
                            source_schema, source_schema),
                "db");
        }
    }
    std::string output;
    MF_CHECK(run_tool("pg_restore",
                      {"--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges",
                       "--dbname=" + tool.connection_string, from_path},
                      tool, output));
    const std::string quoted = pg::quote_identifier(parts.schema);
    if (source_schema != parts.schema) {
        MF_CHECK(connection->exec(
            "rename the restored schema",
            fmt::format("ALTER SCHEMA {} RENAME TO {}", pg::quote_identifier(source_schema), quoted)));
    }
    Status checked = check(std::string(url));
    if (!checked) {
        (void)connection->exec("drop the restored schema", "DROP SCHEMA " + quoted + " CASCADE");
        return checked;
    }
    return ok();
}

}  // namespace mf::backup
