// check.cpp — judging runs against a scenario's expectations.
#include "scenarios/engine/check.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>

namespace interleave::engine {

bool compare(double v, Bound::Op op, double limit) {
  switch (op) {
    case Bound::Op::Eq: return v == limit;
    case Bound::Op::Ne: return v != limit;
    case Bound::Op::Lt: return v < limit;
    case Bound::Op::Le: return v <= limit;
    case Bound::Op::Gt: return v > limit;
    case Bound::Op::Ge: return v >= limit;
  }
  return false;
}

namespace {

std::vector<std::string> unique_names(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  if (v.size() > 12) {
    v.resize(12);
    v.push_back("...");
  }
  return v;
}

}  // namespace

std::optional<double> measure(const Bound& b, const RunSummary& s, std::string* why) {
  using S = Bound::Subject;
  switch (b.subject) {
    case S::VirtualTime: return static_cast<double>(s.duration);
    case S::Events: return static_cast<double>(s.events);
    case S::Steps: return static_cast<double>(s.steps);
    case S::Goroutines: return static_cast<double>(s.goroutines.size());
    case S::Metric: {
      for (const auto& m : s.metrics)
        if (m.name == b.arg) return m.value;
      std::vector<std::string> names;
      for (const auto& m : s.metrics) names.push_back(m.name);
      *why = "the run reported no metric '" + b.arg +
             "' (it reported: " + (names.empty() ? std::string("none") : join(names)) + ")";
      if (auto near = did_you_mean(b.arg, names); !near.empty()) *why += "; did you mean '" + near + "'?";
      return std::nullopt;
    }
    case S::MaxDepth:
    case S::MeanDepth:
    case S::MaxWaiters: {
      std::optional<double> v;
      for (const auto& o : s.objects) {
        if (o.name != b.arg) continue;
        double x = b.subject == S::MaxDepth    ? static_cast<double>(o.max_depth)
                   : b.subject == S::MeanDepth ? o.mean_depth
                                               : static_cast<double>(o.max_waiters);
        v = v ? std::max(*v, x) : x;
      }
      if (!v) {
        std::vector<std::string> names;
        for (const auto& o : s.objects) names.push_back(o.name);
        *why = "the run has no object named '" + b.arg + "' (objects: " + join(unique_names(names)) + ")";
        if (auto near = did_you_mean(b.arg, names); !near.empty()) *why += "; did you mean '" + near + "'?";
      }
      return v;
    }
    case S::MaxWait:
    case S::TotalWait: {
      std::optional<double> v;
      for (const auto& g : s.goroutines) {
        if (g.role != b.arg && g.name != b.arg) continue;
        double x = static_cast<double>(b.subject == S::MaxWait ? g.max_wait : g.total_wait);
        v = v ? std::max(*v, x) : x;
      }
      if (!v) {
        std::vector<std::string> names;
        for (const auto& g : s.goroutines) names.push_back(g.role);
        *why = "the run has no goroutine named or with the role '" + b.arg + "' (roles: " + join(unique_names(names)) +
               ")";
        if (auto near = did_you_mean(b.arg, names); !near.empty()) *why += "; did you mean '" + near + "'?";
      }
      return v;
    }
  }
  return std::nullopt;
}

std::optional<std::string> failed_bound(const Scenario& sc, const RunSummary& s) {
  for (const Bound& b : sc.expect.bounds) {
    std::string why;
    auto v = measure(b, s, &why);
    if (!v) return why;
    if (!compare(*v, b.op, b.value)) return "bound '" + b.text + "' does not hold: it is " + format_bound_value(b, *v);
  }
  return std::nullopt;
}

namespace {

// Why this run does not show what the scenario expects (nullopt: it does).
std::optional<std::string> judge(const Scenario& sc, const RunSummary& s) {
  const Expectations& e = sc.expect;
  auto broke = [&](const std::string& inv) {
    return s.outcome == Outcome::InvariantViolation && s.message.rfind(inv + ":", 0) == 0;
  };
  if (s.outcome != e.outcome) {
    std::string got = outcome_word(s.outcome);
    if (s.outcome != Outcome::Completed && !s.message.empty()) got += " (" + s.message + ")";
    return "expected " + outcome_word(e.outcome) + ", got " + got;
  }
  for (const auto& inv : e.invariants)
    if (broke(inv)) return "invariant '" + inv + "' was violated: " + s.message;
  if (!e.violates.empty() && !broke(e.violates))
    return "expected invariant '" + e.violates + "' to break, but the violation was: " + s.message;
  return failed_bound(sc, s);
}

}  // namespace

namespace {
std::atomic<ExploreJudge> explore_judge{nullptr};
}

void set_explore_judge(ExploreJudge judge) { explore_judge = judge; }

namespace {
CheckResult check_seeds(const Scenario& sc);
}

CheckResult check_scenario(const Scenario& sc) {
  auto t0 = std::chrono::steady_clock::now();
  const ExploreExpect& x = sc.expect.explore;
  CheckResult r;
  if (sc.expect.present || !x.present) r = check_seeds(sc);
  if (x.present) {
    std::string what;
    ExploreJudge judge = explore_judge.load();
    std::optional<std::string> why = judge ? judge(sc, &what) : std::optional<std::string>("explorer not available");
    r.path = sc.path;
    if (why)
      r.line = "FAIL " + sc.path + ": [expect.explore] " + *why;
    else if (sc.expect.present && r.passed)
      r.line += "; explore: " + what;
    else if (!sc.expect.present)
      r.line = "PASS " + sc.path + ": explore: " + what;
    r.passed = (r.passed || !sc.expect.present) && !why;
  }
  r.millis = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

namespace {
CheckResult check_seeds(const Scenario& sc) {
  auto t0 = std::chrono::steady_clock::now();
  CheckResult r;
  r.path = sc.path;
  const Expectations& e = sc.expect;
  std::uint32_t shown = 0;
  std::optional<std::uint64_t> first_shown;
  std::optional<std::string> first_failure;
  std::map<std::string, int> outcomes;
  for (std::uint32_t i = 0; i < e.seeds; ++i) {
    RunConfig cfg = sc.run;
    cfg.seed = sc.run.seed + i;
    if (cfg.policy == "manual") cfg.policy = "fifo";  // nobody to ask headless: take the first option
    std::optional<std::string> why;
    try {
      Session s(cfg);
      s.run();
      RunSummary sum = summarize(s);
      ++outcomes[outcome_word(sum.outcome)];
      why = judge(sc, sum);
    } catch (const std::exception& ex) {
      why = std::string("could not run: ") + ex.what();
    }
    if (!why) {
      ++shown;
      if (!first_shown) first_shown = cfg.seed;
    } else if (!first_failure) {
      first_failure = "seed " + std::to_string(cfg.seed) + ": " + *why;
      if (e.always) break;
    }
  }
  std::string what = outcome_word(e.outcome);
  if (!e.violates.empty()) what += " of " + e.violates;
  for (const auto& b : e.bounds) what += ", " + b.text;
  if (e.always) {
    r.passed = !first_failure;
    r.line = r.passed ? "PASS " + sc.path + ": " + what + " in " + std::to_string(e.seeds) + "/" +
                            std::to_string(e.seeds) + " seeds"
                      : "FAIL " + sc.path + ": " + *first_failure;
  } else {
    r.passed = first_shown.has_value();
    if (r.passed) {
      r.line = "PASS " + sc.path + ": " + what + " shown in " + std::to_string(shown) + "/" + std::to_string(e.seeds) +
               " seeds (first: seed " + std::to_string(*first_shown) + ")";
    } else {
      std::string seen;
      for (const auto& [o, n] : outcomes) seen += (seen.empty() ? "" : ", ") + o + " x" + std::to_string(n);
      r.line = "FAIL " + sc.path + ": expected " + what + " in at least one of " + std::to_string(e.seeds) +
               " seeds, never shown (" + (first_failure ? *first_failure : seen) + ")";
    }
  }
  r.millis = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return r;
}
}  // namespace

CheckResult check_file(const std::filesystem::path& path) {
  try {
    return check_scenario(load_scenario(path));
  } catch (const ScenarioError& e) {
    CheckResult r;
    r.path = path.string();
    r.line = "FAIL " + e.first_line();
    return r;
  }
}

std::vector<std::filesystem::path> collect_scenarios(const std::vector<std::string>& paths) {
  std::vector<std::filesystem::path> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      std::vector<std::filesystem::path> found;
      for (auto it = std::filesystem::recursive_directory_iterator(
               p, std::filesystem::directory_options::skip_permission_denied, ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().extension() == ".toml") found.push_back(it->path());
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else {
      out.emplace_back(p);
    }
  }
  return out;
}

}  // namespace interleave::engine
