// worker_pool.cpp — Go's worker pool: a fixed number of workers drain a job channel into a results channel.
//
// The dispatcher sends jobs into a buffered channel and closes it when there are no more; each worker
// ranges over the jobs until the channel is closed and drained, sending a result for each. A WaitGroup
// tells a closer goroutine when every worker has finished, so it can close the results channel, which
// ends main's loop over the results. Forgetting one close() leaves goroutines waiting forever.
#include <memory>
#include <string>
#include <vector>

#include "patterns/registry.h"

namespace interleave::patterns {
namespace {

void worker(RunContext& ctx, Channel<int> jobs, Channel<int> results, WaitGroup& wg) {
  for (;;) {
    auto [job, ok] = jobs.recv_ok();  // for job := range jobs
    if (!ok) break;
    work(ctx.params.draw("job_time"));
    results.send(job * 2);
  }
  wg.done();
}

void run_pool(RunContext& ctx, bool close_jobs) {
  int workers = int(ctx.params.integer("workers")), njobs = int(ctx.params.integer("jobs"));
  auto queue = std::size_t(ctx.params.integer("queue"));
  Channel<int> jobs(queue, "jobs");
  Channel<int> results(queue, "results");
  auto wg = std::make_shared<WaitGroup>("workers");
  for (int w = 0; w < workers; ++w) {
    wg->add(1);
    go("worker#" + std::to_string(w), [&ctx, jobs, results, wg] { worker(ctx, jobs, results, *wg); });
  }
  go("dispatcher#0", [jobs, njobs, close_jobs]() mutable {
    for (int j = 1; j <= njobs; ++j) {
      jobs.send(j);  // blocks while the jobs channel is full
    }
    if (close_jobs) jobs.close();  // no more jobs: the workers' loops end once the channel is drained
  });
  go("closer#0", [results, wg]() mutable {
    wg->wait();       // every worker has finished...
    results.close();  // ...so no more results will come
  });
  std::vector<int> seen(std::size_t(njobs) + 1, 0);
  for (;;) {
    auto [r, ok] = results.recv_ok();  // for r := range results
    if (!ok) break;
    int job = r / 2;
    ctx.check(r % 2 == 0 && job >= 1 && job <= njobs && seen[std::size_t(job)] == 0, "every_result",
              "result " + std::to_string(r) + " is unexpected or came twice");
    seen[std::size_t(job)] += 1;
    ctx.add_metric("results", 1, "results");
  }
  for (int j = 1; j <= njobs; ++j)
    ctx.check(seen[std::size_t(j)] == 1, "every_result", "no result for job " + std::to_string(j));
  double seconds = double(now()) / 1e9;
  ctx.set_metric("throughput", seconds > 0 ? njobs / seconds : 0, "jobs/s");
}

void run_correct(RunContext& ctx) { run_pool(ctx, true); }
void run_no_close(RunContext& ctx) { run_pool(ctx, false); }

Registrar reg([] {
  Pattern p;
  p.name = "worker_pool";
  p.title = "Worker pool (Go)";
  p.lesson =
      "A fixed pool of workers takes jobs from one channel and puts results into another. Watch the 'jobs' "
      "channel fill while all workers are busy, and the shutdown: close(jobs) ends the workers' range loops, "
      "the WaitGroup tells the closer when the last worker is done, and close(results) ends main's loop.";
  p.source_file = "patterns/worker_pool.cpp";
  p.params = {
      ParamSpec::integer("workers", 3, 1, 64, "goroutines", "workers in the pool"),
      ParamSpec::integer("jobs", 12, 1, 100000, "jobs", "jobs to process"),
      ParamSpec::integer("queue", 4, 0, 1024, "jobs", "capacity of the jobs and results channels"),
      ParamSpec::duration("job_time", "uniform 1ms..3ms", "processing one job (work)"),
  };
  p.invariants = {{"every_result", "every job's result arrives exactly once"}};
  p.metrics = {{"results", "results"}, {"throughput", "jobs/s"}};
  p.variants = {
      {"channels", "Jobs and results channels, a WaitGroup and close",
       "The idiomatic pool: the dispatcher closes 'jobs' when done, the workers range over it, and the closer "
       "closes 'results' after wg.Wait().",
       Bug::None, &run_correct},
      {"no_close", "The dispatcher forgets close(jobs)",
       "Without close(jobs) the workers' range loops never end: once the jobs are drained every worker waits "
       "in 'chan receive' forever, the closer waits for them, and main waits for the results channel to close. "
       "All goroutines are asleep: deadlock.",
       Bug::Deadlock, &run_no_close},
  };
  return p;
});

}  // namespace
}  // namespace interleave::patterns
