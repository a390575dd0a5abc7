// session.cpp — builds one run from a RunConfig: the policy (with replay in front), the scheduler, the
// recorder and the program's main goroutine.
#include "scenarios/engine/session.h"

#include <stdexcept>

#include "scenarios/engine/scenario.h"

namespace interleave::engine {

namespace {

// Follows recorded decisions while they fit the run, then hands every later choice to `next` (scrubbing in
// the GUI: re-execute to step N, then carry on live). A recorded decision that does not fit (the program or
// parameters changed) also hands over, from that point on.
class ReplayThenPolicy final : public Policy {
 public:
  ReplayThenPolicy(std::vector<Decision> decisions, std::unique_ptr<Policy> next)
      : decisions_(std::move(decisions)), next_(std::move(next)) {}
  std::string_view name() const override { return replaying() ? "replay" : next_->name(); }
  bool can_choose(const Choice& c) override { return replaying() || next_->can_choose(c); }
  std::uint32_t choose(const Choice& c) override {
    if (replaying()) {
      const Decision& d = decisions_[used_];
      if (d.kind == c.kind && d.options == c.options && d.chosen < c.options) {
        ++used_;
        return d.chosen;
      }
      used_ = decisions_.size();  // no longer fits: the policy takes over
    }
    return next_->choose(c);
  }
  void on_spawn(GoroutineId g) override { next_->on_spawn(g); }
  void on_dispatch(GoroutineId g, std::uint64_t step) override { next_->on_dispatch(g, step); }
  Policy* next() { return next_.get(); }

 private:
  bool replaying() const { return used_ < decisions_.size(); }
  std::vector<Decision> decisions_;
  std::size_t used_ = 0;
  std::unique_ptr<Policy> next_;
};

std::unique_ptr<Policy> base_policy(std::string_view name, std::uint64_t seed, std::uint32_t pct_depth) {
  auto p = make_policy(name, seed, pct_depth);
  if (!p) {
    std::vector<std::string> names;
    for (std::string_view n : kPolicyNames)
      if (n != "replay") names.emplace_back(n);
    throw std::invalid_argument(unknown_value_message("policy", name, names));
  }
  return p;
}

}  // namespace

Session::Session(RunConfig cfg) : cfg_(std::move(cfg)) {
  if (!cfg_.program) cfg_.program = catalogue_program(cfg_.pattern, cfg_.variant);
  program_ = cfg_.program;
  if (auto err = program_->resolve_params(cfg_.params)) throw std::invalid_argument(*err);
  if (cfg_.procs < 1 || cfg_.procs > 64)
    throw std::invalid_argument("procs must be between 1 and 64, got " + std::to_string(cfg_.procs));
  if (cfg_.quantum < 0) throw std::invalid_argument("quantum must not be negative");
  if (cfg_.pct_depth < 1) throw std::invalid_argument("pct_depth must be at least 1");

  std::unique_ptr<Policy> policy;
  if (cfg_.replay.empty() || !cfg_.strict_replay) {
    policy = base_policy(cfg_.policy, cfg_.seed, cfg_.pct_depth);
    if (!cfg_.replay.empty()) policy = std::make_unique<ReplayThenPolicy>(cfg_.replay, std::move(policy));
  } else {
    policy = std::make_unique<ReplayPolicy>(cfg_.replay);
  }

  Scheduler::Config sc;
  sc.processors = cfg_.procs;
  sc.quantum = cfg_.quantum;
  sc.wake_order = cfg_.wake_order;
  sc.spurious_wakeups = cfg_.spurious_wakeups;
  sc.max_steps = cfg_.max_steps;
  sc.max_time = cfg_.max_time;
  sc.go_timers = program_->kind() == "go";  // Go's timer order (timer_heap.h)
  if (std::size_t stack = program_->stack_size()) sc.stack_size = stack;
  sched_ = std::make_unique<Scheduler>(sc, std::move(policy), cfg_.seed);
  trace_.attach(*sched_);
  run_ = program_->start(cfg_.params, cfg_.seed);
  sched_->start_main("main", [this] { run_->main_goroutine(); });
}

Session::~Session() {
  // The scheduler unwinds its goroutines (which may still use the program's run state) before anything
  // else goes.
  if (sched_) sched_->set_observer(nullptr);
  sched_.reset();
}

void Session::finish_if_ended() {
  if (finished_ || sched_->outcome() == Outcome::Running) return;
  finished_ = true;
  run_->finish(*sched_);
}

StepResult Session::step() {
  StepResult r = sched_->step();
  trace_.sync();
  finish_if_ended();
  return r;
}

Outcome Session::run() {
  sched_->run();
  trace_.sync();
  finish_if_ended();
  return sched_->outcome();
}

StepResult Session::run_until_step(std::uint64_t n) {
  StepResult r = StepResult::Progress;
  while (sched_->outcome() == Outcome::Running && sched_->steps() < n) {
    r = sched_->step();
    if (r != StepResult::Progress) break;
  }
  trace_.sync();
  finish_if_ended();
  return sched_->outcome() == Outcome::Running ? r : StepResult::Finished;
}

StepResult Session::run_until_time(VirtualTime t) {
  StepResult r = StepResult::Progress;
  while (sched_->outcome() == Outcome::Running && sched_->now() < t) {
    r = sched_->step();
    if (r != StepResult::Progress) break;
  }
  trace_.sync();
  finish_if_ended();
  return sched_->outcome() == Outcome::Running ? r : StepResult::Finished;
}

const std::vector<patterns::Metric>& Session::metrics() const { return run_->metrics(); }
const std::vector<OutputWrite>& Session::output() const { return run_->output(); }

ManualPolicy* Session::manual() {
  Policy* p = &sched_->policy();
  if (auto* m = dynamic_cast<ManualPolicy*>(p)) return m;
  if (auto* r = dynamic_cast<ReplayThenPolicy*>(p)) return dynamic_cast<ManualPolicy*>(r->next());
  return nullptr;
}

void Session::set_policy(std::string_view name) {
  auto p = base_policy(name, cfg_.seed, cfg_.pct_depth);
  cfg_.policy = std::string(name);
  sched_->set_policy(std::move(p));
}

}  // namespace interleave::engine
