// timer_heap.h — the scheduler's timers: sleeping goroutines, work() slices, and timer objects
// (TimerTarget: Go's time.Timer, time.Ticker, time.AfterFunc).
//
// The heap is 4-ary and sifts exactly as Go's runtime does (runtime/time.go in Go 1.19: siftupTimer,
// siftdownTimer, dodeltimer0, dodeltimer). In Go order (`go_order`) it compares by time only, as Go does, so
// timers due at the same instant come out in Go's order (not first-in-first-out: three sleepers set in the
// order a, b, c fire as a, c, b). Otherwise it compares by (time, insertion order): first-in-first-out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "runtime/types.h"

namespace interleave {

struct Goroutine;

// A timer that is not a goroutine: the scheduler calls fire() when the virtual clock reaches it.
class TimerTarget {
 public:
  virtual ~TimerTarget() = default;
  // The clock reached this timer. It is already out of the heap, or (periodic) set again for its next tick.
  virtual void fire(VirtualTime now) = 0;
  // A repeating timer's period (0: it fires once).
  virtual Duration period() const { return 0; }
  // The run ended with this timer still set (it is out of the heap).
  virtual void dropped() {}
  bool armed() const { return heap_index_ != kNotInHeap; }

 private:
  friend class TimerHeap;
  static constexpr std::size_t kNotInHeap = ~std::size_t{0};
  std::size_t heap_index_ = kNotInHeap;
};

struct TimerEntry {
  VirtualTime at = 0;
  std::uint64_t seq = 0;
  Goroutine* g = nullptr;         // a sleeper or a goroutine inside work()
  TimerTarget* target = nullptr;  // or a timer object
};

class TimerHeap {
 public:
  void set_go_order(bool on) { go_order_ = on; }
  bool empty() const { return h_.empty(); }
  std::size_t size() const { return h_.size(); }
  const TimerEntry& top() const { return h_.front(); }
  const TimerEntry& operator[](std::size_t i) const { return h_[i]; }

  void push(TimerEntry e) {
    h_.push_back(e);
    place(h_.size() - 1);
    sift_up(h_.size() - 1);
  }
  // Removes the first timer (Go's dodeltimer0).
  void pop() { remove_at(0); }
  // Removes a timer object if it is set; says whether it was.
  bool remove(TimerTarget* t) {
    if (!t->armed()) return false;
    remove_at(t->heap_index_);
    return true;
  }
  // The first timer, periodic, is due again at `at` (Go's runOneTimer for a period > 0).
  void retime_top(VirtualTime at) {
    h_[0].at = at;
    sift_down(0);
  }
  // Empties the heap, telling each timer object.
  void clear() {
    std::vector<TimerEntry> old;
    old.swap(h_);
    for (auto& e : old)
      if (e.target) e.target->heap_index_ = TimerTarget::kNotInHeap;
    for (auto& e : old)
      if (e.target) e.target->dropped();
  }

 private:
  bool less(const TimerEntry& a, const TimerEntry& b) const {
    return a.at != b.at ? a.at < b.at : (!go_order_ && a.seq < b.seq);
  }
  void place(std::size_t i) {
    if (h_[i].target) h_[i].target->heap_index_ = i;
  }
  void remove_at(std::size_t i) {
    if (h_[i].target) h_[i].target->heap_index_ = TimerTarget::kNotInHeap;
    std::size_t last = h_.size() - 1;
    if (i != last) {
      h_[i] = h_[last];
      place(i);
    }
    h_.pop_back();
    if (i != last) {
      sift_up(i);  // Go: "moving to i may have moved the last timer to a new parent"
      sift_down(i);
    }
  }
  std::size_t sift_up(std::size_t i) {
    TimerEntry tmp = h_[i];
    while (i > 0) {
      std::size_t p = (i - 1) / 4;
      if (!less(tmp, h_[p])) break;
      h_[i] = h_[p];
      place(i);
      i = p;
    }
    h_[i] = tmp;
    place(i);
    return i;
  }
  void sift_down(std::size_t i) {
    std::size_t n = h_.size();
    TimerEntry tmp = h_[i];
    for (;;) {
      std::size_t c = i * 4 + 1, c3 = c + 2;
      if (c >= n) break;
      if (c + 1 < n && less(h_[c + 1], h_[c])) ++c;
      if (c3 < n) {
        if (c3 + 1 < n && less(h_[c3 + 1], h_[c3])) ++c3;
        if (less(h_[c3], h_[c])) c = c3;
      }
      if (!less(h_[c], tmp)) break;
      h_[i] = h_[c];
      place(i);
      i = c;
    }
    h_[i] = tmp;
    place(i);
  }

  std::vector<TimerEntry> h_;
  bool go_order_ = false;
};

}  // namespace interleave
