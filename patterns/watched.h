// watched.h — a shared variable the GUI can watch.
//
// Patterns keep their shared state in ordinary C++ variables. A Watched is one that also shows up in the
// trace: every store() emits a counter event, so the GUI plots it next to the semaphores and channels
// (the racy counter, a bounded buffer's fill level). Loads and stores are plain: they are not scheduling
// points, so a race only happens where the pattern puts one (a yield() between a load and a store).
//
//   interleave::patterns::Watched counter("counter");
//   int v = counter.load();
//   interleave::yield();          // another goroutine may run here
//   counter.store(v + 1);         // and this store may overwrite its increment
#pragma once

#include <cstdint>
#include <string_view>

#include "runtime/interleave.h"

namespace interleave::patterns {

class Watched : public Object {
 public:
  // `kind` says how the GUI should read it: CounterKind::Value for a number, CounterKind::Length for the
  // fill level of a buffer whose capacity is `capacity`.
  explicit Watched(std::string_view name, std::int64_t initial = 0, std::int64_t capacity = 0,
                   CounterKind kind = CounterKind::Value)
      : Object(ObjectKind::Variable, name, capacity), value_(initial), kind_(kind) {
    sched_->counter(id_, kind_, value_);
  }
  std::int64_t load() const { return value_; }
  void store(std::int64_t v) {
    value_ = v;
    sched_->counter(id_, kind_, value_);
  }
  std::string describe() const override { return "value " + std::to_string(value_); }

 private:
  std::int64_t value_;
  CounterKind kind_;
};

}  // namespace interleave::patterns
