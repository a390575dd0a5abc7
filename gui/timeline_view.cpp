// timeline_view.cpp — lanes, the time axis, the legend, hover, selection, flows and the end-of-run marker.
//
// [SECTION] Legend and axis
// [SECTION] Rows
// [SECTION] Drawing lanes
// [SECTION] Interaction
#include "gui/timeline_view.h"

#include <algorithm>
#include <cmath>

#include "gui/run_controller.h"

namespace interleave::gui {

namespace {

std::string srcloc_text(const TraceModel& m, SrcLocId id) {
  const auto& locs = m.recorder()->srclocs();
  if (id == 0 || id >= locs.size() || locs[id].line == 0) return {};
  std::string file = locs[id].file;
  auto slash = file.rfind('/');
  if (slash != std::string::npos) file = file.substr(slash + 1);
  return file + ":" + std::to_string(locs[id].line);
}

const char* outcome_banner(Outcome o) {
  switch (o) {
    case Outcome::Deadlock: return "DEADLOCK";
    case Outcome::Panic: return "PANIC";
    case Outcome::Fatal: return "FATAL ERROR";
    case Outcome::InvariantViolation: return "INVARIANT VIOLATED";
    case Outcome::StepLimit: return "step limit";
    case Outcome::TimeLimit: return "time limit";
    case Outcome::ReplayDivergence: return "replay diverged";
    case Outcome::Stopped: return "stopped";
    default: return nullptr;
  }
}

void arrow(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness) {
  ImVec2 c1(a.x + 18, a.y), c2(b.x - 18, b.y);
  if (std::fabs(b.x - a.x) < 4) {  // same instant: a bow out to the right
    float bow = 10.0f + std::fabs(b.y - a.y) * 0.08f;
    c1 = ImVec2(a.x + bow, a.y + (b.y - a.y) * 0.25f);
    c2 = ImVec2(b.x + bow, b.y - (b.y - a.y) * 0.25f);
  }
  dl->AddBezierCubic(a, c1, c2, b, col, thickness, 12);
  ImVec2 d(b.x - c2.x, b.y - c2.y);
  float len = std::sqrt(d.x * d.x + d.y * d.y);
  if (len < 1e-3f) return;
  d.x /= len;
  d.y /= len;
  float s = 4.0f + thickness * 2;
  dl->AddTriangleFilled(b, ImVec2(b.x - d.x * s - d.y * s * 0.6f, b.y - d.y * s + d.x * s * 0.6f),
                        ImVec2(b.x - d.x * s + d.y * s * 0.6f, b.y - d.y * s - d.x * s * 0.6f), col);
}

}  // namespace

// [SECTION] Legend and axis ----------------------------------------------------------------------------

void TimelineView::draw_legend(ViewState& vs) {
  struct Item {
    const char* text;
    ImU32 col;
  };
  const Item items[] = {
      {"running", state_color(GState::Running)},
      {"runnable", state_color(GState::Runnable)},
      {"blocked: channel", state_color(GState::Blocked, WaitReason::ChanReceive)},
      {"blocked: lock", state_color(GState::Blocked, WaitReason::MutexLock)},
      {"blocked: sync", state_color(GState::Blocked, WaitReason::WaitGroupWait)},
      {"sleeping", state_color(GState::Sleeping)},
  };
  float sz = ImGui::GetTextLineHeight() * 0.8f;
  for (const Item& it : items) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    float pad = (ImGui::GetTextLineHeight() - sz) * 0.5f;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + pad), ImVec2(p.x + sz, p.y + pad + sz), it.col, 2.0f);
    ImGui::Dummy(ImVec2(sz, sz));
    ImGui::SameLine(0, 4 * vs.scale);
    ImGui::TextUnformatted(it.text);
    ImGui::SameLine(0, 14 * vs.scale);
  }
  ImGui::NewLine();
}

void TimelineView::draw_axis(ViewState& vs, ImDrawList* dl, ImVec2 p0, float width, float height) {
  const ImU32 fg = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  double span = vs.t1 - vs.t0;
  double target = span / std::max(1.0, width / (110.0 * vs.scale));
  double step = std::pow(10.0, std::floor(std::log10(target)));
  // The next 1, 2 or 5 at or above the target, so that labels never run into each other.
  if (target / step > 5)
    step *= 10;
  else if (target / step > 2)
    step *= 5;
  else if (target / step > 1)
    step *= 2;
  double first = std::ceil(vs.t0 / step) * step;
  for (double t = first; t < vs.t1; t += step) {
    float x = vs.x_of(t, p0.x, width);
    dl->AddLine(ImVec2(x, p0.y + height * 0.6f), ImVec2(x, p0.y + height), faint, 1.0f);
    std::string label = format_time(static_cast<Duration>(std::llround(t)));
    dl->AddText(ImVec2(x + 3, p0.y + 1), fg, label.c_str());
  }
  dl->AddLine(ImVec2(p0.x, p0.y + height - 1), ImVec2(p0.x + width, p0.y + height - 1), faint);
}

// [SECTION] Rows ---------------------------------------------------------------------------------------

void TimelineView::build_rows(const TraceModel& m) {
  rows_.clear();
  for (int p = 0; p < m.processor_count(); ++p) rows_.push_back(Row{Row::Kind::Processor, p, kNoGoroutine});
  const auto& roles = m.roles();
  for (std::size_t r = 0; r < roles.size(); ++r) {
    if (roles[r].members.size() > 1)  // a role of one ("main") needs no heading
      rows_.push_back(Row{Row::Kind::Header, static_cast<int>(r), kNoGoroutine});
    for (GoroutineId g : roles[r].members) rows_.push_back(Row{Row::Kind::Goroutine, static_cast<int>(r), g});
  }
}

// [SECTION] Drawing lanes ------------------------------------------------------------------------------

void TimelineView::draw(RunController& run, ViewState& vs) {
  const TraceModel& m = run.model();
  if (!m.recorder()) {
    ImGui::TextDisabled("No run yet.");
    return;
  }
  writes_.update(run);
  draw_legend(vs);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float lw = label_width(vs);
  const float avail_w = ImGui::GetContentRegionAvail().x;
  const float lanes_w = std::max(50.0f, avail_w - lw - style.ScrollbarSize);
  const float axis_h = ImGui::GetTextLineHeight() + 6 * vs.scale;
  const VirtualTime end = std::max<VirtualTime>(m.end_time(), 1);
  if (vs.fit) vs.fit_to(end);

  // The axis, aligned with the lanes below.
  ImVec2 axis_p = ImGui::GetCursorScreenPos();
  ImDrawList* wdl = ImGui::GetWindowDrawList();
  draw_axis(vs, wdl, ImVec2(axis_p.x + lw, axis_p.y), lanes_w, axis_h);
  {
    std::string head = "virtual time";
    wdl->AddText(ImVec2(axis_p.x + 4, axis_p.y + 1), ImGui::GetColorU32(ImGuiCol_TextDisabled), head.c_str());
  }
  ImGui::Dummy(ImVec2(avail_w, axis_h));

  build_rows(m);
  const float header_h = ImGui::GetTextLineHeight() + 2 * vs.scale;
  // Few lanes: make them taller (up to twice the normal height) so a projected timeline fills its pane. Many:
  // they shrink to fit, down to a line of text; beyond that the members of roles with several goroutines
  // become thin unlabelled stripes under their role's heading, so every lane of the run stays on screen.
  const float text_h = ImGui::GetTextLineHeight();
  const float gap = 2 * vs.scale;
  float base_h = lane_height(vs);
  float thin_h = base_h;
  std::vector<char> thin(rows_.size(), 0);
  {
    std::size_t lanes = 0, headers = 0;
    for (const Row& r : rows_) (r.kind == Row::Kind::Header ? headers : lanes)++;
    float room = ImGui::GetContentRegionAvail().y - static_cast<float>(headers) * header_h - 8 * vs.scale;
    if (lanes > 0) {
      const float min_h = text_h + 2;
      base_h = std::clamp(room / static_cast<float>(lanes) - gap, std::min(base_h, min_h), base_h * 1.8f);
      if (base_h <= min_h && (base_h + gap) * static_cast<float>(lanes) > room) {
        std::size_t thick = 0, thins = 0;
        for (std::size_t i = 0; i < rows_.size(); ++i) {
          const Row& r = rows_[i];
          bool in_group =
              r.kind == Row::Kind::Goroutine && m.roles()[static_cast<std::size_t>(r.index)].members.size() > 1;
          thin[i] = in_group;
          if (r.kind != Row::Kind::Header) (in_group ? thins : thick)++;
        }
        base_h = min_h;
        if (thins > 0)
          thin_h = std::max(2.0f, (room - static_cast<float>(thick) * (base_h + gap)) / static_cast<float>(thins) - 1);
      }
    }
  }
  vs.report.lane_px = base_h;
  for (const Row& r : rows_) vs.report.lanes += r.kind != Row::Kind::Header;
  row_y_.assign(rows_.size() + 1, 0.0f);
  row_h_.assign(rows_.size(), 0.0f);
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    row_h_[i] = rows_[i].kind == Row::Kind::Header ? 0.0f : thin[i] ? thin_h : base_h;
    row_y_[i + 1] = row_y_[i] + (rows_[i].kind == Row::Kind::Header ? header_h : thin[i] ? thin_h + 1 : base_h + gap);
  }

  ImGui::BeginChild("lanes", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float x0 = origin.x + lw;
  ImGui::Dummy(ImVec2(lw + lanes_w, row_y_.back() + 4));
  const ImVec2 clip_min = ImGui::GetWindowPos();
  const float view_h = ImGui::GetWindowHeight();
  const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 dim_col = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const double ns_per_px = (vs.t1 - vs.t0) / lanes_w;
  const auto t0 = static_cast<VirtualTime>(std::floor(vs.t0));
  const auto t1 = static_cast<VirtualTime>(std::ceil(vs.t1)) + 1;

  runnable_.clear();
  if (run.needs_decision()) runnable_ = run.runnable();

  auto lane_center = [&](GoroutineId g) -> float {
    for (std::size_t i = 0; i < rows_.size(); ++i)
      if (rows_[i].kind == Row::Kind::Goroutine && rows_[i].g == g) return origin.y + row_y_[i] + row_h_[i] * 0.5f;
    return -1.0f;
  };

  dl->PushClipRect(ImVec2(clip_min.x, clip_min.y), ImVec2(clip_min.x + ImGui::GetWindowWidth(), clip_min.y + view_h),
                   true);
  // The lanes' colours are painted into a canvas, one texel row per visible lane and one texel per pixel
  // column, and drawn as one textured quad per lane (canvas.h): a zoomed-out lane is hundreds of one-pixel
  // pieces, far cheaper to paint here than to rasterise as rectangles. Labels, ticks and arrows go on top.
  const float x_end = x0 + lanes_w;
  const int ox = static_cast<int>(std::floor(x0));
  const int tex_w = static_cast<int>(std::ceil(x_end)) - ox;
  {
    int visible = 0;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      float y = origin.y + row_y_[i];
      if (rows_[i].kind != Row::Kind::Header && y + (row_y_[i + 1] - row_y_[i]) >= clip_min.y &&
          y <= clip_min.y + view_h)
        ++visible;
    }
    canvas_.resize(tex_w, visible);
  }
  lane_tops_.clear();
  lane_heights_.clear();
  // Paints the texels of canvas row r whose pixel centres the screen span [a, b) covers.
  auto paint = [&](int r, float a, float b, ImU32 col) {
    canvas_.fill(r, Canvas::first_covered(a, ox), Canvas::first_covered(b, ox), col);
  };
  dl->ChannelsSplit(2);  // 0: the lane quads, 1: everything drawn over them
  dl->ChannelsSetCurrent(1);
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    float y = origin.y + row_y_[i];
    float h = row_y_[i + 1] - row_y_[i];
    if (y + h < clip_min.y || y > clip_min.y + view_h) continue;
    const Row& row = rows_[i];
    if (row.kind == Row::Kind::Header) {
      const Role& role = m.roles()[static_cast<std::size_t>(row.index)];
      std::string text = role.name + "  \xC3\x97" + std::to_string(role.members.size());
      dl->AddRectFilled(ImVec2(origin.x, y), ImVec2(x_end, y + h), ImGui::GetColorU32(ImGuiCol_TableHeaderBg));
      dl->AddText(ImVec2(origin.x + 4, y + 1), text_col, text.c_str());
      continue;
    }
    const float lane_h = row_h_[i];          // this lane's own height (thin in a crowded role)
    const bool labelled = lane_h >= text_h;  // room for its name
    bool selected = row.kind == Row::Kind::Goroutine && row.g == vs.selected_g;
    const ImU32 lane_bg = selected ? ImGui::GetColorU32(ImGuiCol_FrameBgHovered) : ImGui::GetColorU32(ImGuiCol_FrameBg);
    if (selected)  // the selected lane's label is highlighted too
      dl->AddRectFilled(ImVec2(origin.x, y), ImVec2(x0, y + lane_h), lane_bg);
    const int r = static_cast<int>(lane_tops_.size());
    lane_tops_.push_back(y);
    lane_heights_.push_back(lane_h);
    if (y >= clip_min.y - 0.5f && y + lane_h <= clip_min.y + view_h + 0.5f) ++vs.report.lanes_visible;
    canvas_.fill(r, 0, tex_w, lane_bg);  // the lane's background where no state is painted
    // Adjacent pieces of one colour are painted as one span.
    float run_a = 0, run_b = -1;
    ImU32 run_col = 0;
    auto flush = [&] {
      if (run_b > run_a) paint(r, run_a, run_b, run_col);
      run_b = -1;
    };
    if (row.kind == Row::Kind::Processor) {
      std::string label = "P" + std::to_string(row.index) + " (processor)";
      if (labelled)
        dl->AddText(ImVec2(origin.x + 4, y + (lane_h - ImGui::GetTextLineHeight()) * 0.5f), dim_col, label.c_str());
      if (!m.processor_lane(row.index).empty()) ++vs.report.processors_busy;
      m.processor_lod(row.index, t0, t1, ns_per_px, proc_pieces_);
      for (const ProcPiece& p : proc_pieces_) {
        float a = std::max(x0, vs.x_of(static_cast<double>(p.start), x0, lanes_w));
        float b = std::min(x_end, std::max(a + 1.0f, vs.x_of(static_cast<double>(p.end), x0, lanes_w)));
        if (b <= x0 || a >= x_end) continue;
        // Several goroutines inside a pixel: grey, as dark as the processor was busy (in four steps, so that
        // neighbouring pixels merge into one span).
        int level = static_cast<int>(p.busy * 3.0f + 0.5f);
        ImU32 col = p.mixed ? IM_COL32(150, 150, 150, 80 + 58 * level) : goroutine_color(p.g);
        if (col == run_col && run_b >= a - 0.5f) {
          run_b = std::max(run_b, b);
          continue;
        }
        flush();
        run_a = a;
        run_b = b;
        run_col = col;
        if (labelled && !p.mixed && b - a > 40 * vs.scale) {
          std::string n(m.name(p.g));
          ImVec2 ts = ImGui::CalcTextSize(n.c_str());
          if (ts.x < b - a - 6) {
            dl->PushClipRect(ImVec2(a, y), ImVec2(b, y + lane_h), true);
            dl->AddText(ImVec2(a + 3, y + (lane_h - ts.y) * 0.5f), text_on(col), n.c_str());
            dl->PopClipRect();
          }
        }
      }
      flush();
      continue;
    }
    // A goroutine lane: its label (with a colour chip that matches the code view's marker), then states.
    const GoroutineId g = row.g;
    vs.targets["lane:" + std::string(m.name(g))] = ImVec2(origin.x + lw * 0.5f, y + lane_h * 0.5f);
    float chip = lane_h * 0.5f;
    dl->AddRectFilled(ImVec2(origin.x + 4, y + (lane_h - chip) * 0.5f),
                      ImVec2(origin.x + 4 + chip, y + (lane_h + chip) * 0.5f), goroutine_color(g), 2.0f);
    bool can_pick = std::ranges::find(runnable_, g) != runnable_.end();
    std::string label = std::string(m.name(g));
    if (can_pick) label = "\xE2\x96\xB6 " + label;  // ▶: click to run it
    if (labelled)
      dl->AddText(ImVec2(origin.x + 8 + chip, y + (lane_h - ImGui::GetTextLineHeight()) * 0.5f),
                  can_pick ? state_color(GState::Runnable) : text_col, label.c_str());
    m.lod(g, t0, t1, ns_per_px, pieces_);
    const auto& ivs = m.intervals(g);
    for (const LodPiece& p : pieces_) {
      if (p.state == GState::Done) continue;
      float a = std::max(x0, vs.x_of(static_cast<double>(p.start), x0, lanes_w));
      float b = std::min(x_end, std::max(a + 1.0f, vs.x_of(static_cast<double>(p.end), x0, lanes_w)));
      if (b <= x0 || a >= x_end) continue;
      ImU32 col = state_color(p.state, p.reason);
      if (col == run_col && run_b >= a - 0.5f) {
        run_b = std::max(run_b, b);
      } else {
        flush();
        run_a = a;
        run_b = b;
        run_col = col;
      }
      if (labelled && b - a > 50 * vs.scale && p.state != GState::Blocked && m.has_labels()) {
        // What it said it was doing ("eating", "thinking"), inside its running or sleeping piece.
        // (at the middle of the piece: a piece often starts with a little bookkeeping before the labelled work)
        std::string_view what =
            m.doing_at(g, std::max(p.start, t0) + (std::min(p.end, t1) - std::max(p.start, t0)) / 2);
        ImVec2 ts = ImGui::CalcTextSize(what.data(), what.data() + what.size());
        if (!what.empty() && ts.x < b - a - 6)
          dl->AddText(ImVec2(a + 3, y + (lane_h - ts.y) * 0.5f), text_on(col), what.data(), what.data() + what.size());
      }
      if (labelled && !p.mixed && b - a > 50 * vs.scale && p.state == GState::Blocked) {
        // Say what it waits for: "chan receive items", or just "items" when that is all that fits.
        const StateInterval& iv = ivs[p.first];
        std::string obj(m.object_name(iv.object));
        std::string n = std::string(to_string(iv.reason)) + (obj.empty() ? "" : " " + obj);
        ImVec2 ts = ImGui::CalcTextSize(n.c_str());
        if (ts.x >= b - a - 6 && !obj.empty()) {
          n = obj;
          ts = ImGui::CalcTextSize(n.c_str());
        }
        if (ts.x < b - a - 6) dl->AddText(ImVec2(a + 3, y + (lane_h - ts.y) * 0.5f), text_on(col), n.c_str());
      }
    }
    flush();
    // The final state reaches the end marker, however short: a goroutine that blocked at the run's last
    // instant is drawn blocked there, a few pixels wide.
    if (m.run_end().ended && !ivs.empty() && ivs.back().end == kOpenEnd && ivs.back().state == GState::Blocked) {
      float e = vs.x_of(static_cast<double>(m.end_time()), x0, lanes_w);
      float a = std::min(vs.x_of(static_cast<double>(ivs.back().start), x0, lanes_w), e - 4.0f * vs.scale);
      if (e > x0 && a < x_end)
        paint(r, std::max(x0, a), std::min(x_end, e), state_color(GState::Blocked, ivs.back().reason));
    }
    // Blocked when the run deadlocked: blocked forever, so the state runs on to the edge of the view.
    if (m.run_end().ended && m.run_end().outcome == Outcome::Deadlock && !ivs.empty() && ivs.back().end == kOpenEnd &&
        ivs.back().state == GState::Blocked) {
      float a = std::max(x0, vs.x_of(static_cast<double>(m.end_time()), x0, lanes_w));
      if (a < x_end) {
        paint(r, a, x_end, (state_color(GState::Blocked, ivs.back().reason) & 0x00FFFFFF) | 0x90000000);
        if (labelled && x_end - a > 90 * vs.scale) {
          std::string n = "forever: " + std::string(m.object_name(ivs.back().object));
          dl->AddText(ImVec2(a + 4, y + (lane_h - ImGui::GetTextLineHeight()) * 0.5f), IM_COL32(255, 255, 255, 255),
                      n.c_str());
        }
      }
    }
    // Moments it ran for no virtual time (it woke, did its bookkeeping and parked again): green ticks on top.
    const auto& inst = m.instants(g);
    const ImU32 tick = state_color(GState::Running);
    auto it = std::lower_bound(inst.begin(), inst.end(), t0);
    while (it != inst.end() && *it < t1) {
      float x = vs.x_of(static_cast<double>(*it), x0, lanes_w);
      dl->AddRectFilled(ImVec2(x - 1, y + 1), ImVec2(x + 2, y + lane_h * 0.45f), tick);
      dl->AddRectFilled(ImVec2(x - 1, y + 1), ImVec2(x + 2, y + 3), IM_COL32(255, 255, 255, 200));
      // Skip to the next pixel: at most one tick per pixel, however many instants there are.
      it = std::lower_bound(it + 1, inst.end(), static_cast<VirtualTime>(std::ceil(vs.t_of(x + 2, x0, lanes_w))));
    }
    // Its writes to stdout/stderr (Go programs): a small white triangle standing on the lane's bottom edge.
    const auto& wt = writes_.times(g);
    for (auto w = std::lower_bound(wt.begin(), wt.end(), std::max<VirtualTime>(0, t0)); w != wt.end() && *w < t1;) {
      float x = vs.x_of(static_cast<double>(*w), x0, lanes_w);
      float s = std::min(4.0f * vs.scale, lane_h * 0.3f), yb = y + lane_h - 1;
      dl->AddTriangleFilled(ImVec2(x - s - 1, yb + 1), ImVec2(x + s + 1, yb + 1), ImVec2(x, yb - 2 * s - 1),
                            IM_COL32(0, 0, 0, 200));
      dl->AddTriangleFilled(ImVec2(x - s, yb), ImVec2(x + s, yb), ImVec2(x, yb - 2 * s), IM_COL32(255, 255, 255, 240));
      ++vs.report.output_ticks;
      w = std::lower_bound(w + 1, wt.end(), static_cast<VirtualTime>(std::ceil(vs.t_of(x + 2 * s, x0, lanes_w))));
    }
  }
  // The lane quads, under everything drawn above.
  if (!lane_tops_.empty()) {
    ImTextureID tex = canvas_.upload();
    const float u0 = (x0 - static_cast<float>(ox)) / static_cast<float>(tex_w);
    const float u1 = (x_end - static_cast<float>(ox)) / static_cast<float>(tex_w);
    dl->ChannelsSetCurrent(0);
    begin_opaque(dl);
    dl->PushTextureID(tex);
    dl->PrimReserve(6 * static_cast<int>(lane_tops_.size()), 4 * static_cast<int>(lane_tops_.size()));
    for (std::size_t r = 0; r < lane_tops_.size(); ++r) {
      const float v = (static_cast<float>(r) + 0.5f) / static_cast<float>(canvas_.height());
      const float inset = lane_heights_[r] > 6 ? 1.0f : 0.0f;
      dl->PrimRectUV(ImVec2(x0, lane_tops_[r] + inset), ImVec2(x_end, lane_tops_[r] + lane_heights_[r] - inset),
                     ImVec2(u0, v), ImVec2(u1, v), IM_COL32_WHITE);
    }
    dl->PopTextureID();
    end_opaque(dl);
  }
  dl->ChannelsMerge();

  // Flow arrows of the selected goroutine: who woke it / whom it woke, who sent to it / to whom it sent.
  if (vs.selected_g != kNoGoroutine) {
    const auto& flows = m.flows();
    int drawn = 0;
    float last_x = -1e9f;
    const std::size_t first = m.first_flow_at(t0);
    // At most one arrow per few pixels and a few dozen in all: zoomed out, arrows would only hide the lanes.
    for (std::size_t i = first; i < flows.size() && flows[i].time <= t1 && drawn < 60 && i < first + 200000; ++i) {
      const Flow& f = flows[i];
      if (f.from == kNoGoroutine || (f.from != vs.selected_g && f.to != vs.selected_g)) continue;
      float x = vs.x_of(static_cast<double>(f.time), x0, lanes_w);
      if (x - last_x < 24 * vs.scale) continue;
      float ya = lane_center(f.from), yb = lane_center(f.to);
      if (ya < 0 || yb < 0) continue;
      last_x = x;
      ImU32 col = f.kind == FlowKind::Wake ? IM_COL32(255, 255, 255, 220) : IM_COL32(80, 220, 255, 230);
      if (vs.presenter) col = f.kind == FlowKind::Wake ? IM_COL32(20, 20, 20, 230) : IM_COL32(0, 110, 200, 240);
      // A whole number of pixels: ImGui then draws the curve with its cheap textured anti-aliased lines.
      arrow(dl, ImVec2(x, ya), ImVec2(x, yb), col, std::max(1.0f, std::round(1.5f * vs.scale)));
      ++drawn;
    }
  }

  // The end of a run that went wrong, where it happened.
  const RunEndInfo& re = m.run_end();
  float content_bottom = std::min(origin.y + row_y_.back(), clip_min.y + view_h);
  if (re.ended) {
    if (const char* banner = outcome_banner(re.outcome)) {
      float x = vs.x_of(static_cast<double>(re.time), x0, lanes_w);
      if (x >= x0 && x <= x0 + lanes_w) {
        vs.report.end_marker = true;
        ImU32 red = IM_COL32(235, 40, 40, 255);
        dl->AddLine(ImVec2(x, clip_min.y), ImVec2(x, content_bottom), red, 2.5f * vs.scale);
        ImVec2 ts = ImGui::CalcTextSize(banner);
        float bx = std::min(x + 4, x0 + lanes_w - ts.x - 8);
        dl->AddRectFilled(ImVec2(bx, clip_min.y + 2), ImVec2(bx + ts.x + 8, clip_min.y + ts.y + 6), red, 3.0f);
        dl->AddText(ImVec2(bx + 4, clip_min.y + 4), IM_COL32(255, 255, 255, 255), banner);
        if (re.g != kNoGoroutine) {
          float yc = lane_center(re.g);
          if (yc >= 0) {
            float r = base_h * 0.35f;
            dl->AddLine(ImVec2(x - r, yc - r), ImVec2(x + r, yc + r), IM_COL32(255, 255, 255, 255), 3.0f);
            dl->AddLine(ImVec2(x - r, yc + r), ImVec2(x + r, yc - r), IM_COL32(255, 255, 255, 255), 3.0f);
          }
        }
      }
    }
  }
  // A marked moment (where two compared runs first differ).
  if (mark) {
    float x = vs.x_of(static_cast<double>(mark->time), x0, lanes_w);
    if (x >= x0 && x <= x0 + lanes_w) {
      ImU32 col = IM_COL32(255, 200, 0, 255);
      const float dash = 6 * vs.scale;
      for (float y = clip_min.y; y < content_bottom; y += 2 * dash)
        dl->AddLine(ImVec2(x, y), ImVec2(x, std::min(y + dash, content_bottom)), col, 2.0f * vs.scale);
      ImVec2 ts = ImGui::CalcTextSize(mark->label.c_str());
      float bx = std::min(x + 4, x0 + lanes_w - ts.x - 8);
      float by = content_bottom - ts.y - 6;
      dl->AddRectFilled(ImVec2(bx, by), ImVec2(bx + ts.x + 8, by + ts.y + 4), col, 3.0f);
      dl->AddText(ImVec2(bx + 4, by + 2), IM_COL32(0, 0, 0, 255), mark->label.c_str());
      vs.report.compare_marker = true;
    }
  }
  // The time cursor.
  {
    float x = vs.x_of(static_cast<double>(vs.cursor), x0, lanes_w);
    if (x >= x0 && x <= x0 + lanes_w) {
      ImU32 col = vs.presenter ? IM_COL32(0, 0, 0, 255) : IM_COL32(255, 255, 255, 230);
      dl->AddLine(ImVec2(x, clip_min.y), ImVec2(x, content_bottom), col, 1.5f * vs.scale);
      // and on the axis above, with its time
      std::string t = format_time(vs.cursor);
      ImVec2 ts = ImGui::CalcTextSize(t.c_str());
      float ax = std::min(x + 2, x0 + lanes_w - ts.x - 6);
      float ay = axis_p.y;
      wdl->AddRectFilled(ImVec2(ax - 2, ay), ImVec2(ax + ts.x + 4, ay + ts.y + 2), col, 2.0f);
      wdl->AddText(ImVec2(ax + 1, ay + 1), text_on(col), t.c_str());
    }
  }
  dl->PopClipRect();

  // [SECTION] Interaction --------------------------------------------------------------------------------
  const ImGuiIO& io = ImGui::GetIO();
  const bool hovered = ImGui::IsWindowHovered();
  const ImVec2 mouse = io.MousePos;
  long row_i = -1;
  if (hovered) {
    float ry = mouse.y - origin.y;
    auto it = std::upper_bound(row_y_.begin(), row_y_.end(), ry);
    if (it != row_y_.begin() && it != row_y_.end()) row_i = static_cast<long>(it - row_y_.begin()) - 1;
  }
  const bool in_lanes = hovered && mouse.x >= x0 && mouse.x < x0 + lanes_w;
  const double mouse_t = vs.t_of(mouse.x, x0, lanes_w);
  if (hovered && io.MouseWheel != 0) {
    if (io.KeyShift) {
      ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseWheel * base_h * 3);
    } else if (in_lanes) {
      vs.zoom(std::pow(0.8, io.MouseWheel), mouse_t);
    }
  }
  if (in_lanes && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    dragging_ = true;
    drag_dx_ = 0;
  }
  if (dragging_) {
    if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
      if (io.MouseDelta.x != 0) {
        double dt = io.MouseDelta.x / lanes_w * (vs.t1 - vs.t0);
        vs.t0 -= dt;
        vs.t1 -= dt;
        vs.fit = false;
        drag_dx_ += std::fabs(io.MouseDelta.x);
      }
    } else {
      dragging_ = false;
      if (drag_dx_ < 4 && in_lanes) {  // a click, not a drag: move the cursor, select what is there
        vs.cursor = std::clamp<VirtualTime>(static_cast<VirtualTime>(mouse_t), 0, end);
        vs.follow = false;
        if (row_i >= 0 && rows_[static_cast<std::size_t>(row_i)].kind == Row::Kind::Goroutine) {
          vs.selected_g = rows_[static_cast<std::size_t>(row_i)].g;
          if (const StateInterval* iv = m.state_at(vs.selected_g, vs.cursor); iv && iv->object)
            vs.selected_obj = iv->object;
        }
      }
    }
  }
  if (hovered && !in_lanes && mouse.x < x0 && row_i >= 0 && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    const Row& row = rows_[static_cast<std::size_t>(row_i)];
    if (row.kind == Row::Kind::Goroutine) {
      vs.selected_g = row.g;
      if (std::ranges::find(runnable_, row.g) != runnable_.end()) run.pick(row.g);
    }
  }
  // Hover: what is this?
  if (hovered && row_i >= 0 && !dragging_) {
    const Row& row = rows_[static_cast<std::size_t>(row_i)];
    auto t = static_cast<VirtualTime>(mouse_t);
    if (row.kind == Row::Kind::Goroutine && in_lanes) {
      if (const StateInterval* iv = m.state_at(row.g, t); iv && t <= end) {
        ImGui::BeginTooltip();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(goroutine_color(row.g)), "%s", m.label(row.g).c_str());
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(state_color(iv->state, iv->reason)), "%s",
                           state_text(iv->state, iv->reason).c_str());
        if (std::string_view what = m.doing_at(row.g, t); !what.empty())
          ImGui::Text("doing: %.*s", static_cast<int>(what.size()), what.data());
        if (iv->object) ImGui::Text("on %s", m.object_label(iv->object).c_str());
        if (iv->state == GState::Running && iv->processor >= 0) ImGui::Text("on processor P%d", iv->processor);
        VirtualTime e = m.end_of(*iv);
        ImGui::Text("from %s to %s (%s)%s", format_time(iv->start).c_str(), format_time(e).c_str(),
                    format_time(e - iv->start).c_str(), iv->end == kOpenEnd ? ", still going" : "");
        std::string where = srcloc_text(m, iv->srcloc);
        if (!where.empty()) ImGui::Text("at %s", where.c_str());
        ImGui::TextDisabled("click: select and move the cursor here");
        ImGui::EndTooltip();
      }
    } else if (row.kind == Row::Kind::Goroutine && ImGui::IsWindowHovered()) {
      ImGui::BeginTooltip();
      ImGui::TextUnformatted(m.label(row.g).c_str());
      if (std::ranges::find(runnable_, row.g) != runnable_.end()) ImGui::TextUnformatted("click to run it next");
      ImGui::EndTooltip();
    } else if (row.kind == Row::Kind::Processor && in_lanes) {
      const auto& spans = m.processor_lane(row.index);
      auto it = std::ranges::upper_bound(spans, t, {}, &ProcSpan::start);
      ImGui::BeginTooltip();
      ImGui::Text("processor P%d at %s", row.index, format_time(t).c_str());
      if (it != spans.begin() && (std::prev(it)->end == kOpenEnd || std::prev(it)->end > t))
        ImGui::Text("running %s", m.label(std::prev(it)->g).c_str());
      else
        ImGui::TextUnformatted("idle");
      ImGui::EndTooltip();
    }
  }
  ImGui::EndChild();
}

}  // namespace interleave::gui
