// cigarette_smokers.cpp — Patil's cigarette smokers problem, with Parnas's pushers (Downey 4.5).
//
// A cigarette needs tobacco, paper and a match. Three smokers each have an endless supply of one of them.
// An agent puts two different ingredients on the table at a time; the smoker who has the third should take
// them, make a cigarette and tell the agent to go on. The agents may not be changed. If each smoker simply
// grabs the two ingredients it lacks, two smokers can each grab one: deadlock. Pushers fix it: they note
// what is on the table and wake the one smoker who can use it.
#include <memory>
#include <string>

#include "patterns/registry.h"

namespace interleave::patterns {
namespace {

enum Ingredient { kTobacco = 0, kPaper = 1, kMatch = 2 };
const char* const kIngredientName[] = {"tobacco", "paper", "match"};

struct Table {
  explicit Table(RunContext& c) : ctx(c) {}
  RunContext& ctx;
  Semaphore agent{1, "agent"};  // the agent may put out the next pair
  Semaphore tobacco{0, "tobacco"};
  Semaphore paper{0, "paper"};
  Semaphore match{0, "match"};
  Semaphore smoked{0, "smoked"};  // one permit per cigarette made, for main to count
  int missing = -1;               // which ingredient the agent left off the table (for the invariant)

  Semaphore& ingredient(int i) { return i == kTobacco ? tobacco : i == kPaper ? paper : match; }

  // The smoker who has `mine` makes a cigarette from the two ingredients on the table.
  void make_cigarette(int mine) {
    ctx.check(missing == mine, "right_smoker",
              std::string("the smoker with ") + kIngredientName[mine] + " took the ingredients meant for the " +
                  (missing < 0 ? std::string("nobody") : std::string("smoker with ") + kIngredientName[missing]));
    missing = -1;
    ctx.add_metric("cigarettes", 1, "cigarettes");
  }
};

// Agent a puts out every ingredient except `a`, forever.
void agent(Table& t, int a) {
  int first = (a + 1) % 3, second = (a + 2) % 3;
  for (;;) {
    t.agent.acquire();  // wait until the last cigarette has been made
    t.missing = a;
    t.ingredient(first).release();
    t.ingredient(second).release();
  }
}

void start_agents(const std::shared_ptr<Table>& t) {
  for (int a = 0; a < 3; ++a) go("agent#" + std::to_string(a), [t, a] { agent(*t, a); });
}

void wait_for_cigarettes(RunContext& ctx, Table& t) {
  for (int c = 0; c < ctx.params.integer("cigarettes"); ++c) {
    t.smoked.acquire();  // one more cigarette made
  }
  double seconds = double(now()) / 1e9;
  ctx.set_metric("throughput", seconds > 0 ? double(ctx.params.integer("cigarettes")) / seconds : 0, "cigarettes/s");
}

// [SECTION] Broken: each smoker grabs the two ingredients it lacks ---------------------------------------

void run_naive(RunContext& ctx) {
  auto t = std::make_shared<Table>(ctx);
  start_agents(t);
  for (int mine = 0; mine < 3; ++mine) {
    go("smoker#" + std::to_string(mine), [t, mine] {
      for (;;) {
        t->ingredient((mine + 1) % 3).acquire();  // BUG: grab one ingredient...
        t->ingredient((mine + 2) % 3).acquire();  // ...and wait for the other, which another smoker grabbed
        t->make_cigarette(mine);
        t->agent.release();
        sleep(t->ctx.params.draw("smoke_time"));
        t->smoked.release();
      }
    });
  }
  wait_for_cigarettes(ctx, *t);
}

// [SECTION] Pushers: note what is on the table, wake the right smoker -------------------------------------

void run_pushers(RunContext& ctx) {
  struct Pushers {
    Semaphore mutex{1, "mutex"};
    bool on_table[3] = {false, false, false};
    Semaphore tobacco_smoker{0, "tobacco_smoker"};  // the smoker who has tobacco may smoke
    Semaphore paper_smoker{0, "paper_smoker"};
    Semaphore match_smoker{0, "match_smoker"};
    Semaphore& smoker(int i) { return i == kTobacco ? tobacco_smoker : i == kPaper ? paper_smoker : match_smoker; }
  };
  auto t = std::make_shared<Table>(ctx);
  auto p = std::make_shared<Pushers>();
  start_agents(t);
  for (int mine = 0; mine < 3; ++mine) {
    // The pusher for `mine` waits for that ingredient; if one of the others is already on the table, the
    // smoker who lacks both can smoke; otherwise it notes that `mine` is on the table.
    go("pusher#" + std::to_string(mine), [t, p, mine] {
      int a = (mine + 1) % 3, b = (mine + 2) % 3;
      for (;;) {
        t->ingredient(mine).acquire();
        p->mutex.acquire();
        if (p->on_table[a]) {
          p->on_table[a] = false;
          p->smoker(b).release();  // `mine` and `a` are out: the smoker who has `b`
        } else if (p->on_table[b]) {
          p->on_table[b] = false;
          p->smoker(a).release();
        } else {
          p->on_table[mine] = true;
        }
        p->mutex.release();
      }
    });
  }
  for (int mine = 0; mine < 3; ++mine) {
    go("smoker#" + std::to_string(mine), [t, p, mine] {
      for (;;) {
        p->smoker(mine).acquire();  // wait until the other two ingredients are out
        t->make_cigarette(mine);
        t->agent.release();
        sleep(t->ctx.params.draw("smoke_time"));
        t->smoked.release();
      }
    });
  }
  wait_for_cigarettes(ctx, *t);
}

Registrar reg([] {
  Pattern p;
  p.name = "cigarette_smokers";
  p.title = "The cigarette smokers (with pushers)";
  p.lesson =
      "Three agents take turns putting two of the three ingredients on the table; each smoker has the third. "
      "Watch the ingredient semaphores: in the naive version a smoker grabs one ingredient and waits for "
      "another that a different smoker has already grabbed, and everything stops. The pushers turn the "
      "question 'which two are out?' into a decision made under one mutex, and wake exactly the smoker who "
      "can use them.";
  p.source_file = "patterns/cigarette_smokers.cpp";
  p.params = {
      ParamSpec::integer("cigarettes", 12, 1, 10000, "cigarettes", "cigarettes to make before the run ends"),
      ParamSpec::duration("smoke_time", "uniform 1ms..3ms", "smoking one cigarette (sleep)"),
  };
  p.invariants = {{"right_smoker", "only the smoker who has the missing ingredient takes what the agent put out"}};
  p.metrics = {{"cigarettes", "cigarettes"}, {"throughput", "cigarettes/s"}};
  p.variants = {
      {"pushers", "Parnas's pushers",
       "One pusher per ingredient waits for it, then, under a mutex, looks at what else is on the table: if "
       "the matching ingredient is there it wakes the one smoker who can use both, otherwise it records its "
       "own. The agents are unchanged and nobody waits for an ingredient that will not come.",
       Bug::None, &run_pushers},
      {"naive", "Smokers grab ingredients directly",
       "Each smoker waits for its two missing ingredients one after the other. When the agent puts out paper "
       "and a match, the tobacco smoker may grab the paper while the paper smoker grabs the match; each then "
       "waits for an ingredient the other holds. Deadlock.",
       Bug::Deadlock, &run_naive},
  };
  return p;
});

}  // namespace
}  // namespace interleave::patterns
