// trace.cpp — chunked event storage, name tables, counter series and the run fingerprint.
#include "runtime/trace.h"

#include <cstdlib>
#include <cstring>
#include <new>

namespace interleave {

void TraceRecorder::attach(Scheduler& s) {
  sched_ = &s;
  s.set_observer(this);
}

void TraceRecorder::FreeChunk::operator()(Event* p) const { std::free(p); }

void TraceRecorder::add_chunk() {
  // Raw memory, not new Event[]: constructing 64 Ki events up front would write every page twice.
  std::size_t index = size_ >> kChunkBits;
  if (index == chunks_.size()) {
    void* mem = std::malloc(kChunkSize * sizeof(Event));
    if (!mem) throw std::bad_alloc();
    chunks_.emplace_back(static_cast<Event*>(mem));
  }
  current_ = chunks_[index].get();
}

void TraceRecorder::on_special_event(const Event& e) {
  switch (e.type) {
    case EventType::GoCreate:
      if (sched_) {
        if (goroutines_.size() <= e.g) goroutines_.resize(e.g + 1);
        goroutines_[e.g] = sched_->info(e.g);
      }
      break;
    case EventType::ObjCreate:
      if (sched_) {
        if (objects_.size() <= e.object) objects_.resize(e.object + 1);
        objects_[e.object] = sched_->object_info(e.object);
      }
      break;
    case EventType::Decision:
      decisions_.push_back(Decision{e.decision(), e.object, static_cast<std::uint32_t>(e.value)});
      break;
    case EventType::RunEnd: outcome_ = e.outcome(); break;
    default: break;
  }
  if (e.srcloc >= srclocs_.size()) sync();
}

void TraceRecorder::sync() {
  if (!sched_) return;
  for (std::size_t i = srclocs_.size(); i < sched_->srcloc_count(); ++i)
    srclocs_.push_back(sched_->srcloc(static_cast<SrcLocId>(i)));
}

std::vector<std::pair<VirtualTime, std::int64_t>> TraceRecorder::counter_series(ObjectId obj, CounterKind kind) const {
  std::vector<std::pair<VirtualTime, std::int64_t>> out;
  for_each([&](const Event& e) {
    if (e.type == EventType::Counter && e.object == obj && e.counter() == kind) out.emplace_back(e.time, e.value);
  });
  return out;
}

std::uint64_t TraceRecorder::hash() const {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for_each([&](const Event& e) {
    unsigned char bytes[sizeof(Event)];
    std::memcpy(bytes, &e, sizeof e);
    for (unsigned char b : bytes) {
      h ^= b;
      h *= 0x100000001b3ULL;
    }
  });
  return h;
}

void TraceRecorder::load(std::vector<Event> events, std::vector<GoroutineInfo> goroutines,
                         std::vector<ObjectInfo> objects, std::vector<SrcLoc> srclocs,
                         std::vector<Decision> decisions) {
  sched_ = nullptr;
  chunks_.clear();
  current_ = nullptr;
  size_ = 0;
  outcome_ = Outcome::Running;
  end_time_ = 0;
  for (const Event& e : events) {
    push(e);
    end_time_ = e.time;
    if (e.type == EventType::RunEnd) outcome_ = e.outcome();
  }
  goroutines_ = std::move(goroutines);
  objects_ = std::move(objects);
  // Loaded file and function names need storage of their own.
  owned_strings_.clear();
  owned_strings_.reserve(srclocs.size() * 2);
  srclocs_.clear();
  for (const SrcLoc& s : srclocs) {
    owned_strings_.emplace_back(s.file);
    const char* file = owned_strings_.back().c_str();
    owned_strings_.emplace_back(s.function);
    srclocs_.push_back(SrcLoc{file, owned_strings_.back().c_str(), s.line});
  }
  decisions_ = std::move(decisions);
}

}  // namespace interleave
