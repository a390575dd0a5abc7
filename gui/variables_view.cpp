// variables_view.cpp — package-level variables and the selected goroutine's locals at the cursor.
#include "gui/variables_view.h"

#include <algorithm>
#include <chrono>
#include <memory>

#include "gui/run_controller.h"

namespace interleave::gui {

void VariablesView::refresh(RunController& run, const ViewState& vs) {
  engine::Session& live = run.session();
  const bool live_here = !run.finished() && vs.cursor >= live.scheduler().now();
  const std::uint64_t live_steps = live_here ? run.steps() : 0;
  if (run.generation() == generation_ && vs.cursor == cursor_ && vs.selected_g == g_ && live_steps == live_steps_)
    return;
  // While the cursor is being dragged through a long run, re-executing on every frame would make the window
  // stutter: a re-execution that took long waits until the cursor has rested a moment.
  const double now = ImGui::GetTime();
  if (!live_here && last_cost_ms_ > 30 && vs.cursor != cursor_ && now - cursor_moved_ < 0.25) {
    if (vs.cursor != pending_cursor_) {
      pending_cursor_ = vs.cursor;
      cursor_moved_ = now;
    }
    return;
  }
  const auto started = std::chrono::steady_clock::now();
  struct Cost {
    std::chrono::steady_clock::time_point t;
    double* out;
    ~Cost() { *out = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count(); }
  } cost{started, &last_cost_ms_};
  pending_cursor_ = vs.cursor;
  cursor_moved_ = now;
  generation_ = run.generation();
  cursor_ = vs.cursor;
  g_ = vs.selected_g;
  live_steps_ = live_steps;
  globals_.clear();
  frames_.clear();
  frames_step_ = 0;
  // Where a goroutine is: the call its last state change happened at, as the trace has it (the code view's
  // line), found from the end of the recording.
  auto line_of = [&](const engine::Session& s) {
    const TraceRecorder& t = s.trace();
    for (std::size_t i = t.size(); i-- > 0;) {
      const Event& e = t[i];
      if (e.type == EventType::State && e.g == g_ && e.srcloc && e.srcloc < t.srclocs().size())
        return static_cast<int>(t.srclocs()[e.srcloc].line);
    }
    return 0;
  };
  auto frames_of = [&](const engine::Session& s) { return s.program_run().goroutine_frames(g_, line_of(s)); };
  auto read = [&](const engine::Session& s) {
    globals_ = s.program_run().package_variables();
    if (g_ != kNoGoroutine) frames_ = frames_of(s);
    at_step_ = s.scheduler().steps();
  };
  if (live_here) {
    replayed_ = false;
    read(live);
    return;
  }
  // Re-execute every step at or before the cursor, following the run's own decisions. A step that moves the
  // clock past the cursor has gone one too far: then the state is the one a step earlier. A run that has
  // ended by the cursor shows its final package variables, and its goroutines as they were at its last step
  // (the end tears them down).
  replayed_ = true;
  engine::RunConfig cfg = live.config();
  cfg.replay = live.trace().decisions();
  cfg.strict_replay = false;
  cfg.policy = cfg.policy == "manual" ? "fifo" : cfg.policy;
  try {
    auto to_step = [&](std::uint64_t n) {
      auto s = std::make_unique<engine::Session>(cfg);
      s->run_until_step(n);
      return s;
    };
    std::unique_ptr<engine::Session> probe;
    const engine::Session* at = &live;  // the ended live run, when the cursor is at or after its end
    if (!run.finished() || vs.cursor < live.scheduler().now()) {
      probe = std::make_unique<engine::Session>(cfg);
      probe->run_until_time(vs.cursor + 1);
      at = probe.get();
    }
    const std::uint64_t n = at->scheduler().steps();
    if (at->scheduler().now() > vs.cursor) {
      read(*to_step(n > 0 ? n - 1 : 0));
    } else {
      read(*at);
      if (frames_.empty() && g_ != kNoGoroutine && at->scheduler().outcome() != Outcome::Running && n > 0) {
        // The end tears the goroutines down: show them as they were a step before it (their lines too, which
        // may be earlier than where the last step left them).
        frames_ = frames_of(*to_step(n - 1));
        frames_step_ = n - 1;
      }
    }
  } catch (const std::exception&) {
    globals_.clear();
    frames_.clear();
  }
}

void VariablesView::draw(RunController& run, ViewState& vs) {
  if (!run.has_run()) {
    ImGui::TextDisabled("No run.");
    return;
  }
  if (run.session().program().kind() != "go") {
    ImGui::TextDisabled("Variables are shown for Go programs.");
    return;
  }
  refresh(run, vs);
  const TraceModel& m = run.model();
  int rows = 0;
  std::string report;
  auto note = [&](const engine::VariableValue& v) {
    if (!report.empty()) report += "; ";
    report += v.name + " = " + v.value;
    ++rows;
  };
  ImGui::TextDisabled("at %s (%s step %llu)%s", format_time(cursor_).c_str(),
                      replayed_ ? "re-executed to" : "live run,", static_cast<unsigned long long>(at_step_),
                      cursor_ != vs.cursor ? "  updating when the cursor rests..." : "");
  ImGui::BeginChild("vars");
  // Names in one column as wide as the longest (within reason), values after them; headings full width.
  ImGui::PushFont(vs.fonts.mono);
  float name_w = ImGui::CalcTextSize("x").x * 4;
  for (const auto& v : globals_) name_w = std::max(name_w, ImGui::CalcTextSize(v.name.c_str()).x);
  for (const auto& f : frames_)
    for (const auto& v : f.vars) name_w = std::max(name_w, ImGui::CalcTextSize(v.name.c_str()).x);
  name_w = std::min(name_w, ImGui::GetContentRegionAvail().x * 0.4f) + ImGui::CalcTextSize("  ").x;
  ImGui::PopFont();
  auto heading = [&](const std::string& text) {
    ImGui::Spacing();
    ImGui::TextColored(ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled), "%s", text.c_str());
    ImGui::Separator();
  };
  auto row = [&](const engine::VariableValue& v) {
    ImGui::PushFont(vs.fonts.mono);
    const float x = ImGui::GetCursorPosX();
    ImGui::TextUnformatted(v.name.c_str());
    ImGui::SameLine(x + name_w);
    ImGui::TextUnformatted(v.value.c_str());
    ImGui::PopFont();
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s %s = %s  (declared at line %d)", v.name.c_str(), v.type.c_str(), v.value.c_str(), v.line);
    note(v);
  };
  heading("package main");
  if (globals_.empty()) ImGui::TextDisabled("(no package-level variables)");
  for (const auto& v : globals_) row(v);
  if (g_ != kNoGoroutine) {
    std::string who(m.name(g_));
    if (frames_step_ && !frames_.empty()) {
      ImGui::Spacing();
      ImGui::TextDisabled("%s as of step %llu: the run's last step ended it", who.c_str(),
                          static_cast<unsigned long long>(frames_step_));
    }
    if (frames_.empty()) {
      heading("goroutine " + who);
      ImGui::TextDisabled("(not running: no frames)");
    }
    for (const auto& f : frames_) {
      heading(who + " in " + f.function + ", line " + std::to_string(f.line));
      report += (report.empty() ? "" : "; ") + f.function + ":" + std::to_string(f.line) + ":";
      if (f.vars.empty()) ImGui::TextDisabled("(no variables in scope)");
      for (const auto& v : f.vars) row(v);
    }
  } else {
    ImGui::Spacing();
    ImGui::TextDisabled("Select a goroutine (click its lane) to see its variables.");
  }
  ImGui::EndChild();
  vs.report.variables = report;
  vs.report.variables_rows = rows;
}

}  // namespace interleave::gui
