// dpor.h — what one run tells dynamic partial-order reduction, and the reduced exhaustive search.
//
// The search is Source-DPOR with sleep sets (Abdulla, Aronis, Jonsson, Sagonas: "Optimal Dynamic Partial
// Order Reduction", POPL 2014, Algorithm 1), stateless: every execution is a fresh run of the program from a
// prefix of choices (Runner::run), so nothing but the current path is kept.
//
// The model. A run is a sequence of steps: what one goroutine does between two choice points. A step's
// accesses come from the runtime's own events (runner.cpp, StepRecorder): every event that names an object
// (a counter change, a wake-up through it, a hand-off, blocking on it, a kAccessNote) is an access to that
// object, kAccessNote without an object is an access to a memory location (a sync/atomic variable, or the
// program's output), creating a goroutine is an access its first step shares. Two steps are dependent when
// they access one object or location and one of them writes (a WaitGroup's Add/Done only add, and adds
// commute). Steps of different goroutines that are dependent and not ordered by happens-before race; for each
// race the search makes sure the reversed order is explored too (a source set at the choice point before the
// first step), and sleep sets keep it from exploring an order equivalent to one it already explored.
//
// Choice points that pick data rather than a goroutine (which waiter wakes, which ready select case, a
// spurious wake-up) have all their options explored. Memory that is neither an object nor an atomic (plain
// Go variables, a compiled pattern's plain members) is not seen: a race on it is not reversed (use dfs).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "runtime/types.h"

namespace interleave::explorer {

struct Schedule;
class Runner;

enum class AccessKind : std::uint8_t { Read, Write, Add };

// One access of a step. `key`: the object or location numbered in the order the run first touched it (0: the
// output); the same prefix of choices gives the same numbers.
struct Access {
  std::uint32_t key = 0;
  AccessKind kind = AccessKind::Read;
  std::uint64_t raw = 0;  // what it is (object id, goroutine id, address): the same in runs that share a prefix
};
bool conflict(const Access& a, const Access& b);

struct DporStep {
  GoroutineId g = kNoGoroutine;
  std::uint32_t node = 0;  // the choice point before it (index into DporTrace::nodes; kNoNode: none yet)
  std::vector<Access> acc;
};
inline constexpr std::uint32_t kNoNode = UINT32_MAX;

// A sleeping goroutine: it was explored from an earlier state, and its next step is `acc`. Accesses compare
// by `raw`; if a run finds that the locations it shares with its parent moved (different addresses), keys at or
// above `known` (first touched after that state) are compared by nothing but their kind.
struct SleepEntry {
  GoroutineId g = kNoGoroutine;
  std::vector<Access> acc;
  std::uint32_t known = 0;
};

// A choice point as DPOR sees it: a Preempt that switches is one point with the pick that follows it.
struct DporNode {
  std::uint32_t branch = 0;  // index of its first Branch in the run
  bool sched = true;         // a choice of goroutine (else of data: waiter, select case, spurious wake-up)
  bool preempt = false;      // its first branch is a Preempt (option 0 keeps `current` running)
  GoroutineId current = kNoGoroutine;
  std::vector<GoroutineId> enabled;  // who could run here (PickGoroutine: in option order)
  GoroutineId chosen_g = kNoGoroutine;
  std::uint32_t options = 0, chosen = 0;
  std::uint32_t known = 0;        // keys numbered before it
  std::vector<SleepEntry> sleep;  // the sleep set when the run got here
};

// Filled in by Runner::run when asked for. In: the sleep set that holds from the last choice of the prefix.
// Out: the choice points and steps, and whether the run became sleep-set blocked (every goroutine that could
// run was asleep: an equivalent run was explored already) and at which step.
struct DporTrace {
  std::vector<SleepEntry> sleep_in;
  std::vector<std::uint64_t> raws_in;  // the parent run's raw keys by key (to check they did not move)
  std::vector<std::uint64_t> raws;     // out: this run's
  std::vector<DporNode> nodes;
  std::vector<DporStep> steps;
  bool blocked = false;
  std::size_t blocked_step = 0, blocked_node = 0;
  bool moved = false;  // locations shared with the parent run have other raw keys (compared conservatively)
};

// Prefix value for a Preempt choice point: switch, and then run goroutine g (kFollow + g).
inline constexpr std::uint32_t kFollow = 0x80000000u;

// What the search did, besides the schedules it reported.
struct DporStats {
  std::uint64_t runs = 0;     // every run, blocked ones included
  std::uint64_t blocked = 0;  // sleep-set blocked runs (not counted as schedules)
  std::uint64_t moved = 0;    // runs whose locations moved (DporTrace::moved)
  bool stopped = false;       // `visit` said stop
};

// Runs the search. `visit(schedule)` gets every complete (not blocked) execution; it returns false to stop.
DporStats dpor_search(Runner& r, const std::function<bool(const Schedule&)>& visit);

}  // namespace interleave::explorer
