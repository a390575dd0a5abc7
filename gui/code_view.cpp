// code_view.cpp — source text with per-line goroutine markers.
#include "gui/code_view.h"

#include <algorithm>

#include "gui/run_controller.h"

namespace interleave::gui {

namespace {
bool same_file(std::string_view recorded, std::string_view source_file) {
  if (source_file.empty()) return false;
  if (recorded.size() < source_file.size()) return false;
  if (recorded.substr(recorded.size() - source_file.size()) != source_file) return false;
  return recorded.size() == source_file.size() || recorded[recorded.size() - source_file.size() - 1] == '/';
}
}  // namespace

void CodeView::draw(RunController& run, ViewState& vs) {
  if (!run.has_run()) {
    ImGui::TextDisabled("No run.");
    return;
  }
  const TraceModel& m = run.model();
  const engine::Program& program = run.session().program();
  const std::vector<std::string> files = program.source_files();
  const std::string source_file = files.empty() ? std::string() : files.front();
  if (source_file != file_) {
    file_ = source_file;
    lines_.clear();
    std::string_view text = program.source_text(file_);
    while (!text.empty()) {
      auto nl = text.find('\n');
      lines_.push_back(text.substr(0, nl));
      if (nl == std::string_view::npos) break;
      text.remove_prefix(nl + 1);
    }
    last_scrolled_ = 0;
  }
  if (lines_.empty()) {
    ImGui::TextDisabled("The source of %s is not embedded in this build.", file_.c_str());
    return;
  }
  // Where is everyone at the cursor?
  markers_.clear();
  const auto& locs = m.recorder()->srclocs();
  std::uint32_t selected_line = 0;
  for (GoroutineId g = 1; g <= m.goroutine_count(); ++g) {
    const StateInterval* iv = m.state_at(g, vs.cursor);
    if (!iv || iv->state == GState::Done || iv->srcloc == 0 || iv->srcloc >= locs.size()) continue;
    if (!same_file(locs[iv->srcloc].file, file_)) continue;
    markers_[locs[iv->srcloc].line].push_back(g);
    if (g == vs.selected_g) selected_line = locs[iv->srcloc].line;
  }
  ImGui::TextDisabled("%s  (markers: where each goroutine is at %s)", file_.c_str(), format_time(vs.cursor).c_str());
  ImGui::PushFont(vs.fonts.mono);
  ImGui::BeginChild("code", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  const float line_h = ImGui::GetTextLineHeightWithSpacing();
  // Keep the selected goroutine's line (or else the first marked line) in view when it moves.
  std::uint32_t want = selected_line ? selected_line : (markers_.empty() ? 0 : markers_.begin()->first);
  if (want && (want != last_scrolled_ || vs.selected_g != last_selected_)) {
    float y = (static_cast<float>(want) - 1) * line_h;
    float top = ImGui::GetScrollY(), h = ImGui::GetWindowHeight();
    if (y < top + line_h || y > top + h - 3 * line_h) ImGui::SetScrollY(std::max(0.0f, y - h * 0.35f));
    last_scrolled_ = want;
    last_selected_ = vs.selected_g;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float digits_w = ImGui::CalcTextSize("0000 ").x;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(lines_.size()), line_h);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      auto line = static_cast<std::uint32_t>(i + 1);
      ImVec2 p = ImGui::GetCursorScreenPos();
      auto it = markers_.find(line);
      if (line == selected_line)
        dl->AddRectFilled(p, ImVec2(p.x + ImGui::GetWindowWidth() + ImGui::GetScrollX(), p.y + line_h),
                          ImGui::GetColorU32(ImGuiCol_FrameBgHovered));
      else if (it != markers_.end())
        dl->AddRectFilled(p, ImVec2(p.x + ImGui::GetWindowWidth() + ImGui::GetScrollX(), p.y + line_h),
                          ImGui::GetColorU32(ImGuiCol_FrameBg));
      ImGui::TextDisabled("%4u", line);
      ImGui::SameLine(digits_w);
      std::string_view text = lines_[static_cast<std::size_t>(i)];
      ImGui::TextUnformatted(text.data(), text.data() + text.size());
      if (it == markers_.end()) continue;
      // The markers: one chip per goroutine, in its state colour, right-aligned at the pane's visible edge
      // so that long lines never push them out of view.
      const auto& gs = it->second;
      // Several goroutines of one role on a line: one role label, then short chips ("#0", "#3").
      bool compact = gs.size() > 2;
      std::string_view role = m.role_of(gs.front());
      for (GoroutineId g : gs)
        if (m.role_of(g) != role) compact = false;
      std::size_t shown = std::min<std::size_t>(gs.size(), compact ? 8 : 3);
      float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x - 4 * vs.scale;
      float chip_y = p.y;
      if (gs.size() > shown) {
        std::string more = "+" + std::to_string(gs.size() - shown);
        ImVec2 ts = ImGui::CalcTextSize(more.c_str());
        right -= ts.x + 6 * vs.scale;
        dl->AddRectFilled(ImVec2(right, chip_y), ImVec2(right + ts.x + 6 * vs.scale, chip_y + ts.y + 1),
                          ImGui::GetColorU32(ImGuiCol_FrameBg), 4.0f * vs.scale);
        dl->AddText(ImVec2(right + 3 * vs.scale, chip_y), ImGui::GetColorU32(ImGuiCol_Text), more.c_str());
        right -= 4 * vs.scale;
      }
      for (std::size_t k = shown; k-- > 0;) {
        GoroutineId g = gs[k];
        const StateInterval* iv = m.state_at(g, vs.cursor);
        ImU32 col = state_color(iv->state, iv->reason);
        std::string name(m.name(g));
        if (compact && name.size() > role.size()) name = name.substr(role.size());
        ImVec2 ts = ImGui::CalcTextSize(name.c_str());
        ImVec2 c(right - ts.x - 10 * vs.scale, chip_y);
        ImVec2 c1(right, chip_y + ts.y + 1);
        dl->AddRectFilled(c, c1, col, 4.0f * vs.scale);
        dl->AddRect(c, c1, g == vs.selected_g ? ImGui::GetColorU32(ImGuiCol_Text) : IM_COL32(0, 0, 0, 90),
                    4.0f * vs.scale, 0, g == vs.selected_g ? 2.0f : 1.0f);
        dl->AddText(ImVec2(c.x + 5 * vs.scale, c.y), text_on(col), name.c_str());
        if (ImGui::IsMouseHoveringRect(c, c1) && ImGui::IsWindowHovered()) {
          ImGui::SetTooltip("%s\n%s", m.label(g).c_str(), state_text(iv->state, iv->reason).c_str());
          if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) vs.selected_g = g;
        }
        right = c.x - 4 * vs.scale;
      }
      if (compact) {  // the role's name in front of its chips
        std::string r(role);
        ImVec2 ts = ImGui::CalcTextSize(r.c_str());
        ImVec2 c(right - ts.x - 8 * vs.scale, chip_y);
        dl->AddRectFilled(c, ImVec2(right, chip_y + ts.y + 1), ImGui::GetColorU32(ImGuiCol_FrameBg), 4.0f * vs.scale);
        dl->AddText(ImVec2(c.x + 4 * vs.scale, c.y), ImGui::GetColorU32(ImGuiCol_Text), r.c_str());
      }
    }
  }
  ImGui::EndChild();
  ImGui::PopFont();
}

}  // namespace interleave::gui
