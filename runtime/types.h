// types.h — the small vocabulary every part of Interleave shares.
//
// Goroutine states and wait reasons use Go's own names (the strings a Go goroutine dump prints), so what a
// student reads in Interleave is what they will later read in a real Go crash.
#pragma once

#include <cstdint>
#include <string_view>

namespace interleave {

using GoroutineId = std::uint32_t;  // 1-based; 0 means "no goroutine"
using ObjectId = std::uint32_t;     // 1-based; 0 means "no object"
using SrcLocId = std::uint32_t;     // index into the run's source-location table; 0 means unknown
using VirtualTime = std::int64_t;   // virtual nanoseconds since the start of the run
using Duration = std::int64_t;      // virtual nanoseconds

inline constexpr GoroutineId kNoGoroutine = 0;
inline constexpr ObjectId kNoObject = 0;

namespace time_literals {
constexpr Duration operator""_ns(unsigned long long v) { return static_cast<Duration>(v); }
constexpr Duration operator""_us(unsigned long long v) { return static_cast<Duration>(v) * 1'000; }
constexpr Duration operator""_ms(unsigned long long v) { return static_cast<Duration>(v) * 1'000'000; }
constexpr Duration operator""_s(unsigned long long v) { return static_cast<Duration>(v) * 1'000'000'000; }
}  // namespace time_literals

// What a goroutine is doing right now.
enum class GState : std::uint8_t {
  Runnable,  // ready, waiting in the run queue for a processor
  Running,   // holds a virtual processor
  Blocked,   // parked on a primitive; see WaitReason and the object
  Sleeping,  // parked until the virtual clock reaches its wake-up time
  Done,      // its function returned (or the run ended around it)
};
inline constexpr int kGStateCount = 5;
std::string_view to_string(GState s);

// Why a goroutine is blocked, in Go's words.
enum class WaitReason : std::uint8_t {
  None,
  ChanSend,         // "chan send"
  ChanReceive,      // "chan receive"
  Select,           // "select"
  SelectNoCases,    // "select (no cases)"
  ChanSendNilChan,  // "chan send (nil chan)"
  ChanRecvNilChan,  // "chan receive (nil chan)"
  MutexLock,        // "sync.Mutex.Lock"
  RWMutexRLock,     // "sync.RWMutex.RLock"
  RWMutexLock,      // "sync.RWMutex.Lock"
  CondWait,         // "sync.Cond.Wait"
  WaitGroupWait,    // "sync.WaitGroup.Wait"
  Semacquire,       // "semacquire"
  Sleep,            // "sleep"
  BarrierWait,      // "sync.Barrier.Wait" (not in Go's sync package; named in the same style)
  OnceDo,           // "sync.Once.Do"
};
inline constexpr int kWaitReasonCount = 16;
std::string_view to_string(WaitReason r);

// The kinds of object a goroutine can wait on or a counter can describe.
enum class ObjectKind : std::uint8_t {
  Mutex,
  RWMutex,
  Semaphore,
  CondVar,
  Channel,
  WaitGroup,
  Barrier,
  Once,
  Processor,  // a virtual processor (P)
  RunQueue,   // the scheduler's run queue
  Variable,   // a shared variable a pattern watches (e.g. the racy counter)
};
inline constexpr int kObjectKindCount = 11;
std::string_view to_string(ObjectKind k);

}  // namespace interleave
