// lang_golib_test.cpp — Go's timer order at one instant (runtime/timer_heap.h), timers as runtime objects
// (Go 1.23 semantics), package context, and the teaching package interleave (Work, Label, Check, Watch).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "lang/go_program.h"
#include "runtime/policy.h"
#include "runtime/scheduler.h"
#include "runtime/timer_heap.h"

namespace lang = interleave::lang;
using interleave::Outcome;
using interleave::Scheduler;
using interleave::TimerEntry;
using interleave::TimerHeap;
using interleave::TimerTarget;
using interleave::VirtualTime;

namespace {

struct Run {
  std::string out, err;
  Outcome outcome = Outcome::Running;
  std::string message;
  VirtualTime end = 0;
  std::vector<std::string> variables;  // names of the Variable objects the run made
};

Run run_go(const std::string& src, int procs = 1) {
  std::vector<lang::Diagnostic> errors;
  auto prog = lang::GoProgram::compile("prog.go", src, &errors);
  REQUIRE_MESSAGE(prog, (errors.empty() ? std::string("?") : lang::format(errors[0])));
  Scheduler::Config cfg;
  cfg.stack_size = lang::GoProgram::kStackSize;
  cfg.max_steps = 200000;
  cfg.go_timers = true;
  cfg.processors = procs;
  Scheduler sched(cfg, interleave::make_policy("go", 1), 1);
  lang::GoRun run(prog, {}, 1);
  sched.start_main("main", [&] { run.main_goroutine(); });
  sched.run();
  run.finish(sched);
  Run r{run.stdout_text(), run.stderr_text(), sched.outcome(), sched.outcome_message(), sched.now(), {}};
  for (interleave::ObjectId id = 1; id <= sched.object_count(); ++id)
    if (sched.object_info(id).kind == interleave::ObjectKind::Variable)
      r.variables.push_back(sched.object_info(id).name);
  return r;
}

struct Named final : TimerTarget {
  std::string name;
  std::vector<std::string>* fired;
  Named(std::string n, std::vector<std::string>* f) : name(std::move(n)), fired(f) {}
  void fire(VirtualTime) override { fired->push_back(name); }
};

// Fires every timer in the heap's order.
void drain(TimerHeap& h) {
  while (!h.empty()) {
    TimerEntry e = h.top();
    h.pop();
    e.target->fire(e.at);
  }
}

}  // namespace

TEST_CASE("timer heap: Go order at one instant is the 4-ary heap's, not first-in-first-out") {
  std::vector<std::string> fired;
  Named a("a", &fired), b("b", &fired), c("c", &fired);
  TimerHeap go;
  go.set_go_order(true);
  std::uint64_t seq = 0;
  for (Named* t : {&a, &b, &c}) go.push(TimerEntry{100, seq++, nullptr, t});
  drain(go);
  // Go 1.19: after a is removed, c (the last) moves to the root and does not sift below the equal b.
  CHECK(fired == std::vector<std::string>{"a", "c", "b"});

  fired.clear();
  TimerHeap fifo;
  for (Named* t : {&a, &b, &c}) fifo.push(TimerEntry{100, seq++, nullptr, t});
  drain(fifo);
  CHECK(fired == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("timer heap: a timer object can be removed from anywhere and knows whether it is set") {
  std::vector<std::string> fired;
  std::vector<Named> ts;
  ts.reserve(20);
  for (int i = 0; i < 20; ++i) ts.emplace_back("t" + std::to_string(i), &fired);
  TimerHeap h;
  for (int i = 0; i < 20; ++i) h.push(TimerEntry{(i * 7) % 20, static_cast<std::uint64_t>(i), nullptr, &ts[i]});
  CHECK(ts[5].armed());
  CHECK(h.remove(&ts[5]));
  CHECK_FALSE(ts[5].armed());
  CHECK_FALSE(h.remove(&ts[5]));
  VirtualTime last = -1;
  while (!h.empty()) {
    CHECK(h.top().at >= last);  // still a heap after the removal
    last = h.top().at;
    h.pop();
  }
  CHECK(h.size() == 0);
}

TEST_CASE("Go's worker pool ends at 2 s and prints Go's playground order") {
  Run r = run_go(R"(package main

import (
	"fmt"
	"time"
)

func worker(id int, jobs <-chan int, results chan<- int) {
	for j := range jobs {
		fmt.Println("worker", id, "started  job", j)
		time.Sleep(time.Second)
		fmt.Println("worker", id, "finished job", j)
		results <- j * 2
	}
}

func main() {
	jobs := make(chan int, 5)
	results := make(chan int, 5)
	for w := 1; w <= 3; w++ {
		go worker(w, jobs, results)
	}
	for j := 1; j <= 5; j++ {
		jobs <- j
	}
	close(jobs)
	for a := 1; a <= 5; a++ {
		<-results
	}
}
)");
  CHECK(r.outcome == Outcome::Completed);
  CHECK(r.end == 2'000'000'000);
  // What `go run -tags faketime` prints with GOMAXPROCS=1 (tests/lang/programs/gbe_worker_pools.out).
  CHECK(r.out ==
        "worker 3 started  job 1\nworker 1 started  job 2\nworker 2 started  job 3\n"
        "worker 1 finished job 2\nworker 1 started  job 4\nworker 3 finished job 1\nworker 3 started  job 5\n"
        "worker 2 finished job 3\nworker 3 finished job 5\nworker 1 finished job 4\n");
}

TEST_CASE("timers are runtime objects: not goroutines, not in the deadlock dump") {
  Run r = run_go(R"(package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	t := time.NewTimer(time.Second)
	tk := time.NewTicker(time.Millisecond)
	time.AfterFunc(time.Hour, func() {})
	fmt.Println(runtime.NumGoroutine(), cap(t.C), len(tk.C))
	t.Stop()
	tk.Stop()
	<-t.C
}
)");
  CHECK(r.out == "1 0 0\n");
  CHECK(r.outcome == Outcome::Deadlock);
  CHECK(r.end == 3600'000'000'000);  // the AfterFunc timer fired first: Go's faketime jumps to it too
  CHECK(r.err.find("goroutine 1 [chan receive]:") != std::string::npos);
  CHECK(r.err.find("goroutine 17") == std::string::npos);
}

TEST_CASE("context: a timeout cancels on the virtual clock, with Go's texts") {
  Run r = run_go(R"(package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	child, stop := context.WithCancel(ctx)
	defer stop()
	<-child.Done()
	fmt.Println(child.Err(), ctx.Err() == context.DeadlineExceeded)
	fmt.Println(child)
}
)");
  CHECK(r.outcome == Outcome::Completed);
  CHECK(r.end == 50'000'000);
  CHECK(r.out ==
        "context deadline exceeded true\n"
        "context.Background.WithDeadline(2009-11-10 23:00:00.05 +0000 UTC m=+0.050000001 [0s]).WithCancel\n");
}

TEST_CASE("interleave.Work holds a processor; Label, Watch and Check") {
  const char* src = R"(package main

import (
	"fmt"
	"sync"
	"time"

	"interleave"
)

var balance int

func teller(amount int, wg *sync.WaitGroup) {
	defer wg.Done()
	interleave.Label("computing")
	b := balance
	interleave.Work(10 * time.Millisecond)
	balance = b + amount
	interleave.Label("")
}

func main() {
	interleave.Watch("balance", &balance)
	var wg sync.WaitGroup
	wg.Add(2)
	go teller(100, &wg)
	go teller(10, &wg)
	wg.Wait()
	fmt.Println(balance)
	interleave.Check(balance == 110, "no deposit is lost")
}
)";
  Run one = run_go(src, 1);
  CHECK(one.outcome == Outcome::Completed);
  CHECK(one.out == "110\n");
  CHECK(one.end == 20'000'000);  // one processor: the two computations take turns
  CHECK(one.variables == std::vector<std::string>{"balance"});
  Run two = run_go(src, 2);
  CHECK(two.end == 10'000'000);  // two processors: side by side, and one update is lost
  CHECK(two.outcome == Outcome::InvariantViolation);
  CHECK(two.message.find("no deposit is lost: violated (at 10ms") == 0);
}

TEST_CASE("determinism: timers, tickers and contexts give the same output and end time run after run") {
  const char* src = R"(package main

import (
	"context"
	"fmt"
	"math/rand"
	"time"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	tick := time.NewTicker(70 * time.Millisecond)
	defer tick.Stop()
	out := make(chan int)
	for i := 0; i < 3; i++ {
		go func() {
			for {
				time.Sleep(time.Duration(rand.Intn(100)) * time.Millisecond)
				select {
				case out <- i:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	for {
		select {
		case v := <-out:
			fmt.Print(v)
		case <-tick.C:
			fmt.Print(".")
		case <-ctx.Done():
			fmt.Println(" ", ctx.Err())
			return
		}
	}
}
)";
  Run a = run_go(src), b = run_go(src);
  CHECK(a.outcome == Outcome::Completed);
  CHECK(a.end == 300'000'000);
  CHECK(a.out.size() > 10);
  CHECK(a.out == b.out);
  CHECK(a.end == b.end);
}
