// runtime_policy_test.cpp — the scheduling policies: fifo, random, pct, manual and replay.
#include <set>
#include <string>
#include <vector>

#include "tests/unit/runtime_test_support.h"

using namespace interleave;
using namespace interleave::time_literals;
using interleave::testing::contains;
using interleave::testing::letters_run;
using interleave::testing::run_program;
using interleave::testing::starts_with;

namespace {

bool contiguous_blocks(const std::string& s) {
  // "aaabbbccc" in any order of letters: each letter's occurrences are adjacent.
  std::set<char> finished;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (finished.count(s[i])) return false;
    if (i + 1 == s.size() || s[i + 1] != s[i]) finished.insert(s[i]);
  }
  return true;
}

}  // namespace

TEST_CASE("make_policy knows the policies by name" * doctest::timeout(10)) {
  for (std::string_view name : {"fifo", "random", "pct", "manual"}) {
    auto p = make_policy(name, 1);
    REQUIRE(p);
    CHECK(p->name() == name);
  }
  CHECK(make_policy("lifo", 1) == nullptr);
}

TEST_CASE("fifo: round robin, the same every time" * doctest::timeout(10)) {
  CHECK(letters_run(std::make_unique<FifoPolicy>()) == "abcabcabc");
  CHECK(letters_run(nullptr) == "abcabcabc");  // the default policy
}

TEST_CASE("random: a function of its seed" * doctest::timeout(10)) {
  std::set<std::string> distinct;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    std::string first = letters_run(make_policy("random", seed), seed);
    CHECK(first == letters_run(make_policy("random", seed), seed));
    CHECK(first.size() == 9);
    distinct.insert(first);
  }
  CHECK(distinct.size() >= 5);
}

TEST_CASE("pct: depth 1 runs the highest-priority goroutine to completion; deeper runs interleave" *
          doctest::timeout(10)) {
  std::set<std::string> depth1, depth3;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    std::string t1 = letters_run(std::make_unique<PctPolicy>(seed, 1), seed);
    CHECK(contiguous_blocks(t1));
    depth1.insert(t1);
    std::string t3 = letters_run(std::make_unique<PctPolicy>(seed, 3, 12), seed);
    CHECK(t3 == letters_run(std::make_unique<PctPolicy>(seed, 3, 12), seed));
    depth3.insert(t3);
  }
  CHECK(depth1.size() >= 2);  // the priorities depend on the seed
  bool some_interleaved = false;
  for (const std::string& t : depth3) some_interleaved |= !contiguous_blocks(t);
  CHECK(some_interleaved);  // priority change points split a goroutine's run
}

TEST_CASE("manual: the scheduler pauses until the chooser picks a runnable goroutine" * doctest::timeout(10)) {
  auto owned = std::make_unique<ManualPolicy>();
  ManualPolicy* manual = owned.get();
  Scheduler s(Scheduler::Config{}, std::move(owned));
  TraceRecorder rec;
  rec.attach(s);
  std::string trace;
  s.start_main("main", [&] {
    WaitGroup wg;
    wg.add(3);
    for (char name : {'a', 'b', 'c'})
      go(std::string(1, name), [&, name] {
        trace += name;
        wg.done();
      });
    wg.wait();
  });
  CHECK(s.step() == StepResult::Progress);  // only main is runnable: no question asked
  CHECK(s.runnable() == std::vector<GoroutineId>{2, 3, 4});
  CHECK(s.step() == StepResult::NeedDecision);
  CHECK(s.run() == Outcome::Running);  // run() stops at the question too
  manual->pick(99);                    // not runnable: still a question
  CHECK(s.step() == StepResult::NeedDecision);
  for (GoroutineId g : {4, 2}) {
    manual->pick(g);
    CHECK(s.step() == StepResult::Progress);
    CHECK_FALSE(manual->pending().has_value());  // the answer was used
  }
  CHECK(s.step() == StepResult::Progress);  // one runnable goroutine left: no question
  CHECK(trace == "cab");
  CHECK(s.run() == Outcome::Completed);
  REQUIRE(rec.decisions().size() == 2);  // the last pick had only one option left: not a decision
  CHECK(s.decision_count() == 2);
  CHECK(rec.decisions()[0] == Decision{DecisionKind::PickGoroutine, 3, 2});
  CHECK(rec.decisions()[1] == Decision{DecisionKind::PickGoroutine, 2, 0});
}

TEST_CASE("manual: control can be handed back to a policy mid-run" * doctest::timeout(10)) {
  Scheduler s(Scheduler::Config{}, std::make_unique<ManualPolicy>());
  s.start_main("main", [] {
    WaitGroup wg;
    wg.add(2);
    go("x", [&] { wg.done(); });
    go("y", [&] { wg.done(); });
    wg.wait();
  });
  s.step();
  CHECK(s.step() == StepResult::NeedDecision);
  s.set_policy(std::make_unique<FifoPolicy>());
  CHECK(s.policy().name() == "fifo");
  CHECK(s.run() == Outcome::Completed);
}

namespace {
// A racy program with every kind of decision: goroutine picks, processor picks, waiter picks, select
// cases and preemption.
void every_decision_program() {
  Mutex mu("mu");
  Semaphore sem(0, "sem");
  Channel<int> a(1, "a"), b(1, "b");
  WaitGroup wg("wg");
  int shared = 0;
  for (int i = 0; i < 4; ++i) {
    wg.add(1);
    go("g" + std::to_string(i), [&, i] {
      mu.lock();
      int v = shared;
      yield();
      shared = v + 1;
      mu.unlock();
      work((i + 1) * 3_ms);
      if (i % 2 == 0)
        a.send(i);
      else
        b.send(i);
      sem.release();
      wg.done();
    });
  }
  for (int i = 0; i < 4; ++i) {
    int v = 0;
    select({recv_case(a, v), recv_case(b, v)});
    sem.acquire();
  }
  wg.wait();
}
}  // namespace

TEST_CASE("replay: a recorded decision list reproduces the run exactly" * doctest::timeout(10)) {
  auto config = Scheduler::Config{}.with_processors(2).with_quantum(1_ms).with_wake_order(WakeOrder::Policy);
  for (std::uint64_t seed : {1, 2, 3, 4, 5}) {
    CAPTURE(seed);
    auto original = run_program(every_decision_program, config, make_policy("random", seed), seed);
    REQUIRE(original.outcome == Outcome::Completed);
    std::set<DecisionKind> kinds;
    for (const Decision& d : original.decisions) kinds.insert(d.kind);
    CHECK(kinds.count(DecisionKind::PickGoroutine));
    CHECK(kinds.count(DecisionKind::PickProcessor));
    auto replayed =
        run_program(every_decision_program, config, std::make_unique<ReplayPolicy>(original.decisions), seed);
    CHECK(replayed.outcome == Outcome::Completed);
    CHECK(replayed.hash == original.hash);
    CHECK(replayed.decisions == original.decisions);
  }
}

TEST_CASE("replay: a decision list that does not fit the run is reported as a divergence" * doctest::timeout(10)) {
  auto config = Scheduler::Config{}.with_processors(2).with_quantum(1_ms).with_wake_order(WakeOrder::Policy);
  auto original = run_program(every_decision_program, config, make_policy("random", 7), 7);
  REQUIRE(original.decisions.size() > 4);

  SUBCASE("too few decisions") {
    std::vector<Decision> cut(original.decisions.begin(), original.decisions.begin() + 3);
    auto r = run_program(every_decision_program, config, std::make_unique<ReplayPolicy>(cut), 7);
    CHECK(r.outcome == Outcome::ReplayDivergence);
    CHECK(starts_with(r.message, "replay diverged at decision 4: the run needs a "));
    CHECK(contains(r.message, "but the recording has only 3 decisions"));
    CHECK(starts_with(r.dump, "replay divergence: replay diverged at decision 4"));
  }
  SUBCASE("a decision of the wrong kind") {
    std::vector<Decision> changed = original.decisions;
    changed[2].kind = changed[2].kind == DecisionKind::Preempt ? DecisionKind::PickSelectCase : DecisionKind::Preempt;
    auto r = run_program(every_decision_program, config, std::make_unique<ReplayPolicy>(changed), 7);
    CHECK(r.outcome == Outcome::ReplayDivergence);
    CHECK(starts_with(r.message, "replay diverged at decision 3: recorded "));
    CHECK(contains(r.message, "(was the scenario or program changed?)"));
  }
  SUBCASE("a choice out of range") {
    std::vector<Decision> changed = original.decisions;
    changed[0].chosen = changed[0].options;
    auto r = run_program(every_decision_program, config, std::make_unique<ReplayPolicy>(changed), 7);
    CHECK(r.outcome == Outcome::ReplayDivergence);
    CHECK(starts_with(r.message, "replay diverged at decision 1: recorded "));
  }
  SUBCASE("a different program") {
    auto r = run_program(
        [] {
          every_decision_program();
          every_decision_program();
        },
        config, std::make_unique<ReplayPolicy>(original.decisions), 7);
    CHECK(r.outcome == Outcome::ReplayDivergence);
  }
}

TEST_CASE("every decision is recorded and emitted as an event" * doctest::timeout(10)) {
  Scheduler s(Scheduler::Config{}.with_processors(2).with_quantum(1_ms).with_wake_order(WakeOrder::Policy),
              make_policy("random", 3), 3);
  TraceRecorder rec;
  rec.attach(s);
  s.run_main("main", every_decision_program);
  REQUIRE(s.outcome() == Outcome::Completed);
  CHECK(rec.decisions().size() == s.decision_count());
  std::set<DecisionKind> kinds;
  for (const Decision& d : rec.decisions()) {
    kinds.insert(d.kind);
    CHECK(d.options >= 2);
    CHECK(d.chosen < d.options);
  }
  CHECK(kinds.count(DecisionKind::PickGoroutine));
  CHECK(kinds.count(DecisionKind::PickProcessor));
  CHECK(kinds.count(DecisionKind::PickWaiter));
}
