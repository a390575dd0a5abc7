// producer_consumer.cpp — producers and consumers sharing a bounded buffer.
//
// Producers make items and put them into a buffer of fixed capacity; consumers take them out. A producer
// must wait while the buffer is full, a consumer while it is empty, and nobody may touch the buffer while
// someone else is changing it. Three correct solutions (semaphores, condition variables, a Go channel) and
// three classic mistakes.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "patterns/registry.h"
#include "patterns/watched.h"

namespace interleave::patterns {
namespace {

// [SECTION] The shared buffer ---------------------------------------------------------------------------

// A ring buffer plus the bookkeeping the invariants need. The synchronisation lives in the variants.
struct Shared {
  // `ring`: whether the variant uses the ring buffer below (the channel variant has its own buffer).
  Shared(RunContext& c, bool ring)
      : ctx(c),
        producers(int(c.params.integer("producers"))),
        consumers(int(c.params.integer("consumers"))),
        capacity(int(c.params.integer("capacity"))),
        per_producer(int(c.params.integer("items"))),
        slots(std::size_t(capacity), -1),
        consumed(std::size_t(producers * per_producer), 0) {
    if (ring) count.emplace("buffer", 0, capacity, CounterKind::Length);
  }

  RunContext& ctx;
  const int producers, consumers, capacity, per_producer;
  std::vector<int> slots;  // -1: empty
  int in = 0, out = 0;
  std::optional<Watched> count;  // items in the ring buffer
  std::vector<int> consumed;     // how often each item was consumed
  WaitGroup done{"done"};

  std::int64_t size() const { return count->load(); }
  int total() const { return producers * per_producer; }
  // Consumer c takes its share of the items.
  int share(int c) const { return total() / consumers + (c < total() % consumers ? 1 : 0); }

  void put(int item) {
    slots[std::size_t(in)] = item;
    in = (in + 1) % capacity;
    count->store(count->load() + 1);
    ctx.check(count->load() <= capacity, "bounded",
              "the buffer holds " + std::to_string(count->load()) + " items, capacity " + std::to_string(capacity));
    ctx.add_metric("produced", 1, "items");
  }

  int take() {
    int item = slots[std::size_t(out)];
    slots[std::size_t(out)] = -1;
    out = (out + 1) % capacity;
    count->store(count->load() - 1);
    ctx.check(count->load() >= 0, "bounded", "the buffer holds " + std::to_string(count->load()) + " items");
    record(item);
    return item;
  }

  void record(int item) {
    ctx.check(item >= 0, "exactly_once", "a consumer took an empty slot");
    ctx.check(consumed[std::size_t(item)] == 0, "exactly_once", "item " + std::to_string(item) + " consumed twice");
    ++consumed[std::size_t(item)];
    ctx.add_metric("consumed", 1, "items");
  }

  // At the end: every item consumed exactly once, and the throughput.
  void finish() {
    for (int i = 0; i < total(); ++i)
      ctx.check(consumed[std::size_t(i)] == 1, "exactly_once", "item " + std::to_string(i) + " was never consumed");
    double seconds = double(now()) / 1e9;
    ctx.set_metric("throughput", seconds > 0 ? total() / seconds : 0, "items/s");
  }
};

template <class Producer, class Consumer>
void start_and_wait(const std::shared_ptr<Shared>& s, Producer producer, Consumer consumer) {
  s->done.add(s->producers + s->consumers);
  for (int p = 0; p < s->producers; ++p) go("producer#" + std::to_string(p), [s, p, producer] { producer(*s, p); });
  for (int c = 0; c < s->consumers; ++c) go("consumer#" + std::to_string(c), [s, c, consumer] { consumer(*s, c); });
  s->done.wait();
  s->finish();
}

// [SECTION] Semaphores: two semaphores count slots and items, a mutex guards the buffer -------------------

struct WithSemaphores {
  Semaphore spaces;  // free slots
  Semaphore items;   // filled slots
  Mutex mutex{"mutex"};
  explicit WithSemaphores(int capacity) : spaces(capacity, "spaces"), items(0, "items") {}
};

void run_semaphores(RunContext& ctx) {
  auto s = std::make_shared<Shared>(ctx, true);
  auto sync = std::make_shared<WithSemaphores>(s->capacity);
  auto producer = [sync](Shared& b, int id) {
    for (int k = 0; k < b.per_producer; ++k) {
      doing("producing");
      work(b.ctx.params.draw("produce_time"));  // make the item
      doing("");
      int item = id * b.per_producer + k;
      sync->spaces.acquire();  // wait for a free slot
      sync->mutex.lock();
      b.put(item);
      sync->mutex.unlock();
      sync->items.release();  // one more item to take
    }
    b.done.done();
  };
  auto consumer = [sync](Shared& b, int id) {
    for (int k = 0; k < b.share(id); ++k) {
      sync->items.acquire();  // wait for an item
      sync->mutex.lock();
      b.take();
      sync->mutex.unlock();
      sync->spaces.release();  // one more free slot
      doing("consuming");
      work(b.ctx.params.draw("consume_time"));  // use the item
      doing("");
    }
    b.done.done();
  };
  start_and_wait(s, producer, consumer);
}

// [SECTION] Condition variables: a mutex and two conditions, each wait in a while loop --------------------

struct WithCondVars {
  Mutex mutex{"mutex"};
  CondVar not_full{mutex, "not_full"};
  CondVar not_empty{mutex, "not_empty"};
};

void run_condvars(RunContext& ctx) {
  auto s = std::make_shared<Shared>(ctx, true);
  auto sync = std::make_shared<WithCondVars>();
  auto producer = [sync](Shared& b, int id) {
    for (int k = 0; k < b.per_producer; ++k) {
      doing("producing");
      work(b.ctx.params.draw("produce_time"));
      doing("");
      sync->mutex.lock();
      while (b.size() == b.capacity)  // full: wait, then check again
        sync->not_full.wait();
      b.put(id * b.per_producer + k);
      sync->not_empty.signal();
      sync->mutex.unlock();
    }
    b.done.done();
  };
  auto consumer = [sync](Shared& b, int id) {
    for (int k = 0; k < b.share(id); ++k) {
      sync->mutex.lock();
      while (b.size() == 0)  // empty: wait, then check again
        sync->not_empty.wait();
      b.take();
      sync->not_full.signal();
      sync->mutex.unlock();
      doing("consuming");
      work(b.ctx.params.draw("consume_time"));
      doing("");
    }
    b.done.done();
  };
  start_and_wait(s, producer, consumer);
}

// [SECTION] A Go channel: the buffer, the counting and the locking in one primitive ----------------------

void run_channel(RunContext& ctx) {
  auto s = std::make_shared<Shared>(ctx, false);
  Channel<int> buffer(std::size_t(s->capacity), "buffer");
  auto producers = std::make_shared<WaitGroup>("producers");
  producers->add(s->producers);
  s->done.add(s->consumers);
  for (int p = 0; p < s->producers; ++p) {
    go("producer#" + std::to_string(p), [s, p, buffer, producers]() mutable {
      for (int k = 0; k < s->per_producer; ++k) {
        doing("producing");
        work(s->ctx.params.draw("produce_time"));
        doing("");
        buffer.send(p * s->per_producer + k);  // blocks while the buffer is full
        s->ctx.add_metric("produced", 1, "items");
      }
      producers->done();
    });
  }
  go("closer#0", [buffer, producers]() mutable {
    producers->wait();  // when every producer is done...
    buffer.close();     // ...no more items will come
  });
  for (int c = 0; c < s->consumers; ++c) {
    go("consumer#" + std::to_string(c), [s, buffer]() mutable {
      for (;;) {
        auto [item, ok] = buffer.recv_ok();  // blocks while the buffer is empty
        if (!ok) break;                      // closed and drained
        s->ctx.check(buffer.len() <= std::size_t(s->capacity), "bounded", "the channel holds too many items");
        s->record(item);
        doing("consuming");
        work(s->ctx.params.draw("consume_time"));
        doing("");
      }
      s->done.done();
    });
  }
  s->done.wait();
  s->finish();
}

// [SECTION] Broken: `if` instead of `while` around the wait ---------------------------------------------

void run_if_instead_of_while(RunContext& ctx) {
  auto s = std::make_shared<Shared>(ctx, true);
  auto sync = std::make_shared<WithCondVars>();
  auto producer = [sync](Shared& b, int id) {
    for (int k = 0; k < b.per_producer; ++k) {
      doing("producing");
      work(b.ctx.params.draw("produce_time"));
      doing("");
      sync->mutex.lock();
      if (b.size() == b.capacity)  // BUG: checked once; after waking it may be full again
        sync->not_full.wait();
      b.put(id * b.per_producer + k);
      sync->not_empty.signal();
      sync->mutex.unlock();
    }
    b.done.done();
  };
  auto consumer = [sync](Shared& b, int id) {
    for (int k = 0; k < b.share(id); ++k) {
      sync->mutex.lock();
      if (b.size() == 0)  // BUG: another consumer may take the item before we get the mutex back
        sync->not_empty.wait();
      b.take();
      sync->not_full.signal();
      sync->mutex.unlock();
      doing("consuming");
      work(b.ctx.params.draw("consume_time"));
      doing("");
    }
    b.done.done();
  };
  start_and_wait(s, producer, consumer);
}

// [SECTION] Broken: one condition variable and signal() — a lost wake-up ---------------------------------

void run_one_cond_signal(RunContext& ctx) {
  auto s = std::make_shared<Shared>(ctx, true);
  struct OneCond {
    Mutex mutex{"mutex"};
    CondVar changed{mutex, "changed"};  // BUG: producers and consumers wait on the same condition
  };
  auto sync = std::make_shared<OneCond>();
  auto producer = [sync](Shared& b, int id) {
    for (int k = 0; k < b.per_producer; ++k) {
      doing("producing");
      work(b.ctx.params.draw("produce_time"));
      doing("");
      sync->mutex.lock();
      while (b.size() == b.capacity)  // full
        sync->changed.wait();
      b.put(id * b.per_producer + k);
      sync->changed.signal();  // BUG: may wake another producer, and the consumers sleep on
      sync->mutex.unlock();
    }
    b.done.done();
  };
  auto consumer = [sync](Shared& b, int id) {
    for (int k = 0; k < b.share(id); ++k) {
      sync->mutex.lock();
      while (b.size() == 0)  // empty
        sync->changed.wait();
      b.take();
      sync->changed.signal();  // BUG: may wake another consumer, and the producers sleep on
      sync->mutex.unlock();
      doing("consuming");
      work(b.ctx.params.draw("consume_time"));
      doing("");
    }
    b.done.done();
  };
  start_and_wait(s, producer, consumer);
}

// [SECTION] Broken: no mutex — two goroutines use the same slot ------------------------------------------

void run_no_mutex(RunContext& ctx) {
  auto s = std::make_shared<Shared>(ctx, true);
  auto sync = std::make_shared<WithSemaphores>(s->capacity);
  auto producer = [sync](Shared& b, int id) {
    for (int k = 0; k < b.per_producer; ++k) {
      doing("producing");
      work(b.ctx.params.draw("produce_time"));
      doing("");
      sync->spaces.acquire();
      int i = b.in;                                       // BUG: no mutex; read the shared index...
      yield();                                            // ...another producer may run here and read the same index...
      b.slots[std::size_t(i)] = id * b.per_producer + k;  // ...and both write one slot
      b.in = (i + 1) % b.capacity;
      b.count->store(b.size() + 1);
      b.ctx.add_metric("produced", 1, "items");
      sync->items.release();
    }
    b.done.done();
  };
  auto consumer = [sync](Shared& b, int id) {
    for (int k = 0; k < b.share(id); ++k) {
      sync->items.acquire();
      int i = b.out;  // BUG: the same race on the consumers' side
      yield();
      int item = b.slots[std::size_t(i)];
      b.slots[std::size_t(i)] = -1;
      b.out = (i + 1) % b.capacity;
      b.count->store(b.size() - 1);
      b.record(item);
      sync->spaces.release();
      doing("consuming");
      work(b.ctx.params.draw("consume_time"));
      doing("");
    }
    b.done.done();
  };
  start_and_wait(s, producer, consumer);
}

// [SECTION] Registration --------------------------------------------------------------------------------

Registrar reg([] {
  Pattern p;
  p.name = "producer_consumer";
  p.title = "Producer/consumer on a bounded buffer";
  p.lesson =
      "Producers put items into a buffer of fixed capacity and consumers take them out. Watch the buffer's fill "
      "level: producers block (on 'spaces', 'not_full' or the channel send) when it is full, consumers when it "
      "is empty. Two things must be true at every moment: the buffer is never over-full or negative, and no two "
      "goroutines change it at once. Compare the three correct versions (they behave alike) with the three "
      "broken ones: an `if` where a `while` belongs, one condition variable shared by both sides, and a "
      "missing mutex.";
  p.source_file = "patterns/producer_consumer.cpp";
  p.params = {
      ParamSpec::integer("producers", 2, 1, 16, "goroutines", "goroutines that produce items"),
      ParamSpec::integer("consumers", 2, 1, 16, "goroutines", "goroutines that consume items"),
      ParamSpec::integer("capacity", 3, 1, 64, "items", "slots in the buffer"),
      ParamSpec::integer("items", 10, 1, 10000, "items", "items each producer makes"),
      ParamSpec::duration("produce_time", "uniform 1ms..3ms", "time to make one item (work)"),
      ParamSpec::duration("consume_time", "uniform 1ms..4ms", "time to use one item (work)"),
  };
  p.invariants = {
      {"bounded", "the buffer never holds more items than its capacity, nor fewer than zero"},
      {"exactly_once", "every item is consumed exactly once (checked as it is taken, and at the end)"},
  };
  p.metrics = {{"produced", "items"}, {"consumed", "items"}, {"throughput", "items/s"}};
  p.variants = {
      {"semaphores", "Two semaphores and a mutex",
       "Downey's solution: 'spaces' counts free slots, 'items' counts filled ones, and a mutex makes each put "
       "and take atomic. A semaphore remembers its releases, so no wake-up is ever lost.",
       Bug::None, &run_semaphores},
      {"condvars", "A mutex and two condition variables",
       "Producers wait on 'not_full', consumers on 'not_empty', each in a while loop that re-checks the "
       "condition after every wake-up: with Mesa semantics the state may have changed before the waiter gets "
       "the mutex back.",
       Bug::None, &run_condvars},
      {"channel", "A Go buffered channel",
       "In Go the bounded buffer is a buffered channel: send blocks while it is full, receive while it is "
       "empty. A closer goroutine closes it when all producers are done, and the consumers drain it.",
       Bug::None, &run_channel},
      {"if_instead_of_while", "`if` instead of `while` around the wait",
       "The wait is guarded by an if: the condition is checked only once. A consumer woken by a signal is only "
       "made runnable; before it gets the mutex back another consumer can take the item (a stolen wake-up), "
       "or the wake-up was spurious. It then takes from an empty buffer: the 'bounded' invariant fails.",
       Bug::InvariantViolation, &run_if_instead_of_while},
      {"one_cond_signal",
       "One condition variable with signal()",
       "Producers and consumers share one condition variable and wake one waiter with signal(). The signal "
       "meant for a consumer can wake another producer, which finds the buffer still full and waits again: "
       "the wake-up is lost, and soon everyone waits for everyone. Deadlock. (Its capacity defaults to 1, where "
       "this happens quickly; with more slots it takes longer to show.)",
       Bug::Deadlock,
       &run_one_cond_signal,
       "",
       0,
       false,
       {{"capacity", "1"}}},
      {"no_mutex", "Semaphores without the mutex",
       "The semaphores still count slots correctly, but two producers can read the same 'in' index before "
       "either advances it, and write the same slot: one item is overwritten and a consumer later takes an "
       "empty slot or an item twice. The 'exactly_once' invariant fails.",
       Bug::InvariantViolation, &run_no_mutex},
  };
  return p;
});

}  // namespace
}  // namespace interleave::patterns
