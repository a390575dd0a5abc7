// explorer.cpp — the strategies, the parallel units and their in-order merge, shrinking, and shard merging.
//
// [SECTION] Logs: what a unit of work found, schedule by schedule
// [SECTION] Units and workers
// [SECTION] The strategies
// [SECTION] Shrinking
// [SECTION] Merging shards and the verdict line
#include "scenarios/explorer/explorer.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <tuple>

namespace interleave::explorer {

namespace {

using Clock = std::chrono::steady_clock;

// [SECTION] Logs: what a unit of work found, schedule by schedule -------------------------------------------

// A schedule's rank as a representative: fewer preemptions, then fewer steps, then the smaller text.
bool better(std::uint32_t p1, std::uint64_t s1, const std::string& t1, std::uint32_t p2, std::uint64_t s2,
            const std::string& t2) {
  return std::tie(p1, s1, t1) < std::tie(p2, s2, t2);
}

// One unit's schedules in its own order, compactly. The decisions are kept only for schedules that were,
// when they ran, the unit's best so far for their output or its best bug: whatever prefix of the unit the
// merge keeps, its best representatives are among them.
struct Log {
  struct Rec {
    std::uint32_t outcome;  // index into outcomes
    std::uint32_t output;   // index into outputs
    std::uint32_t preemptions;
    std::uint64_t steps;
    std::uint64_t decisions;
    std::int32_t kept = -1;  // index into kept
    bool bug = false;
  };
  struct Kept {
    std::string text;  // schedule_text
    std::string message;
  };
  std::vector<std::string> outcomes, outputs;
  std::vector<Rec> recs;
  std::vector<Kept> kept;
  std::vector<std::tuple<std::uint32_t, std::uint64_t, std::int32_t>> best_output;  // by output: 0, decisions, kept
  std::optional<std::tuple<std::uint32_t, std::uint64_t, std::int32_t>> best_bug;
  bool pruned = false;  // dfs: the bound cut something off

  static std::uint32_t intern(std::vector<std::string>& v, const std::string& s) {
    for (std::size_t i = v.size(); i-- > 0;)
      if (v[i] == s) return static_cast<std::uint32_t>(i);
    v.push_back(s);
    return static_cast<std::uint32_t>(v.size() - 1);
  }
  std::int32_t keep(const Schedule& s) {
    kept.push_back(Kept{schedule_text(s.decisions), s.message});
    return static_cast<std::int32_t>(kept.size() - 1);
  }
  bool beats(const std::tuple<std::uint32_t, std::uint64_t, std::int32_t>& best, std::uint32_t p2, std::uint64_t s2,
             const Schedule& s) {
    auto [p, st, k] = best;
    if (std::tie(p2, s2) != std::tie(p, st)) return std::tie(p2, s2) < std::tie(p, st);
    return schedule_text(s.decisions) < kept[static_cast<std::size_t>(k)].text;
  }
  void add(const Schedule& s) {
    Rec r;
    r.outcome = intern(outcomes, outcome_key(s.outcome, s.message));
    r.output = intern(outputs, s.output);
    r.preemptions = s.preemptions;
    r.steps = s.steps;
    r.decisions = s.decisions.size();
    r.bug = is_bug(s.outcome);
    if (best_output.size() <= r.output) best_output.resize(r.output + 1, {0, 0, -1});
    auto& bo = best_output[r.output];
    if (std::get<2>(bo) < 0 || beats(bo, 0, s.decisions.size(), s)) {
      r.kept = keep(s);
      bo = {0, s.decisions.size(), r.kept};
    }
    if (r.bug && (!best_bug || beats(*best_bug, s.preemptions, s.steps, s))) {
      if (r.kept < 0) r.kept = keep(s);
      best_bug = {s.preemptions, s.steps, r.kept};
    }
    recs.push_back(r);
  }
};

// The whole result being built, unit after unit, in order.
struct Acc {
  Result res;
  std::map<std::string, std::size_t> output_at;  // text -> index in res.outputs
  bool pruned = false;

  // Takes the first `limit` schedules of `log`; returns how many it took.
  std::uint64_t take(const Log& log, std::uint64_t limit, bool stop_on_bug, bool* hit_bug) {
    std::uint64_t n = 0;
    for (const auto& r : log.recs) {
      if (n == limit) break;
      ++n;
      ++res.schedules;
      ++res.outcomes[log.outcomes[r.outcome]];
      const std::string& text = log.outputs[r.output];
      auto [it, fresh] = output_at.try_emplace(text, res.outputs.size());
      if (fresh) res.outputs.push_back(OutputSeen{text, 0, "", 0});
      OutputSeen& o = res.outputs[it->second];
      ++o.count;
      if (r.kept >= 0) {
        const Log::Kept& k = log.kept[static_cast<std::size_t>(r.kept)];
        if (o.replay.empty() || better(0, r.decisions, k.text, 0, o.rank, o.replay)) {
          o.replay = k.text;
          o.rank = r.decisions;
        }
        if (r.bug &&
            (!res.bug || better(r.preemptions, r.steps, k.text, res.bug->preemptions, res.bug->steps, res.bug->replay)))
          res.bug = Bug{log.outcomes[r.outcome], k.message, r.preemptions, r.steps, k.text};
      }
      if (r.bug && stop_on_bug) {
        *hit_bug = true;
        break;
      }
    }
    return n;
  }
};

// [SECTION] Units and workers ------------------------------------------------------------------------------

struct Shared {
  const Options& opt;
  std::uint64_t budget;  // schedules still allowed (UINT64_MAX: none)
  Clock::time_point deadline;
  bool has_deadline;
  std::atomic<bool> out_of_time{false};
  std::vector<std::atomic<std::uint64_t>> counts;  // by unit: schedules so far
  std::atomic<std::uint64_t> total{0};             // all units: schedules so far
  std::atomic<std::size_t> first_bug_unit;

  Shared(const Options& o, std::uint64_t b, std::size_t units)
      : opt(o), budget(b), has_deadline(o.max_seconds > 0), counts(units), first_bug_unit(units) {
    deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.max_seconds));
    for (auto& c : counts) c.store(0);
  }
  // Whether unit `k` should stop: the schedules of the units before it and its own already fill the
  // budget, an earlier unit found the bug we stop at, or time is up.
  bool should_stop(std::size_t k) {
    if (out_of_time.load(std::memory_order_relaxed)) return true;
    if (has_deadline && Clock::now() >= deadline) {
      out_of_time = true;
      return true;
    }
    if (opt.stop_on_bug && first_bug_unit.load() < k) return true;
    if (budget == UINT64_MAX || total.load(std::memory_order_relaxed) < budget) return false;
    std::uint64_t before = 0;
    for (std::size_t i = 0; i <= k && before < budget; ++i) before += counts[i].load(std::memory_order_relaxed);
    return before >= budget;
  }
  void counted(std::size_t k) {
    counts[k].fetch_add(1, std::memory_order_relaxed);
    total.fetch_add(1, std::memory_order_relaxed);
  }
  void found_bug(std::size_t k) {
    std::size_t cur = first_bug_unit.load();
    while (k < cur && !first_bug_unit.compare_exchange_weak(cur, k)) {
    }
  }
};

// Runs units 0..n-1 with `jobs` threads, each thread with its own Runner; `work(runner, k, log)` fills unit
// k's log. Returns the logs in unit order.
template <class Work>
std::vector<Log> run_units(const engine::RunConfig& cfg, const Options& o, Shared& sh, std::size_t n, Work work) {
  std::vector<Log> logs(n);
  std::atomic<std::size_t> next{0};
  std::mutex err_mu;
  std::string error;
  auto worker = [&](bool first) {
    try {
      engine::RunConfig own = cfg;  // each extra thread runs its own copy of a program that needs one
      if (!first && cfg.program)
        if (auto copy = cfg.program->for_another_thread()) own.program = std::move(copy);
      Runner r(own);
      for (std::size_t k; (k = next.fetch_add(1)) < n;) {
        if (sh.should_stop(k)) continue;
        work(r, k, logs[k]);
      }
    } catch (const std::exception& e) {
      std::lock_guard<std::mutex> lock(err_mu);
      if (error.empty()) error = e.what();
      next = n;
    }
  };
  int jobs = std::max(1, std::min<int>(o.jobs, static_cast<int>(n)));
  std::vector<std::thread> threads;
  for (int j = 1; j < jobs; ++j) threads.emplace_back(worker, false);
  worker(true);
  for (auto& t : threads) t.join();
  if (!error.empty()) throw std::invalid_argument(error);
  return logs;
}

// [SECTION] The strategies ---------------------------------------------------------------------------------

// One dfs node and everything under it, for bound `bound`: counts the nodes whose cost is exactly `bound`
// (those with less were counted by an earlier bound). Iterative: a long run can have thousands of choice
// points, and each level of the search holds a whole run's choices.
void dfs(Runner& r, std::vector<std::uint32_t> prefix, std::uint32_t cost, std::uint32_t bound, Log& log, Shared& sh,
         std::size_t unit) {
  struct Frame {
    Schedule s;
    std::size_t j;    // the choice point whose alternatives are being tried
    std::uint32_t a;  // the next alternative to try there
    std::uint32_t cost;
  };
  std::vector<Frame> stack;
  // Runs one node; false when the search must stop.
  auto visit = [&](const std::vector<std::uint32_t>& p, std::uint32_t c) {
    if (sh.should_stop(unit)) return false;
    Schedule s = r.run(p);
    if (c == bound) {
      log.add(s);
      sh.counted(unit);
      if (is_bug(s.outcome) && sh.opt.stop_on_bug) {
        sh.found_bug(unit);
        return false;
      }
    }
    stack.push_back(Frame{std::move(s), p.size(), 0, c});
    return true;
  };
  if (!visit(prefix, cost)) return;
  while (!stack.empty()) {
    Frame& f = stack.back();
    bool found = false;
    std::uint32_t child_cost = 0;
    for (; f.j < f.s.branches.size() && !found; f.a = 0, ++f.j) {
      const Branch& b = f.s.branches[f.j];
      for (; f.a < b.options; ++f.a) {
        if (f.a == b.chosen) continue;
        std::uint32_t c = f.cost + b.cost(f.a);
        if (c > bound) {
          log.pruned = true;
          continue;
        }
        found = true;
        child_cost = c;
        break;
      }
      if (found) break;
    }
    if (!found) {
      stack.pop_back();
      continue;
    }
    prefix.resize(f.j + 1);
    for (std::size_t i = 0; i < f.j; ++i) prefix[i] = static_cast<std::uint32_t>(f.s.branches[i].chosen);
    prefix[f.j] = static_cast<std::uint32_t>(f.a);
    ++f.a;  // next time, the alternative after this one (f may move when the child is pushed)
    if (!visit(prefix, child_cost)) return;
  }
}

std::uint64_t mix(std::uint64_t seed, std::uint64_t i) {
  std::uint64_t z = seed * 0x9e3779b97f4a7c15ULL + i + 0x632be59bd9b4e019ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

struct Child {
  std::size_t j;
  std::uint32_t a, cost;
};

// dpor: one search (dpor.h) on one thread (its result is the same for any --jobs).
void explore_dpor(const engine::RunConfig& cfg, const Options& o, std::uint64_t budget, Clock::time_point t0, Acc& acc,
                  bool& budget_cut, bool& stopped_on_bug, bool& timed_out) {
  if (o.shards > 1)
    throw std::invalid_argument("--shard is not supported with --strategy dpor yet; use --strategy dfs to shard");
  Runner r(cfg);
  Log log;
  std::uint64_t n = 0;
  DporStats st = dpor_search(r, [&](const Schedule& s) {
    log.add(s);
    ++n;
    double secs = std::chrono::duration<double>(Clock::now() - t0).count();
    if (o.progress && n % 256 == 0) o.progress(n, secs);
    if (is_bug(s.outcome) && o.stop_on_bug) return !(stopped_on_bug = true);
    if (budget != UINT64_MAX && n >= budget) return !(budget_cut = true);
    if (o.max_seconds > 0 && secs >= o.max_seconds) return !(timed_out = true);
    return true;
  });
  bool unused = false;
  acc.take(log, UINT64_MAX, false, &unused);
  acc.res.sleep_blocked = st.blocked;
  if (o.progress) o.progress(n, std::chrono::duration<double>(Clock::now() - t0).count());
}

}  // namespace

Result explore(const engine::RunConfig& cfg, const Options& given) {
  auto t0 = Clock::now();
  // With more than one processor the order of steps also follows the virtual clock, which dpor's model (the
  // choice before a step decides who takes it) does not capture: such runs are explored with dfs.
  Options o = given;
  bool dpor_fallback = o.strategy == "dpor" && cfg.procs > 1;
  if (dpor_fallback) o.strategy = "dfs";
  if (o.strategy != "dfs" && o.strategy != "random" && o.strategy != "pct" && o.strategy != "dpor")
    throw std::invalid_argument("unknown strategy '" + o.strategy + "'; expected one of dfs, random, pct, dpor");
  if (o.shards < 1 || o.shard < 0 || o.shard >= o.shards)
    throw std::invalid_argument("shard must be i/n with 1 <= i <= n");
  if (o.preemptions < 0) throw std::invalid_argument("--preemptions must be 0 or more");
  if (o.depth < 1) throw std::invalid_argument("--depth must be at least 1");
  Acc acc;
  acc.res.strategy = o.strategy;
  std::uint64_t budget =
      o.max_schedules ? o.max_schedules : (o.strategy == "dfs" || o.strategy == "dpor" ? UINT64_MAX : 1000);
  bool budget_cut = false, stopped_on_bug = false, timed_out = false;
  auto remaining = [&] { return budget == UINT64_MAX ? UINT64_MAX : budget - std::min(budget, acc.res.schedules); };
  auto report = [&] {
    if (o.progress) o.progress(acc.res.schedules, std::chrono::duration<double>(Clock::now() - t0).count());
  };

  if (o.strategy == "dpor") {
    explore_dpor(cfg, o, budget, t0, acc, budget_cut, stopped_on_bug, timed_out);
  } else if (o.strategy == "dfs") {
    Runner root_runner(cfg);
    std::vector<std::uint32_t> empty;
    for (std::uint32_t bound = 0; bound <= static_cast<std::uint32_t>(o.preemptions); ++bound) {
      Schedule root = root_runner.run(empty);
      if (bound == 0 && o.shard == 0) {
        Log l;
        l.add(root);
        acc.take(l, remaining(), o.stop_on_bug, &stopped_on_bug);
        if (stopped_on_bug) break;
      }
      // The units: every alternative at every choice point of the default schedule, in order.
      std::vector<Child> all;
      for (std::size_t j = 0; j < root.branches.size(); ++j)
        for (std::uint32_t a = 0; a < root.branches[j].options; ++a)
          if (a != root.branches[j].chosen) all.push_back(Child{j, a, root.branches[j].cost(a)});
      std::vector<Child> units;
      bool pruned = false;
      for (std::size_t k = 0; k < all.size(); ++k) {
        if (static_cast<int>(k % static_cast<std::size_t>(o.shards)) != o.shard) continue;
        if (all[k].cost > bound)
          pruned = true;
        else
          units.push_back(all[k]);
      }
      Shared sh(o, remaining(), units.size());
      auto logs = run_units(cfg, o, sh, units.size(), [&](Runner& r, std::size_t k, Log& log) {
        std::vector<std::uint32_t> prefix(units[k].j + 1);
        for (std::size_t i = 0; i < units[k].j; ++i) prefix[i] = static_cast<std::uint32_t>(root.branches[i].chosen);
        prefix[units[k].j] = static_cast<std::uint32_t>(units[k].a);
        dfs(r, std::move(prefix), units[k].cost, bound, log, sh, k);
      });
      for (auto& l : logs) {
        pruned |= l.pruned;
        acc.take(l, remaining(), o.stop_on_bug, &stopped_on_bug);
        if (stopped_on_bug) break;
      }
      timed_out |= sh.out_of_time.load();
      report();
      if (budget != UINT64_MAX && remaining() == 0) budget_cut = true;
      if (stopped_on_bug || timed_out || budget_cut) break;
      acc.pruned = pruned;
      if (!pruned) break;  // nothing has more preemptions than this: the search is exhaustive
    }
  } else {
    // random / pct: schedule i (of the whole search) runs with seed mix(seed, i); this shard takes i % n.
    std::uint64_t expected = 100;
    if (o.strategy == "pct") {
      Runner r(cfg);
      expected = std::max<std::uint64_t>(1, r.run({}).steps);
    }
    constexpr std::uint64_t kBlock = 64;
    const auto n = static_cast<std::uint64_t>(o.shards), me = static_cast<std::uint64_t>(o.shard);
    std::uint64_t mine = budget > me ? (budget - me + n - 1) / n : 0;  // schedules me, me+n, me+2n, ... < budget
    std::size_t units = static_cast<std::size_t>((mine + kBlock - 1) / kBlock);
    Shared sh(o, mine, units);
    Fill fill = o.strategy == "pct" ? Fill::Pct : Fill::Random;
    auto logs = run_units(cfg, o, sh, units, [&](Runner& r, std::size_t k, Log& log) {
      r.set_pct(o.depth, expected);
      std::vector<std::uint32_t> none;
      for (std::uint64_t i = k * kBlock; i < std::min<std::uint64_t>(mine, (k + 1) * kBlock); ++i) {
        if (sh.should_stop(k)) return;
        Schedule s = r.run(none, fill, mix(o.seed, me + i * n));
        log.add(s);
        sh.counted(k);
        if (is_bug(s.outcome) && o.stop_on_bug) {
          sh.found_bug(k);
          return;
        }
      }
    });
    for (auto& l : logs) {
      acc.take(l, UINT64_MAX, o.stop_on_bug, &stopped_on_bug);
      if (stopped_on_bug) break;
    }
    timed_out = sh.out_of_time.load();
    report();
  }

  Result& res = acc.res;
  std::sort(res.outputs.begin(), res.outputs.end(), [](auto& a, auto& b) { return a.text < b.text; });
  std::uint64_t limited = 0;
  for (const auto& [k, n] : res.outcomes)
    if (k == "step_limit" || k == "time_limit") limited += n;
  if (timed_out)
    res.incomplete_reason = "time budget (--max-time) ran out";
  else if (stopped_on_bug)
    res.incomplete_reason = "stopped at the first bug";
  else if (o.strategy == "random" || o.strategy == "pct")
    res.incomplete_reason = o.strategy + " sampling: " + std::to_string(res.schedules) + " schedules (--max-schedules)";
  else if (budget_cut)
    res.incomplete_reason = "schedule budget (--max-schedules " + std::to_string(budget) + ") reached";
  else if (limited)
    res.incomplete_reason = std::to_string(limited) + " run(s) hit the step or time limit";
  else if (acc.pruned)
    res.incomplete_reason = "preemption bound: schedules with more than " + std::to_string(o.preemptions) +
                            " preemption" + (o.preemptions == 1 ? "" : "s") + " not explored";
  if (o.shards > 1)  // a shard is never the whole search; the merge checks every shard is there
    res.incomplete_reason = "shard " + std::to_string(o.shard + 1) + "/" + std::to_string(o.shards) +
                            " only: merge the shards (explore --merge)" +
                            (res.incomplete_reason.empty() ? "" : "; " + res.incomplete_reason);
  if (dpor_fallback && !res.incomplete_reason.empty())
    res.incomplete_reason = "dpor needs procs = 1, explored with dfs: " + res.incomplete_reason;
  if (dpor_fallback) res.strategy = "dfs (dpor needs procs = 1)";
  res.complete = res.incomplete_reason.empty();
  res.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return res;
}

// [SECTION] Shrinking ----------------------------------------------------------------------------------------

Schedule shrink(Runner& r, const Schedule& bug) {
  std::string kind = outcome_key(bug.outcome, bug.message);
  auto same = [&](const Schedule& s) { return is_bug(s.outcome) && outcome_key(s.outcome, s.message) == kind; };
  auto choices = [](const Schedule& s) {
    std::vector<std::uint32_t> c;
    for (const auto& b : s.branches) c.push_back(static_cast<std::uint32_t>(b.chosen));
    return c;
  };
  Schedule best = bug;
  // 1. Fewest preemptions: try each preemption (last first) replaced by the free choice, the rest of the run
  // left to the default schedule from the first point it no longer fits.
  for (bool improved = true; improved && best.preemptions > 0;) {
    improved = false;
    for (std::size_t j = best.branches.size(); j-- > 0;) {
      const Branch& b = best.branches[j];
      if (b.cost(b.chosen) == 0) continue;
      auto c = choices(best);
      c[j] = static_cast<std::uint32_t>(b.keep);
      Schedule t = r.run(c);
      if (same(t) && t.preemptions < best.preemptions) {
        best = std::move(t);
        improved = true;
        break;
      }
    }
  }
  // 2. Shortest: the shortest prefix of its choices that, followed by the default schedule, still shows it;
  // and any other schedule found along the way with fewer steps.
  auto c = choices(best);
  for (std::size_t len = 0; len < c.size(); ++len) {
    std::vector<std::uint32_t> p(c.begin(), c.begin() + static_cast<std::ptrdiff_t>(len));
    Schedule t = r.run(p);
    if (same(t) && t.preemptions <= best.preemptions && t.steps <= best.steps) {
      best = std::move(t);
      break;
    }
  }
  return best;
}

// [SECTION] Merging shards and the verdict line -------------------------------------------------------------

Result merge(const std::vector<Result>& parts) {
  Result m;
  std::map<std::string, OutputSeen> outs;
  bool complete = true;
  std::string reason;
  int shards = 0;
  std::vector<int> seen;  // by shard: how many results of it
  for (const auto& p : parts) {
    m.schedules += p.schedules;
    m.seconds = std::max(m.seconds, p.seconds);
    for (const auto& [k, n] : p.outcomes) m.outcomes[k] += n;
    for (const auto& o : p.outputs) {
      auto [it, fresh] = outs.try_emplace(o.text, o);
      if (fresh) continue;
      OutputSeen& have = it->second;
      have.count += o.count;
      if (better(0, o.rank, o.replay, 0, have.rank, have.replay)) {
        have.replay = o.replay;
        have.rank = o.rank;
      }
    }
    if (p.bug && (!m.bug || better(p.bug->preemptions, p.bug->steps, p.bug->replay, m.bug->preemptions, m.bug->steps,
                                   m.bug->replay)))
      m.bug = p.bug;
    // A shard is incomplete for being a shard ("shard i/n only: ..."), and perhaps for something else after
    // "; ". The merge is complete when every shard 1..n is there once and nothing else cut one short.
    std::string why = p.complete ? "" : p.incomplete_reason;
    int i = 0, n = 0;
    if (std::sscanf(why.c_str(), "shard %d/%d only", &i, &n) == 2 && n > 0 && i >= 1 && i <= n) {
      if (shards == 0) seen.assign(static_cast<std::size_t>(n), 0), shards = n;
      if (n != shards) {
        complete = false;
        if (reason.empty())
          reason = "shards of different splits (/" + std::to_string(shards) + " and /" + std::to_string(n) + ")";
      } else {
        ++seen[static_cast<std::size_t>(i - 1)];
      }
      auto semi = why.find("; ");
      why = semi == std::string::npos ? "" : why.substr(semi + 2);
    }
    if (!why.empty()) {
      complete = false;
      if (reason.empty()) reason = why;
    }
    if (m.strategy.empty()) m.strategy = p.strategy;
  }
  for (std::size_t k = 0; k < seen.size(); ++k)
    if (seen[k] != 1 && complete) {
      complete = false;
      reason = "shard " + std::to_string(k + 1) + "/" + std::to_string(shards) +
               (seen[k] == 0 ? " is missing" : " was given more than once");
    }
  for (auto& [t, o] : outs) m.outputs.push_back(std::move(o));
  m.complete = complete;
  m.incomplete_reason = reason;
  return m;
}

namespace {
std::string thousands(std::uint64_t n) {
  std::string digits = std::to_string(n), s;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) s += ',';
    s += digits[i];
  }
  return s;
}
}  // namespace

std::string verdict_line(const Result& r) {
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.2f", r.seconds);
  std::string s = "explored " + thousands(r.schedules) + " schedule" + (r.schedules == 1 ? "" : "s") + " in " + secs +
                  " s: " + (r.complete ? "complete" : "incomplete (" + r.incomplete_reason + ")") + "; outcomes: ";
  bool first = true;
  for (const auto& [k, n] : r.outcomes) {
    s += (first ? "" : ", ") + k + " x" + thousands(n);
    first = false;
  }
  s += "; " + thousands(r.outputs.size()) + " distinct output" + (r.outputs.size() == 1 ? "" : "s") + "; ";
  if (r.bug)
    s += "first bug: " + r.bug->kind + " with " + std::to_string(r.bug->preemptions) + " preemption" +
         (r.bug->preemptions == 1 ? "" : "s") + " in " + thousands(r.bug->steps) + " steps";
  else
    s += "no bug";
  return s;
}

}  // namespace interleave::explorer
