// bench_common.h — what the benchmark files share: names, the per-operation normalisation, RSS readings and
// running a measurement in a child process.
//
// Every benchmark is named "<operation>/<impl>". Time is reported per iteration by Google Benchmark; some
// iterations contain more than one operation (a ping-pong iteration is two switches), so each benchmark also
// reports the counter "per_op": seconds per operation, which the summary table uses.
#pragma once

#include <benchmark/benchmark.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace bench {

// Attaches the "per_op" counter: seconds per operation when each iteration performs `ops_per_iteration`.
inline void per_op(benchmark::State& state, double ops_per_iteration) {
  state.counters["per_op"] = benchmark::Counter(
      ops_per_iteration, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// Resident set size of this process, in bytes (/proc/self/statm, second field, in pages).
inline std::int64_t rss_bytes() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return -1;
  long size = 0, resident = 0;
  int n = std::fscanf(f, "%ld %ld", &size, &resident);
  std::fclose(f);
  if (n != 2) return -1;
  return static_cast<std::int64_t>(resident) * sysconf(_SC_PAGESIZE);
}

// Runs `measure` (returning a double) in a forked child, so that memory measurements start from a clean
// process and do not disturb each other; returns its result, or a negative number if the child failed.
template <class F>
double in_child(F&& measure) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    close(fds[0]);
    double v = measure();
    ssize_t w = write(fds[1], &v, sizeof v);
    _exit(w == sizeof v ? 0 : 1);
  }
  close(fds[1]);
  double v = -1;
  ssize_t r = read(fds[0], &v, sizeof v);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (r != sizeof v || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
  return v;
}

inline constexpr int kLiveGoroutines = 100'000;

inline double min_of(const std::vector<double>& v) { return v.empty() ? 0 : *std::min_element(v.begin(), v.end()); }
inline double max_of(const std::vector<double>& v) { return v.empty() ? 0 : *std::max_element(v.begin(), v.end()); }

// The settings every timed benchmark shares: a warm-up, then five repetitions reported as mean, median,
// stddev, min and max (the summary table shows the median and the spread between min and max).
inline benchmark::internal::Benchmark* timed(benchmark::internal::Benchmark* b) {
  return b->MinWarmUpTime(0.05)
      ->MinTime(0.2)
      ->Repetitions(5)
      ->ComputeStatistics("min", min_of)
      ->ComputeStatistics("max", max_of)
      ->ReportAggregatesOnly(true);
}

// Registration. Memory benchmarks are registered (and so run) first, before the timed ones have grown the
// heap, and each runs in a child process of its own.
void register_interleave_memory();
void register_boost_memory();
void register_interleave();
void register_boost();
void register_million();
void register_explore();  // bench_explore.cpp: schedule exploration (when the explorer is built)
void register_go();       // bench_go.cpp: Go programs against CPython and Lua
void register_go_memory();

}  // namespace bench
