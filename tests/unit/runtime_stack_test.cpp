// runtime_stack_test.cpp — a goroutine's stack overflow ends the process with Go's "fatal error: stack
// overflow" and exit status 2, never a bare SIGSEGV. Each case forks: the child overflows, the parent checks
// its exit status and what it wrote to stderr. Skipped under AddressSanitizer, which reports overflows
// itself.
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <string>

#include "tests/unit/runtime_test_support.h"

using namespace interleave;
using interleave::testing::contains;

#if !defined(__SANITIZE_ADDRESS__)

namespace {

struct ChildResult {
  int exit_status = -1;  // -1: did not exit normally (killed by a signal)
  int signal = 0;
  std::string stderr_text;
};

// Runs `child` in a forked process with stderr captured; the child's own exit code is 0 if it returns.
template <class F>
ChildResult in_child(F&& child) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    dup2(fds[1], 2);
    child();
    _exit(0);
  }
  close(fds[1]);
  ChildResult r;
  char buf[4096];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) r.stderr_text.append(buf, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  if (WIFEXITED(status)) r.exit_status = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  return r;
}

// Recurses until the frame is `below` bytes under the bottom of the goroutine's stack, writing every frame.
__attribute__((noinline)) int recurse(const std::byte* bottom, std::ptrdiff_t below, int depth) {
  volatile char frame[256];
  std::memset(const_cast<char*>(frame), depth & 0x7f, sizeof frame);
  auto here = reinterpret_cast<std::intptr_t>(const_cast<char*>(&frame[0]));
  if (here < reinterpret_cast<std::intptr_t>(bottom) - below) return frame[7];
  return recurse(bottom, below, depth + 1) + frame[depth % 256];
}

}  // namespace

TEST_CASE("stack overflow: a guard-page hit prints Go's fatal error and exits 2" * doctest::timeout(30)) {
  ChildResult r = in_child([] {
    Scheduler s;
    s.run_main("main", [] {
      go("deep", [] { recurse(nullptr, 0, 0); });  // unbounded: runs into the guard page
      yield();
    });
  });
  CHECK(r.signal == 0);
  CHECK(r.exit_status == 2);
  CHECK(contains(r.stderr_text, "fatal error: stack overflow"));
  CHECK(contains(r.stderr_text, "goroutine 2 \"deep\""));
}

TEST_CASE("stack overflow: without a guard page, the sentinel is found at the next switch" * doctest::timeout(30)) {
  ChildResult r = in_child([] {
    Scheduler::Config config;
    config.guarded_stacks = 0;
    Scheduler s(config);
    s.run_main("main", [] {
      go("shallow-overflow", [] {
        // A little past the bottom (into the unused page below the stack), then back and switch away.
        recurse(Scheduler::current()->running()->stack.bottom, 1024, 0);
        yield();
      });
      yield();
      yield();
    });
  });
  CHECK(r.signal == 0);
  CHECK(r.exit_status == 2);
  CHECK(contains(r.stderr_text, "fatal error: stack overflow"));
  CHECK(contains(r.stderr_text, "goroutine 2 \"shallow-overflow\""));
}

TEST_CASE("deep but bounded recursion within the stack is fine" * doctest::timeout(30)) {
  Scheduler s;
  int result = -1;
  s.run_main("main", [&] {
    // Stop half-way down the stack.
    const Stack& st = Scheduler::current()->running()->stack;
    result = recurse(st.bottom, -static_cast<std::ptrdiff_t>(st.size / 2), 0) >= 0 ? 1 : 0;
    yield();
  });
  CHECK(s.outcome() == Outcome::Completed);
  CHECK(result == 1);
}

namespace {
bool page_resident(const void* page) {
  unsigned char vec = 0;
  REQUIRE(mincore(const_cast<void*>(page), static_cast<std::size_t>(sysconf(_SC_PAGESIZE)), &vec) == 0);
  return (vec & 1) != 0;
}
}  // namespace

TEST_CASE("an unguarded goroutine pays for its sentinel's page only once it has gone deep" * doctest::timeout(30)) {
  Scheduler::Config config;
  config.guarded_stacks = 0;
  Scheduler s(config);
  s.run_main("main", [&] {
    WaitGroup gate("gate");
    gate.add(1);
    GoroutineId shallow = go("shallow", [&] { gate.wait(); });
    GoroutineId deep = go("deep", [&] {
      const Stack& st = Scheduler::current()->running()->stack;
      (void)recurse(st.bottom, -static_cast<std::ptrdiff_t>(st.size / 8), 0);  // down to 1/8 above the bottom
      gate.wait();
    });
    yield();  // both run and park
    const Goroutine* gs = s.goroutine(shallow);
    const Goroutine* gd = s.goroutine(deep);
    REQUIRE(gs != nullptr);
    REQUIRE(gd != nullptr);
    CHECK_FALSE(gs->stack.guarded);
    CHECK_FALSE(page_resident(gs->stack.bottom));  // never read: the tripwire is intact
    CHECK(page_resident(gd->stack.bottom));        // went deep: its sentinel is checked at every switch
    gate.done();
  });
  CHECK(s.outcome() == Outcome::Completed);
}

#endif  // !__SANITIZE_ADDRESS__
