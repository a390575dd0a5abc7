// analysis.cpp — intervals, per-goroutine and per-object statistics, and the printed summary.
#include "scenarios/engine/analysis.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace interleave::engine {

std::vector<StateInterval> state_intervals(const TraceRecorder& trace) {
  std::vector<StateInterval> out;
  std::vector<StateInterval> open;  // by goroutine id; state Done means "none open"
  std::vector<bool> is_open;
  trace.for_each([&](const Event& e) {
    if (e.type != EventType::State) return;
    if (e.g >= open.size()) {
      open.resize(e.g + 1);
      is_open.resize(e.g + 1, false);
    }
    if (is_open[e.g]) {
      open[e.g].end = e.time;
      out.push_back(open[e.g]);
      is_open[e.g] = false;
    }
    if (e.state() == GState::Done) return;
    StateInterval iv;
    iv.g = e.g;
    iv.state = e.state();
    iv.reason = e.reason();
    iv.object = e.object;
    iv.srcloc = e.srcloc;
    iv.processor = e.state() == GState::Running ? static_cast<int>(e.value) : -1;
    iv.start = e.time;
    open[e.g] = iv;
    is_open[e.g] = true;
  });
  for (std::size_t g = 0; g < open.size(); ++g)
    if (is_open[g]) {
      open[g].end = std::max(open[g].start, trace.end_time());
      out.push_back(open[g]);
    }
  std::stable_sort(out.begin(), out.end(), [](const StateInterval& a, const StateInterval& b) {
    return a.start != b.start ? a.start < b.start : a.g < b.g;
  });
  return out;
}

std::string role_of(const std::string& name) {
  std::string r = name;
  // Strip a trailing number and the separator before it: "producer#2", "philosopher 3", "worker-10".
  std::size_t end = r.size();
  while (end > 0 && std::isdigit(static_cast<unsigned char>(r[end - 1]))) --end;
  if (end < r.size() && end > 0 && (r[end - 1] == '#' || r[end - 1] == ' ' || r[end - 1] == '-' || r[end - 1] == '_'))
    return r.substr(0, end - 1);
  if (end < r.size() && end > 0) return r.substr(0, end);
  return r;
}

std::vector<GoroutineStats> goroutine_stats(const TraceRecorder& trace) {
  std::vector<GoroutineStats> out;
  const auto& infos = trace.goroutines();
  for (std::size_t id = 1; id < infos.size(); ++id) {
    GoroutineStats g;
    g.id = static_cast<GoroutineId>(id);
    g.name = infos[id].name;
    g.role = role_of(g.name);
    out.push_back(std::move(g));
  }
  // The final state: the last State event of each goroutine (even one at the last instant).
  trace.for_each([&](const Event& e) {
    if (e.type != EventType::State || e.g == 0 || e.g > out.size()) return;
    GoroutineStats& g = out[e.g - 1];
    g.final_state = e.state();
    g.final_reason = e.state() == GState::Blocked ? e.reason() : WaitReason::None;
    g.final_object = e.state() == GState::Blocked ? e.object : kNoObject;
  });
  for (const StateInterval& iv : state_intervals(trace)) {
    if (iv.g == 0 || iv.g > out.size()) continue;
    GoroutineStats& g = out[iv.g - 1];
    Duration d = iv.end - iv.start;
    g.time_in[static_cast<std::size_t>(iv.state)] += d;
    if (iv.state == GState::Blocked) {
      g.total_wait += d;
      if (d > g.max_wait || g.max_wait_reason == WaitReason::None) {
        if (d >= g.max_wait) {
          g.max_wait = d;
          g.max_wait_reason = iv.reason;
        }
      }
    }
  }
  return out;
}

std::vector<ObjectStats> object_stats(const TraceRecorder& trace) {
  struct Series {
    bool has = false;
    std::int64_t last = 0, max = 0;
    VirtualTime last_t = 0;
    double area = 0;
  };
  struct Acc {
    VirtualTime created = 0;
    Series s[kCounterKindCount];
  };
  const auto& infos = trace.objects();
  std::vector<Acc> acc(infos.size());
  auto add_point = [](Series& s, VirtualTime t, std::int64_t v) {
    s.area += static_cast<double>(s.last) * static_cast<double>(t - s.last_t);
    s.last = v;
    s.last_t = t;
    s.max = s.has ? std::max(s.max, v) : v;
    s.has = true;
  };
  // The run queue's length is not recorded as counter events: it is derived from the state changes, the
  // same series the exports and the GUI show (RunnableCount).
  const ObjectId run_queue = trace.run_queue();
  RunnableCount runnable;
  trace.for_each([&](const Event& e) {
    if (runnable.on_event(e) && run_queue != kNoObject && run_queue < acc.size())
      add_point(acc[run_queue].s[static_cast<int>(CounterKind::Length)], e.time, runnable.count());
    if (e.object == kNoObject || e.object >= acc.size()) return;
    Acc& a = acc[e.object];
    if (e.type == EventType::ObjCreate) {
      a.created = e.time;
      for (auto& s : a.s) s.last_t = e.time;
    } else if (e.type == EventType::Counter && static_cast<int>(e.a) < kCounterKindCount) {
      if (e.object == run_queue && e.counter() == CounterKind::Length) return;  // derived above
      add_point(a.s[e.a], e.time, e.value);
    }
  });
  std::vector<ObjectStats> out;
  VirtualTime end = trace.end_time();
  for (std::size_t id = 1; id < infos.size(); ++id) {
    ObjectStats o;
    o.id = static_cast<ObjectId>(id);
    o.name = infos[id].name;
    o.kind = infos[id].kind;
    o.capacity = infos[id].capacity;
    Acc& a = acc[id];
    const Series* depth = a.s[static_cast<int>(CounterKind::Length)].has  ? &a.s[static_cast<int>(CounterKind::Length)]
                          : a.s[static_cast<int>(CounterKind::Value)].has ? &a.s[static_cast<int>(CounterKind::Value)]
                                                                          : nullptr;
    if (depth) {
      o.has_depth = true;
      o.max_depth = depth->max;
      double area = depth->area + static_cast<double>(depth->last) * static_cast<double>(end - depth->last_t);
      VirtualTime life = end - a.created;
      o.mean_depth = life > 0 ? area / static_cast<double>(life) : static_cast<double>(depth->last);
    }
    const Series& w = a.s[static_cast<int>(CounterKind::Waiters)];
    o.max_waiters = w.has ? w.max : 0;
    out.push_back(std::move(o));
  }
  return out;
}

RunSummary summarize(const Session& s) {
  RunSummary r;
  const Scheduler& sched = s.scheduler();
  r.title = s.program().name();
  r.outcome = sched.outcome();
  r.message = sched.outcome_message();
  r.duration = sched.now();
  r.events = s.trace().size();
  r.steps = sched.steps();
  r.seed = s.config().seed;
  r.hash = s.trace().hash();
  for (const OutputWrite& w : s.output()) r.output += w.text;
  r.goroutines = goroutine_stats(s.trace());
  r.objects = object_stats(s.trace());
  r.object_names.assign(s.trace().objects().size(), std::string());
  for (std::size_t o = 1; o < s.trace().objects().size(); ++o) r.object_names[o] = s.trace().objects()[o].name;
  r.metrics = s.metrics();
  r.dump = sched.dump();
  const patterns::Variant* variant = s.program().variant();
  if (variant && !variant->starvation_role.empty() && variant->starvation_threshold > 0) {
    const patterns::Variant& v = *variant;
    StarvationVerdict& sv = r.starvation;
    sv.applies = true;
    sv.role = v.starvation_role;
    sv.threshold = v.starvation_threshold;
    sv.run = r.duration;
    for (const auto& g : r.goroutines)
      if (g.role == sv.role || g.name == sv.role) sv.longest = std::max(sv.longest, g.max_wait);
    sv.starved = r.outcome == Outcome::Completed && sv.longest >= sv.threshold;
  }
  return r;
}

std::string format_starvation(const StarvationVerdict& v) {
  if (!v.applies) return {};
  char share[32];
  std::snprintf(share, sizeof share, "%.0f%%",
                v.run > 0 ? 100.0 * static_cast<double>(v.longest) / static_cast<double>(v.run) : 0.0);
  std::string what = "a " + v.role + " waited " + patterns::format_duration(v.longest) + " of the run's " +
                     patterns::format_duration(v.run) + " (" + share + "); the threshold is " +
                     patterns::format_duration(v.threshold);
  if (v.starved) return "starvation: " + what;
  return "no starvation: the longest wait of a " + v.role + " was " + patterns::format_duration(v.longest) + " of " +
         patterns::format_duration(v.run) + " (" + share + "), below the threshold of " +
         patterns::format_duration(v.threshold);
}

namespace {

// Three significant digits, for tables: "47.1ms", "731us", "2s".
std::string dur(Duration d) {
  if (d == 0) return "0";
  static constexpr std::pair<Duration, const char*> kUnits[] = {{1'000'000'000, "s"}, {1'000'000, "ms"}, {1'000, "us"}};
  for (auto [scale, unit] : kUnits)
    if (d >= scale) {
      double v = static_cast<double>(d) / static_cast<double>(scale);
      char buf[32];
      std::snprintf(buf, sizeof buf, v >= 100 ? "%.0f%s" : v >= 10 ? "%.1f%s" : "%.2f%s", v, unit);
      std::string out = buf;
      // 2.00ms -> 2ms, 2.50ms -> 2.5ms
      auto dot = out.find('.');
      if (dot != std::string::npos) {
        std::size_t u = out.find_first_not_of("0123456789.", dot);
        std::size_t e = u;
        while (e > dot + 1 && out[e - 1] == '0') --e;
        if (e == dot + 1) --e;
        out.erase(e, u - e);
      }
      return out;
    }
  return std::to_string(d) + "ns";
}

std::string pad(std::string s, std::size_t w) {
  if (s.size() < w) s.append(w - s.size(), ' ');
  return s;
}
std::string lpad(std::string s, std::size_t w) {
  if (s.size() < w) s.insert(0, w - s.size(), ' ');
  return s;
}

std::string number(double v) {
  char buf[48];
  if (v == static_cast<double>(static_cast<long long>(v)) && std::abs(v) < 1e15)
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
  else
    std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

}  // namespace

std::string format_summary(const RunSummary& s) {
  std::string out;
  out += s.title + "  (seed " + std::to_string(s.seed) + ")\n";
  out += "outcome: " + std::string(to_string(s.outcome));
  if (!s.message.empty() && s.outcome != Outcome::Completed) out += " (" + s.message + ")";
  if (s.starvation.applies && s.outcome == Outcome::Completed) out += "\nverdict: " + format_starvation(s.starvation);
  out += "\nvirtual time: " + patterns::format_duration(s.duration) + "   events: " + std::to_string(s.events) +
         "   steps: " + std::to_string(s.steps) + "   trace hash: ";
  char hash[20];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(s.hash));
  out += std::string(hash) + "\n\n";

  constexpr std::size_t kMaxRows = 40;
  out += pad("goroutine", 24) + lpad("running", 11) + lpad("runnable", 11) + lpad("blocked", 11) +
         lpad("sleeping", 11) + lpad("max wait", 11) + "  on\n";
  for (std::size_t i = 0; i < s.goroutines.size() && i < kMaxRows; ++i) {
    const auto& g = s.goroutines[i];
    auto t = [&](GState st) { return lpad(dur(g.time_in[static_cast<std::size_t>(st)]), 11); };
    // "on": what a goroutine still blocked at the end waits on (even if it blocked at the last instant);
    // otherwise the reason of its longest wait.
    std::string on = "-";
    if (g.final_state == GState::Blocked) {
      on = std::string(to_string(g.final_reason));
      std::string obj = g.final_object < s.object_names.size() ? s.object_names[g.final_object] : std::string();
      if (!obj.empty()) on += " " + obj;
      on += " (still blocked)";
    } else if (g.max_wait > 0) {
      on = std::string(to_string(g.max_wait_reason));
    }
    out += pad("G" + std::to_string(g.id) + " " + g.name, 24) + t(GState::Running) + t(GState::Runnable) +
           t(GState::Blocked) + t(GState::Sleeping) + lpad(dur(g.max_wait), 11) + "  " + on + "\n";
  }
  if (s.goroutines.size() > kMaxRows)
    out += "... and " + std::to_string(s.goroutines.size() - kMaxRows) + " more goroutines\n";

  out += "\n" + pad("object", 24) + pad("kind", 12) + lpad("max depth", 11) + lpad("mean depth", 12) +
         lpad("max waiters", 13) + "\n";
  std::size_t rows = 0;
  for (const auto& o : s.objects) {
    if (rows++ == kMaxRows) {
      out += "... and more objects\n";
      break;
    }
    std::string maxd = o.has_depth ? number(static_cast<double>(o.max_depth)) : "-";
    if (o.has_depth && o.capacity > 0) maxd += "/" + std::to_string(o.capacity);
    char mean[32];
    std::snprintf(mean, sizeof mean, "%.2f", o.mean_depth);
    out += pad(o.name, 24) + pad(std::string(to_string(o.kind)), 12) + lpad(maxd, 11) +
           lpad(o.has_depth ? mean : "-", 12) + lpad(std::to_string(o.max_waiters), 13) + "\n";
  }
  if (!s.metrics.empty()) {
    out += "\nmetrics\n";
    for (const auto& m : s.metrics)
      out += "  " + pad(m.name, 22) + number(m.value) + (m.unit.empty() ? "" : " " + m.unit) + "\n";
  }
  if (!s.dump.empty() && s.outcome != Outcome::Completed) out += "\n" + s.dump;
  return out;
}

}  // namespace interleave::engine
