// scheduler.h — goroutines as real fibers, run deterministically on P virtual processors and a virtual clock.
//
// A Scheduler owns one run. Goroutines are Boost.Context fibers, each on its own stack, all executed by one
// OS thread. Up to `processors` goroutines are Running at the same virtual time (Go's GOMAXPROCS); the
// clock only moves when every processor is idle or busy inside work(), and it jumps to the next timer.
//
//   interleave::Scheduler s(interleave::Scheduler::Config{}.with_processors(2));
//   s.run_main("main", [] {
//     interleave::WaitGroup wg;
//     wg.add(2);
//     for (int i = 0; i < 2; ++i)
//       interleave::go("worker", [&] { interleave::work(interleave::time_literals::operator""_ms(5)); wg.done(); });
//     wg.wait();
//   });
//   // s.outcome() == Outcome::Completed, s.now() == 5 ms: the two workers ran in parallel.
//
// Inside a goroutine use the free functions go(), work(), sleep(), yield(), now(), self() and rng().
// The run ends, as in Go, when the main goroutine returns; or with a deadlock when nothing can ever run
// again; or with a panic or fatal error raised by misuse.
#pragma once

#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <memory>
#include <new>
#include <optional>
#include <source_location>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "runtime/errors.h"
#include "runtime/event.h"
#include "runtime/fiber.h"
#include "runtime/labels.h"
#include "runtime/policy.h"
#include "runtime/rng.h"
#include "runtime/timer_heap.h"
#include "runtime/types.h"

#ifndef INTERLEAVE_HOOKS
#define INTERLEAVE_HOOKS 1
#endif

namespace interleave {

inline constexpr bool kHooksEnabled = INTERLEAVE_HOOKS != 0;

class Scheduler;
class Object;

// Where the order of waking is a choice: FIFO (the longest waiter first), or asked of the policy.
enum class WakeOrder : std::uint8_t { Fifo, Policy };

// One goroutine. Owned by the Scheduler; user code refers to goroutines by id.
struct Goroutine {
  GoroutineId id = kNoGoroutine;
  GState state = GState::Runnable;
  WaitReason reason = WaitReason::None;
  ObjectId wait_object = kNoObject;
  std::source_location where;  // the blocking call it is at (or last was at)
  Context ctx = nullptr;
  Stack stack;
  void* fn = nullptr;  // the callable, stored at the top of its own stack
  void (*invoke)(void*) = nullptr;
  void (*destroy)(void*) = nullptr;
  int processor = -1;
  Duration work_left = 0;  // virtual work still to do (after a preemption)
  bool started = false;
  bool unwinding = false;       // set at shutdown: the next return into the fiber throws ForcedUnwind
  bool near_bottom = false;     // its stack pointer has been seen in the lowest quarter of its stack
  std::uint32_t wake_code = 0;  // what the waker left (meaning is up to the primitive)
};

// The run queue: a ring buffer of goroutines in arrival order. Popping the front and pushing the back are
// O(1) without allocation once it has grown; taking from the middle (a policy's pick) shifts the rest.
class RunQueue {
 public:
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  Goroutine* operator[](std::size_t i) const { return slots_[(head_ + i) & mask_]; }
  void push_back(Goroutine* g) {
    if (size_ == slots_.size()) grow();
    slots_[(head_ + size_) & mask_] = g;
    ++size_;
  }
  Goroutine* take(std::size_t i) {
    Goroutine* g = (*this)[i];
    if (i == 0) {
      head_ = (head_ + 1) & mask_;
    } else {
      for (std::size_t j = i; j + 1 < size_; ++j) slots_[(head_ + j) & mask_] = slots_[(head_ + j + 1) & mask_];
    }
    --size_;
    return g;
  }
  void clear() { head_ = size_ = 0; }

 private:
  void grow() {
    std::vector<Goroutine*> bigger(slots_.empty() ? 16 : slots_.size() * 2);
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = (*this)[i];
    slots_.swap(bigger);
    head_ = 0;
    mask_ = slots_.size() - 1;
  }
  std::vector<Goroutine*> slots_;  // a power of two long
  std::size_t head_ = 0;
  std::size_t size_ = 0;
  std::size_t mask_ = 0;
};

// What the scheduler remembers of every goroutine, even after it is done: for dumps, traces and the GUI.
struct GoroutineInfo {
  std::string name;
  GoroutineId parent = kNoGoroutine;
  SrcLocId created_at = 0;
  VirtualTime created_time = 0;
};

struct ObjectInfo {
  std::string name;
  ObjectKind kind = ObjectKind::Mutex;
  std::int64_t capacity = 0;
};

struct SrcLoc {
  const char* file = "";
  const char* function = "";
  std::uint32_t line = 0;
};

// One step of the scheduler: what happened.
enum class StepResult : std::uint8_t {
  Progress,      // something ran or the clock advanced
  NeedDecision,  // the (manual) policy must be told what to run next
  Finished,      // the run has ended; see outcome()
};

// The knobs of one run, with defaults that work (chainable: Config{}.with_processors(4)).
struct SchedulerConfig {
  int processors = 1;    // GOMAXPROCS: 1..64
  Duration quantum = 0;  // preempt work() after this much virtual time; 0: never
  WakeOrder wake_order = WakeOrder::Fifo;
  bool spurious_wakeups = false;  // condition variables may return from wait() without a signal
  std::size_t stack_size = default_stack_size();
  std::size_t guarded_stacks = 8192;
  std::uint64_t max_steps = 0;  // 0: unlimited
  VirtualTime max_time = 0;     // 0: unlimited
  bool stop_on_cycle = false;   // end the run at the first wait-for cycle instead of just reporting it
  // Go's timers (Go programs): when the clock jumps, every sleeper and timer due at that instant fires before
  // anyone runs, in the order of Go's timer heap (timer_heap.h). Otherwise one fires per step, first in
  // first out.
  bool go_timers = false;
  // When set, stacks come from this pool (it must outlive the scheduler and be used by one thread): many
  // short runs in a row (exploration) then reuse the same stacks. Otherwise the scheduler has its own.
  StackPool* stack_pool = nullptr;

  SchedulerConfig& with_processors(int p) {
    processors = p;
    return *this;
  }
  SchedulerConfig& with_quantum(Duration q) {
    quantum = q;
    return *this;
  }
  SchedulerConfig& with_wake_order(WakeOrder w) {
    wake_order = w;
    return *this;
  }
  SchedulerConfig& with_spurious_wakeups(bool b) {
    spurious_wakeups = b;
    return *this;
  }
  SchedulerConfig& with_stack_size(std::size_t s) {
    stack_size = s;
    return *this;
  }
  SchedulerConfig& with_max_steps(std::uint64_t n) {
    max_steps = n;
    return *this;
  }
  SchedulerConfig& with_go_timers(bool b) {
    go_timers = b;
    return *this;
  }
  SchedulerConfig& with_max_time(VirtualTime t) {
    max_time = t;
    return *this;
  }
  static std::size_t default_stack_size();
};

class Scheduler {
 public:
  using Config = SchedulerConfig;

  explicit Scheduler(Config config = Config{}, std::unique_ptr<Policy> policy = nullptr, std::uint64_t seed = 1);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // The scheduler whose goroutine is running on this thread (or which is inside run()/step()); otherwise the
  // one most recently constructed on this thread, until it is destroyed; null if none.
  static Scheduler* current() { return current_; }

  // --- Setting up and running -------------------------------------------------------------------------
  void set_observer(Observer* o) {
    observer_ = o;
    log_ = o ? o->direct_log() : nullptr;
    runq_counter_ = o && o->wants_run_queue_counter();
  }
  Observer* observer() const { return observer_; }
  void set_policy(std::unique_ptr<Policy> p);  // e.g. hand control back from manual to a policy mid-run
  Policy& policy() { return *policy_; }

  // Creates the main goroutine; the run ends when it returns.
  template <class F>
  GoroutineId start_main(std::string name, F&& f, std::source_location loc = std::source_location::current()) {
    return spawn(std::move(name), std::forward<F>(f), kNoGoroutine, loc, true);
  }
  StepResult step();  // one scheduling action
  Outcome run();      // step until finished (a manual policy without an answer stops it: NeedDecision)
  template <class F>
  Outcome run_main(std::string name, F&& f) {
    start_main(std::move(name), std::forward<F>(f));
    return run();
  }
  // Ends a run from outside (the GUI's stop), unwinding every goroutine.
  void stop(Outcome why = Outcome::Stopped);

  // --- Inside a goroutine (use the free functions below) ------------------------------------------------
  template <class F>
  GoroutineId go(std::string name, F&& f, std::source_location loc) {
    return spawn(std::move(name), std::forward<F>(f), current_g_ ? current_g_->id : kNoGoroutine, loc, false);
  }
  void work(Duration d, std::source_location loc);
  void sleep(Duration d, std::source_location loc);
  void yield(std::source_location loc);
  VirtualTime now() const { return now_; }
  Goroutine* running() const { return current_g_; }
  GoroutineId self() const { return current_g_ ? current_g_->id : kNoGoroutine; }
  Rng& rng() { return rng_; }

  // --- Timer objects (time.Timer, time.Ticker, AfterFunc): fire() is called by the scheduler, outside any
  // goroutine, when the clock reaches `at`. Setting an armed timer moves it. A timer object must stay alive
  // while it is armed (dropped() tells it the run ended with it set).
  void set_timer(TimerTarget* t, VirtualTime at) {
    timers_.remove(t);
    timers_.push(TimerEntry{at, timer_seq_++, nullptr, t});
  }
  // Unsets a timer object; says whether it was set.
  bool stop_timer(TimerTarget* t) { return timers_.remove(t); }

  // --- For primitives: the one way to suspend ---------------------------------------------------------
  // Throws the UsageError for a goroutine-only call (`what`) made outside any goroutine.
  [[noreturn]] static void not_in_goroutine(const char* what);
  // Parks the running goroutine as Blocked(reason, object) until ready() is called for it.
  // `holder`, if known, holds the object (a mutex's owner): a wait-for cycle through it is only possible
  // when it is blocked itself, which spares the cycle search on the common path.
  void park(WaitReason reason, ObjectId object, std::source_location loc, const Goroutine* holder = nullptr) {
    Goroutine* g = current_g_;
    if (!g) [[unlikely]]
      not_in_goroutine("a blocking call");
    if (shutting_down_) [[unlikely]]
      throw ForcedUnwind{};
    set_state(g, GState::Blocked, reason, object, loc);
    if ((reason == WaitReason::MutexLock || reason == WaitReason::RWMutexLock || reason == WaitReason::RWMutexRLock) &&
        (holder == nullptr || holder->state == GState::Blocked))
      check_cycle(g);
    suspend();
  }
  // Makes a parked goroutine Runnable; records that the running goroutine (if any) woke it through `via`.
  void ready(Goroutine* g, ObjectId via) {
    if (shutting_down_) return;
    emit(EventType::Wake, self(), via, g->id, 0);
    set_state(g, GState::Runnable, WaitReason::None, kNoObject, g->where);
    push_runnable(g);
  }
  // Asks the policy (and records the decision). Returns 0 when there is only one option.
  std::uint32_t decide(const Choice& c);
  // Ends the run from inside a goroutine with a panic or fatal error: throws, never returns.
  [[noreturn]] void raise(Outcome kind, std::string message, std::source_location loc);
  // Reports a wait-for cycle that contains `g` (if any); called by primitives that know their holders.
  void check_cycle(Goroutine* g);

  // --- Objects and events ------------------------------------------------------------------------------
  ObjectId register_object(Object* o, ObjectKind kind, std::string name, std::int64_t capacity);
  void unregister_object(ObjectId id);
  Object* object(ObjectId id) const { return id < objects_.size() ? objects_[id] : nullptr; }
  const ObjectInfo& object_info(ObjectId id) const { return object_info_[id]; }
  std::size_t object_count() const { return object_info_.size() - 1; }
  void counter(ObjectId obj, CounterKind kind, std::int64_t value) {
    if constexpr (kHooksEnabled) {
      if (observer_) emit(EventType::Counter, self(), obj, value, static_cast<std::uint8_t>(kind));
    }
  }
  void note(std::int64_t code, ObjectId obj = kNoObject) {
    if constexpr (kHooksEnabled) {
      if (observer_) emit(EventType::Note, self(), obj, code, 0);
    }
  }
  // The running goroutine read (write = false) or wrote a location that is not an object (kAccessNote).
  void access(std::int64_t location, bool write) {
    if constexpr (kHooksEnabled) {
      if (observer_) emit(EventType::Note, self(), kNoObject, location, write ? 1 : 0, kAccessNote);
    }
  }
  // The running goroutine read or wrote object `obj` without any other event saying so (a Wait that did not
  // block, a close, a signal nobody heard): a kAccessNote with the object.
  void touch(ObjectId obj, bool write) {
    if constexpr (kHooksEnabled) {
      if (observer_) emit(EventType::Note, self(), obj, 0, write ? 1 : 0, kAccessNote);
    }
  }
  // The running goroutine says what it is doing (labels.h): a Note event with b = kLabelNote.
  void doing(std::string_view what) {
    if constexpr (kHooksEnabled) {
      if (observer_) emit(EventType::Note, self(), kNoObject, intern_label(what), 0, kLabelNote);
    }
  }
  void emit(EventType type, GoroutineId g, ObjectId obj, std::int64_t value, std::uint8_t a, std::uint8_t b = 0,
            SrcLocId loc = 0) {
    if constexpr (kHooksEnabled) {
      if (log_ && is_common_event(type)) {
        fill(*log_->append(), type, g, obj, value, a, b, loc);  // the recorder's fast lane: no call per event
      } else if (observer_) {
        Event e;
        fill(e, type, g, obj, value, a, b, loc);
        observer_->on_event(e);
      }
    }
  }
  void fill(Event& e, EventType type, GoroutineId g, ObjectId obj, std::int64_t value, std::uint8_t a, std::uint8_t b,
            SrcLocId loc) const {
    e.time = now_;
    e.value = value;
    e.g = g;
    e.object = obj;
    e.srcloc = loc;
    e.type = type;
    e.a = a;
    e.b = b;
    e.reserved = 0;
  }
  // The id of a source location in this run's table (0 for none). A small direct-mapped cache in front of
  // the table keeps this cheap on the traced hot path.
  SrcLocId intern(const std::source_location& loc) {
    // libstdc++'s source_location is one pointer to a static record unique to the call site: a perfect key.
    static_assert(sizeof(std::source_location) == sizeof(void*));
    const void* key;
    std::memcpy(&key, &loc, sizeof key);
    const InternSlot& slot = intern_cache_[(reinterpret_cast<std::uintptr_t>(key) >> 4) & (kInternCache - 1)];
    if (slot.key == key && key != nullptr) return slot.id;
    return intern_slow(key, loc);
  }
  const SrcLoc& srcloc(SrcLocId id) const { return srclocs_[id]; }
  std::size_t srcloc_count() const { return srclocs_.size(); }

  // --- Inspection --------------------------------------------------------------------------------------
  Outcome outcome() const { return outcome_; }
  const std::string& outcome_message() const { return outcome_message_; }
  GoroutineId outcome_goroutine() const { return outcome_g_; }
  SrcLocId outcome_srcloc() const { return outcome_loc_; }
  // The Go-style goroutine dump captured when the run ended badly (empty for a completed run).
  const std::string& dump() const { return dump_; }
  // Wait-for cycles found during the run, each as text.
  const std::vector<std::string>& cycles() const { return cycles_; }
  std::uint64_t steps() const { return steps_; }
  // How many decisions the run has made, and a fingerprint of them all (kind, options and choice, in order):
  // equal for runs that decided the same. The decisions themselves are Decision events: a TraceRecorder
  // keeps them (TraceRecorder::decisions()), for replay.
  std::uint64_t decision_count() const { return decision_count_; }
  std::uint64_t decision_hash() const { return decision_hash_; }
  std::size_t goroutine_count() const { return infos_.size() - 1; }
  const GoroutineInfo& info(GoroutineId id) const { return infos_[id]; }
  // The live goroutine, or null once it is done.
  const Goroutine* goroutine(GoroutineId id) const { return id < live_.size() ? live_[id] : nullptr; }
  std::size_t runnable_count() const { return runq_.size(); }
  // The virtual time of the next step(): now, unless nothing can start now and the clock will jump to the next
  // timer (playback at a chosen speed uses it so that it never steps past the time it shows).
  // True when nothing is runnable and no timer is set: the next step() ends the run (a deadlock).
  bool stuck() const { return outcome_ == Outcome::Running && runq_.empty() && timers_.empty(); }
  VirtualTime next_step_time() const {
    if ((!runq_.empty() && idle_ != 0) || timers_.empty()) return now_;
    return timers_.top().at > now_ ? timers_.top().at : now_;
  }
  std::vector<GoroutineId> runnable() const;
  const Config& config() const { return config_; }
  std::uint64_t seed() const { return seed_; }
  // Text of the Go-style dump of every goroutine that is not done, as of now.
  std::string goroutine_dump() const;

 private:
  struct Proc {
    Goroutine* current = nullptr;
  };

  template <class F>
  GoroutineId spawn(std::string name, F&& f, GoroutineId parent, std::source_location loc, bool is_main);
  GoroutineId spawn_erased(std::string name, GoroutineId parent, std::source_location loc, bool is_main,
                           std::size_t fn_size, std::size_t fn_align, void* (*construct)(void* where, void* src),
                           void (*invoke)(void*), void (*destroy)(void*), void* src);
  enum class Pick : std::uint8_t { Dispatched, NeedDecision, Ended };
  static void entry(Transfer t);

  void arrived(Transfer t);
  Goroutine* resume(Goroutine* g);   // returns the goroutine that switched back
  void run_goroutine(Goroutine* g);  // resume, then after_switch for whoever came back
  void suspend();                    // from inside a goroutine: on to the next goroutine, or back to the scheduler
  Goroutine* fifo_hand_off(Goroutine* g);  // suspend()'s free-run fast path: what to switch to next
  Goroutine* hand_off(Goroutine* g);       // and its general path
  void after_switch(Goroutine* g);
  bool can_dispatch() const {
    return outcome_ == Outcome::Running && !runq_.empty() && idle_ != 0 &&
           (config_.max_steps == 0 || steps_ < config_.max_steps);
  }
  Pick pick_next(Goroutine*& out);
  void set_state(Goroutine* g, GState s, WaitReason r, ObjectId obj, std::source_location loc) {
    g->state = s;
    g->reason = r;
    g->wait_object = obj;
    g->where = loc;
    if constexpr (kHooksEnabled) {
      if (observer_)
        emit(EventType::State, g->id, obj, s == GState::Running ? g->processor : -1, static_cast<std::uint8_t>(s),
             static_cast<std::uint8_t>(r), intern(loc));
    }
  }
  void push_runnable(Goroutine* g) {
    runq_.push_back(g);
    runq_changed();
  }
  void runq_changed() {
    if constexpr (kHooksEnabled) {
      if (runq_counter_) counter(runq_object_, CounterKind::Length, static_cast<std::int64_t>(runq_.size()));
    }
  }
  void release_processor(Goroutine* g);
  void dispatch(Goroutine* g, int proc);
  std::uint32_t record_decision(DecisionKind kind, std::uint32_t options, std::uint32_t chosen);
  void start_work_slice(Goroutine* g);
  void finish(Outcome o, std::string message, GoroutineId g, SrcLocId loc);
  void shutdown();
  void release(Goroutine* g);
  void add_timer(Goroutine* g, VirtualTime at);
  void fire_timers();  // the clock reached the first timer: fire it (Go order: and all due at this instant)
  void end_work_slice(Goroutine* g);
  // sp: where its stack pointer is (or was, if suspended). Guarded stacks fault on their guard page instead.
  void check_stack(Goroutine* g, const void* sp) {
    if (!g->stack.guarded) check_unguarded_stack(g, sp);
  }
  void check_unguarded_stack(Goroutine* g, const void* sp);
  void update_fifo_fast();  // after the policy or the outcome changed
  SrcLocId intern_slow(const void* key, const std::source_location& loc);

  static inline thread_local Scheduler* current_ = nullptr;

  Config config_;
  std::unique_ptr<Policy> policy_;
  std::uint64_t seed_;
  Rng rng_;
  Observer* observer_ = nullptr;
  EventLog* log_ = nullptr;    // observer_->direct_log()
  bool runq_counter_ = false;  // observer_->wants_run_queue_counter()
  bool fifo_fast_ = false;     // fifo_hand_off() may apply: fifo policy, no step limit, run not ended
  StackPool own_stacks_;
  StackPool& stacks_;  // own_stacks_, or config_.stack_pool
  Context sched_ctx_ = nullptr;
  Goroutine* current_g_ = nullptr;
  VirtualTime now_ = 0;
  std::uint64_t steps_ = 0;
  std::uint64_t timer_seq_ = 0;
  GoroutineId main_id_ = kNoGoroutine;

  std::vector<GoroutineInfo> infos_;         // by id; [0] unused
  std::vector<Goroutine*> live_;             // by id; null once done
  std::vector<Goroutine*> free_goroutines_;  // recycled Goroutine records
  std::deque<std::unique_ptr<Goroutine[]>> goroutine_blocks_;
  std::size_t block_used_ = 0;
  RunQueue runq_;
  std::vector<Proc> procs_;
  std::uint64_t idle_ = 0;  // bit p set: processor p is idle
  TimerHeap timers_;
  std::vector<Object*> objects_;         // by id; null once destroyed
  std::vector<ObjectInfo> object_info_;  // by id; [0] unused
  ObjectId runq_object_ = kNoObject;
  std::vector<SrcLoc> srclocs_;
  std::unordered_map<const void*, SrcLocId> srcloc_ids_;
  struct InternSlot {
    const void* key = nullptr;
    SrcLocId id = 0;
  };
  static constexpr std::size_t kInternCache = 256;
  InternSlot intern_cache_[kInternCache];
  std::uint64_t decision_count_ = 0;
  std::uint64_t decision_hash_ = 0xcbf29ce484222325ULL;
  std::vector<GoroutineId> cycle_scratch_;  // check_cycle()'s first hop, reused: no allocation per park

  Outcome outcome_ = Outcome::Running;
  std::string outcome_message_;
  GoroutineId outcome_g_ = kNoGoroutine;
  SrcLocId outcome_loc_ = 0;
  std::string dump_;
  std::vector<std::string> cycles_;
  bool shutting_down_ = false;
  bool free_running_ = false;  // inside run(): goroutines may switch straight to the next one
  bool handed_back_ = false;   // the goroutine that switched back to the scheduler did its own after_switch
};

// Base of every primitive: registers with the current scheduler under a name, and can say who holds it.
class Object {
 public:
  Object(ObjectKind kind, std::string_view name, std::int64_t capacity = 0);
  virtual ~Object();
  Object(const Object&) = delete;
  Object& operator=(const Object&) = delete;
  ObjectId id() const { return id_; }
  Scheduler& scheduler() const { return *sched_; }
  // Goroutines that hold this object (a mutex's owner, an RWMutex's readers or writer). Used for the
  // wait-for graph and deadlock cycles; empty when ownership is not determinable (e.g. a channel).
  virtual void holders(std::vector<GoroutineId>& out) const { (void)out; }
  // One line describing the current state, for dumps ("locked by goroutine 3", "2/3 queued").
  virtual std::string describe() const { return {}; }

 protected:
  friend class Scheduler;  // forgets itself in objects that outlive it
  Scheduler* sched_;
  ObjectId id_;
};

// --- Free functions for code running inside a goroutine ------------------------------------------------

namespace detail {
inline Scheduler& sched(const char* what) {
  Scheduler* s = Scheduler::current();
  if (!s) throw UsageError(std::string(what) + " called outside a running Interleave scheduler");
  return *s;
}
}  // namespace detail

// Starts a new goroutine running f (Go's `go f()`); returns its id.
template <class F>
GoroutineId go(std::string name, F&& f, std::source_location loc = std::source_location::current()) {
  return detail::sched("go").go(std::move(name), std::forward<F>(f), loc);
}
// Occupies this goroutine's virtual processor for d virtual nanoseconds (computation).
inline void work(Duration d, std::source_location loc = std::source_location::current()) {
  detail::sched("work").work(d, loc);
}
// Parks this goroutine, without a processor, until the virtual clock has advanced by d.
inline void sleep(Duration d, std::source_location loc = std::source_location::current()) {
  detail::sched("sleep").sleep(d, loc);
}
// Says what this goroutine is doing from now on ("eating"; "" clears it): the views show it (labels.h).
inline void doing(std::string_view what) { detail::sched("doing").doing(what); }
// Gives up the processor; the goroutine goes to the back of the run queue (Go's runtime.Gosched()).
inline void yield(std::source_location loc = std::source_location::current()) { detail::sched("yield").yield(loc); }
inline VirtualTime now() { return detail::sched("now").now(); }
inline GoroutineId self() { return detail::sched("self").self(); }
inline Rng& rng() {
  Scheduler& s = detail::sched("rng");
  s.access(kRandLocation, true);  // one generator, shared by every goroutine: the order of draws matters
  return s.rng();
}
// Go's panic(msg): ends the run with "panic: msg" and a goroutine dump.
[[noreturn]] inline void panic(std::string msg, std::source_location loc = std::source_location::current()) {
  detail::sched("panic").raise(Outcome::Panic, std::move(msg), loc);
}

// --- Template implementation ---------------------------------------------------------------------------

template <class F>
GoroutineId Scheduler::spawn(std::string name, F&& f, GoroutineId parent, std::source_location loc, bool is_main) {
  if constexpr (std::is_function_v<std::remove_reference_t<F>>) {
    return spawn(std::move(name), &f, parent, loc, is_main);  // a plain function: run it through a pointer
  } else {
    using Fn = std::decay_t<F>;
    return spawn_erased(
        std::move(name), parent, loc, is_main, sizeof(Fn), alignof(Fn),
        [](void* where, void* src) -> void* {
          if constexpr (std::is_lvalue_reference_v<F>)
            return ::new (where) Fn(*static_cast<const Fn*>(src));
          else
            return ::new (where) Fn(std::move(*static_cast<Fn*>(src)));
        },
        [](void* p) { (*static_cast<Fn*>(p))(); }, [](void* p) { static_cast<Fn*>(p)->~Fn(); },
        const_cast<void*>(static_cast<const void*>(std::addressof(f))));
  }
}

}  // namespace interleave
