// fiber.cpp — new contexts (Boost.Context fcontext), the switch's AddressSanitizer annotations, and stack
// memory.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

#include "runtime/fiber_switch.h"

#if INTERLEAVE_ASAN
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif

#if INTERLEAVE_OWN_JUMP
// interleave_jump(to, data) -> {from, data}: Boost.Context 1.74's jump_fcontext for x86-64 System V
// (jump_x86_64_sysv_elf_gas.S) without the stmxcsr/fnstcw/ldmxcsr/fldcw pairs; see fiber_switch.h. The frame
// keeps Boost's layout (0x00: the control words' slot, unused here; 0x08..0x30: r12-r15, rbx, rbp; 0x38: the
// return address), so contexts made by make_fcontext start through it unchanged.
asm(R"(
    .pushsection .text
    .globl interleave_jump
    .type interleave_jump, @function
    .align 16
interleave_jump:
    leaq  -0x38(%rsp), %rsp
    movq  %r12, 0x8(%rsp)
    movq  %r13, 0x10(%rsp)
    movq  %r14, 0x18(%rsp)
    movq  %r15, 0x20(%rsp)
    movq  %rbx, 0x28(%rsp)
    movq  %rbp, 0x30(%rsp)
    movq  %rsp, %rax
    movq  %rdi, %rsp
    movq  0x38(%rsp), %r8
    movq  0x8(%rsp), %r12
    movq  0x10(%rsp), %r13
    movq  0x18(%rsp), %r14
    movq  0x20(%rsp), %r15
    movq  0x28(%rsp), %rbx
    movq  0x30(%rsp), %rbp
    leaq  0x40(%rsp), %rsp
    movq  %rsi, %rdx
    movq  %rax, %rdi
    jmp   *%r8
    .size interleave_jump, .-interleave_jump
    .popsection
)");
#endif

namespace interleave {

namespace ctx = boost::context::detail;

Context make_context(const Stack& stack, std::size_t reserve, ContextEntry entry) {
  // fcontext wants the top of the stack and the usable size below it.
  auto top = reinterpret_cast<std::uintptr_t>(stack.top()) - reserve;
  top &= ~static_cast<std::uintptr_t>(63);
  std::size_t size = top - reinterpret_cast<std::uintptr_t>(stack.bottom);
  // Transfer and fcontext's transfer_t are the same two pointers; the entry can take either.
  static_assert(sizeof(Transfer) == sizeof(ctx::transfer_t));
  auto fn = reinterpret_cast<void (*)(ctx::transfer_t)>(reinterpret_cast<void (*)()>(entry));
  return ctx::make_fcontext(reinterpret_cast<void*>(top), size, fn);
}

#if INTERLEAVE_ASAN
namespace {
// The scheduler's own (thread) stack, learned on the first switch back to it.
thread_local const void* main_stack_bottom = nullptr;
thread_local std::size_t main_stack_size = 0;
}  // namespace
#endif

#if INTERLEAVE_ASAN
Transfer switch_to(Context to, void* data, const Stack* to_stack, bool exiting) {
  void* fake_stack = nullptr;
  const void* bottom = to_stack ? to_stack->bottom : main_stack_bottom;
  std::size_t size = to_stack ? to_stack->size : main_stack_size;
  __sanitizer_start_switch_fiber(exiting ? nullptr : &fake_stack, bottom, size);
  ctx::transfer_t t = ctx::jump_fcontext(static_cast<ctx::fcontext_t>(to), data);
  const void* old_bottom = nullptr;
  std::size_t old_size = 0;
  __sanitizer_finish_switch_fiber(fake_stack, &old_bottom, &old_size);
  return Transfer{t.fctx, t.data};
}
#endif

void on_context_start() {
#if INTERLEAVE_ASAN
  // A new context is always started from the scheduler's thread stack: remember its bounds so later
  // switches back to it can be announced to ASan.
  const void* old_bottom = nullptr;
  std::size_t old_size = 0;
  __sanitizer_finish_switch_fiber(nullptr, &old_bottom, &old_size);
  if (main_stack_bottom == nullptr) {
    main_stack_bottom = old_bottom;
    main_stack_size = old_size;
  }
#endif
}

bool sentinel_damaged(const Stack& stack) {
  // Read as words; the region is zero unless something wrote into it.
  const auto* w = reinterpret_cast<const std::uint64_t*>(stack.bottom);
  std::uint64_t acc = 0;
  for (std::size_t i = 0; i < kSentinelBytes / sizeof(std::uint64_t); ++i) acc |= w[i];
  return acc != 0;
}

namespace {
std::size_t page_size();
std::uint64_t* tripwire_of(const Stack& stack) {
  return reinterpret_cast<std::uint64_t*>(stack.top() - page_size());  // the top page's lowest word
}
std::uint64_t tripwire_value(const std::uint64_t* at) {
  return 0x7219'3a5e'd0c1'6b4dULL ^ reinterpret_cast<std::uintptr_t>(at);
}
}  // namespace

void arm_tripwire(const Stack& stack) {
  std::uint64_t* at = tripwire_of(stack);
  *at = tripwire_value(at);
}

// The tripwire is a word of the goroutine's own stack that its frames may have grown over (that is what it
// detects): under AddressSanitizer that word can lie in a frame's redzone, which is no error here.
[[gnu::no_sanitize_address]] bool tripwire_intact(const Stack& stack) {
  const std::uint64_t* at = tripwire_of(stack);
  return *at == tripwire_value(at);
}

namespace {
std::size_t page_size() {
  static const std::size_t p = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  return p;
}
std::size_t round_up(std::size_t n, std::size_t to) { return (n + to - 1) / to * to; }
}  // namespace

StackPool::StackPool(Config config) : config_(config) {
  usable_ = round_up(config.stack_size < 2 * page_size() ? 2 * page_size() : config.stack_size, page_size());
  stride_ = usable_ + page_size();  // one page below each stack: a guard page, or plain memory
  if (config_.slab_stacks == 0) config_.slab_stacks = 1;
}

StackPool::~StackPool() {
  for (const Slab& s : slabs_) munmap(s.base, s.bytes);
}

void StackPool::add_slab() {
  std::size_t bytes = stride_ * config_.slab_stacks;
  void* mem = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (mem == MAP_FAILED) throw std::bad_alloc();
  auto* base = static_cast<std::byte*>(mem);
  slabs_.push_back({base, bytes});
  // Hand out stacks from the top of the slab down, so free_.back() is the lowest.
  for (std::size_t i = config_.slab_stacks; i-- > 0;) {
    std::byte* lo = base + i * stride_;
    Stack s;
    s.bottom = lo + page_size();
    s.size = usable_;
    if (guards_made_ < config_.guarded_stacks && mprotect(lo, page_size(), PROT_NONE) == 0) {
      s.guarded = true;
      ++guards_made_;
    }
    free_.push_back(s);
  }
}

Stack StackPool::acquire() {
  if (free_.empty()) add_slab();
  Stack s = free_.back();
  free_.pop_back();
  ++live_;
#if INTERLEAVE_ASAN
  // The stack's previous goroutine left by switching away from its entry frame, which so never returned:
  // ASan still has that frame's redzones poisoned. Clear them, or the next goroutine trips over them.
  __asan_unpoison_memory_region(s.bottom, s.size);
#endif
  return s;
}

void StackPool::release(const Stack& s) {
  --live_;
  free_.push_back(s);
}

bool StackPool::in_guard_page(const void* addr) const {
  auto* p = static_cast<const std::byte*>(addr);
  for (const Slab& s : slabs_) {
    if (p < s.base || p >= s.base + s.bytes) continue;
    std::size_t off = static_cast<std::size_t>(p - s.base) % stride_;
    return off < page_size();
  }
  return false;
}

}  // namespace interleave
