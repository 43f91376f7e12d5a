// What one run of the `microfactor` command shares between its commands: the global options, where output
// goes, the book (opened on first use), and how a result is shown: a table for people, or the wire JSON with
// --json. Thread-safety: one Context per run, used by one thread.
#pragma once

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

#include "book/book.hpp"

namespace mf::cli {

// The process exit codes (docs/cli.md).
enum class Exit : int { ok = 0, problems_found = 1, bad_input = 2, storage = 3 };
Exit exit_for(const Error& error);

struct GlobalOptions {
    std::string db;     // --db sqlite:PATH
    bool json = false;  // --json
    std::string actor;  // --as NAME
};

class Context;
using Action = std::function<Status(Context&)>;

class Context {
  public:
    Context(std::ostream& out, std::ostream& err, bool err_is_terminal);

    GlobalOptions options;
    std::ostream& out;
    std::ostream& err;
    const bool err_is_terminal;  // progress lines only on a terminal

    std::shared_ptr<const Clock> clock() const { return clock_; }
    Actor actor() const { return Actor{options.actor}; }
    bool json() const { return options.json; }

    // The book at --db, opened on first use.
    Result<Book*> book();
    // Creates the book at --db (its folder too) and keeps it open.
    Result<Book*> create_book(const NewBook& input);
    // Closes the book (before a command removes a book it created and could not finish).
    void close_book() { book_.reset(); }

    // Prints a result: its wire JSON with --json, else what `human` writes.
    template <class T>
    void show(const T& value, const std::function<void(std::ostream&)>& human) {
        if (json()) {
            print_json(boost::json::value_from(value));
        } else {
            human(out);
        }
    }
    void print_json(const boost::json::value& value);

    // The action the chosen subcommand registered; run after parsing.
    void choose(Action action) { action_ = std::move(action); }
    const Action& chosen() const { return action_; }
    // A command that found problems without failing (verify) sets this.
    Exit exit_code = Exit::ok;

  private:
    std::shared_ptr<const Clock> clock_;
    std::unique_ptr<Book> book_;
    Action action_;
};

// Registers `action` as what `command` does when it is the one chosen on the command line.
void on_run(CLI::App& command, Context& ctx, Action action);

// An option that may be left out: its text, and whether it was given.
struct Text {
    std::string value;
    CLI::Option* option = nullptr;
    bool given() const { return option != nullptr && option->count() > 0; }
};
Text& add(CLI::App& command, const std::string& name, Text& text, const std::string& description);

// The sqlite file path of a book URL ("sqlite:data/book.sqlite" -> "data/book.sqlite"); empty for others.
std::string sqlite_path(std::string_view url);

}  // namespace mf::cli
