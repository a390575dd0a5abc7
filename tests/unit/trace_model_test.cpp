// trace_model_test.cpp — the TraceModel, headless: intervals, processor lanes, counters, holders and
// wait-for edges (from real runs on the scheduler), and level-of-detail merging (on synthetic recordings).
#include "scenarios/model/trace_model.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "runtime/interleave.h"

using namespace interleave;
using namespace interleave::time_literals;

namespace {

ObjectId find_object(const TraceModel& m, std::string_view name) {
  for (ObjectId o = 1; o <= m.object_count(); ++o)
    if (m.object_name(o) == name) return o;
  return kNoObject;
}

std::vector<GoroutineId> holders(const TraceModel& m, ObjectId o, VirtualTime t) {
  std::vector<GoroutineId> out;
  m.holders_at(o, t, out);
  std::ranges::sort(out);
  return out;
}

// A recording of one goroutine whose state changes at the given times (state i from times[i] to times[i+1]).
TraceRecorder synthetic(const std::vector<std::pair<VirtualTime, GState>>& changes) {
  std::vector<Event> events;
  Event create;
  create.type = EventType::GoCreate;
  create.g = 1;
  events.push_back(create);
  for (auto [t, s] : changes) {
    Event e;
    e.type = EventType::State;
    e.time = t;
    e.g = 1;
    e.a = static_cast<std::uint8_t>(s);
    e.b = static_cast<std::uint8_t>(s == GState::Blocked ? WaitReason::ChanReceive : WaitReason::None);
    e.value = s == GState::Running ? 0 : -1;
    events.push_back(e);
  }
  TraceRecorder rec;
  rec.load(std::move(events), {GoroutineInfo{}, GoroutineInfo{"worker#1"}}, {ObjectInfo{}}, {SrcLoc{}}, {});
  return rec;
}

}  // namespace

TEST_CASE("intervals: one state at a time, the last change at an instant wins") {
  Scheduler s;
  TraceRecorder rec;
  rec.attach(s);
  GoroutineId worker = 0;
  s.run_main("main", [&] {
    worker = go("worker#1", [] { work(3_ms); });
    sleep(10_ms);
  });
  REQUIRE(s.outcome() == Outcome::Completed);
  TraceModel m(&rec);
  m.update();
  CHECK(m.consumed() == rec.size());
  CHECK(m.end_time() == 10_ms);

  const GoroutineId main = 1;
  REQUIRE(m.state_at(main, 5_ms));
  CHECK(m.state_at(main, 5_ms)->state == GState::Sleeping);
  CHECK(m.state_at(main, 5_ms)->reason == WaitReason::Sleep);
  CHECK(m.state_at(main, 10_ms)->state == GState::Done);

  const auto& iv = m.intervals(worker);
  REQUIRE(iv.size() == 2);
  CHECK(iv[0].state == GState::Running);
  CHECK(iv[0].start == 0);
  CHECK(iv[0].end == 3_ms);
  CHECK(iv[0].processor == 0);
  CHECK(iv[1].state == GState::Done);
  CHECK(m.state_at(worker, 2_ms)->state == GState::Running);
  CHECK(m.state_at(worker, 3_ms)->state == GState::Done);
  CHECK(m.time_in_states(worker, 2_ms)[static_cast<int>(GState::Running)] == 2_ms);
  CHECK(m.time_in_states(main, 10_ms)[static_cast<int>(GState::Sleeping)] == 10_ms);

  // Roles group goroutines by the name before '#'.
  REQUIRE(m.roles().size() == 2);
  CHECK(m.roles()[0].name == "main");
  CHECK(m.roles()[1].name == "worker");
  CHECK(m.roles()[1].members == std::vector<GoroutineId>{worker});

  // The processor lane: the worker held P0 for 3 ms.
  REQUIRE(m.processor_count() == 1);
  REQUIRE(!m.processor_lane(0).empty());
  auto busy = std::ranges::find(m.processor_lane(0), worker, &ProcSpan::g);
  REQUIRE(busy != m.processor_lane(0).end());
  CHECK(busy->start == 0);
  CHECK(busy->end == 3_ms);
}

TEST_CASE("instants: running for no virtual time is remembered, not drawn as an interval") {
  Scheduler s;
  TraceRecorder rec;
  rec.attach(s);
  GoroutineId sleeper = 0;
  s.run_main("main", [&] {
    sleeper = go("sleeper", [] {
      for (int i = 0; i < 3; ++i) sleep(1_ms);
    });
    sleep(5_ms);
  });
  TraceModel m(&rec);
  m.update();
  for (const StateInterval& iv : m.intervals(sleeper)) CHECK(iv.state != GState::Running);
  // It ran (for 0 ns) at 0, 1, 2 and 3 ms: started, and woke after each sleep.
  CHECK(m.instants(sleeper) == std::vector<VirtualTime>{0, 1_ms, 2_ms, 3_ms});
}

TEST_CASE("update() is incremental: consuming in pieces gives the same model") {
  Scheduler s(Scheduler::Config{}.with_processors(2));
  TraceRecorder rec;
  rec.attach(s);
  s.run_main("main", [] {
    WaitGroup wg("wg");
    wg.add(3);
    for (int i = 0; i < 3; ++i)
      go("worker#" + std::to_string(i), [&wg, i] {
        work((i + 1) * 1_ms);
        sleep(1_ms);
        wg.done();
      });
    wg.wait();
  });
  TraceModel whole(&rec), pieces(&rec);
  whole.update();
  while (pieces.update(3) > 0) {
  }
  REQUIRE(whole.goroutine_count() == pieces.goroutine_count());
  for (GoroutineId g = 1; g <= whole.goroutine_count(); ++g) {
    const auto& a = whole.intervals(g);
    const auto& b = pieces.intervals(g);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      CHECK(a[i].start == b[i].start);
      CHECK(a[i].end == b[i].end);
      CHECK(a[i].state == b[i].state);
    }
  }
  CHECK(whole.processor_count() == 2);
  // Two workers ran in parallel from time 0, one on each processor.
  CHECK(whole.state_at(2, 500_us)->state == GState::Running);
  CHECK(whole.state_at(3, 500_us)->state == GState::Running);
  CHECK(whole.state_at(4, 500_us)->state == GState::Runnable);
}

TEST_CASE("counters: a buffered channel's depth, its capacity and the hand-over flows") {
  Scheduler s;
  TraceRecorder rec;
  rec.attach(s);
  GoroutineId consumer = 0;
  s.run_main("main", [&] {
    Channel<int> jobs(2, "jobs");
    consumer = go("consumer", [jobs]() mutable {
      sleep(1_ms);
      for (int i = 0; i < 3; ++i) jobs.recv();
    });
    for (int i = 0; i < 3; ++i) jobs.send(i);  // the third send blocks until the consumer wakes
    sleep(2_ms);
  });
  REQUIRE(s.outcome() == Outcome::Completed);
  TraceModel m(&rec);
  m.update();
  ObjectId jobs = find_object(m, "jobs");
  REQUIRE(jobs != kNoObject);
  CHECK(m.object_kind(jobs) == ObjectKind::Channel);
  CHECK(m.object_capacity(jobs) == 2);
  const CounterSeries* depth = m.counter(jobs, CounterKind::Length);
  REQUIRE(depth);
  CHECK(depth->max == 2);
  CHECK(depth->min == 0);
  CHECK(depth->value_at(500_us) == 2);
  CHECK(depth->value_at(3_ms) == 0);

  // Main blocked on "chan send" from 0 to 1 ms.
  const StateInterval* main_at = m.state_at(1, 500_us);
  REQUIRE(main_at);
  CHECK(main_at->state == GState::Blocked);
  CHECK(main_at->reason == WaitReason::ChanSend);
  CHECK(main_at->object == jobs);

  // The consumer woke main at 1 ms, through the channel.
  auto wake = std::ranges::find_if(m.flows(), [&](const Flow& f) {
    return f.kind == FlowKind::Wake && f.from == consumer && f.to == 1 && f.object == jobs;
  });
  REQUIRE(wake != m.flows().end());
  CHECK(wake->time == 1_ms);
  CHECK(m.first_flow_at(1_ms) <= static_cast<std::size_t>(wake - m.flows().begin()));

  // The per-pixel reduction keeps the highest value in a column.
  std::vector<CounterColumn> cols;
  TraceModel::counter_lod(*depth, 0, 4_ms, 1_ms, cols);
  REQUIRE(!cols.empty());
  CHECK(cols.front().hi == 2);
  CHECK(cols.back().last == 0);
}

TEST_CASE("wait-for: a lock-order deadlock is a cycle; a hand-off moves the holder") {
  SUBCASE("two goroutines taking two mutexes in opposite orders") {
    Scheduler s;
    TraceRecorder rec;
    rec.attach(s);
    GoroutineId g1 = 0, g2 = 0;
    s.run_main("main", [&] {
      Mutex a("a"), b("b");
      WaitGroup wg("wg");
      wg.add(2);
      g1 = go("left#1", [&] {
        a.lock();
        sleep(1_ms);
        b.lock();
        wg.done();
      });
      g2 = go("right#1", [&] {
        b.lock();
        sleep(1_ms);
        a.lock();
        wg.done();
      });
      wg.wait();
    });
    REQUIRE(s.outcome() == Outcome::Deadlock);
    TraceModel m(&rec);
    m.update();
    CHECK(m.run_end().ended);
    CHECK(m.run_end().outcome == Outcome::Deadlock);
    ObjectId a = find_object(m, "a"), b = find_object(m, "b");
    CHECK(holders(m, a, 500_us) == std::vector<GoroutineId>{g1});
    CHECK(holders(m, b, 500_us) == std::vector<GoroutineId>{g2});

    WaitGraph early = m.wait_for(500_us);
    CHECK(early.cycles.empty());
    WaitGraph graph = m.wait_for(m.end_time());
    REQUIRE(graph.cycles.size() == 1);
    CHECK(graph.cycles[0] == std::vector<GoroutineId>{g1, g2});
    int in_cycle = 0;
    for (const WaitEdge& e : graph.edges) {
      if (e.waiter == g1) {
        CHECK(e.object == b);
        CHECK(e.holders == std::vector<GoroutineId>{g2});
      }
      if (e.waiter == 1) CHECK(!e.in_cycle);  // main waits on the WaitGroup: not part of the cycle
      in_cycle += e.in_cycle;
    }
    CHECK(in_cycle == 2);
  }
  SUBCASE("unlock hands the mutex to the waiter") {
    Scheduler s;
    TraceRecorder rec;
    rec.attach(s);
    GoroutineId g1 = 0, g2 = 0;
    s.run_main("main", [&] {
      Mutex m("m");
      WaitGroup wg("wg");
      wg.add(2);
      g1 = go("first", [&] {
        m.lock();
        sleep(1_ms);
        m.unlock();
        wg.done();
      });
      g2 = go("second", [&] {
        m.lock();
        sleep(1_ms);
        m.unlock();
        wg.done();
      });
      wg.wait();
    });
    REQUIRE(s.outcome() == Outcome::Completed);
    TraceModel model(&rec);
    model.update();
    ObjectId m = find_object(model, "m");
    CHECK(holders(model, m, 500_us) == std::vector<GoroutineId>{g1});
    CHECK(holders(model, m, 1500_us) == std::vector<GoroutineId>{g2});
    CHECK(holders(model, m, 3_ms).empty());
    WaitGraph graph = model.wait_for(500_us);
    auto e = std::ranges::find(graph.edges, g2, &WaitEdge::waiter);
    REQUIRE(e != graph.edges.end());
    CHECK(e->reason == WaitReason::MutexLock);
    CHECK(e->holders == std::vector<GoroutineId>{g1});
    CHECK(!e->in_cycle);
  }
  SUBCASE("a writer's unlock admits the waiting readers") {
    Scheduler s;
    TraceRecorder rec;
    rec.attach(s);
    GoroutineId w = 0, r1 = 0, r2 = 0;
    s.run_main("main", [&] {
      RWMutex rw("rw");
      WaitGroup wg("wg");
      wg.add(3);
      w = go("writer", [&] {
        rw.lock();
        sleep(1_ms);
        rw.unlock();
        wg.done();
      });
      auto reader = [&] {
        rw.rlock();
        sleep(1_ms);
        rw.runlock();
        wg.done();
      };
      r1 = go("reader#1", reader);
      r2 = go("reader#2", reader);
      wg.wait();
    });
    REQUIRE(s.outcome() == Outcome::Completed);
    TraceModel model(&rec);
    model.update();
    ObjectId rw = find_object(model, "rw");
    CHECK(holders(model, rw, 500_us) == std::vector<GoroutineId>{w});
    CHECK(holders(model, rw, 1500_us) == std::vector<GoroutineId>{r1, r2});
    CHECK(holders(model, rw, 3_ms).empty());
  }
}

TEST_CASE("level of detail: narrow intervals merge into pixel-wide pieces, wide ones keep their edges") {
  // 1000 cycles of Running 30 ns + Runnable 10 ns, then Blocked for 1 ms, then Done.
  std::vector<std::pair<VirtualTime, GState>> changes;
  VirtualTime t = 0;
  for (int i = 0; i < 1000; ++i) {
    changes.emplace_back(t, GState::Running);
    changes.emplace_back(t + 30, GState::Runnable);
    t += 40;
  }
  const VirtualTime blocked_at = t;
  changes.emplace_back(blocked_at, GState::Blocked);
  changes.emplace_back(blocked_at + 1_ms, GState::Done);
  TraceRecorder rec = synthetic(changes);
  TraceModel m(&rec);
  m.update();
  REQUIRE(m.intervals(1).size() == 2002);
  const VirtualTime end = blocked_at + 1_ms + 1;  // one past the Done change, so it is in view

  std::vector<LodPiece> pieces;
  SUBCASE("at one nanosecond per pixel nothing merges") {
    m.lod(1, 0, end, 1.0, pieces);
    CHECK(pieces.size() == 2002);
    CHECK(std::ranges::none_of(pieces, &LodPiece::mixed));
  }
  SUBCASE("at 400 ns per pixel the busy part becomes ~100 pieces, mostly running") {
    m.lod(1, 0, end, 400.0, pieces);
    REQUIRE(pieces.size() >= 100);
    CHECK(pieces.size() <= 104);
    for (std::size_t i = 0; i + 1 < pieces.size(); ++i) {
      CHECK(pieces[i].end == pieces[i + 1].start);  // contiguous
      if (pieces[i].end <= blocked_at) {
        CHECK(pieces[i].end - pieces[i].start >= 400);
        CHECK(pieces[i].mixed);
        CHECK(pieces[i].state == GState::Running);  // 75% of the time
      }
    }
    auto blocked = std::ranges::find(pieces, GState::Blocked, &LodPiece::state);
    REQUIRE(blocked != pieces.end());
    CHECK(blocked->start == blocked_at);  // the wide interval keeps its exact edges
    CHECK(blocked->end == blocked_at + 1_ms);
    CHECK(!blocked->mixed);
    CHECK(blocked->reason == WaitReason::ChanReceive);
    CHECK(pieces.back().state == GState::Done);
  }
  SUBCASE("a window covers only what it shows") {
    m.lod(1, 20'000, 24'000, 1.0, pieces);
    REQUIRE(!pieces.empty());
    CHECK(pieces.front().start <= 20'000);
    CHECK(pieces.front().end > 20'000);
    CHECK(pieces.back().start < 24'000);
    CHECK(pieces.size() <= 202);
  }
  SUBCASE("a million intervals reduce to about one piece per pixel") {
    std::vector<std::pair<VirtualTime, GState>> many;
    for (VirtualTime k = 0; k < 1'000'000; ++k)
      many.emplace_back(k * 10, k % 3 == 0 ? GState::Blocked : GState::Running);
    TraceRecorder big = synthetic(many);
    TraceModel bm(&big);
    bm.update();
    double ns_per_px = 10'000'000.0 / 1600;
    bm.lod(1, 0, 10'000'000, ns_per_px, pieces);
    CHECK(pieces.size() <= 1602);
    CHECK(pieces.size() >= 1500);
    CHECK(pieces.front().state == GState::Running);
  }
}

TEST_CASE("processor lanes merge short slices and report how busy a pixel was") {
  std::vector<Event> events;
  auto add = [&](VirtualTime t, GoroutineId g, GState st) {
    Event e;
    e.type = EventType::State;
    e.time = t;
    e.g = g;
    e.a = static_cast<std::uint8_t>(st);
    e.value = st == GState::Running ? 0 : -1;
    events.push_back(e);
  };
  // Goroutines 1 and 2 alternate on P0 every 10 ns with 10 ns idle gaps, 100 times.
  for (int i = 0; i < 100; ++i) {
    GoroutineId g = 1 + static_cast<GoroutineId>(i % 2);
    add(i * 20, g, GState::Running);
    add(i * 20 + 10, g, GState::Runnable);
  }
  TraceRecorder rec;
  rec.load(std::move(events), {GoroutineInfo{}, GoroutineInfo{"a"}, GoroutineInfo{"b"}}, {ObjectInfo{}}, {SrcLoc{}},
           {});
  TraceModel m(&rec);
  m.update();
  REQUIRE(m.processor_count() == 1);
  CHECK(m.processor_lane(0).size() == 100);
  std::vector<ProcPiece> pieces;
  m.processor_lod(0, 0, 2000, 1.0, pieces);
  CHECK(pieces.size() == 100);
  CHECK(pieces[0].g == 1);
  CHECK(pieces[1].g == 2);
  m.processor_lod(0, 0, 2000, 200.0, pieces);
  CHECK(pieces.size() <= 11);
  REQUIRE(!pieces.empty());
  CHECK(pieces[0].mixed);
  CHECK(pieces[0].busy == doctest::Approx(0.5).epsilon(0.1));
}

TEST_CASE("format_time picks a unit a person would") {
  CHECK(format_time(12) == "12 ns");
  CHECK(format_time(1'500'000) == "1.5 ms");
  CHECK(format_time(2'000'000'000) == "2 s");
  CHECK(format_time(250'000) == "250 \xC2\xB5s");
}

TEST_CASE("the run queue's length is derived from the state changes" * doctest::timeout(10)) {
  // Three goroutines become runnable while main sleeps on one processor; they run one after another.
  Scheduler s;
  TraceRecorder rec;
  rec.attach(s);
  s.run_main("main", [&] {
    for (int i = 0; i < 3; ++i) go("w", [] { work(1_ms); });
    sleep(10_ms);
  });
  REQUIRE(s.outcome() == Outcome::Completed);
  TraceModel m(&rec);
  m.update();
  ObjectId runq = rec.run_queue();
  REQUIRE(runq != kNoObject);
  const CounterSeries* len = m.counter(runq, CounterKind::Length);
  REQUIRE(len != nullptr);
  CHECK(len->max == 3);                  // main spawned three before sleeping: all three waiting, main running
  CHECK(len->value_at(0) == 2);          // at time 0 main went to sleep and w1 was dispatched
  CHECK(len->value_at(1'500'000) == 1);  // w1 done at 1 ms, w2 running until 2 ms, w3 waiting
  CHECK(len->value_at(5_ms) == 0);
  // The recorder's series says the same.
  auto series = rec.counter_series(runq, CounterKind::Length);
  REQUIRE(!series.empty());
  CHECK(series.back().second == 0);
}
