// waitgroup_join.cpp — wait for N goroutines with a sync.WaitGroup.
//
// main starts N goroutines and must not go on until all have finished. wg.Add(1) before each `go`,
// wg.Done() at the end of each goroutine, wg.Wait() in main. The classic mistake is calling Add inside the
// goroutine: main may reach Wait while the counter is still zero and walk straight through.
#include <memory>
#include <string>

#include "patterns/registry.h"

namespace interleave::patterns {
namespace {

struct Join {
  explicit Join(RunContext& c) : ctx(c) {}
  RunContext& ctx;
  WaitGroup wg{"wg"};
  int finished = 0;
};

void run_add_before_go(RunContext& ctx) {
  auto j = std::make_shared<Join>(ctx);
  int n = int(ctx.params.integer("goroutines"));
  for (int i = 0; i < n; ++i) {
    j->wg.add(1);  // count the goroutine before it starts
    go("worker#" + std::to_string(i), [j] {
      work(j->ctx.params.draw("work_time"));
      j->finished += 1;
      j->wg.done();
    });
  }
  j->wg.wait();  // returns when all n have called Done
  ctx.check(j->finished == n, "joined", std::to_string(j->finished) + " of " + std::to_string(n) + " finished");
  ctx.set_metric("joined", j->finished, "goroutines");
}

void run_add_inside_goroutine(RunContext& ctx) {
  auto j = std::make_shared<Join>(ctx);
  int n = int(ctx.params.integer("goroutines"));
  for (int i = 0; i < n; ++i) {
    go("worker#" + std::to_string(i), [j] {
      j->wg.add(1);  // BUG: too late — main may already be past Wait
      work(j->ctx.params.draw("work_time"));
      j->finished += 1;
      j->wg.done();
    });
  }
  j->wg.wait();  // the counter may still be 0: returns at once
  ctx.check(j->finished == n, "joined",
            "Wait returned with " + std::to_string(j->finished) + " of " + std::to_string(n) + " finished");
  ctx.set_metric("joined", j->finished, "goroutines");
}

Registrar reg([] {
  Pattern p;
  p.name = "waitgroup_join";
  p.title = "Joining goroutines with a WaitGroup (Go)";
  p.lesson =
      "Watch the WaitGroup's counter: it must go up before main can reach Wait, and come down as each "
      "goroutine finishes. Add before `go`, Done at the end, Wait in main.";
  p.source_file = "patterns/waitgroup_join.cpp";
  p.params = {
      ParamSpec::integer("goroutines", 5, 1, 1000, "goroutines", "goroutines to start and join"),
      ParamSpec::duration("work_time", "uniform 1ms..3ms", "each goroutine's work (work)"),
  };
  p.invariants = {{"joined", "when Wait returns, every goroutine has finished"}};
  p.metrics = {{"joined", "goroutines"}};
  p.variants = {
      {"add_before_go", "wg.Add(1) before go",
       "The counter is raised before each goroutine starts, so Wait cannot return until every one of them "
       "has called Done.",
       Bug::None, &run_add_before_go},
      {"add_inside_goroutine", "wg.Add(1) inside the goroutine",
       "The goroutines raise the counter themselves, but main can reach Wait before any of them has run: the "
       "counter is 0 and Wait returns at once, with the work unfinished.",
       Bug::InvariantViolation, &run_add_inside_goroutine},
  };
  return p;
});

}  // namespace
}  // namespace interleave::patterns
