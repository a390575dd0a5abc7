// counters_view.cpp — per-object counter rows drawn from per-pixel columns (min/max/last).
#include "gui/counters_view.h"

#include <algorithm>
#include <cmath>

#include "gui/run_controller.h"

namespace interleave::gui {

namespace {
CounterKind main_kind(ObjectKind k) {
  switch (k) {
    case ObjectKind::Channel:
    case ObjectKind::RunQueue: return CounterKind::Length;
    case ObjectKind::Mutex:
    case ObjectKind::RWMutex: return CounterKind::Holders;
    case ObjectKind::CondVar:
    case ObjectKind::Once: return CounterKind::Waiters;
    default: return CounterKind::Value;
  }
}
const char* main_word(ObjectKind k) {
  switch (k) {
    case ObjectKind::Channel: return "queued";
    case ObjectKind::RunQueue: return "runnable";
    case ObjectKind::Mutex: return "held";
    case ObjectKind::RWMutex: return "holders (-1: writer)";
    case ObjectKind::CondVar:
    case ObjectKind::Once: return "waiting";
    default: return "value";
  }
}
}  // namespace

void CountersView::draw(RunController& run, ViewState& vs) {
  const TraceModel& m = run.model();
  rows_.clear();
  for (ObjectId o = 1; o <= m.object_count(); ++o) {
    ObjectKind k = m.object_kind(o);
    Row r{o, m.counter(o, main_kind(k)), m.counter(o, CounterKind::Waiters)};
    if (r.main == r.waiters) r.waiters = nullptr;
    if (!r.main && !r.waiters) continue;
    if (k == ObjectKind::RunQueue)
      rows_.insert(rows_.begin(), r);
    else
      rows_.push_back(r);
  }
  if (rows_.empty()) {
    ImGui::TextDisabled("No counters yet.");
    return;
  }
  const ImGuiStyle& style = ImGui::GetStyle();
  const float lw = label_width(vs);
  const float avail_w = ImGui::GetContentRegionAvail().x;
  const float lanes_w = std::max(50.0f, avail_w - lw - style.ScrollbarSize);
  const float row_h = std::max(lane_height(vs) * 2.0f, ImGui::GetTextLineHeight() * 2.2f);
  ImGui::BeginChild("counter_rows", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float x0 = origin.x + lw;
  ImGui::Dummy(ImVec2(lw + lanes_w, rows_.size() * (row_h + 4 * vs.scale)));
  const float top = ImGui::GetWindowPos().y, bottom = top + ImGui::GetWindowHeight();
  const double ns_per_px = (vs.t1 - vs.t0) / lanes_w;
  const auto t0 = static_cast<VirtualTime>(std::floor(vs.t0));
  const auto t1 = static_cast<VirtualTime>(std::ceil(vs.t1)) + 1;
  const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const ImU32 fill = vs.presenter ? IM_COL32(40, 110, 200, 255) : IM_COL32(80, 150, 230, 255);
  const ImU32 waiter_col = state_color(GState::Blocked, WaitReason::MutexLock);
  const ImU32 cap_col = vs.presenter ? IM_COL32(0, 0, 0, 255) : IM_COL32(255, 255, 255, 200);
  dl->ChannelsSplit(2);  // 0: the plots (one textured quad per row), 1: everything drawn over them
  dl->ChannelsSetCurrent(1);

  const float pitch = row_h + 4 * vs.scale;
  const float x_end = x0 + lanes_w;
  const int ox = static_cast<int>(std::floor(x0));
  const int tex_w = static_cast<int>(std::ceil(x_end)) - ox;
  // Each visible row's plot area [x0, x_end) x [y, y + row_h) is a band of the canvas: the screen rows whose
  // pixel centres are inside it.
  bands_.assign(rows_.size(), Band{});
  int canvas_rows = 0;
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    float y = origin.y + static_cast<float>(i) * pitch;
    if (y + row_h < top || y > bottom) continue;
    Band& b = bands_[i];
    b.first_px = static_cast<int>(std::ceil(y - 0.5f));
    b.rows = static_cast<int>(std::ceil(y + row_h - 0.5f)) - b.first_px;
    b.canvas_row = canvas_rows;
    canvas_rows += b.rows;
  }
  canvas_.resize(tex_w, canvas_rows);

  for (std::size_t i = 0; i < rows_.size(); ++i) {
    const Row& r = rows_[i];
    const Band& band = bands_[i];
    float y = origin.y + static_cast<float>(i) * pitch;
    if (band.rows == 0) continue;
    // Paints the screen rectangle [xa, xb) x [ya, yb), clipped to this row's plot, into its band.
    auto paint = [&](float xa, float ya, float xb, float yb, ImU32 col) {
      if (xa > xb) std::swap(xa, xb);
      if (ya > yb) std::swap(ya, yb);
      int i0 = Canvas::first_covered(std::max(xa, x0), ox), i1 = Canvas::first_covered(std::min(xb, x_end), ox);
      int r0 = std::max(Canvas::first_covered(ya, band.first_px), 0);
      int r1 = std::min(Canvas::first_covered(yb, band.first_px), band.rows);
      canvas_.fill_rect(i0, band.canvas_row + r0, i1, band.canvas_row + r1, col);
    };
    ObjectKind kind = m.object_kind(r.object);
    std::int64_t cap = kind == ObjectKind::Channel || kind == ObjectKind::Semaphore ? m.object_capacity(r.object) : 0;
    std::int64_t hi = std::max<std::int64_t>(1, cap);
    std::int64_t lo = 0;
    if (r.main) hi = std::max(hi, r.main->max), lo = std::min(lo, r.main->min);
    if (r.waiters) hi = std::max(hi, r.waiters->max);
    auto y_of = [&](double v) {
      return y + row_h - 2 -
             static_cast<float>((v - static_cast<double>(lo)) / static_cast<double>(hi - lo)) * (row_h - 4);
    };
    // Label: name, then the values at the cursor.
    std::string name = kind == ObjectKind::RunQueue ? "run queue" : m.object_label(r.object);
    dl->AddText(ImVec2(origin.x + 4, y), text_col, name.c_str());
    std::string now;
    if (r.main) {
      std::int64_t v = r.main->value_at(vs.cursor);
      switch (kind) {
        case ObjectKind::Channel: now = std::to_string(v) + " of " + std::to_string(cap) + " queued"; break;
        case ObjectKind::RunQueue: now = std::to_string(v) + " runnable"; break;
        case ObjectKind::Mutex: now = v ? "locked" : "unlocked"; break;
        case ObjectKind::RWMutex: now = v < 0 ? "writer" : v == 0 ? "unlocked" : std::to_string(v) + " readers"; break;
        default: now = std::string(main_word(kind)) + " " + std::to_string(v); break;
      }
    }
    if (r.waiters) now += (now.empty() ? "" : ", ") + std::to_string(r.waiters->value_at(vs.cursor)) + " waiting";
    dl->PushClipRect(ImVec2(origin.x, y), ImVec2(x0 - 4, y + row_h), true);
    dl->AddText(ImVec2(origin.x + 4, y + ImGui::GetTextLineHeight()), dim, now.c_str());
    dl->PopClipRect();

    paint(x0, y, x_end, y + row_h, ImGui::GetColorU32(ImGuiCol_FrameBg));
    // One bar per pixel column up to the column's highest value (the envelope is what the eye needs), and
    // neighbouring columns of one height merged.
    if (r.main) {
      TraceModel::counter_lod(*r.main, t0, t1, ns_per_px, cols_);
      float run_a = 0, run_b = -1;
      std::int64_t run_v = 0;
      auto flush = [&] {
        if (run_b > run_a && run_v != 0) paint(run_a, y_of(static_cast<double>(run_v)), run_b, y_of(0), fill);
        run_b = -1;
      };
      for (const CounterColumn& c : cols_) {
        float a = vs.x_of(static_cast<double>(c.start), x0, lanes_w);
        float b = std::max(a + 1.0f, vs.x_of(static_cast<double>(c.end), x0, lanes_w));
        std::int64_t v = c.hi > 0 ? c.hi : c.lo;  // RWMutex: -1 (a writer) shows below the line
        if (v == run_v && run_b >= a - 0.5f) {
          run_b = std::max(run_b, b);
          continue;
        }
        flush();
        run_a = a;
        run_b = b;
        run_v = v;
      }
      flush();
    }
    // Waiters: a step line where anyone is waiting.
    if (r.waiters) {
      TraceModel::counter_lod(*r.waiters, t0, t1, ns_per_px, cols_);
      const float th = std::max(1.0f, 2.0f * vs.scale);
      float run_a = 0, run_b = -1, prev_y = -1;
      std::int64_t run_v = 0;
      auto flush = [&] {
        if (run_b > run_a && run_v != 0) {
          float yy = y_of(static_cast<double>(run_v));
          paint(run_a, yy - th * 0.5f, run_b, yy + th * 0.5f, waiter_col);
          float from = prev_y >= 0 ? prev_y : y_of(0);
          paint(run_a - th * 0.5f, std::min(from, yy), run_a + th * 0.5f, std::max(from, yy), waiter_col);
          prev_y = yy;
        } else {
          prev_y = -1;
        }
        run_b = -1;
      };
      for (const CounterColumn& c : cols_) {
        float a = vs.x_of(static_cast<double>(c.start), x0, lanes_w);
        float b = std::max(a + 1.0f, vs.x_of(static_cast<double>(c.end), x0, lanes_w));
        if (c.hi == run_v && run_b >= a - 0.5f) {
          run_b = std::max(run_b, b);
          continue;
        }
        flush();
        run_a = a;
        run_b = b;
        run_v = c.hi;
      }
      flush();
    }
    dl->PushClipRect(ImVec2(x0, y), ImVec2(x_end, y + row_h), true);
    if (cap > 0) {
      float yc = y_of(static_cast<double>(cap));
      const float dash_th = std::max(1.0f, std::round(1.5f * vs.scale));
      for (float x = x0; x < x_end; x += 10 * vs.scale)
        paint(x, yc - dash_th * 0.5f, x + 5 * vs.scale, yc + dash_th * 0.5f, cap_col);
      std::string ct = "capacity " + std::to_string(cap);
      dl->AddText(ImVec2(x_end - ImGui::CalcTextSize(ct.c_str()).x - 4, yc), cap_col, ct.c_str());
    }
    float xc = vs.x_of(static_cast<double>(vs.cursor), x0, lanes_w);
    dl->AddLine(ImVec2(xc, y), ImVec2(xc, y + row_h), cap_col, 1.0f);
    dl->PopClipRect();
    if (ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(ImVec2(origin.x, y), ImVec2(x_end, y + row_h))) {
      if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) vs.selected_obj = r.object;
      auto t = static_cast<VirtualTime>(vs.t_of(ImGui::GetIO().MousePos.x, x0, lanes_w));
      ImGui::BeginTooltip();
      ImGui::TextUnformatted(name.c_str());
      ImGui::Text("at %s", format_time(std::max<VirtualTime>(0, t)).c_str());
      if (r.main) ImGui::Text("%s: %lld", main_word(kind), static_cast<long long>(r.main->value_at(t)));
      if (r.waiters) ImGui::Text("waiting: %lld", static_cast<long long>(r.waiters->value_at(t)));
      if (cap > 0) ImGui::Text("capacity: %lld", static_cast<long long>(cap));
      ImGui::TextDisabled("click: inspect this object");
      ImGui::EndTooltip();
    }
  }
  // The plots, under the labels, capacity texts and cursor lines drawn above.
  if (canvas_rows > 0) {
    ImTextureID tex = canvas_.upload();
    const float u0 = (x0 - static_cast<float>(ox)) / static_cast<float>(tex_w);
    const float u1 = (x_end - static_cast<float>(ox)) / static_cast<float>(tex_w);
    const auto h = static_cast<float>(canvas_.height());
    dl->ChannelsSetCurrent(0);
    begin_opaque(dl);
    dl->PushTextureID(tex);
    for (const Band& b : bands_) {
      if (b.rows == 0) continue;
      dl->PrimReserve(6, 4);
      dl->PrimRectUV(ImVec2(x0, static_cast<float>(b.first_px)), ImVec2(x_end, static_cast<float>(b.first_px + b.rows)),
                     ImVec2(u0, static_cast<float>(b.canvas_row) / h),
                     ImVec2(u1, static_cast<float>(b.canvas_row + b.rows) / h), IM_COL32_WHITE);
    }
    dl->PopTextureID();
    end_opaque(dl);
  }
  dl->ChannelsMerge();
  // Wheel zooms and dragging pans exactly as on the timeline.
  const ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsWindowHovered() && io.MousePos.x >= x0) {
    if (io.MouseWheel != 0 && !io.KeyShift) vs.zoom(std::pow(0.8, io.MouseWheel), vs.t_of(io.MousePos.x, x0, lanes_w));
    if (io.MouseWheel != 0 && io.KeyShift) ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseWheel * row_h);
    if (ImGui::IsMouseDragging(ImGuiMouseButton_Left) && io.MouseDelta.x != 0) {
      double dt = io.MouseDelta.x / lanes_w * (vs.t1 - vs.t0);
      vs.t0 -= dt;
      vs.t1 -= dt;
      vs.fit = false;
    }
  }
  ImGui::EndChild();
}

}  // namespace interleave::gui
