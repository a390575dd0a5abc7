// wait_queue.h — the one building block every primitive suspends through.
//
// A WaitQueue is an ordered list of parked goroutines. A primitive that cannot proceed puts a Waiter (which
// lives on the waiting goroutine's own stack, so no allocation) into a queue and parks; whoever makes
// progress possible later pops a waiter and readies it. The scheduler's hooks fire here and in park/ready,
// so every primitive is instrumented the same way: the waiter count of the object, the wait reason, who
// woke whom.
//
//   // inside Mutex::lock(), when the mutex is taken:
//   Waiter w(sched.running());
//   waiters_.wait(w, WaitReason::MutexLock, loc);   // returns when someone popped and readied us
//
// Which waiter pop() takes is FIFO, or — when the scheduler's wake order is WakeOrder::Policy — a decision
// of the scheduling policy, recorded like every other.
#pragma once

#include <cstddef>
#include <cstdint>
#include <source_location>

#include "runtime/scheduler.h"

namespace interleave {

class WaitQueue;
struct SelectState;

struct Waiter {
  Waiter() = default;
  explicit Waiter(Goroutine* goroutine) : g(goroutine) {}
  ~Waiter();  // unlinks itself if still queued (a goroutine torn down while parked)
  Waiter(const Waiter&) = delete;
  Waiter& operator=(const Waiter&) = delete;
  Goroutine* g = nullptr;
  Waiter* prev = nullptr;
  Waiter* next = nullptr;
  WaitQueue* queue = nullptr;
  void* data = nullptr;           // primitive-defined: the value to send, the slot to receive into
  int tag = 0;                    // primitive-defined: the select case index, reader or writer
  int result = 0;                 // set by the waker: 1 = the operation happened, 0 = the channel closed
  SelectState* select = nullptr;  // set when this waiter is one case of a select
};

class WaitQueue {
 public:
  // `owner` is the object the waiters wait on. Several queues of one object (an RWMutex's readers and
  // writers) share `total_waiters` so the object's waiter counter counts them all.
  WaitQueue(Scheduler& s, ObjectId owner, std::int64_t* total_waiters = nullptr)
      : sched_(&s), owner_(owner), total_(total_waiters ? total_waiters : &own_total_) {}
  ~WaitQueue();  // detaches any waiters still queued (their goroutines are unwound later, at shutdown)
  WaitQueue(const WaitQueue&) = delete;
  WaitQueue& operator=(const WaitQueue&) = delete;

  bool empty() const { return head_ == nullptr; }
  std::size_t size() const { return size_; }
  Waiter* front() const { return head_; }

  void push(Waiter& w) {
    w.queue = this;
    w.next = nullptr;
    w.prev = tail_;
    if (tail_)
      tail_->next = &w;
    else
      head_ = &w;
    tail_ = &w;
    ++size_;
    sched_->counter(owner_, CounterKind::Waiters, ++*total_);
  }
  void remove(Waiter& w) {
    if (w.queue != this) return;
    if (w.prev)
      w.prev->next = w.next;
    else
      head_ = w.next;
    if (w.next)
      w.next->prev = w.prev;
    else
      tail_ = w.prev;
    w.prev = w.next = nullptr;
    w.queue = nullptr;
    --size_;
    sched_->counter(owner_, CounterKind::Waiters, --*total_);
  }
  // Removes and returns the next waiter to wake (FIFO or the policy's pick); null if empty.
  Waiter* pop() {
    if (!head_) return nullptr;
    Waiter* w = size_ > 1 && sched_->config().wake_order == WakeOrder::Policy ? policy_pick() : head_;
    remove(*w);
    return w;
  }

  // Parks the running goroutine in this queue until a waker pops `w` and readies it.
  // `holder`: see Scheduler::park().
  void wait(Waiter& w, WaitReason reason, std::source_location loc, const Goroutine* holder = nullptr) {
    push(w);
    sched_->park(reason, owner_, loc, holder);
  }
  // Pops and readies one waiter; returns it (null if none).
  Waiter* wake_one();
  // Readies every waiter, in order; returns how many.
  std::size_t wake_all();

  ObjectId owner() const { return owner_; }
  Scheduler& scheduler() const { return *sched_; }

 private:
  Waiter* policy_pick();  // asks the policy which waiter (a recorded decision)
  Scheduler* sched_;
  ObjectId owner_;
  std::int64_t own_total_ = 0;
  std::int64_t* total_;
  Waiter* head_ = nullptr;
  Waiter* tail_ = nullptr;
  std::size_t size_ = 0;
};

inline Waiter::~Waiter() {
  if (queue) queue->remove(*this);
}

inline WaitQueue::~WaitQueue() {
  for (Waiter* w = head_; w != nullptr;) {
    Waiter* next = w->next;
    w->queue = nullptr;
    w->prev = w->next = nullptr;
    w = next;
  }
}

}  // namespace interleave
