// runner.h — one schedule of a program, run in-process as cheaply as possible, for the explorer.
//
// A Runner re-executes one program (a RunConfig as the scenario loader made it) again and again, each time
// under a different schedule. Nothing is recorded but what a verdict needs: the outcome and its words, the
// program's output, and the decisions taken with, at every choice, which option would not have been a
// preemption. The goroutine stacks come from one pool that lives as long as the Runner.
//
//   explorer::Runner r(cfg);                          // cfg: from load_scenario(); throws if it cannot run
//   explorer::Schedule s = r.run({}, nullptr);        // the non-preemptive default schedule
//   explorer::Schedule t = r.run({0, 1}, nullptr);    // first two choices forced, then the default
//
// Choice points: which runnable goroutine runs next, which waiter wakes (wake_order = "policy"), which ready
// select case, whether a goroutine whose quantum expired is preempted, whether a condition variable wakes
// spuriously. Which idle processor a goroutine gets is not one: processors are identical, so it always takes
// the lowest.
//
// A preemption is choosing, at a choice point, to run a goroutine other than the one that was running
// while that one is still runnable (it yielded, or its quantum expired), or choosing to preempt at a quantum's
// end. A spurious wake-up counts as one too. The default schedule never preempts.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/engine/session.h"
#include "scenarios/explorer/dpor.h"

namespace interleave::explorer {

// One choice point of a run: what could have been chosen and what was.
struct Branch {
  DecisionKind kind = DecisionKind::PickGoroutine;
  std::uint32_t options = 0;
  std::uint32_t chosen = 0;
  std::int32_t keep = -1;  // the option that is not a preemption (every other one is); -1: all are free
  std::uint32_t cost(std::uint32_t option) const { return keep >= 0 && option != static_cast<std::uint32_t>(keep); }
};

// Where choices not forced by a prefix come from.
enum class Fill : std::uint8_t {
  Default,  // the non-preemptive choice (keep the running goroutine; else the first in line)
  Random,   // uniformly at random
  Pct,      // PCT priorities (depth and expected length given to the Runner)
};

struct Schedule {
  Outcome outcome = Outcome::Running;
  std::string message;              // Go's words for how it ended ("all goroutines are asleep - deadlock!")
  std::string output;               // what the program wrote (stdout and stderr, in order)
  std::uint64_t steps = 0;          // scheduler steps
  std::uint32_t preemptions = 0;    // preemptions taken
  std::vector<Branch> branches;     // every choice point, in order
  std::vector<Decision> decisions;  // every decision, as the scheduler recorded them (for replay)
  std::vector<char> preempted;      // by decision: 1 where that decision was a preemption
};

// True for the outcomes that are bugs: deadlock, panic, fatal error, invariant violation.
bool is_bug(Outcome o);
// The outcome as the verdict counts it: "completes", "deadlock", "invariant_violation: no_lost_update"...
std::string outcome_key(Outcome o, const std::string& message);

class Runner {
 public:
  // The program and every scheduler setting come from `cfg`; its policy, seed-for-policy and replay are
  // ignored (the schedule decides). Throws std::invalid_argument when the configuration cannot run.
  explicit Runner(engine::RunConfig cfg);
  ~Runner();
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  // Runs once: the first prefix.size() choice points take those options (clamped to what is there), the
  // rest come from `fill` (Random and Pct use `seed`). With `dpor`, the run is also cut into steps and choice
  // points for dpor.h (a Preempt prefix value may then be kFollow + g), and the default avoids sleepers.
  Schedule run(const std::vector<std::uint32_t>& prefix, Fill fill = Fill::Default, std::uint64_t seed = 0,
               DporTrace* dpor = nullptr);

  void set_pct(std::uint32_t depth, std::uint64_t expected_steps) {
    pct_depth_ = depth;
    pct_steps_ = expected_steps;
  }
  const engine::RunConfig& config() const { return cfg_; }

 private:
  engine::RunConfig cfg_;
  std::unique_ptr<StackPool> stacks_;
  std::uint32_t pct_depth_ = 3;
  std::uint64_t pct_steps_ = 100;
};

// A schedule as text, one token per decision, "g1/3" = option 1 of 3 of a pick-goroutine (p processor,
// w waiter, s select case, x preempt, u spurious wake-up); and back (nullopt and *error if malformed).
std::string schedule_text(const std::vector<Decision>& d);
std::optional<std::vector<Decision>> parse_schedule_text(const std::string& text, std::string* error);

}  // namespace interleave::explorer
