// stack_guard.cpp — SIGSEGV on an alternate stack, recognising hits on a goroutine's guard page.
#include "runtime/stack_guard.h"

#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
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

void on_segv(int sig, siginfo_t* info, void*) {
  Scheduler* s = Scheduler::current();
  const Goroutine* g = s ? s->running() : nullptr;
  if (g) {
    auto* addr = static_cast<const std::byte*>(info->si_addr);
    const std::byte* guard_lo = g->stack.bottom - 4096 * 4;
    if (addr >= guard_lo && addr < g->stack.top()) overflow(s->info(g->id).name.c_str(), g->id);
  }
  // Not a goroutine stack overflow: let the default action happen.
  signal(sig, SIG_DFL);
  raise(sig);
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
  // The alternate signal stack is per thread (check --jobs runs scenarios on several threads).
  thread_local bool have_altstack = false;
  if (!have_altstack) {
    have_altstack = true;
    constexpr std::size_t kAltStack = 64 * 1024;
    stack_t ss{};
    ss.ss_sp = new char[kAltStack];  // lives as long as the thread; signal stacks cannot be freed safely
    ss.ss_size = kAltStack;
    sigaltstack(&ss, nullptr);
  }
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction sa {};
    sa.sa_sigaction = &on_segv;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, nullptr);
  });
#endif
}

}  // namespace interleave::stack_guard
