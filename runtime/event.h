// event.h — the plain, fixed-size records the runtime emits as it runs, and the Observer that receives them.
//
// Every state change, object creation, counter change, wake-up, channel hand-off and scheduling decision is
// one 32-byte Event. Observers get them by const reference and must not allocate per event; the
// TraceRecorder (trace.h) is one such observer, tests attach others.
//
//   struct CountSwitches : interleave::Observer {
//     int running = 0;
//     void on_event(const interleave::Event& e) override {
//       if (e.type == interleave::EventType::State && e.state() == interleave::GState::Running) ++running;
//     }
//   };
#pragma once

#include <cstdint>

#include "runtime/chunk_log.h"
#include "runtime/types.h"

namespace interleave {

enum class EventType : std::uint8_t {
  GoCreate,   // goroutine `g` created; value = parent id, srcloc = the go statement
  State,      // goroutine `g` changed state: a = GState, b = WaitReason, object = waited-on object,
              // value = processor index when Running (-1 otherwise), srcloc = the blocking call
  ObjCreate,  // object `object` created; a = ObjectKind, value = capacity (0 if none)
  Counter,    // object's counter changed: a = CounterKind, value = new value
  Wake,       // goroutine `g` (the waker, 0 = the scheduler or a timer) woke goroutine `value`; object = via
  ChanMatch,  // a value sent by goroutine `g` was received by goroutine `value` through channel `object`
  Decision,   // the policy chose: a = DecisionKind, object = number of options, value = index chosen
  Note,       // a pattern-level marker: value = a pattern-defined code, object = optional object;
              // b = kLabelNote (labels.h) or kAccessNote (below) for the runtime's own notes
  RunEnd,     // the run ended: a = Outcome, g = goroutine responsible (if any)
};

enum class CounterKind : std::uint8_t {
  Length,   // items queued in a channel buffer; length of the run queue
  Value,    // semaphore count, WaitGroup counter, a watched variable's value
  Waiters,  // goroutines parked on the object
  Holders,  // mutex held (0/1); readers holding an RWMutex
};
inline constexpr int kCounterKindCount = 4;

enum class DecisionKind : std::uint8_t {
  PickGoroutine,   // which runnable goroutine runs next
  PickProcessor,   // which idle processor it runs on
  PickWaiter,      // which waiter a wake-one wakes (when wake order is not FIFO)
  PickSelectCase,  // which ready select case is taken
  Preempt,         // whether a goroutine whose quantum expired is preempted (1) or keeps going (0)
  SpuriousWake,    // whether a condition-variable wait returns spuriously (1) or really waits (0)
};
inline constexpr int kDecisionKindCount = 6;

enum class Outcome : std::uint8_t {
  Running,             // not finished yet
  Completed,           // the main goroutine returned
  Deadlock,            // all goroutines are asleep
  Panic,               // a goroutine panicked (Go's panic(...), or a C++ exception)
  Fatal,               // unrecoverable runtime misuse (Go's "fatal error: ...")
  InvariantViolation,  // a pattern's invariant failed
  StepLimit,           // stopped at the configured maximum number of steps
  TimeLimit,           // stopped at the configured maximum virtual time
  ReplayDivergence,    // a replayed decision list did not fit the run
  Stopped,             // stopped from outside (the GUI)
};
inline constexpr int kOutcomeCount = 10;

// Event::b of a Note that says the running goroutine touched object `object` (when no other event says so),
// or, with no object, the memory location `value` (an atomic's address, or kOutputLocation for the program's
// output); a = 1 for a write, 0 for a read. The explorer's partial-order reduction reads these (with the objects of the
// other events).
inline constexpr std::uint8_t kAccessNote = 2;
inline constexpr std::int64_t kOutputLocation = 1;
inline constexpr std::int64_t kRandLocation = 2;  // the run's shared random generator (each draw writes it)

struct Event {
  VirtualTime time = 0;
  std::int64_t value = 0;
  GoroutineId g = kNoGoroutine;
  ObjectId object = kNoObject;
  SrcLocId srcloc = 0;
  EventType type = EventType::Note;
  std::uint8_t a = 0;
  std::uint8_t b = 0;
  std::uint8_t reserved = 0;

  GState state() const { return static_cast<GState>(a); }
  WaitReason reason() const { return static_cast<WaitReason>(b); }
  ObjectKind object_kind() const { return static_cast<ObjectKind>(a); }
  CounterKind counter() const { return static_cast<CounterKind>(a); }
  DecisionKind decision() const { return static_cast<DecisionKind>(a); }
  Outcome outcome() const { return static_cast<Outcome>(a); }
};
static_assert(sizeof(Event) == 32, "events are 32-byte plain records");

using EventLog = ChunkLog<Event, 16>;  // 64 Ki events (2 MiB) per chunk

// True for the kinds of event that happen at every switch, wake-up or hand-off (see Observer::direct_log()).
constexpr bool is_common_event(EventType t) {
  return t == EventType::State || t == EventType::Counter || t == EventType::Wake || t == EventType::ChanMatch ||
         t == EventType::Decision || t == EventType::Note;
}

// Receives every event of a run, in order. Must not allocate per event.
class Observer {
 public:
  virtual ~Observer() = default;
  virtual void on_event(const Event& e) = 0;
  // An observer that does nothing with the common events but append them to a log may hand the scheduler
  // that log: the common events (is_common_event) are then appended to it directly, without a call per
  // event, and only the rest (creations, the end of the run) come through on_event(). Asked once, when the
  // observer is set.
  virtual EventLog* direct_log() { return nullptr; }
  // The scheduler's table of source locations grew (a recorder copies the new entries).
  virtual void on_new_srcloc() {}
  // Whether to receive the run queue's length as Counter events at every change: two per switch. A
  // recorder can derive it from the state changes instead (RunnableCount, trace.h) and say no.
  virtual bool wants_run_queue_counter() const { return true; }
};

std::string_view to_string(EventType t);
std::string_view to_string(CounterKind k);
std::string_view to_string(DecisionKind k);
std::string_view to_string(Outcome o);

}  // namespace interleave
