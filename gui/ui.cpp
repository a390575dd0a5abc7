// ui.cpp — colours, state names and time-window arithmetic shared by the views.
#include "gui/ui.h"

#include <algorithm>
#include <cmath>

#include "gui/palette.h"

namespace interleave::gui {

WaitKind wait_kind(WaitReason r) {
  switch (r) {
    case WaitReason::ChanSend:
    case WaitReason::ChanReceive:
    case WaitReason::Select:
    case WaitReason::SelectNoCases:
    case WaitReason::ChanSendNilChan:
    case WaitReason::ChanRecvNilChan: return WaitKind::Channel;
    case WaitReason::MutexLock:
    case WaitReason::RWMutexRLock:
    case WaitReason::RWMutexLock: return WaitKind::Lock;
    default: return WaitKind::Sync;
  }
}

namespace {
ImU32 rgb(palette::Rgb c) { return IM_COL32(c.r, c.g, c.b, 255); }
}  // namespace

ImU32 state_color(GState s, WaitReason r) {
  switch (s) {
    case GState::Running: return rgb(palette::kRunning);
    case GState::Runnable: return rgb(palette::kRunnable);
    case GState::Sleeping: return rgb(palette::kSleeping);
    case GState::Done: return rgb(palette::kDone);
    case GState::Blocked:
      switch (wait_kind(r)) {
        case WaitKind::Channel: return rgb(palette::kBlockedChannel);
        case WaitKind::Lock: return rgb(palette::kBlockedLock);
        case WaitKind::Sync: return rgb(palette::kBlockedSync);
      }
  }
  return IM_COL32(128, 128, 128, 255);
}

ImU32 goroutine_color(GoroutineId g) {
  // Evenly spread hues (golden angle), fixed saturation and value: distinct, and never state-coloured grey.
  float h = std::fmod(static_cast<float>(g) * 0.618034f, 1.0f);
  float r, gg, b;
  ImGui::ColorConvertHSVtoRGB(h, 0.55f, 0.9f, r, gg, b);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(r, gg, b, 1.0f));
}

ImU32 text_on(ImU32 bg) {
  ImVec4 c = ImGui::ColorConvertU32ToFloat4(bg);
  float luma = 0.299f * c.x + 0.587f * c.y + 0.114f * c.z;
  return luma > 0.55f ? IM_COL32(0, 0, 0, 255) : IM_COL32(255, 255, 255, 255);
}

std::string state_text(GState s, WaitReason r) {
  std::string out(to_string(s));
  if ((s == GState::Blocked || s == GState::Sleeping) && r != WaitReason::None && r != WaitReason::Sleep)
    out += ": " + std::string(to_string(r));
  return out;
}

void ViewState::zoom(double factor, double at) {
  double span = (t1 - t0) * factor;
  span = std::clamp(span, 20.0, 1e13);
  double frac = (at - t0) / (t1 - t0);
  t0 = at - frac * span;
  t1 = t0 + span;
  fit = false;
}

float label_width(const ViewState& vs) { return 150.0f * vs.scale; }
float lane_height(const ViewState& vs) { return 20.0f * vs.scale; }

}  // namespace interleave::gui
