// trace_model.h — TraceModel: what the views need, built incrementally from a TraceRecorder.
//
// The recorder keeps raw 32-byte events; a view wants "what was goroutine 7 doing at 3.2 ms, and who was it
// waiting for". The model turns events into:
//   - per-goroutine state intervals [start, end) with state, wait reason, object and source line;
//   - per-processor lanes: which goroutine ran on each virtual processor, when;
//   - per-object counter series (queue depth, semaphore value, waiters, holders, run-queue length);
//   - lock holders over time, derived from the events (see below), and from them wait-for edges and cycles;
//   - flows: who woke whom (Wake) and who handed a value to whom (ChanMatch);
//   - roles: goroutines grouped by role_of(name) (names.h: "producer#2" -> "producer");
//   - level of detail: a lane's intervals merged so that nothing is narrower than one pixel, which keeps
//     drawing a million-event trace within a frame.
// It has no GUI code and is unit-tested headless (tests/unit/trace_model_test.cpp).
//
//   interleave::TraceModel model(&recorder);
//   while (running) {
//     session.step();
//     model.update();                        // consumes the events recorded since the last call
//     const auto* iv = model.state_at(g, t); // what g was doing at virtual time t
//   }
//
// Zero-length intervals (several state changes at one virtual instant) are not kept: the last state at an
// instant wins, which is also what state_at(t) reports; a dropped zero-length Running is remembered as an
// instant (instants(g)) so a view can still show that the goroutine ran there. Holders of a Mutex/RWMutex are derived
// from Counter (Holders) events, whose goroutine is the acquirer on the fast path, corrected by the Wake event that
// follows a hand-off (the unlocker wakes the new owner through the lock).
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/event.h"
#include "runtime/labels.h"
#include "runtime/trace.h"
#include "runtime/types.h"
#include "scenarios/model/names.h"

namespace interleave {

// While a goroutine's current state has not ended, its interval ends at kOpenEnd; queries treat that as
// "up to the model's end_time()".
inline constexpr VirtualTime kOpenEnd = std::numeric_limits<VirtualTime>::max();

// One stretch of time a goroutine spent in one state at one source line: the model's lanes, the flat list of
// the exports (state_intervals(), stats.h) and the statistics all use this one type.
struct StateInterval {
  VirtualTime start = 0;
  VirtualTime end = kOpenEnd;
  ObjectId object = kNoObject;  // what it waits on (Blocked)
  SrcLocId srcloc = 0;          // the call it is at
  std::uint32_t event = 0;      // index of the State event that began it
  GoroutineId g = kNoGoroutine;  // whose
  GState state = GState::Runnable;
  WaitReason reason = WaitReason::None;
  std::int16_t processor = -1;  // Running: the processor index
};

// One merged piece of a lane at a given zoom: covers intervals [first, last) of the lane.
struct LodPiece {
  VirtualTime start = 0;
  VirtualTime end = 0;
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  GState state = GState::Runnable;       // the state covering most of the piece
  WaitReason reason = WaitReason::None;  // for a Blocked piece: the reason of a blocked interval in it
  bool mixed = false;                    // more than one interval was merged into the piece
};

// One goroutine holding one processor.
struct ProcSpan {
  VirtualTime start = 0;
  VirtualTime end = kOpenEnd;
  GoroutineId g = kNoGoroutine;
};

// A merged piece of a processor lane: `g` when a single goroutine, kNoGoroutine with mixed = true when
// several ran inside one pixel; `busy` is the fraction of the piece the processor was busy.
struct ProcPiece {
  VirtualTime start = 0;
  VirtualTime end = 0;
  GoroutineId g = kNoGoroutine;
  bool mixed = false;
  float busy = 1.0f;
};

struct CounterPoint {
  VirtualTime time = 0;
  std::int64_t value = 0;
};

struct CounterSeries {
  ObjectId object = kNoObject;
  CounterKind kind = CounterKind::Length;
  std::vector<CounterPoint> points;  // time order; several points may share a time (the last one wins)
  std::int64_t min = 0;
  std::int64_t max = 0;
  // The value in force at time t (the last point at or before t); 0 before the first point.
  std::int64_t value_at(VirtualTime t) const;
};

// A counter lane reduced to one column per pixel: the minimum, maximum and last value in each column.
struct CounterColumn {
  VirtualTime start = 0;
  VirtualTime end = 0;
  std::int64_t lo = 0;
  std::int64_t hi = 0;
  std::int64_t last = 0;
};

enum class FlowKind : std::uint8_t { Wake, ChanMatch };

struct Flow {
  VirtualTime time = 0;
  GoroutineId from = kNoGoroutine;  // the waker / sender (0: the scheduler or a timer)
  GoroutineId to = kNoGoroutine;    // the woken / receiver
  ObjectId object = kNoObject;      // through what
  std::uint32_t event = 0;
  FlowKind kind = FlowKind::Wake;
};

// "waiter is blocked on object, which is held by holders" at one moment. holders is empty when ownership
// is not known (channels, wait groups...).
struct WaitEdge {
  GoroutineId waiter = kNoGoroutine;
  ObjectId object = kNoObject;
  WaitReason reason = WaitReason::None;
  std::vector<GoroutineId> holders;
  bool in_cycle = false;  // waiter -> object -> holder -> ... leads back to waiter
};

struct WaitGraph {
  std::vector<WaitEdge> edges;
  std::vector<std::vector<GoroutineId>> cycles;  // each a strongly connected set of goroutines
};

struct Role {
  std::string name;                  // "producer"
  std::vector<GoroutineId> members;  // in creation order
};

struct RunEndInfo {
  bool ended = false;
  Outcome outcome = Outcome::Running;
  VirtualTime time = 0;
  GoroutineId g = kNoGoroutine;
  SrcLocId srcloc = 0;
  std::uint32_t event = 0;
};

class TraceModel {
 public:
  TraceModel() = default;
  explicit TraceModel(const TraceRecorder* rec) { reset(rec); }
  // Forgets everything and starts over on `rec` (which may be null: an empty model).
  void reset(const TraceRecorder* rec);
  // Consumes up to `max_events` events recorded since the last call; returns how many it consumed.
  std::size_t update(std::size_t max_events = std::numeric_limits<std::size_t>::max());

  const TraceRecorder* recorder() const { return rec_; }
  std::size_t consumed() const { return consumed_; }
  VirtualTime end_time() const { return end_time_; }  // time of the last consumed event
  // The run is known to have no event before t (its clock reads t): open intervals now reach t.
  void advance_to(VirtualTime t) {
    if (t > end_time_) end_time_ = t;
  }
  const RunEndInfo& run_end() const { return run_end_; }
  // What goroutine g said it was doing at t (interleave::doing, labels.h); "" if nothing.
  std::string_view doing_at(GoroutineId g, VirtualTime t) const;
  bool has_labels() const { return !labels_.empty(); }

  // --- Goroutines -----------------------------------------------------------------------------------
  std::size_t goroutine_count() const { return lanes_.size() ? lanes_.size() - 1 : 0; }  // ids 1..count
  std::string_view name(GoroutineId g) const;
  std::string_view role_of(GoroutineId g) const;
  // "producer#2 (g3)" style label for menus and tooltips.
  std::string label(GoroutineId g) const;
  const std::vector<Role>& roles() const { return roles_; }
  const std::vector<StateInterval>& intervals(GoroutineId g) const;
  // The interval in force at t (the last state set at or before t), or null before the goroutine existed.
  // After the goroutine finished it is its Done interval.
  const StateInterval* state_at(GoroutineId g, VirtualTime t) const;
  // Index of that interval in intervals(g), or -1.
  long interval_index_at(GoroutineId g, VirtualTime t) const;
  // Moments at which g ran for no virtual time at all (its Running interval had zero length and was
  // dropped): a goroutine that only sleeps and signals still visibly "ran" there. Sorted, no duplicates.
  const std::vector<VirtualTime>& instants(GoroutineId g) const;
  // Time spent in each state from creation up to t.
  std::array<Duration, kGStateCount> time_in_states(GoroutineId g, VirtualTime t) const;
  // The end of an interval with kOpenEnd resolved to end_time().
  VirtualTime end_of(const StateInterval& iv) const { return iv.end == kOpenEnd ? end_time_ : iv.end; }

  // Merges the intervals of g that overlap [t0, t1) so that no piece is narrower than ns_per_px (except
  // the last). Pieces that are at least one pixel wide on their own are returned as they are.
  void lod(GoroutineId g, VirtualTime t0, VirtualTime t1, double ns_per_px, std::vector<LodPiece>& out) const;

  // --- Processors -----------------------------------------------------------------------------------
  int processor_count() const { return static_cast<int>(procs_.size()); }
  const std::vector<ProcSpan>& processor_lane(int p) const { return procs_[static_cast<std::size_t>(p)].spans; }
  void processor_lod(int p, VirtualTime t0, VirtualTime t1, double ns_per_px, std::vector<ProcPiece>& out) const;

  // --- Objects and counters -------------------------------------------------------------------------
  std::size_t object_count() const;
  std::string_view object_name(ObjectId o) const;
  ObjectKind object_kind(ObjectId o) const;
  std::int64_t object_capacity(ObjectId o) const;
  std::string object_label(ObjectId o) const;                               // "jobs (chan)"
  const std::vector<CounterSeries>& counters() const { return counters_; }  // in order of first change
  const CounterSeries* counter(ObjectId o, CounterKind k) const;
  // One column per pixel over [t0, t1): min/max/last value of the series in each column.
  static void counter_lod(const CounterSeries& s, VirtualTime t0, VirtualTime t1, double ns_per_px,
                          std::vector<CounterColumn>& out);

  // --- Holders, waits and flows ---------------------------------------------------------------------
  // Who held lock object o at time t (a mutex's owner; an RWMutex's writer or readers). Empty if unknown.
  void holders_at(ObjectId o, VirtualTime t, std::vector<GoroutineId>& out) const;
  // Every goroutine blocked at t, on what, held by whom; cycles among them.
  WaitGraph wait_for(VirtualTime t) const;
  const std::vector<Flow>& flows() const { return flows_; }
  // Index of the first flow at or after t.
  std::size_t first_flow_at(VirtualTime t) const;

 private:
  struct Lane {
    std::vector<StateInterval> intervals;
    // cum[i][s]: total duration in state s of the closed intervals [0, i). Sized intervals.size() (+1
    // once the last is closed), so cum.size() - 1 is the number of closed intervals.
    std::vector<std::array<Duration, kGStateCount>> cum{std::array<Duration, kGStateCount>{}};
    std::vector<VirtualTime> instants;
    std::string role;
  };
  struct ProcLane {
    std::vector<ProcSpan> spans;
    std::vector<Duration> busy_cum{0};  // busy time of the closed spans [0, i)
    GoroutineId current = kNoGoroutine;
  };
  struct HoldSnapshot {
    VirtualTime time = 0;
    std::uint32_t offset = 0;  // into HoldHistory::pool
    std::uint32_t count = 0;
  };
  struct HoldHistory {
    std::vector<HoldSnapshot> snaps;
    std::vector<GoroutineId> pool;
    std::vector<GoroutineId> current;  // writer is stored as the only holder, readers as several
    bool writer = false;
    std::int64_t last_count = 0;
    GoroutineId tentative = kNoGoroutine;  // the goroutine the last Holders increase was attributed to
    bool tentative_valid = false;
  };

  void on_state(const Event& e, std::uint32_t index);
  void on_counter(const Event& e);
  ObjectId run_queue() {  // the recording's run-queue object, once it exists
    if (run_queue_ == kNoObject) run_queue_ = rec_->run_queue();
    return run_queue_;
  }
  void on_wake(const Event& e);
  void close_interval(Lane& lane, VirtualTime t);
  void proc_start(int p, GoroutineId g, VirtualTime t);
  void proc_stop(int p, VirtualTime t);
  Lane& lane(GoroutineId g);
  HoldHistory& hold(ObjectId o);
  void snapshot(HoldHistory& h, VirtualTime t);
  bool is_lock(ObjectId o) const;
  void ensure_role(GoroutineId g);

  const TraceRecorder* rec_ = nullptr;
  std::size_t consumed_ = 0;
  VirtualTime end_time_ = 0;
  RunEndInfo run_end_;
  struct LabelMark {
    VirtualTime time;
    std::uint32_t id;
  };
  std::vector<std::vector<LabelMark>> labels_;  // by goroutine: label changes in time order
  std::vector<Lane> lanes_;  // by goroutine id; [0] unused
  std::vector<Role> roles_;
  std::vector<ProcLane> procs_;
  std::vector<CounterSeries> counters_;
  std::vector<std::array<int, kCounterKindCount>> counter_index_;  // by object: index into counters_ or -1
  RunnableCount runnable_;                                         // the run queue's length, from states
  ObjectId run_queue_ = kNoObject;
  std::vector<HoldHistory> holds_;  // by object
  std::vector<Flow> flows_;
};

}  // namespace interleave
