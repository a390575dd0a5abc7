// sleeping_barber.cpp — Dijkstra's sleeping barber, as Downey's barbershop (Little Book of Semaphores 5.2).
//
// A barbershop has one barber and room for n customers (the one in the chair and n-1 waiting). A customer
// who finds the shop full leaves (balks). The barber sleeps until a customer arrives; a customer waits
// until the barber is ready. Four semaphores make two rendezvous: customer meets barber before the cut,
// and again after it.
#include <algorithm>
#include <memory>
#include <string>

#include "patterns/registry.h"
#include "patterns/watched.h"

namespace interleave::patterns {
namespace {

struct Barbershop {
  Barbershop(RunContext& c) : ctx(c), n(int(c.params.integer("seats"))) {}
  RunContext& ctx;
  const int n;                     // customers the shop holds, the one in the chair included
  Watched customers{"customers"};  // customers in the shop, guarded by mutex
  Semaphore mutex{1, "mutex"};
  Semaphore customer{0, "customer"};  // a customer has arrived
  Semaphore barber{0, "barber"};      // the barber is ready
  Semaphore customer_done{0, "customer_done"};
  Semaphore barber_done{0, "barber_done"};
  int in_chair = 0;
  WaitGroup finished{"finished"};
};

void barber(Barbershop& b) {
  for (;;) {
    b.customer.acquire();  // sleep until a customer arrives
    b.barber.release();
    work(b.ctx.params.draw("haircut_time"));  // cut hair
    b.customer_done.acquire();
    b.barber_done.release();
    b.ctx.add_metric("served", 1, "customers");
  }
}

void customer(Barbershop& b) {
  b.mutex.acquire();
  if (b.customers.load() == b.n) {
    b.mutex.release();
    b.ctx.add_metric("balked", 1, "customers");  // the shop is full: leave
    return;
  }
  b.customers.store(b.customers.load() + 1);
  b.ctx.check(b.customers.load() <= b.n, "capacity", "more customers in the shop than it holds");
  b.mutex.release();

  b.customer.release();  // wake the barber...
  b.barber.acquire();    // ...and wait until he is ready
  b.in_chair += 1;       // get a haircut
  b.ctx.check(b.in_chair == 1, "one_chair", std::to_string(b.in_chair) + " customers in the barber's chair");
  b.in_chair -= 1;
  b.customer_done.release();
  b.barber_done.acquire();  // wait until the barber is done with us

  b.mutex.acquire();
  b.customers.store(b.customers.load() - 1);
  b.mutex.release();
}

void run_downey(RunContext& ctx) {
  auto shop = std::make_shared<Barbershop>(ctx);
  go("barber", [shop] { barber(*shop); });
  int customers = int(ctx.params.integer("customers"));
  shop->finished.add(customers);
  for (int i = 0; i < customers; ++i) {
    sleep(ctx.params.draw("arrival_interval"));  // the next customer walks in
    go("customer#" + std::to_string(i), [shop] {
      customer(*shop);
      shop->finished.done();
    });
  }
  shop->finished.wait();
  double seconds = double(now()) / 1e9;
  double served = 0;
  for (const Metric& m : ctx.metrics())
    if (m.name == "served") served = m.value;
  ctx.set_metric("throughput", seconds > 0 ? served / seconds : 0, "customers/s");
}

Registrar reg([] {
  Pattern p;
  p.name = "sleeping_barber";
  p.title = "The sleeping barber (Downey's barbershop)";
  p.lesson =
      "One barber, a shop that holds a few customers, and customers arriving at random. Watch the barber "
      "sleep on 'customer' when the shop is empty, customers wait on 'barber' while he works, and customers "
      "balk when all seats are taken. The two pairs of semaphores (customer/barber before the haircut, "
      "customer_done/barber_done after it) are two rendezvous: neither side runs ahead of the other.";
  p.source_file = "patterns/sleeping_barber.cpp";
  p.params = {
      ParamSpec::integer("customers", 12, 1, 10000, "goroutines", "customers that come to the shop"),
      ParamSpec::integer("seats", 4, 1, 64, "customers", "customers the shop holds, the one in the chair included"),
      ParamSpec::duration("arrival_interval", "exp 2ms", "time between two customers' arrivals (sleep)"),
      ParamSpec::duration("haircut_time", "uniform 2ms..4ms", "one haircut (work)"),
  };
  p.invariants = {
      {"capacity", "the shop never holds more customers than its seats"},
      {"one_chair", "one customer at a time in the barber's chair"},
  };
  p.metrics = {{"served", "customers"}, {"balked", "customers"}, {"throughput", "customers/s"}};
  p.variants = {
      {"downey", "Downey's barbershop",
       "A mutex guards the count of customers; a full shop turns customers away. 'customer' and 'barber' make "
       "a rendezvous before the haircut, 'customer_done' and 'barber_done' one after it, so the barber never "
       "starts on a customer who is not there and no customer leaves mid-cut.",
       Bug::None, &run_downey},
  };
  return p;
});

}  // namespace
}  // namespace interleave::patterns
