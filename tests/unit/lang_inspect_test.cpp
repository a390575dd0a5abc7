// lang_inspect_test.cpp — what the GUI shows of a Go run besides its trace: the names of the channels and
// sync values a program creates (the variable or field they are first assigned to), and the variables of
// a run between steps (package-level ones and a goroutine's locals, as %v prints them).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "lang/go_program.h"
#include "runtime/policy.h"
#include "runtime/scheduler.h"

namespace lang = interleave::lang;
using interleave::Scheduler;

namespace {

std::shared_ptr<const lang::GoProgram> compile(const std::string& src) {
  std::vector<lang::Diagnostic> errors;
  auto prog = lang::GoProgram::compile("prog.go", src, &errors);
  REQUIRE_MESSAGE(prog, (errors.empty() ? std::string("?") : lang::format(errors[0])));
  return prog;
}

Scheduler::Config config() {
  Scheduler::Config cfg;
  cfg.stack_size = lang::GoProgram::kStackSize;
  cfg.max_steps = 100000;
  return cfg;
}

std::vector<std::string> object_names(const Scheduler& s) {
  std::vector<std::string> names;
  for (interleave::ObjectId id = 1; id <= s.object_count(); ++id)
    if (s.object_info(id).kind != interleave::ObjectKind::RunQueue) names.push_back(s.object_info(id).name);
  return names;
}

std::string show(const std::vector<lang::VarValue>& vars) {
  std::string s;
  for (const auto& v : vars) s += v.name + "=" + v.value + ";";
  return s;
}

}  // namespace

TEST_CASE("channels and sync values are named after the variable or field they are first assigned to") {
  auto prog = compile(R"(package main

import "sync"

type Counter struct {
	mu sync.Mutex
	n  int
}

type Server struct {
	quit chan bool
	wg   sync.WaitGroup
}

var global sync.RWMutex

func main() {
	var wg sync.WaitGroup
	jobs := make(chan int, 5)
	var results chan int
	results = make(chan int)
	c := &Counter{}
	s := Server{quit: make(chan bool)}
	var ready = make(chan struct{})
	workers := []chan int{make(chan int)}
	_, _, _, _, _, _, _ = &wg, jobs, results, c, s, ready, workers
}
)");
  Scheduler sched(config(), interleave::make_policy("go", 1), 1);
  lang::GoRun run(prog, {}, 1);
  sched.start_main("main", [&] { run.main_goroutine(); });
  sched.run();
  run.finish(sched);
  CHECK(run.exit_status() == 0);
  std::vector<std::string> names = object_names(sched);
  std::string all;
  for (const auto& n : names) all += n + ",";
  for (const char* want : {"global", "wg", "jobs", "results", "c.mu", "s.quit", "s.wg", "ready"}) {
    INFO("want ", want, " in ", all);
    CHECK(std::ranges::find(names, want) != names.end());
  }
  // A channel made inside an expression that is not assigned as a whole keeps its line.
  CHECK_MESSAGE(std::ranges::find(names, "chan 25") != names.end(), all);
  CHECK_MESSAGE(std::ranges::find(names, "sync.RWMutex") == names.end(), all);  // every one has its name
  // Go's own texts are untouched: a deadlock dump never names channels.
}

TEST_CASE("between steps: package-level variables and a goroutine's locals, as %v prints them") {
  auto prog = compile(R"(package main

import (
	"fmt"
	"time"
)

var count int
var names = []string{"a", "b"}

type point struct{ x, y int }

func worker(id int, in <-chan int, out chan<- point) {
	sum := 0
	for v := range in {
		sum += v
		count++
	}
	p := point{id, sum}
	out <- p
}

func main() {
	in := make(chan int)
	out := make(chan point)
	go worker(7, in, out)
	in <- 3
	in <- 4
	close(in)
	time.Sleep(time.Millisecond)
	fmt.Println(<-out)
}
)");
  Scheduler sched(config(), interleave::make_policy("go", 1), 1);
  lang::GoRun run(prog, {}, 1);
  sched.start_main("main", [&] { run.main_goroutine(); });
  // Step until the worker blocks on `out <- p` (main is asleep, not yet receiving).
  std::string worker_vars;
  for (int i = 0; i < 1000 && sched.outcome() == interleave::Outcome::Running; ++i) {
    sched.step();
    auto frames = run.frames(2);
    if (!frames.empty() && frames.front().line == 20) {
      worker_vars = show(frames.front().vars);
      break;
    }
  }
  CHECK(show(run.package_vars()) == "count=2;names=[a b];");
  // Channels print as addresses; the loop's `v` is out of scope after the loop.
  CHECK_MESSAGE(worker_vars.starts_with("id=7;in=0xc"), worker_vars);
  CHECK_MESSAGE(worker_vars.find(";out=0xc") != std::string::npos, worker_vars);
  CHECK_MESSAGE(worker_vars.ends_with(";sum=7;p={7 7};"), worker_vars);
  CHECK(worker_vars.find("v=") == std::string::npos);
  auto main_frames = run.frames(1);
  REQUIRE(!main_frames.empty());
  CHECK(main_frames.front().function == "main.main");
  CHECK(main_frames.front().line == 30);  // asleep
  sched.run();
  run.finish(sched);
  CHECK(run.stdout_text() == "{7 7}\n");
  CHECK(run.frames(2).empty());  // it has ended
}

TEST_CASE("between steps: sync values are shown by their state") {
  auto prog = compile(R"(package main

import (
	"sync"
	"time"
)

var mu sync.Mutex
var wg sync.WaitGroup

func main() {
	wg.Add(2)
	mu.Lock()
	go func() {
		mu.Lock()
		wg.Done()
		mu.Unlock()
	}()
	time.Sleep(time.Millisecond)
	mu.Unlock()
	wg.Done()
	wg.Wait()
}
)");
  Scheduler sched(config(), interleave::make_policy("go", 1), 1);
  lang::GoRun run(prog, {}, 1);
  sched.start_main("main", [&] { run.main_goroutine(); });
  std::vector<std::string> seen;
  for (int i = 0; i < 100 && sched.outcome() == interleave::Outcome::Running; ++i) {
    sched.step();
    std::string s = show(run.package_vars());
    if (seen.empty() || seen.back() != s) seen.push_back(s);
  }
  // Locked by main with the goroutine waiting; then released, the counter down to 0.
  CHECK(std::ranges::find(seen, "mu={locked, 1 waiting};wg={counter 2};") != seen.end());
  CHECK(seen.back() == "mu={unlocked};wg={counter 0};");
  CHECK(sched.outcome() == interleave::Outcome::Completed);
}
