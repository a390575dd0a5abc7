// semaphore.h — a counting semaphore (Dijkstra's P and V; Downey's wait and signal).
//
// A semaphore holds a count of permits. acquire() takes one, parking the caller (wait reason "semacquire")
// while there are none; release() gives one back, or hands it straight to a waiting goroutine. With an
// initial count of 1 it is a lock; of N, a multiplex admitting N at a time; of 0, a signal that one
// goroutine sends and another waits for. Unlike a mutex, any goroutine may release it, at any time.
//
//   interleave::Semaphore items(0, "items");
//   // producer:                 // consumer:
//   buffer.push(x);              items.acquire();
//   items.release();             x = buffer.pop();
//
// Which waiter release() wakes is FIFO, or the scheduling policy's pick when the scheduler's wake order is
// WakeOrder::Policy — the order a real OS semaphore does not promise.
#pragma once

#include <source_location>
#include <string_view>

#include "runtime/wait_queue.h"

namespace interleave {

class Semaphore : public Object {
 public:
  explicit Semaphore(std::int64_t initial = 0, std::string_view name = {});

  // acquire() takes a permit, blocking while the count is zero.
  void acquire(std::source_location loc = std::source_location::current());
  // release() returns a permit: to the longest waiter if there is one, otherwise to the count.
  void release(std::source_location loc = std::source_location::current());
  // try_acquire() takes a permit if one is available, without blocking.
  bool try_acquire(std::source_location loc = std::source_location::current());

  std::int64_t value() const { return count_; }
  std::size_t waiters() const { return waiters_.size(); }
  std::string describe() const override;

 private:
  std::int64_t count_;
  WaitQueue waiters_;
};

}  // namespace interleave
