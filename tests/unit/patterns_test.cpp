// patterns_test.cpp — the catalogue: every correct variant keeps its invariants under random and PCT
// schedules, every broken variant shows its bug, and every variant is documented and has its source.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <set>
#include <sstream>

#include "patterns_support.h"

using namespace interleave;
using namespace interleave::patterns;
using interleave::patterns::testing::run_variant;
using interleave::patterns::testing::RunOptions;
using interleave::patterns::testing::RunResult;

namespace {

bool shows_bug(const Variant& v, const RunResult& r) {
  switch (v.bug) {
    case Bug::Deadlock: return r.outcome == Outcome::Deadlock;
    case Bug::InvariantViolation: return r.outcome == Outcome::InvariantViolation;
    case Bug::Panic: return r.outcome == Outcome::Panic;
    case Bug::Starvation: return r.max_wait(v.starvation_role) >= v.starvation_threshold;
    case Bug::None: return false;
  }
  return false;
}

}  // namespace

TEST_CASE("every correct variant completes with its invariants held under random and pct" * doctest::timeout(120)) {
  for (const Pattern& p : registry()) {
    for (const Variant& v : p.variants) {
      if (v.bug != Bug::None) continue;
      for (const char* policy : {"random", "pct"}) {
        int completed = 0;
        for (std::uint64_t seed = 1; seed <= 50; ++seed) {
          RunOptions o;
          o.policy = policy;
          o.seed = seed;
          o.spurious_wakeups = v.needs_spurious_wakeups;
          RunResult r = run_variant(p, v, o);
          CHECK_MESSAGE(r.outcome == Outcome::Completed, p.name, "/", v.name, " under ", policy, " seed ", seed, ": ",
                        to_string(r.outcome), " ", r.message, "\n", r.dump);
          if (r.outcome != Outcome::Completed) break;
          ++completed;
        }
        CHECK_MESSAGE(completed == 50, p.name, "/", v.name, " under ", policy);
      }
    }
  }
}

TEST_CASE("every broken variant shows its bug within 200 seeded runs" * doctest::timeout(120)) {
  for (const Pattern& p : registry()) {
    for (const Variant& v : p.variants) {
      if (v.bug == Bug::None) continue;
      std::string found;
      for (std::uint64_t seed = 1; seed <= 200 && found.empty(); ++seed) {
        for (const char* policy : {"random", "pct"}) {
          RunOptions o;
          o.policy = policy;
          o.seed = seed;
          o.spurious_wakeups = v.needs_spurious_wakeups;
          RunResult r = run_variant(p, v, o);
          // A broken variant may complete (the bug did not show on this schedule) or show its own bug;
          // anything else is a defect of the pattern.
          bool ok = r.outcome == Outcome::Completed || shows_bug(v, r);
          CHECK_MESSAGE(ok, p.name, "/", v.name, " under ", policy, " seed ", seed, ": unexpected ",
                        to_string(r.outcome), " ", r.message);
          if (shows_bug(v, r)) {
            std::ostringstream os;
            os << to_string(v.bug) << " at seed " << seed << " under " << policy;
            if (v.bug == Bug::Starvation)
              os << " (" << v.starvation_role << " waited " << format_duration(r.max_wait(v.starvation_role))
                 << " >= " << format_duration(v.starvation_threshold) << ")";
            else
              os << ": " << r.message;
            found = os.str();
            break;
          }
        }
      }
      CHECK_MESSAGE(!found.empty(), p.name, "/", v.name, " never showed its ", to_string(v.bug));
      if (!found.empty()) MESSAGE(p.name, "/", v.name, ": ", found);
    }
  }
}

TEST_CASE("naive dining philosophers with zero think time deadlock on every fifo run, and the dump names the forks" *
          doctest::timeout(30)) {
  const Pattern* p = find_pattern("dining_philosophers");
  REQUIRE(p);
  const Variant* naive = p->variant("naive");
  REQUIRE(naive);
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    RunOptions o;
    o.policy = "fifo";
    o.seed = seed;
    o.set = {{"philosophers", "5"}, {"think_time", "0"}};
    RunResult r = run_variant(*p, *naive, o);
    REQUIRE_MESSAGE(r.outcome == Outcome::Deadlock, "seed ", seed, ": ", to_string(r.outcome));
    CHECK(r.dump.find("fatal error: all goroutines are asleep - deadlock!") == 0);
    for (int k = 0; k < 5; ++k) {
      // Each philosopher waits in sync.Mutex.Lock on the fork its right-hand neighbour holds.
      std::string who = "\"philosopher#" + std::to_string(k) + "\" [sync.Mutex.Lock]:\n\twaiting on mutex \"fork#" +
                        std::to_string((k + 1) % 5) + "\"";
      CHECK_MESSAGE(r.dump.find(who) != std::string::npos, "seed ", seed, ": no `", who, "` in\n", r.dump);
    }
  }
}

TEST_CASE("the fair readers-writers variants keep every wait far below the starvation threshold" *
          doctest::timeout(30)) {
  const Pattern* p = find_pattern("readers_writers");
  REQUIRE(p);
  Duration threshold = p->variant("reader_preference")->starvation_threshold;
  REQUIRE(threshold == p->variant("writer_preference")->starvation_threshold);
  for (const char* name : {"no_starve", "go_rwmutex"}) {
    const Variant* v = p->variant(name);
    REQUIRE(v);
    Duration worst = 0;
    for (const char* policy : {"random", "pct"}) {
      for (std::uint64_t seed = 1; seed <= 50; ++seed) {
        RunOptions o;
        o.policy = policy;
        o.seed = seed;
        RunResult r = run_variant(*p, *v, o);
        REQUIRE(r.outcome == Outcome::Completed);
        worst = std::max({worst, r.max_wait("reader"), r.max_wait("writer")});
      }
    }
    CHECK_MESSAGE(worst < threshold / 2, std::string(name), ": worst wait ", format_duration(worst));
    MESSAGE(std::string(name), ": the longest wait of any reader or writer in 100 runs was ", format_duration(worst),
            " (starvation threshold ", format_duration(threshold), ")");
  }
}

TEST_CASE("correct variants also hold with two processors" * doctest::timeout(60)) {
  for (const Pattern& p : registry()) {
    for (const Variant& v : p.variants) {
      if (v.bug != Bug::None) continue;
      for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        RunOptions o;
        o.seed = seed;
        o.processors = 2;
        o.policy = seed % 2 ? "random" : "pct";
        o.spurious_wakeups = v.needs_spurious_wakeups;
        RunResult r = run_variant(p, v, o);
        REQUIRE_MESSAGE(r.outcome == Outcome::Completed, p.name, "/", v.name, " seed ", seed, ": ", r.message);
      }
    }
  }
}

// A tuning aid, skipped by default: PROBE=pattern/variant [PROBE_SET=k=v,k=v] [PROBE_POLICY=random]
// [PROBE_PROCS=1] [PROBE_SPURIOUS=0|1] ./interleave-tests --no-skip -tc=probe prints the outcomes of 200 seeds.
TEST_CASE("probe" * doctest::skip()) {
  const char* probe = std::getenv("PROBE");
  if (!probe) return;
  std::string pv = probe;
  const Pattern* p = find_pattern(pv.substr(0, pv.find('/')));
  REQUIRE(p);
  const Variant* v = p->variant(pv.substr(pv.find('/') + 1));
  REQUIRE(v);
  RunOptions o;
  if (const char* set = std::getenv("PROBE_SET")) {
    std::stringstream ss(set);
    for (std::string kv; std::getline(ss, kv, ',');) o.set[kv.substr(0, kv.find('='))] = kv.substr(kv.find('=') + 1);
  }
  if (const char* pol = std::getenv("PROBE_POLICY")) o.policy = pol;
  if (const char* procs = std::getenv("PROBE_PROCS")) o.processors = std::atoi(procs);
  o.spurious_wakeups = v->needs_spurious_wakeups;
  if (const char* sp = std::getenv("PROBE_SPURIOUS")) o.spurious_wakeups = std::string(sp) == "1";
  std::map<std::string, int> outcomes;
  std::map<std::string, Duration> worst;
  std::map<std::string, std::vector<Duration>> all;
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    o.seed = seed;
    RunResult r = run_variant(*p, *v, o);
    ++outcomes[std::string(to_string(r.outcome))];
    for (const auto& [role, d] : r.max_wait_by_role) {
      worst[role] = std::max(worst[role], d);
      all[role].push_back(d);
    }
    if (seed == 1) {
      for (const auto& [role, d] : r.max_wait_by_role) MESSAGE("seed 1 max wait ", role, ": ", format_duration(d));
      for (const Metric& m : r.metrics) MESSAGE("seed 1 ", m.name, " = ", m.value, " ", m.unit);
      if (!r.message.empty()) MESSAGE(r.message);
    }
  }
  for (const auto& [o2, n] : outcomes) MESSAGE(o2, ": ", n);
  for (auto& [role, waits] : all) {
    std::sort(waits.begin(), waits.end());
    MESSAGE("max wait ", role, ": median ", format_duration(waits[waits.size() / 2]), ", worst ",
            format_duration(worst[role]));
  }
}

// The catalogue's outcomes, for the documentation (skipped by default):
// ./interleave-tests --no-skip -tc="catalogue outcomes" prints, per variant and policy, how many of 200
// seeds completed and how many showed the variant's bug.
TEST_CASE("catalogue outcomes" * doctest::skip()) {
  for (const Pattern& p : registry()) {
    for (const Variant& v : p.variants) {
      std::ostringstream line;
      line << p.name << "/" << v.name << " [" << (v.bug == Bug::None ? "correct" : to_string(v.bug)) << "]";
      for (const char* policy : {"fifo", "random", "pct"}) {
        std::map<std::string, int> outcomes;
        int bug = 0;
        for (std::uint64_t seed = 1; seed <= 200; ++seed) {
          RunOptions o;
          o.policy = policy;
          o.seed = seed;
          o.spurious_wakeups = v.needs_spurious_wakeups;
          RunResult r = run_variant(p, v, o);
          ++outcomes[std::string(to_string(r.outcome))];
          if (shows_bug(v, r)) ++bug;
        }
        line << " | " << policy << ":";
        for (const auto& [name, n] : outcomes) line << " " << name << " " << n;
        if (v.bug != Bug::None) line << ", bug " << bug << "/200";
      }
      MESSAGE(line.str());
    }
  }
}
