// policy.cpp — fifo, random, pct, manual and replay.
#include "runtime/policy.h"

#include <algorithm>

namespace interleave {

std::uint32_t FifoPolicy::choose(const Choice& c) {
  switch (c.kind) {
    case DecisionKind::Preempt: return 1;       // Go preempts a goroutine that used up its time slice
    case DecisionKind::SpuriousWake: return 0;  // a well-behaved condition variable
    default: return 0;                          // the first in line
  }
}

std::uint32_t RandomPolicy::choose(const Choice& c) { return static_cast<std::uint32_t>(rng_.below(c.options)); }

PctPolicy::PctPolicy(std::uint64_t seed, std::uint32_t depth, std::uint64_t expected_steps)
    : rng_(seed), depth_(depth < 1 ? 1 : depth) {
  wants_dispatch_ = true;
  if (expected_steps < 1) expected_steps = 1;
  for (std::uint32_t i = 1; i < depth_; ++i) change_points_.push_back(1 + rng_.below(expected_steps));
  std::sort(change_points_.begin(), change_points_.end());
  next_low_ = static_cast<std::int64_t>(depth_);
}

void PctPolicy::on_spawn(GoroutineId g) {
  if (priority_.size() <= g) priority_.resize(g + 1, 0);
  // Initial priorities are random and all above the d-1 low priorities used for demotion.
  priority_[g] = static_cast<std::int64_t>(depth_) + 1 + static_cast<std::int64_t>(rng_.below(1u << 30));
}

void PctPolicy::on_dispatch(GoroutineId g, std::uint64_t step) {
  // At each change point, the goroutine being run is demoted below every initial priority.
  while (!change_points_.empty() && change_points_.front() <= step) {
    change_points_.erase(change_points_.begin());
    if (g < priority_.size()) priority_[g] = --next_low_;
  }
}

std::uint32_t PctPolicy::choose(const Choice& c) {
  if (c.kind == DecisionKind::PickGoroutine) {
    std::uint32_t best = 0;
    std::int64_t best_p = INT64_MIN;
    for (std::uint32_t i = 0; i < c.options; ++i) {
      GoroutineId g = c.candidate(i);
      std::int64_t p = g < priority_.size() ? priority_[g] : 0;
      if (p > best_p) {
        best_p = p;
        best = i;
      }
    }
    return best;
  }
  if (c.kind == DecisionKind::Preempt) return 1;
  return static_cast<std::uint32_t>(rng_.below(c.options));
}

bool ManualPolicy::can_choose(const Choice& c) {
  if (c.kind != DecisionKind::PickGoroutine) return true;
  if (!pending_) return false;
  for (std::uint32_t i = 0; i < c.options; ++i)
    if (c.candidate(i) == *pending_) return true;
  return false;
}

std::uint32_t ManualPolicy::choose(const Choice& c) {
  if (c.kind != DecisionKind::PickGoroutine) return c.kind == DecisionKind::Preempt ? 1 : 0;
  for (std::uint32_t i = 0; i < c.options; ++i) {
    if (c.candidate(i) == *pending_) {
      pending_.reset();
      return i;
    }
  }
  return 0;
}

std::uint32_t ReplayPolicy::choose(const Choice& c) {
  if (divergence_) return 0;
  if (next_ >= decisions_.size()) {
    divergence_ = "replay diverged at decision " + std::to_string(next_ + 1) + ": the run needs a " +
                  std::string(to_string(c.kind)) + " decision among " + std::to_string(c.options) +
                  " options, but the recording has only " + std::to_string(decisions_.size()) + " decisions";
    return 0;
  }
  const Decision& d = decisions_[next_];
  if (d.kind != c.kind || d.options != c.options || d.chosen >= c.options) {
    divergence_ = "replay diverged at decision " + std::to_string(next_ + 1) + ": recorded " +
                  std::string(to_string(d.kind)) + " choosing " + std::to_string(d.chosen) + " of " +
                  std::to_string(d.options) + ", but the run asks for " + std::string(to_string(c.kind)) + " among " +
                  std::to_string(c.options) + " options (was the scenario or program changed?)";
    return 0;
  }
  ++next_;
  return d.chosen;
}

std::uint32_t GoPolicy::choose(const Choice& c) {
  switch (c.kind) {
    case DecisionKind::Preempt: return 0;       // Go programs here do not use work(); a write never preempts
    case DecisionKind::SpuriousWake: return 0;  // Go's sync.Cond never wakes spuriously
    case DecisionKind::PickGoroutine: break;
    default: return 0;
  }
  // The freshest candidate not seen at the last pick (and not a yielder) is in runnext. The run queue only
  // grows at its back and loses goroutines only when they are dispatched, so the candidates seen at the
  // last pick and still waiting are its first `seen_` entries, and the fresh ones all come after them:
  // the search starts from the back and usually stops at once (a list of the seen ones made this O(n^2)
  // per pick, which 100,000 goroutines woken together could not afford).
  std::uint32_t pick = 0;
  for (std::uint32_t i = c.options; i-- > seen_;) {
    if (c.candidate(i) == yielded_) continue;
    pick = i;
    break;
  }
  yielded_ = kNoGoroutine;
  seen_ = c.options - 1;  // every candidate but the pick
  chose_ = true;
  return pick;
}

void GoPolicy::on_dispatch(GoroutineId, std::uint64_t) {
  // The pick of choose() is not among the seen; any other dispatch (a queue of one) takes the queue's
  // head, which is the first seen one if there is any: it ran, so when it comes back it is fresh again.
  if (chose_)
    chose_ = false;
  else if (seen_ > 0)
    --seen_;
}

std::unique_ptr<Policy> make_policy(std::string_view name, std::uint64_t seed, std::uint32_t pct_depth) {
  if (name == "fifo") return std::make_unique<FifoPolicy>();
  if (name == "random") return std::make_unique<RandomPolicy>(seed);
  if (name == "pct") return std::make_unique<PctPolicy>(seed, pct_depth);
  if (name == "manual") return std::make_unique<ManualPolicy>();
  if (name == "go") return std::make_unique<GoPolicy>();
  return nullptr;
}

}  // namespace interleave
