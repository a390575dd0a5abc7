// explore_dpor_test.cpp — the default strategy, dpor: exhaustive with partial-order reduction. The classic
// reduction benchmarks (tests/bench/dpor/*.go, written with sync/atomic) explore as many executions as their
// published optimal counts (Abdulla et al., POPL 2014), within 1.5x; programs whose answer can be derived by
// hand have exactly their outputs and outcomes; broken variants' bugs are found.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "scenarios/engine/scenario.h"
#include "scenarios/explorer/explorer.h"

using namespace interleave;
using namespace interleave::explorer;

namespace {

const std::filesystem::path kRoot = INTERLEAVE_SOURCE_ROOT;

engine::RunConfig bench(const std::string& name, int n) {
  return engine::load_scenario(kRoot / "tests/bench/dpor" / (name + ".go"),
                               {engine::Override("N=" + std::to_string(n))})
      .run;
}

engine::RunConfig go_text(const std::string& name, const std::string& text) {
  auto dir = std::filesystem::temp_directory_path() / "interleave-dpor-test";
  std::filesystem::create_directories(dir);
  auto p = dir / name;
  std::ofstream(p) << text;
  return engine::load_scenario(p).run;
}

Options dpor(int jobs = 1) {
  Options o;
  o.strategy = "dpor";
  o.jobs = jobs;
  return o;
}

std::string fingerprint(Result r) {
  r.seconds = 0;
  return to_json(r);
}

}  // namespace

TEST_CASE("dpor: readers N explores 2^N executions") {
  for (int n = 1; n <= 5; ++n) {
    CAPTURE(n);
    Result r = explore(bench("readers", n), dpor());
    CHECK(r.complete);
    CHECK(r.schedules == (1u << n));
    CHECK(!r.bug);
  }
}

TEST_CASE("dpor: lastzero N explores the optimal 2, 5, 12, 28 executions, within 1.5x") {
  const std::uint64_t optimal[] = {0, 2, 5, 12, 28};
  for (int n = 1; n <= 4; ++n) {
    CAPTURE(n);
    Result r = explore(bench("lastzero", n), dpor());
    CHECK(r.complete);
    CHECK(r.schedules >= optimal[n]);  // fewer would have missed a class of executions
    CHECK(r.schedules * 2 <= optimal[n] * 3);
  }
}

TEST_CASE("dpor: indexer 12 explores 8 executions, and 1 below 12 (no collisions)") {
  Result r = explore(bench("indexer", 12), dpor());
  CHECK(r.complete);
  CHECK(r.schedules >= 8);
  CHECK(r.schedules <= 12);
  CHECK(explore(bench("indexer", 10), dpor()).schedules == 1);
}

TEST_CASE("dpor: two goroutines each printing twice have exactly the 6 outputs") {
  Result r = explore(go_text("print2.go", R"(package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	for _, name := range []string{"a", "b"} {
		go func(n string) {
			defer wg.Done()
			fmt.Print(n)
			fmt.Print(n)
		}(name)
	}
	wg.Wait()
}
)"),
                     dpor());
  CHECK(r.complete);
  CHECK(r.schedules == 6);  // one per output: nothing else in the program depends on the order
  std::set<std::string> texts;
  for (const auto& o : r.outputs) texts.insert(o.text);
  CHECK(texts == std::set<std::string>{"aabb", "abab", "abba", "baab", "baba", "bbaa"});
  // dfs, without the reduction, sees the same outputs in many more schedules.
  Options d;
  d.strategy = "dfs";
  d.preemptions = 10;
  Result full = explore(go_text("print2.go", R"(package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	for _, name := range []string{"a", "b"} {
		go func(n string) {
			defer wg.Done()
			fmt.Print(n)
			fmt.Print(n)
		}(name)
	}
	wg.Wait()
}
)"),
                        d);
  CHECK(full.outputs.size() == 6);
  CHECK(full.schedules > r.schedules);
}

TEST_CASE("dpor: a race on an atomic is found; the same program with a mutex has one outcome") {
  const char* racy = R"(package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

var n int64

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	for i := 0; i < 2; i++ {
		go func() {
			defer wg.Done()
			v := atomic.LoadInt64(&n)
			atomic.StoreInt64(&n, v+1)
		}()
	}
	wg.Wait()
	if atomic.LoadInt64(&n) != 2 {
		panic("lost update")
	}
	fmt.Println(n)
}
)";
  Result r = explore(go_text("racy.go", racy), dpor());
  CHECK(r.complete);
  REQUIRE(r.bug);
  CHECK(r.bug->kind == "panic");
  CHECK(r.bug->preemptions == 1);
  CHECK(r.outcomes["completes"] > 0);
  const char* locked = R"(package main

import (
	"fmt"
	"sync"
)

var n int64

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	wg.Add(3)
	for i := 0; i < 3; i++ {
		go func() {
			defer wg.Done()
			mu.Lock()
			n++
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println(n)
}
)";
  Result m = explore(go_text("locked.go", locked), dpor());
  CHECK(m.complete);
  CHECK(!m.bug);
  CHECK(m.outcomes.size() == 1);
  CHECK(m.outputs.size() == 1);
  CHECK(m.schedules == 6);  // 3! orders of the critical sections, each its own class
}

TEST_CASE("dpor: broken compiled variants' bugs are found (one processor), with their preemptions") {
  struct Case {
    std::string file;
    const char* kind;
    std::uint32_t preemptions;
  } cases[] = {
      {"race_condition/unsynchronised.toml", "invariant_violation: no_lost_update", 1},
      {"condition_variables/if_not_while.toml", "invariant_violation: closed_gate", 1},
      {"condition_variables/signal_not_broadcast.toml", "deadlock", 0},
      {"producer_consumer/if_instead_of_while.toml", "invariant_violation: bounded", 0},  // 1 with procs = 2
      {"producer_consumer/one_cond_signal.toml", "deadlock", 0},
      {"semaphores/rendezvous_deadlock.toml", "deadlock", 0},
  };
  for (const auto& c : cases) {
    CAPTURE(c.file);
    auto cfg = engine::load_scenario(kRoot / "scenarios" / c.file, {engine::Override("schedule.procs=1")}).run;
    Options o = dpor();
    o.max_schedules = 2000;  // some of the reduced spaces are large; every bug shows well before
    Result r = explore(cfg, o);
    REQUIRE(r.bug);
    CHECK(r.bug->kind == c.kind);
    CHECK(r.bug->preemptions == c.preemptions);
  }
}

TEST_CASE("dpor: the same result for any --jobs; with procs > 1 it says it explored with dfs") {
  CHECK(fingerprint(explore(bench("lastzero", 3), dpor(1))) == fingerprint(explore(bench("lastzero", 3), dpor(3))));
  auto cfg = engine::load_scenario(kRoot / "scenarios/race_condition/mutex.toml").run;
  REQUIRE(cfg.procs > 1);
  Options o = dpor();
  o.preemptions = 1;
  Result r = explore(cfg, o);
  CHECK(r.strategy == "dfs (dpor needs procs = 1)");
  CHECK(!r.complete);
  CHECK(r.incomplete_reason.rfind("dpor needs procs = 1, explored with dfs: preemption bound", 0) == 0);
}

TEST_CASE("dpor: a program with select, a buffered channel and a mutex has exactly the outputs dfs finds") {
  auto cfg = go_text("select.go", R"(package main

import (
	"fmt"
	"sync"
)

func main() {
	a := make(chan int, 1)
	b := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	wg.Add(3)
	go func() { defer wg.Done(); a <- 1; fmt.Print("A") }()
	go func() { defer wg.Done(); mu.Lock(); fmt.Print("m"); mu.Unlock(); b <- 2 }()
	go func() {
		defer wg.Done()
		for i := 0; i < 2; i++ {
			select {
			case v := <-a:
				fmt.Print(v)
			case v := <-b:
				fmt.Print(v)
			}
		}
	}()
	mu.Lock()
	fmt.Print("M")
	mu.Unlock()
	wg.Wait()
	fmt.Println()
}
)");
  Result r = explore(cfg, dpor());
  Options d;
  d.strategy = "dfs";
  d.preemptions = 8;  // enough for the whole tree: complete
  d.jobs = 1;
  Result full = explore(cfg, d);
  REQUIRE(full.complete);
  CHECK(r.complete);
  auto texts = [](const Result& x) {
    std::set<std::string> s;
    for (const auto& o : x.outputs) s.insert(o.text);
    return s;
  };
  CHECK(texts(r) == texts(full));
  CHECK(r.outcomes.size() == full.outcomes.size());
  CHECK(r.schedules * 100 < full.schedules);  // 61 against 18,308 when written
}
