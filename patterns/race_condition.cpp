// race_condition.cpp — the lost update: counter++ is a load and a store, not one step.
//
// N goroutines each add 1 to a shared counter K times. Without synchronisation, two goroutines can both
// load the same value, both add one, and both store it: one increment is lost. Here the load and the store
// are separate scheduling points (the yield() between them is where a real CPU could switch threads), so
// the schedule decides whether the final count is N*K. Fixed once with a mutex, once Go's way: one
// goroutine owns the counter and the others send it increments over a channel.
#include <memory>
#include <string>

#include "patterns/registry.h"
#include "patterns/watched.h"

namespace interleave::patterns {
namespace {

struct Counter {
  explicit Counter(RunContext& c) : ctx(c) {}
  RunContext& ctx;
  Watched counter{"counter"};
  Mutex mutex{"mutex"};
  WaitGroup wg{"wg"};

  void expect(std::int64_t n) {
    ctx.set_metric("count", double(counter.load()), "increments");
    ctx.set_metric("lost_updates", double(n - counter.load()), "increments");
    ctx.check(counter.load() == n, "no_lost_update",
              "final count " + std::to_string(counter.load()) + ", expected " + std::to_string(n));
  }
};

void run_unsynchronised(RunContext& ctx) {
  auto c = std::make_shared<Counter>(ctx);
  int n = int(ctx.params.integer("goroutines")), k = int(ctx.params.integer("increments"));
  for (int i = 0; i < n; ++i) {
    c->wg.add(1);
    go("incrementer#" + std::to_string(i), [c, k] {
      for (int j = 0; j < k; ++j) {
        work(c->ctx.params.draw("work_time"));
        auto v = c->counter.load();  // load
        yield();                     // another goroutine may run here...
        c->counter.store(v + 1);     // ...and this store overwrites its increment
      }
      c->wg.done();
    });
  }
  c->wg.wait();
  c->expect(n * k);
}

void run_mutex(RunContext& ctx) {
  auto c = std::make_shared<Counter>(ctx);
  int n = int(ctx.params.integer("goroutines")), k = int(ctx.params.integer("increments"));
  for (int i = 0; i < n; ++i) {
    c->wg.add(1);
    go("incrementer#" + std::to_string(i), [c, k] {
      for (int j = 0; j < k; ++j) {
        work(c->ctx.params.draw("work_time"));
        c->mutex.lock();
        auto v = c->counter.load();
        yield();  // others may run, but not in here
        c->counter.store(v + 1);
        c->mutex.unlock();
      }
      c->wg.done();
    });
  }
  c->wg.wait();
  c->expect(n * k);
}

void run_channel(RunContext& ctx) {
  auto c = std::make_shared<Counter>(ctx);
  int n = int(ctx.params.integer("goroutines")), k = int(ctx.params.integer("increments"));
  Channel<int> increments(0, "increments");
  Channel<std::int64_t> result(0, "result");
  // Share memory by communicating: only the owner touches the counter.
  go("owner#0", [c, increments, result]() mutable {
    for (;;) {
      auto [delta, ok] = increments.recv_ok();
      if (!ok) break;
      auto v = c->counter.load();
      yield();  // harmless: nobody else touches the counter
      c->counter.store(v + delta);
    }
    result.send(c->counter.load());
  });
  for (int i = 0; i < n; ++i) {
    c->wg.add(1);
    go("incrementer#" + std::to_string(i), [c, k, increments]() mutable {
      for (int j = 0; j < k; ++j) {
        work(c->ctx.params.draw("work_time"));
        increments.send(1);
      }
      c->wg.done();
    });
  }
  c->wg.wait();
  increments.close();
  std::int64_t total = result.recv();
  ctx.check(total == c->counter.load(), "no_lost_update", "the owner reported a different count");
  c->expect(n * k);
}

Registrar reg([] {
  Pattern p;
  p.name = "race_condition";
  p.title = "Race condition: the lost update";
  p.lesson =
      "Watch the 'counter' variable: in the unsynchronised version two goroutines load the same value, and "
      "the second store writes over the first's increment, so the final count falls short of N*K. Whether it "
      "happens depends only on the schedule: run it under several seeds. A mutex makes load-add-store one "
      "step for everyone else; a channel to a single owner means nobody else ever touches the counter.";
  p.source_file = "patterns/race_condition.cpp";
  p.params = {
      ParamSpec::integer("goroutines", 4, 1, 64, "goroutines", "goroutines incrementing the counter"),
      ParamSpec::integer("increments", 5, 1, 100000, "increments", "increments each goroutine makes"),
      ParamSpec::duration("work_time", "uniform 0us..200us", "work before each increment (work)"),
  };
  p.invariants = {{"no_lost_update", "the final count is goroutines * increments"}};
  p.metrics = {{"count", "increments"}, {"lost_updates", "increments"}};
  p.variants = {
      {"unsynchronised", "counter++ without synchronisation",
       "The load and the store are separate steps; a goroutine scheduled in between loads the old value too. "
       "Two increments, one effect: a lost update, and the final count is short.",
       Bug::InvariantViolation, &run_unsynchronised},
      {"mutex", "Fixed with a mutex",
       "The whole load-add-store runs with the mutex held: others may be scheduled in the middle but cannot "
       "enter, so no increment is lost.",
       Bug::None, &run_mutex},
      {"channel", "Fixed with a channel (an owner goroutine)",
       "Go's proverb: do not communicate by sharing memory, share memory by communicating. One owner "
       "goroutine receives increments over a channel and is the only one that touches the counter.",
       Bug::None, &run_channel},
  };
  return p;
});

}  // namespace
}  // namespace interleave::patterns
