// analysis.h — the one-screen summary `interleave run` prints and the starvation verdict, made of the run
// model's statistics (scenarios/model/stats.h) and what the Session knows (program, seed, metrics, dump).
//
//   engine::RunSummary sum = engine::summarize(session);
//   std::cout << engine::format_summary(sum);
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/interleave.h"
#include "scenarios/engine/session.h"
#include "scenarios/model/stats.h"

namespace interleave::engine {

// For a variant that names a starvation role and threshold: the longest single wait of that role, and
// whether it reached the threshold in a run that completed (the starvation verdict).
struct StarvationVerdict {
  bool applies = false;  // the variant names a role and a threshold
  bool starved = false;  // the run completed and the role's longest wait reached the threshold
  std::string role;
  Duration longest = 0;  // longest single blocked interval of a goroutine of that role
  Duration threshold = 0;
  VirtualTime run = 0;  // the run's length
};

struct RunSummary {
  std::string title;  // "producer_consumer/semaphores"
  Outcome outcome = Outcome::Running;
  std::string message;
  VirtualTime duration = 0;
  std::size_t events = 0;
  std::uint64_t steps = 0;
  std::uint64_t seed = 0;
  std::uint64_t hash = 0;
  std::vector<GoroutineStats> goroutines;
  std::vector<ObjectStats> objects;
  std::vector<std::string> object_names;  // by object id; [0] empty
  std::vector<patterns::Metric> metrics;
  std::string dump;    // Go-style dump for a run that ended badly
  std::string output;  // what the program wrote to stdout and stderr, in order (Go programs)
  StarvationVerdict starvation;
};

// The verdict line: "starvation: a writer waited 38.3ms of the run's 51ms (75%); the threshold is 25ms".
std::string format_starvation(const StarvationVerdict& v);

RunSummary summarize(const Session& s);
// The text `interleave run` prints.
std::string format_summary(const RunSummary& s);

}  // namespace interleave::engine
