// semaphores.cpp — the basic semaphore patterns of Downey's Little Book of Semaphores, chapter 3.
//
// A semaphore is a counter of permits: acquire() takes one (waiting while there are none), release() gives
// one back. With it: signaling (one goroutine tells another that something happened), rendezvous (two wait
// for each other), mutual exclusion, a multiplex (at most N inside), a reusable barrier (nobody goes on
// until all have arrived) and an exclusive queue (leaders and followers dance in pairs).
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "patterns/registry.h"
#include "patterns/watched.h"

namespace interleave::patterns {
namespace {

std::string name(const char* role, int i) { return std::string(role) + "#" + std::to_string(i); }

// [SECTION] Signaling: a1 happens before b1 -------------------------------------------------------------

void run_signaling(RunContext& ctx) {
  struct State {
    RunContext& ctx;
    Semaphore a1_done{0, "a1_done"};
    int a1_count = 0;  // how many times statement a1 has run
    WaitGroup finished{"finished"};
  };
  auto s = std::make_shared<State>(ctx);
  int rounds = int(ctx.params.integer("rounds"));
  s->finished.add(2);
  go("a#0", [s, rounds] {
    for (int r = 0; r < rounds; ++r) {
      work(s->ctx.params.draw("work_time"));  // statement a1
      s->a1_count += 1;
      s->a1_done.release();  // signal: a1 has happened
    }
    s->finished.done();
  });
  go("b#0", [s, rounds] {
    for (int r = 0; r < rounds; ++r) {
      s->a1_done.acquire();  // wait for the signal
      s->ctx.check(s->a1_count > r, "order", "b1 ran before a1 of round " + std::to_string(r));
      work(s->ctx.params.draw("work_time"));  // statement b1
      s->ctx.add_metric("signals", 1, "signals");
    }
    s->finished.done();
  });
  s->finished.wait();
}

// [SECTION] Rendezvous: neither goes on before the other has arrived -------------------------------------

struct Pair {
  RunContext& ctx;
  Semaphore a_arrived{0, "a_arrived"};
  Semaphore b_arrived{0, "b_arrived"};
  int a_rounds = 0, b_rounds = 0;  // rounds each side has arrived in
  WaitGroup finished{"finished"};
};

void run_rendezvous(RunContext& ctx) {
  auto s = std::make_shared<Pair>(ctx);
  int rounds = int(ctx.params.integer("rounds"));
  s->finished.add(2);
  go("a#0", [s, rounds] {
    for (int r = 0; r < rounds; ++r) {
      work(s->ctx.params.draw("work_time"));  // statement a1
      s->a_rounds += 1;
      s->a_arrived.release();  // I am here...
      s->b_arrived.acquire();  // ...are you?
      s->ctx.check(s->b_rounds > r, "rendezvous", "a went on before b arrived in round " + std::to_string(r));
    }
    s->finished.done();
  });
  go("b#0", [s, rounds] {
    for (int r = 0; r < rounds; ++r) {
      work(s->ctx.params.draw("work_time"));  // statement b1
      s->b_rounds += 1;
      s->b_arrived.release();
      s->a_arrived.acquire();
      s->ctx.check(s->a_rounds > r, "rendezvous", "b went on before a arrived in round " + std::to_string(r));
    }
    s->finished.done();
  });
  s->finished.wait();
  ctx.set_metric("rounds", rounds, "rounds");
}

void run_rendezvous_deadlock(RunContext& ctx) {
  auto s = std::make_shared<Pair>(ctx);
  s->finished.add(2);
  go("a#0", [s] {
    work(s->ctx.params.draw("work_time"));
    s->b_arrived.acquire();  // BUG: wait first...
    s->a_arrived.release();  // ...and signal only after the other has signalled
    s->finished.done();
  });
  go("b#0", [s] {
    work(s->ctx.params.draw("work_time"));
    s->a_arrived.acquire();  // BUG: b waits first too: each waits for the other forever
    s->b_arrived.release();
    s->finished.done();
  });
  s->finished.wait();
}

// [SECTION] Mutex: a semaphore of one permit ------------------------------------------------------------

void run_mutex(RunContext& ctx) {
  struct State {
    RunContext& ctx;
    Semaphore mutex{1, "mutex"};
    Watched count{"count"};
    int inside = 0;
    WaitGroup finished{"finished"};
  };
  auto s = std::make_shared<State>(ctx);
  int n = int(ctx.params.integer("goroutines")), rounds = int(ctx.params.integer("rounds"));
  s->finished.add(n);
  for (int i = 0; i < n; ++i) {
    go(name("worker", i), [s, rounds] {
      for (int r = 0; r < rounds; ++r) {
        work(s->ctx.params.draw("work_time"));
        s->mutex.acquire();
        s->inside += 1;
        s->ctx.check(s->inside == 1, "exclusive", std::to_string(s->inside) + " goroutines in the critical section");
        auto v = s->count.load();
        yield();  // another goroutine may run here, but it cannot get in
        s->count.store(v + 1);
        s->inside -= 1;
        s->mutex.release();
      }
      s->finished.done();
    });
  }
  s->finished.wait();
  ctx.check(s->count.load() == n * rounds, "exclusive",
            "count is " + std::to_string(s->count.load()) + ", expected " + std::to_string(n * rounds));
  ctx.set_metric("count", double(s->count.load()), "increments");
}

// [SECTION] Multiplex: at most N inside -----------------------------------------------------------------

void run_multiplex(RunContext& ctx) {
  struct State {
    State(RunContext& c, int limit) : ctx(c), multiplex(limit, "multiplex") {}
    RunContext& ctx;
    Semaphore multiplex;
    Watched inside{"inside"};
    std::int64_t max_inside = 0;
    WaitGroup finished{"finished"};
  };
  int limit = int(ctx.params.integer("multiplex"));
  auto s = std::make_shared<State>(ctx, limit);
  int n = int(ctx.params.integer("goroutines")), rounds = int(ctx.params.integer("rounds"));
  s->finished.add(n);
  for (int i = 0; i < n; ++i) {
    go(name("worker", i), [s, rounds, limit] {
      for (int r = 0; r < rounds; ++r) {
        s->multiplex.acquire();  // waits while `limit` goroutines are inside
        s->inside.store(s->inside.load() + 1);
        s->ctx.check(s->inside.load() <= limit, "at_most_n",
                     std::to_string(s->inside.load()) + " inside, limit " + std::to_string(limit));
        s->max_inside = std::max(s->max_inside, s->inside.load());
        s->ctx.set_metric("max_inside", double(s->max_inside), "goroutines");
        sleep(s->ctx.params.draw("room_time"));  // use the resource (a connection, a slot)
        s->inside.store(s->inside.load() - 1);
        s->multiplex.release();
        work(s->ctx.params.draw("work_time"));
      }
      s->finished.done();
    });
  }
  s->finished.wait();
}

// [SECTION] Reusable barrier: two turnstiles ------------------------------------------------------------

void run_reusable_barrier(RunContext& ctx) {
  struct State {
    RunContext& ctx;
    int n;
    Semaphore mutex{1, "mutex"};
    Semaphore turnstile{0, "turnstile"};    // closed: opens when all have arrived
    Semaphore turnstile2{1, "turnstile2"};  // open: closes when all have arrived
    int count = 0;
    std::vector<int> arrived, passed;  // per round: how many reached the barrier, the critical point
    WaitGroup finished{"finished"};
  };
  int n = int(ctx.params.integer("goroutines")), rounds = int(ctx.params.integer("rounds"));
  auto s = std::make_shared<State>(ctx, n);
  s->arrived.assign(std::size_t(rounds), 0);
  s->passed.assign(std::size_t(rounds), 0);
  s->finished.add(n);
  for (int i = 0; i < n; ++i) {
    go(name("worker", i), [s, rounds] {
      for (int r = 0; r < rounds; ++r) {
        work(s->ctx.params.draw("work_time"));  // this round's step
        s->arrived[std::size_t(r)] += 1;
        // Phase 1: the last to arrive locks turnstile2 and opens turnstile.
        s->mutex.acquire();
        s->count += 1;
        if (s->count == s->n) {
          s->turnstile2.acquire();
          s->turnstile.release();
        }
        s->mutex.release();
        s->turnstile.acquire();  // wait until everyone has arrived
        s->turnstile.release();
        // The critical point: everyone has arrived.
        s->ctx.check(s->arrived[std::size_t(r)] == s->n, "all_arrive",
                     "passed the barrier of round " + std::to_string(r) + " with " +
                         std::to_string(s->arrived[std::size_t(r)]) + " of " + std::to_string(s->n) + " arrived");
        s->passed[std::size_t(r)] += 1;
        // Phase 2: the last to leave locks turnstile and opens turnstile2.
        s->mutex.acquire();
        s->count -= 1;
        if (s->count == 0) {
          s->turnstile.acquire();
          s->turnstile2.release();
        }
        s->mutex.release();
        s->turnstile2.acquire();  // wait until everyone has passed the critical point
        s->turnstile2.release();
        s->ctx.check(s->passed[std::size_t(r)] == s->n, "all_arrive",
                     "left round " + std::to_string(r) + " before everyone passed its critical point");
      }
      s->finished.done();
    });
  }
  s->finished.wait();
  ctx.set_metric("rounds", rounds, "rounds");
}

// [SECTION] Exclusive queue: leaders and followers dance in pairs ----------------------------------------

void run_exclusive_queue(RunContext& ctx) {
  struct State {
    RunContext& ctx;
    Semaphore mutex{1, "mutex"};
    Semaphore leader_queue{0, "leader_queue"};
    Semaphore follower_queue{0, "follower_queue"};
    Semaphore rendezvous{0, "rendezvous"};
    int leaders = 0, followers = 0;                  // waiting in the queues
    int leaders_dancing = 0, followers_dancing = 0;  // on the floor
    WaitGroup finished{"finished"};

    void dance(int& me, int& partner) {
      me += 1;
      ctx.check(me == 1 && partner <= 1, "pairs", "more than one leader or follower on the floor");
      sleep(ctx.params.draw("room_time"));
      me -= 1;
    }
  };
  auto s = std::make_shared<State>(ctx);
  int pairs = int(ctx.params.integer("goroutines"));
  s->finished.add(2 * pairs);
  for (int i = 0; i < pairs; ++i) {
    go(name("leader", i), [s] {
      sleep(s->ctx.params.draw("work_time"));  // arrive
      s->mutex.acquire();
      if (s->followers > 0) {
        s->followers -= 1;
        s->follower_queue.release();  // a follower is waiting: take it (and keep the mutex)
      } else {
        s->leaders += 1;
        s->mutex.release();
        s->leader_queue.acquire();  // wait for a follower
      }
      s->dance(s->leaders_dancing, s->followers_dancing);
      s->rendezvous.acquire();  // wait until the follower has danced too
      s->mutex.release();       // only now may the next pair start
      s->ctx.add_metric("dances", 1, "pairs");
      s->finished.done();
    });
    go(name("follower", i), [s] {
      sleep(s->ctx.params.draw("work_time"));
      s->mutex.acquire();
      if (s->leaders > 0) {
        s->leaders -= 1;
        s->leader_queue.release();  // a leader is waiting: take it (the leader releases the mutex)
      } else {
        s->followers += 1;
        s->mutex.release();
        s->follower_queue.acquire();  // wait for a leader
      }
      s->dance(s->followers_dancing, s->leaders_dancing);
      s->rendezvous.release();
      s->finished.done();
    });
  }
  s->finished.wait();
}

// [SECTION] Registration --------------------------------------------------------------------------------

Registrar reg([] {
  Pattern p;
  p.name = "semaphores";
  p.title = "Semaphore patterns (signaling, rendezvous, mutex, multiplex, barrier, queue)";
  p.lesson =
      "Downey's basic patterns, each a few lines of acquire() and release(). Watch each semaphore's count: a "
      "release with nobody waiting is remembered as a permit, so the order of the two sides does not matter. "
      "Pick the variant to see signaling, a rendezvous (and the deadlock when both sides wait first), a mutex "
      "and a multiplex (count 1 and N), a reusable barrier built from two turnstiles, and an exclusive queue "
      "where leaders and followers dance only in pairs.";
  p.source_file = "patterns/semaphores.cpp";
  p.params = {
      ParamSpec::integer("goroutines", 4, 2, 16, "goroutines", "workers (mutex, multiplex, barrier); pairs (queue)"),
      ParamSpec::integer("multiplex", 2, 1, 16, "goroutines", "how many the multiplex lets in at once"),
      ParamSpec::integer("rounds", 3, 1, 1000, "rounds", "how many times each goroutine repeats its step"),
      ParamSpec::duration("work_time", "uniform 1ms..3ms", "time for each step outside (work; arrival: sleep)"),
      ParamSpec::duration("room_time", "uniform 1ms..3ms", "time inside the multiplex, or dancing (sleep)"),
  };
  p.invariants = {
      {"order", "signaling: statement b1 never runs before the a1 it waits for"},
      {"rendezvous", "neither side goes on before the other has arrived"},
      {"exclusive", "mutex: one goroutine in the critical section, and no increment lost"},
      {"at_most_n", "multiplex: never more than N goroutines inside"},
      {"all_arrive", "barrier: nobody passes before all have arrived, nor leaves before all have passed"},
      {"pairs", "exclusive queue: at most one leader and one follower dance at a time"},
  };
  p.metrics = {{"signals", "signals", {"signaling"}},
               {"rounds", "rounds", {"rendezvous", "rendezvous_deadlock", "reusable_barrier"}},
               {"count", "increments", {"mutex"}},
               {"max_inside", "goroutines", {"multiplex"}},
               {"dances", "pairs", {"exclusive_queue"}}};
  p.variants = {
      {"signaling", "Signaling",
       "a#0 runs statement a1 and releases 'a1_done'; b#0 acquires it before b1. If b gets there first it "
       "waits; if a was first the permit is already there. Either way b1 follows a1.",
       Bug::None, &run_signaling},
      {"rendezvous", "Rendezvous",
       "Each side signals its own arrival, then waits for the other's. Whoever arrives first waits at the "
       "acquire; neither goes on alone.",
       Bug::None, &run_rendezvous},
      {"rendezvous_deadlock", "Rendezvous, both wait first",
       "Each side waits for the other's arrival before announcing its own. Both wait, nobody signals: a "
       "deadlock on every schedule.",
       Bug::Deadlock, &run_rendezvous_deadlock},
      {"mutex", "Mutex (a semaphore of 1)",
       "A semaphore initialised to 1 admits one goroutine at a time. The yield() between the load and the "
       "store of the counter would lose updates without it (see race_condition); here nobody else can get "
       "in.",
       Bug::None, &run_mutex},
      {"multiplex", "Multiplex (a semaphore of N)",
       "A semaphore initialised to N admits up to N at once, like a pool of N connections. Watch 'inside' "
       "never exceed N while the others wait at the acquire.",
       Bug::None, &run_multiplex},
      {"reusable_barrier", "Reusable barrier (two turnstiles)",
       "The last goroutine to arrive opens the first turnstile (and closes the second); they pass one by one. "
       "The last to leave does the opposite. Two phases make the barrier safe to reuse round after round.",
       Bug::None, &run_reusable_barrier},
      {"exclusive_queue", "Exclusive queue (leaders and followers)",
       "Leaders and followers arrive at random and may only dance in pairs, one pair at a time: whoever finds "
       "a partner waiting releases it and keeps the mutex until the pair has finished, so the next pair waits.",
       Bug::None, &run_exclusive_queue},
  };
  return p;
});

}  // namespace
}  // namespace interleave::patterns
