// report.h — what the explorer shows a student: the bug in Go's words, the schedule that led to it side by
// side (one column per goroutine, virtual times and source lines, preemptions marked), and the recording.
//
//   auto rep = explorer::bug_report(cfg, bug_schedule, "scenarios/race_condition/unsynchronised.toml");
//   std::cout << rep.text;                    // words, dump, side-by-side trace
//   std::ofstream("bug.native") << rep.native; // `interleave replay bug.native` reproduces it
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scenarios/engine/session.h"
#include "scenarios/explorer/explorer.h"
#include "scenarios/explorer/runner.h"

namespace interleave::explorer {

struct BugReport {
  std::string text;    // Go's error words and goroutine dump, then the side-by-side trace
  std::string native;  // the run as a .native recording (strict replay of its decisions)
};

// Re-runs `decisions` with a full recording and renders it. `max_rows` bounds the side-by-side trace (its
// last rows are shown). Throws std::invalid_argument if the run cannot be made.
BugReport bug_report(const engine::RunConfig& cfg, const std::vector<Decision>& decisions,
                     const std::vector<char>& preempted, const std::string& scenario_path, std::size_t max_rows = 60);

// The side-by-side trace of a recorded session alone (for tests and the report).
std::string side_by_side(const engine::Session& s, const std::vector<char>& preempted, std::size_t max_rows);

// The choices a Runner prefix needs to follow `decisions` (every decision but the processor picks).
std::vector<std::uint32_t> prefix_of(const std::vector<Decision>& decisions);

}  // namespace interleave::explorer
