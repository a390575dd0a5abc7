// metrics_declared_test.cpp — every metric a variant reports is declared by its pattern with the same unit
// (bounds are checked against the declarations when a scenario loads), and every run reports all of them
// from its start, whatever the outcome.
#include <doctest/doctest.h>

#include <string>

#include "patterns/registry.h"
#include "scenarios/engine/session.h"

using namespace interleave;

TEST_CASE("metrics: declared with their units, reported on every outcome" * doctest::timeout(120)) {
  for (const auto& p : patterns::registry())
    for (const auto& v : p.variants)
      for (std::uint64_t seed : {1, 2, 3}) {
        engine::RunConfig cfg;
        cfg.pattern = p.name;
        cfg.variant = v.name;
        cfg.policy = "random";
        cfg.seed = seed;
        cfg.procs = 2;
        cfg.spurious_wakeups = v.needs_spurious_wakeups;
        cfg.max_steps = 300'000;
        engine::Session s(cfg);
        s.run();
        const std::string what = p.name + "/" + v.name + " seed " + std::to_string(seed);
        for (const auto& m : s.metrics()) {
          const patterns::MetricSpec* spec = p.metric(v.name, m.name);
          CHECK_MESSAGE(spec != nullptr, what << " reports the undeclared metric " << m.name);
          if (spec) CHECK_MESSAGE(spec->unit == m.unit, what << ": " << m.name << " in " << m.unit);
        }
        for (const auto* spec : p.metrics_of(v.name)) {
          bool reported = false;
          for (const auto& m : s.metrics()) reported |= m.name == spec->name;
          CHECK_MESSAGE(reported,
                        what << " (" << to_string(s.scheduler().outcome()) << ") did not report " << spec->name);
        }
      }
}
