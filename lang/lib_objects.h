// lib_objects.h — the library objects behind sync and time values: each wraps a runtime primitive, so
// the scheduler, traces and dumps see Go's sync.Mutex as the runtime's Mutex, and so on.
#pragma once

#include <memory>

#include "lang/value.h"
#include "runtime/condvar.h"
#include "runtime/mutex.h"
#include "runtime/once.h"
#include "runtime/rwmutex.h"
#include "runtime/waitgroup.h"

namespace interleave::lang {

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
// A timer or ticker's shared state with its helper goroutine.
struct TimerState final : Obj {
  bool stopped = false;
  bool fired = false;
  std::int64_t generation = 0;
};

}  // namespace interleave::lang
