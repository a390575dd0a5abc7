// names.cpp — the words the runtime's enums are shown with: goroutine states, wait reasons (Go's own),
// object kinds, event types, counters, decisions and outcomes.
#include <string_view>

#include "runtime/event.h"
#include "runtime/types.h"

namespace interleave {

std::string_view to_string(GState s) {
  switch (s) {
    case GState::Runnable: return "runnable";
    case GState::Running: return "running";
    case GState::Blocked: return "blocked";
    case GState::Sleeping: return "sleeping";
    case GState::Done: return "done";
  }
  return "?";
}

std::string_view to_string(WaitReason r) {
  switch (r) {
    case WaitReason::None: return "";
    case WaitReason::ChanSend: return "chan send";
    case WaitReason::ChanReceive: return "chan receive";
    case WaitReason::Select: return "select";
    case WaitReason::SelectNoCases: return "select (no cases)";
    case WaitReason::ChanSendNilChan: return "chan send (nil chan)";
    case WaitReason::ChanRecvNilChan: return "chan receive (nil chan)";
    case WaitReason::MutexLock: return "sync.Mutex.Lock";
    case WaitReason::RWMutexRLock: return "sync.RWMutex.RLock";
    case WaitReason::RWMutexLock: return "sync.RWMutex.Lock";
    case WaitReason::CondWait: return "sync.Cond.Wait";
    case WaitReason::WaitGroupWait: return "sync.WaitGroup.Wait";
    case WaitReason::Semacquire: return "semacquire";
    case WaitReason::Sleep: return "sleep";
    case WaitReason::BarrierWait: return "sync.Barrier.Wait";
    case WaitReason::OnceDo: return "sync.Once.Do";
  }
  return "?";
}

std::string_view to_string(ObjectKind k) {
  switch (k) {
    case ObjectKind::Mutex: return "mutex";
    case ObjectKind::RWMutex: return "rwmutex";
    case ObjectKind::Semaphore: return "semaphore";
    case ObjectKind::CondVar: return "cond";
    case ObjectKind::Channel: return "chan";
    case ObjectKind::WaitGroup: return "waitgroup";
    case ObjectKind::Barrier: return "barrier";
    case ObjectKind::Once: return "once";
    case ObjectKind::Processor: return "processor";
    case ObjectKind::RunQueue: return "runqueue";
    case ObjectKind::Variable: return "variable";
  }
  return "?";
}

std::string_view to_string(EventType t) {
  switch (t) {
    case EventType::GoCreate: return "go";
    case EventType::State: return "state";
    case EventType::ObjCreate: return "object";
    case EventType::Counter: return "counter";
    case EventType::Wake: return "wake";
    case EventType::ChanMatch: return "match";
    case EventType::Decision: return "decision";
    case EventType::Note: return "note";
    case EventType::RunEnd: return "end";
  }
  return "?";
}

std::string_view to_string(CounterKind k) {
  switch (k) {
    case CounterKind::Length: return "length";
    case CounterKind::Value: return "value";
    case CounterKind::Waiters: return "waiters";
    case CounterKind::Holders: return "holders";
  }
  return "?";
}

std::string_view to_string(DecisionKind k) {
  switch (k) {
    case DecisionKind::PickGoroutine: return "pick-goroutine";
    case DecisionKind::PickProcessor: return "pick-processor";
    case DecisionKind::PickWaiter: return "pick-waiter";
    case DecisionKind::PickSelectCase: return "pick-select-case";
    case DecisionKind::Preempt: return "preempt";
    case DecisionKind::SpuriousWake: return "spurious-wake";
  }
  return "?";
}

std::string_view to_string(Outcome o) {
  switch (o) {
    case Outcome::Running: return "running";
    case Outcome::Completed: return "completed";
    case Outcome::Deadlock: return "deadlock";
    case Outcome::Panic: return "panic";
    case Outcome::Fatal: return "fatal error";
    case Outcome::InvariantViolation: return "invariant violation";
    case Outcome::StepLimit: return "step limit";
    case Outcome::TimeLimit: return "time limit";
    case Outcome::ReplayDivergence: return "replay divergence";
    case Outcome::Stopped: return "stopped";
  }
  return "?";
}

}  // namespace interleave
