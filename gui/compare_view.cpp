// compare_view.cpp — two runs side by side (see compare_view.h).
#include "gui/compare_view.h"

#include <algorithm>

#include "gui/run_controller.h"
#include "runtime/trace.h"

namespace interleave::gui {

namespace {

// What an event says, in names rather than ids, so two programs that behave alike compare equal.
std::string describe(const TraceModel& m, const Event& e) {
  switch (e.type) {
    case EventType::GoCreate: return m.label(static_cast<GoroutineId>(e.value)) + " started " + m.label(e.g);
    case EventType::State: {
      std::string s = m.label(e.g) + " " + state_text(e.state(), e.reason());
      if (e.object) s += " on " + m.object_label(e.object);
      return s;
    }
    case EventType::ObjCreate: return m.object_label(e.object) + " created";
    case EventType::Counter: {
      static constexpr const char* kWhat[kCounterKindCount] = {"length", "value", "waiters", "holders"};
      const char* what = e.a < kCounterKindCount ? kWhat[e.a] : "counter";
      return m.object_label(e.object) + " " + what + " " + std::to_string(e.value);
    }
    case EventType::Wake:
      return (e.g ? m.label(e.g) : std::string("a timer")) + " woke " + m.label(static_cast<GoroutineId>(e.value));
    case EventType::ChanMatch:
      return m.label(e.g) + " handed a value to " + m.label(static_cast<GoroutineId>(e.value)) + " through " +
             m.object_label(e.object);
    case EventType::Note: return "note " + std::to_string(e.value);
    case EventType::RunEnd: return "run ended: " + std::string(to_string(static_cast<Outcome>(e.a)));
    case EventType::Decision: break;
  }
  return {};
}

// The next compared event at or after index i (scheduling decisions are skipped), or n.
std::size_t next_compared(const TraceRecorder& r, std::size_t i, std::size_t n) {
  while (i < n && r[i].type == EventType::Decision) ++i;
  return i;
}

std::string run_title(RunController& r) {
  std::string s = r.path().filename().string();
  if (r.has_run()) s += "  \xC2\xB7  " + r.config().policy + " seed " + std::to_string(r.config().seed);
  const RunEndInfo& re = r.model().run_end();
  if (re.ended) s += "  \xC2\xB7  " + std::string(to_string(re.outcome)) + " at " + format_time(re.time);
  return s;
}

}  // namespace

void compare_runs(const TraceModel& a, bool a_ended, const TraceModel& b, bool b_ended, DivergenceScan& scan,
                  Divergence& d) {
  if (!d.identical || !a.recorder() || !b.recorder()) return;
  const TraceRecorder& ra = *a.recorder();
  const TraceRecorder& rb = *b.recorder();
  const std::size_t na = a.consumed(), nb = b.consumed();
  for (;; ++scan.k) {
    scan.i = next_compared(ra, scan.i, na);
    scan.j = next_compared(rb, scan.j, nb);
    const bool more_a = scan.i < na, more_b = scan.j < nb;
    if (!more_a || !more_b) {
      // One run has no event yet to compare: a difference only once it has ended and the other has not.
      if (more_a == more_b || (more_a ? !b_ended : !a_ended)) return;
      d.identical = false;
      d.event = scan.k;
      if (more_a) d.a = describe(a, ra[scan.i]), d.time = ra[scan.i].time;
      if (more_b) d.b = describe(b, rb[scan.j]), d.time = rb[scan.j].time;
      return;
    }
    const Event& ea = ra[scan.i];
    const Event& eb = rb[scan.j];
    std::string da = describe(a, ea), db = describe(b, eb);
    if (ea.time != eb.time || ea.type != eb.type || da != db) {
      d.identical = false;
      d.event = scan.k;
      d.time = std::min(ea.time, eb.time);
      d.a = std::move(da);
      d.b = std::move(db);
      return;
    }
    ++scan.i;
    ++scan.j;
  }
}

bool CompareView::open_seed(const RunController& a, std::uint64_t seed) {
  error_.clear();
  auto b = std::make_unique<RunController>();
  if (a.path().empty() || !b->open(a.path())) {
    error_ = a.path().empty() ? "the run has no scenario file to compare with" : b->error();
    return false;
  }
  b->config() = a.config();
  b->config().seed = seed;
  b->config().replay.clear();
  b->apply_config();
  b_ = std::move(b);
  scan_ = {};
  div_ = {};
  return true;
}

bool CompareView::open_file(const std::filesystem::path& path) {
  error_.clear();
  auto b = std::make_unique<RunController>();
  if (!b->open(path)) {
    error_ = b->error();
    return false;
  }
  b_ = std::move(b);
  scan_ = {};
  div_ = {};
  return true;
}

void CompareView::close() { b_.reset(); }

void CompareView::follow(RunController& a, double budget_ms) {
  if (!b_ || !a.has_run() || !b_->has_run()) return;
  b_->playing = false;  // B never plays on its own: it follows A's clock
  if (a.finished())
    b_->run_to_end(budget_ms);
  else if (b_->play_time() < a.play_time() && !b_->finished())
    b_->run_to_time(a.play_time());
  // Each event is compared once; a run that starts over (restart, rewind, reload) starts the comparison over.
  if (a.generation() != gen_a_ || b_->generation() != gen_b_) {
    scan_ = {};
    div_ = {};
    gen_a_ = a.generation();
    gen_b_ = b_->generation();
  }
  compare_runs(a.model(), a.finished(), b_->model(), b_->finished(), scan_, div_);
}

std::string CompareView::summary() const {
  if (!b_) return {};
  if (div_.identical) return "identical so far";
  return "differ at " + format_time(div_.time) + ": A " + (div_.a.empty() ? "(ended)" : div_.a) + " | B " +
         (div_.b.empty() ? "(ended)" : div_.b);
}

void CompareView::header(const char* tag, RunController& r, ImU32 color, ViewState& vs) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextUnformatted(tag);
  ImGui::PopStyleColor();
  ImGui::SameLine(0, 8 * vs.scale);
  ImGui::TextUnformatted(run_title(r).c_str());
}

void CompareView::draw(RunController& a, TimelineView& ta, ViewState& vs) {
  if (!b_) return ta.draw(a, vs);
  // One time axis: fit both runs, then draw each without refitting to its own end.
  const bool fit = vs.fit;
  if (fit) vs.fit_to(std::max<VirtualTime>({a.model().end_time(), b_->model().end_time(), 1}));
  vs.fit = false;
  const double t0 = vs.t0, t1 = vs.t1;
  std::optional<TimelineView::Mark> mark;
  if (!div_.identical && (!div_.a.empty() || !div_.b.empty()))
    mark = TimelineView::Mark{div_.time, "runs differ from here"};
  ta.mark = tb_.mark = mark;

  const ImU32 col_a = IM_COL32(120, 200, 255, 255), col_b = IM_COL32(255, 190, 90, 255);
  if (ImGui::SmallButton("Stop comparing")) {
    vs.fit = fit;
    ta.mark.reset();
    close();
    return ta.draw(a, vs);
  }
  ImGui::SameLine();
  std::string s = summary();
  ImGui::TextWrapped("%s", s.c_str());
  vs.report.compare = s;

  const float gap = 4 * vs.scale;
  const float h = std::max(2 * ImGui::GetFrameHeight(), (ImGui::GetContentRegionAvail().y - gap) * 0.5f);
  ImGui::BeginChild("compare_a", ImVec2(0, h), false, ImGuiWindowFlags_NoScrollbar);
  header("A", a, col_a, vs);
  ta.draw(a, vs);
  ImGui::EndChild();
  ImGui::Dummy(ImVec2(0, gap));
  ImGui::BeginChild("compare_b", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollbar);
  header("B", *b_, col_b, vs);
  tb_.draw(*b_, vs);
  ImGui::EndChild();
  // Keep fitting as the runs grow, unless a drag or zoom in either view moved the window.
  vs.fit = fit && vs.t0 == t0 && vs.t1 == t1;
}

}  // namespace interleave::gui
