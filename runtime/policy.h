// policy.h — who decides what happens next.
//
// Whenever a run could go more than one way — which runnable goroutine runs next and on which processor,
// which waiter a wake-one wakes, which ready select case is taken, whether a goroutine is preempted, whether
// a condition variable wakes spuriously — the scheduler asks its Policy, and records the answer as a
// Decision. Replaying the decisions replays the run exactly.
//
// Policies:
//   fifo    Go-like: first come, first served; never spurious; preempt when the quantum expires.
//   random  every choice uniformly at random from a seeded generator.
//   pct     Probabilistic Concurrency Testing (Burckhardt et al., ASPLOS 2010): random goroutine
//           priorities, always run the highest, and lower the running goroutine's priority at d-1 random
//           steps. Finds any bug of depth d with probability at least 1/(n k^(d-1)).
//   manual  an outside chooser (the GUI's "you are the scheduler") picks the next goroutine; until it
//           does, the scheduler pauses. Other choices take the first option.
//   replay  follows a recorded decision list and reports the first place the run no longer fits it.
//   go      Go's own scheduler on one P: the goroutine made runnable most recently (by `go` or by a wake)
//           runs next (Go's `runnext` slot), then first-in-first-out; never preempts. Default for Go programs.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/event.h"
#include "runtime/rng.h"
#include "runtime/types.h"

namespace interleave {

// One choice the scheduler needs made. `options` is the number of alternatives (always >= 2 when a policy
// is asked). For PickGoroutine and PickWaiter, candidate(i) names the goroutine behind option i, in
// arrival order (option 0 is the one a FIFO would take).
struct Choice {
  DecisionKind kind = DecisionKind::PickGoroutine;
  std::uint32_t options = 0;
  GoroutineId current = kNoGoroutine;  // the goroutine on whose behalf the choice is made (0: scheduler)
  const void* view = nullptr;
  GoroutineId (*candidate_fn)(const void* view, std::uint32_t i) = nullptr;
  GoroutineId candidate(std::uint32_t i) const { return candidate_fn ? candidate_fn(view, i) : kNoGoroutine; }
};

struct Decision {
  DecisionKind kind;
  std::uint32_t options;
  std::uint32_t chosen;
  bool operator==(const Decision&) const = default;
};

class Policy {
 public:
  virtual ~Policy() = default;
  virtual std::string_view name() const = 0;
  // Returns an index in [0, c.options).
  virtual std::uint32_t choose(const Choice& c) = 0;
  // False when the policy cannot answer yet (manual, waiting for the user): the scheduler pauses.
  virtual bool can_choose(const Choice&) { return true; }
  // Called when a goroutine is created and each time one is dispatched (PCT keeps priorities).
  virtual void on_spawn(GoroutineId) {}
  virtual void on_dispatch(GoroutineId, std::uint64_t /*step*/) {}
  // Set when a replay no longer fits the run; the scheduler ends the run with this message. The scheduler
  // only asks policies that say may_diverge() (it is on the hot path of every decision).
  virtual std::optional<std::string> divergence() const { return std::nullopt; }
  bool may_diverge() const { return may_diverge_; }
  // True for a policy that always takes option 0 of PickGoroutine and PickProcessor and can always
  // answer them (fifo): the scheduler then records those decisions without asking.
  bool picks_first() const { return picks_first_; }
  // True for a policy that overrides on_dispatch() (the scheduler skips the call for the others).
  bool wants_dispatch() const { return wants_dispatch_; }

 protected:
  bool may_diverge_ = false;     // a policy that overrides divergence() sets this
  bool picks_first_ = false;     // see picks_first()
  bool wants_dispatch_ = false;  // a policy that overrides on_dispatch() sets this
};

class FifoPolicy final : public Policy {
 public:
  FifoPolicy() { picks_first_ = true; }
  std::string_view name() const override { return "fifo"; }
  std::uint32_t choose(const Choice& c) override;
};

class RandomPolicy final : public Policy {
 public:
  explicit RandomPolicy(std::uint64_t seed) : rng_(seed) {}
  std::string_view name() const override { return "random"; }
  std::uint32_t choose(const Choice& c) override;

 private:
  Rng rng_;
};

class PctPolicy final : public Policy {
 public:
  // depth: the bug depth d to target (>= 1); expected_steps: an estimate k of the run's length in steps.
  PctPolicy(std::uint64_t seed, std::uint32_t depth, std::uint64_t expected_steps = 2000);  // sets wants_dispatch_
  std::string_view name() const override { return "pct"; }
  std::uint32_t choose(const Choice& c) override;
  void on_spawn(GoroutineId g) override;
  void on_dispatch(GoroutineId g, std::uint64_t step) override;

 private:
  Rng rng_;
  std::uint32_t depth_;
  std::vector<std::uint64_t> change_points_;  // steps at which the running goroutine is demoted
  std::vector<std::int64_t> priority_;        // by goroutine id
  std::int64_t next_low_ = 0;                 // demoted priorities count down from here
};

class ManualPolicy final : public Policy {
 public:
  std::string_view name() const override { return "manual"; }
  bool can_choose(const Choice& c) override;
  std::uint32_t choose(const Choice& c) override;
  // The outside chooser answers the pending PickGoroutine choice by naming the goroutine to run.
  void pick(GoroutineId g) { pending_ = g; }
  std::optional<GoroutineId> pending() const { return pending_; }

 private:
  std::optional<GoroutineId> pending_;
};

class ReplayPolicy final : public Policy {
 public:
  explicit ReplayPolicy(std::vector<Decision> decisions) : decisions_(std::move(decisions)) { may_diverge_ = true; }
  std::string_view name() const override { return "replay"; }
  std::uint32_t choose(const Choice& c) override;
  std::optional<std::string> divergence() const override { return divergence_; }
  std::size_t used() const { return next_; }
  std::size_t total() const { return decisions_.size(); }

 private:
  std::vector<Decision> decisions_;
  std::size_t next_ = 0;
  std::optional<std::string> divergence_;
};

// Go's runnext + FIFO. A goroutine that became runnable since the last pick is "fresh"; the freshest one
// (the last in arrival order) sits in runnext and runs next, unless it got there by yielding
// (runtime.Gosched: note_yield()), which sends it behind the others, as Go's global queue does.
class GoPolicy final : public Policy {
 public:
  GoPolicy() { wants_dispatch_ = true; }
  std::string_view name() const override { return "go"; }
  std::uint32_t choose(const Choice& c) override;
  void on_dispatch(GoroutineId g, std::uint64_t step) override;
  // The goroutine `g` is about to yield: it does not take the runnext slot.
  void note_yield(GoroutineId g) { yielded_ = g; }

 private:
  std::uint32_t seen_ = 0;  // the candidates of the last pick not chosen and not run since: the queue's head
  bool chose_ = false;      // the next dispatch is choose()'s pick
  GoroutineId yielded_ = kNoGoroutine;
};

inline constexpr std::string_view kPolicyNames[] = {"fifo", "random", "pct", "manual", "replay", "go"};

// Makes a policy by name ("fifo", "random", "pct", "manual", "go"); null for an unknown name. Replay is made
// from its decisions directly.
std::unique_ptr<Policy> make_policy(std::string_view name, std::uint64_t seed, std::uint32_t pct_depth = 3);

}  // namespace interleave
