// lang_go_test.cpp — the Go front end and runs of Go programs on the scheduler: automatic semicolons,
// syntax and type errors in Go's words and positions, package-level parameters and overrides, Go's
// runnext scheduling, virtual time, panics, deadlocks and determinism.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "lang/ast.h"
#include "lang/go_program.h"
#include "lang/lexer.h"
#include "runtime/policy.h"
#include "runtime/scheduler.h"

namespace lang = interleave::lang;
using interleave::Scheduler;

namespace {

struct Result {
  std::string out, err;
  int status = -1;
  std::vector<lang::OutputWrite> writes;
  interleave::Outcome outcome = interleave::Outcome::Running;
  interleave::VirtualTime end = 0;
};

Result run_go(const std::string& src, std::uint64_t seed = 1, std::map<std::string, std::string> sets = {},
              const char* policy = "go") {
  std::vector<lang::Diagnostic> errors;
  auto prog = lang::GoProgram::compile("prog.go", src, &errors);
  REQUIRE_MESSAGE(prog, (errors.empty() ? std::string("?") : lang::format(errors[0])));
  Scheduler::Config cfg;
  cfg.stack_size = lang::GoProgram::kStackSize;
  cfg.max_steps = 200000;
  cfg.go_timers = true;
  Scheduler sched(cfg, interleave::make_policy(policy, seed), seed);
  lang::GoRun run(prog, std::move(sets), seed);
  sched.start_main("main", [&] { run.main_goroutine(); });
  sched.run();
  run.finish(sched);
  return Result{run.stdout_text(), run.stderr_text(), run.exit_status(), run.writes(), sched.outcome(), sched.now()};
}

std::vector<std::string> compile_errors(const std::string& src) {
  std::vector<lang::Diagnostic> errors;
  auto prog = lang::GoProgram::compile("prog.go", src, &errors);
  std::vector<std::string> out;
  for (auto& e : errors) out.push_back(lang::format(e));
  if (prog) out.push_back("(compiled)");
  return out;
}

}  // namespace

TEST_CASE("lexer: automatic semicolons after the tokens Go names, and none after an operator") {
  std::vector<lang::LexError> errs;
  auto toks = lang::lex("x := a +\n  b\nreturn\n}", errs);
  CHECK(errs.empty());
  std::string seq;
  for (auto& t : toks) seq += std::string(lang::tok_text(t.tok)) + (t.auto_semi ? "(nl)" : "") + " ";
  CHECK(seq == "name := name + name ;(nl) return ;(nl) } ;(nl) EOF ");
}

TEST_CASE("syntax errors: Go's wording at Go's position") {
  CHECK(compile_errors("package main\nimport \"fmt\"\nfunc main() {\n\tfmt.Println(\"a\"\n}\n") ==
        std::vector<std::string>{
            "prog.go:4:17: syntax error: unexpected newline in argument list; possibly missing comma or )"});
  CHECK(compile_errors("package main\nfunc main() {\n\tgoto x\nx:\n}\n") ==
        std::vector<std::string>{"prog.go:3:2: goto is not in Interleave's Go subset"});
}

TEST_CASE("type errors: Go 1.19's messages, sorted by position") {
  auto e = compile_errors(
      "package main\n\nimport (\n\t\"fmt\"\n\t\"sync\"\n)\n\nfunc main() {\n\tx := 1\n\tvar y int = \"five\"\n"
      "\tfmt.Println(count, y)\n}\n");
  CHECK(e == std::vector<std::string>{"prog.go:5:2: imported and not used: \"sync\"",
                                      "prog.go:9:2: x declared but not used",
                                      "prog.go:10:14: cannot use \"five\" (untyped string constant) as int value in "
                                      "variable declaration",
                                      "prog.go:11:14: undefined: count"});
}

TEST_CASE("hostile input never crashes: deep nesting is a clear error") {
  std::string deep =
      "package main\nfunc main() { x := " + std::string(5000, '(') + "1" + std::string(5000, ')') + "\n}\n";
  auto e = compile_errors(deep);
  REQUIRE(!e.empty());
  CHECK(e[0].find("too deeply nested") != std::string::npos);
  CHECK(!compile_errors("package main\nfunc main() { \"\\q\" }").empty());
  CHECK(!compile_errors("\x01\x02garbage").empty());
}

TEST_CASE("hostile input never crashes: long chains nest their trees, and are a clear error too") {
  // Found while probing deep inputs for the fuzzer: `1+1+...` and `f()()...` are parsed by a loop, but their trees are
  // as deep as they are long, and the checker recurses on them (20,000 links overflowed its stack).
  auto chain = [](const std::string& link) {
    std::string src = "package main\nfunc f() {}\nfunc main() {\n\tx := f\n\t_ = x";
    for (int i = 0; i < 20000; ++i) src += link;
    return compile_errors(src + "\n}\n");
  };
  for (const char* link : {"+1", "()", ".x", "[0]", ".(int)"}) {
    CAPTURE(link);
    auto e = chain(link);
    REQUIRE(!e.empty());
    CHECK(e[0].find("too deeply nested (Interleave's limit)") != std::string::npos);
  }
  // A long chain within the limit still compiles (the limit is lower under AddressSanitizer, whose frames are
  // about ten times larger).
#if defined(__SANITIZE_ADDRESS__)
  constexpr int kLinks = 90;
#else
  constexpr int kLinks = 300;
#endif
  std::string sum = "package main\nimport \"fmt\"\nfunc main() {\n\tx := 1";
  for (int i = 0; i < kLinks; ++i) sum += "+1";
  CHECK(compile_errors(sum + "\n\tfmt.Println(x)\n}\n") == std::vector<std::string>{"(compiled)"});
}

TEST_CASE("package-level constants and variables are parameters; overrides are type-checked") {
  std::vector<lang::Diagnostic> errors;
  auto prog = lang::GoProgram::compile("prog.go",
                                       "package main\n\nimport \"fmt\"\n\nconst workers = 3\n\nvar name = "
                                       "\"pool\"\n\nfunc main() {\n\tfmt.Println(name, workers)\n}\n",
                                       &errors);
  REQUIRE(prog);
  REQUIRE(prog->params().size() == 2);
  CHECK(prog->params()[0].name == "workers");
  CHECK(prog->params()[0].is_const);
  CHECK(prog->params()[0].default_text == "3");
  CHECK(prog->params()[1].name == "name");
  CHECK(prog->params()[1].default_text == "\"pool\"");
  CHECK(!prog->check_override("workers", "5"));
  CHECK(prog->check_override("workers", "\"five\""));
  CHECK(prog->check_override("nosuch", "1"));
  auto r = run_go(prog->source(), 1, {{"workers", "7"}, {"name", "\"jobs\""}});
  CHECK(r.out == "jobs 7\n");
}

TEST_CASE("go policy: a new goroutine runs next (runnext), then first in, first out") {
  auto r = run_go(R"(package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println("worker", i)
		}()
	}
	wg.Wait()
}
)");
  // Go 1.19 on one P prints the last-started worker first, then the others in order.
  CHECK(r.out == "worker 3\nworker 1\nworker 2\n");
  CHECK(r.status == 0);
}

TEST_CASE("virtual time: Go by Example's worker pool ends at 2 s, and writes carry time and goroutine") {
  auto r = run_go(R"(package main

import (
	"fmt"
	"time"
)

func worker(id int, jobs <-chan int, results chan<- int) {
	for j := range jobs {
		time.Sleep(time.Second)
		results <- j * 2
	}
}

func main() {
	start := time.Now()
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
	fmt.Println(time.Since(start), start)
}
)");
  // Go's monotonic reading starts at 1 ns (`go run -tags faketime` prints m=+0.000000001 here).
  CHECK(r.out == "2s 2009-11-10 23:00:00 +0000 UTC m=+0.000000001\n");
  REQUIRE(r.writes.size() == 1);
  CHECK(r.writes[0].time == 2'000'000'000);
  CHECK(r.writes[0].g == 1);
}

TEST_CASE("panics and deadlocks: Go's texts and exit status 2") {
  auto p = run_go("package main\n\nfunc main() {\n\tvar m map[string]int\n\tm[\"a\"] = 1\n}\n");
  CHECK(p.status == 2);
  CHECK(p.err == "panic: assignment to entry in nil map\n\ngoroutine 1 [running]:\nmain.main()\n\tprog.go:5 +0x1d\n");
  auto d = run_go(
      "package main\n\nfunc main() {\n\tc := make(chan int)\n\tgo func() { c <- 1; c <- 2 }()\n\t<-c\n\t<-make(chan "
      "bool)\n}\n");
  CHECK(d.status == 2);
  CHECK(d.outcome == interleave::Outcome::Deadlock);
  CHECK(d.err ==
        "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:\nmain.main()\n\tprog.go:7 "
        "+0x1d\n\ngoroutine 17 [chan send]:\nmain.main.func1()\n\tprog.go:5 +0x1d\ncreated by main.main\n\tprog.go:5 "
        "+0x1d\n");
}

TEST_CASE("recover stops a panic; a runaway loop ends at the step limit") {
  auto r = run_go(R"(package main

import "fmt"

func f() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("caught: %v", r)
		}
	}()
	var p *struct{ x int }
	p.x = 1
	return nil
}

func main() {
	fmt.Println(f())
}
)");
  CHECK(r.out == "caught: runtime error: invalid memory address or nil pointer dereference\n");
  auto spin = run_go("package main\n\nfunc main() {\n\tfor {\n\t}\n}\n");
  CHECK(spin.outcome == interleave::Outcome::StepLimit);
  CHECK(spin.status == 2);
}

TEST_CASE("determinism: the same program and seed give the same output under the random policy") {
  const char* src = R"(package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	order := []int{}
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			order = append(order, i)
			mu.Unlock()
		}()
	}
	wg.Wait()
	m := map[int]bool{1: true, 2: true, 3: true, 4: true}
	for k := range m {
		order = append(order, k)
	}
	fmt.Println(order)
}
)";
  auto a = run_go(src, 7, {}, "random");
  auto b = run_go(src, 7, {}, "random");
  CHECK(a.out == b.out);
  CHECK(a.status == 0);
}
