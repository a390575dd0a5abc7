// trace.cpp — chunked event storage, name tables, counter series and the run fingerprint.
#include "runtime/trace.h"

#include <cstdlib>
#include <cstring>
#include <new>

namespace interleave {

void TraceRecorder::attach(Scheduler& s) {
  sched_ = &s;
  sync();
  s.set_observer(this);
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
    case EventType::RunEnd: outcome_ = e.outcome(); break;
    default: break;
  }
  if (e.srcloc >= srclocs_.size()) sync();
}

const std::vector<Decision>& TraceRecorder::decisions() const {
  for (; decisions_scanned_ < events_.size(); ++decisions_scanned_) {
    const Event& e = (*this)[decisions_scanned_];
    if (e.type == EventType::Decision)
      decisions_.push_back(Decision{e.decision(), e.object, static_cast<std::uint32_t>(e.value)});
  }
  return decisions_;
}

void TraceRecorder::sync() {
  if (!sched_) return;
  for (std::size_t i = srclocs_.size(); i < sched_->srcloc_count(); ++i)
    srclocs_.push_back(sched_->srcloc(static_cast<SrcLocId>(i)));
}

std::vector<std::pair<VirtualTime, std::int64_t>> TraceRecorder::counter_series(ObjectId obj, CounterKind kind) const {
  std::vector<std::pair<VirtualTime, std::int64_t>> out;
  if (obj != kNoObject && obj == run_queue() && kind == CounterKind::Length) {
    RunnableCount runnable;
    for_each([&](const Event& e) {
      if (runnable.on_event(e)) out.emplace_back(e.time, runnable.count());
    });
    return out;
  }
  for_each([&](const Event& e) {
    if (e.type == EventType::Counter && e.object == obj && e.counter() == kind) out.emplace_back(e.time, e.value);
  });
  return out;
}

ObjectId TraceRecorder::run_queue() const {
  for (std::size_t i = 1; i < objects_.size(); ++i)
    if (objects_[i].kind == ObjectKind::RunQueue) return static_cast<ObjectId>(i);
  return kNoObject;
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
  events_.clear();
  outcome_ = Outcome::Running;
  for (const Event& e : events) {
    push(e);
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
  decisions_ = std::move(decisions);  // as recorded (a file's list is authoritative)
  decisions_scanned_ = events_.size();
}

}  // namespace interleave
