// waitgraph_view.cpp — the wait-for graph at the cursor, laid out on a circle.
#include "gui/waitgraph_view.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "gui/run_controller.h"

namespace interleave::gui {

namespace {
void edge(ImDrawList* dl, ImVec2 a, ImVec2 b, float ra, float rb, ImU32 col, float th) {
  ImVec2 d(b.x - a.x, b.y - a.y);
  float len = std::sqrt(d.x * d.x + d.y * d.y);
  if (len < 1) return;
  d.x /= len;
  d.y /= len;
  ImVec2 s(a.x + d.x * ra, a.y + d.y * ra), e(b.x - d.x * rb, b.y - d.y * rb);
  dl->AddLine(s, e, col, th);
  float h = 5.0f + th * 2.0f;
  dl->AddTriangleFilled(e, ImVec2(e.x - d.x * h - d.y * h * 0.6f, e.y - d.y * h + d.x * h * 0.6f),
                        ImVec2(e.x - d.x * h + d.y * h * 0.6f, e.y - d.y * h - d.x * h * 0.6f), col);
}
}  // namespace

void WaitGraphView::draw(RunController& run, ViewState& vs) {
  if (!run.has_run()) return;
  const TraceModel& m = run.model();
  WaitGraph graph = m.wait_for(vs.cursor);
  if (graph.edges.empty()) {
    ImGui::TextDisabled("Nobody is blocked at %s.", format_time(vs.cursor).c_str());
    return;
  }
  if (!graph.cycles.empty()) {
    ImGui::TextColored(ImVec4(1.0f, 0.3f, 0.3f, 1.0f), "Cycle: ");
    for (const auto& c : graph.cycles) {
      ImGui::SameLine();
      std::string text;
      std::string_view prev_role;
      for (GoroutineId g : c) {  // "philosopher#0 → #1 → #2": the role once while it repeats
        std::string name(m.name(g));
        std::string_view role = m.role_of(g);
        if (role == prev_role && name.size() > role.size()) name = name.substr(role.size());
        prev_role = role;
        text += (text.empty() ? "" : " \xE2\x86\x92 ") + name;
      }
      text += " \xE2\x86\x92 back to the start";
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(ImVec4(1.0f, 0.3f, 0.3f, 1.0f), "%s", text.c_str());
      ImGui::PopTextWrapPos();
    }
  }
  // Layout: waiting goroutines in a row along the top (each cycle first, walked in order), the object each
  // waits on below it, holders that are not waiting at the end of the row. Arrows go down ("waits on") and
  // up ("held by"), so a cycle reads left to right as a zig-zag that closes back to its start.
  std::vector<GoroutineId> top;
  auto add_top = [&](GoroutineId g) {
    if (std::ranges::find(top, g) == top.end()) top.push_back(g);
  };
  for (const auto& cycle : graph.cycles) {
    GoroutineId g = cycle.front();
    for (std::size_t step = 0; step <= cycle.size(); ++step) {
      auto e = std::ranges::find(graph.edges, g, &WaitEdge::waiter);
      if (e == graph.edges.end()) break;
      add_top(g);
      auto next =
          std::ranges::find_if(e->holders, [&](GoroutineId h) { return std::ranges::find(cycle, h) != cycle.end(); });
      if (next == e->holders.end() || *next == cycle.front()) break;
      g = *next;
    }
  }
  for (const WaitEdge& e : graph.edges) add_top(e.waiter);
  for (const WaitEdge& e : graph.edges)
    for (GoroutineId h : e.holders) add_top(h);
  ImVec2 avail = ImGui::GetContentRegionAvail();
  const float col_w = avail.x / static_cast<float>(std::max<std::size_t>(top.size(), 1));
  if (col_w < 34 * vs.scale || avail.y < 3 * ImGui::GetTextLineHeight()) {
    // Too many to draw legibly: one line per object.
    std::map<ObjectId, std::pair<int, std::vector<GoroutineId>>> per_object;
    for (const WaitEdge& e : graph.edges) {
      auto& entry = per_object[e.object];
      ++entry.first;
      entry.second = e.holders;
    }
    for (const auto& [o, entry] : per_object) {
      std::string held;
      for (GoroutineId h : entry.second) held += (held.empty() ? ", held by " : ", ") + std::string(m.name(h));
      ImGui::BulletText("%d waiting on %s%s", entry.first, m.object_label(o).c_str(), held.c_str());
    }
    return;
  }
  ImGui::TextDisabled("\xE2\x86\x93 waits on    \xE2\x86\x97 held by    red: a cycle");
  avail = ImGui::GetContentRegionAvail();
  ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("graph", ImVec2(std::max(avail.x, 10.0f), std::max(avail.y, 10.0f)));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float node_h = ImGui::GetTextLineHeight() + 6 * vs.scale;
  const float y_top = p0.y + std::max(node_h * 0.6f, avail.y * 0.22f);
  const float y_bottom = p0.y + std::min(avail.y - node_h * 0.6f, avail.y * 0.78f);
  auto col_x = [&](std::size_t i) { return p0.x + col_w * (static_cast<float>(i) + 0.5f); };
  nodes_.clear();
  for (std::size_t i = 0; i < top.size(); ++i) nodes_.push_back(Node{false, top[i], ImVec2(col_x(i), y_top), false});
  for (const WaitEdge& e : graph.edges) {
    bool have = std::ranges::any_of(nodes_, [&](const Node& n) { return n.is_object && n.id == e.object; });
    if (have) continue;
    std::size_t col = static_cast<std::size_t>(std::ranges::find(top, e.waiter) - top.begin());
    nodes_.push_back(Node{true, e.object, ImVec2(col_x(col), y_bottom), false});
  }
  auto node_of = [&](bool obj, std::uint32_t id) -> const Node& {
    for (const Node& n : nodes_)
      if (n.is_object == obj && n.id == id) return n;
    return nodes_.front();
  };
  // Labels: full names when they fit the column, else the part after the role ("#3") for goroutines and the
  // bare name for objects.
  auto label_of = [&](const Node& n) {
    std::string full = n.is_object ? m.object_label(n.id) : std::string(m.name(n.id));
    if (ImGui::CalcTextSize(full.c_str()).x + 14 * vs.scale <= col_w) return full;
    if (n.is_object) return std::string(m.object_name(n.id));
    std::string name(m.name(n.id));
    std::string_view role = m.role_of(n.id);
    return name.size() > role.size() ? name.substr(role.size()) : name;
  };
  const ImU32 red = IM_COL32(235, 40, 40, 255);
  const ImU32 plain = vs.presenter ? IM_COL32(60, 60, 60, 255) : IM_COL32(200, 200, 200, 200);
  const float r = node_h * 0.5f;
  for (const WaitEdge& e : graph.edges) {
    const Node& w = node_of(false, e.waiter);
    const Node& o = node_of(true, e.object);
    edge(dl, w.pos, o.pos, r, r, e.in_cycle ? red : plain, (e.in_cycle ? 3.0f : 1.5f) * vs.scale);
    for (GoroutineId h : e.holders) {
      const Node& hn = node_of(false, h);
      edge(dl, o.pos, hn.pos, r, r, e.in_cycle ? red : plain, (e.in_cycle ? 3.0f : 1.5f) * vs.scale);
    }
  }
  for (const Node& n : nodes_) {
    std::string text = label_of(n);
    ImU32 col;
    if (n.is_object) {
      col = vs.presenter ? IM_COL32(215, 215, 215, 255) : IM_COL32(85, 85, 95, 255);
    } else {
      const StateInterval* iv = m.state_at(n.id, vs.cursor);
      col = iv ? state_color(iv->state, iv->reason) : IM_COL32(128, 128, 128, 255);
    }
    ImVec2 ts = ImGui::CalcTextSize(text.c_str());
    ImVec2 a(n.pos.x - ts.x * 0.5f - 6 * vs.scale, n.pos.y - node_h * 0.5f);
    ImVec2 b(n.pos.x + ts.x * 0.5f + 6 * vs.scale, n.pos.y + node_h * 0.5f);
    float round = n.is_object ? 0.0f : node_h * 0.5f;
    dl->AddRectFilled(a, b, col, round);
    bool sel = n.is_object ? n.id == vs.selected_obj : n.id == vs.selected_g;
    if (sel) dl->AddRect(a, b, ImGui::GetColorU32(ImGuiCol_Text), round, 0, 2.0f);
    dl->AddText(ImVec2(a.x + 6 * vs.scale, a.y + 3 * vs.scale), text_on(col), text.c_str());
    vs.report.graph += (vs.report.graph.empty() ? "" : ", ") + text;
    if (ImGui::IsMouseHoveringRect(a, b)) {
      ImGui::SetTooltip("%s", n.is_object ? m.object_label(n.id).c_str() : m.label(n.id).c_str());
      if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        if (n.is_object)
          vs.selected_obj = n.id;
        else
          vs.selected_g = n.id;
      }
    }
  }
}

}  // namespace interleave::gui
