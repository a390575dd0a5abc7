// runtime_primitives_test.cpp — Mutex, RWMutex, Semaphore, CondVar, WaitGroup, Barrier and Once: what each
// guarantees, the order it wakes waiters in, and Go's exact words for each misuse.
#include <functional>
#include <string>
#include <vector>

#include "tests/unit/runtime_test_support.h"

using namespace interleave;
using namespace interleave::time_literals;
using interleave::testing::contains;
using interleave::testing::PickLastPolicy;
using interleave::testing::run_program;
using interleave::testing::starts_with;

TEST_CASE("Mutex: mutual exclusion across yields and processors" * doctest::timeout(10)) {
  for (int p : {1, 2, 4}) {
    CAPTURE(p);
    int counter = 0, inside = 0, max_inside = 0;
    auto r = run_program(
        [&] {
          Mutex mu("counter");
          WaitGroup wg;
          for (int i = 0; i < 4; ++i) {
            wg.add(1);
            go("inc", [&] {
              for (int k = 0; k < 5; ++k) {
                mu.lock();
                max_inside = std::max(max_inside, ++inside);
                int v = counter;
                yield();  // another goroutine runs here; without the lock it would lose updates
                work(1_us);
                counter = v + 1;
                --inside;
                mu.unlock();
              }
              wg.done();
            });
          }
          wg.wait();
        },
        Scheduler::Config{}.with_processors(p));
    CHECK(r.outcome == Outcome::Completed);
    CHECK(counter == 20);
    CHECK(max_inside == 1);
  }
}

TEST_CASE("Mutex: try_lock, owner, and hand-off to the woken waiter" * doctest::timeout(10)) {
  auto r = run_program([] {
    Mutex mu("mu");
    CHECK(mu.try_lock());
    CHECK(mu.locked());
    CHECK(mu.owner() == self());
    CHECK_FALSE(mu.try_lock());
    GoroutineId waiter = go("waiter", [&] {
      mu.lock();
      mu.unlock();
    });
    yield();  // the waiter parks on the mutex
    CHECK(mu.waiters() == 1);
    mu.unlock();
    // Handed over: the woken waiter holds the mutex even before it runs, so try_lock fails.
    CHECK(mu.owner() == waiter);
    CHECK_FALSE(mu.try_lock());
    yield();
    CHECK_FALSE(mu.locked());
  });
  CHECK(r.outcome == Outcome::Completed);
}

// Each blocking primitive with a wake-one: the order in which three parked goroutines ("a", "b", "c",
// parked in that order) get through, under FIFO and under a policy that always picks the last waiter.
TEST_CASE("wake order: FIFO by default, the policy's pick with WakeOrder::Policy" * doctest::timeout(10)) {
  struct Primitive {
    const char* name;
    // Parks the calling goroutine; returns once it got through.
    std::function<void()> wait;
    // Lets one waiter through.
    std::function<void()> release_one;
  };
  for (WakeOrder order : {WakeOrder::Fifo, WakeOrder::Policy}) {
    for (const char* kind : {"mutex", "semaphore", "cond", "rwmutex-writers"}) {
      CAPTURE(kind);
      CAPTURE(static_cast<int>(order));
      std::string through;
      auto r = run_program(
          [&] {
            Mutex mu("mu");
            Semaphore sem(0, "sem");
            CondVar cv(mu, "cv");
            RWMutex rw("rw");
            Primitive prim{kind, {}, {}};
            std::string k = kind;
            if (k == "mutex") {
              mu.lock();
              prim.wait = [&] { mu.lock(); };
              prim.release_one = [&] { mu.unlock(); };
            } else if (k == "semaphore") {
              prim.wait = [&] { sem.acquire(); };
              prim.release_one = [&] { sem.release(); };
            } else if (k == "cond") {
              prim.wait = [&] {
                mu.lock();
                cv.wait();
                mu.unlock();
              };
              prim.release_one = [&] { cv.signal(); };
            } else {
              rw.lock();
              prim.wait = [&] { rw.lock(); };
              prim.release_one = [&] { rw.unlock(); };
            }
            WaitGroup wg;
            for (char name : {'a', 'b', 'c'}) {
              wg.add(1);
              go(std::string(1, name), [&, name] {
                prim.wait();
                through += name;
                if (k == "mutex") mu.unlock();
                if (k == "rwmutex-writers") rw.unlock();
                wg.done();
              });
            }
            sleep(1_ms);  // all three park, in order
            for (int i = 0; i < 3; ++i) {
              if (k == "mutex" || k == "rwmutex-writers") {
                if (i == 0) prim.release_one();  // each then unlocks for the next
              } else {
                prim.release_one();
              }
              sleep(1_ms);
            }
            wg.wait();
          },
          Scheduler::Config{}.with_wake_order(order), std::make_unique<PickLastPolicy>(DecisionKind::PickWaiter));
      CHECK(r.outcome == Outcome::Completed);
      CHECK(through == (order == WakeOrder::Fifo ? "abc" : "cba"));
      bool picked_waiter = false;
      for (const Decision& d : r.decisions) picked_waiter |= d.kind == DecisionKind::PickWaiter;
      CHECK(picked_waiter == (order == WakeOrder::Policy));
    }
  }
}

TEST_CASE("RWMutex: readers share, writers exclude, and the preference decides who goes next" * doctest::timeout(10)) {
  // Timeline (ms): R1 reads 0-10; W1 asks at 1 and writes 10 ms; R2 asks at 2 and reads 1 ms;
  // W2 asks at 12 and writes 10 ms; R3 asks at 13 and reads 1 ms. Each entry is "name@ms".
  struct Row {
    RWPreference pref;
    const char* expected;
  };
  const Row rows[] = {
      // A reader gets in whenever no writer holds it: R2 overtakes W1; when W1 unlocks, readers (R3) first.
      {RWPreference::ReadersFirst, "R1@0 R2@2 W1@10 R3@20 W2@21"},
      // A waiting writer bars readers, and writers hand over to writers: R2 and R3 wait for both writers.
      {RWPreference::WritersFirst, "R1@0 W1@10 W2@20 R2@30 R3@30"},
      // Go: a waiting writer bars new readers, but the readers that queued go before the next writer.
      {RWPreference::Go, "R1@0 W1@10 R2@20 R3@20 W2@21"},
  };
  for (const Row& row : rows) {
    CAPTURE(static_cast<int>(row.pref));
    std::string log;
    std::size_t max_readers = 0;
    auto r = run_program([&] {
      RWMutex rw("table", row.pref);
      CHECK(rw.preference() == row.pref);
      WaitGroup wg;
      auto entered = [&](const char* who) {
        if (!log.empty()) log += ' ';
        log += std::string(who) + "@" + std::to_string(now() / 1_ms);
      };
      auto reader = [&](const char* who, Duration start, Duration hold) {
        wg.add(1);
        go(who, [&, who, start, hold] {
          sleep(start);
          rw.rlock();
          entered(who);
          CHECK_FALSE(rw.write_locked());
          max_readers = std::max(max_readers, rw.readers());
          sleep(hold);
          rw.runlock();
          wg.done();
        });
      };
      auto writer = [&](const char* who, Duration start, Duration hold) {
        wg.add(1);
        go(who, [&, who, start, hold] {
          sleep(start);
          rw.lock();
          entered(who);
          CHECK(rw.readers() == 0);
          sleep(hold);
          rw.unlock();
          wg.done();
        });
      };
      reader("R1", 0, 10_ms);
      writer("W1", 1_ms, 10_ms);
      reader("R2", 2_ms, 1_ms);
      writer("W2", 12_ms, 10_ms);
      reader("R3", 13_ms, 1_ms);
      wg.wait();
    });
    CHECK(r.outcome == Outcome::Completed);
    CHECK(log == row.expected);
    CHECK(max_readers == 2);
  }
}

TEST_CASE("Semaphore: counts permits; try_acquire never blocks" * doctest::timeout(10)) {
  int inside = 0, max_inside = 0;
  auto r = run_program(
      [&] {
        Semaphore sem(2, "multiplex");
        CHECK(sem.value() == 2);
        WaitGroup wg;
        for (int i = 0; i < 5; ++i) {
          wg.add(1);
          go("user", [&] {
            sem.acquire();
            max_inside = std::max(max_inside, ++inside);
            work(1_ms);
            --inside;
            sem.release();
            wg.done();
          });
        }
        wg.wait();
        CHECK(sem.value() == 2);
        CHECK(sem.try_acquire());
        CHECK(sem.try_acquire());
        CHECK_FALSE(sem.try_acquire());
        CHECK(sem.value() == 0);
        sem.release();
        CHECK(sem.value() == 1);
      },
      Scheduler::Config{}.with_processors(4));
  CHECK(r.outcome == Outcome::Completed);
  CHECK(max_inside == 2);
  CHECK(r.end == 3_ms);  // 5 users, 2 at a time, 1 ms each
}

TEST_CASE("Semaphore: a negative initial count is a usage error" * doctest::timeout(10)) {
  Scheduler s;
  CHECK_THROWS_AS(Semaphore(-1), UsageError);
}

TEST_CASE("CondVar: signal wakes one, broadcast wakes all, a signal with no waiter is lost" * doctest::timeout(10)) {
  SUBCASE("signal and broadcast") {
    int woken = 0;
    auto r = run_program([&] {
      Mutex mu;
      CondVar cv(mu, "cv");
      int generation = 0;
      WaitGroup wg;
      for (int i = 0; i < 3; ++i) {
        wg.add(1);
        go("waiter", [&] {
          mu.lock();
          int seen = generation;
          while (generation == seen) cv.wait();
          ++woken;
          mu.unlock();
          wg.done();
        });
      }
      sleep(1_ms);
      CHECK(cv.waiters() == 3);
      mu.lock();
      ++generation;
      cv.signal();
      mu.unlock();
      sleep(1_ms);
      CHECK(woken == 1);
      CHECK(cv.waiters() == 2);
      mu.lock();
      ++generation;
      cv.broadcast();
      mu.unlock();
      wg.wait();
    });
    CHECK(r.outcome == Outcome::Completed);
    CHECK(woken == 3);
  }
  SUBCASE("lost signal") {
    auto r = run_program([] {
      Mutex mu;
      CondVar cv(mu, "cv");
      cv.signal();  // nobody waits: lost
      mu.lock();
      cv.wait();  // waits forever
    });
    CHECK(r.outcome == Outcome::Deadlock);
    CHECK(contains(r.dump, "[sync.Cond.Wait]"));
  }
}

// Says "yes" to the first `n` spurious wake-up questions, then "no"; FIFO otherwise.
class SpuriousPolicy final : public Policy {
 public:
  explicit SpuriousPolicy(int n) : left_(n) {}
  std::string_view name() const override { return "spurious"; }
  std::uint32_t choose(const Choice& c) override {
    if (c.kind == DecisionKind::SpuriousWake && left_ > 0) {
      --left_;
      return 1;
    }
    return 0;
  }

 private:
  int left_;
};

TEST_CASE("CondVar: spurious wake-ups are why wait() sits in a while loop" * doctest::timeout(10)) {
  for (bool use_while : {true, false}) {
    CAPTURE(use_while);
    bool saw_empty = false;
    std::uint64_t spurious = 0;
    auto r = run_program(
        [&] {
          Mutex mu;
          CondVar cv(mu, "not-empty");
          std::vector<int> queue;
          go("producer", [&] {
            sleep(5_ms);
            mu.lock();
            queue.push_back(1);
            cv.signal();
            mu.unlock();
          });
          mu.lock();
          if (use_while) {
            while (queue.empty()) cv.wait();
          } else {
            if (queue.empty()) cv.wait();
          }
          saw_empty = queue.empty();
          spurious = cv.spurious_count();
          mu.unlock();
        },
        Scheduler::Config{}.with_spurious_wakeups(true), std::make_unique<SpuriousPolicy>(1));
    CHECK(r.outcome == Outcome::Completed);
    CHECK(spurious == 1);
    CHECK(saw_empty == !use_while);  // the `if` version went on with an empty queue
  }
}

TEST_CASE("CondVar: spurious wake-ups can be switched on per condition variable" * doctest::timeout(10)) {
  for (bool on : {false, true}) {
    CAPTURE(on);
    std::uint64_t spurious = 0;
    auto r = run_program(
        [&] {
          Mutex mu;
          CondVar cv(mu);
          cv.set_spurious_wakeups(on);
          bool ready = false;
          go("setter", [&] {
            sleep(1_ms);
            mu.lock();
            ready = true;
            cv.broadcast();
            mu.unlock();
          });
          mu.lock();
          while (!ready) cv.wait();
          mu.unlock();
          spurious = cv.spurious_count();
        },
        Scheduler::Config{}, std::make_unique<SpuriousPolicy>(3));
    CHECK(r.outcome == Outcome::Completed);
    CHECK(spurious == (on ? 3u : 0u));
  }
}

TEST_CASE("WaitGroup: wait returns when the counter is back to zero" * doctest::timeout(10)) {
  VirtualTime waited_until = -1;
  auto r = run_program([&] {
    WaitGroup wg("wg");
    wg.wait();  // zero: returns at once
    CHECK(now() == 0);
    wg.add(3);
    for (int i = 1; i <= 3; ++i)
      go("w", [&, i] {
        sleep(i * 1_ms);
        wg.done();
      });
    WaitGroup other;
    other.add(1);
    go("second-waiter", [&] {
      wg.wait();
      other.done();
    });
    wg.wait();
    waited_until = now();
    CHECK(wg.counter() == 0);
    other.wait();
  });
  CHECK(r.outcome == Outcome::Completed);
  CHECK(waited_until == 3_ms);
}

TEST_CASE("Barrier: N parties, reusable round after round" * doctest::timeout(10)) {
  constexpr int kParties = 3, kRounds = 5;
  std::vector<int> round_of(kParties, 0);
  int last_arrivals = 0;
  bool overtaken = false;
  std::uint64_t generations = 0;
  auto r = run_program(
      [&] {
        Barrier b(kParties, "round");
        WaitGroup wg;
        for (int i = 0; i < kParties; ++i) {
          wg.add(1);
          go("party", [&, i] {
            for (int round = 0; round < kRounds; ++round) {
              round_of[static_cast<std::size_t>(i)] = round;
              work((i + 1) * 1_ms);  // arrive at different times
              if (b.wait()) ++last_arrivals;
              // Nobody may be more than one round ahead of anybody else.
              for (int other : round_of) overtaken |= other < round;
            }
            wg.done();
          });
        }
        wg.wait();
        generations = b.generation();
        CHECK(b.arrived() == 0);
      },
      Scheduler::Config{}.with_processors(3));
  CHECK(r.outcome == Outcome::Completed);
  CHECK_FALSE(overtaken);
  CHECK(last_arrivals == kRounds);
  CHECK(generations == kRounds);
  CHECK(r.end == kRounds * 3_ms);  // each round waits for the slowest party
}

TEST_CASE("Once: runs f exactly once; concurrent callers wait for it to finish" * doctest::timeout(10)) {
  int runs = 0;
  std::vector<bool> saw_initialised;
  auto r = run_program(
      [&] {
        Once once("init");
        bool initialised = false;
        WaitGroup wg;
        for (int i = 0; i < 4; ++i) {
          wg.add(1);
          go("caller", [&] {
            once.do_once([&] {
              ++runs;
              work(5_ms);  // the others arrive while it runs
              initialised = true;
            });
            saw_initialised.push_back(initialised);
            wg.done();
          });
        }
        wg.wait();
        CHECK(once.done());
        once.do_once([&] { ++runs; });
      },
      Scheduler::Config{}.with_processors(4));
  CHECK(r.outcome == Outcome::Completed);
  CHECK(runs == 1);
  CHECK(saw_initialised == std::vector<bool>(4, true));
}

TEST_CASE("misuse ends the run with Go's exact words, where it happened" * doctest::timeout(10)) {
  struct Row {
    const char* what;
    Outcome outcome;
    const char* message;
    std::function<void(int& line)> program;
  };
  const Row rows[] = {
      {"Mutex.unlock of an unlocked mutex", Outcome::Fatal, "sync: unlock of unlocked mutex",
       [](int& line) {
         Mutex mu;
         line = __LINE__ + 1;
         mu.unlock();
       }},
      {"Mutex.unlock twice", Outcome::Fatal, "sync: unlock of unlocked mutex",
       [](int& line) {
         Mutex mu;
         mu.lock();
         mu.unlock();
         line = __LINE__ + 1;
         mu.unlock();
       }},
      {"RWMutex.runlock of an unlocked RWMutex", Outcome::Fatal, "sync: RUnlock of unlocked RWMutex",
       [](int& line) {
         RWMutex rw;
         line = __LINE__ + 1;
         rw.runlock();
       }},
      {"RWMutex.unlock of an unlocked RWMutex", Outcome::Fatal, "sync: Unlock of unlocked RWMutex",
       [](int& line) {
         RWMutex rw;
         rw.rlock();
         line = __LINE__ + 1;
         rw.unlock();
       }},
      {"WaitGroup counter below zero", Outcome::Panic, "sync: negative WaitGroup counter",
       [](int& line) {
         WaitGroup wg;
         wg.add(1);
         wg.done();
         line = __LINE__ + 1;
         wg.done();
       }},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    int line = 0;
    auto r = run_program([&] { row.program(line); });
    CHECK(r.outcome == row.outcome);
    CHECK(r.message == row.message);
    std::string header = (row.outcome == Outcome::Panic ? "panic: " : "fatal error: ") + std::string(row.message);
    CHECK(starts_with(r.dump, header + "\n\ngoroutine 1 \"main\" [running]:\n"));
    CHECK(r.culprit == 1);
    CHECK(r.culprit_line == static_cast<std::uint32_t>(line));
    CHECK(contains(r.dump, "runtime_primitives_test.cpp:" + std::to_string(line) + "\n"));
  }
}

TEST_CASE("a misuse in one goroutine names that goroutine" * doctest::timeout(10)) {
  auto r = run_program([] {
    Mutex mu("shared");
    go("bad-unlocker", [&] { mu.unlock(); });
    sleep(1_ms);
  });
  CHECK(r.outcome == Outcome::Fatal);
  CHECK(r.culprit == 2);
  CHECK(contains(r.dump, "goroutine 2 \"bad-unlocker\" [running]:"));
  CHECK(contains(r.dump, "goroutine 1 \"main\" [sleep]:"));
}
