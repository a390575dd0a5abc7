// trace.h — TraceRecorder: an Observer that keeps a whole run, compactly, for the model, exports and replay.
//
// Events are stored as they come, 32 bytes each, in 64 Ki-event chunks (one allocation per chunk, never
// per event). Names of goroutines and objects and the table of source locations are copied as they
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

#include "runtime/event.h"
#include "runtime/scheduler.h"

namespace interleave {

class TraceRecorder final : public Observer {
 public:
  TraceRecorder() = default;
  // Starts recording `s` (sets itself as its observer).
  void attach(Scheduler& s);
  // The hot path: store the event; only the rarer kinds (creations, decisions, the end) need more.
  void on_event(const Event& e) override {
    push(e);
    end_time_ = e.time;
    if (e.type != EventType::State && e.type != EventType::Counter)
      on_special_event(e);
    else if (e.srcloc >= srclocs_.size())
      sync();
  }
  // Copies the source-location table and anything else not yet seen from the attached scheduler.
  void sync();

  std::size_t size() const { return size_; }
  const Event& operator[](std::size_t i) const { return chunks_[i >> kChunkBits][i & (kChunkSize - 1)]; }
  template <class F>
  void for_each(F&& f) const {
    for (std::size_t i = 0; i < size_; ++i) f((*this)[i]);
  }
  // Bytes used by the events themselves (the per-event cost: 32).
  std::size_t event_bytes() const { return size_ * sizeof(Event); }

  // (time, value) pairs of one object's counter, in order.
  std::vector<std::pair<VirtualTime, std::int64_t>> counter_series(ObjectId obj, CounterKind kind) const;

  // A 64-bit FNV-1a fingerprint of every event: equal for identical runs.
  std::uint64_t hash() const;

  const std::vector<GoroutineInfo>& goroutines() const { return goroutines_; }  // by id; [0] unused
  const std::vector<ObjectInfo>& objects() const { return objects_; }           // by id; [0] unused
  const std::vector<SrcLoc>& srclocs() const { return srclocs_; }               // by id; [0] unknown
  const std::vector<Decision>& decisions() const { return decisions_; }
  Outcome outcome() const { return outcome_; }
  VirtualTime end_time() const { return end_time_; }

  // For loading a recording back (native trace files): replaces the contents.
  void load(std::vector<Event> events, std::vector<GoroutineInfo> goroutines, std::vector<ObjectInfo> objects,
            std::vector<SrcLoc> srclocs, std::vector<Decision> decisions);

 private:
  static constexpr std::size_t kChunkBits = 16;
  static constexpr std::size_t kChunkSize = std::size_t{1} << kChunkBits;
  void push(const Event& e) {
    if ((size_ & (kChunkSize - 1)) == 0) [[unlikely]]
      add_chunk();
    current_[size_ & (kChunkSize - 1)] = e;
    ++size_;
  }
  void add_chunk();
  void on_special_event(const Event& e);
  struct FreeChunk {
    void operator()(Event* p) const;
  };
  Scheduler* sched_ = nullptr;
  std::vector<std::unique_ptr<Event[], FreeChunk>> chunks_;  // uninitialised storage, written as events come
  Event* current_ = nullptr;                                 // the chunk being filled
  std::size_t size_ = 0;
  std::vector<GoroutineInfo> goroutines_{GoroutineInfo{}};
  std::vector<ObjectInfo> objects_{ObjectInfo{}};
  std::vector<SrcLoc> srclocs_{SrcLoc{}};
  std::vector<Decision> decisions_;
  std::vector<std::string> owned_strings_;  // file and function names of loaded recordings
  Outcome outcome_ = Outcome::Running;
  VirtualTime end_time_ = 0;
};

}  // namespace interleave
