// status_view.cpp — status bar, help overlay, narration banner.
#include "gui/status_view.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

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
  std::string word = what ? what : std::string(to_string(o));
  vs.report.status = word;
  ImGui::TextColored(col, "%s", word.c_str());
  if (o != Outcome::Running && o != Outcome::Completed && !s.outcome_message().empty()) {
    ImGui::SameLine();
    ImGui::TextColored(col, "(%s)", s.outcome_message().c_str());
  }
  if (starving.starved) {
    ImGui::SameLine();
    ImGui::TextColored(col, "— %s", engine::format_starvation(starving).c_str());
  }
  ImGui::SameLine(0, 20 * vs.scale);
  // Who decided: after picks by hand the seed did not, so it is not named.
  std::string who = run.scheduled_by_hand() ? "scheduled by hand (" + std::to_string(run.hand_picks()) + " picks)"
                                            : run.config().policy + " seed " + std::to_string(run.config().seed);
  vs.report.decided_by = who;
  ImGui::Text("virtual time %s   cursor %s   step %llu   events %zu   goroutines %zu   %s, %d P",
              format_time(run.play_time()).c_str(), format_time(vs.cursor).c_str(),
              static_cast<unsigned long long>(s.steps()), m.consumed(), m.goroutine_count(), who.c_str(),
              s.config().processors);
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
      {"[ / ]", "half / double the playback speed"},
      {"N / shift+N", "next / previous lesson note"},
      {"B / shift+B", "next / previous moment a goroutine blocks"},
      {"E / shift+E", "the end of the run (deadlock, violation) / back from it"},
      {"F", "fit the whole run"},
      {"+ / -", "zoom in / out around the cursor"},
      {"wheel", "zoom around the mouse (shift+wheel scrolls the lanes)"},
      {"drag", "pan the timeline"},
      {"click", "move the time cursor and select a goroutine"},
      {"R", "restart"},
      {"P", "presenter mode (large, high contrast)"},
      {"F11", "fullscreen"},
      {"Ctrl+O", "open a scenario, Go program or recording from any folder"},
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
  std::vector<std::size_t> shown = run.notes().showing(vs.cursor);
  if (shown.empty()) return false;
  VirtualTime when_t = 0;
  for (const auto& mo : run.notes().moments())
    if (mo.note == shown.front()) when_t = mo.time;
  // Notes of one instant all show, in order, as one paragraph each.
  std::string text;
  for (std::size_t i : shown) {
    if (!text.empty()) text += "\n";
    text += notes[i].text;
  }
  ImVec4 bg = vs.presenter ? ImVec4(1.0f, 0.93f, 0.6f, 1.0f) : ImVec4(0.22f, 0.2f, 0.08f, 1.0f);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, bg);
  // A short note is a headline; a long one (a paragraph of lesson) in the big font would push the timeline
  // off a projector screen, so it gets the body font and at most three lines, scrolling for the rest.
  bool headline = text.size() <= 140;
  ImGui::PushFont(headline ? vs.fonts.big : ImGui::GetFont());
  std::string when = format_time(when_t);
  float wrap =
      ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(when.c_str()).x - 4 * ImGui::GetStyle().WindowPadding.x;
  float pad = 2 * ImGui::GetStyle().WindowPadding.y + 4;
  float h = ImGui::CalcTextSize(text.c_str(), nullptr, false, std::max(50.0f, wrap)).y + pad;
  float max_h = 3 * ImGui::GetTextLineHeightWithSpacing() + pad;
  bool scroll = h > max_h;
  if (scroll) h = max_h;
  ImGui::BeginChild("narration", ImVec2(0, h), true, scroll ? 0 : ImGuiWindowFlags_NoScrollbar);
  ImGui::TextColored(vs.presenter ? ImVec4(0.55f, 0.3f, 0.0f, 1.0f) : ImVec4(1.0f, 0.75f, 0.2f, 1.0f), "%s",
                     when.c_str());
  ImGui::SameLine();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
  ImGui::PopFont();
  ImGui::PopStyleColor();
  vs.report.narration = text;
  return true;
}

}  // namespace interleave::gui

namespace interleave::gui {

bool GoalBanner::draw(RunController& run, ViewState& vs) {
  if (!run.has_run() || !run.scenario().goal.present) return false;
  const engine::Goal& goal = run.scenario().goal;
  const TraceModel& m = run.model();
  const bool reached = m.run_end().ended && m.run_end().outcome == goal.reach && vs.cursor >= m.run_end().time;
  const std::uint32_t used = run.hand_picks();
  const bool over = goal.decisions > 0 && used > goal.decisions;
  std::string challenge = !goal.text.empty()                ? goal.text
                          : goal.reach == Outcome::Deadlock ? "Goal: schedule it by hand until it deadlocks"
                                                            : "Goal: schedule it by hand until an invariant breaks";
  if (goal.decisions > 0) challenge += " (in at most " + std::to_string(goal.decisions) + " decisions)";
  std::string line;
  ImVec4 bg;
  if (reached && !over && run.scheduled_by_hand()) {
    line = "Goal reached in " + std::to_string(used) + (used == 1 ? " decision" : " decisions") + "!";
    bg = vs.presenter ? ImVec4(0.7f, 0.95f, 0.7f, 1) : ImVec4(0.1f, 0.35f, 0.12f, 1);
  } else if (reached) {
    line = run.scheduled_by_hand()
               ? "Reached, but in " + std::to_string(used) + " decisions: over the budget. R restarts."
               : "The policy got there, not you: tick \"You are the scheduler\" and try.";
    bg = vs.presenter ? ImVec4(1.0f, 0.85f, 0.7f, 1) : ImVec4(0.35f, 0.2f, 0.08f, 1);
  } else if (m.run_end().ended) {
    line = "The run ended without reaching the goal. R restarts.";
    bg = vs.presenter ? ImVec4(1.0f, 0.85f, 0.7f, 1) : ImVec4(0.35f, 0.2f, 0.08f, 1);
  } else {
    line = std::to_string(used) + (used == 1 ? " decision" : " decisions") + " so far" +
           (run.manual() ? "" : "  (tick \"You are the scheduler\" to play)");
    bg = vs.presenter ? ImVec4(0.85f, 0.9f, 1.0f, 1) : ImVec4(0.1f, 0.16f, 0.3f, 1);
  }
  std::string text = challenge + "  \xE2\x80\x94  " + line;
  vs.report.goal = text;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, bg);
  float h = ImGui::GetTextLineHeightWithSpacing() + 2 * ImGui::GetStyle().WindowPadding.y;
  ImGui::BeginChild("goal", ImVec2(0, h), true, ImGuiWindowFlags_NoScrollbar);
  ImGui::TextUnformatted(text.c_str());
  ImGui::EndChild();
  ImGui::PopStyleColor();
  return true;
}

}  // namespace interleave::gui
