// trace.h — TraceRecorder: an Observer that keeps a whole run, compactly, for the model, exports and replay.
//
// Events are stored as they come, 32 bytes each, in a ChunkLog of 64 Ki-event chunks (one allocation per
// chunk, never per event). Names of goroutines and objects and the table of source locations are copied as they
// appear, so the recording stays valid after the Scheduler is gone.
//
//   interleave::Scheduler s;
//   interleave::TraceRecorder rec;
//   rec.attach(s);
//   s.run_main("main", [] { ... });
//   auto depth = rec.counter_series(queue_id, interleave::CounterKind::Length);
//   std::uint64_t fingerprint = rec.hash();   // equal hashes: the same run, event for event
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "runtime/chunk_log.h"
#include "runtime/event.h"
#include "runtime/scheduler.h"

namespace interleave {

// The run queue's length is the number of Runnable goroutines. It changes at every switch, so it is not
// recorded as Counter events but derived from State events: feed every event to a RunnableCount.
class RunnableCount {
 public:
  // True if `e` changed the count.
  bool on_event(const Event& e) {
    if (e.type != EventType::State) return false;
    if (states_.size() <= e.g) states_.resize(e.g + 1, GState::Done);
    GState& old = states_[e.g];
    int delta = (e.state() == GState::Runnable ? 1 : 0) - (old == GState::Runnable ? 1 : 0);
    old = e.state();
    count_ += delta;
    return delta != 0;
  }
  std::int64_t count() const { return count_; }

 private:
  std::vector<GState> states_;  // by goroutine id
  std::int64_t count_ = 0;
};

class TraceRecorder final : public Observer {
 public:
  TraceRecorder() = default;
  // Starts recording `s` (sets itself as its observer).
  void attach(Scheduler& s);
  // Every event is stored; only the rare kinds (creations, the end) need more. The common ones usually
  // do not even come through here: the scheduler appends them to direct_log() itself.
  void on_event(const Event& e) override {
    push(e);
    if (!is_common_event(e.type)) on_special_event(e);
  }
  EventLog* direct_log() override { return &events_; }
  void on_new_srcloc() override { sync(); }
  bool wants_run_queue_counter() const override { return false; }  // derived: see counter_series()
  // Copies the source-location table and anything else not yet seen from the attached scheduler.
  void sync();

  std::size_t size() const { return events_.size(); }
  const Event& operator[](std::size_t i) const { return events_[i]; }
  template <class F>
  void for_each(F&& f) const {
    for (std::size_t i = 0; i < events_.size(); ++i) f(events_[i]);
  }
  // Bytes used by the events themselves (the per-event cost: 32).
  std::size_t event_bytes() const { return events_.bytes(); }

  // (time, value) pairs of one object's counter, in order. For the run queue (run_queue()), its length is
  // derived from the State events.
  std::vector<std::pair<VirtualTime, std::int64_t>> counter_series(ObjectId obj, CounterKind kind) const;

  // A 64-bit FNV-1a fingerprint of every event: equal for identical runs.
  std::uint64_t hash() const;

  // The run queue's object id (kNoObject before the run started).
  ObjectId run_queue() const;

  const std::vector<GoroutineInfo>& goroutines() const { return goroutines_; }  // by id; [0] unused
  const std::vector<ObjectInfo>& objects() const { return objects_; }           // by id; [0] unused
  const std::vector<SrcLoc>& srclocs() const { return srclocs_; }               // by id; [0] unknown
  // The run's decisions, in order: read from its Decision events (kept up to date as the run grows).
  const std::vector<Decision>& decisions() const;
  Outcome outcome() const { return outcome_; }
  VirtualTime end_time() const { return events_.empty() ? 0 : events_.back().time; }

  // For loading a recording back (native trace files): replaces the contents.
  void load(std::vector<Event> events, std::vector<GoroutineInfo> goroutines, std::vector<ObjectInfo> objects,
            std::vector<SrcLoc> srclocs, std::vector<Decision> decisions);

 private:
  void push(const Event& e) { events_.push_back(e); }
  void on_special_event(const Event& e);
  Scheduler* sched_ = nullptr;
  EventLog events_;
  std::vector<GoroutineInfo> goroutines_{GoroutineInfo{}};
  std::vector<ObjectInfo> objects_{ObjectInfo{}};
  std::vector<SrcLoc> srclocs_{SrcLoc{}};
  mutable std::vector<Decision> decisions_;  // from events [0, decisions_scanned_)
  mutable std::size_t decisions_scanned_ = 0;
  std::vector<std::string> owned_strings_;  // file and function names of loaded recordings
  Outcome outcome_ = Outcome::Running;
};

}  // namespace interleave
