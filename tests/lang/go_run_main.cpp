// go_run_main.cpp — interleave-go-run: runs a Go program the way `go run prog.go` does, on Interleave's
// runtime (for the conformance tests until the CLI runs Go programs itself).
//
//   interleave-go-run [--seed N] [--policy go|fifo|random|pct] [--procs N] [--max-steps N]
//                     [--set NAME=VALUE]... [--writes] prog.go
//
// Prints the program's stdout and stderr; exits 0, 2 (panic, fatal error, deadlock) or 1 (compile errors,
// usage). With --writes, lists every write with its virtual time and goroutine instead.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "lang/go_program.h"
#include "runtime/policy.h"
#include "runtime/scheduler.h"

int main(int argc, char** argv) {
  using namespace interleave;
  std::uint64_t seed = 1;
  std::string policy = "go";
  int procs = 1;
  bool list_writes = false;
  std::uint64_t max_steps = 1'000'000;
  std::map<std::string, std::string> sets;
  std::string file;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "interleave-go-run: " << a << " needs a value\n";
        std::exit(1);
      }
      return argv[++i];
    };
    if (a == "--seed")
      seed = std::strtoull(next().c_str(), nullptr, 10);
    else if (a == "--policy")
      policy = next();
    else if (a == "--procs")
      procs = std::atoi(next().c_str());
    else if (a == "--writes")
      list_writes = true;
    else if (a == "--max-steps")
      max_steps = std::strtoull(next().c_str(), nullptr, 10);
    else if (a == "--set") {
      std::string kv = next();
      auto eq = kv.find('=');
      if (eq == std::string::npos) {
        std::cerr << "interleave-go-run: --set wants NAME=VALUE\n";
        return 1;
      }
      sets[kv.substr(0, eq)] = kv.substr(eq + 1);
    } else if (!a.empty() && a[0] == '-') {
      std::cerr << "interleave-go-run: unknown option " << a << "\n";
      return 1;
    } else {
      file = a;
    }
  }
  if (file.empty()) {
    std::cerr << "usage: interleave-go-run [--seed N] [--policy P] [--procs N] [--set NAME=VALUE] prog.go\n";
    return 1;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "interleave-go-run: cannot read " << file << "\n";
    return 1;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::vector<lang::Diagnostic> errors;
  auto prog = lang::GoProgram::compile(file, ss.str(), &errors);
  if (!prog) {
    std::cerr << "# command-line-arguments\n";
    for (auto& e : errors) std::cerr << lang::format(e) << "\n";
    return 1;
  }
  for (auto& [k, v] : sets) {
    if (auto err = prog->check_override(k, v)) {
      std::cerr << "interleave-go-run: " << *err << "\n";
      return 1;
    }
  }
  auto pol = make_policy(policy, seed);
  if (!pol) {
    std::cerr << "interleave-go-run: unknown policy " << policy << "\n";
    return 1;
  }
  Scheduler::Config cfg;
  cfg.processors = procs;
  cfg.stack_size = lang::GoProgram::kStackSize;
  cfg.max_steps = max_steps;
  Scheduler sched(cfg, std::move(pol), seed);
  lang::GoRun run(prog, sets, seed);
  sched.start_main("main", [&] { run.main_goroutine(); });
  sched.run();
  run.finish(sched);
  if (list_writes) {
    for (auto& w : run.writes())
      std::printf("%lld g%u %s %s", static_cast<long long>(w.time), w.g, w.to_stderr ? "err" : "out", w.text.c_str());
    return run.exit_status();
  }
  std::fwrite(run.stdout_text().data(), 1, run.stdout_text().size(), stdout);
  std::fflush(stdout);
  std::fwrite(run.stderr_text().data(), 1, run.stderr_text().size(), stderr);
  return run.exit_status();
}
