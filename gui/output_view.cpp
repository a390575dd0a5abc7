// output_view.cpp — the program's writes, row by row, following the time cursor.
#include "gui/output_view.h"

#include <algorithm>
#include <string>

#include "gui/run_controller.h"
#include "scenarios/engine/program.h"

namespace interleave::gui {

void OutputIndex::update(const RunController& run) {
  if (!run.has_run()) {
    by_g_.clear();
    seen_ = 0;
    return;
  }
  const auto& writes = run.session().output();
  if (run.generation() != generation_ || writes.size() < seen_) {
    by_g_.clear();
    seen_ = 0;
    generation_ = run.generation();
  }
  for (; seen_ < writes.size(); ++seen_) {
    const engine::OutputWrite& w = writes[seen_];
    if (by_g_.size() <= w.g) by_g_.resize(w.g + 1);
    by_g_[w.g].push_back(w.time);  // a run only ever appends, in time order
  }
}

const std::vector<VirtualTime>& OutputIndex::times(GoroutineId g) const {
  static const std::vector<VirtualTime> none;
  return g < by_g_.size() ? by_g_[g] : none;
}

void OutputView::draw(RunController& run, ViewState& vs) {
  if (!run.has_run()) {
    ImGui::TextDisabled("No run.");
    return;
  }
  const auto& writes = run.session().output();
  const TraceModel& m = run.model();
  // Rows at or before the cursor: what the program has printed by then.
  auto upto = static_cast<std::size_t>(
      std::upper_bound(writes.begin(), writes.end(), vs.cursor,
                       [](VirtualTime t, const engine::OutputWrite& w) { return t < w.time; }) -
      writes.begin());
  vs.report.output_rows = static_cast<int>(writes.size());
  vs.report.output_shown = static_cast<int>(upto);
  if (upto > 0) {
    const std::string& last = writes[upto - 1].text;
    vs.report.output_last = last.substr(0, last.find('\n'));  // its first line
  }
  if (writes.empty()) {
    ImGui::TextDisabled(run.session().program().kind() == "go" ? "Nothing written yet."
                                                               : "This program does not print.");
    return;
  }
  ImGui::TextDisabled("%zu of %zu writes by %s (click a row to move the cursor there)", upto, writes.size(),
                      format_time(vs.cursor).c_str());
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("output", 3, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("time", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("000.000ms ").x);
  ImGui::TableSetupColumn("goroutine", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("main.worker (g00) ").x);
  ImGui::TableSetupColumn("text", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  const std::size_t current = upto == 0 ? 0 : upto - 1;
  const bool scroll = upto > 0 && current != last_shown_;
  last_shown_ = upto > 0 ? current : ~std::size_t{0};
  const ImU32 stderr_col = IM_COL32(230, 90, 80, 255);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(writes.size()));
  if (scroll) clipper.ForceDisplayRangeByIndices(static_cast<int>(current), static_cast<int>(current) + 1);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const auto idx = static_cast<std::size_t>(i);
      const engine::OutputWrite& w = writes[idx];
      const bool shown = idx < upto;
      ImGui::TableNextRow();
      if (upto > 0 && idx == current)
        ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(ImGuiCol_FrameBgHovered));
      ImGui::TableNextColumn();
      if (!shown) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
      ImGui::PushID(i);
      std::string t = format_time(w.time);
      if (ImGui::Selectable(t.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) {
        vs.cursor = w.time;
        vs.follow = false;
        if (w.g != kNoGoroutine) vs.selected_g = w.g;
      }
      ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
      vs.targets["output:" + std::to_string(i + 1)] = ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
      ImGui::PopID();
      ImGui::TableNextColumn();
      std::string who = w.g == kNoGoroutine ? std::string("-") : m.label(w.g);  // "main.worker (g3)"
      ImGui::TextUnformatted(who.c_str());
      ImGui::TableNextColumn();
      ImGui::PushFont(vs.fonts.mono);
      std::string text = w.text;
      while (!text.empty() && text.back() == '\n') text.pop_back();
      if (w.to_stderr && shown) ImGui::PushStyleColor(ImGuiCol_Text, stderr_col);
      ImGui::TextUnformatted(text.c_str());
      if (w.to_stderr && shown) ImGui::PopStyleColor();
      ImGui::PopFont();
      if (!shown) ImGui::PopStyleColor();
      if (scroll && idx == current) ImGui::SetScrollHereY(0.7f);
    }
  }
  ImGui::EndTable();
}

}  // namespace interleave::gui
