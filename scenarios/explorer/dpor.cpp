// dpor.cpp — Source-DPOR with sleep sets over re-executed runs (dpor.h).
//
// [SECTION] Races: happens-before by vector clocks, and the source sets they grow
// [SECTION] The search
#include "scenarios/explorer/dpor.h"

#include <algorithm>
#include <unordered_map>

#include "scenarios/explorer/runner.h"

namespace interleave::explorer {

bool conflict(const Access& a, const Access& b) {
  if (a.kind == AccessKind::Read && b.kind == AccessKind::Read) return false;
  if (a.kind == AccessKind::Add && b.kind == AccessKind::Add) return false;
  return true;
}

namespace {

// One choice point of the current path, with its search state.
struct PathNode {
  DporNode n;
  std::vector<GoroutineId> backtrack;  // goroutines to explore from here (the source set)
  std::vector<GoroutineId> done;       // explored from here
  std::vector<SleepEntry> sleep;       // asleep here: the sleep set on arrival, then the explored ones
  std::vector<Access> chosen_acc;      // what the chosen goroutine's step here accessed
  bool contains(const std::vector<GoroutineId>& v, GoroutineId g) const {
    return std::find(v.begin(), v.end(), g) != v.end();
  }
  bool asleep(GoroutineId g) const {
    return std::any_of(sleep.begin(), sleep.end(), [g](const SleepEntry& e) { return e.g == g; });
  }
  void add(GoroutineId g) {
    if (!contains(backtrack, g)) backtrack.push_back(g);
  }
};

// [SECTION] Races: happens-before by vector clocks, and the source sets they grow ----------------------------

class Races {
 public:
  Races(const std::vector<DporStep>& steps, std::size_t n, std::vector<PathNode>& path)
      : steps_(steps), n_(n), path_(path) {}

  void run() {
    GoroutineId gmax = 0;
    for (std::size_t j = 0; j < n_; ++j) gmax = std::max(gmax, steps_[j].g);
    width_ = gmax + 1;
    clock_.assign(n_ * width_, 0);
    local_.assign(n_, 0);
    std::vector<std::uint32_t> count(width_, 0);
    std::vector<std::size_t> last(width_, SIZE_MAX);
    std::vector<std::size_t> cand;
    std::vector<std::uint32_t> c(width_);
    for (std::size_t j = 0; j < n_; ++j) {
      const DporStep& s = steps_[j];
      local_[j] = ++count[s.g];
      // The earlier steps it depends on: per key, the last writer and the accesses since (every earlier
      // access of the key happens before those).
      cand.clear();
      for (const Access& a : s.acc) {
        auto it = keys_.find(a.key);
        if (it == keys_.end()) continue;
        for (std::size_t i : it->second.since)
          if (conflict(a, access_of(i, a.key))) cand.push_back(i);
        if (it->second.writer != SIZE_MAX) cand.push_back(it->second.writer);
      }
      std::sort(cand.begin(), cand.end(), std::greater<>());
      cand.erase(std::unique(cand.begin(), cand.end()), cand.end());
      // Races: a dependent step of another goroutine not already ordered before j by the later ones.
      if (last[s.g] != SIZE_MAX)
        std::copy_n(&clock_[last[s.g] * width_], width_, c.begin());
      else
        std::fill(c.begin(), c.end(), 0);
      for (std::size_t i : cand) {
        if (steps_[i].g != s.g && c[steps_[i].g] < local_[i]) race(i, j);
        for (std::size_t w = 0; w < width_; ++w) c[w] = std::max(c[w], clock_[i * width_ + w]);
      }
      c[s.g] = local_[j];
      std::copy(c.begin(), c.end(), &clock_[j * width_]);
      last[s.g] = j;
      for (const Access& a : s.acc) {
        Key& k = keys_[a.key];
        if (a.kind == AccessKind::Write) {
          k.writer = j;
          k.since.clear();
        } else {
          k.since.push_back(j);
        }
      }
    }
  }

 private:
  struct Key {
    std::size_t writer = SIZE_MAX;   // the last step that wrote it
    std::vector<std::size_t> since;  // steps that read or added since
  };
  Access access_of(std::size_t i, std::uint32_t key) const {
    for (const Access& a : steps_[i].acc)
      if (a.key == key) return a;
    return Access{key, AccessKind::Write};
  }
  bool hb(std::size_t i, std::size_t k) const { return clock_[k * width_ + steps_[i].g] >= local_[i]; }

  // Steps i and j race: make sure the choice point before i explores something that lets j's goroutine go
  // first (an initial of notdep(i).j).
  void race(std::size_t i, std::size_t j) {
    std::uint32_t d = steps_[i].node;
    bool first = i == 0 || steps_[i - 1].node != d;
    if (d == kNoNode || d >= path_.size()) return;  // before any choice: nothing to reverse
    PathNode& p = path_[d];
    if (!p.n.sched || !first || steps_[i].g != p.n.chosen_g) {
      everything(d);  // no choice point right before i: be conservative
      return;
    }
    // v = the steps after i that do not happen after it, then j; its initials are the goroutines whose first
    // step in v has nothing in v before it.
    std::vector<GoroutineId> initials;
    std::vector<std::pair<GoroutineId, std::uint32_t>> in_v;  // goroutine, local index of its first step in v
    auto consider = [&](std::size_t k) {
      GoroutineId g = steps_[k].g;
      bool seen = false, preceded = false;
      for (auto [h, l] : in_v) {
        if (h == g) seen = true;
        if (clock_[k * width_ + h] >= l) preceded = true;
      }
      if (!seen) {
        in_v.emplace_back(g, local_[k]);
        if (!preceded) initials.push_back(g);
      }
    };
    for (std::size_t k = i + 1; k < j; ++k)
      if (!hb(i, k)) consider(k);
    consider(j);
    for (GoroutineId g : initials)
      if (p.contains(p.backtrack, g)) return;
    GoroutineId want = kNoGoroutine;
    if (std::find(initials.begin(), initials.end(), steps_[j].g) != initials.end() &&
        p.contains(p.n.enabled, steps_[j].g))
      want = steps_[j].g;
    for (std::size_t x = 0; x < initials.size() && want == kNoGoroutine; ++x)
      if (p.contains(p.n.enabled, initials[x])) want = initials[x];
    if (want != kNoGoroutine) p.add(want);  // none can run there: the other order is not possible
  }
  // Every goroutine that could run at the nearest goroutine choice at or before d.
  void everything(std::uint32_t d) {
    for (std::uint32_t x = d + 1; x-- > 0;)
      if (path_[x].n.sched) {
        for (GoroutineId g : path_[x].n.enabled) path_[x].add(g);
        return;
      }
  }

  const std::vector<DporStep>& steps_;
  std::size_t n_;
  std::vector<PathNode>& path_;
  std::size_t width_ = 1;
  std::vector<std::uint32_t> clock_;  // by step: the last step of each goroutine that happens before it
  std::vector<std::uint32_t> local_;  // by step: its number among its goroutine's steps (from 1)
  std::unordered_map<std::uint32_t, Key> keys_;
};

}  // namespace

// [SECTION] The search --------------------------------------------------------------------------------------

DporStats dpor_search(Runner& r, const std::function<bool(const Schedule&)>& visit) {
  DporStats st;
  std::vector<PathNode> path;
  std::vector<std::uint32_t> prefix;
  std::vector<SleepEntry> sleep_in;
  std::vector<std::uint64_t> raws;
  std::size_t alt = SIZE_MAX;  // the node whose choice this run changed
  for (;;) {
    DporTrace tr;
    tr.sleep_in = sleep_in;
    tr.raws_in = raws;
    Schedule s = r.run(prefix, Fill::Default, 0, &tr);
    raws = std::move(tr.raws);
    ++st.runs;
    st.moved += tr.moved;
    // The path: the nodes up to the changed one stay (the same prefix ran), the rest are new.
    std::size_t keep = alt == SIZE_MAX ? 0 : alt + 1;
    path.resize(std::min(keep, tr.nodes.size()));
    if (alt != SIZE_MAX && alt < tr.nodes.size()) {
      path[alt].n.chosen_g = tr.nodes[alt].chosen_g;
      path[alt].n.chosen = tr.nodes[alt].chosen;
    }
    for (std::size_t k = keep; k < tr.nodes.size(); ++k) {
      PathNode p;
      p.n = tr.nodes[k];
      p.sleep = p.n.sleep;
      if (p.n.sched) p.backtrack.push_back(p.n.chosen_g);
      path.push_back(std::move(p));
    }
    for (std::size_t k = keep ? keep - 1 : 0; k < path.size(); ++k) path[k].chosen_acc.clear();
    for (const DporStep& step : tr.steps)
      if (step.node != kNoNode && step.node < path.size() && step.node + 1 >= keep &&
          step.g == path[step.node].n.chosen_g)
        for (const Access& a : step.acc) path[step.node].chosen_acc.push_back(a);
    std::size_t upto = tr.blocked ? tr.blocked_step : tr.steps.size();
    Races(tr.steps, upto, path).run();
    if (tr.blocked) {
      ++st.blocked;
    } else if (!visit(s)) {
      st.stopped = true;
      return st;
    }
    if (tr.blocked) path.resize(std::min(path.size(), tr.blocked_node));  // nothing after it was explored
    // Back up to the deepest node with something left to explore.
    auto choices_before = [&](std::size_t branch) {
      prefix.resize(branch);
      for (std::size_t i = 0; i < branch; ++i) prefix[i] = s.branches[i].chosen;
    };
    std::size_t d = path.size();
    bool found = false;
    while (d-- > 0) {
      PathNode& p = path[d];
      if (!p.n.sched) {
        if (p.n.chosen + 1 < p.n.options) {
          choices_before(p.n.branch);
          prefix.push_back(p.n.chosen + 1);
          sleep_in = p.sleep;
          found = true;
          break;
        }
        continue;
      }
      if (!p.contains(p.done, p.n.chosen_g)) {
        p.done.push_back(p.n.chosen_g);
        p.sleep.push_back(SleepEntry{p.n.chosen_g, p.chosen_acc, p.n.known});
      }
      GoroutineId next = kNoGoroutine;
      for (GoroutineId g : p.backtrack)
        if (!p.contains(p.done, g) && !p.asleep(g) && p.contains(p.n.enabled, g)) {
          next = g;
          break;
        }
      if (next == kNoGoroutine) continue;
      choices_before(p.n.branch);
      if (p.n.preempt) {
        prefix.push_back(next == p.n.current ? 0 : kFollow + next);
      } else {
        auto it = std::find(p.n.enabled.begin(), p.n.enabled.end(), next);
        prefix.push_back(static_cast<std::uint32_t>(it - p.n.enabled.begin()));
      }
      sleep_in = p.sleep;
      found = true;
      break;
    }
    if (!found) return st;
    alt = d;
    path.resize(d + 1);
  }
}

}  // namespace interleave::explorer
