// run_queue_series_test.cpp — bounds and the summary (object_stats) read the run queue's length from
// the same series as the GUI's TraceModel and the exports: derived from the state changes.
#include <doctest/doctest.h>

#include <algorithm>

#include "scenarios/model/trace_model.h"
#include "scenarios/engine/analysis.h"
#include "scenarios/engine/session.h"

using namespace interleave;

TEST_CASE("the run queue: the summary's depth is the TraceModel's series" * doctest::timeout(30)) {
  for (int procs : {1, 2}) {
    engine::RunConfig cfg;
    cfg.pattern = "producer_consumer";
    cfg.variant = "semaphores";
    cfg.procs = procs;
    engine::Session s(cfg);
    s.run();
    TraceModel model(&s.trace());
    model.update();
    const ObjectId rq = s.trace().run_queue();
    const CounterSeries* series = model.counter(rq, CounterKind::Length);
    REQUIRE(series != nullptr);
    REQUIRE(!series->points.empty());
    std::int64_t max = 0;
    for (const auto& p : series->points) max = std::max(max, p.value);
    bool found = false;
    for (const auto& o : object_stats(s.trace())) {
      if (o.id != rq) continue;
      found = true;
      CHECK(o.has_depth);
      CHECK(o.max_depth == max);
      CHECK(o.max_depth >= 1);
      CHECK(o.mean_depth > 0);
    }
    CHECK(found);
  }
}
