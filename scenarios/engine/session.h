// session.h — one run of one pattern variant: the only way the CLI and the GUI start a run.
//
// A Session turns a RunConfig (normally made by the scenario loader) into a Scheduler with the chosen
// policy, a TraceRecorder attached, and the variant's main goroutine started. Step it, or run it to the end.
//
//   engine::RunConfig cfg;
//   cfg.pattern = "dining_philosophers"; cfg.variant = "naive"; cfg.policy = "fifo";
//   engine::Session s(cfg);            // throws std::invalid_argument with a clear message if cfg is bad
//   s.run();
//   if (s.scheduler().outcome() == Outcome::Deadlock) std::cout << s.scheduler().dump();
//
// Scrubbing back in time is re-execution: a new Session with `replay` set to the first N decisions of the
// old one, run to step N. After the recorded decisions run out, `policy` takes over (unless strict_replay).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "patterns/registry.h"
#include "runtime/interleave.h"

namespace interleave::engine {

struct RunConfig {
  std::string pattern;
  std::string variant;
  patterns::Params params;      // unset parameters take their defaults
  std::string policy = "fifo";  // fifo | random | pct | manual
  std::uint64_t seed = 1;
  int procs = 1;         // GOMAXPROCS
  Duration quantum = 0;  // 0: no time-slice preemption
  WakeOrder wake_order = WakeOrder::Fifo;
  bool spurious_wakeups = false;
  std::uint32_t pct_depth = 3;
  std::uint64_t max_steps = 2'000'000;
  VirtualTime max_time = 0;      // 0: unlimited
  std::vector<Decision> replay;  // decisions to follow first
  bool strict_replay = false;    // true: running out of, or not fitting, the decisions is a divergence
};

class Session {
 public:
  explicit Session(RunConfig cfg);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  StepResult step();
  Outcome run();
  // Steps until the scheduler has taken `n` steps in total, the run ends, or a manual decision is needed.
  StepResult run_until_step(std::uint64_t n);
  // Steps until virtual time reaches `t` (or the run ends / needs a decision).
  StepResult run_until_time(VirtualTime t);

  Scheduler& scheduler() { return *sched_; }
  const Scheduler& scheduler() const { return *sched_; }
  const TraceRecorder& trace() const { return trace_; }
  const patterns::Pattern& pattern() const { return *pattern_; }
  const patterns::Variant& variant() const { return *variant_; }
  const RunConfig& config() const { return cfg_; }
  // Metrics the pattern reported (produced, consumed, ...).
  const std::vector<patterns::Metric>& metrics() const;

  // Non-null when the current policy is manual: the GUI's "you are the scheduler".
  ManualPolicy* manual();
  // Switches policy mid-run (e.g. from manual back to random); later decisions come from it.
  void set_policy(std::string_view name);

 private:
  RunConfig cfg_;
  const patterns::Pattern* pattern_ = nullptr;
  const patterns::Variant* variant_ = nullptr;
  std::unique_ptr<Scheduler> sched_;
  TraceRecorder trace_;
  std::unique_ptr<patterns::RunContext> ctx_;
};

}  // namespace interleave::engine
