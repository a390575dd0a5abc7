// runtime_test_support.h — small helpers shared by the runtime unit tests (tests/unit/runtime_*_test.cpp).
//
// run_program() runs one program to its end on a fresh Scheduler and returns everything a test asserts on
// (the Scheduler itself cannot be returned: it owns the run). EventCollector is an Observer that keeps every event.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "runtime/interleave.h"

namespace interleave::testing {

// Every event of a run, in order.
struct EventCollector final : Observer {
  std::vector<Event> events;
  void on_event(const Event& e) override { events.push_back(e); }
  std::vector<Event> of_type(EventType t) const {
    std::vector<Event> out;
    for (const Event& e : events)
      if (e.type == t) out.push_back(e);
    return out;
  }
};

struct RunResult {
  Outcome outcome = Outcome::Running;
  std::string message;
  std::string dump;
  GoroutineId culprit = kNoGoroutine;
  std::uint32_t culprit_line = 0;  // line of the call that ended the run (panics and fatal errors)
  VirtualTime end = 0;
  std::uint64_t hash = 0;
  std::vector<Decision> decisions;
  std::vector<std::string> cycles;
  std::size_t events = 0;
};

template <class F>
RunResult run_program(F&& main_fn, Scheduler::Config config = {}, std::unique_ptr<Policy> policy = nullptr,
                      std::uint64_t seed = 1) {
  Scheduler s(config, std::move(policy), seed);
  TraceRecorder rec;
  rec.attach(s);
  s.run_main("main", std::forward<F>(main_fn));
  RunResult r;
  r.outcome = s.outcome();
  r.message = s.outcome_message();
  r.dump = s.dump();
  r.culprit = s.outcome_goroutine();
  r.culprit_line = s.srcloc(s.outcome_srcloc()).line;
  r.end = s.now();
  r.hash = rec.hash();
  r.decisions = rec.decisions();
  r.cycles = s.cycles();
  r.events = rec.size();
  return r;
}

inline bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }
inline bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// Takes the last option for one kind of decision, and the first (FIFO's answer) for every other.
class PickLastPolicy final : public Policy {
 public:
  explicit PickLastPolicy(DecisionKind kind) : kind_(kind) {}
  std::string_view name() const override { return "pick-last"; }
  std::uint32_t choose(const Choice& c) override { return c.kind == kind_ ? c.options - 1 : 0; }

 private:
  DecisionKind kind_;
};

// Three goroutines, each appending its letter and yielding three times: the string is the interleaving.
inline std::string letters_run(std::unique_ptr<Policy> policy, std::uint64_t seed = 1,
                               std::vector<Decision>* out = nullptr) {
  std::string trace;
  auto r = run_program(
      [&] {
        WaitGroup wg;
        wg.add(3);
        for (char name : {'a', 'b', 'c'})
          go(std::string(1, name), [&, name] {
            for (int i = 0; i < 3; ++i) {
              trace += name;
              yield();
            }
            wg.done();
          });
        wg.wait();
      },
      Scheduler::Config{}, std::move(policy), seed);
  CHECK(r.outcome == Outcome::Completed);
  if (out) *out = r.decisions;
  return trace;
}

}  // namespace interleave::testing
