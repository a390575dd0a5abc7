// bench_interleave.cpp — the Interleave runtime's benchmarks: "interleave" (a TraceRecorder attached, every
// event recorded) and "interleave_untraced" (no observer), plus million_goroutines.
//
// Each measured loop runs inside the main goroutine of one Scheduler, so the run, its stacks and its
// queues are warm: what is timed is the operation, not the set-up.
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/interleave.h"
#include "tests/bench/bench_common.h"

using namespace interleave;

namespace bench {
namespace {

enum class Tracing { On, Off };

// A traced repetition of 0.2 s records 1-1.5 GB of events, in 2 MiB chunks. The heap keeps freed memory
// (bench_main.cpp's mallopt), so every repetition after the first reuses warm pages; the first would pay
// this machine's first-touch page faults alone (its spread showed it: 87-304 ns against a median of 89).
// So before the first traced run, the heap is grown and touched once, in the chunks the recorder uses.
void warm_heap_once() {
  static bool warm = false;
  if (warm) return;
  warm = true;
  constexpr std::size_t kChunk = 2u << 20, kChunks = 768;  // 1.5 GiB (under the 2 GiB trim threshold)
  std::vector<void*> chunks;
  for (std::size_t i = 0; i < kChunks; ++i) {
    void* p = std::malloc(kChunk);
    if (!p) break;
    std::memset(p, 1, kChunk);
    chunks.push_back(p);
  }
  for (void* p : chunks) std::free(p);
}

// Runs `body` as the main goroutine of a fresh run; reports an error if the run did not complete.
template <class Body>
void in_run(benchmark::State& state, Tracing tracing, Body&& body, Scheduler::Config config = {}) {
  if (tracing == Tracing::On) warm_heap_once();
  Scheduler s(config);
  TraceRecorder rec;
  if (tracing == Tracing::On) rec.attach(s);
  s.run_main("bench", [&] { body(); });
  if (s.outcome() != Outcome::Completed) state.SkipWithError(("run ended: " + s.dump()).c_str());
}

void yield_pingpong(benchmark::State& state, Tracing tracing) {
  in_run(state, tracing, [&] {
    bool stop = false;
    go("peer", [&] {
      while (!stop) yield();
    });
    for (auto _ : state) yield();
    stop = true;
    yield();
  });
  per_op(state, 2);  // main's yield and the peer's
}

void chan_unbuffered_roundtrip(benchmark::State& state, Tracing tracing) {
  in_run(state, tracing, [&] {
    Channel<int> ping(0, "ping"), pong(0, "pong");
    go("echo", [&] {
      for (;;) {
        auto [v, ok] = ping.recv_ok();
        if (!ok) return;
        pong.send(v);
      }
    });
    int i = 0;
    for (auto _ : state) {
      ping.send(i++);
      benchmark::DoNotOptimize(pong.recv());
    }
    ping.close();
    yield();
  });
  per_op(state, 1);
}

void chan_buffered_item(benchmark::State& state, Tracing tracing) {
  in_run(state, tracing, [&] {
    Channel<int> ch(1024, "items");
    WaitGroup done;
    done.add(1);
    go("consumer", [&] {
      while (ch.recv_ok().second) {
      }
      done.done();
    });
    int i = 0;
    for (auto _ : state) ch.send(i++);
    ch.close();
    done.wait();
  });
  per_op(state, 1);
}

void mutex_handoff(benchmark::State& state, Tracing tracing) {
  in_run(state, tracing, [&] {
    Mutex mu("mu");
    bool stop = false;
    WaitGroup done;
    done.add(1);
    go("peer", [&] {
      while (!stop) {
        mu.lock();
        yield();
        mu.unlock();
        yield();
      }
      done.done();
    });
    for (auto _ : state) {
      mu.lock();
      yield();
      mu.unlock();
      yield();
    }
    stop = true;
    done.wait();
  });
  per_op(state, 2);  // main's acquisition and the peer's
}

void spawn_complete(benchmark::State& state, Tracing tracing) {
  in_run(state, tracing, [&] {
    int ran = 0;
    for (auto _ : state) {
      go("child", [&] { ++ran; });
      yield();  // the child runs to completion
    }
    if (ran != static_cast<int>(state.iterations())) state.SkipWithError("a child did not run");
  });
  per_op(state, 1);
}

// Spawns `n` goroutines that all park on one WaitGroup, measures the RSS growth while they are all alive,
// then releases them. Returns bytes per goroutine (negative on failure).
double park_many(int n, Tracing tracing, Scheduler::Config config = {}) {
  std::int64_t before = rss_bytes();
  std::int64_t during = -1;
  int finished = 0;
  {
    Scheduler s(config);
    TraceRecorder rec;
    if (tracing == Tracing::On) rec.attach(s);
    s.run_main("main", [&] {
      WaitGroup gate("gate");
      gate.add(1);
      for (int i = 0; i < n; ++i)
        go("g", [&] {
          gate.wait();
          ++finished;
        });
      interleave::sleep(1);  // every goroutine runs and parks
      during = rss_bytes();
      gate.done();
      interleave::sleep(1);  // every goroutine finishes
    });
    if (s.outcome() != Outcome::Completed || finished != n) return -1;
  }
  return static_cast<double>(during - before) / n;
}

void live_goroutine_rss(benchmark::State& state, Tracing tracing) {
  double per = 0;
  for (auto _ : state) per = in_child([&] { return park_many(kLiveGoroutines, tracing); });
  if (per < 0) state.SkipWithError("measurement failed");
  state.counters["bytes_per_goroutine"] = per;
}

void million_goroutines(benchmark::State& state) {
  constexpr int kMillion = 1'000'000;
  double per = 0;
  Scheduler::Config config;
  config.stack_size = 16 * 1024;  // a million 64 KiB stacks would be 64 GiB of address space
  for (auto _ : state) per = park_many(kMillion, Tracing::Off, config);
  if (per < 0) state.SkipWithError("a million goroutines did not all park and finish");
  state.counters["goroutines"] = kMillion;
  state.counters["bytes_per_goroutine"] = per;
  state.counters["ok"] = per > 0 ? 1 : 0;
}

}  // namespace

void register_interleave() {
  struct Impl {
    const char* name;
    Tracing tracing;
  };
  for (Impl impl : {Impl{"interleave", Tracing::On}, Impl{"interleave_untraced", Tracing::Off}}) {
    auto name = [&](const char* op) { return std::string(op) + "/" + impl.name; };
    Tracing t = impl.tracing;
    timed(benchmark::RegisterBenchmark(name("yield_pingpong").c_str(),
                                       [t](benchmark::State& s) { yield_pingpong(s, t); }));
    timed(benchmark::RegisterBenchmark(name("chan_unbuffered_roundtrip").c_str(),
                                       [t](benchmark::State& s) { chan_unbuffered_roundtrip(s, t); }));
    timed(benchmark::RegisterBenchmark(name("chan_buffered_item").c_str(),
                                       [t](benchmark::State& s) { chan_buffered_item(s, t); }));
    timed(
        benchmark::RegisterBenchmark(name("mutex_handoff").c_str(), [t](benchmark::State& s) { mutex_handoff(s, t); }));
    timed(benchmark::RegisterBenchmark(name("spawn_complete").c_str(),
                                       [t](benchmark::State& s) { spawn_complete(s, t); }));
  }
}

void register_interleave_memory() {
  for (auto [name, t] : {std::pair{"live_goroutine_rss/interleave", Tracing::On},
                         std::pair{"live_goroutine_rss/interleave_untraced", Tracing::Off}})
    benchmark::RegisterBenchmark(name, [t = t](benchmark::State& s) { live_goroutine_rss(s, t); })->Iterations(1);
}

void register_million() {
  benchmark::RegisterBenchmark("million_goroutines/interleave_untraced", million_goroutines)
      ->Iterations(1)
      ->Unit(benchmark::kMillisecond);
}

}  // namespace bench
