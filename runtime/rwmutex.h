// rwmutex.h — a reader/writer lock (Go's sync.RWMutex), with a choice of who goes first.
//
// Any number of readers may hold an RWMutex together, or one writer alone. Which side waits when both want
// it is the classic readers-writers trade-off, so it is a parameter:
//   ReadersFirst  a reader gets in whenever no writer holds the lock — writers can starve.
//   WritersFirst  a waiting writer bars new readers, and writers hand over to writers — readers can starve.
//   Go            Go's behaviour: a waiting writer bars new readers, and when a writer unlocks, the readers
//                 that queued meanwhile go first, then the next writer. Neither side starves.
//
//   interleave::RWMutex rw("table");
//   rw.rlock();  auto v = table[k];  rw.runlock();     // many readers at once
//   rw.lock();   table[k] = v2;      rw.unlock();      // one writer, nobody else
//
// Wait reasons: "sync.RWMutex.RLock" and "sync.RWMutex.Lock". Misuse ends the run with Go's
// "fatal error: sync: RUnlock of unlocked RWMutex" or "fatal error: sync: Unlock of unlocked RWMutex".
#pragma once

#include <source_location>
#include <string_view>
#include <vector>

#include "runtime/wait_queue.h"

namespace interleave {

enum class RWPreference : std::uint8_t { ReadersFirst, WritersFirst, Go };

class RWMutex : public Object {
 public:
  explicit RWMutex(std::string_view name = {}, RWPreference pref = RWPreference::Go);

  void rlock(std::source_location loc = std::source_location::current());
  void runlock(std::source_location loc = std::source_location::current());
  void lock(std::source_location loc = std::source_location::current());
  void unlock(std::source_location loc = std::source_location::current());

  std::size_t readers() const { return readers_.size(); }
  bool write_locked() const { return writer_ != nullptr; }
  std::size_t waiting_readers() const { return rq_.size(); }
  std::size_t waiting_writers() const { return wq_.size(); }
  RWPreference preference() const { return pref_; }

  void holders(std::vector<GoroutineId>& out) const override;
  std::string describe() const override;

 private:
  void admit_reader(Goroutine* g);
  void grant_writer(Goroutine* g);
  void release_readers();
  RWPreference pref_;
  std::vector<GoroutineId> readers_;
  Goroutine* writer_ = nullptr;
  std::int64_t waiting_ = 0;
  WaitQueue rq_;
  WaitQueue wq_;
};

}  // namespace interleave
