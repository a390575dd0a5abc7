// errors.h — how a run ends badly, in Go's words.
//
// Go distinguishes a panic ("panic: send on closed channel", recoverable in Go, fatal here) from a fatal
// runtime error ("fatal error: sync: unlock of unlocked mutex", never recoverable). Interleave keeps the
// distinction and the exact wording. Primitives call Scheduler::raise(), which throws a RunError inside
// the goroutine; the goroutine's entry catches it, the run ends with that outcome and a goroutine dump,
// and the process carries on.
#pragma once

#include <stdexcept>
#include <string>

namespace interleave {

// Thrown inside a goroutine to end the run (panic, fatal error, invariant violation).
class RunError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Thrown into a suspended goroutine when its run is torn down, so its stack unwinds and its destructors
// run. Do not catch it (a catch (...) in a goroutine must rethrow).
struct ForcedUnwind {};

// Misuse of the runtime API from outside a run (e.g. creating a Mutex with no scheduler running).
class UsageError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// Go's exact messages.
namespace go_errors {
inline constexpr const char* kDeadlock = "all goroutines are asleep - deadlock!";
inline constexpr const char* kUnlockOfUnlockedMutex = "sync: unlock of unlocked mutex";
inline constexpr const char* kRUnlockOfUnlockedRWMutex = "sync: RUnlock of unlocked RWMutex";
inline constexpr const char* kUnlockOfUnlockedRWMutex = "sync: Unlock of unlocked RWMutex";
inline constexpr const char* kNegativeWaitGroup = "sync: negative WaitGroup counter";
inline constexpr const char* kSendOnClosed = "send on closed channel";
inline constexpr const char* kCloseOfClosed = "close of closed channel";
inline constexpr const char* kCloseOfNil = "close of nil channel";
inline constexpr const char* kStackOverflow = "stack overflow";
}  // namespace go_errors

}  // namespace interleave
