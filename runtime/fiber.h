// fiber.h — the one place where execution really switches from one stack to another.
//
// A Stack is a piece of memory a goroutine runs on; a Context is the saved position (stack pointer and
// callee-saved registers) of a suspended execution. switch_to() (fiber_switch.h) suspends the caller and
// resumes `to`. Boost.Context (its fcontext assembly) does the switch; this header hides it, so that only
// fiber_switch.h includes Boost.Context, and the AddressSanitizer fiber annotations sit right next to it.
//
// Stacks come from a StackPool: big slabs carved into equal stacks, reused after a goroutine finishes.
// Overflow protection:
//   - a PROT_NONE guard page below each of the first `guarded_stacks` stacks (each guard costs two kernel
//     memory mappings, and Linux allows ~65k, so guards cannot scale to a million goroutines);
//   - for every other stack, a sentinel region at the bottom; any write into it means the stack overflowed.
//     It is never written, but reading it makes its page resident (this kernel counts even a read-only
//     zero page). So a tripwire word sits at the lowest address of the top page, which every goroutine
//     touches anyway: while it is intact, the goroutine has never gone below its first page and cannot have
//     reached the sentinel. Only goroutines that went deeper pay for reading the sentinel.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace interleave {

struct Stack {
  std::byte* bottom = nullptr;  // lowest usable address (just above the guard page, if any)
  std::size_t size = 0;         // usable bytes
  bool guarded = false;
  std::byte* top() const { return bottom + size; }
};

using Context = void*;  // a suspended execution; null means "none"

struct Transfer {
  Context from;  // the context that switched to us (now suspended)
  void* data;
};

using ContextEntry = void (*)(Transfer);

// Prepares `stack` to start running `entry` on the first switch to it. `reserve` bytes at the top of the
// stack are left free for the caller (it stores the goroutine's function there).
Context make_context(const Stack& stack, std::size_t reserve, ContextEntry entry);

// switch_to(), the switch itself, is in fiber_switch.h: only the code that switches includes it.

// Must be the first call in every ContextEntry (it completes the switch for AddressSanitizer).
void on_context_start();

// True if the sentinel at the bottom of `stack` has been written over.
bool sentinel_damaged(const Stack& stack);

// Sets the tripwire of an unguarded stack about to be used (see above); checks it.
void arm_tripwire(const Stack& stack);
bool tripwire_intact(const Stack& stack);

class StackPool {
 public:
  struct Config {
    std::size_t stack_size = 64 * 1024;  // usable bytes per stack, rounded up to whole pages
    std::size_t guarded_stacks = 8192;   // how many stacks get a guard page
    std::size_t slab_stacks = 64;        // stacks per mmap
  };
  explicit StackPool(Config config);
  StackPool() : StackPool(Config{}) {}
  ~StackPool();
  StackPool(const StackPool&) = delete;
  StackPool& operator=(const StackPool&) = delete;

  Stack acquire();
  void release(const Stack& s);  // back on the free list; memory stays mapped for reuse
  std::size_t stack_size() const { return usable_; }
  std::size_t live() const { return live_; }

  // True if `addr` is inside one of this pool's guard pages.
  bool in_guard_page(const void* addr) const;

 private:
  void add_slab();
  std::size_t usable_;
  std::size_t stride_;
  Config config_;
  std::size_t guards_made_ = 0;
  std::size_t live_ = 0;
  struct Slab {
    std::byte* base;
    std::size_t bytes;
  };
  std::vector<Slab> slabs_;
  std::vector<Stack> free_;
};

// The size of the sentinel region at the bottom of every stack.
inline constexpr std::size_t kSentinelBytes = 64;

}  // namespace interleave
