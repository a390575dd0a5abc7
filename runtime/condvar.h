// condvar.h — a condition variable over a Mutex (Go's sync.Cond), with Mesa semantics.
//
// wait() atomically unlocks the mutex and parks (wait reason "sync.Cond.Wait"); when woken it locks the
// mutex again before returning. signal() wakes one waiter, broadcast() all of them. Mesa semantics: a woken
// goroutine only becomes runnable; by the time it holds the mutex again another goroutine may have changed
// the state. And with spurious wake-ups enabled (Scheduler::Config::spurious_wakeups, or per object) wait()
// may return without any signal at all. Both are why the wait always sits in a loop:
//
//   mu.lock();
//   while (queue.empty())   // not `if`: re-check after every wake-up
//     not_empty.wait();
//   take(queue);
//   mu.unlock();
//
// A signal with no waiter is lost: a condition variable has no memory, unlike a semaphore.
#pragma once

#include <optional>
#include <source_location>
#include <string_view>

#include "runtime/mutex.h"

namespace interleave {

class CondVar : public Object {
 public:
  explicit CondVar(Mutex& mu, std::string_view name = {});

  // wait() unlocks the mutex, waits for a signal (or a spurious wake-up), and locks the mutex again.
  void wait(std::source_location loc = std::source_location::current());
  // signal() wakes one waiting goroutine, if any; the signal is lost if nobody waits.
  void signal(std::source_location loc = std::source_location::current());
  // broadcast() wakes every waiting goroutine.
  void broadcast(std::source_location loc = std::source_location::current());

  // Overrides the scheduler-wide spurious wake-up setting for this condition variable.
  void set_spurious_wakeups(bool on) { spurious_ = on; }
  std::size_t waiters() const { return waiters_.size(); }
  std::uint64_t spurious_count() const { return spurious_count_; }
  Mutex& mutex() const { return mu_; }

 private:
  Mutex& mu_;
  std::optional<bool> spurious_;
  std::uint64_t spurious_count_ = 0;
  WaitQueue waiters_;
};

}  // namespace interleave
