// inspector_view.cpp — the selected goroutine's state and history; the selected object's value, owner, waiters.
#include "gui/inspector_view.h"

#include <algorithm>

#include "gui/run_controller.h"

namespace interleave::gui {

namespace {
void chip(ImU32 col, float scale) {
  float sz = ImGui::GetTextLineHeight() * 0.8f;
  ImVec2 p = ImGui::GetCursorScreenPos();
  float pad = (ImGui::GetTextLineHeight() - sz) * 0.5f;
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + pad), ImVec2(p.x + sz, p.y + pad + sz), col, 2.0f);
  ImGui::Dummy(ImVec2(sz, sz));
  ImGui::SameLine(0, 5 * scale);
}

std::string where_text(const TraceModel& m, SrcLocId id) {
  const auto& locs = m.recorder()->srclocs();
  if (id == 0 || id >= locs.size() || locs[id].line == 0) return "?";
  std::string file = locs[id].file;
  auto slash = file.rfind('/');
  if (slash != std::string::npos) file = file.substr(slash + 1);
  return file + ":" + std::to_string(locs[id].line);
}
}  // namespace

void InspectorView::draw(RunController& run, ViewState& vs) {
  if (!run.has_run()) return;
  if (vs.selected_g == kNoGoroutine && vs.selected_obj == kNoObject) {
    ImGui::TextWrapped("Click a goroutine lane, a code marker or a counter row to inspect it here.");
    return;
  }
  if (vs.selected_g != kNoGoroutine) draw_goroutine(run, vs);
  if (vs.selected_obj != kNoObject) {
    if (vs.selected_g != kNoGoroutine) ImGui::Separator();
    draw_object(run, vs);
  }
}

void InspectorView::draw_goroutine(RunController& run, ViewState& vs) {
  const TraceModel& m = run.model();
  const GoroutineId g = vs.selected_g;
  if (g > m.goroutine_count()) return;
  chip(goroutine_color(g), vs.scale);
  ImGui::Text("%s", m.label(g).c_str());
  const GoroutineInfo& info = m.recorder()->goroutines()[g];
  ImGui::TextDisabled("role %s, started by %s at %s (%s)", std::string(m.role_of(g)).c_str(),
                      m.label(info.parent).c_str(), format_time(info.created_time).c_str(),
                      where_text(m, info.created_at).c_str());
  const StateInterval* iv = m.state_at(g, vs.cursor);
  if (!iv) {
    ImGui::TextUnformatted("not started yet at the cursor");
    return;
  }
  chip(state_color(iv->state, iv->reason), vs.scale);
  ImGui::Text("%s since %s (%s) at %s", state_text(iv->state, iv->reason).c_str(), format_time(iv->start).c_str(),
              format_time(vs.cursor - iv->start).c_str(), where_text(m, iv->srcloc).c_str());
  if (std::string_view what = m.doing_at(g, vs.cursor); !what.empty()) {
    ImGui::Text("doing: %.*s", static_cast<int>(what.size()), what.data());
    vs.report.doing = std::string(what);
  }
  if (iv->object) {
    ImGui::Text("waiting on");
    ImGui::SameLine();
    if (ImGui::SmallButton(m.object_label(iv->object).c_str())) vs.selected_obj = iv->object;
    m.holders_at(iv->object, vs.cursor, scratch_);
    if (!scratch_.empty()) {
      ImGui::SameLine();
      ImGui::Text("held by");
      for (GoroutineId h : scratch_) {
        ImGui::SameLine();
        ImGui::PushID(static_cast<int>(h));
        if (ImGui::SmallButton(m.label(h).c_str())) vs.selected_g = h;
        ImGui::PopID();
      }
    }
  }
  // Time in each state, as a bar.
  auto times = m.time_in_states(g, vs.cursor);
  Duration total = 0;
  for (Duration d : times) total += d;
  if (total > 0) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    float w = ImGui::GetContentRegionAvail().x, h = ImGui::GetTextLineHeight() * 0.7f, x = p.x;
    const GState order[] = {GState::Running, GState::Runnable, GState::Blocked, GState::Sleeping};
    for (GState s : order) {
      float sw = w * static_cast<float>(times[static_cast<std::size_t>(s)]) / static_cast<float>(total);
      ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(x, p.y), ImVec2(x + sw, p.y + h),
                                                state_color(s, WaitReason::MutexLock));
      x += sw;
    }
    ImGui::Dummy(ImVec2(w, h + 2));
    for (GState s : order) {
      Duration d = times[static_cast<std::size_t>(s)];
      if (d == 0) continue;
      chip(state_color(s, WaitReason::MutexLock), vs.scale);
      ImGui::Text("%s %s (%.0f%%)", std::string(to_string(s)).c_str(), format_time(d).c_str(),
                  100.0 * static_cast<double>(d) / static_cast<double>(total));
      ImGui::SameLine(0, 12 * vs.scale);
    }
    ImGui::NewLine();
  }
  // State history around the cursor.
  const auto& ivs = m.intervals(g);
  long at = m.interval_index_at(g, vs.cursor);
  ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                          ImGuiTableFlags_SizingStretchProp;
  float hist_h = std::max(ImGui::GetTextLineHeightWithSpacing() * 4, ImGui::GetContentRegionAvail().y * 0.55f);
  if (vs.selected_obj == kNoObject) hist_h = ImGui::GetContentRegionAvail().y;
  if (ImGui::BeginTable("history", 4, flags, ImVec2(0, hist_h))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    const float num_w = ImGui::CalcTextSize("00.000 ms").x;
    ImGui::TableSetupColumn("from", ImGuiTableColumnFlags_WidthFixed, num_w);
    ImGui::TableSetupColumn("for", ImGuiTableColumnFlags_WidthFixed, num_w);
    ImGui::TableSetupColumn("state", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("line", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableHeadersRow();
    const float row_h = ImGui::GetTextLineHeightWithSpacing();
    if (at != last_row_ && at >= 0) {
      ImGui::SetScrollY(std::max(0.0f, (static_cast<float>(at) - 3) * row_h));
      last_row_ = at;
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(ivs.size()), row_h);
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const StateInterval& s = ivs[static_cast<std::size_t>(i)];
        ImGui::TableNextRow();
        if (i == at) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(ImGuiCol_FrameBgHovered));
        ImGui::TableNextColumn();
        ImGui::PushID(i);
        if (ImGui::Selectable(format_time(s.start).c_str(), i == at, ImGuiSelectableFlags_SpanAllColumns)) {
          vs.cursor = s.start;
          vs.follow = false;
        }
        ImGui::PopID();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(s.state == GState::Done ? "" : format_time(m.end_of(s) - s.start).c_str());
        ImGui::TableNextColumn();
        chip(state_color(s.state, s.reason), vs.scale);
        std::string st = state_text(s.state, s.reason);
        if (s.object) st += " " + std::string(m.object_name(s.object));
        ImGui::TextUnformatted(st.c_str());
        ImGui::TableNextColumn();
        const auto& locs = m.recorder()->srclocs();
        if (s.srcloc && s.srcloc < locs.size() && locs[s.srcloc].line) ImGui::Text("line %u", locs[s.srcloc].line);
      }
    }
    ImGui::EndTable();
  }
}

void InspectorView::draw_object(RunController& run, ViewState& vs) {
  const TraceModel& m = run.model();
  const ObjectId o = vs.selected_obj;
  if (o > m.object_count()) return;
  ImGui::Text("%s", m.object_label(o).c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("object %u", o);
  std::int64_t cap = m.object_capacity(o);
  for (int k = 0; k < kCounterKindCount; ++k) {
    auto kind = static_cast<CounterKind>(k);
    if (const CounterSeries* s = m.counter(o, kind)) {
      ImGui::Text("%s: %lld", std::string(to_string(kind)).c_str(), static_cast<long long>(s->value_at(vs.cursor)));
      if (kind == CounterKind::Length && cap > 0) {
        ImGui::SameLine();
        ImGui::Text("of %lld", static_cast<long long>(cap));
      }
      ImGui::SameLine(0, 16 * vs.scale);
    }
  }
  ImGui::NewLine();
  m.holders_at(o, vs.cursor, scratch_);
  if (m.object_kind(o) == ObjectKind::Mutex || m.object_kind(o) == ObjectKind::RWMutex) {
    ImGui::Text("held by:");
    if (scratch_.empty()) {
      ImGui::SameLine();
      ImGui::TextDisabled("nobody");
    }
    for (GoroutineId h : scratch_) {
      ImGui::SameLine();
      ImGui::PushID(static_cast<int>(h));
      if (ImGui::SmallButton(m.label(h).c_str())) vs.selected_g = h;
      ImGui::PopID();
    }
  }
  // Waiters in arrival order: those blocked on it at the cursor, by when they started waiting.
  std::vector<std::pair<VirtualTime, GoroutineId>> waiters;
  for (GoroutineId g = 1; g <= m.goroutine_count(); ++g) {
    const StateInterval* iv = m.state_at(g, vs.cursor);
    if (iv && iv->state == GState::Blocked && iv->object == o) waiters.emplace_back(iv->start, g);
  }
  std::ranges::sort(waiters);
  ImGui::Text("waiters (%zu), first come first:", waiters.size());
  for (std::size_t i = 0; i < waiters.size(); ++i) {
    GoroutineId g = waiters[i].second;
    const StateInterval* iv = m.state_at(g, vs.cursor);
    ImGui::PushID(static_cast<int>(g));
    chip(state_color(iv->state, iv->reason), vs.scale);
    if (ImGui::SmallButton(m.label(g).c_str())) vs.selected_g = g;
    ImGui::SameLine();
    ImGui::TextDisabled("%s since %s", std::string(to_string(iv->reason)).c_str(), format_time(iv->start).c_str());
    ImGui::PopID();
  }
}

}  // namespace interleave::gui
