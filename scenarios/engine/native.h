// native.h — the native recording of a run: every event, the name tables, the decisions, and the
// configuration needed to run it again. `interleave replay` and the GUI reopen runs from it.
//
// The format is JSON (one object): {"format": "interleave-native", "version": 1, "scenario": ..., "config":
// {...}, "outcome": ..., "hash": "16 hex digits", "goroutines": [...], "objects": [...], "srclocs": [...],
// "decisions": [[kind, options, chosen], ...], "events": [[time, value, g, object, srcloc, type, a, b], ...]}.
//
//   engine::write_native(file, session, "scenarios/dining_philosophers/naive.toml");
//   std::string err;
//   auto run = engine::load_native("run.native", &err);   // null on error, with err set
//   engine::Session again(run->replay_config());          // follows the recorded decisions exactly
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "scenarios/engine/session.h"

namespace interleave::engine {

struct NativeRun {
  std::string scenario_path;  // the scenario file it was run from (may be empty)
  RunConfig config;           // as run (params resolved; replay empty)
  std::uint64_t hash = 0;     // TraceRecorder::hash() of the recorded run
  Outcome outcome = Outcome::Running;
  std::string outcome_message;
  std::vector<patterns::Metric> metrics;
  std::uint32_t hand_picks = 0;  // decisions made by hand in the GUI ("you are the scheduler"); 0: none
  TraceRecorder trace;           // events, names, source locations and decisions

  // The configuration that re-runs it exactly: the recorded decisions, strictly.
  RunConfig replay_config() const;
};

// `hand_picks`: how many of the run's decisions were made by hand in the GUI (the replay says so).
void write_native(std::ostream& out, const Session& s, const std::string& scenario_path, std::uint32_t hand_picks = 0);
std::unique_ptr<NativeRun> load_native(const std::filesystem::path& path, std::string* error);
// Just the decisions (for policy = "replay" in a scenario file).
std::optional<std::vector<Decision>> load_native_decisions(const std::filesystem::path& path, std::string* error);

}  // namespace interleave::engine
