// gui_stub.cpp — stands in for gui/ when the program is built without a GUI (INTERLEAVE_GUI=OFF).
#include <cstdio>

#include "scenarios/cli/gui_entry.h"

namespace interleave::engine {

int gui_main(const GuiRequest& req) {
  std::fprintf(stderr,
               "interleave: this build has no GUI (configure with -DINTERLEAVE_GUI=ON); "
               "run the scenario headless instead: interleave run %s\n",
               req.scenario_path.c_str());
  return 1;
}

bool gui_available() { return false; }

}  // namespace interleave::engine
