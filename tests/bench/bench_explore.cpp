// bench_explore.cpp — schedule exploration speed: whole runs of a program under explorer schedules, in-process
// (pooled stacks, nothing recorded but what the verdict needs).
//
//   explore_random/naive_philosophers   5 philosophers, 1 meal, uniformly random schedules: one run per op
//   explore_dfs/naive_philosophers      the same program, exhaustive dfs without preemptions, whole search
//                                       per iteration; per op = per schedule
//   explore_random/naive_philosophers_session   the same random runs through a full traced Session, for
//                                       comparison (what the light Runner saves)
//   explore_dpor/{readers_N,lastzero_N,indexer_N}   the classic partial-order reduction benchmarks
//                                       (tests/bench/dpor/*.go), whole dpor search per iteration; counters:
//                                       executions (complete, not sleep-set blocked), optimal (the published
//                                       optimal-DPOR count) and their ratio (goal: at most 1.5)
#include <filesystem>
#include <stdexcept>
#include <string>

#include "scenarios/engine/scenario.h"
#include "scenarios/explorer/explorer.h"
#include "scenarios/explorer/runner.h"
#include "tests/bench/bench_common.h"

namespace bench {

namespace {

interleave::engine::RunConfig philosophers() {
  interleave::engine::RunConfig c;
  c.pattern = "dining_philosophers";
  c.variant = "naive";
  c.procs = 2;
  auto p = interleave::engine::catalogue_program(c.pattern, c.variant);
  auto spec = [&](const char* name) -> const interleave::patterns::ParamSpec& {
    for (const auto& s : p->params())
      if (s.name == name) return s;
    throw std::logic_error(name);
  };
  interleave::patterns::ParamValue v;
  interleave::engine::parse_param_value(spec("philosophers"), "5", v);
  c.params.set("philosophers", v);
  interleave::engine::parse_param_value(spec("meals"), "1", v);
  c.params.set("meals", v);
  return c;
}

void explore_random(benchmark::State& state) {
  interleave::explorer::Runner r(philosophers());
  std::uint64_t seed = 1, deadlocks = 0;
  std::vector<std::uint32_t> none;
  for (auto _ : state) {
    auto s = r.run(none, interleave::explorer::Fill::Random, seed++);
    deadlocks += s.outcome == interleave::Outcome::Deadlock;
    benchmark::DoNotOptimize(s.steps);
  }
  per_op(state, 1);
  state.counters["schedules_per_s"] = benchmark::Counter(1, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["deadlock_share"] = static_cast<double>(deadlocks) / static_cast<double>(state.iterations());
}

// The same runs through a full Session (its own stacks, every event recorded): what the Runner saves.
void session_random(benchmark::State& state) {
  auto cfg = philosophers();
  cfg.policy = "random";
  for (auto _ : state) {
    interleave::engine::Session s(cfg);
    s.run();
    benchmark::DoNotOptimize(s.trace().size());
    ++cfg.seed;
  }
  per_op(state, 1);
  state.counters["schedules_per_s"] = benchmark::Counter(1, benchmark::Counter::kIsIterationInvariantRate);
}

void explore_dfs(benchmark::State& state) {
  interleave::explorer::Options o;
  o.preemptions = 0;
  o.max_schedules = 2000;
  o.jobs = 1;
  std::uint64_t schedules = 0;
  for (auto _ : state) {
    auto res = interleave::explorer::explore(philosophers(), o);
    schedules += res.schedules;
  }
  state.counters["per_op"] =
      benchmark::Counter(static_cast<double>(schedules), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["schedules_per_s"] = benchmark::Counter(static_cast<double>(schedules), benchmark::Counter::kIsRate);
}

void explore_dpor(benchmark::State& state, const std::string& name, int n, double optimal) {
  auto cfg = interleave::engine::load_scenario(
                 std::filesystem::path(INTERLEAVE_SOURCE_ROOT) / "tests/bench/dpor" / (name + ".go"),
                 {interleave::engine::Override("N=" + std::to_string(n))})
                 .run;
  interleave::explorer::Options o;
  o.strategy = "dpor";
  o.jobs = 1;
  std::uint64_t executions = 0, blocked = 0;
  for (auto _ : state) {
    auto res = interleave::explorer::explore(cfg, o);
    if (!res.complete) state.SkipWithError("the dpor search did not complete");
    executions = res.schedules;
    blocked = res.sleep_blocked;
  }
  state.counters["executions"] = static_cast<double>(executions);
  state.counters["sleep_blocked"] = static_cast<double>(blocked);
  state.counters["optimal"] = optimal;
  state.counters["ratio"] = static_cast<double>(executions) / optimal;
}

}  // namespace

void register_explore() {
  for (int n : {2, 4, 6, 8}) {
    std::string name = "explore_dpor/readers_" + std::to_string(n);
    timed(benchmark::RegisterBenchmark(name.c_str(), explore_dpor, "readers", n, double(1u << n)));
  }
  const double lastzero[] = {0, 2, 5, 12, 28};
  for (int n = 1; n <= 4; ++n) {
    std::string name = "explore_dpor/lastzero_" + std::to_string(n);
    timed(benchmark::RegisterBenchmark(name.c_str(), explore_dpor, "lastzero", n, lastzero[n]));
  }
  timed(benchmark::RegisterBenchmark("explore_dpor/indexer_12", explore_dpor, "indexer", 12, 8.0));
  timed(benchmark::RegisterBenchmark("explore_random/naive_philosophers", explore_random));
  timed(benchmark::RegisterBenchmark("explore_dfs/naive_philosophers", explore_dfs));
  timed(benchmark::RegisterBenchmark("explore_random/naive_philosophers_session", session_random));
}

}  // namespace bench
