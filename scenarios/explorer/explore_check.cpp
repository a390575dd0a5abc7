// explore_check.cpp — judging [expect.explore] for `interleave check`: run the exploration the scenario
// states and compare its verdict.
#include <string>

#include "scenarios/engine/check.h"
#include "scenarios/explorer/explore_cli.h"
#include "scenarios/explorer/explorer.h"

namespace interleave::explorer {

namespace {

std::optional<std::string> judge(const engine::Scenario& sc, std::string* what) {
  const engine::ExploreExpect& x = sc.expect.explore;
  Options o;
  o.strategy = x.strategy;
  o.preemptions = static_cast<int>(x.preemptions);
  o.seed = x.seed;
  o.depth = x.depth;
  o.max_schedules = x.max_schedules;
  o.stop_on_bug = !x.finds.empty();
  engine::RunConfig cfg = sc.run;
  Result r;
  try {
    r = explore(cfg, o);
  } catch (const std::exception& e) {
    return std::string("could not explore: ") + e.what();
  }
  std::string how = x.strategy == "dfs" ? "dfs, at most " + std::to_string(x.preemptions) +
                                              (x.preemptions == 1 ? " preemption" : " preemptions")
                                        : x.strategy;
  std::string n = std::to_string(r.schedules) + (r.schedules == 1 ? " schedule (" : " schedules (") + how + ")";
  bool only_bound = r.complete || r.incomplete_reason.rfind("preemption bound", 0) == 0;
  if (!x.verdict.empty()) {
    if (r.bug)
      return "expected no bug, but " + n + " found " + r.bug->kind + " with " + std::to_string(r.bug->preemptions) +
             " preemption(s): schedule " + r.bug->replay.substr(0, 200);
    if (!only_bound) return "no bug in " + n + ", but the exploration is incomplete: " + r.incomplete_reason;
    *what = "no bug in " + n + (r.complete ? ", complete" : "");
    return std::nullopt;
  }
  if (!x.finds.empty()) {
    if (!r.bug || r.bug->kind.rfind(x.finds, 0) != 0) {
      std::string seen;
      for (const auto& [k, c] : r.outcomes) seen += (seen.empty() ? "" : ", ") + k + " x" + std::to_string(c);
      return "expected to find " + x.finds + ", but " + n + " showed " + seen;
    }
    *what = "finds " + r.bug->kind + " with " + std::to_string(r.bug->preemptions) +
            (r.bug->preemptions == 1 ? " preemption in " : " preemptions in ") + n;
    return std::nullopt;
  }
  if (x.outputs) {
    if (!only_bound) return "the exploration is incomplete: " + r.incomplete_reason;
    if (r.outputs.size() != *x.outputs)
      return "expected " + std::to_string(*x.outputs) + " distinct outputs, " + n + " gave " +
             std::to_string(r.outputs.size());
    *what = std::to_string(*x.outputs) + " distinct outputs in " + n;
    return std::nullopt;
  }
  return "nothing to check";
}

}  // namespace

void install_check_support() { engine::set_explore_judge(&judge); }

}  // namespace interleave::explorer
