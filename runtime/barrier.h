// barrier.h — a reusable barrier for N parties.
//
// Each of N goroutines calls wait(); the first N-1 park (wait reason "sync.Barrier.Wait") and the N-th
// releases them all. The barrier then resets, ready for the next round — the "reusable barrier" of
// Downey's Little Book of Semaphores, here as one primitive (the patterns also build it from semaphores).
//
//   interleave::Barrier b(3, "round");
//   // in each of 3 goroutines:
//   for (int round = 0; round < 10; ++round) { step(round); b.wait(); }
#pragma once

#include <source_location>
#include <string_view>

#include "runtime/wait_queue.h"

namespace interleave {

class Barrier : public Object {
 public:
  explicit Barrier(std::int64_t parties, std::string_view name = {});

  // Returns true in exactly one goroutine per round: the one that arrived last.
  bool wait(std::source_location loc = std::source_location::current());

  std::int64_t parties() const { return parties_; }
  std::int64_t arrived() const { return arrived_; }
  std::uint64_t generation() const { return generation_; }
  std::string describe() const override;

 private:
  std::int64_t parties_;
  std::int64_t arrived_ = 0;
  std::uint64_t generation_ = 0;
  WaitQueue waiters_;
};

}  // namespace interleave
