// runtime_scheduler_test.cpp — goroutines, virtual time, processors, sleep, yield, preemption, panics and
// tearing a run down.
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/unit/runtime_test_support.h"

using namespace interleave;
using namespace interleave::time_literals;
using interleave::testing::contains;
using interleave::testing::EventCollector;
using interleave::testing::run_program;
using interleave::testing::starts_with;

TEST_CASE("P virtual processors run work() in parallel in virtual time" * doctest::timeout(10)) {
  struct Row {
    int processors;
    VirtualTime expected_end;
  };
  // 4 workers each doing 10 ms of work.
  for (Row row : {Row{1, 40_ms}, Row{2, 20_ms}, Row{3, 20_ms}, Row{4, 10_ms}, Row{8, 10_ms}}) {
    CAPTURE(row.processors);
    std::vector<VirtualTime> finished;
    auto r = run_program(
        [&] {
          WaitGroup wg("workers");
          wg.add(4);
          for (int i = 0; i < 4; ++i)
            go("worker", [&] {
              work(10_ms);
              finished.push_back(now());
              wg.done();
            });
          wg.wait();
        },
        Scheduler::Config{}.with_processors(row.processors));
    CHECK(r.outcome == Outcome::Completed);
    CHECK(r.end == row.expected_end);
    REQUIRE(finished.size() == 4);
    CHECK(finished.back() == row.expected_end);
  }
}

TEST_CASE("Running events name the processor and never exceed P at once" * doctest::timeout(10)) {
  for (int p : {1, 2, 4}) {
    CAPTURE(p);
    Scheduler s(Scheduler::Config{}.with_processors(p));
    EventCollector log;
    s.set_observer(&log);
    s.run_main("main", [] {
      WaitGroup wg;
      wg.add(6);
      for (int i = 0; i < 6; ++i)
        go("w", [&] {
          work(1_ms);
          wg.done();
        });
      wg.wait();
    });
    REQUIRE(s.outcome() == Outcome::Completed);
    std::vector<int> running_on(s.goroutine_count() + 1, -1);
    int max_running = 0;
    std::vector<bool> proc_used(static_cast<std::size_t>(p), false);
    for (const Event& e : log.of_type(EventType::State)) {
      if (e.state() == GState::Running && e.value >= 0) {
        REQUIRE(e.value < p);
        proc_used[static_cast<std::size_t>(e.value)] = true;
        running_on[e.g] = static_cast<int>(e.value);
      } else if (e.state() != GState::Running) {
        running_on[e.g] = -1;
      }
      int n = 0;
      for (int x : running_on) n += x >= 0;
      max_running = std::max(max_running, n);
    }
    CHECK(max_running == p);
    for (bool used : proc_used) CHECK(used);
  }
}

TEST_CASE("a processor outside work() is not held across a sleep" * doctest::timeout(10)) {
  // On one processor, a sleeping goroutine does not stop another from working meanwhile.
  VirtualTime sleeper_woke = -1, worker_done = -1;
  auto r = run_program([&] {
    WaitGroup wg;
    wg.add(2);
    go("sleeper", [&] {
      sleep(10_ms);
      sleeper_woke = now();
      wg.done();
    });
    go("worker", [&] {
      work(10_ms);
      worker_done = now();
      wg.done();
    });
    wg.wait();
  });
  CHECK(r.outcome == Outcome::Completed);
  CHECK(sleeper_woke == 10_ms);
  CHECK(worker_done == 10_ms);
  CHECK(r.end == 10_ms);
}

TEST_CASE("sleep wakes goroutines in virtual-time order; sleep(0) and work(0) return at once" * doctest::timeout(10)) {
  std::vector<std::string> order;
  auto r = run_program([&] {
    WaitGroup wg;
    for (int ms : {30, 10, 20}) {
      wg.add(1);
      go("s" + std::to_string(ms), [&, ms] {
        sleep(ms * 1_ms);
        order.push_back(std::to_string(ms) + "@" + std::to_string(now() / 1_ms));
        wg.done();
      });
    }
    interleave::sleep(0);
    work(0);
    CHECK(now() == 0);
    wg.wait();
  });
  CHECK(r.outcome == Outcome::Completed);
  CHECK(order == std::vector<std::string>{"10@10", "20@20", "30@30"});
}

TEST_CASE("yield sends the goroutine to the back of the run queue" * doctest::timeout(10)) {
  CHECK(interleave::testing::letters_run(nullptr) == "abcabcabc");
}

TEST_CASE("quantum preemption time-slices work() on a busy processor" * doctest::timeout(10)) {
  struct Row {
    Duration quantum;
    VirtualTime a_done, b_done;
  };
  // Two goroutines of 10 ms each on one processor: run to completion, or alternate in 1 ms slices.
  for (Row row : {Row{0, 10_ms, 20_ms}, Row{1_ms, 19_ms, 20_ms}, Row{4_ms, 18_ms, 20_ms}, Row{20_ms, 10_ms, 20_ms}}) {
    CAPTURE(row.quantum);
    VirtualTime a = -1, b = -1;
    auto r = run_program(
        [&] {
          WaitGroup wg;
          wg.add(2);
          go("a", [&] {
            work(10_ms);
            a = now();
            wg.done();
          });
          go("b", [&] {
            work(10_ms);
            b = now();
            wg.done();
          });
          wg.wait();
        },
        Scheduler::Config{}.with_quantum(row.quantum));
    CHECK(r.outcome == Outcome::Completed);
    CHECK(a == row.a_done);
    CHECK(b == row.b_done);
    bool any_preempt = false;
    for (const Decision& d : r.decisions) any_preempt |= d.kind == DecisionKind::Preempt;
    CHECK(any_preempt == (row.quantum > 0 && row.quantum < 10_ms));
  }
}

TEST_CASE("a quantum does not preempt a goroutine nobody is waiting for" * doctest::timeout(10)) {
  auto r = run_program([] { work(10_ms); }, Scheduler::Config{}.with_quantum(1_ms));
  CHECK(r.outcome == Outcome::Completed);
  CHECK(r.end == 10_ms);
  for (const Decision& d : r.decisions) CHECK(d.kind != DecisionKind::Preempt);
}

TEST_CASE("goroutines have ids, names and parents" * doctest::timeout(10)) {
  Scheduler s;
  GoroutineId child = 0, grandchild = 0;
  s.run_main("main", [&] {
    CHECK(self() == 1);
    WaitGroup wg;
    wg.add(1);
    child = go("child", [&] { grandchild = go("grandchild", [&] { wg.done(); }); });
    wg.wait();
  });
  CHECK(s.outcome() == Outcome::Completed);
  CHECK(child == 2);
  CHECK(grandchild == 3);
  CHECK(s.goroutine_count() == 3);
  CHECK(s.info(1).name == "main");
  CHECK(s.info(1).parent == kNoGoroutine);
  CHECK(s.info(child).name == "child");
  CHECK(s.info(child).parent == 1);
  CHECK(s.info(grandchild).parent == child);
  CHECK(s.goroutine(child) == nullptr);  // done goroutines are released
}

TEST_CASE("the run completes when main returns, even with goroutines still blocked" * doctest::timeout(10)) {
  int destroyed = 0;
  struct Probe {
    int* n;
    ~Probe() { ++*n; }
  };
  auto r = run_program([&] {
    auto ch = std::make_shared<Channel<int>>(0, "never");
    go("stuck", [&destroyed, ch] {
      Probe p{&destroyed};
      ch->recv();
    });
    yield();
  });
  CHECK(r.outcome == Outcome::Completed);
  CHECK(r.dump.empty());
  CHECK(destroyed == 1);  // the blocked goroutine was unwound
}

TEST_CASE("a C++ exception in a goroutine ends the run as a panic, without aborting" * doctest::timeout(10)) {
  SUBCASE("in a child goroutine") {
    auto r = run_program([] {
      go("thrower", [] { throw std::runtime_error("boom"); });
      sleep(1_ms);
    });
    CHECK(r.outcome == Outcome::Panic);
    CHECK(r.message == "boom");
    CHECK(r.culprit == 2);
    CHECK(starts_with(r.dump, "panic: boom\n"));
    CHECK(contains(r.dump, "goroutine 2 \"thrower\" [running]:"));
  }
  SUBCASE("in main, with a non-standard exception") {
    auto r = run_program([] { throw 42; });
    CHECK(r.outcome == Outcome::Panic);
    CHECK(r.message == "unknown C++ exception");
    CHECK(r.culprit == 1);
  }
  SUBCASE("interleave::panic") {
    int line = 0;
    auto r = run_program([&] {
      line = __LINE__ + 1;
      panic("oops");
    });
    CHECK(r.outcome == Outcome::Panic);
    CHECK(r.message == "oops");
    CHECK(r.culprit_line == static_cast<std::uint32_t>(line));
    CHECK(contains(r.dump, "runtime_scheduler_test.cpp:" + std::to_string(line)));
  }
}

TEST_CASE("destroying a Scheduler mid-run unwinds every goroutine" * doctest::timeout(10)) {
  int destroyed = 0;
  struct Probe {
    int* n;
    ~Probe() { ++*n; }
  };
  {
    Scheduler s;  // one processor: "working" holds it, so "never-started" stays in the run queue
    s.start_main("main", [&] {
      Probe p{&destroyed};
      Mutex mu("mu");
      Channel<int> ch(0, "ch");
      WaitGroup wg("wg");
      mu.lock();
      go("on-mutex", [&] {
        Probe q{&destroyed};
        LockGuard g(mu);
      });
      go("on-chan", [&] {
        Probe q{&destroyed};
        ch.recv();
      });
      go("on-wg", [&] {
        Probe q{&destroyed};
        wg.add(1);
        wg.wait();
      });
      go("working", [&] {
        Probe q{&destroyed};
        work(1'000_ms);
      });
      go("never-started", [q = std::shared_ptr<Probe>(new Probe{&destroyed})] {});
      sleep(1'000_ms);
    });
    // Step until main sleeps and the others are parked, well before the clock reaches 1 s.
    while (!(s.runnable_count() == 1 && s.goroutine_count() == 6)) REQUIRE(s.step() == StepResult::Progress);
    CHECK(s.now() == 0);
    CHECK(s.outcome() == Outcome::Running);
    CHECK(s.goroutine(1)->state == GState::Sleeping);
    CHECK(s.goroutine(2)->reason == WaitReason::MutexLock);
    CHECK(s.goroutine(3)->reason == WaitReason::ChanReceive);
    CHECK(s.goroutine(4)->reason == WaitReason::WaitGroupWait);
    CHECK(s.goroutine(5)->state == GState::Running);
    CHECK(s.goroutine(6)->state == GState::Runnable);
    CHECK(destroyed == 0);
  }
  CHECK(destroyed == 6);
}

TEST_CASE("stop() ends a run from outside and unwinds it" * doctest::timeout(10)) {
  int destroyed = 0;
  struct Probe {
    int* n;
    ~Probe() { ++*n; }
  };
  Scheduler s;
  s.start_main("main", [&] {
    Probe p{&destroyed};
    for (;;) sleep(1_ms);
  });
  for (int i = 0; i < 10; ++i) s.step();
  s.stop();
  CHECK(s.outcome() == Outcome::Stopped);
  CHECK(destroyed == 1);
  CHECK(s.step() == StepResult::Finished);
}

TEST_CASE("step and time limits end a run" * doctest::timeout(10)) {
  SUBCASE("max_steps") {
    auto r = run_program(
        [] {
          for (;;) yield();
        },
        Scheduler::Config{}.with_max_steps(50));
    CHECK(r.outcome == Outcome::StepLimit);
  }
  SUBCASE("max_time") {
    auto r = run_program(
        [] {
          for (;;) sleep(1_ms);
        },
        Scheduler::Config{}.with_max_time(10_ms));
    CHECK(r.outcome == Outcome::TimeLimit);
    CHECK(r.end == 10_ms);
  }
}

TEST_CASE("usage errors are loud" * doctest::timeout(10)) {
  CHECK_THROWS_AS(Scheduler(Scheduler::Config{}.with_processors(0)), UsageError);
  CHECK_THROWS_AS(Scheduler(Scheduler::Config{}.with_processors(65)), UsageError);
  CHECK_THROWS_AS(work(1_ms), UsageError);  // no scheduler running
  Scheduler s;
  CHECK_THROWS_AS(s.step(), UsageError);  // no main goroutine
  s.start_main("main", [] {});
  CHECK_THROWS_AS(s.start_main("again", [] {}), UsageError);
}

TEST_CASE("objects can be created once a Scheduler exists, before the run" * doctest::timeout(10)) {
  Scheduler s;
  Channel<int> ch(1, "made-outside");
  WaitGroup wg("wg-outside");
  int got = 0;
  s.run_main("main", [&] {
    go("sender", [&] { ch.send(7); });
    got = ch.recv();
  });
  CHECK(s.outcome() == Outcome::Completed);
  CHECK(got == 7);
  CHECK(s.object_info(ch.id()).name == "made-outside");
}
