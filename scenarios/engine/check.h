// check.h — running a scenario against its expectations (`interleave check`), and the reports CI reads.
//
//   engine::CheckOptions opt;  opt.save_failures = "failures/";
//   engine::CheckResult r = engine::check_file("scenarios/dining_philosophers/naive.toml", opt);
//   std::cout << r.line << "\n";       // "PASS scenarios/dining_philosophers/naive.toml: deadlock in 20/20 seeds"
//   for (auto& d : r.details) std::cout << "    " << d << "\n";   // each failing expectation, how to reproduce
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "scenarios/engine/analysis.h"
#include "scenarios/engine/scenario.h"

namespace interleave::engine {

struct CheckOptions {
  std::string save_failures;  // non-empty: write each failing run as DIR/<name>-seed<N>.native
};

// One seed whose run did not show what the scenario expects.
struct SeedFailure {
  std::uint64_t seed = 0;
  std::vector<std::string> reasons;  // every expectation that does not hold
  std::string reproduce;             // "interleave run FILE --seed N"
  std::string saved;                 // the .native recording written, if any
};

struct CheckResult {
  std::string path;
  bool passed = false;
  bool error = false;                // the file could not be read or loaded (a usage/file error, exit 1)
  std::string line;                  // one line: PASS/FAIL/ERROR, the path, and why
  std::vector<std::string> details;  // further lines for a failure: each reason, the command, the recording
  std::vector<SeedFailure> failures;
  double millis = 0;  // wall-clock time taken
};

// The value a bound measures in a finished run; nullopt with *why set when it cannot be measured (no object
// or goroutine of that name, no such metric).
std::optional<double> measure(const Bound& b, const RunSummary& s, std::string* why);
bool compare(double v, Bound::Op op, double limit);
// The first bound that does not hold, described; nullopt if all hold.
std::optional<std::string> failed_bound(const Scenario& sc, const RunSummary& s);
// Every bound that does not hold, described.
std::vector<std::string> failed_bounds(const Scenario& sc, const RunSummary& s);

// [expect.explore] is judged by the explorer, a layer above the engine, which installs this: it returns why
// the expectation does not hold (nullopt: it holds) and says what it found in *what.
using ExploreJudge = std::optional<std::string> (*)(const Scenario& sc, std::string* what);
void set_explore_judge(ExploreJudge judge);

// Runs the scenario for every seed its expectations ask for and judges the runs (and [expect.explore]).
CheckResult check_scenario(const Scenario& sc, const CheckOptions& opt = {});
// Loads and checks; a file that does not load is an error with its first error line.
CheckResult check_file(const std::filesystem::path& path, const CheckOptions& opt = {});

// Every *.toml under the paths (directories recursively, sorted); a path that does not exist is kept, so it
// fails with a clear message.
std::vector<std::filesystem::path> collect_scenarios(const std::vector<std::string>& paths);

// Reports for CI: JUnit XML (one testcase per scenario) and the same as JSON.
void write_check_junit(std::ostream& out, const std::vector<CheckResult>& results, double seconds);
void write_check_json(std::ostream& out, const std::vector<CheckResult>& results, double seconds);

}  // namespace interleave::engine
