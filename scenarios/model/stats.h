// stats.h — what a recorded run says, as numbers: every state interval in one flat list (for the exports),
// and per goroutine and per object the statistics the summary and the bounds (max_wait(ROLE), max_depth...)
// are made of. Pure functions of a TraceRecorder; no GUI code.
//
//   for (const StateInterval& iv : state_intervals(session.trace())) ...
//   std::vector<GoroutineStats> gs = goroutine_stats(session.trace());
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/trace.h"
#include "scenarios/model/trace_model.h"

namespace interleave {

// Every state interval of the run, ordered by start time (then goroutine), as the events set them: unlike
// TraceModel's lanes, several changes at one instant are kept as zero-length intervals (the CSV export
// writes them). Intervals still open when the run ended are closed at the end time; Done is not an interval.
std::vector<StateInterval> state_intervals(const TraceRecorder& trace);

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

std::vector<GoroutineStats> goroutine_stats(const TraceRecorder& trace);
std::vector<ObjectStats> object_stats(const TraceRecorder& trace);

}  // namespace interleave
