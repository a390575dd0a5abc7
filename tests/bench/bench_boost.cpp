// bench_boost.cpp — the same operations on Boost.Fiber 1.74 (its default round-robin scheduler, default
// stacks) and, where it applies, a raw boost::context::fiber switch: the baselines for the ratios.
#include <boost/context/fiber.hpp>
#include <boost/fiber/all.hpp>
#include <string>
#include <vector>

#include "tests/bench/bench_common.h"

namespace fibers = boost::fibers;
namespace this_fiber = boost::this_fiber;

namespace bench {
namespace {

void yield_pingpong_boost(benchmark::State& state) {
  bool stop = false;
  fibers::fiber peer([&] {
    while (!stop) this_fiber::yield();
  });
  for (auto _ : state) this_fiber::yield();
  stop = true;
  peer.join();
  per_op(state, 2);
}

void yield_pingpong_raw(benchmark::State& state) {
  namespace ctx = boost::context;
  bool stop = false;
  ctx::fiber peer{[&](ctx::fiber&& back) {
    while (!stop) back = std::move(back).resume();
    return std::move(back);
  }};
  for (auto _ : state) peer = std::move(peer).resume();
  stop = true;
  peer = std::move(peer).resume();  // lets it return
  per_op(state, 2);                 // there and back
}

void chan_unbuffered_roundtrip_boost(benchmark::State& state) {
  fibers::unbuffered_channel<int> ping, pong;
  fibers::fiber echo([&] {
    int v;
    while (ping.pop(v) == fibers::channel_op_status::success) pong.push(v);
  });
  int i = 0;
  for (auto _ : state) {
    ping.push(i++);
    benchmark::DoNotOptimize(pong.value_pop());
  }
  ping.close();
  echo.join();
  per_op(state, 1);
}

void chan_buffered_item_boost(benchmark::State& state) {
  fibers::buffered_channel<int> ch(1024);
  fibers::fiber consumer([&] {
    int v;
    while (ch.pop(v) == fibers::channel_op_status::success) benchmark::DoNotOptimize(v);
  });
  int i = 0;
  for (auto _ : state) ch.push(i++);
  ch.close();
  consumer.join();
  per_op(state, 1);
}

void mutex_handoff_boost(benchmark::State& state) {
  fibers::mutex mu;
  bool stop = false;
  fibers::fiber peer([&] {
    while (!stop) {
      mu.lock();
      this_fiber::yield();
      mu.unlock();
      this_fiber::yield();
    }
  });
  for (auto _ : state) {
    mu.lock();
    this_fiber::yield();
    mu.unlock();
    this_fiber::yield();
  }
  stop = true;
  peer.join();
  per_op(state, 2);
}

void spawn_complete_boost(benchmark::State& state) {
  int ran = 0;
  for (auto _ : state) {
    fibers::fiber child([&] { ++ran; });
    child.join();
  }
  benchmark::DoNotOptimize(ran);
  per_op(state, 1);
}

void spawn_complete_raw(benchmark::State& state) {
  namespace ctx = boost::context;
  int ran = 0;
  for (auto _ : state) {
    ctx::fiber child{[&](ctx::fiber&& back) {
      ++ran;
      return std::move(back);
    }};
    std::move(child).resume();
  }
  benchmark::DoNotOptimize(ran);
  per_op(state, 1);
}

double park_many_boost(int n) {
  std::int64_t before = rss_bytes();
  fibers::mutex gate;
  gate.lock();
  int finished = 0;
  std::vector<fibers::fiber> all;
  all.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i)
    all.emplace_back([&] {
      gate.lock();
      gate.unlock();
      ++finished;
    });
  this_fiber::yield();  // every fiber runs and blocks on the mutex
  std::int64_t during = rss_bytes();
  gate.unlock();
  for (auto& f : all) f.join();
  if (finished != n) return -1;
  return static_cast<double>(during - before) / n;
}

void live_goroutine_rss_boost(benchmark::State& state) {
  double per = 0;
  for (auto _ : state) per = in_child([] { return park_many_boost(kLiveGoroutines); });
  if (per < 0) state.SkipWithError("measurement failed");
  state.counters["bytes_per_goroutine"] = per;
}

}  // namespace

void register_boost() {
  timed(benchmark::RegisterBenchmark("yield_pingpong/boost_fiber", yield_pingpong_boost));
  timed(benchmark::RegisterBenchmark("yield_pingpong/raw_context", yield_pingpong_raw));
  timed(benchmark::RegisterBenchmark("chan_unbuffered_roundtrip/boost_fiber", chan_unbuffered_roundtrip_boost));
  timed(benchmark::RegisterBenchmark("chan_buffered_item/boost_fiber", chan_buffered_item_boost));
  timed(benchmark::RegisterBenchmark("mutex_handoff/boost_fiber", mutex_handoff_boost));
  timed(benchmark::RegisterBenchmark("spawn_complete/boost_fiber", spawn_complete_boost));
  timed(benchmark::RegisterBenchmark("spawn_complete/raw_context", spawn_complete_raw));
}

void register_boost_memory() {
  benchmark::RegisterBenchmark("live_goroutine_rss/boost_fiber", live_goroutine_rss_boost)->Iterations(1);
}

}  // namespace bench
