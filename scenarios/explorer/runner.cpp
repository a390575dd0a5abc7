// runner.cpp — one schedule, run light: the explorer's policy, a small observer, pooled stacks.
#include "scenarios/explorer/runner.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

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
// For dpor it also cuts the run into steps and collects their accesses (dpor.h says which events are).
class Tracker final : public Observer {
 public:
  explicit Tracker(DporTrace* d) : d_(d) {
    if (d_) {
      keys_.emplace(location_key(kOutputLocation), 0);
      d_->raws.push_back(location_key(kOutputLocation));
    }
  }
  void on_event(const Event& e) override {
    if (d_) record(e);
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
  GState state(GoroutineId g) const { return g < prev_.size() ? prev_[g] : GState::Done; }
  std::size_t goroutines() const { return prev_.size(); }
  std::uint32_t known() const { return static_cast<std::uint32_t>(keys_.size()); }
  // A new choice point: accesses from now on open new steps, attached to it.
  void at_node(std::uint32_t node) {
    node_ = node;
    open_ = SIZE_MAX;
  }

  GoroutineId last_yielder_ = kNoGoroutine;
  GoroutineId preempted_ = kNoGoroutine;

 private:
  static std::uint64_t object_key(ObjectId o) { return (std::uint64_t{1} << 60) | o; }
  static std::uint64_t spawn_key(GoroutineId g) { return (std::uint64_t{2} << 60) | g; }
  static std::uint64_t location_key(std::int64_t v) { return (std::uint64_t{3} << 60) ^ static_cast<std::uint64_t>(v); }

  void record(const Event& e) {
    switch (e.type) {
      case EventType::ObjCreate:
        if (e.object >= kinds_.size()) kinds_.resize(e.object + 64, ObjectKind::Variable);
        kinds_[e.object] = e.object_kind();
        break;
      case EventType::GoCreate: access(static_cast<GoroutineId>(e.value), spawn_key(e.g), AccessKind::Write); break;
      // Blocking is no access (a blocked operation is not enabled); joining the waiters is (a Counter).
      case EventType::Counter: object(e.g, e.object, AccessKind::Write); break;
      case EventType::Wake:
      case EventType::ChanMatch: object(e.g, e.object, AccessKind::Write); break;
      case EventType::Note:
        if (e.b == kAccessNote) {
          AccessKind k = e.a ? AccessKind::Write : AccessKind::Read;
          if (e.object != kNoObject)
            object(e.g, e.object, k);
          else
            access(e.g, location_key(e.value), k);
        } else if (e.b == 0 && e.object != kNoObject) {
          object(e.g, e.object, AccessKind::Write);
        }
        break;
      default: break;
    }
  }
  // An access to a runtime object: the scheduler's own (processors, run queue) are no one's; a WaitGroup's
  // counter changes only add (its Wait reads).
  void object(GoroutineId g, ObjectId o, AccessKind k) {
    if (o == kNoObject) return;
    ObjectKind kind = o < kinds_.size() ? kinds_[o] : ObjectKind::Variable;
    if (kind == ObjectKind::Processor || kind == ObjectKind::RunQueue) return;
    if (kind == ObjectKind::WaitGroup && k == AccessKind::Write) k = AccessKind::Add;
    access(g, object_key(o), k);
  }
  void access(GoroutineId g, std::uint64_t raw, AccessKind k) {
    if (g == kNoGoroutine) return;  // the scheduler itself (a timer)
    auto [it, fresh] = keys_.emplace(raw, static_cast<std::uint32_t>(keys_.size()));
    if (fresh) d_->raws.push_back(raw);
    auto& steps = d_->steps;
    if (open_ == SIZE_MAX || steps[open_].g != g) {  // another goroutine, or a choice point since
      steps.push_back(DporStep{g, node_, {}});
      open_ = steps.size() - 1;
      if (g >= started_.size()) started_.resize(g + 16, 0);
      if (!started_[g]) {  // its first step follows its creation
        started_[g] = 1;
        auto [sit, sfresh] = keys_.emplace(spawn_key(g), static_cast<std::uint32_t>(keys_.size()));
        if (sfresh) d_->raws.push_back(spawn_key(g));
        steps[open_].acc.push_back(Access{sit->second, AccessKind::Write, spawn_key(g)});
      }
    }
    auto& acc = steps[open_].acc;
    for (auto& a : acc)
      if (a.key == it->second) {
        if (a.kind != k) a.kind = AccessKind::Write;
        return;
      }
    acc.push_back(Access{it->second, k, raw});
  }

  std::vector<GState> prev_;
  DporTrace* d_;
  std::unordered_map<std::uint64_t, std::uint32_t> keys_;
  std::vector<ObjectKind> kinds_;
  std::vector<char> started_;
  std::uint32_t node_ = kNoNode;
  std::size_t open_ = SIZE_MAX;
};

class ExplorePolicy final : public Policy {
 public:
  ExplorePolicy(const std::vector<std::uint32_t>& prefix, std::unique_ptr<Policy> fill, Tracker& t, Schedule& out,
                DporTrace* d)
      : prefix_(prefix), fill_(std::move(fill)), tracker_(t), out_(out), d_(d) {
    wants_dispatch_ = fill_ && fill_->wants_dispatch();
    active_ = d_ && prefix_.empty();
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
    if (d_) {
      pick = choose_dpor(c, b.keep);
    } else if (at < prefix_.size()) {
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

  // [dpor] The choice at a choice point: the prefix's, else the default that is not asleep; and the node.
  std::uint32_t choose_dpor(const Choice& c, std::int32_t keep) {
    std::size_t at = out_.branches.size();
    bool forced = at < prefix_.size();
    auto& nodes = d_->nodes;
    bool merge = c.kind == DecisionKind::PickGoroutine && merge_pending_ && !nodes.empty();
    merge_pending_ = false;
    if (!merge) new_node(c);
    DporNode& n = nodes.back();
    auto index_of = [&](GoroutineId g) -> std::int64_t {
      for (std::uint32_t i = 0; i < c.options; ++i)
        if (c.candidate(i) == g) return i;
      return -1;
    };
    std::uint32_t pick = keep >= 0 ? static_cast<std::uint32_t>(keep) : 0;
    if (forced) {
      std::uint32_t v = prefix_[at];
      if (c.kind == DecisionKind::Preempt && v >= kFollow) {
        pick = 1;
        follow_ = v - kFollow;
      } else if (v < c.options) {
        pick = v;
      }
    } else if (merge && follow_ != kNoGoroutine) {
      if (auto i = index_of(follow_); i >= 0) pick = static_cast<std::uint32_t>(i);
      follow_ = kNoGoroutine;
    } else if (active_ && n.sched && !merge) {
      // The default, unless it is asleep: then the first one awake; none awake: the run is blocked.
      GoroutineId want = c.kind == DecisionKind::Preempt ? c.current : c.candidate(pick);
      if (asleep(want)) {
        GoroutineId awake = kNoGoroutine;
        for (GoroutineId g : n.enabled)
          if (!asleep(g)) {
            awake = g;
            break;
          }
        if (awake == kNoGoroutine) {
          d_->blocked = true;
          d_->blocked_step = d_->steps.size();
          d_->blocked_node = d_->nodes.size() - 1;
          active_ = false;
        } else if (c.kind == DecisionKind::Preempt) {
          pick = awake == c.current ? 0 : 1;
          follow_ = awake;
        } else {
          pick = static_cast<std::uint32_t>(index_of(awake));
        }
      }
    }
    if (c.kind == DecisionKind::Preempt) {
      n.chosen_g = c.current;
      merge_pending_ = pick == 1;
    } else if (c.kind == DecisionKind::PickGoroutine) {
      n.chosen_g = c.candidate(pick);
    }
    if (!merge) n.chosen = pick;
    if (forced && at + 1 == prefix_.size()) {  // the last forced choice: the sleep set holds from here
      active_ = true;
      sleep_ = d_->sleep_in;
      filtered_ = d_->steps.size();
      // Locations are compared by what they are (their address for atomics) if those did not move.
      const auto& now = d_->raws;
      const auto& then = d_->raws_in;
      exact_ = now.size() <= then.size() && std::equal(now.begin(), now.end(), then.begin());
      d_->moved = !exact_;
    }
    return pick;
  }
  void new_node(const Choice& c) {
    auto& nodes = d_->nodes;
    if (active_) wake_sleepers();
    DporNode n;
    n.branch = static_cast<std::uint32_t>(out_.branches.size());
    n.options = c.options;
    n.known = tracker_.known();
    n.current = c.current;
    if (c.kind == DecisionKind::PickGoroutine) {
      for (std::uint32_t i = 0; i < c.options; ++i) n.enabled.push_back(c.candidate(i));
    } else if (c.kind == DecisionKind::Preempt) {
      n.preempt = true;
      n.enabled.push_back(c.current);
      for (GoroutineId g = 1; g < tracker_.goroutines(); ++g)
        if (g != c.current && tracker_.state(g) == GState::Runnable) n.enabled.push_back(g);
    } else {
      n.sched = false;
    }
    if (active_) n.sleep = sleep_;
    nodes.push_back(std::move(n));
    tracker_.at_node(static_cast<std::uint32_t>(nodes.size() - 1));
  }
  // Steps taken since the last look wake the sleepers they conflict with.
  void wake_sleepers() {
    auto& steps = d_->steps;
    for (; filtered_ < steps.size(); ++filtered_) {
      const DporStep& st = steps[filtered_];
      std::erase_if(sleep_, [&](const SleepEntry& e) {
        if (e.g == st.g) return true;
        for (const Access& a : e.acc)
          for (const Access& b : st.acc) {
            if (!conflict(a, b)) continue;
            bool same =
                exact_ ? a.raw == b.raw : (a.key < e.known || b.key < e.known ? a.key == b.key : true);  // new: unknown
            if (same) return true;
          }
        return false;
      });
    }
  }
  bool asleep(GoroutineId g) const {
    return std::any_of(sleep_.begin(), sleep_.end(), [g](const SleepEntry& e) { return e.g == g; });
  }
  const std::vector<std::uint32_t>& prefix_;
  std::unique_ptr<Policy> fill_;
  Tracker& tracker_;
  Schedule& out_;
  DporTrace* d_;
  bool exact_ = true;           // raw keys are the same as in the parent run
  bool active_ = false;         // the sleep set is being kept (from the last forced choice on)
  bool merge_pending_ = false;  // the last choice was a Preempt that switches: its pick is the same node
  GoroutineId follow_ = kNoGoroutine;
  std::vector<SleepEntry> sleep_;
  std::size_t filtered_ = 0;  // steps before this one have woken their sleepers
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

Schedule Runner::run(const std::vector<std::uint32_t>& prefix, Fill fill, std::uint64_t seed, DporTrace* dpor) {
  Schedule out;
  Tracker tracker(dpor);
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
    Scheduler sched(sc, std::make_unique<ExplorePolicy>(prefix, std::move(fp), tracker, out, dpor), cfg_.seed);
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
