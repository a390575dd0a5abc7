// pipeline.cpp — a Go pipeline with fan-out and fan-in (the Go blog's "Pipelines and cancellation").
//
// A generator sends numbers down a channel; several squaring stages read from that one channel (fan-out)
// and each sends to its own output channel; merge forwards all of those into one channel (fan-in), closing
// it when every input is drained; main sums what arrives. Every stage closes its output when its input is
// closed, so the end of the input flows down the pipeline.
#include <memory>
#include <string>
#include <vector>

#include "patterns/registry.h"

namespace interleave::patterns {
namespace {

// gen: sends 1..n, then closes its output.
Channel<int> gen(int n) {
  Channel<int> out(0, "numbers");
  go("generator#0", [out, n]() mutable {
    for (int i = 1; i <= n; ++i) {
      out.send(i);
    }
    out.close();
  });
  return out;
}

// sq: squares each number from `in` until it is closed, then closes its output.
Channel<int> sq(RunContext& ctx, Channel<int> in, int id) {
  Channel<int> out(0, "squares#" + std::to_string(id));
  go("square#" + std::to_string(id), [&ctx, in, out]() mutable {
    for (;;) {
      auto [x, ok] = in.recv_ok();
      if (!ok) break;
      work(ctx.params.draw("stage_time"));
      out.send(x * x);
    }
    out.close();
  });
  return out;
}

// merge: forwards every value of every input to one output, closed after the last input is drained.
Channel<int> merge(const std::vector<Channel<int>>& inputs) {
  Channel<int> out(0, "merged");
  auto wg = std::make_shared<WaitGroup>("merging");
  wg->add(std::int64_t(inputs.size()));
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    go("merge#" + std::to_string(i), [in = inputs[i], out, wg]() mutable {
      for (;;) {
        auto [v, ok] = in.recv_ok();
        if (!ok) break;
        out.send(v);
      }
      wg->done();
    });
  }
  go("closer#0", [out, wg]() mutable {
    wg->wait();
    out.close();
  });
  return out;
}

void run_fan_out_fan_in(RunContext& ctx) {
  int n = int(ctx.params.integer("numbers")), stages = int(ctx.params.integer("workers"));
  Channel<int> numbers = gen(n);
  std::vector<Channel<int>> squares;
  for (int i = 0; i < stages; ++i) squares.push_back(sq(ctx, numbers, i));  // fan out
  Channel<int> merged = merge(squares);                                     // fan in
  long long sum = 0, count = 0;
  for (;;) {
    auto [v, ok] = merged.recv_ok();
    if (!ok) break;
    sum += v;
    count += 1;
    ctx.add_metric("received", 1, "values");
  }
  long long expected = 0;
  for (long long i = 1; i <= n; ++i) expected += i * i;
  ctx.check(count == n && sum == expected, "all_values",
            "received " + std::to_string(count) + " values summing to " + std::to_string(sum) + ", expected " +
                std::to_string(n) + " summing to " + std::to_string(expected));
  double seconds = double(now()) / 1e9;
  ctx.set_metric("throughput", seconds > 0 ? n / seconds : 0, "values/s");
}

Registrar reg([] {
  Pattern p;
  p.name = "pipeline";
  p.title = "Pipeline with fan-out and fan-in (Go)";
  p.lesson =
      "Stages connected by unbuffered channels: each value is handed from goroutine to goroutine. Watch the "
      "squaring stages share one input channel (fan-out: whoever is free takes the next number) and merge "
      "collect their outputs into one (fan-in). Closing flows downstream: each stage closes its output when "
      "its input is closed, and merge closes after all its inputs are done.";
  p.source_file = "patterns/pipeline.cpp";
  p.params = {
      ParamSpec::integer("numbers", 10, 1, 100000, "values", "numbers the generator sends"),
      ParamSpec::integer("workers", 3, 1, 32, "goroutines", "squaring stages reading the one input channel"),
      ParamSpec::duration("stage_time", "uniform 500us..1500us", "squaring one number (work)"),
  };
  p.invariants = {{"all_values", "every number arrives at the end, squared, exactly once"}};
  p.metrics = {{"received", "values"}, {"throughput", "values/s"}};
  p.variants = {
      {"fan_out_fan_in", "gen -> sq x N -> merge",
       "The Go blog's pipeline: gen, N sq stages on the same channel, merge with a WaitGroup and a closer.", Bug::None,
       &run_fan_out_fan_in},
  };
  return p;
});

}  // namespace
}  // namespace interleave::patterns
