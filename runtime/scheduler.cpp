// scheduler.cpp — the run loop, goroutine life cycle, virtual clock, processors and the goroutine dump.
// (The names of the runtime's enums are in names.cpp.)
//
// [SECTION] Construction
// [SECTION] Spawning and the fiber entry
// [SECTION] The run loop
// [SECTION] Inside a goroutine: work, sleep, yield, park, ready
// [SECTION] Decisions
// [SECTION] Ending a run
// [SECTION] Objects and source locations
// [SECTION] Wait-for cycles and the goroutine dump
#include "runtime/scheduler.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <sstream>

#include "runtime/fiber_switch.h"
#include "runtime/stack_guard.h"

namespace interleave {

// [SECTION] Construction --------------------------------------------------------------------------------

std::size_t Scheduler::Config::default_stack_size() {
#if defined(__SANITIZE_ADDRESS__)
  return 256 * 1024;  // ASan's redzones make every frame several times larger
#else
  return 64 * 1024;
#endif
}

namespace {
StackPool::Config pool_config(const Scheduler::Config& c) {
  StackPool::Config pc;
  pc.stack_size = c.stack_size;
  pc.guarded_stacks = c.guarded_stacks;
  return pc;
}

class ScopedCurrent {
 public:
  ScopedCurrent(Scheduler*& slot, Scheduler* s) : slot_(slot), prev_(slot) { slot_ = s; }
  ~ScopedCurrent() { slot_ = prev_; }
  ScopedCurrent(const ScopedCurrent&) = delete;
  ScopedCurrent& operator=(const ScopedCurrent&) = delete;

 private:
  Scheduler*& slot_;
  Scheduler* prev_;
};
}  // namespace

Scheduler::Scheduler(Config config, std::unique_ptr<Policy> policy, std::uint64_t seed)
    : config_(config),
      policy_(policy ? std::move(policy) : std::make_unique<FifoPolicy>()),
      seed_(seed),
      rng_(seed ^ 0x5eed'0f'1e'a7e5ULL),
      own_stacks_(pool_config(config)),
      stacks_(config.stack_pool ? *config.stack_pool : own_stacks_) {
  if (config_.processors < 1 || config_.processors > 64)
    throw UsageError("processors (GOMAXPROCS) must be between 1 and 64, got " + std::to_string(config_.processors));
  procs_.resize(static_cast<std::size_t>(config_.processors));
  timers_.set_go_order(config_.go_timers);
  idle_ = config_.processors == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << config_.processors) - 1;
  infos_.emplace_back();
  live_.push_back(nullptr);
  objects_.push_back(nullptr);
  object_info_.emplace_back();
  srclocs_.push_back(SrcLoc{"", "", 0});
  stack_guard::install();
  update_fifo_fast();
  // Objects made after this, outside any goroutine (a session setting up its channels), belong to this run.
  current_ = this;
}

Scheduler::~Scheduler() {
  {
    ScopedCurrent guard(current_, this);
    if (outcome_ == Outcome::Running && goroutine_count() > 0) finish(Outcome::Stopped, "scheduler destroyed", 0, 0);
    shutdown();
  }
  // Objects that outlive the run (a Go program's package-level channel or mutex, freed with its run state
  // after the scheduler) must not unregister with it.
  for (Object* o : objects_)
    if (o) o->sched_ = nullptr;
  if (current_ == this) current_ = nullptr;
}

void Scheduler::set_policy(std::unique_ptr<Policy> p) {
  if (p) policy_ = std::move(p);
  update_fifo_fast();
}

void Scheduler::update_fifo_fast() {
  fifo_fast_ =
      policy_->picks_first() && !policy_->wants_dispatch() && config_.max_steps == 0 && outcome_ == Outcome::Running;
}

// [SECTION] Spawning and the fiber entry ----------------------------------------------------------------

GoroutineId Scheduler::spawn_erased(std::string name, GoroutineId parent, std::source_location loc, bool is_main,
                                    std::size_t fn_size, std::size_t fn_align,
                                    void* (*construct)(void* where, void* src), void (*invoke)(void*),
                                    void (*destroy)(void*), void* src) {
  if (outcome_ != Outcome::Running || shutting_down_) throw UsageError("go: the run has already ended");
  if (is_main && main_id_ != kNoGoroutine) throw UsageError("the run already has a main goroutine");
  if (!is_main && main_id_ == kNoGoroutine) throw UsageError("start the main goroutine before any other");
  if (fn_size > stacks_.stack_size() / 4)
    throw UsageError("go: the goroutine's function object is too large for its stack; capture by reference");
  if (is_main) {
    runq_object_ = register_object(nullptr, ObjectKind::RunQueue, "run queue", 0);
  }

  Goroutine* g;
  if (!free_goroutines_.empty()) {
    g = free_goroutines_.back();
    free_goroutines_.pop_back();
  } else {
    constexpr std::size_t kBlock = 1024;
    if (goroutine_blocks_.empty() || block_used_ == kBlock) {
      goroutine_blocks_.push_back(std::make_unique<Goroutine[]>(kBlock));
      block_used_ = 0;
    }
    g = &goroutine_blocks_.back()[block_used_++];
  }
  *g = Goroutine{};
  g->id = static_cast<GoroutineId>(infos_.size());
  SrcLocId created = intern(loc);
  infos_.push_back(GoroutineInfo{std::move(name), parent, created, now_});
  live_.push_back(g);
  g->where = loc;
  g->stack = stacks_.acquire();
  if (!g->stack.guarded) arm_tripwire(g->stack);

  // The callable lives at the very top of the goroutine's own stack: no heap allocation per goroutine.
  auto top = reinterpret_cast<std::uintptr_t>(g->stack.top());
  std::uintptr_t at = (top - fn_size) & ~static_cast<std::uintptr_t>(fn_align - 1);
  g->fn = construct(reinterpret_cast<void*>(at), src);
  g->invoke = invoke;
  g->destroy = destroy;
  g->ctx = make_context(g->stack, top - at, &Scheduler::entry);

  policy_->on_spawn(g->id);
  emit(EventType::GoCreate, g->id, kNoObject, parent, 0, 0, observer_ ? created : 0);
  if (is_main) main_id_ = g->id;
  set_state(g, GState::Runnable, WaitReason::None, kNoObject, loc);
  push_runnable(g);
  return g->id;
}

void Scheduler::entry(Transfer t) {
  on_context_start();
  Scheduler* s = current_;
  Goroutine* g = s->current_g_;
  s->arrived(t);
  if (!g->unwinding) {
    try {
      g->invoke(g->fn);
    } catch (const ForcedUnwind&) {
      // torn down at the end of the run
    } catch (const RunError&) {
      // the outcome was recorded by raise()
    } catch (const std::exception& e) {
      s->finish(Outcome::Panic, e.what(), g->id, s->intern(g->where));
    } catch (...) {
      s->finish(Outcome::Panic, "unknown C++ exception", g->id, s->intern(g->where));
    }
  }
  g->destroy(g->fn);
  if (!g->unwinding) {
    s->set_state(g, GState::Done, WaitReason::None, kNoObject, g->where);
    if (g->id == s->main_id_) s->finish(Outcome::Completed, "", g->id, 0);
  } else {
    g->state = GState::Done;
  }
  switch_to(s->sched_ctx_, g, nullptr, /*exiting=*/true);
  __builtin_unreachable();
}

// Every switch carries the goroutine switched away from (null: the scheduler), so that whoever runs next
// can store where it stopped.
void Scheduler::arrived(Transfer t) {
  if (auto* from = static_cast<Goroutine*>(t.data)) {
    from->ctx = t.from;
  } else {
    sched_ctx_ = t.from;
  }
}

Goroutine* Scheduler::resume(Goroutine* g) {
  current_g_ = g;
  g->started = true;
  Transfer t = switch_to(g->ctx, nullptr, &g->stack, false);
  current_g_ = nullptr;
  // Usually `g` comes back; in a free run (see suspend()) it may be another goroutine it passed control to.
  auto* back = static_cast<Goroutine*>(t.data);
  back->ctx = t.from;
  check_stack(back, t.from);
  return back;
}

void Scheduler::run_goroutine(Goroutine* g) {
  Goroutine* back = resume(g);
  if (handed_back_)
    handed_back_ = false;  // it already did its own after_switch()
  else
    after_switch(back);
}

// suspend()'s common case, kept short and inline: the policy is fifo (it takes the head of the run queue,
// no need to ask it), no other processor is idle, so g's processor goes to the head of the run queue. This
// is what the general path (hand_off) does in that case, event for event and decision for decision.
// Returns null when the case does not apply.
inline Goroutine* Scheduler::fifo_hand_off(Goroutine* g) {
  if (!fifo_fast_ || idle_ != 0 || g->state == GState::Running) return nullptr;
  Goroutine* head = !runq_.empty() ? runq_[0] : g->state == GState::Runnable ? g : nullptr;
  if (head == nullptr || head->work_left != 0) return nullptr;
  int proc = g->processor;
  g->processor = -1;
  if (g->state == GState::Runnable) push_runnable(g);  // yielded: to the back of the queue
  if (runq_.size() > 1) record_decision(DecisionKind::PickGoroutine, static_cast<std::uint32_t>(runq_.size()), 0);
  Goroutine* next = runq_.take(0);
  runq_changed();
  // dispatch(next, proc), knowing the policy does not want to hear of it
  ++steps_;
  next->processor = proc;
  procs_[static_cast<std::size_t>(proc)].current = next;
  set_state(next, GState::Running, WaitReason::None, kNoObject, next->where);
  current_g_ = next;
  next->started = true;
  return next;
}

[[gnu::flatten]] void Scheduler::suspend() {
  // One switch call site, for every way of suspending: the return-address predictor then finds the
  // goroutine being resumed returning exactly where the suspending one called from.
  Goroutine* g = current_g_;
  Goroutine* next = nullptr;
  if (free_running_ && !shutting_down_) {
    check_stack(g, __builtin_frame_address(0));
    next = fifo_hand_off(g);
    if (!next) next = hand_off(g);
  }
  if (next == g) return;  // chose this goroutine again: just carry on
  Transfer t = next ? switch_to(next->ctx, g, &next->stack, false) : switch_to(sched_ctx_, g, nullptr, false);
  arrived(t);
  if (g->unwinding) throw ForcedUnwind{};
}

// A free run (run(), not step()): do the scheduler's next steps right here, on the suspending goroutine's
// stack, and return the goroutine they dispatch, to switch straight to it — one stack switch instead of
// two. These are exactly the calls step() would make on the scheduler's stack, in the same order, so the
// events and decisions are the same. Returns null when something only the scheduler does comes next (the
// clock, the end of the run, a question for the user).
[[gnu::flatten, gnu::noinline]] Goroutine* Scheduler::hand_off(Goroutine* g) {
  current_g_ = nullptr;  // from here on this is the scheduler's work
  after_switch(g);
  for (;;) {
    Goroutine* next = nullptr;
    if (!can_dispatch() || pick_next(next) != Pick::Dispatched) break;
    if (next->work_left > 0) {
      start_work_slice(next);  // back from a preemption: it holds a processor and goes on working
      continue;
    }
    current_g_ = next;
    next->started = true;
    return next;
  }
  handed_back_ = true;  // the scheduler must not do this goroutine's after_switch() again
  return nullptr;
}

// A guarded stack's overflow faults on its guard page. An unguarded one has a zero sentinel at its bottom,
// checked at every switch, and at the end, once the goroutine may have gone deep enough to reach it: its
// stack pointer was seen in the lowest quarter of the stack, or the tripwire at the bottom of its first page
// was overwritten (see fiber.h). Until then, the stack pointer itself is checked.
[[gnu::noinline]] void Scheduler::check_unguarded_stack(Goroutine* g, const void* sp) {
  auto p = reinterpret_cast<std::uintptr_t>(sp);
  auto bottom = reinterpret_cast<std::uintptr_t>(g->stack.bottom);
  if (p < bottom + kSentinelBytes) stack_guard::overflow(infos_[g->id].name.c_str(), g->id);
  if (!g->near_bottom) {
    if (p >= bottom + g->stack.size / 4 && tripwire_intact(g->stack)) return;
    g->near_bottom = true;
  }
  if (sentinel_damaged(g->stack)) stack_guard::overflow(infos_[g->id].name.c_str(), g->id);
}

void Scheduler::release(Goroutine* g) {
  if (!g->stack.guarded && (g->near_bottom || !tripwire_intact(g->stack)) && sentinel_damaged(g->stack))
    stack_guard::overflow(infos_[g->id].name.c_str(), g->id);
  stacks_.release(g->stack);
  live_[g->id] = nullptr;
  free_goroutines_.push_back(g);
}

// [SECTION] The run loop --------------------------------------------------------------------------------

namespace {
GoroutineId runq_candidate(const void* view, std::uint32_t i) { return (*static_cast<const RunQueue*>(view))[i]->id; }
}  // namespace

StepResult Scheduler::step() {
  if (outcome_ != Outcome::Running) return StepResult::Finished;
  ScopedCurrent guard(current_, this);
  if (main_id_ == kNoGoroutine) throw UsageError("step(): no main goroutine; call start_main() first");
  if (config_.max_steps != 0 && steps_ >= config_.max_steps) {
    finish(Outcome::StepLimit, "stopped after " + std::to_string(steps_) + " steps (max_steps)", 0, 0);
  } else if (!runq_.empty() && idle_ != 0) {
    // 1. An idle processor and a runnable goroutine: dispatch.
    Goroutine* g = nullptr;
    Pick p = pick_next(g);
    if (p == Pick::NeedDecision) return StepResult::NeedDecision;
    if (p == Pick::Dispatched) {
      if (g->work_left > 0)
        start_work_slice(g);  // resumed after a preemption: carry on with the work
      else
        run_goroutine(g);
    }
  } else if (!timers_.empty()) {
    // 2. Nothing can start now: advance the virtual clock to the next timer.
    VirtualTime at = timers_.top().at;
    if (config_.max_time != 0 && at > config_.max_time) {
      now_ = config_.max_time;
      finish(Outcome::TimeLimit, "stopped at the maximum virtual time", 0, 0);
    } else {
      now_ = at;
      ++steps_;
      fire_timers();
    }
  } else {
    // 3. Nothing runnable, nobody working, no timers, and main has not returned: Go's deadlock.
    finish(Outcome::Deadlock, go_errors::kDeadlock, 0, 0);
  }
  if (outcome_ != Outcome::Running) {
    shutdown();
    return StepResult::Finished;
  }
  return StepResult::Progress;
}

Outcome Scheduler::run() {
  struct FreeRun {
    bool& flag;
    explicit FreeRun(bool& f) : flag(f) { flag = true; }
    ~FreeRun() { flag = false; }
    FreeRun(const FreeRun&) = delete;
    FreeRun& operator=(const FreeRun&) = delete;
  } free_run(free_running_);
  while (step() == StepResult::Progress) {
  }
  return outcome_;
}

// Takes the next goroutine off the run queue (the policy's pick) and gives it an idle processor (the
// policy's pick): it is Running. Requires can_dispatch().
Scheduler::Pick Scheduler::pick_next(Goroutine*& out) {
  std::uint32_t pick = 0;
  if (runq_.size() > 1) {
    auto options = static_cast<std::uint32_t>(runq_.size());
    if (policy_->picks_first()) {
      pick = record_decision(DecisionKind::PickGoroutine, options, 0);  // fifo: no need to ask
    } else {
      Choice c{DecisionKind::PickGoroutine, options, kNoGoroutine, &runq_, &runq_candidate};
      if (!policy_->can_choose(c)) return Pick::NeedDecision;
      pick = decide(c);
      if (outcome_ != Outcome::Running) return Pick::Ended;  // a replay diverged
    }
  }
  Goroutine* g = runq_.take(pick);
  runq_changed();
  int proc = std::countr_zero(idle_);  // the lowest idle processor, unless the policy picks another
  if ((idle_ & (idle_ - 1)) != 0) {    // more than one idle processor: which one is a decision
    auto idle = static_cast<std::uint32_t>(std::popcount(idle_));
    std::uint32_t pi = policy_->picks_first() ? record_decision(DecisionKind::PickProcessor, idle, 0)
                                              : decide(Choice{DecisionKind::PickProcessor, idle});
    if (outcome_ != Outcome::Running) return Pick::Ended;
    for (std::uint64_t rest = idle_; pi > 0; --pi) {
      rest &= rest - 1;
      proc = std::countr_zero(rest);
    }
  }
  idle_ &= ~(std::uint64_t{1} << proc);
  dispatch(g, proc);
  out = g;
  return Pick::Dispatched;
}

// `g`, just taken off the run queue, runs on processor `proc` (already taken off the idle set): one step.
void Scheduler::dispatch(Goroutine* g, int proc) {
  ++steps_;
  if (policy_->wants_dispatch()) policy_->on_dispatch(g->id, steps_);
  g->processor = proc;
  procs_[static_cast<std::size_t>(proc)].current = g;
  set_state(g, GState::Running, WaitReason::None, kNoObject, g->where);
}

void Scheduler::release_processor(Goroutine* g) {
  int proc = g->processor;
  if (proc < 0) return;
  procs_[static_cast<std::size_t>(proc)].current = nullptr;
  idle_ |= std::uint64_t{1} << proc;
  g->processor = -1;
}

void Scheduler::after_switch(Goroutine* g) {
  if (g->state == GState::Running) return;  // inside work(): keeps its processor until the timer
  release_processor(g);
  if (g->state == GState::Done) {
    release(g);
  } else if (g->state == GState::Runnable && !g->unwinding) {
    push_runnable(g);  // yielded
  }
}

void Scheduler::start_work_slice(Goroutine* g) {
  Duration slice = g->work_left;
  if (config_.quantum > 0 && slice > config_.quantum) slice = config_.quantum;
  g->work_left -= slice;
  add_timer(g, now_ + slice);
}

void Scheduler::add_timer(Goroutine* g, VirtualTime at) { timers_.push(TimerEntry{at, timer_seq_++, g, nullptr}); }

void Scheduler::fire_timers() {
  do {
    TimerEntry t = timers_.top();
    if (t.target) {
      if (Duration p = t.target->period(); p > 0)
        timers_.retime_top(t.at + p * (1 + (now_ - t.at) / p));  // Go: leave it in the heap, due again
      else
        timers_.pop();
      t.target->fire(now_);
    } else if (t.g->state == GState::Sleeping) {
      timers_.pop();
      ready(t.g, kNoObject);
    } else {
      timers_.pop();
      end_work_slice(t.g);
      return;  // it runs (or was preempted): the step is over
    }
  } while (config_.go_timers && outcome_ == Outcome::Running && !timers_.empty() && timers_.top().at <= now_ &&
           (timers_.top().target || timers_.top().g->state == GState::Sleeping));
}

// The clock reached the end of a slice of a goroutine's work().
void Scheduler::end_work_slice(Goroutine* g) {
  if (g->work_left > 0) {
    // The quantum expired inside work(): preempt if someone else is waiting for a processor.
    bool preempt = false;
    if (!runq_.empty()) preempt = decide(Choice{DecisionKind::Preempt, 2, g->id}) == 1;
    if (outcome_ != Outcome::Running) {
      // a replay diverged on the preemption choice: the run is over
    } else if (preempt) {
      set_state(g, GState::Runnable, WaitReason::None, kNoObject, g->where);
      release_processor(g);
      push_runnable(g);
    } else {
      start_work_slice(g);
    }
  } else {
    run_goroutine(g);  // its work() is done
  }
}

std::vector<GoroutineId> Scheduler::runnable() const {
  std::vector<GoroutineId> out;
  out.reserve(runq_.size());
  for (std::size_t i = 0; i < runq_.size(); ++i) out.push_back(runq_[i]->id);
  return out;
}

// [SECTION] Inside a goroutine: work, sleep, yield, park, ready ------------------------------------------

void Scheduler::not_in_goroutine(const char* what) {
  throw UsageError(std::string(what) + " must be called from inside a goroutine");
}

namespace {
Goroutine* need_goroutine(Goroutine* g, const char* what) {
  if (!g) Scheduler::not_in_goroutine(what);
  return g;
}
}  // namespace

void Scheduler::work(Duration d, std::source_location loc) {
  Goroutine* g = need_goroutine(current_g_, "work()");
  if (d <= 0) return;
  if (shutting_down_) throw ForcedUnwind{};
  set_state(g, GState::Running, WaitReason::None, kNoObject, loc);  // records the line it works at
  g->work_left = d;
  start_work_slice(g);
  suspend();
}

void Scheduler::sleep(Duration d, std::source_location loc) {
  Goroutine* g = need_goroutine(current_g_, "sleep()");
  if (d <= 0) return;  // like Go's time.Sleep(0)
  if (shutting_down_) throw ForcedUnwind{};
  set_state(g, GState::Sleeping, WaitReason::Sleep, kNoObject, loc);
  add_timer(g, now_ + d);
  suspend();
}

void Scheduler::yield(std::source_location loc) {
  Goroutine* g = need_goroutine(current_g_, "yield()");
  if (shutting_down_) throw ForcedUnwind{};
  set_state(g, GState::Runnable, WaitReason::None, kNoObject, loc);
  suspend();
}

// [SECTION] Decisions -----------------------------------------------------------------------------------

std::uint32_t Scheduler::decide(const Choice& c) {
  if (c.options <= 1) return 0;
  std::uint32_t i = policy_->choose(c);
  if (i >= c.options) i = c.options - 1;
  if (policy_->may_diverge()) {
    if (auto why = policy_->divergence()) {
      if (current_g_) raise(Outcome::ReplayDivergence, *why, current_g_->where);
      finish(Outcome::ReplayDivergence, *why, 0, 0);
      return 0;
    }
  }
  return record_decision(c.kind, c.options, i);
}

std::uint32_t Scheduler::record_decision(DecisionKind kind, std::uint32_t options, std::uint32_t chosen) {
  ++decision_count_;
  decision_hash_ = (decision_hash_ ^
                    (static_cast<std::uint64_t>(kind) | std::uint64_t{options} << 8 | std::uint64_t{chosen} << 36)) *
                   0x100000001b3ULL;
  emit(EventType::Decision, self(), options, chosen, static_cast<std::uint8_t>(kind));
  return chosen;
}

// [SECTION] Ending a run --------------------------------------------------------------------------------

void Scheduler::raise(Outcome kind, std::string message, std::source_location loc) {
  Goroutine* g = current_g_;
  if (g) g->where = loc;
  if (shutting_down_) throw ForcedUnwind{};
  finish(kind, message, g ? g->id : kNoGoroutine, intern(loc));
  throw RunError(message);
}

void Scheduler::finish(Outcome o, std::string message, GoroutineId g, SrcLocId loc) {
  if (outcome_ != Outcome::Running) return;
  outcome_ = o;
  update_fifo_fast();
  outcome_message_ = std::move(message);
  outcome_g_ = g;
  outcome_loc_ = loc;
  if (o != Outcome::Completed) {
    std::string header;
    switch (o) {
      case Outcome::Panic: header = "panic: " + outcome_message_; break;
      case Outcome::Fatal:
      case Outcome::Deadlock: header = "fatal error: " + outcome_message_; break;
      case Outcome::InvariantViolation: header = "invariant violated: " + outcome_message_; break;
      default: header = std::string(to_string(o)) + ": " + outcome_message_; break;
    }
    dump_ = header + "\n\n" + goroutine_dump();
    if (!cycles_.empty()) {
      dump_ += "\nwait-for cycles:\n";
      for (const auto& c : cycles_) dump_ += "  " + c + "\n";
    }
  }
  emit(EventType::RunEnd, g, kNoObject, 0, static_cast<std::uint8_t>(o), 0, loc);
  set_observer(nullptr);  // RunEnd is the last event: what follows (unwinding) is not part of the run
}

void Scheduler::stop(Outcome why) {
  ScopedCurrent guard(current_, this);
  finish(why, "stopped", 0, 0);
  shutdown();
}

void Scheduler::shutdown() {
  if (shutting_down_) return;
  shutting_down_ = true;
  // Never destroy a suspended fiber: resume it with `unwinding` set so it throws ForcedUnwind from where
  // it is parked, runs its destructors and finishes on its own stack. Newest first: children usually use
  // objects that live on their parents' stacks (a WaitGroup in main), so those must still exist.
  for (std::size_t id = live_.size(); id-- > 1;) {
    Goroutine* g = live_[id];
    if (!g) continue;
    g->unwinding = true;
    if (g->started && g->state != GState::Done) {
      resume(g);  // it unwinds and finishes
    } else if (!g->started) {
      g->destroy(g->fn);
    }
    release(g);
  }
  runq_.clear();
  timers_.clear();
}

// [SECTION] Objects and source locations ----------------------------------------------------------------

ObjectId Scheduler::register_object(Object* o, ObjectKind kind, std::string name, std::int64_t capacity) {
  auto id = static_cast<ObjectId>(object_info_.size());
  if (name.empty()) name = std::string(to_string(kind)) + "#" + std::to_string(id);
  object_info_.push_back(ObjectInfo{std::move(name), kind, capacity});
  objects_.push_back(o);
  emit(EventType::ObjCreate, self(), id, capacity, static_cast<std::uint8_t>(kind));
  return id;
}

void Scheduler::unregister_object(ObjectId id) {
  if (id < objects_.size()) objects_[id] = nullptr;
}

namespace {
const char* relative_path(const char* file) {
#ifdef INTERLEAVE_SOURCE_ROOT
  constexpr std::string_view root = INTERLEAVE_SOURCE_ROOT "/";
  if (std::strncmp(file, root.data(), root.size()) == 0) return file + root.size();
#endif
  return file;
}
}  // namespace

[[gnu::noinline, gnu::cold]] SrcLocId Scheduler::intern_slow(const void* key, const std::source_location& loc) {
  if (key == nullptr) return 0;
  auto [it, inserted] = srcloc_ids_.try_emplace(key, static_cast<SrcLocId>(srclocs_.size()));
  if (inserted) {
    srclocs_.push_back(SrcLoc{relative_path(loc.file_name()), loc.function_name(), loc.line()});
    if (observer_) observer_->on_new_srcloc();
  }
  intern_cache_[(reinterpret_cast<std::uintptr_t>(key) >> 4) & (kInternCache - 1)] = InternSlot{key, it->second};
  return it->second;
}

Object::Object(ObjectKind kind, std::string_view name, std::int64_t capacity) {
  sched_ = Scheduler::current();
  if (!sched_)
    throw UsageError("a " + std::string(to_string(kind)) +
                     " must be created while a Scheduler exists (inside a goroutine, or after constructing one)");
  id_ = sched_->register_object(this, kind, std::string(name), capacity);
}

Object::~Object() {
  if (sched_) sched_->unregister_object(id_);
}

// [SECTION] Wait-for cycles and the goroutine dump ------------------------------------------------------

void Scheduler::check_cycle(Goroutine* start) {
  // The first hop, without allocating: usually every holder is running, so there can be no cycle.
  const Object* first = object(start->wait_object);
  if (!first) return;
  cycle_scratch_.clear();
  first->holders(cycle_scratch_);
  bool holder_blocked = false;
  for (GoroutineId h : cycle_scratch_) {
    const Goroutine* hg = goroutine(h);
    if (h != start->id && hg && hg->state == GState::Blocked) holder_blocked = true;
  }
  if (!holder_blocked) return;
  // Follow "g waits for object o, which goroutine h holds" edges from `start`. With mutexes most holders
  // are running, so this usually stops after one hop.
  std::vector<GoroutineId> path{start->id};
  std::vector<ObjectId> via;
  std::vector<GoroutineId> seen;
  auto dfs = [&](auto& self_ref, GoroutineId gid) -> bool {
    const Goroutine* g = goroutine(gid);
    if (!g || g->state != GState::Blocked) return false;
    Object* o = object(g->wait_object);
    if (!o) return false;
    std::vector<GoroutineId> hs;
    o->holders(hs);
    for (GoroutineId h : hs) {
      if (h == gid) continue;
      via.push_back(g->wait_object);
      if (h == start->id) return true;
      if (std::find(seen.begin(), seen.end(), h) == seen.end() && path.size() < 64) {
        seen.push_back(h);
        path.push_back(h);
        if (self_ref(self_ref, h)) return true;
        path.pop_back();
      }
      via.pop_back();
    }
    return false;
  };
  if (!dfs(dfs, start->id)) return;
  std::ostringstream os;
  os << "at " << now_ << "ns: ";
  for (std::size_t i = 0; i < path.size(); ++i) {
    const ObjectInfo& oi = object_info_[via[i]];
    GoroutineId next = i + 1 < path.size() ? path[i + 1] : start->id;
    if (i > 0) os << "; ";
    os << "goroutine " << path[i] << " \"" << infos_[path[i]].name << "\" waits for " << to_string(oi.kind) << " \""
       << oi.name << "\" held by goroutine " << next << " \"" << infos_[next].name << "\"";
  }
  std::string text = os.str();
  cycles_.push_back(text);
  if (config_.stop_on_cycle) raise(Outcome::Deadlock, "wait-for cycle: " + text, start->where);
}

std::string Scheduler::goroutine_dump() const {
  std::ostringstream os;
  bool first = true;
  for (std::size_t id = 1; id < live_.size(); ++id) {
    const Goroutine* g = live_[id];
    if (!g || g->state == GState::Done) continue;
    if (!first) os << "\n";
    first = false;
    std::string_view why;
    switch (g->state) {
      case GState::Blocked:
      case GState::Sleeping: why = to_string(g->reason); break;
      case GState::Running: why = "running"; break;
      case GState::Runnable: why = "runnable"; break;
      case GState::Done: why = "done"; break;
    }
    const GoroutineInfo& info = infos_[id];
    os << "goroutine " << id << " \"" << info.name << "\" [" << why << "]:\n";
    if (g->state == GState::Blocked && g->wait_object != kNoObject) {
      const ObjectInfo& oi = object_info_[g->wait_object];
      os << "\twaiting on " << to_string(oi.kind) << " \"" << oi.name << "\"";
      if (const Object* o = object(g->wait_object)) {
        std::string d = o->describe();
        if (!d.empty()) os << " (" << d << ")";
      }
      os << "\n";
    }
    os << "\t" << relative_path(g->where.file_name()) << ":" << g->where.line() << "\n";
    if (info.parent != kNoGoroutine) {
      const SrcLoc& c = srclocs_[info.created_at];
      os << "created by goroutine " << info.parent << " \"" << infos_[info.parent].name << "\"\n\t" << c.file << ":"
         << c.line << "\n";
    }
  }
  return os.str();
}

}  // namespace interleave
