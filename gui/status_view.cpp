// status_view.cpp — status bar, help overlay, narration banner.
#include "gui/status_view.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

#include "gui/run_controller.h"
#include "scenarios/engine/analysis.h"

namespace interleave::gui {

namespace {

// The starvation verdict of a finished run, from the model: the longest single blocked interval of the
// variant's starving role against its threshold. Cached per model and event count.
engine::StarvationVerdict starvation_verdict(const engine::Session& session, const TraceModel& m) {
  static const TraceModel* cached_model = nullptr;
  static std::size_t cached_events = 0;
  static engine::StarvationVerdict cached;
  if (!session.program().variant()) return {};  // only catalogue variants name a starving role
  const patterns::Variant& var = *session.program().variant();
  if (var.starvation_role.empty() || var.starvation_threshold <= 0) return {};
  if (cached_model == &m && cached_events == m.consumed() && cached.role == var.starvation_role) return cached;
  engine::StarvationVerdict v;
  v.applies = true;
  v.role = var.starvation_role;
  v.threshold = var.starvation_threshold;
  v.run = m.end_time();
  for (const Role& r : m.roles())
    if (r.name == v.role)
      for (GoroutineId g : r.members)
        for (const StateInterval& iv : m.intervals(g))
          if (iv.state == GState::Blocked) v.longest = std::max(v.longest, m.end_of(iv) - iv.start);
  v.starved = v.longest >= v.threshold;
  cached_model = &m;
  cached_events = m.consumed();
  cached = v;
  return v;
}

}  // namespace

void StatusBar::draw(RunController& run, ViewState& vs, double frame_ms) {
  if (!run.has_run()) {
    ImGui::TextUnformatted("no run");
    return;
  }
  const Scheduler& s = run.session().scheduler();
  const TraceModel& m = run.model();
  Outcome o = s.outcome();
  // A starvation variant that completed: the verdict, as `interleave run` prints it, and not in green.
  engine::StarvationVerdict starving;
  if (o == Outcome::Completed) starving = starvation_verdict(run.session(), m);
  ImVec4 col = starving.starved                                   ? ImVec4(1.0f, 0.62f, 0.2f, 1)
               : o == Outcome::Running || o == Outcome::Completed ? ImVec4(0.3f, 0.8f, 0.35f, 1)
                                                                  : ImVec4(1.0f, 0.35f, 0.3f, 1);
  const char* what =
      o == Outcome::Running ? (run.playing ? "playing" : (run.needs_decision() ? "your move" : "paused")) : nullptr;
  if (what)
    ImGui::TextColored(col, "%s", what);
  else
    ImGui::TextColored(col, "%s", std::string(to_string(o)).c_str());
  if (o != Outcome::Running && o != Outcome::Completed && !s.outcome_message().empty()) {
    ImGui::SameLine();
    ImGui::TextColored(col, "(%s)", s.outcome_message().c_str());
  }
  if (starving.starved) {
    ImGui::SameLine();
    ImGui::TextColored(col, "— %s", engine::format_starvation(starving).c_str());
  }
  ImGui::SameLine(0, 20 * vs.scale);
  ImGui::Text("virtual time %s   cursor %s   step %llu   events %zu   goroutines %zu   %s seed %llu, %d P",
              format_time(s.now()).c_str(), format_time(vs.cursor).c_str(), static_cast<unsigned long long>(s.steps()),
              m.consumed(), m.goroutine_count(),
              std::string(run.session().scheduler().config().processors > 0 ? run.config().policy : "").c_str(),
              static_cast<unsigned long long>(run.config().seed), s.config().processors);
  if (!vs.message.empty() && ImGui::GetTime() - vs.message_time < 8.0) {
    ImGui::SameLine(0, 20 * vs.scale);
    ImGui::TextColored(ImVec4(0.5f, 0.8f, 1.0f, 1), "%s", vs.message.c_str());
  }
  char perf[64];
  std::snprintf(perf, sizeof perf, "%.1f ms/frame   F1: help", frame_ms);
  float w = ImGui::CalcTextSize(perf).x;
  ImGui::SameLine();
  float x = ImGui::GetWindowContentRegionMax().x - w;
  if (ImGui::GetCursorPosX() + 10 < x) {  // only where there is room for it
    ImGui::SameLine(x);
    ImGui::TextDisabled("%s", perf);
  } else {
    ImGui::NewLine();
  }
}

void HelpOverlay::draw(ViewState& vs) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.5f), ImGuiCond_Always,
                          ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowBgAlpha(0.96f);
  if (!ImGui::Begin(
          "Keyboard and mouse", &vs.show_help,
          ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return;
  }
  ImGui::PushFont(vs.fonts.big);
  const char* rows[][2] = {
      {"space", "play / pause"},
      {"\xE2\x86\x92", "one scheduler step (shift: until the selected goroutine changes state)"},
      {"\xE2\x86\x90", "one step back (re-executes the run)"},
      {"F", "fit the whole run"},
      {"+ / -", "zoom in / out around the cursor"},
      {"wheel", "zoom around the mouse (shift+wheel scrolls the lanes)"},
      {"drag", "pan the timeline"},
      {"click", "move the time cursor and select a goroutine"},
      {"R", "restart"},
      {"P", "presenter mode (large, high contrast)"},
      {"F11", "fullscreen"},
      {"F1 or ?", "this help;  Esc closes it and clears the selection"},
  };
  if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_SizingFixedFit)) {
    for (auto& r : rows) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.3f, 1.0f), "%s", r[0]);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r[1]);
    }
    ImGui::EndTable();
  }
  ImGui::PopFont();
  ImGui::End();
}

bool NarrationBanner::draw(RunController& run, ViewState& vs) {
  if (!run.has_run()) return false;
  const auto& notes = run.scenario().lesson.notes;
  const TraceModel& m = run.model();
  const RunEndInfo& re = m.run_end();
  const engine::NarrationNote* best = nullptr;
  VirtualTime best_t = -1;
  for (const auto& n : notes) {
    std::optional<VirtualTime> t = n.at;
    if (!t) {
      if (n.on == "start")
        t = 0;
      else if (n.on == "first_block")
        t = run.first_block();
      else if (re.ended) {
        std::string word = n.on;
        bool match = word == "end" || (word == "deadlock" && re.outcome == Outcome::Deadlock) ||
                     (word == "panic" && (re.outcome == Outcome::Panic || re.outcome == Outcome::Fatal)) ||
                     (word == "invariant_violation" && re.outcome == Outcome::InvariantViolation);
        if (match) t = re.time;
      }
    }
    if (!t || *t > vs.cursor || *t > m.end_time()) continue;
    if (*t >= best_t) {
      best = &n;
      best_t = *t;
    }
  }
  if (!best) return false;
  ImVec4 bg = vs.presenter ? ImVec4(1.0f, 0.93f, 0.6f, 1.0f) : ImVec4(0.22f, 0.2f, 0.08f, 1.0f);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, bg);
  // A short note is a headline; a long one (a paragraph of lesson) in the big font would push the timeline
  // off a projector screen, so it gets the body font and at most three lines, scrolling for the rest.
  bool headline = best->text.size() <= 140;
  ImGui::PushFont(headline ? vs.fonts.big : ImGui::GetFont());
  std::string when = format_time(best_t);
  float wrap =
      ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(when.c_str()).x - 4 * ImGui::GetStyle().WindowPadding.x;
  float pad = 2 * ImGui::GetStyle().WindowPadding.y + 4;
  float h = ImGui::CalcTextSize(best->text.c_str(), nullptr, false, std::max(50.0f, wrap)).y + pad;
  float max_h = 3 * ImGui::GetTextLineHeightWithSpacing() + pad;
  bool scroll = h > max_h;
  if (scroll) h = max_h;
  ImGui::BeginChild("narration", ImVec2(0, h), true, scroll ? 0 : ImGuiWindowFlags_NoScrollbar);
  ImGui::TextColored(vs.presenter ? ImVec4(0.55f, 0.3f, 0.0f, 1.0f) : ImVec4(1.0f, 0.75f, 0.2f, 1.0f), "%s",
                     when.c_str());
  ImGui::SameLine();
  ImGui::TextWrapped("%s", best->text.c_str());
  ImGui::EndChild();
  ImGui::PopFont();
  ImGui::PopStyleColor();
  return true;
}

}  // namespace interleave::gui
