// trace_model.cpp — turning recorded events into intervals, lanes, counters, holders, flows and LOD pieces.
//
// [SECTION] Consuming events
// [SECTION] Goroutine queries and level of detail
// [SECTION] Processor lanes
// [SECTION] Objects and counters
// [SECTION] Holders and the wait-for graph
// [SECTION] Formatting
#include "scenarios/model/trace_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

namespace interleave {

namespace {
const std::vector<StateInterval> kNoIntervals;

}  // namespace

// [SECTION] Consuming events ----------------------------------------------------------------------------

void TraceModel::reset(const TraceRecorder* rec) {
  *this = TraceModel{};
  rec_ = rec;
}

std::size_t TraceModel::update(std::size_t max_events) {
  if (!rec_) return 0;
  std::size_t end = rec_->size();
  if (end - consumed_ > max_events) end = consumed_ + max_events;
  std::size_t start = consumed_;
  for (std::size_t i = start; i < end; ++i) {
    const Event& e = (*rec_)[i];
    auto index = static_cast<std::uint32_t>(i);
    end_time_ = e.time;
    switch (e.type) {
      case EventType::GoCreate:
        lane(e.g);
        ensure_role(e.g);
        break;
      case EventType::State:
        on_state(e, index);
        if (runnable_.on_event(e)) {
          if (ObjectId runq = run_queue(); runq != kNoObject) {
            Event length = e;
            length.type = EventType::Counter;
            length.object = runq;
            length.a = static_cast<std::uint8_t>(CounterKind::Length);
            length.value = runnable_.count();
            on_counter(length);
          }
        }
        break;
      case EventType::Counter:
        if (e.object != run_queue()) on_counter(e);  // the run queue's length is derived from the states
        break;
      case EventType::Wake:
        flows_.push_back(Flow{e.time, e.g, static_cast<GoroutineId>(e.value), e.object, index, FlowKind::Wake});
        on_wake(e);
        break;
      case EventType::ChanMatch:
        flows_.push_back(Flow{e.time, e.g, static_cast<GoroutineId>(e.value), e.object, index, FlowKind::ChanMatch});
        break;
      case EventType::RunEnd: run_end_ = RunEndInfo{true, e.outcome(), e.time, e.g, e.srcloc, index}; break;
      case EventType::Note:
        if (e.b == kLabelNote && e.g != kNoGoroutine) {
          if (labels_.size() <= e.g) labels_.resize(e.g + 1);
          labels_[e.g].push_back(LabelMark{e.time, static_cast<std::uint32_t>(e.value)});
        }
        break;
      default: break;
    }
  }
  consumed_ = end;
  return end - start;
}

TraceModel::Lane& TraceModel::lane(GoroutineId g) {
  if (lanes_.size() <= g) lanes_.resize(g + 1);
  return lanes_[g];
}

void TraceModel::ensure_role(GoroutineId g) {
  Lane& l = lane(g);
  if (!l.role.empty()) return;
  l.role = interleave::role_of(name(g));
  for (Role& r : roles_) {
    if (r.name == l.role) {
      r.members.push_back(g);
      return;
    }
  }
  roles_.push_back(Role{l.role, {g}});
}

void TraceModel::close_interval(Lane& l, VirtualTime t) {
  StateInterval& last = l.intervals.back();
  last.end = t;
  auto sums = l.cum.back();
  sums[static_cast<std::size_t>(last.state)] += t - last.start;
  l.cum.push_back(sums);
}

void TraceModel::on_state(const Event& e, std::uint32_t index) {
  Lane& l = lane(e.g);
  ensure_role(e.g);
  StateInterval next;
  next.g = e.g;
  next.start = e.time;
  next.object = e.object;
  next.srcloc = e.srcloc;
  next.event = index;
  next.state = e.state();
  next.reason = e.reason();
  next.processor = static_cast<std::int16_t>(e.state() == GState::Running ? e.value : -1);

  if (!l.intervals.empty()) {
    StateInterval& prev = l.intervals.back();
    if (prev.state == GState::Running && prev.processor >= 0 &&
        (next.state != GState::Running || next.processor != prev.processor))
      proc_stop(prev.processor, e.time);
    if (prev.start == e.time) {
      if (prev.state == GState::Running && next.state != GState::Running &&
          (l.instants.empty() || l.instants.back() != e.time))
        l.instants.push_back(e.time);
      prev = next;  // several changes at one instant: the last one wins
    } else {
      close_interval(l, e.time);
      l.intervals.push_back(next);
    }
  } else {
    l.intervals.push_back(next);
  }
  if (next.state == GState::Running && next.processor >= 0) proc_start(next.processor, e.g, e.time);
}

void TraceModel::on_counter(const Event& e) {
  ObjectId o = e.object;
  if (counter_index_.size() <= o) counter_index_.resize(o + 1, {-1, -1, -1, -1});
  int& idx = counter_index_[o][e.a % kCounterKindCount];
  if (idx < 0) {
    idx = static_cast<int>(counters_.size());
    CounterSeries s;
    s.object = o;
    s.kind = e.counter();
    s.min = s.max = e.value;
    counters_.push_back(std::move(s));
  }
  CounterSeries& s = counters_[static_cast<std::size_t>(idx)];
  s.points.push_back(CounterPoint{e.time, e.value});
  s.min = std::min(s.min, e.value);
  s.max = std::max(s.max, e.value);

  if (e.counter() != CounterKind::Holders || !is_lock(o)) return;
  HoldHistory& h = hold(o);
  std::int64_t v = e.value;
  h.tentative_valid = false;
  if (object_kind(o) == ObjectKind::Mutex) {
    h.current.clear();
    if (v > 0) {
      h.current.push_back(e.g);
      h.tentative = e.g;
      h.tentative_valid = true;
    }
  } else if (v < 0) {  // RWMutex taken by a writer
    h.writer = true;
    h.current.assign(1, e.g);
    h.tentative = e.g;
    h.tentative_valid = true;
  } else if (v == 0) {
    h.writer = false;
    h.current.clear();
  } else if (v > h.last_count || h.writer) {  // one more reader
    if (h.writer) h.current.clear();
    h.writer = false;
    h.current.push_back(e.g);
    h.tentative = e.g;
    h.tentative_valid = true;
  } else {  // a reader left: this goroutine's hold, or any
    auto it = std::find(h.current.begin(), h.current.end(), e.g);
    if (it == h.current.end() && !h.current.empty()) it = h.current.begin();
    if (it != h.current.end()) h.current.erase(it);
  }
  h.last_count = v;
  snapshot(h, e.time);
}

void TraceModel::on_wake(const Event& e) {
  if (!is_lock(e.object)) return;
  // A hand-off: the unlocker granted the lock to the goroutine it wakes. The Holders event just before
  // named the unlocker (it was running); the lock really belongs to the woken goroutine.
  HoldHistory& h = hold(e.object);
  auto woken = static_cast<GoroutineId>(e.value);
  if (object_kind(e.object) == ObjectKind::Mutex || h.writer) {
    h.current.assign(1, woken);
  } else if (h.tentative_valid && !h.current.empty() && h.current.back() == h.tentative) {
    h.current.back() = woken;
  } else {
    return;
  }
  h.tentative_valid = false;
  snapshot(h, e.time);
}

TraceModel::HoldHistory& TraceModel::hold(ObjectId o) {
  if (holds_.size() <= o) holds_.resize(o + 1);
  return holds_[o];
}

void TraceModel::snapshot(HoldHistory& h, VirtualTime t) {
  if (!h.snaps.empty() && h.snaps.back().time == t && h.snaps.back().offset + h.snaps.back().count == h.pool.size()) {
    h.pool.resize(h.snaps.back().offset);  // the same instant: replace the last snapshot
    h.snaps.pop_back();
  }
  h.snaps.push_back(
      HoldSnapshot{t, static_cast<std::uint32_t>(h.pool.size()), static_cast<std::uint32_t>(h.current.size())});
  h.pool.insert(h.pool.end(), h.current.begin(), h.current.end());
}

bool TraceModel::is_lock(ObjectId o) const {
  if (o == kNoObject || o >= object_count() + 1) return false;
  ObjectKind k = object_kind(o);
  return k == ObjectKind::Mutex || k == ObjectKind::RWMutex;
}

// [SECTION] Goroutine queries and level of detail --------------------------------------------------------

std::string_view TraceModel::name(GoroutineId g) const {
  if (!rec_ || g == kNoGoroutine || g >= rec_->goroutines().size()) return {};
  return rec_->goroutines()[g].name;
}

std::string_view TraceModel::role_of(GoroutineId g) const {
  if (g >= lanes_.size()) return {};
  return lanes_[g].role;
}

std::string TraceModel::label(GoroutineId g) const { return goroutine_label(name(g), g); }

const std::vector<StateInterval>& TraceModel::intervals(GoroutineId g) const {
  if (g >= lanes_.size()) return kNoIntervals;
  return lanes_[g].intervals;
}

const std::vector<VirtualTime>& TraceModel::instants(GoroutineId g) const {
  static const std::vector<VirtualTime> none;
  return g < lanes_.size() ? lanes_[g].instants : none;
}

long TraceModel::interval_index_at(GoroutineId g, VirtualTime t) const {
  const auto& iv = intervals(g);
  auto it = std::ranges::upper_bound(iv, t, {}, &StateInterval::start);
  if (it == iv.begin()) return -1;
  return static_cast<long>(it - iv.begin()) - 1;
}

const StateInterval* TraceModel::state_at(GoroutineId g, VirtualTime t) const {
  long i = interval_index_at(g, t);
  return i < 0 ? nullptr : &intervals(g)[static_cast<std::size_t>(i)];
}

std::array<Duration, kGStateCount> TraceModel::time_in_states(GoroutineId g, VirtualTime t) const {
  std::array<Duration, kGStateCount> out{};
  long i = interval_index_at(g, t);
  if (i < 0) return out;
  const Lane& l = lanes_[g];
  auto idx = static_cast<std::size_t>(i);
  out = l.cum[std::min(idx, l.cum.size() - 1)];
  const StateInterval& iv = l.intervals[idx];
  out[static_cast<std::size_t>(iv.state)] += std::min(t, end_of(iv)) - iv.start;
  return out;
}

void TraceModel::lod(GoroutineId g, VirtualTime t0, VirtualTime t1, double ns_per_px,
                     std::vector<LodPiece>& out) const {
  out.clear();
  if (g >= lanes_.size()) return;
  const Lane& l = lanes_[g];
  const auto& iv = l.intervals;
  const std::size_t n = iv.size();
  if (n == 0) return;
  const auto w = static_cast<Duration>(std::max(1.0, ns_per_px));
  const std::size_t closed = l.cum.size() - 1;
  auto sums_to = [&](std::size_t j) {  // durations of intervals [0, j) per state, the open one clipped
    if (j <= closed) return l.cum[j];
    auto s = l.cum[closed];
    s[static_cast<std::size_t>(iv[closed].state)] += end_time_ - iv[closed].start;
    return s;
  };
  long first = interval_index_at(g, t0);
  std::size_t i = first < 0 ? 0 : static_cast<std::size_t>(first);
  while (i < n && iv[i].start < t1) {
    VirtualTime s = iv[i].start;
    VirtualTime e = end_of(iv[i]);
    if (e - s >= w || i + 1 == n) {
      out.push_back(LodPiece{s, e, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + 1), iv[i].state,
                             iv[i].reason, false});
      ++i;
      continue;
    }
    // Merge narrow intervals until the piece is a pixel wide, but stop before a wide interval so that its
    // edges stay where they are.
    auto it =
        std::ranges::lower_bound(iv.begin() + static_cast<long>(i) + 1, iv.end(), s + w, {}, &StateInterval::start);
    std::size_t k = static_cast<std::size_t>(it - iv.begin()) - 1;  // the interval that reaches s + w
    if (k > i && end_of(iv[k]) - iv[k].start >= w) --k;
    std::size_t j = k + 1;
    auto a = sums_to(i);
    auto b = sums_to(j);
    std::size_t best = 0;
    for (std::size_t st = 1; st < static_cast<std::size_t>(kGStateCount); ++st)
      if (b[st] - a[st] > b[best] - a[best]) best = st;
    LodPiece p{s,
               end_of(iv[k]),
               static_cast<std::uint32_t>(i),
               static_cast<std::uint32_t>(j),
               static_cast<GState>(best),
               WaitReason::None,
               j - i > 1};
    if (p.state == GState::Blocked || p.state == GState::Sleeping) {
      for (std::size_t q = i; q < j && q < i + 16; ++q) {
        if (iv[q].state == p.state) {
          p.reason = iv[q].reason;
          break;
        }
      }
    } else if (!p.mixed) {
      p.reason = iv[i].reason;
    }
    out.push_back(p);
    i = j;
  }
}

// [SECTION] Processor lanes -----------------------------------------------------------------------------

void TraceModel::proc_start(int p, GoroutineId g, VirtualTime t) {
  if (procs_.size() <= static_cast<std::size_t>(p)) procs_.resize(static_cast<std::size_t>(p) + 1);
  ProcLane& pl = procs_[static_cast<std::size_t>(p)];
  if (pl.current == g) return;
  if (pl.current != kNoGoroutine) proc_stop(p, t);
  pl.spans.push_back(ProcSpan{t, kOpenEnd, g});
  pl.current = g;
}

void TraceModel::proc_stop(int p, VirtualTime t) {
  if (procs_.size() <= static_cast<std::size_t>(p)) return;
  ProcLane& pl = procs_[static_cast<std::size_t>(p)];
  if (pl.current == kNoGoroutine) return;
  ProcSpan& s = pl.spans.back();
  if (s.start == t) {
    pl.spans.pop_back();  // zero length: drop it
  } else {
    s.end = t;
    pl.busy_cum.push_back(pl.busy_cum.back() + (t - s.start));
  }
  pl.current = kNoGoroutine;
}

void TraceModel::processor_lod(int p, VirtualTime t0, VirtualTime t1, double ns_per_px,
                               std::vector<ProcPiece>& out) const {
  out.clear();
  if (p < 0 || static_cast<std::size_t>(p) >= procs_.size()) return;
  const ProcLane& pl = procs_[static_cast<std::size_t>(p)];
  const auto& sp = pl.spans;
  const std::size_t n = sp.size();
  const auto w = static_cast<Duration>(std::max(1.0, ns_per_px));
  const std::size_t closed = pl.busy_cum.size() - 1;
  auto end_of_span = [&](const ProcSpan& s) { return s.end == kOpenEnd ? end_time_ : s.end; };
  auto busy_to = [&](std::size_t j) {
    if (j <= closed) return pl.busy_cum[j];
    return pl.busy_cum[closed] + (end_time_ - sp[closed].start);
  };
  auto it0 = std::ranges::upper_bound(sp, t0, {}, &ProcSpan::start);
  std::size_t i = it0 == sp.begin() ? 0 : static_cast<std::size_t>(it0 - sp.begin()) - 1;
  while (i < n && sp[i].start < t1) {
    VirtualTime s = sp[i].start;
    VirtualTime e = end_of_span(sp[i]);
    if (e <= t0) {
      ++i;
      continue;
    }
    if (e - s >= w || i + 1 == n) {
      out.push_back(ProcPiece{s, e, sp[i].g, false, 1.0f});
      ++i;
      continue;
    }
    // Spans have gaps (idle time): merge every span that starts within this pixel.
    auto it = std::ranges::lower_bound(sp.begin() + static_cast<long>(i) + 1, sp.end(), s + w, {}, &ProcSpan::start);
    std::size_t j = static_cast<std::size_t>(it - sp.begin());
    VirtualTime pe = std::max(s + w, end_of_span(sp[j - 1]));
    if (j - 1 > i && end_of_span(sp[j - 1]) - sp[j - 1].start >= w) {  // keep a wide last span on its own
      --j;
      pe = std::max(s + w, end_of_span(sp[j - 1]));
      pe = std::min(pe, sp[j].start);
    }
    GoroutineId g = sp[i].g;
    bool mixed = false;
    for (std::size_t q = i + 1; q < j; ++q) {
      if (sp[q].g != g || q > i + 64) {
        mixed = true;
        break;
      }
    }
    float busy = static_cast<float>(busy_to(j) - busy_to(i)) / static_cast<float>(std::max<Duration>(1, pe - s));
    out.push_back(ProcPiece{s, pe, mixed ? kNoGoroutine : g, mixed, std::min(1.0f, busy)});
    i = j;
  }
}

// [SECTION] Objects and counters ------------------------------------------------------------------------

std::size_t TraceModel::object_count() const {
  if (!rec_ || rec_->objects().empty()) return 0;
  return rec_->objects().size() - 1;
}

std::string_view TraceModel::object_name(ObjectId o) const {
  if (!rec_ || o == kNoObject || o >= rec_->objects().size()) return {};
  return rec_->objects()[o].name;
}

ObjectKind TraceModel::object_kind(ObjectId o) const {
  if (!rec_ || o == kNoObject || o >= rec_->objects().size()) return ObjectKind::Variable;
  return rec_->objects()[o].kind;
}

std::int64_t TraceModel::object_capacity(ObjectId o) const {
  if (!rec_ || o == kNoObject || o >= rec_->objects().size()) return 0;
  return rec_->objects()[o].capacity;
}

std::string TraceModel::object_label(ObjectId o) const {
  return interleave::object_label(object_name(o), object_kind(o), o);
}

const CounterSeries* TraceModel::counter(ObjectId o, CounterKind k) const {
  if (o >= counter_index_.size()) return nullptr;
  int idx = counter_index_[o][static_cast<std::size_t>(k) % kCounterKindCount];
  return idx < 0 ? nullptr : &counters_[static_cast<std::size_t>(idx)];
}

std::int64_t CounterSeries::value_at(VirtualTime t) const {
  auto it = std::ranges::upper_bound(points, t, {}, &CounterPoint::time);
  return it == points.begin() ? 0 : std::prev(it)->value;
}

void TraceModel::counter_lod(const CounterSeries& s, VirtualTime t0, VirtualTime t1, double ns_per_px,
                             std::vector<CounterColumn>& out) {
  out.clear();
  const auto& pts = s.points;
  if (pts.empty() || t1 <= t0) return;
  const double w = std::max(1.0, ns_per_px);
  auto it = std::ranges::upper_bound(pts, t0, {}, &CounterPoint::time);
  std::size_t i = static_cast<std::size_t>(it - pts.begin());
  std::int64_t cur = i == 0 ? 0 : pts[i - 1].value;
  double col_start = static_cast<double>(t0);
  while (col_start < static_cast<double>(t1)) {
    auto a = static_cast<VirtualTime>(col_start);
    auto b = static_cast<VirtualTime>(col_start + w);
    if (i >= pts.size() || pts[i].time >= b) {
      // No change inside this column: extend it up to the column holding the next change.
      VirtualTime next = i < pts.size() ? std::min(pts[i].time, t1) : t1;
      double cols = std::max(1.0, std::floor((static_cast<double>(next) - col_start) / w));
      b = static_cast<VirtualTime>(col_start + cols * w);
      if (!out.empty() && out.back().lo == cur && out.back().hi == cur) {
        out.back().end = b;
      } else {
        out.push_back(CounterColumn{a, b, cur, cur, cur});
      }
      col_start += cols * w;
      continue;
    }
    CounterColumn c{a, b, cur, cur, cur};
    while (i < pts.size() && pts[i].time < b) {
      cur = pts[i].value;
      c.lo = std::min(c.lo, cur);
      c.hi = std::max(c.hi, cur);
      ++i;
    }
    c.last = cur;
    out.push_back(c);
    col_start += w;
  }
}

// [SECTION] Holders and the wait-for graph --------------------------------------------------------------

void TraceModel::holders_at(ObjectId o, VirtualTime t, std::vector<GoroutineId>& out) const {
  out.clear();
  if (o >= holds_.size()) return;
  const HoldHistory& h = holds_[o];
  auto it = std::ranges::upper_bound(h.snaps, t, {}, &HoldSnapshot::time);
  if (it == h.snaps.begin()) return;
  const HoldSnapshot& s = *std::prev(it);
  out.assign(h.pool.begin() + s.offset, h.pool.begin() + s.offset + s.count);
}

WaitGraph TraceModel::wait_for(VirtualTime t) const {
  WaitGraph graph;
  const std::size_t n = goroutine_count();
  std::vector<std::vector<GoroutineId>> next(n + 1);  // goroutine -> goroutines it waits for
  for (GoroutineId g = 1; g <= n; ++g) {
    const StateInterval* iv = state_at(g, t);
    if (!iv || iv->state != GState::Blocked) continue;
    WaitEdge e;
    e.waiter = g;
    e.object = iv->object;
    e.reason = iv->reason;
    holders_at(iv->object, t, e.holders);
    for (GoroutineId h : e.holders)
      if (h <= n) next[g].push_back(h);
    graph.edges.push_back(std::move(e));
  }
  // Tarjan's strongly connected components over the goroutine graph.
  std::vector<int> index(n + 1, -1), low(n + 1, 0), comp(n + 1, -1);
  std::vector<bool> on_stack(n + 1, false);
  std::vector<GoroutineId> stack;
  int counter = 0, comps = 0;
  std::function<void(GoroutineId)> visit = [&](GoroutineId v) {
    index[v] = low[v] = counter++;
    stack.push_back(v);
    on_stack[v] = true;
    for (GoroutineId w : next[v]) {
      if (index[w] < 0) {
        visit(w);
        low[v] = std::min(low[v], low[w]);
      } else if (on_stack[w]) {
        low[v] = std::min(low[v], index[w]);
      }
    }
    if (low[v] == index[v]) {
      std::vector<GoroutineId> members;
      GoroutineId w;
      do {
        w = stack.back();
        stack.pop_back();
        on_stack[w] = false;
        comp[w] = comps;
        members.push_back(w);
      } while (w != v);
      bool self_loop = std::ranges::find(next[v], v) != next[v].end();
      if (members.size() > 1 || self_loop) {
        std::ranges::sort(members);
        graph.cycles.push_back(std::move(members));
      }
      ++comps;
    }
  };
  for (GoroutineId g = 1; g <= n; ++g)
    if (!next[g].empty() && index[g] < 0) visit(g);
  for (WaitEdge& e : graph.edges) {
    for (GoroutineId h : e.holders)  // an edge inside a strongly connected set closes a cycle
      if (h <= n && comp[h] == comp[e.waiter]) e.in_cycle = true;
  }
  return graph;
}

std::size_t TraceModel::first_flow_at(VirtualTime t) const {
  return static_cast<std::size_t>(std::ranges::lower_bound(flows_, t, {}, &Flow::time) - flows_.begin());
}

// [SECTION] Formatting ----------------------------------------------------------------------------------

}  // namespace interleave

namespace interleave {

std::string_view TraceModel::doing_at(GoroutineId g, VirtualTime t) const {
  if (g >= labels_.size()) return {};
  const auto& marks = labels_[g];
  // The last label set at or before t (several at one instant: the last of them).
  auto it =
      std::upper_bound(marks.begin(), marks.end(), t, [](VirtualTime v, const LabelMark& m) { return v < m.time; });
  if (it == marks.begin()) return {};
  return label_text(std::prev(it)->id);
}

}  // namespace interleave
