// condition_variables.cpp — waiting for a condition: a gate that one goroutine opens and many wait for.
//
// A condition variable lets a goroutine sleep until the shared state changes, without a busy loop. It has
// no memory: a signal with nobody waiting is lost, and (with Mesa semantics and spurious wake-ups) a
// waiter that wakes up must check the state again. So the state lives in ordinary variables under a mutex,
// and the wait always looks like `while (!condition) cond.wait();`. Three ways to get it wrong.
#include <memory>
#include <string>

#include "patterns/registry.h"
#include "patterns/watched.h"

namespace interleave::patterns {
namespace {

// [SECTION] The gate ------------------------------------------------------------------------------------

struct Gate {
  explicit Gate(RunContext& c) : ctx(c) {}
  RunContext& ctx;
  Mutex mutex{"mutex"};
  CondVar opened{mutex, "opened"};
  bool open = false;  // the condition, guarded by the mutex
  WaitGroup finished{"finished"};

  void pass() {
    ctx.check(open, "closed_gate", "a waiter went through the gate while it was still closed");
    ctx.add_metric("passed", 1, "goroutines");
  }
};

// Starts the opener and the waiters; `waiter` is the body that waits for the gate and goes through it.
template <class Waiter>
void run_gate(RunContext& ctx, bool broadcast, Waiter waiter) {
  auto g = std::make_shared<Gate>(ctx);
  int waiters = int(ctx.params.integer("waiters"));
  g->finished.add(waiters + 1);
  go("opener#0", [g, broadcast] {
    sleep(g->ctx.params.draw("open_after"));
    g->mutex.lock();
    g->open = true;
    if (broadcast)
      g->opened.broadcast();  // wake every waiter
    else
      g->opened.signal();  // BUG (when waiters > 1): wakes only one of them
    g->mutex.unlock();
    g->finished.done();
  });
  for (int i = 0; i < waiters; ++i) {
    go("waiter#" + std::to_string(i), [g, waiter] {
      sleep(g->ctx.params.draw("arrive_after"));
      waiter(*g);
      g->finished.done();
    });
  }
  g->finished.wait();
}

// [SECTION] Correct: wait in a loop, wake everyone with broadcast ----------------------------------------

void run_wait_in_loop(RunContext& ctx) {
  run_gate(ctx, true, [](Gate& g) {
    g.mutex.lock();
    while (!g.open)  // re-check after every wake-up: it may be spurious
      g.opened.wait();
    g.pass();
    g.mutex.unlock();
  });
}

// [SECTION] Broken: `if` instead of `while` --------------------------------------------------------------

void run_if_not_while(RunContext& ctx) {
  run_gate(ctx, true, [](Gate& g) {
    g.mutex.lock();
    if (!g.open)  // BUG: after a spurious wake-up the gate is still closed
      g.opened.wait();
    g.pass();
    g.mutex.unlock();
  });
}

// [SECTION] Broken: signal where broadcast is needed -----------------------------------------------------

void run_signal_not_broadcast(RunContext& ctx) {
  run_gate(ctx, false, [](Gate& g) {
    g.mutex.lock();
    while (!g.open)     // correct, but...
      g.opened.wait();  // ...all but one of the early waiters sleep here forever
    g.pass();
    g.mutex.unlock();
  });
}

// [SECTION] Broken: waiting without a predicate — the lost wake-up ---------------------------------------

void run_no_predicate(RunContext& ctx) {
  run_gate(ctx, true, [](Gate& g) {
    g.mutex.lock();
    g.opened.wait();  // BUG: no check of `open`; if the broadcast came before, it is lost: wait forever
    g.pass();
    g.mutex.unlock();
  });
}

// [SECTION] Registration --------------------------------------------------------------------------------

Registrar reg([] {
  Pattern p;
  p.name = "condition_variables";
  p.title = "Condition variables: waiting for a gate to open";
  p.lesson =
      "An opener opens a gate once; waiters arrive at random times and must not go through before it is "
      "open. The gate's state is a bool guarded by a mutex; a condition variable lets the waiters sleep until "
      "it changes. Watch who is parked on 'opened' when the opener wakes it: a condition variable has no "
      "memory, wakes only those already waiting, and may wake them spuriously.";
  p.source_file = "patterns/condition_variables.cpp";
  p.params = {
      ParamSpec::integer("waiters", 4, 1, 32, "goroutines", "goroutines waiting for the gate"),
      ParamSpec::duration("open_after", "uniform 1ms..3ms", "when the opener opens the gate (sleep)"),
      ParamSpec::duration("arrive_after", "uniform 0ms..4ms", "when each waiter arrives (sleep)"),
  };
  p.invariants = {{"closed_gate", "nobody goes through the gate before it is open"}};
  p.metrics = {{"passed", "goroutines"}};
  p.variants = {
      {"wait_in_loop", "Wait in a while loop, broadcast",
       "`while (!open) opened.wait();` re-checks the condition after every wake-up, so spurious wake-ups "
       "(switched on for this variant) are harmless, and broadcast() wakes every waiter. Waiters arriving "
       "after the gate opened never wait at all.",
       Bug::None, &run_wait_in_loop, "", 0, true},
      {"if_not_while", "`if` instead of `while`",
       "The condition is checked once. A spurious wake-up returns from wait() without anyone opening the "
       "gate, and the waiter walks through it closed.",
       Bug::InvariantViolation, &run_if_not_while, "", 0, true},
      {"signal_not_broadcast", "signal() where broadcast() is needed",
       "The opener wakes one waiter with signal(). Every other waiter that was already parked on 'opened' is "
       "never woken, and main waits for them forever: a deadlock whenever two or more arrive before the gate "
       "opens.",
       Bug::Deadlock, &run_signal_not_broadcast},
      {"no_predicate", "Waiting without checking the condition",
       "The waiter calls wait() without looking at `open`. A waiter that arrives after the broadcast waits "
       "for a wake-up that already happened: it is lost, and the waiter sleeps forever.",
       Bug::Deadlock, &run_no_predicate},
  };
  return p;
});

}  // namespace
}  // namespace interleave::patterns
