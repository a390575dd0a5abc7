// check.h — running a scenario against its expectations (`interleave check`).
//
//   engine::CheckResult r = engine::check_scenario("scenarios/dining_philosophers/naive.toml");
//   std::cout << r.line << "\n";       // "PASS scenarios/dining_philosophers/naive.toml: deadlock in 20/20 seeds"
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/engine/analysis.h"
#include "scenarios/engine/scenario.h"

namespace interleave::engine {

struct CheckResult {
  std::string path;
  bool passed = false;
  std::string line;   // one line: PASS/FAIL, the path, and why
  double millis = 0;  // wall-clock time taken
};

// The value a bound measures in a finished run; nullopt with *why set when it cannot be measured (no object
// or goroutine of that name, no such metric).
std::optional<double> measure(const Bound& b, const RunSummary& s, std::string* why);
bool compare(double v, Bound::Op op, double limit);
// The first bound that does not hold, described; nullopt if all hold.
std::optional<std::string> failed_bound(const Scenario& sc, const RunSummary& s);

// [expect.explore] is judged by the explorer, a layer above the engine, which installs this: it returns why
// the expectation does not hold (nullopt: it holds) and says what it found in *what.
using ExploreJudge = std::optional<std::string> (*)(const Scenario& sc, std::string* what);
void set_explore_judge(ExploreJudge judge);

// Runs the scenario for every seed its expectations ask for and judges the runs (and [expect.explore]).
CheckResult check_scenario(const Scenario& sc);
// Loads and checks; a file that does not load fails with its first error line.
CheckResult check_file(const std::filesystem::path& path);

// Every *.toml under the paths (directories recursively, sorted); a path that does not exist is kept, so it
// fails with a clear message.
std::vector<std::filesystem::path> collect_scenarios(const std::vector<std::string>& paths);

}  // namespace interleave::engine
