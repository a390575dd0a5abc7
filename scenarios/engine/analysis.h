// analysis.h — what a recorded run says: state intervals, time per state, waits, queue depths, and the
// one-screen summary `interleave run` prints. Pure functions of a TraceRecorder; no GUI code.
//
//   auto intervals = engine::state_intervals(session.trace());
//   engine::RunSummary sum = engine::summarize(session);
//   std::cout << engine::format_summary(sum);
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/interleave.h"
#include "scenarios/engine/session.h"

namespace interleave::engine {

// One stretch of time a goroutine spent in one state (at one source line).
struct StateInterval {
  GoroutineId g = kNoGoroutine;
  GState state = GState::Runnable;
  WaitReason reason = WaitReason::None;
  ObjectId object = kNoObject;
  SrcLocId srcloc = 0;
  int processor = -1;  // when Running
  VirtualTime start = 0;
  VirtualTime end = 0;
};

// Every state interval of the run, ordered by start time (then goroutine). Intervals still open when the
// run ended are closed at the end time; Done is not an interval.
std::vector<StateInterval> state_intervals(const TraceRecorder& trace);

// "producer#2" -> "producer"; "philosopher 3" -> "philosopher"; "main" -> "main".
std::string role_of(const std::string& goroutine_name);

struct GoroutineStats {
  GoroutineId id = kNoGoroutine;
  std::string name;
  std::string role;
  std::array<Duration, kGStateCount> time_in{};  // indexed by GState
  Duration max_wait = 0;                         // longest single Blocked interval
  Duration total_wait = 0;                       // all Blocked time
  WaitReason max_wait_reason = WaitReason::None;
  // The state the run left it in (Done when it finished); for Blocked, what it waits on. A goroutine that
  // blocked at the run's very last instant has a zero-length final interval but still ends here.
  GState final_state = GState::Done;
  WaitReason final_reason = WaitReason::None;
  ObjectId final_object = kNoObject;
};

struct ObjectStats {
  ObjectId id = kNoObject;
  std::string name;
  ObjectKind kind = ObjectKind::Mutex;
  std::int64_t capacity = 0;
  bool has_depth = false;  // a Length (queue) or Value (semaphore, counter) series exists
  std::int64_t max_depth = 0;
  double mean_depth = 0;  // time-weighted over the object's life
  std::int64_t max_waiters = 0;
};

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

std::vector<GoroutineStats> goroutine_stats(const TraceRecorder& trace);
std::vector<ObjectStats> object_stats(const TraceRecorder& trace);
RunSummary summarize(const Session& s);
// The text `interleave run` prints.
std::string format_summary(const RunSummary& s);

}  // namespace interleave::engine
