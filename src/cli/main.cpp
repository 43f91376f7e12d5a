// The `microfactor` executable: the command line of src/cli over the real streams.
#include <unistd.h>

#include <iostream>

#include "cli/app.hpp"

int main(int argc, char** argv) {
    return mf::cli::run(argc, argv, std::cout, std::cerr, isatty(STDERR_FILENO) != 0);
}
