// sync.cpp — Mutex, RWMutex, Semaphore, CondVar, WaitGroup, Barrier and Once: small state machines over
// WaitQueue.
//
// [SECTION] Mutex
// [SECTION] RWMutex
// [SECTION] Semaphore
// [SECTION] CondVar
// [SECTION] WaitGroup
// [SECTION] Barrier
// [SECTION] Once
#include <algorithm>
#include <string>

#include "runtime/barrier.h"
#include "runtime/condvar.h"
#include "runtime/mutex.h"
#include "runtime/once.h"
#include "runtime/rwmutex.h"
#include "runtime/semaphore.h"
#include "runtime/waitgroup.h"

namespace interleave {

namespace {
std::string goroutine_label(const Scheduler& s, GoroutineId id) {
  return "goroutine " + std::to_string(id) + " \"" + s.info(id).name + "\"";
}
Goroutine* running_goroutine(Scheduler& s, const char* what) {
  Goroutine* g = s.running();
  if (!g) throw UsageError(std::string(what) + " must be called from inside a goroutine");
  return g;
}
}  // namespace

// [SECTION] Mutex ---------------------------------------------------------------------------------------

Mutex::Mutex(std::string_view name) : Object(ObjectKind::Mutex, name), waiters_(*sched_, id_) {}

void Mutex::lock(std::source_location loc) {
  Goroutine* g = running_goroutine(*sched_, "Mutex::lock");
  if (!owner_) {
    owner_ = g;
    sched_->counter(id_, CounterKind::Holders, 1);
    return;
  }
  Waiter w(g);
  waiters_.wait(w, WaitReason::MutexLock, loc, owner_);
  // unlock() handed the mutex to us before waking us.
}

void Mutex::unlock(std::source_location loc) {
  if (!owner_) sched_->raise(Outcome::Fatal, go_errors::kUnlockOfUnlockedMutex, loc);
  if (Waiter* w = waiters_.pop()) {
    owner_ = w->g;  // hand-off: the woken goroutine holds the mutex
    sched_->ready(w->g, id_);
  } else {
    owner_ = nullptr;
    sched_->counter(id_, CounterKind::Holders, 0);
  }
}

bool Mutex::try_lock(std::source_location) {
  if (owner_) return false;
  owner_ = running_goroutine(*sched_, "Mutex::try_lock");
  sched_->counter(id_, CounterKind::Holders, 1);
  return true;
}

void Mutex::holders(std::vector<GoroutineId>& out) const {
  if (owner_) out.push_back(owner_->id);
}

std::string Mutex::describe() const {
  if (!owner_) return "unlocked";
  return "held by " + goroutine_label(*sched_, owner_->id) + ", " + std::to_string(waiters_.size()) + " waiting";
}

// [SECTION] RWMutex -------------------------------------------------------------------------------------

RWMutex::RWMutex(std::string_view name, RWPreference pref)
    : Object(ObjectKind::RWMutex, name), pref_(pref), rq_(*sched_, id_, &waiting_), wq_(*sched_, id_, &waiting_) {}

void RWMutex::admit_reader(Goroutine* g) {
  readers_.push_back(g->id);
  sched_->counter(id_, CounterKind::Holders, static_cast<std::int64_t>(readers_.size()));
}

void RWMutex::grant_writer(Goroutine* g) {
  writer_ = g;
  sched_->counter(id_, CounterKind::Holders, -1);  // -1: held by a writer
}

void RWMutex::release_readers() {
  while (Waiter* w = rq_.front()) {
    rq_.remove(*w);
    admit_reader(w->g);
    sched_->ready(w->g, id_);
  }
}

void RWMutex::rlock(std::source_location loc) {
  Goroutine* g = running_goroutine(*sched_, "RWMutex::rlock");
  bool writer_waiting = !wq_.empty();
  bool may_enter = !writer_ && (pref_ == RWPreference::ReadersFirst || !writer_waiting);
  if (may_enter) {
    admit_reader(g);
    return;
  }
  Waiter w(g);
  rq_.wait(w, WaitReason::RWMutexRLock, loc);  // admitted by whoever woke us
}

void RWMutex::runlock(std::source_location loc) {
  Goroutine* g = sched_->running();
  if (readers_.empty()) sched_->raise(Outcome::Fatal, go_errors::kRUnlockOfUnlockedRWMutex, loc);
  // Remove this goroutine's read hold (or any, if another goroutine releases on its behalf).
  auto it = g ? std::find(readers_.begin(), readers_.end(), g->id) : readers_.end();
  if (it == readers_.end()) it = readers_.begin();
  readers_.erase(it);
  sched_->counter(id_, CounterKind::Holders, static_cast<std::int64_t>(readers_.size()));
  if (readers_.empty()) {
    if (Waiter* w = wq_.pop()) {
      grant_writer(w->g);
      sched_->ready(w->g, id_);
    }
  }
}

void RWMutex::lock(std::source_location loc) {
  Goroutine* g = running_goroutine(*sched_, "RWMutex::lock");
  if (!writer_ && readers_.empty()) {
    grant_writer(g);
    return;
  }
  Waiter w(g);
  wq_.wait(w, WaitReason::RWMutexLock, loc);  // granted by whoever woke us
}

void RWMutex::unlock(std::source_location loc) {
  if (!writer_) sched_->raise(Outcome::Fatal, go_errors::kUnlockOfUnlockedRWMutex, loc);
  writer_ = nullptr;
  sched_->counter(id_, CounterKind::Holders, 0);
  bool readers_next = pref_ != RWPreference::WritersFirst ? !rq_.empty() : wq_.empty();
  if (readers_next) {
    release_readers();
  } else if (Waiter* w = wq_.pop()) {
    grant_writer(w->g);
    sched_->ready(w->g, id_);
  }
}

void RWMutex::holders(std::vector<GoroutineId>& out) const {
  if (writer_) out.push_back(writer_->id);
  out.insert(out.end(), readers_.begin(), readers_.end());
}

std::string RWMutex::describe() const {
  std::string s;
  if (writer_)
    s = "write-locked by " + goroutine_label(*sched_, writer_->id);
  else if (!readers_.empty())
    s = std::to_string(readers_.size()) + " readers";
  else
    s = "unlocked";
  return s + ", " + std::to_string(rq_.size()) + " readers and " + std::to_string(wq_.size()) + " writers waiting";
}

// [SECTION] Semaphore -----------------------------------------------------------------------------------

Semaphore::Semaphore(std::int64_t initial, std::string_view name)
    : Object(ObjectKind::Semaphore, name, initial), count_(initial), waiters_(*sched_, id_) {
  if (initial < 0) throw UsageError("a semaphore's initial count cannot be negative");
  sched_->counter(id_, CounterKind::Value, count_);
}

void Semaphore::acquire(std::source_location loc) {
  Goroutine* g = running_goroutine(*sched_, "Semaphore::acquire");
  if (count_ > 0) {
    sched_->counter(id_, CounterKind::Value, --count_);
    return;
  }
  Waiter w(g);
  waiters_.wait(w, WaitReason::Semacquire, loc);  // release() handed us its permit
}

void Semaphore::release(std::source_location) {
  if (Waiter* w = waiters_.pop()) {
    sched_->ready(w->g, id_);
  } else {
    sched_->counter(id_, CounterKind::Value, ++count_);
  }
}

bool Semaphore::try_acquire(std::source_location) {
  if (count_ <= 0) return false;
  sched_->counter(id_, CounterKind::Value, --count_);
  return true;
}

std::string Semaphore::describe() const {
  return "count " + std::to_string(count_) + ", " + std::to_string(waiters_.size()) + " waiting";
}

// [SECTION] CondVar -------------------------------------------------------------------------------------

CondVar::CondVar(Mutex& mu, std::string_view name)
    : Object(ObjectKind::CondVar, name), mu_(mu), waiters_(*sched_, id_) {}

void CondVar::wait(std::source_location loc) {
  Goroutine* g = running_goroutine(*sched_, "CondVar::wait");
  bool spurious_allowed = spurious_.value_or(sched_->config().spurious_wakeups);
  if (spurious_allowed && sched_->decide(Choice{DecisionKind::SpuriousWake, 2, g->id}) == 1) {
    // A spurious wake-up: give up the mutex and the processor, then come back without any signal.
    ++spurious_count_;
    mu_.unlock(loc);
    sched_->yield(loc);
    mu_.lock(loc);
    return;
  }
  Waiter w(g);
  waiters_.push(w);
  mu_.unlock(loc);
  sched_->park(WaitReason::CondWait, id_, loc);
  mu_.lock(loc);
}

void CondVar::signal(std::source_location) {
  sched_->touch(id_, true);
  waiters_.wake_one();
}

void CondVar::broadcast(std::source_location) {
  sched_->touch(id_, true);
  waiters_.wake_all();
}

// [SECTION] WaitGroup -----------------------------------------------------------------------------------

WaitGroup::WaitGroup(std::string_view name) : Object(ObjectKind::WaitGroup, name), waiters_(*sched_, id_) {}

void WaitGroup::add(std::int64_t delta, std::source_location loc) {
  counter_ += delta;
  sched_->counter(id_, CounterKind::Value, counter_);
  if (counter_ < 0) sched_->raise(Outcome::Panic, go_errors::kNegativeWaitGroup, loc);
  if (counter_ == 0) waiters_.wake_all();
}

void WaitGroup::wait(std::source_location loc) {
  Goroutine* g = running_goroutine(*sched_, "WaitGroup::wait");
  if (counter_ == 0) {
    sched_->touch(id_, false);  // it passed at once: it read a zero counter
    return;
  }
  Waiter w(g);
  waiters_.wait(w, WaitReason::WaitGroupWait, loc);  // the last Done wakes it
}

std::string WaitGroup::describe() const {
  return "counter " + std::to_string(counter_) + ", " + std::to_string(waiters_.size()) + " waiting";
}

// [SECTION] Barrier -------------------------------------------------------------------------------------

Barrier::Barrier(std::int64_t parties, std::string_view name)
    : Object(ObjectKind::Barrier, name, parties), parties_(parties), waiters_(*sched_, id_) {
  if (parties < 1) throw UsageError("a barrier needs at least one party");
}

bool Barrier::wait(std::source_location loc) {
  Goroutine* g = running_goroutine(*sched_, "Barrier::wait");
  if (++arrived_ == parties_) {
    arrived_ = 0;
    ++generation_;
    sched_->counter(id_, CounterKind::Value, 0);
    waiters_.wake_all();
    return true;
  }
  sched_->counter(id_, CounterKind::Value, arrived_);
  Waiter w(g);
  waiters_.wait(w, WaitReason::BarrierWait, loc);
  return false;
}

std::string Barrier::describe() const {
  return std::to_string(arrived_) + " of " + std::to_string(parties_) + " arrived";
}

// [SECTION] Once ----------------------------------------------------------------------------------------

Once::Once(std::string_view name) : Object(ObjectKind::Once, name), waiters_(*sched_, id_) {}

void Once::wait_done(std::source_location loc) {
  Waiter w(running_goroutine(*sched_, "Once::do_once"));
  waiters_.wait(w, WaitReason::OnceDo, loc);
}

void Once::finish() {
  done_ = true;
  running_ = false;
  waiters_.wake_all();
}

}  // namespace interleave
