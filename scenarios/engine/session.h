// session.h — one run of one program: the only way the CLI and the GUI start a run.
//
// A Session turns a RunConfig (normally made by the scenario loader) into a Scheduler with the chosen
// policy, a TraceRecorder attached, and the program's main goroutine started. The program is a Program
// (program.h): a compiled pattern variant named by `pattern`/`variant`, or any Program given in `program`.
// Step it, or run it to the end.
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
#include "scenarios/engine/program.h"
#include "runtime/interleave.h"

namespace interleave::engine {

struct RunConfig {
  std::shared_ptr<const Program> program;  // what to run; when null, the catalogue's pattern/variant
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
  const Program& program() const { return *program_; }
  const std::shared_ptr<const Program>& program_ptr() const { return program_; }
  const RunConfig& config() const { return cfg_; }
  // Metrics the program reported so far (produced, consumed, ...), whatever the outcome.
  const std::vector<patterns::Metric>& metrics() const;
  // What the program wrote to stdout/stderr, in order (Go programs; empty for the compiled patterns).
  const std::vector<OutputWrite>& output() const;
  // The per-run state of the program (its exit status, for Go programs).
  const ProgramRun& program_run() const { return *run_; }

  // Non-null when the current policy is manual: the GUI's "you are the scheduler".
  ManualPolicy* manual();
  // Switches policy mid-run (e.g. from manual back to random); later decisions come from it.
  void set_policy(std::string_view name);

 private:
  void finish_if_ended();

  RunConfig cfg_;
  std::shared_ptr<const Program> program_;
  std::unique_ptr<ProgramRun> run_;
  std::unique_ptr<Scheduler> sched_;
  TraceRecorder trace_;
  bool finished_ = false;
};

}  // namespace interleave::engine
