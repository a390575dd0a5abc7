// runner.cpp — one schedule, run light: the explorer's policy, a small observer, pooled stacks.
#include "scenarios/explorer/runner.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace interleave::explorer {

bool is_bug(Outcome o) {
  return o == Outcome::Deadlock || o == Outcome::Panic || o == Outcome::Fatal || o == Outcome::InvariantViolation;
}

std::string outcome_key(Outcome o, const std::string& message) {
  switch (o) {
    case Outcome::Completed: return "completes";
    case Outcome::Deadlock: return "deadlock";
    case Outcome::Panic: return "panic";
    case Outcome::Fatal: return "fatal_error";
    case Outcome::InvariantViolation: {
      auto colon = message.find(':');
      return "invariant_violation: " + (colon == std::string::npos ? message : message.substr(0, colon));
    }
    case Outcome::StepLimit: return "step_limit";
    case Outcome::TimeLimit: return "time_limit";
    default: return std::string(to_string(o));
  }
}

namespace {

// Which goroutines were taken off a processor while still runnable (yielded, or preempted by a quantum) and
// have not run since: at the next pick, keeping one of them is free and any other choice is a preemption.
class Tracker final : public Observer {
 public:
  void on_event(const Event& e) override {
    if (e.type != EventType::State) return;
    if (e.g >= prev_.size()) prev_.resize(e.g + 16, GState::Done);
    GState before = prev_[e.g];
    prev_[e.g] = e.state();
    if (e.state() == GState::Runnable && before == GState::Running) {
      if (e.g == preempted_) {
        preempted_ = kNoGoroutine;  // the preemption was paid for at the Preempt decision
        return;
      }
      last_yielder_ = e.g;
    } else if (e.g == last_yielder_) {
      last_yielder_ = kNoGoroutine;  // it runs again (or blocked, or ended)
    }
  }
  bool wants_run_queue_counter() const override { return false; }
  GoroutineId last_yielder_ = kNoGoroutine;
  GoroutineId preempted_ = kNoGoroutine;

 private:
  std::vector<GState> prev_;
};

class ExplorePolicy final : public Policy {
 public:
  ExplorePolicy(const std::vector<std::uint32_t>& prefix, std::unique_ptr<Policy> fill, Tracker& t, Schedule& out)
      : prefix_(prefix), fill_(std::move(fill)), tracker_(t), out_(out) {
    wants_dispatch_ = fill_ && fill_->wants_dispatch();
  }
  std::string_view name() const override { return "explore"; }
  void on_spawn(GoroutineId g) override {
    if (fill_) fill_->on_spawn(g);
  }
  void on_dispatch(GoroutineId g, std::uint64_t step) override {
    if (fill_) fill_->on_dispatch(g, step);
  }
  std::uint32_t choose(const Choice& c) override {
    std::uint32_t pick = 0;
    if (c.kind == DecisionKind::PickProcessor) {
      record(c.kind, c.options, 0, false);
      return 0;
    }
    Branch b;
    b.kind = c.kind;
    b.options = c.options;
    if (c.kind == DecisionKind::PickGoroutine) {
      if (tracker_.last_yielder_ != kNoGoroutine)
        for (std::uint32_t i = 0; i < c.options; ++i)
          if (c.candidate(i) == tracker_.last_yielder_) {
            b.keep = static_cast<std::int32_t>(i);
            break;
          }
    } else if (c.kind == DecisionKind::Preempt || c.kind == DecisionKind::SpuriousWake) {
      b.keep = 0;  // 0: keep going / really wait. A spurious wake-up counts as a preemption: each one can
                   // make the run longer, so without a bound the tree would have no end.
    }
    std::size_t at = out_.branches.size();
    if (at < prefix_.size()) {
      pick = prefix_[at] < c.options ? prefix_[at] : (b.keep >= 0 ? static_cast<std::uint32_t>(b.keep) : 0);
    } else if (fill_) {
      pick = fill_->choose(c);
      if (pick >= c.options) pick = c.options - 1;
    } else {
      pick = b.keep >= 0 ? static_cast<std::uint32_t>(b.keep) : 0;
    }
    b.chosen = pick;
    out_.branches.push_back(b);
    bool pre = b.cost(pick) != 0;
    out_.preemptions += pre;
    if (c.kind == DecisionKind::Preempt && pick == 1) tracker_.preempted_ = c.current;
    record(c.kind, c.options, pick, pre);
    return pick;
  }

 private:
  void record(DecisionKind k, std::uint32_t options, std::uint32_t chosen, bool pre) {
    out_.decisions.push_back(Decision{k, options, chosen});
    out_.preempted.push_back(pre ? 1 : 0);
  }
  const std::vector<std::uint32_t>& prefix_;
  std::unique_ptr<Policy> fill_;
  Tracker& tracker_;
  Schedule& out_;
};

}  // namespace

Runner::Runner(engine::RunConfig cfg) : cfg_(std::move(cfg)) {
  if (!cfg_.program) cfg_.program = engine::catalogue_program(cfg_.pattern, cfg_.variant);
  if (auto err = cfg_.program->resolve_params(cfg_.params)) throw std::invalid_argument(*err);
  if (cfg_.procs < 1 || cfg_.procs > 64)
    throw std::invalid_argument("procs must be between 1 and 64, got " + std::to_string(cfg_.procs));
  StackPool::Config pc;
  pc.stack_size = cfg_.program->stack_size() ? cfg_.program->stack_size() : Scheduler::Config::default_stack_size();
  pc.guarded_stacks = 256;
  stacks_ = std::make_unique<StackPool>(pc);
}

Runner::~Runner() = default;

Schedule Runner::run(const std::vector<std::uint32_t>& prefix, Fill fill, std::uint64_t seed) {
  Schedule out;
  Tracker tracker;
  std::unique_ptr<Policy> fp;
  if (fill == Fill::Random) fp = std::make_unique<RandomPolicy>(seed);
  if (fill == Fill::Pct) fp = std::make_unique<PctPolicy>(seed, pct_depth_, pct_steps_);
  Scheduler::Config sc;
  sc.processors = cfg_.procs;
  sc.quantum = cfg_.quantum;
  sc.wake_order = cfg_.wake_order;
  sc.spurious_wakeups = cfg_.spurious_wakeups;
  sc.max_steps = cfg_.max_steps;
  sc.max_time = cfg_.max_time;
  sc.go_timers = cfg_.program->kind() == "go";
  sc.stack_pool = stacks_.get();
  std::unique_ptr<engine::ProgramRun> prun;
  {
    Scheduler sched(sc, std::make_unique<ExplorePolicy>(prefix, std::move(fp), tracker, out), cfg_.seed);
    sched.set_observer(&tracker);
    prun = cfg_.program->start(cfg_.params, cfg_.seed);
    engine::ProgramRun* pr = prun.get();
    sched.start_main("main", [pr] { pr->main_goroutine(); });
    sched.run();
    prun->finish(sched);
    out.outcome = sched.outcome();
    out.message = sched.outcome_message();
    out.steps = sched.steps();
    sched.set_observer(nullptr);
  }
  for (const auto& w : prun->output()) out.output += w.text;
  return out;
}

// [SECTION] Schedules as text ------------------------------------------------------------------------------

namespace {
constexpr char kKindLetters[kDecisionKindCount] = {'g', 'p', 'w', 's', 'x', 'u'};
}

std::string schedule_text(const std::vector<Decision>& d) {
  std::string s;
  s.reserve(d.size() * 5);
  for (const auto& x : d) {
    if (!s.empty()) s += ' ';
    s += kKindLetters[static_cast<int>(x.kind)];
    s += std::to_string(x.chosen);
    s += '/';
    s += std::to_string(x.options);
  }
  return s;
}

std::optional<std::vector<Decision>> parse_schedule_text(const std::string& text, std::string* error) {
  std::vector<Decision> out;
  std::istringstream in(text);
  std::string tok;
  while (in >> tok) {
    const char* k = std::find(std::begin(kKindLetters), std::end(kKindLetters), tok[0]);
    auto slash = tok.find('/');
    std::uint32_t chosen = 0, options = 0;
    bool ok = k != std::end(kKindLetters) && slash != std::string::npos && slash > 1 && slash + 1 < tok.size();
    if (ok) {
      try {
        std::size_t a = 0, b = 0;
        chosen = static_cast<std::uint32_t>(std::stoul(tok.substr(1, slash - 1), &a));
        options = static_cast<std::uint32_t>(std::stoul(tok.substr(slash + 1), &b));
        ok = a == slash - 1 && b == tok.size() - slash - 1 && chosen < options;
      } catch (...) {
        ok = false;
      }
    }
    if (!ok) {
      if (error)
        *error = "decision " + std::to_string(out.size() + 1) + " ('" + tok +
                 "') is not like g1/3 (a kind letter g p w s x u, the option chosen, '/', the number of options)";
      return std::nullopt;
    }
    out.push_back(Decision{static_cast<DecisionKind>(k - std::begin(kKindLetters)), options, chosen});
  }
  return out;
}

}  // namespace interleave::explorer
