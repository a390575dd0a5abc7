// main.cpp — the interleave program.
#include "scenarios/cli/cli.h"

int main(int argc, char** argv) { return interleave::engine::cli_main(argc, argv); }
