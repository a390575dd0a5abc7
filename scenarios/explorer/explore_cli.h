// explore_cli.h — the `interleave explore` subcommand, kept out of cli.cpp.
//
//   auto explore = explorer::add_explore_command(app);    // before app.parse()
//   if (explore->parsed()) return explore->run();         // after
#pragma once

#include <memory>

namespace CLI {
class App;
}

namespace interleave::explorer {

class ExploreCommand {
 public:
  virtual ~ExploreCommand() = default;
  virtual bool parsed() const = 0;
  virtual int run() = 0;
};

std::unique_ptr<ExploreCommand> add_explore_command(CLI::App& app);

// Lets `interleave check` judge [expect.explore] (see explore_check.h).
void install_check_support();

}  // namespace interleave::explorer
