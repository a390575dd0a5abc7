// cli.h — the `interleave` command line: run, check, list, export, replay and gui (CLI11).
#pragma once

namespace interleave::engine {

// The program's entry point; returns the exit status (0 ok, 1 usage or file error, 2 the run went wrong).
int cli_main(int argc, char** argv);

}  // namespace interleave::engine
