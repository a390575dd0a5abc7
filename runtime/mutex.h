// mutex.h — a mutual exclusion lock (Go's sync.Mutex).
//
// At most one goroutine holds a Mutex at a time. lock() takes it, parking the caller (wait reason
// "sync.Mutex.Lock") while another goroutine holds it; unlock() releases it and hands it straight to the
// longest waiter (or the policy's pick), so a waiter that was woken always gets the lock.
//
//   interleave::Mutex mu("balance");
//   mu.lock();
//   balance += amount;    // the critical section: no other goroutine is here
//   mu.unlock();
//
// Misuse: unlocking a Mutex that is not locked ends the run with Go's
// "fatal error: sync: unlock of unlocked mutex". As in Go, any goroutine may unlock it, not only the locker.
#pragma once

#include <source_location>
#include <string_view>

#include "runtime/wait_queue.h"

namespace interleave {

class Mutex : public Object {
 public:
  explicit Mutex(std::string_view name = {});

  // lock() acquires the mutex, blocking until it is available.
  void lock(std::source_location loc = std::source_location::current());
  // unlock() releases it, waking one goroutine blocked in lock() (which then holds it).
  void unlock(std::source_location loc = std::source_location::current());
  // try_lock() acquires the mutex if it is free, without blocking; returns whether it did.
  bool try_lock(std::source_location loc = std::source_location::current());

  bool locked() const { return owner_ != nullptr; }
  GoroutineId owner() const { return owner_ ? owner_->id : kNoGoroutine; }
  std::size_t waiters() const { return waiters_.size(); }

  void holders(std::vector<GoroutineId>& out) const override;
  std::string describe() const override;

 private:
  Goroutine* owner_ = nullptr;
  WaitQueue waiters_;
};

// Locks on construction, unlocks at the end of the scope (std::lock_guard for interleave::Mutex).
class LockGuard {
 public:
  explicit LockGuard(Mutex& m, std::source_location loc = std::source_location::current()) : m_(m), loc_(loc) {
    m_.lock(loc);
  }
  ~LockGuard() {
    if (m_.locked()) m_.unlock(loc_);
  }
  LockGuard(const LockGuard&) = delete;
  LockGuard& operator=(const LockGuard&) = delete;

 private:
  Mutex& m_;
  std::source_location loc_;
};

}  // namespace interleave
