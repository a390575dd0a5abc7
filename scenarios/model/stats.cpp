// stats.cpp — the flat list of state intervals and the per-goroutine and per-object statistics (stats.h).
#include "scenarios/model/stats.h"

#include <algorithm>

#include "scenarios/model/names.h"

namespace interleave {

std::vector<StateInterval> state_intervals(const TraceRecorder& trace) {
  std::vector<StateInterval> out;
  std::vector<StateInterval> open;  // by goroutine id; state Done means "none open"
  std::vector<bool> is_open;
  std::uint32_t index = 0;
  trace.for_each([&](const Event& e) {
    const std::uint32_t at = index++;
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
    iv.event = at;
    iv.state = e.state();
    iv.reason = e.reason();
    iv.object = e.object;
    iv.srcloc = e.srcloc;
    iv.processor = static_cast<std::int16_t>(e.state() == GState::Running ? static_cast<int>(e.value) : -1);
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

}  // namespace interleave
