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

struct MutexObj final : Obj {
  Mutex m{"sync.Mutex"};
};
struct RWMutexObj final : Obj {
  RWMutex m{"sync.RWMutex"};
};
struct WaitGroupObj final : Obj {
  WaitGroup wg{"sync.WaitGroup"};
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
