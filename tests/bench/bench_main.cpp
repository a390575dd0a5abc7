// bench_main.cpp — runs every benchmark, then prints the summary table: Interleave against Boost.Fiber per
// operation, with the targets of issue 2.
//
//   build/interleave-bench                                  # everything, then the table
//   build/interleave-bench --benchmark_filter=yield         # the usual Google Benchmark flags work
//
// The table takes medians (benchmarks repeat 5 times) of the "per_op" counter: seconds per operation.
#include <malloc.h>

#include <climits>
#include <cstdio>
#include <map>
#include <string>

#include "tests/bench/bench_common.h"

namespace {

// The console reporter, also keeping each benchmark's median per-operation time and its memory counter.
class CollectingReporter final : public benchmark::ConsoleReporter {
 public:
  struct Result {
    double per_op_ns = -1;
    double bytes_per_goroutine = -1;
  };
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.error_occurred) continue;
      bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
      bool single = run.run_type == Run::RT_Iteration && run.repetitions <= 1;
      if (!median && !single) continue;
      Result& r = results_[run.run_name.function_name];
      if (auto it = run.counters.find("per_op"); it != run.counters.end()) r.per_op_ns = it->second.value * 1e9;
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

void print_table(const CollectingReporter& rep) {
  struct Target {
    const char* op;
    double max_ratio;  // interleave / boost_fiber; 0: no target
  };
  const Target targets[] = {{"yield_pingpong", 0.5},
                            {"chan_unbuffered_roundtrip", 0.5},
                            {"chan_buffered_item", 1.0},
                            {"mutex_handoff", 0.5},
                            {"spawn_complete", 0}};
  auto time_of = [&](const std::string& op, const char* impl) {
    const auto* r = rep.find(op + "/" + impl);
    return r ? r->per_op_ns : -1.0;
  };
  std::printf("\nInterleave vs Boost.Fiber (medians, per operation)\n");
  std::printf("%-27s %12s %12s %12s %12s %9s %8s %s\n", "operation", "interleave", "untraced", "boost_fiber",
              "raw_context", "ratio", "target", "");
  for (const Target& t : targets) {
    double il = time_of(t.op, "interleave"), un = time_of(t.op, "interleave_untraced");
    double bf = time_of(t.op, "boost_fiber"), raw = time_of(t.op, "raw_context");
    double ratio = il > 0 && bf > 0 ? il / bf : -1;
    char ratio_s[16] = "-", target_s[16] = "-";
    if (ratio > 0) std::snprintf(ratio_s, sizeof ratio_s, "%.2fx", ratio);
    if (t.max_ratio > 0) std::snprintf(target_s, sizeof target_s, "<=%.1fx", t.max_ratio);
    const char* verdict = t.max_ratio <= 0 || ratio < 0 ? "" : ratio <= t.max_ratio ? "ok" : "MISSED";
    std::printf("%-27s %12s %12s %12s %12s %9s %8s %s\n", t.op, cell(il, "ns").c_str(), cell(un, "ns").c_str(),
                cell(bf, "ns").c_str(), cell(raw, "ns").c_str(), ratio_s, target_s, verdict);
  }
  auto rss_of = [&](const char* impl) {
    const auto* r = rep.find(std::string("live_goroutine_rss/") + impl);
    return r ? r->bytes_per_goroutine / 1024.0 : -1.0;
  };
  double il = rss_of("interleave"), un = rss_of("interleave_untraced"), bf = rss_of("boost_fiber");
  const char* verdict = il < 0 ? "" : il <= 5.0 ? "ok" : "MISSED";
  char ratio_s[16] = "-";
  if (il > 0 && bf > 0) std::snprintf(ratio_s, sizeof ratio_s, "%.2fx", il / bf);
  std::printf("%-27s %12s %12s %12s %12s %9s %8s %s\n", "live_goroutine_rss", cell(il, "KiB").c_str(),
              cell(un, "KiB").c_str(), cell(bf, "KiB").c_str(), "-", ratio_s, "<=5 KiB", verdict);
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
}

}  // namespace

int main(int argc, char** argv) {
  // Keep freed memory mapped, so that a benchmark's repetitions reuse warm pages instead of paying this
  // machine's first-touch page faults inside the timed loop.
  mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, INT_MAX);  // a traced run of 0.2 s records about 1.5 GB of events

  bench::register_interleave_memory();
  bench::register_boost_memory();
  bench::register_interleave();
  bench::register_boost();
  bench::register_million();
  bench::register_explore();

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  CollectingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  print_table(reporter);
  return 0;
}
