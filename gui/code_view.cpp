// code_view.cpp — source text with per-line goroutine markers.
#include "gui/code_view.h"

#include <algorithm>
#include <cmath>

#include "gui/run_controller.h"

namespace interleave::gui {

namespace {
// Whether `b` ends with `a` at a path boundary ("/src/x/prog.go" ends with "x/prog.go").
bool ends_with_path(std::string_view b, std::string_view a) {
  if (a.empty() || b.size() < a.size() || b.substr(b.size() - a.size()) != a) return false;
  return b.size() == a.size() || b[b.size() - a.size() - 1] == '/';
}
// Whether a recorded source location names the file shown. Either may be the longer: the runtime records
// paths under the source tree relative to it (scheduler.cpp's relative_path), so a Go program opened by its
// absolute path is recorded as "scenarios/go/prog.go" while the program calls itself by the whole path.
bool same_file(std::string_view recorded, std::string_view source_file) {
  return ends_with_path(recorded, source_file) || ends_with_path(source_file, recorded);
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
  for (const auto& [line, gs] : markers_)
    for (GoroutineId g : gs)
      vs.report.code_lines +=
          (vs.report.code_lines.empty() ? "" : " ") + std::to_string(line) + ":" + std::string(m.name(g));
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
  // Each line: a gutter with the markers of the goroutines there, the line number, then the text, so a
  // marker never covers the line it marks.
  const float pad = 3 * vs.scale;
  const float chip_w = ImGui::CalcTextSize("#00").x + 2 * pad;
  const float more_w = ImGui::CalcTextSize("+9").x + 2 * pad;
  const float gutter_w = 2 * chip_w + more_w + 3 * pad;
  const float digits_w = ImGui::CalcTextSize("0000 ").x;
  const float text_x = gutter_w + digits_w;
  const float char_w = ImGui::CalcTextSize("0").x;
  vs.report.code_columns = std::floor((ImGui::GetWindowContentRegionMax().x - text_x) / char_w);
  vs.report.font_px = ImGui::GetFontSize();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(lines_.size()), line_h);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      auto line = static_cast<std::uint32_t>(i + 1);
      ImVec2 p = ImGui::GetCursorScreenPos();
      auto it = markers_.find(line);
      if (line == selected_line)
        dl->AddRectFilled(ImVec2(p.x + gutter_w, p.y),
                          ImVec2(p.x + ImGui::GetWindowWidth() + ImGui::GetScrollX(), p.y + line_h),
                          ImGui::GetColorU32(ImGuiCol_FrameBgHovered));
      else if (it != markers_.end())
        dl->AddRectFilled(ImVec2(p.x + gutter_w, p.y),
                          ImVec2(p.x + ImGui::GetWindowWidth() + ImGui::GetScrollX(), p.y + line_h),
                          ImGui::GetColorU32(ImGuiCol_FrameBg));
      ImGui::SetCursorScreenPos(ImVec2(p.x + gutter_w, p.y));
      ImGui::TextDisabled("%4u", line);
      ImGui::SameLine(text_x);
      std::string_view text = lines_[static_cast<std::size_t>(i)];
      ImGui::TextUnformatted(text.data(), text.data() + text.size());
      const ImVec2 text_min = ImGui::GetItemRectMin(), text_max = ImGui::GetItemRectMax();
      if (it == markers_.end()) continue;
      // The markers: one chip per goroutine in its state colour ("#3" for a member of a role, else its name),
      // then "+N" for the rest. The tooltip names each in full.
      const auto& gs = it->second;
      const bool scrolled = ImGui::GetScrollX() > 0;  // the gutter scrolls with the text: keep it on screen
      float x = (scrolled ? ImGui::GetWindowPos().x : p.x) + pad;
      const float limit = x + gutter_w - pad;
      std::size_t shown = 0;
      for (GoroutineId g : gs) {
        const StateInterval* iv = m.state_at(g, vs.cursor);
        ImU32 col = state_color(iv->state, iv->reason);
        std::string name(m.name(g));
        std::string_view role = m.role_of(g);
        if (name.size() > role.size() && name.compare(0, role.size(), role) == 0) name = name.substr(role.size());
        // A Go goroutine is named by its function ("main.main.func1"): its last part, or its id ("g3", as
        // the output pane and tooltips label it) when that is too long (the tooltip says the whole name).
        if (name.size() > 4 && name.find('.') != std::string::npos) name = name.substr(name.rfind('.') + 1);
        if (name.size() > 5) name = "g" + std::to_string(g);  // as labels name it: "main.worker (g3)"
        if (name.size() > 5) name = name.substr(0, 5);
        ImVec2 ts = ImGui::CalcTextSize(name.c_str());
        float w = ts.x + 2 * pad;
        bool last = shown + 1 == gs.size();
        if (x + w > limit - (last ? 0 : more_w)) break;
        ImVec2 c(x, p.y), c1(x + w, p.y + ts.y + 1);
        dl->AddRectFilled(c, c1, col, 4.0f * vs.scale);
        dl->AddRect(c, c1, g == vs.selected_g ? ImGui::GetColorU32(ImGuiCol_Text) : IM_COL32(0, 0, 0, 90),
                    4.0f * vs.scale, 0, g == vs.selected_g ? 2.0f : 1.0f);
        dl->AddText(ImVec2(c.x + pad, c.y), text_on(col), name.c_str());
        ++vs.report.markers;
        if (c1.x > text_min.x && c.x < text_max.x && text_max.x > text_min.x) ++vs.report.markers_over_text;
        if (ImGui::IsMouseHoveringRect(c, c1) && ImGui::IsWindowHovered()) {
          ImGui::SetTooltip("%s\n%s", m.label(g).c_str(), state_text(iv->state, iv->reason).c_str());
          if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) vs.selected_g = g;
        }
        x += w + pad;
        ++shown;
      }
      if (shown < gs.size()) {
        std::string more = "+" + std::to_string(gs.size() - shown);
        ImVec2 ts = ImGui::CalcTextSize(more.c_str());
        ImVec2 c(x, p.y), c1(x + ts.x + 2 * pad, p.y + ts.y + 1);
        dl->AddRectFilled(c, c1, ImGui::GetColorU32(ImGuiCol_FrameBg), 4.0f * vs.scale);
        dl->AddText(ImVec2(c.x + pad, c.y), ImGui::GetColorU32(ImGuiCol_Text), more.c_str());
        if (ImGui::IsMouseHoveringRect(c, c1) && ImGui::IsWindowHovered()) {
          std::string all;
          for (GoroutineId g : gs) all += m.label(g) + "\n";
          ImGui::SetTooltip("%s", all.c_str());
        }
      }
    }
  }
  ImGui::EndChild();
  ImGui::PopFont();
}

}  // namespace interleave::gui
