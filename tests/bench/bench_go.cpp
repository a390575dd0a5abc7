// bench_go.cpp — Go programs (tests/bench/go/) run by Interleave's Go, against the same programs in CPython 3
// and Lua 5.4 (Debian's /usr/bin/python3 and lua5.4), plus the Go runtime paths: a channel round trip, the
// memory of a daisy chain of 10,000 goroutines, and 100,000 goroutines alive at once.
//
// What is timed, for every implementation: the CPU time of one whole program, from its source text to its
// last output line, inside the process that runs it: for Interleave, GoProgram::compile and a run on a
// Scheduler (as `interleave run` does it, minus process start); for CPython and Lua, a wrapper in the
// interpreter itself times loading (so compiling) and running the file, with time.process_time() and
// os.clock(). Process start-up is left out on both sides, and CPU time does not count the time this
// shared machine spends on other processes. Each program's output is checked against Go's.
#include <sys/wait.h>
#include <time.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "lang/go_program.h"
#include "runtime/interleave.h"
#include "runtime/policy.h"
#include "tests/bench/bench_common.h"

#ifndef INTERLEAVE_BENCH_GO_DIR
#error "INTERLEAVE_BENCH_GO_DIR must name tests/bench/go"
#endif

using namespace interleave;

namespace bench {
namespace {

std::string path_of(const std::string& file) { return std::string(INTERLEAVE_BENCH_GO_DIR) + "/" + file; }

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Compiles and runs one Go program; returns its stdout ("" and an error message in `error` on failure).
std::string run_go(const std::string& file, bool traced, std::string* error) {
  std::vector<lang::Diagnostic> errors;
  auto prog = lang::GoProgram::compile(file, read_file(path_of(file)), &errors);
  if (!prog) {
    *error = errors.empty() ? file + ": does not compile" : lang::format(errors[0]);
    return "";
  }
  Scheduler::Config cfg;
  cfg.stack_size = lang::GoProgram::kStackSize;
  Scheduler sched(cfg, make_policy("go", 1), 1);
  TraceRecorder rec;
  if (traced) rec.attach(sched);
  lang::GoRun run(prog, {}, 1);
  sched.start_main("main", [&] { run.main_goroutine(); });
  sched.run();
  run.finish(sched);
  if (sched.outcome() != Outcome::Completed) *error = file + ": " + run.stderr_text();
  return run.stdout_text();
}

// Every Go program's output, as Go 1.19 prints it.
const char* expected_output(const std::string& program) {
  if (program == "fib") return "196418\n";
  if (program == "loop") return "49999995000000\n";
  if (program == "chan_roundtrip") return "4999950000\n";
  if (program == "daisy_chain") return "10001\n";
  if (program == "many_goroutines") return "100000\n";
  return "";
}

// Runs `program` in an interpreter (its own wrapper times it); returns the CPU seconds, or -1.
double run_anchor(const std::string& impl, const std::string& program, std::string* error) {
  std::string cmd;
  if (impl == "cpython")
    cmd =
        "/usr/bin/python3 -c 'import runpy, sys, time\nt = time.process_time()\nrunpy.run_path(sys.argv[1])\n"
        "print(time.process_time() - t)' " +
        path_of(program + ".py");
  else
    cmd = "lua5.4 -e 'local t = os.clock() dofile(\"" + path_of(program + ".lua") + "\") print(os.clock() - t)'";
  cmd += " 2>&1";
  std::FILE* p = popen(cmd.c_str(), "r");
  if (!p) {
    *error = "cannot start " + cmd;
    return -1;
  }
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  int status = pclose(p);
  // The program's own output, then the wrapper's line with the seconds.
  auto last = out.rfind('\n', out.size() >= 2 ? out.size() - 2 : 0);
  std::string own = last == std::string::npos ? "" : out.substr(0, last + 1);
  if (status != 0 || own != expected_output(program)) {
    *error = impl + " " + program + " printed: " + out;
    return -1;
  }
  return std::stod(out.substr(last + 1));
}

// One benchmark iteration = one whole program run. `ops` operations per run give the per_op counter.
void go_program(benchmark::State& state, const std::string& impl, const std::string& program, double ops) {
  double total = 0;
  std::string error;
  static bool warm = false;  // the interpreters' files in the page cache before the first repetition
  if (!warm && impl != "interleave") {
    warm = true;
    run_anchor("cpython", "fib", &error);
    run_anchor("lua", "fib", &error);
    error.clear();
  }
  for (auto _ : state) {
    double seconds = -1;
    if (impl == "interleave") {
      double t0 = cpu_seconds();
      std::string out = run_go(program + ".go", program == "chan_roundtrip", &error);
      seconds = cpu_seconds() - t0;
      if (error.empty() && out != expected_output(program)) error = program + ".go printed: " + out;
    } else {
      seconds = run_anchor(impl, program, &error);
    }
    if (!error.empty() || seconds < 0) {
      state.SkipWithError(error.c_str());
      return;
    }
    state.SetIterationTime(seconds);
    total += seconds;
  }
  state.counters["per_op"] = total / static_cast<double>(state.iterations()) / ops;
}

// Runs `program` in a child process and returns the growth of its peak RSS per goroutine (bytes), or -1.
double peak_rss_per_goroutine(const std::string& program, int goroutines, bool traced) {
  return in_child([&]() -> double {
    std::string error;
    auto prog_text = read_file(path_of(program + ".go"));
    if (std::FILE* f = std::fopen("/proc/self/clear_refs", "w")) {  // "5": reset the peak (VmHWM) to now
      std::fputs("5", f);
      std::fclose(f);
    }
    std::int64_t before = rss_bytes();
    std::string out = run_go(program + ".go", traced, &error);
    if (!error.empty() || out != expected_output(program)) return -1;
    std::int64_t peak = -1;
    if (std::FILE* f = std::fopen("/proc/self/status", "r")) {
      char line[256];
      while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, "VmHWM: %ld kB", &peak) == 1) peak *= 1024;
      std::fclose(f);
    }
    return peak < 0 ? -1 : static_cast<double>(peak - before) / goroutines;
  });
}

void go_rss(benchmark::State& state, const std::string& program, int goroutines, bool traced) {
  double per = -1;
  for (auto _ : state) per = peak_rss_per_goroutine(program, goroutines, traced);
  if (per < 0) state.SkipWithError("the program failed or the measurement did not work");
  state.counters["bytes_per_goroutine"] = per;
}

}  // namespace

void register_go() {
  for (const char* program : {"fib", "loop"})
    for (const char* impl : {"interleave", "cpython", "lua"}) {
      std::string p = program, i = impl;
      benchmark::RegisterBenchmark(("go_" + p + "/" + i).c_str(),
                                   [p, i](benchmark::State& s) { go_program(s, i, p, 1); })
          ->UseManualTime()
          ->Iterations(1)
          ->Repetitions(5)
          ->ComputeStatistics("min", min_of)
          ->ComputeStatistics("max", max_of)
          ->ReportAggregatesOnly(true)
          ->Unit(benchmark::kMillisecond);
    }
  benchmark::RegisterBenchmark("go_chan_roundtrip/interleave",
                               [](benchmark::State& s) { go_program(s, "interleave", "chan_roundtrip", 100000); })
      ->UseManualTime()
      ->Iterations(1)
      ->Repetitions(5)
      ->ComputeStatistics("min", min_of)
      ->ComputeStatistics("max", max_of)
      ->ReportAggregatesOnly(true)
      ->Unit(benchmark::kMillisecond);
}

void register_go_memory() {
  for (bool traced : {true, false}) {
    std::string suffix = traced ? "interleave" : "interleave_untraced";
    benchmark::RegisterBenchmark(("go_daisy_chain_rss/" + suffix).c_str(), [traced](benchmark::State& s) {
      go_rss(s, "daisy_chain", 10000, traced);
    })->Iterations(1);
  }
  benchmark::RegisterBenchmark("go_many_goroutines/interleave_untraced", [](benchmark::State& s) {
    go_rss(s, "many_goroutines", 100000, false);
  })->Iterations(1);
}

}  // namespace bench
