// bench_main.cpp — runs every benchmark, then prints the summary table: Interleave against Boost.Fiber per
// operation, with the targets of issue 15 and a verdict per row.
//
//   build/interleave-bench                                  # everything, then the table
//   build/interleave-bench --benchmark_filter=yield         # the usual Google Benchmark flags work
//
// Every timed benchmark repeats 5 times. The table takes the median of the "per_op" counter (seconds per
// operation) and shows the spread of the traced runs and of Boost.Fiber's (min-max of the repetitions); the
// ratio and its verdict compare medians.
#include <malloc.h>

#include <climits>
#include <cstdio>
#include <map>
#include <string>

#include "tests/bench/bench_common.h"

#ifndef INTERLEAVE_BUILD_TYPE
#define INTERLEAVE_BUILD_TYPE "unknown"
#endif

namespace {

// The console reporter, also keeping each benchmark's per-operation time (median, min, max over the
// repetitions) and its memory counter.
class CollectingReporter final : public benchmark::ConsoleReporter {
 public:
  struct Result {
    double per_op_ns = -1;  // median
    double min_ns = -1;
    double max_ns = -1;
    double bytes_per_goroutine = -1;
  };
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.error_occurred) continue;
      bool single = run.run_type == Run::RT_Iteration && run.repetitions <= 1;
      bool aggregate = run.run_type == Run::RT_Aggregate;
      if (!single && !aggregate) continue;
      Result& r = results_[run.run_name.function_name];
      double* slot = nullptr;
      if (single || run.aggregate_name == "median")
        slot = &r.per_op_ns;
      else if (run.aggregate_name == "min")
        slot = &r.min_ns;
      else if (run.aggregate_name == "max")
        slot = &r.max_ns;
      else
        continue;
      if (auto it = run.counters.find("per_op"); it != run.counters.end()) *slot = it->second.value * 1e9;
      if (auto it = run.counters.find("bytes_per_goroutine"); it != run.counters.end())
        r.bytes_per_goroutine = it->second.value;
    }
  }
  const Result* find(const std::string& name) const {
    auto it = results_.find(name);
    return it == results_.end() ? nullptr : &it->second;
  }

 private:
  std::map<std::string, Result> results_;
};

std::string cell(double v, const char* unit) {
  if (v < 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, v < 100 ? "%.1f %s" : "%.0f %s", v, unit);
  return buf;
}

std::string spread(const CollectingReporter::Result* r) {
  if (!r || r->min_ns < 0 || r->max_ns < 0) return "-";
  char buf[48];
  std::snprintf(buf, sizeof buf, r->max_ns < 100 ? "%.1f-%.1f" : "%.0f-%.0f", r->min_ns, r->max_ns);
  return buf;
}

const char* build_description() {
#if defined(__OPTIMIZE__) && defined(NDEBUG)
  return "optimised, NDEBUG";
#elif defined(__OPTIMIZE__)
  return "optimised, assertions on";
#else
  return "NOT optimised";
#endif
}

// Go programs: Interleave's Go against CPython and Lua (CPU time of one whole program run, medians).
void print_go_table(const CollectingReporter& rep, double compiled_roundtrip_ns) {
  auto med = [&](const std::string& name) {
    const auto* r = rep.find(name);
    return r ? r->per_op_ns : -1.0;
  };
  auto ms = [](double ns) { return ns < 0 ? std::string("-") : cell(ns / 1e6, "ms"); };
  auto ms_spread = [](const CollectingReporter::Result* r) {
    if (!r || r->min_ns < 0 || r->max_ns < 0) return std::string("-");
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.0f-%.0f ms", r->min_ns / 1e6, r->max_ns / 1e6);
    return std::string(buf);
  };
  const char* row = "%-14s %10s %15s %10s %10s %12s %12s %s\n";
  bool any = false;
  for (const char* program : {"go_fib", "go_loop"}) {
    std::string p = program;
    double il = med(p + "/interleave"), py = med(p + "/cpython"), lua = med(p + "/lua");
    if (il < 0 && py < 0 && lua < 0) continue;
    if (!any) {
      std::printf("\nGo programs: CPU time of one whole program run (compile + run), median of 5\n");
      std::printf(row, "program", "interleave", "spread", "cpython", "lua", "vs cpython", "vs lua", "");
      any = true;
    }
    char vpy[32] = "-", vlua[32] = "-";
    bool ok = il > 0 && py > 0 && lua > 0 && il / py <= 0.67 && il / lua <= 2.0;
    if (il > 0 && py > 0) std::snprintf(vpy, sizeof vpy, "%.2fx/0.67", il / py);
    if (il > 0 && lua > 0) std::snprintf(vlua, sizeof vlua, "%.2fx/2.0", il / lua);
    std::printf(row, program, ms(il).c_str(), ms_spread(rep.find(p + "/interleave")).c_str(), ms(py).c_str(),
                ms(lua).c_str(), vpy, vlua,
                il < 0 || py < 0 || lua < 0 ? "not run"
                : ok                        ? "ok"
                                            : "MISSED");
  }
  if (double go = med("go_chan_roundtrip/interleave"); go > 0) {
    double ratio = compiled_roundtrip_ns > 0 ? go / compiled_roundtrip_ns : -1;
    std::printf(
        "go_chan_roundtrip/interleave: %.0f ns per round trip (traced), %.2fx the compiled one (target "
        "<= 2x): %s\n",
        go, ratio,
        ratio < 0      ? "not compared"
        : ratio <= 2.0 ? "ok"
                       : "MISSED");
  }
  for (const char* impl : {"interleave", "interleave_untraced"})
    if (const auto* r = rep.find(std::string("go_daisy_chain_rss/") + impl); r && r->bytes_per_goroutine > 0)
      std::printf("go_daisy_chain_rss/%s: 10,000 goroutines, peak %.2f KiB each (target <= 8 KiB): %s\n", impl,
                  r->bytes_per_goroutine / 1024, r->bytes_per_goroutine <= 8192 ? "ok" : "MISSED");
  if (const auto* r = rep.find("go_many_goroutines/interleave_untraced"))
    std::printf("go_many_goroutines: 100,000 goroutines alive at once: %s (peak %.2f KiB each)\n",
                r->bytes_per_goroutine > 0 ? "ok" : "FAILED", r->bytes_per_goroutine / 1024);
}

void print_table(const CollectingReporter& rep) {
  struct Target {
    const char* op;
    double max_ratio;  // interleave (traced) / boost_fiber, medians; 0: no target
  };
  const Target targets[] = {{"yield_pingpong", 0.4},
                            {"chan_unbuffered_roundtrip", 0.4},
                            {"chan_buffered_item", 0.8},
                            {"mutex_handoff", 0.4},
                            {"spawn_complete", 0}};
  constexpr double kMaxKiBPerGoroutine = 4.0;
  auto result = [&](const std::string& op, const char* impl) { return rep.find(op + "/" + impl); };
  auto median = [&](const std::string& op, const char* impl) {
    const auto* r = result(op, impl);
    return r ? r->per_op_ns : -1.0;
  };
  std::printf("\nInterleave vs Boost.Fiber: median of 5 repetitions per operation, spread = min-max\n");
  std::printf("build: CMAKE_BUILD_TYPE=%s (%s), hooks %s\n", INTERLEAVE_BUILD_TYPE, build_description(),
              INTERLEAVE_HOOKS ? "compiled in" : "compiled out");
  const char* row = "%-26s %10s %13s %10s %11s %13s %11s %7s %8s %s\n";
  std::printf(row, "operation", "interleave", "spread", "untraced", "boost_fiber", "spread", "raw_context", "ratio",
              "target", "");
  for (const Target& t : targets) {
    double il = median(t.op, "interleave"), un = median(t.op, "interleave_untraced");
    double bf = median(t.op, "boost_fiber"), raw = median(t.op, "raw_context");
    double ratio = il > 0 && bf > 0 ? il / bf : -1;
    char ratio_s[16] = "-", target_s[16] = "-";
    if (ratio > 0) std::snprintf(ratio_s, sizeof ratio_s, "%.2fx", ratio);
    if (t.max_ratio > 0) std::snprintf(target_s, sizeof target_s, "<=%.1fx", t.max_ratio);
    const char* verdict = t.max_ratio <= 0 ? "" : ratio < 0 ? "not run" : ratio <= t.max_ratio ? "ok" : "MISSED";
    std::printf(row, t.op, cell(il, "ns").c_str(), spread(result(t.op, "interleave")).c_str(), cell(un, "ns").c_str(),
                cell(bf, "ns").c_str(), spread(result(t.op, "boost_fiber")).c_str(), cell(raw, "ns").c_str(), ratio_s,
                target_s, verdict);
  }
  auto rss_of = [&](const char* impl) {
    const auto* r = rep.find(std::string("live_goroutine_rss/") + impl);
    return r ? r->bytes_per_goroutine / 1024.0 : -1.0;
  };
  double il = rss_of("interleave"), un = rss_of("interleave_untraced"), bf = rss_of("boost_fiber");
  const char* verdict = il < 0 ? "not run" : il <= kMaxKiBPerGoroutine ? "ok" : "MISSED";
  char ratio_s[16] = "-", target_s[16];
  if (il > 0 && bf > 0) std::snprintf(ratio_s, sizeof ratio_s, "%.2fx", il / bf);
  std::snprintf(target_s, sizeof target_s, "<=%.0f KiB", kMaxKiBPerGoroutine);
  char il_s[32] = "-";  // two decimals: 4.04 KiB must not read as 4.0
  if (il > 0) std::snprintf(il_s, sizeof il_s, "%.2f KiB", il);
  std::printf(row, "live_goroutine_rss", il_s, "(1 run)", cell(un, "KiB").c_str(), cell(bf, "KiB").c_str(), "(1 run)",
              "-", ratio_s, target_s, verdict);
  if (const auto* m = rep.find("million_goroutines/interleave_untraced"))
    std::printf("million_goroutines: 1,000,000 goroutines parked on one WaitGroup and released: %s (%.2f KiB each)\n",
                m->bytes_per_goroutine > 0 ? "ok" : "FAILED", m->bytes_per_goroutine / 1024.0);
  if (const auto* e = rep.find("explore_random/naive_philosophers"); e && e->per_op_ns > 0)
    std::printf(
        "explore_random/naive_philosophers: %.0f schedules/s on one core (%.1f us each; target >= 50,000/s): %s\n",
        1e9 / e->per_op_ns, e->per_op_ns / 1000.0, 1e9 / e->per_op_ns >= 50000 ? "ok" : "MISSED");
  if (const auto* e = rep.find("explore_random/naive_philosophers_session"); e && e->per_op_ns > 0)
    std::printf("explore_random/naive_philosophers_session (a traced Session per run): %.0f schedules/s\n",
                1e9 / e->per_op_ns);
  if (const auto* e = rep.find("explore_dfs/naive_philosophers"); e && e->per_op_ns > 0)
    std::printf("explore_dfs/naive_philosophers: %.0f schedules/s on one core\n", 1e9 / e->per_op_ns);
  print_go_table(rep, median("chan_unbuffered_roundtrip", "interleave"));
}

}  // namespace

int main(int argc, char** argv) {
  // Keep freed memory mapped, so that a benchmark's repetitions reuse warm pages instead of paying this
  // machine's first-touch page faults inside the timed loop.
  mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, INT_MAX);  // a traced run of 0.2 s records about 1.5 GB of events

  bench::register_interleave_memory();
  bench::register_boost_memory();
  bench::register_go_memory();
  bench::register_interleave();
  bench::register_boost();
  bench::register_million();
  bench::register_explore();
  bench::register_go();

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  CollectingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  print_table(reporter);
  return 0;
}
