#include <doctest/doctest.h>

#include "runtime/interleave.h"
using namespace interleave;
using namespace interleave::time_literals;
TEST_CASE("smoke") {
  Scheduler s(Scheduler::Config{}.with_processors(2));
  TraceRecorder rec;
  rec.attach(s);
  int done = 0;
  s.run_main("main", [&] {
    WaitGroup wg("wg");
    wg.add(2);
    for (int i = 0; i < 2; ++i)
      go("worker", [&] {
        work(5_ms);
        ++done;
        wg.done();
      });
    wg.wait();
  });
  CHECK(s.outcome() == Outcome::Completed);
  CHECK(done == 2);
  CHECK(s.now() == 5_ms);
  CHECK(rec.size() > 10);
}
