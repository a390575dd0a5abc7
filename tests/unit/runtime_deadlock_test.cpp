// runtime_deadlock_test.cpp — Go's "all goroutines are asleep" with its goroutine dump, and the wait-for
// cycles Interleave finds even while other goroutines still run.
#include <string>

#include "tests/unit/runtime_test_support.h"

using namespace interleave;
using namespace interleave::time_literals;
using interleave::testing::contains;
using interleave::testing::run_program;
using interleave::testing::starts_with;

TEST_CASE("deadlock: Go's message, then a dump of every goroutine" * doctest::timeout(10)) {
  int lock_line = 0, wait_line = 0, go_line = 0;
  auto r = run_program([&] {
    Mutex mu("accounts");
    WaitGroup wg("workers");
    wg.add(1);
    mu.lock();
    go_line = __LINE__ + 1;
    go("transfer", [&] {
      lock_line = __LINE__ + 1;
      mu.lock();
      wg.done();
    });
    wait_line = __LINE__ + 1;
    wg.wait();
  });
  CHECK(r.outcome == Outcome::Deadlock);
  CHECK(r.message == "all goroutines are asleep - deadlock!");
  const std::string file = "tests/unit/runtime_deadlock_test.cpp:";
  const std::string expected =
      "fatal error: all goroutines are asleep - deadlock!\n"
      "\n"
      "goroutine 1 \"main\" [sync.WaitGroup.Wait]:\n"
      "\twaiting on waitgroup \"workers\" (counter 1, 1 waiting)\n"
      "\t" +
      file + std::to_string(wait_line) +
      "\n"
      "\n"
      "goroutine 2 \"transfer\" [sync.Mutex.Lock]:\n"
      "\twaiting on mutex \"accounts\" (held by goroutine 1 \"main\", 1 waiting)\n"
      "\t" +
      file + std::to_string(lock_line) +
      "\n"
      "created by goroutine 1 \"main\"\n"
      "\t" +
      file + std::to_string(go_line) + "\n";
  CHECK(r.dump == expected);
}

TEST_CASE("deadlock: every wait reason appears in Go's words" * doctest::timeout(10)) {
  struct Row {
    const char* reason;
    std::function<void()> block;
  };
  // Each program's main blocks forever in a different way.
  const Row rows[] = {
      {"chan send", [] { Channel<int>(0).send(1); }},
      {"chan receive", [] { Channel<int>(0).recv(); }},
      {"select",
       [] {
         Channel<int> a(0), b(0);
         int v = 0;
         select({recv_case(a, v), recv_case(b, v)});
       }},
      {"sync.Mutex.Lock",
       [] {
         Mutex mu;
         mu.lock();
         mu.lock();
       }},
      {"sync.RWMutex.RLock",
       [] {
         RWMutex rw;
         rw.lock();
         rw.rlock();
       }},
      {"sync.RWMutex.Lock",
       [] {
         RWMutex rw;
         rw.rlock();
         rw.lock();
       }},
      {"sync.Cond.Wait",
       [] {
         Mutex mu;
         CondVar cv(mu);
         mu.lock();
         cv.wait();
       }},
      {"sync.WaitGroup.Wait",
       [] {
         WaitGroup wg;
         wg.add(1);
         wg.wait();
       }},
      {"semacquire", [] { Semaphore(0).acquire(); }},
      {"sync.Barrier.Wait", [] { Barrier(2).wait(); }},
  };
  for (const Row& row : rows) {
    CAPTURE(row.reason);
    auto r = run_program([&] { row.block(); });
    CHECK(r.outcome == Outcome::Deadlock);
    CHECK(starts_with(r.dump, "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 \"main\" [" +
                                  std::string(row.reason) + "]:\n"));
  }
}

TEST_CASE("no deadlock while a goroutine sleeps or works" * doctest::timeout(10)) {
  auto r = run_program([] {
    Channel<int> ch(0);
    go("late", [&] {
      sleep(5_ms);
      work(5_ms);
      ch.send(1);
    });
    ch.recv();
  });
  CHECK(r.outcome == Outcome::Completed);
  CHECK(r.end == 10_ms);
}

namespace {
// Two goroutines take two mutexes in opposite orders (the classic lock-ordering deadlock).
void lock_order_inversion(Mutex& first, Mutex& second, WaitGroup& wg) {
  go("ab", [&] {
    first.lock();
    sleep(1_ms);
    second.lock();
    second.unlock();
    first.unlock();
    wg.done();
  });
  go("ba", [&] {
    second.lock();
    sleep(1_ms);
    first.lock();
    first.unlock();
    second.unlock();
    wg.done();
  });
}
}  // namespace

TEST_CASE("wait-for cycles are reported even while other goroutines still run" * doctest::timeout(10)) {
  auto r = run_program(
      [] {
        Mutex a("A"), b("B");
        WaitGroup wg;
        wg.add(2);
        lock_order_inversion(a, b, wg);
        work(100_ms);  // main goes on, on its own processor: not (yet) a global deadlock
      },
      Scheduler::Config{}.with_processors(2));
  CHECK(r.outcome == Outcome::Completed);
  REQUIRE(r.cycles.size() == 1);
  CHECK(r.cycles[0] ==
        "at 1000000ns: goroutine 3 \"ba\" waits for mutex \"A\" held by goroutine 2 \"ab\"; "
        "goroutine 2 \"ab\" waits for mutex \"B\" held by goroutine 3 \"ba\"");
}

TEST_CASE("a wait-for cycle is listed in the deadlock dump, and can end the run" * doctest::timeout(10)) {
  SUBCASE("listed") {
    auto r = run_program([] {
      Mutex a("A"), b("B");
      WaitGroup wg;
      wg.add(2);
      lock_order_inversion(a, b, wg);
      wg.wait();
    });
    CHECK(r.outcome == Outcome::Deadlock);
    CHECK(contains(r.dump, "\nwait-for cycles:\n  at 1000000ns: goroutine 3 \"ba\" waits for mutex \"A\""));
  }
  SUBCASE("stop_on_cycle") {
    auto config = Scheduler::Config{}.with_processors(2);
    config.stop_on_cycle = true;
    auto r = run_program(
        [] {
          Mutex a("A"), b("B");
          WaitGroup wg;
          wg.add(2);
          lock_order_inversion(a, b, wg);
          work(100_ms);
        },
        config);
    CHECK(r.outcome == Outcome::Deadlock);
    CHECK(starts_with(r.message, "wait-for cycle: at 1000000ns: goroutine 3 \"ba\""));
    CHECK(r.culprit == 3);
    CHECK(r.end == 1_ms);
  }
}

TEST_CASE("wait-for cycles through RWMutex holders and longer chains" * doctest::timeout(10)) {
  SUBCASE("reader and writer") {
    auto r = run_program(
        [] {
          RWMutex rw("table");
          Mutex mu("log");
          WaitGroup wg;
          wg.add(2);
          go("reader", [&] {
            rw.rlock();
            sleep(1_ms);
            mu.lock();
            wg.done();
          });
          go("logger", [&] {
            mu.lock();
            sleep(1_ms);
            rw.lock();
            wg.done();
          });
          work(10_ms);
        },
        Scheduler::Config{}.with_processors(2));
    CHECK(r.outcome == Outcome::Completed);
    REQUIRE(r.cycles.size() == 1);
    CHECK(contains(r.cycles[0], "waits for rwmutex \"table\" held by goroutine 2 \"reader\""));
  }
  SUBCASE("three philosophers") {
    auto r = run_program(
        [] {
          Mutex f0("fork0"), f1("fork1"), f2("fork2");
          Mutex* forks[] = {&f0, &f1, &f2};
          for (int i = 0; i < 3; ++i)
            go("philosopher" + std::to_string(i), [&forks, i] {
              forks[i]->lock();
              sleep(1_ms);
              forks[(i + 1) % 3]->lock();
            });
          work(10_ms);
        },
        Scheduler::Config{}.with_processors(2));
    CHECK(r.outcome == Outcome::Completed);
    REQUIRE(r.cycles.size() == 1);
    for (const char* name : {"philosopher0", "philosopher1", "philosopher2"}) CHECK(contains(r.cycles[0], name));
  }
}
