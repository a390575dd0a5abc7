// stack_guard.cpp — SIGSEGV on an alternate stack, recognising hits on a goroutine's guard page.
#include "runtime/stack_guard.h"

#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>

#include "runtime/scheduler.h"

namespace interleave::stack_guard {

namespace {

void write_str(const char* s) {
  ssize_t r = ::write(2, s, std::strlen(s));
  (void)r;
}

void write_num(unsigned long v) {
  char buf[24];
  int i = 23;
  buf[i] = 0;
  do {
    buf[--i] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0 && i > 0);
  write_str(buf + i);
}

struct sigaction previous_action;  // whoever handled SIGSEGV before us (a test framework, or the default)

void on_segv(int sig, siginfo_t* info, void*) {
  Scheduler* s = Scheduler::current();
  const Goroutine* g = s ? s->running() : nullptr;
  if (g) {
    auto* addr = static_cast<const std::byte*>(info->si_addr);
    const std::byte* guard_lo = g->stack.bottom - 4096 * 4;
    if (addr >= guard_lo && addr < g->stack.top()) overflow(s->info(g->id).name.c_str(), g->id);
  }
  // Not a goroutine stack overflow: hand the signal to the previous handler by restoring it; returning
  // re-executes the faulting instruction, which faults again into that handler.
  (void)sig;
  sigaction(SIGSEGV, &previous_action, nullptr);
}

}  // namespace

void overflow(const char* name, GoroutineId id) {
  write_str("runtime: goroutine stack exceeds its limit\nfatal error: stack overflow\n\ngoroutine ");
  write_num(id);
  write_str(" \"");
  write_str(name);
  write_str("\" [running]:\n\t(increase the stack size, or reduce recursion depth in this goroutine)\n");
  _exit(2);
}

void install() {
#if !defined(__SANITIZE_ADDRESS__)
  // The alternate signal stack is per thread (check --jobs runs scenarios on several threads). Someone else's
  // (a test framework's) will do as well, as long as one is set.
  stack_t current{};
  if (sigaltstack(nullptr, &current) == 0 && (current.ss_flags & SS_DISABLE)) {
    constexpr std::size_t kAltStack = 64 * 1024;
    thread_local std::unique_ptr<char[]> altstack;  // freed with the thread, after its last signal
    if (!altstack) altstack = std::make_unique<char[]>(kAltStack);
    stack_t ss{};
    ss.ss_sp = altstack.get();
    ss.ss_size = kAltStack;
    sigaltstack(&ss, nullptr);
  }
  // Checked at every Scheduler construction, since another library may have installed its own handler
  // since; ours passes on whatever is not a goroutine's overflow.
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  struct sigaction now {};
  sigaction(SIGSEGV, nullptr, &now);
  if ((now.sa_flags & SA_SIGINFO) && now.sa_sigaction == &on_segv) return;
  struct sigaction sa {};
  sa.sa_sigaction = &on_segv;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, &previous_action);
#endif
}

}  // namespace interleave::stack_guard
