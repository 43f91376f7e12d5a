// The `microfactor` command line: builds the command tree, parses, runs the chosen command, and turns its
// result into output and an exit code (docs/cli.md). Thread-safety: one call per run.
#pragma once

#include <iosfwd>

namespace mf::cli {

// Runs one command line. Output goes to `out`, errors and progress to `err`; progress lines are drawn only
// when `err_is_terminal`. Returns the exit code: 0 done, 1 verify found problems, 2 bad input or usage, 3
// storage.
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err, bool err_is_terminal);

}  // namespace mf::cli
