// waitgroup.h — wait for a collection of goroutines to finish (Go's sync.WaitGroup).
//
// add(n) says n more goroutines are to be waited for; each calls done() when finished; wait() parks
// (wait reason "sync.WaitGroup.Wait") until the counter is back to zero.
//
//   interleave::WaitGroup wg;
//   for (int i = 0; i < 3; ++i) {
//     wg.add(1);
//     interleave::go("worker", [&] { do_work(); wg.done(); });
//   }
//   wg.wait();   // all three workers have called done()
//
// Misuse: the counter going below zero ends the run with Go's "panic: sync: negative WaitGroup counter".
#pragma once

#include <source_location>
#include <string_view>

#include "runtime/wait_queue.h"

namespace interleave {

class WaitGroup : public Object {
 public:
  explicit WaitGroup(std::string_view name = {});

  void add(std::int64_t delta, std::source_location loc = std::source_location::current());
  void done(std::source_location loc = std::source_location::current()) { add(-1, loc); }
  void wait(std::source_location loc = std::source_location::current());

  std::int64_t counter() const { return counter_; }
  std::string describe() const override;

 private:
  std::int64_t counter_ = 0;
  WaitQueue waiters_;
};

}  // namespace interleave
