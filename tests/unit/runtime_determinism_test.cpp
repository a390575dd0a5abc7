// runtime_determinism_test.cpp — a run is a pure function of (program, policy, seed): the trace hash proves
// it; and the trace recorder itself (32-byte events, names, counter series).
#include <set>
#include <string>
#include <vector>

#include "tests/unit/runtime_test_support.h"

using namespace interleave;
using namespace interleave::time_literals;
using interleave::testing::run_program;

namespace {

// The classic lost-update race: read, let someone else run, write back.
struct RacyResult {
  std::uint64_t hash;
  int counter;
  std::vector<Decision> decisions;
};

RacyResult racy_counter(const std::string& policy, std::uint64_t seed, int processors = 1) {
  int counter = 0;
  auto r = run_program(
      [&] {
        WaitGroup wg;
        for (int i = 0; i < 4; ++i) {
          wg.add(1);
          go("incrementer", [&] {
            for (int k = 0; k < 3; ++k) {
              int v = counter;
              if (rng().below(2) == 0) yield();
              work(rng().between(1, 5) * 1_us);
              counter = v + 1;
            }
            wg.done();
          });
        }
        wg.wait();
      },
      Scheduler::Config{}.with_processors(processors).with_quantum(2_us), make_policy(policy, seed), seed);
  CHECK(r.outcome == Outcome::Completed);
  return {r.hash, counter, r.decisions};
}

}  // namespace

TEST_CASE("determinism: the same program, policy and seed give the identical event stream" * doctest::timeout(20)) {
  for (const char* policy : {"fifo", "random", "pct"}) {
    for (int p : {1, 3}) {
      for (std::uint64_t seed : {1, 42, 1234567}) {
        CAPTURE(policy);
        CAPTURE(p);
        CAPTURE(seed);
        RacyResult a = racy_counter(policy, seed, p);
        RacyResult b = racy_counter(policy, seed, p);
        CHECK(a.hash == b.hash);
        CHECK(a.counter == b.counter);
        CHECK(a.decisions == b.decisions);
      }
    }
  }
}

TEST_CASE("determinism: different seeds give different interleavings of a racy program" * doctest::timeout(20)) {
  for (const char* policy : {"random", "pct"}) {
    CAPTURE(policy);
    std::set<std::uint64_t> hashes;
    std::set<int> counters;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
      RacyResult r = racy_counter(policy, seed);
      hashes.insert(r.hash);
      counters.insert(r.counter);
    }
    CHECK(hashes.size() >= 10);
    CHECK(counters.size() >= 2);  // the lost update shows for some seeds and not for others
  }
}

TEST_CASE("the trace recorder: 32 bytes per event, names, source locations, the run's end" * doctest::timeout(10)) {
  static_assert(sizeof(Event) <= 32);
  Scheduler s(Scheduler::Config{}.with_processors(2));
  TraceRecorder rec;
  rec.attach(s);
  ObjectId sem_id = 0;
  s.run_main("main", [&] {
    Semaphore sem(1, "permits");
    sem_id = sem.id();
    WaitGroup wg("wg");
    wg.add(2);
    for (int i = 0; i < 2; ++i)
      go("user" + std::to_string(i), [&] {
        sem.acquire();
        work(1_ms);
        sem.release();
        wg.done();
      });
    wg.wait();
  });
  REQUIRE(s.outcome() == Outcome::Completed);
  CHECK(rec.size() > 20);
  CHECK(rec.event_bytes() == rec.size() * 32);
  CHECK(rec.outcome() == Outcome::Completed);
  CHECK(rec.end_time() == 2_ms);
  CHECK(rec[rec.size() - 1].type == EventType::RunEnd);  // nothing after the end
  REQUIRE(rec.goroutines().size() == 4);
  CHECK(rec.goroutines()[1].name == "main");
  CHECK(rec.goroutines()[3].name == "user1");
  CHECK(rec.goroutines()[3].parent == 1);
  CHECK(rec.objects()[sem_id].name == "permits");
  CHECK(rec.objects()[sem_id].kind == ObjectKind::Semaphore);
  // The semaphore's value: 1 at creation, taken by user0, handed straight to user1, then returned.
  auto series = rec.counter_series(sem_id, CounterKind::Value);
  std::vector<std::pair<VirtualTime, std::int64_t>> expected{{0, 1}, {0, 0}, {2_ms, 1}};
  CHECK(series == expected);
  auto waiters = rec.counter_series(sem_id, CounterKind::Waiters);
  std::vector<std::pair<VirtualTime, std::int64_t>> expected_waiters{{0, 1}, {1_ms, 0}};
  CHECK(waiters == expected_waiters);
  // Every State event's source location resolves to a file and line.
  bool saw_test_file = false;
  rec.for_each([&](const Event& e) {
    if (e.type != EventType::State || e.srcloc == 0) return;
    REQUIRE(e.srcloc < rec.srclocs().size());
    saw_test_file |= std::string(rec.srclocs()[e.srcloc].file) == "tests/unit/runtime_determinism_test.cpp";
  });
  CHECK(saw_test_file);
}

TEST_CASE("the trace recorder stores runs longer than one chunk" * doctest::timeout(20)) {
  Scheduler s;
  TraceRecorder rec;
  rec.attach(s);
  s.run_main("main", [] {
    go("peer", [] {
      for (int i = 0; i < 40'000; ++i) yield();
    });
    for (int i = 0; i < 40'000; ++i) yield();
  });
  REQUIRE(s.outcome() == Outcome::Completed);
  CHECK(rec.size() > 70'000);  // more than one 64 Ki-event chunk
  std::size_t states = 0;
  rec.for_each([&](const Event& e) { states += e.type == EventType::State; });
  CHECK(states >= 160'000);
  // A copy made through load() hashes the same.
  std::vector<Event> events;
  rec.for_each([&](const Event& e) { events.push_back(e); });
  TraceRecorder copy;
  copy.load(events, rec.goroutines(), rec.objects(), rec.srclocs(), rec.decisions());
  CHECK(copy.size() == rec.size());
  CHECK(copy.hash() == rec.hash());
  CHECK(copy.outcome() == Outcome::Completed);
}

TEST_CASE("without an observer the run is the same, and no events are made" * doctest::timeout(10)) {
  for (std::uint64_t seed : {1, 2, 3}) {
    int with = -1, without = -1;
    std::uint64_t with_d = 0, without_d = 1;
    for (bool observe : {true, false}) {
      Scheduler s(Scheduler::Config{}.with_processors(2), make_policy("random", seed), seed);
      TraceRecorder rec;
      if (observe) rec.attach(s);
      int counter = 0;
      s.run_main("main", [&] {
        WaitGroup wg;
        for (int i = 0; i < 3; ++i) {
          wg.add(1);
          go("w", [&] {
            int v = counter;
            yield();
            counter = v + 1;
            wg.done();
          });
        }
        wg.wait();
      });
      (observe ? with : without) = counter;
      (observe ? with_d : without_d) = s.decision_hash();
      if (observe) {
        CHECK(rec.size() > 0);
        CHECK(rec.decisions().size() == s.decision_count());
      } else {
        CHECK(rec.size() == 0);
      }
    }
    CHECK(with == without);
    CHECK(with_d == without_d);
  }
}

TEST_CASE("run() and stepping one step() at a time give the identical event stream" * doctest::timeout(20)) {
  // run() lets goroutines switch straight to the next one; step() returns to the caller after every action.
  for (std::uint64_t seed : {1, 2, 3, 4}) {
    CAPTURE(seed);
    std::uint64_t hashes[2] = {0, 0};
    std::uint64_t steps[2] = {0, 0};
    int counters[2] = {0, 0};
    for (int mode = 0; mode < 2; ++mode) {
      Scheduler s(Scheduler::Config{}.with_processors(2).with_quantum(3_us).with_wake_order(WakeOrder::Policy),
                  make_policy(seed % 2 ? "random" : "pct", seed), seed);
      TraceRecorder rec;
      rec.attach(s);
      int counter = 0;
      s.start_main("main", [&] {
        Mutex mu;
        Channel<int> ch(1);
        WaitGroup wg;
        for (int i = 0; i < 4; ++i) {
          wg.add(1);
          go("w", [&] {
            for (int k = 0; k < 4; ++k) {
              int v = counter;
              yield();
              work(rng().between(1, 7) * 1_us);
              counter = v + 1;
              mu.lock();
              ch.send(k);
              mu.unlock();
              ch.recv();
              interleave::sleep(1_us);
            }
            wg.done();
          });
        }
        wg.wait();
      });
      if (mode == 0) {
        s.run();
      } else {
        while (s.step() == StepResult::Progress) {
        }
      }
      CHECK(s.outcome() == Outcome::Completed);
      hashes[mode] = rec.hash();
      steps[mode] = s.steps();
      counters[mode] = counter;
    }
    CHECK(hashes[0] == hashes[1]);
    CHECK(steps[0] == steps[1]);
    CHECK(counters[0] == counters[1]);
  }
}

TEST_CASE("an observer gets the run queue's length as counter events; a recorder derives the same series" *
          doctest::timeout(20)) {
  auto program = [] {
    WaitGroup wg;
    for (int i = 0; i < 4; ++i) {
      wg.add(1);
      go("w", [&] {
        yield();
        work(1'000);
        yield();
        wg.done();
      });
    }
    wg.wait();
  };
  for (std::uint64_t seed : {1, 2}) {
    CAPTURE(seed);
    std::vector<std::pair<VirtualTime, std::int64_t>> emitted, derived;
    ObjectId runq = kNoObject;
    {
      Scheduler s(Scheduler::Config{}.with_processors(2), make_policy("random", seed), seed);
      interleave::testing::EventCollector log;
      s.set_observer(&log);
      s.run_main("main", program);
      REQUIRE(s.outcome() == Outcome::Completed);
      for (const Event& e : log.of_type(EventType::ObjCreate))
        if (e.object_kind() == ObjectKind::RunQueue) runq = e.object;
      REQUIRE(runq != kNoObject);
      for (const Event& e : log.of_type(EventType::Counter))
        if (e.object == runq) emitted.emplace_back(e.time, e.value);
    }
    {
      Scheduler s(Scheduler::Config{}.with_processors(2), make_policy("random", seed), seed);
      TraceRecorder rec;
      rec.attach(s);
      s.run_main("main", program);
      REQUIRE(s.outcome() == Outcome::Completed);
      REQUIRE(rec.run_queue() == runq);
      for (std::size_t i = 0; i < rec.size(); ++i)
        CHECK_FALSE((rec[i].type == EventType::Counter && rec[i].object == runq));  // not recorded...
      derived = rec.counter_series(runq, CounterKind::Length);                      // ...but derived
    }
    REQUIRE(emitted.size() > 8);
    CHECK(emitted.back().second == 0);
    // The same values at the same instants (the emitted series may repeat a value within an instant).
    auto last_per_instant = [](const std::vector<std::pair<VirtualTime, std::int64_t>>& v) {
      std::vector<std::pair<VirtualTime, std::int64_t>> out;
      for (auto p : v) {
        if (!out.empty() && out.back().first == p.first)
          out.back() = p;
        else
          out.push_back(p);
      }
      return out;
    };
    CHECK(last_per_instant(emitted) == last_per_instant(derived));
  }
}
