// patterns_support.h — runs one pattern variant directly on the runtime, for the pattern tests.
//
// A tiny stand-in for the engine's Session: a Scheduler with a named policy and a TraceRecorder, the
// parameters resolved, a RunContext, and the variant's body as the main goroutine. It also measures what
// the starvation tests need from the trace: the longest single wait of any goroutine of a role.
#pragma once

#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <string>

#include "patterns/registry.h"
#include "runtime/interleave.h"

namespace interleave::patterns::testing {

struct RunOptions {
  std::string policy = "random";
  std::uint64_t seed = 1;
  int processors = 1;
  bool spurious_wakeups = false;
  std::map<std::string, std::string> set;  // parameter overrides, as text
  std::uint64_t max_steps = 2'000'000;
};

struct RunResult {
  Outcome outcome = Outcome::Running;
  std::string message;
  std::string dump;
  std::vector<Metric> metrics;
  VirtualTime end_time = 0;
  std::map<std::string, Duration> max_wait_by_role;  // longest single Blocked interval per role

  double metric(const std::string& name) const {
    for (const Metric& m : metrics)
      if (m.name == name) return m.value;
    return -1;
  }
  Duration max_wait(const std::string& role) const {
    auto it = max_wait_by_role.find(role);
    return it == max_wait_by_role.end() ? 0 : it->second;
  }
};

inline std::string role_of(const std::string& goroutine_name) {
  return goroutine_name.substr(0, goroutine_name.find('#'));
}

// The longest time any goroutine of each role spent Blocked in one wait (still-blocked ones count up to
// the end of the run).
inline std::map<std::string, Duration> max_waits(const TraceRecorder& rec) {
  std::map<GoroutineId, VirtualTime> blocked_since;
  std::map<std::string, Duration> out;
  auto close = [&](GoroutineId g, VirtualTime t) {
    auto it = blocked_since.find(g);
    if (it == blocked_since.end()) return;
    Duration d = t - it->second;
    std::string role = role_of(rec.goroutines()[g].name);
    if (d > out[role]) out[role] = d;
    blocked_since.erase(it);
  };
  rec.for_each([&](const Event& e) {
    if (e.type != EventType::State) return;
    if (e.state() == GState::Blocked)
      blocked_since.emplace(e.g, e.time);
    else
      close(e.g, e.time);
  });
  std::vector<GoroutineId> still;
  for (const auto& [g, t] : blocked_since) still.push_back(g);
  for (GoroutineId g : still) close(g, rec.end_time());
  return out;
}

inline RunResult run_variant(const Pattern& p, const Variant& v, const RunOptions& o) {
  Params params;
  for (const auto& [k, val] : o.set) params.set(k, val);
  auto err = resolve_params(p, params, &v);
  REQUIRE_MESSAGE(!err, p.name, "/", v.name, ": ", err.value_or(""));
  auto config = Scheduler::Config{}
                    .with_processors(o.processors)
                    .with_spurious_wakeups(o.spurious_wakeups)
                    .with_max_steps(o.max_steps);
  auto policy = make_policy(o.policy, o.seed);
  REQUIRE(policy);
  RunContext ctx(params);
  RunResult r;
  {
    Scheduler s(config, std::move(policy), o.seed);
    TraceRecorder rec;
    rec.attach(s);
    r.outcome = s.run_main("main", [&] { v.run(ctx); });
    r.message = s.outcome_message();
    r.dump = s.dump();
    r.end_time = rec.end_time();
    r.max_wait_by_role = max_waits(rec);
  }
  r.metrics = ctx.metrics();
  return r;
}

}  // namespace interleave::patterns::testing
