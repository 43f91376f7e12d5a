#include "cli/context.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace mf::cli {

Exit exit_for(const Error& error) {
    // What the environment caused (the file, the disk, the system), not what was typed.
    if (error.code == "storage_error" || error.code == "not_a_book" || error.code == "schema_too_new" ||
        error.code == "internal_error" || error.code == "store_unavailable" ||
        error.code == "read_only_book") {
        return Exit::storage;
    }
    return Exit::bad_input;
}

namespace {

std::shared_ptr<const Clock> make_clock() {
    const char* fixed = std::getenv("MICROFACTOR_FIXED_TIME");
    if (fixed != nullptr && *fixed != '\0')
        return std::make_shared<FixedClock>(fixed);
    return std::make_shared<SystemClock>();
}

}  // namespace

Context::Context(std::ostream& out_stream, std::ostream& err_stream, bool terminal)
    : out(out_stream), err(err_stream), err_is_terminal(terminal), clock_(make_clock()) {}

Result<Book*> Context::book() {
    if (!book_) {
        MF_TRY(book_, Book::open(options.db, clock_));
    }
    return book_.get();
}

Result<Book*> Context::create_book(const NewBook& input) {
    const std::string path = sqlite_path(options.db);
    if (!path.empty()) {
        const auto folder = std::filesystem::path(path).parent_path();
        std::error_code failure;
        if (!folder.empty())
            std::filesystem::create_directories(folder, failure);
        if (failure) {
            return make_error("storage_error",
                              "cannot create folder " + folder.string() + ": " + failure.message(), "db");
        }
    }
    MF_TRY(book_, Book::create(options.db, input, clock_));
    return book_.get();
}

void Context::print_json(const boost::json::value& value) {
    out << boost::json::serialize(value) << '\n';
}

void on_run(CLI::App& command, Context& ctx, Action action) {
    command.callback([&ctx, action = std::move(action)] { ctx.choose(action); });
}

Text& add(CLI::App& command, const std::string& name, Text& text, const std::string& description) {
    text.option = command.add_option(name, text.value, description);
    return text;
}

std::string sqlite_path(std::string_view url) {
    constexpr std::string_view kSqlite = "sqlite:";
    if (url.starts_with(kSqlite))
        return std::string(url.substr(kSqlite.size()));
    if (url.find("://") != std::string_view::npos)
        return {};
    return std::string(url);
}

}  // namespace mf::cli
