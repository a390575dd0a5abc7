// explorer.h — schedule exploration: run one program under many schedules and judge what can happen.
//
// Strategies:
//   dfs     exhaustive depth-first search of the choice tree with iterative preemption bounding: every
//           schedule with 0 preemptions, then every one with 1, ..., up to `preemptions` (runner.h says what
//           a preemption is). The first bug found thus has the fewest preemptions. Complete when nothing was
//           cut by the bound or a budget.
//   random  `max_schedules` schedules, each choice uniformly at random (schedule i from seed and i).
//   pct     `max_schedules` schedules under PCT with bug depth `depth` (schedule i from seed and i).
//   dpor    exhaustive with dynamic partial-order reduction (dpor.h): one schedule per class of equivalent
//           ones, where steps on different objects commute. Complete when the reduced space was explored.
//           Needs one processor: with procs > 1 the search is dfs (the verdict says so).
//
// The result does not depend on `jobs`: the search is cut into units in a fixed order (the subtrees under
// the default schedule's choice points, or blocks of random seeds), workers run units in parallel, and the
// results are merged in unit order, budgets applied exactly. `shard`/`shards` explores a fixed 1/n of the
// units; merge() adds shard results up into the whole.
//
//   explorer::Options o;  o.strategy = "dfs";  o.preemptions = 2;
//   explorer::Result r = explorer::explore(scenario.run, o);
//   std::cout << explorer::verdict_line(r);
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/engine/session.h"
#include "scenarios/explorer/runner.h"

namespace interleave::explorer {

inline constexpr std::string_view kStrategies[] = {"dfs", "random", "pct", "dpor"};

struct Options {
  std::string strategy = "dpor";
  int preemptions = 2;              // dfs: the preemption bound K
  std::uint64_t seed = 1;           // random, pct
  std::uint32_t depth = 3;          // pct: the bug depth d
  std::uint64_t max_schedules = 0;  // 0: unlimited for dfs, 1000 for random and pct
  double max_seconds = 0;           // wall-clock budget; 0: none (a time budget makes results timing-dependent)
  int jobs = 1;                     // worker threads
  int shard = 0, shards = 1;        // explore shard `shard` of `shards` (0-based)
  bool stop_on_bug = false;         // stop at the first bug (in the search's order)
  // Called now and then from the coordinating thread with the schedules merged so far.
  std::function<void(std::uint64_t schedules, double seconds)> progress;
};

// What the whole exploration found. JSON: to_json()/from_json() (keys as in the README).
struct OutputSeen {
  std::string text;
  std::uint64_t count = 0;
  std::string replay;      // the schedule (schedule_text) of its representative run: the one with the
  std::uint64_t rank = 0;  // fewest decisions (rank), then the smallest text
};

struct Bug {
  std::string kind;     // outcome_key(): "deadlock", "invariant_violation: no_lost_update", ...
  std::string message;  // Go's words
  std::uint32_t preemptions = 0;
  std::uint64_t steps = 0;
  std::string replay;  // schedule_text of its decisions
};

struct Result {
  std::uint64_t schedules = 0;
  double seconds = 0;
  bool complete = false;
  std::string incomplete_reason;  // empty when complete
  std::map<std::string, std::uint64_t> outcomes;
  std::vector<OutputSeen> outputs;  // sorted by text
  std::optional<Bug> bug;           // the first (fewest preemptions, then fewest steps)
  std::string strategy;             // how it was found (not in the JSON)
  std::uint64_t sleep_blocked = 0;  // dpor: runs cut short as equivalent to one explored (not in the JSON)
};

// Explores `cfg` (from the scenario loader). Throws std::invalid_argument for bad options or a program that
// cannot run.
Result explore(const engine::RunConfig& cfg, const Options& o);

// Shrinks a buggy schedule: fewest preemptions first (each preemption replaced by the free choice while
// the same kind of bug still happens), then shortest. Returns the shrunk schedule's run.
Schedule shrink(Runner& r, const Schedule& bug);

// Adds shard results into one (counts summed, representatives and the bug the smallest by their keys).
Result merge(const std::vector<Result>& parts);

// The verdict: one line ("explored 1,234 schedules in 0.42 s: complete; outcomes: completes x1,200, deadlock
// x34; 1 distinct output; first bug: deadlock with 1 preemption at step 17").
std::string verdict_line(const Result& r);

std::string to_json(const Result& r);
// Parses to_json()'s output; nullopt with *error set when it is not one.
std::optional<Result> from_json(const std::string& text, std::string* error);

}  // namespace interleave::explorer
