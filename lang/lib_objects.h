// lib_objects.h — the library objects behind sync and time values: each wraps a runtime primitive, so
// the scheduler, traces and dumps see Go's sync.Mutex as the runtime's Mutex, and so on.
#pragma once

#include <memory>

#include "lang/value.h"
#include "runtime/condvar.h"
#include "runtime/mutex.h"
#include "runtime/once.h"
#include "runtime/rwmutex.h"
#include "runtime/timer_heap.h"
#include "runtime/waitgroup.h"

namespace interleave::lang {

struct RunState;

enum OpaqueTag : int { kMutex = 1, kRWMutex, kWaitGroup, kOnce, kTimerState };

// `name` is what the GUI, the wait-for graph and exports call the value: the variable or field it was first
// assigned to ("mu", "c.mu"), or its type's name when it has none.
struct MutexObj final : Obj {
  explicit MutexObj(std::string_view name = "sync.Mutex") : m(name) {}
  Mutex m;
};
struct RWMutexObj final : Obj {
  explicit RWMutexObj(std::string_view name = "sync.RWMutex") : m(name) {}
  RWMutex m;
};
struct WaitGroupObj final : Obj {
  explicit WaitGroupObj(std::string_view name = "sync.WaitGroup") : wg(name) {}
  WaitGroup wg;
};
struct OnceObj final : Obj {
  bool done = false;
  bool running = false;
  Mutex m{"sync.Once"};
};
// sync.Cond over a *sync.Mutex: the runtime's CondVar on that mutex.
struct CondObj final : Obj {
  Value locker;  // the Mutex value (keeps it alive)
  CondVar cv;
  explicit CondObj(Value l, Mutex& m) : locker(std::move(l)), cv(m, "sync.Cond") {}
};
// A time.Timer, time.Ticker or AfterFunc timer: a runtime timer object (not a goroutine), so it is in no
// goroutine dump and not counted by runtime.NumGoroutine. While set it keeps itself alive (`self`).
struct TimerState final : Obj, TimerTarget {
  RunState* run = nullptr;
  Value ch;            // the channel C (a ChanObj with timer set), or null for AfterFunc
  Value fn;            // AfterFunc's function
  Duration every = 0;  // a ticker's period
  bool initialized = false;
  Value self;                           // while armed
  void fire(VirtualTime now) override;  // lib_time.cpp
  Duration period() const override { return every; }
  // The last reference may be `self`: move it out first, so this object is freed only after its last write.
  void dropped() override { Value last = std::move(self); }
};

}  // namespace interleave::lang
