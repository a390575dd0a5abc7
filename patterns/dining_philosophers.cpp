// dining_philosophers.cpp — Dijkstra's dining philosophers.
//
// N philosophers sit at a round table with one fork between each pair of neighbours. To eat, a philosopher
// needs both forks next to them. If every philosopher picks up the left fork first, they can all end up
// holding one fork and waiting for the other: a cycle of waits, a deadlock. The fixes break the cycle:
// order the forks, let at most N-1 sit down, or decide under one lock who may eat (Tanenbaum).
#include <memory>
#include <string>
#include <vector>

#include "patterns/registry.h"

namespace interleave::patterns {
namespace {

// [SECTION] The table -----------------------------------------------------------------------------------

struct Table {
  explicit Table(RunContext& c) : ctx(c), n(int(c.params.integer("philosophers"))) {
    for (int k = 0; k < n; ++k) forks.push_back(std::make_unique<Mutex>("fork#" + std::to_string(k)));
    eating.assign(std::size_t(n), false);
    meals.assign(std::size_t(n), 0);
  }
  RunContext& ctx;
  const int n;
  std::vector<std::unique_ptr<Mutex>> forks;  // fork k lies between philosopher k and k+1
  std::vector<bool> eating;
  std::vector<int> meals;
  WaitGroup finished{"finished"};

  Mutex& left(int i) { return *forks[std::size_t(i)]; }
  Mutex& right(int i) { return *forks[std::size_t((i + 1) % n)]; }
  int left_neighbour(int i) const { return (i + n - 1) % n; }
  int right_neighbour(int i) const { return (i + 1) % n; }

  void think() {
    doing("thinking");
    sleep(ctx.params.draw("think_time"));
    doing("hungry");
  }
  // Reaching for the second fork takes a moment: the window in which the others can move.
  void reach() { sleep(ctx.params.draw("reach_time")); }
  // Eating uses a processor (work), so with two or more processors the processor lanes show who eats at
  // the same time: neighbours-but-one, never neighbours.
  void eat(int i) {
    ctx.check(!eating[std::size_t(left_neighbour(i))] && !eating[std::size_t(right_neighbour(i))], "neighbours",
              "philosopher#" + std::to_string(i) + " eats while a neighbour eats");
    eating[std::size_t(i)] = true;
    doing("eating");
    work(ctx.params.draw("eat_time"));
    doing("");
    eating[std::size_t(i)] = false;
    meals[std::size_t(i)] += 1;
    ctx.add_metric("meals", 1, "meals");
  }
};

// Seats the philosophers, each running `dine(table, i)` for every meal, and waits until all have eaten.
template <class Dine>
void run_table(RunContext& ctx, Dine dine) {
  auto t = std::make_shared<Table>(ctx);
  int meals = int(ctx.params.integer("meals"));
  t->finished.add(t->n);
  for (int i = 0; i < t->n; ++i) {
    go("philosopher#" + std::to_string(i), [t, i, meals, dine] {
      for (int m = 0; m < meals; ++m) dine(*t, i);
      t->finished.done();
    });
  }
  t->finished.wait();
  for (int i = 0; i < t->n; ++i)
    ctx.check(t->meals[std::size_t(i)] == meals, "meals", "philosopher#" + std::to_string(i) + " did not finish");
  double seconds = double(now()) / 1e9;
  ctx.set_metric("throughput", seconds > 0 ? t->n * meals / seconds : 0, "meals/s");
}

// [SECTION] Naive: left fork, then right fork — deadlocks -------------------------------------------------

void run_naive(RunContext& ctx) {
  run_table(ctx, [](Table& t, int i) {
    t.think();
    t.left(i).lock();  // everyone may get here holding their left fork...
    t.reach();
    t.right(i).lock();  // ...and wait forever for the right one, held by the neighbour
    t.eat(i);
    t.right(i).unlock();
    t.left(i).unlock();
  });
}

// [SECTION] Resource ordering: always the lower-numbered fork first --------------------------------------

void run_resource_ordering(RunContext& ctx) {
  run_table(ctx, [](Table& t, int i) {
    t.think();
    int a = i, b = (i + 1) % t.n;
    Mutex& first = *t.forks[std::size_t(std::min(a, b))];   // the last philosopher reaches right first:
    Mutex& second = *t.forks[std::size_t(std::max(a, b))];  // no cycle of waits can close
    first.lock();
    t.reach();
    second.lock();
    t.eat(i);
    second.unlock();
    first.unlock();
  });
}

// [SECTION] Footman: at most N-1 at the table ------------------------------------------------------------

void run_footman(RunContext& ctx) {
  int n = int(ctx.params.integer("philosophers"));
  auto footman = std::make_shared<Semaphore>(n - 1, "footman");
  run_table(ctx, [footman](Table& t, int i) {
    t.think();
    footman->acquire();  // at most N-1 philosophers reach for forks at once
    t.left(i).lock();
    t.reach();
    t.right(i).lock();  // with one seat empty, someone always gets both forks
    t.eat(i);
    t.right(i).unlock();
    t.left(i).unlock();
    footman->release();
  });
}

// [SECTION] Tanenbaum: decide under one mutex who may eat ------------------------------------------------

void run_tanenbaum(RunContext& ctx) {
  enum class State { Thinking, Hungry, Eating };
  struct Monitor {
    explicit Monitor(int n) : state(std::size_t(n), State::Thinking) {
      for (int i = 0; i < n; ++i) can_eat.push_back(std::make_unique<Semaphore>(0, "can_eat#" + std::to_string(i)));
    }
    Mutex mutex{"mutex"};
    std::vector<State> state;
    std::vector<std::unique_ptr<Semaphore>> can_eat;  // philosopher i waits on can_eat#i

    // If philosopher i is hungry and neither neighbour eats, let i eat.
    void test(Table& t, int i) {
      if (state[std::size_t(i)] == State::Hungry && state[std::size_t(t.left_neighbour(i))] != State::Eating &&
          state[std::size_t(t.right_neighbour(i))] != State::Eating) {
        state[std::size_t(i)] = State::Eating;
        can_eat[std::size_t(i)]->release();
      }
    }
  };
  auto w = std::make_shared<Monitor>(int(ctx.params.integer("philosophers")));
  run_table(ctx, [w](Table& t, int i) {
    Monitor& s = *w;
    t.think();
    s.mutex.lock();  // take_forks(i)
    s.state[std::size_t(i)] = State::Hungry;
    s.test(t, i);
    s.mutex.unlock();
    s.can_eat[std::size_t(i)]->acquire();  // wait until a neighbour lets us eat
    t.eat(i);
    s.mutex.lock();  // put_forks(i)
    s.state[std::size_t(i)] = State::Thinking;
    s.test(t, t.left_neighbour(i));  // maybe a neighbour can eat now
    s.test(t, t.right_neighbour(i));
    s.mutex.unlock();
  });
}

// [SECTION] Registration --------------------------------------------------------------------------------

Registrar reg([] {
  Pattern p;
  p.name = "dining_philosophers";
  p.title = "Dining philosophers";
  p.lesson =
      "Each philosopher thinks, picks up two forks (mutexes 'fork#k'), eats, and puts them down. Watch the "
      "forks in the naive version: when every philosopher holds the left fork and waits for the right one, "
      "the wait-for graph is a cycle through all of them and nothing can ever move. The three fixes each "
      "break one condition of that cycle. Watch also who eats together: never two neighbours.";
  p.source_file = "patterns/dining_philosophers.cpp";
  p.params = {
      ParamSpec::integer("philosophers", 5, 2, 16, "goroutines", "philosophers (and forks) at the table"),
      ParamSpec::integer("meals", 3, 1, 1000, "meals", "meals each philosopher eats"),
      ParamSpec::duration("think_time", "uniform 0ms..2ms", "thinking between meals (sleep)"),
      ParamSpec::duration("eat_time", "uniform 1ms..2ms", "eating, holding both forks (sleep)"),
      ParamSpec::duration("reach_time", "uniform 0ms..1ms", "between picking up the first fork and the second (sleep)"),
  };
  p.invariants = {
      {"neighbours", "two neighbours never eat at the same time"},
      {"meals", "every philosopher eats all their meals"},
  };
  p.metrics = {{"meals", "meals"}, {"throughput", "meals/s"}};
  p.variants = {
      {"naive", "Left fork, then right fork",
       "Everyone picks up the left fork, then the right. If all five pick up their left fork before anyone "
       "picks up a right one, each waits for a fork its neighbour holds: a deadlock. With zero think time and "
       "the fifo policy it happens on every run.",
       Bug::Deadlock, &run_naive},
      {"resource_ordering", "Resource ordering",
       "Number the forks and always pick up the lower-numbered one first. The last philosopher now reaches "
       "right first, so the circle of waits can never close (Dijkstra's and Havender's fix).",
       Bug::None, &run_resource_ordering},
      {"footman", "A footman (a multiplex of N-1)",
       "A footman lets at most N-1 philosophers sit down at once. With one seat empty, at least one seated "
       "philosopher can always get both forks.",
       Bug::None, &run_footman},
      {"tanenbaum", "Tanenbaum's solution",
       "A philosopher becomes hungry under one mutex and may eat only when neither neighbour eats; whoever "
       "puts forks down checks whether a neighbour can eat now and wakes it. No fork is ever waited for "
       "while held (though an unlucky philosopher can be overtaken again and again).",
       Bug::None, &run_tanenbaum},
  };
  return p;
});

}  // namespace
}  // namespace interleave::patterns
