// compare_view.cpp — two runs on one time axis, the first difference marked.
#include "gui/compare_view.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "gui/run_controller.h"

namespace interleave::gui {

namespace {
bool same_event(const Event& x, const Event& y) {
  return x.time == y.time && x.type == y.type && x.g == y.g && x.object == y.object && x.value == y.value &&
         x.a == y.a && x.b == y.b;
}

std::string describe(const TraceModel& m, const Event& e) {
  std::string who = e.g ? std::string(m.name(e.g)) : std::string("the scheduler");
  switch (e.type) {
    case EventType::State: return who + " " + state_text(e.state(), e.reason());
    case EventType::GoCreate: return who + " created";
    case EventType::Wake: return who + " wakes " + std::string(m.name(static_cast<GoroutineId>(e.value)));
    case EventType::ChanMatch:
      return who + " hands a value to " + std::string(m.name(static_cast<GoroutineId>(e.value)));
    case EventType::Decision: return "decision: option " + std::to_string(e.value) + " of " + std::to_string(e.object);
    case EventType::RunEnd: return "the run ends: " + std::string(to_string(e.outcome()));
    default: return who + " " + std::string(to_string(e.type));
  }
}
}  // namespace

void CompareView::close() {
  b_.reset();
  model_b_.reset(nullptr);
  diff_.reset();
}

void CompareView::set_seed(RunController& run, std::uint64_t seed) {
  if (!run.has_run()) return;
  close();
  seed_b_ = seed;
  seed_input_ = static_cast<int>(seed);
  engine::RunConfig cfg = run.session().config();
  cfg.seed = seed;
  cfg.replay.clear();
  cfg.strict_replay = false;
  if (cfg.policy == "manual") cfg.policy = run.session().program().default_policy();
  try {
    b_ = std::make_unique<engine::Session>(cfg);
    auto start = std::chrono::steady_clock::now();
    while (b_->scheduler().outcome() == Outcome::Running &&
           std::chrono::steady_clock::now() - start < std::chrono::milliseconds(2000))
      b_->run_until_step(b_->scheduler().steps() + 4096);
  } catch (const std::exception&) {
    b_.reset();
    return;
  }
  model_b_.reset(&b_->trace());
  model_b_.update();
  generation_ = run.generation();
  compared_ = 0;
}

void CompareView::find_difference(const TraceRecorder& a) {
  if (diff_) return;
  const TraceRecorder& b = b_->trace();
  const std::size_t n = std::min(a.size(), b.size());
  for (; compared_ < n; ++compared_)
    if (!same_event(a[compared_], b[compared_])) {
      diff_ = compared_;
      return;
    }
  if (a.size() != b.size() && b_->scheduler().outcome() != Outcome::Running && compared_ == b.size())
    diff_ = compared_;  // B ended where A goes on
}

void CompareView::lanes(const TraceModel& m, const char* tag, ViewState& vs, ImVec2 origin, float width, float lane_h,
                        float label_w) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float x0 = origin.x + label_w, w = width - label_w;
  const double ns_per_px = (vs.t1 - vs.t0) / std::max(1.0f, w);
  // Each lane named when there is room; else the run's name once, by its lanes.
  const bool labelled = lane_h >= ImGui::GetTextLineHeight();
  if (!labelled) {
    const float h = static_cast<float>(m.goroutine_count()) * lane_h;
    dl->AddText(ImVec2(origin.x + 2, origin.y + (h - ImGui::GetTextLineHeight()) * 0.5f),
                ImGui::GetColorU32(ImGuiCol_Text), tag);
  }
  for (GoroutineId g = 1; g <= m.goroutine_count(); ++g) {
    const float y = origin.y + static_cast<float>(g - 1) * lane_h;
    if (labelled) {
      std::string label = std::string(tag) + ": " + std::string(m.name(g));
      dl->PushClipRect(ImVec2(origin.x, y), ImVec2(x0 - 4, y + lane_h), true);
      dl->AddText(ImVec2(origin.x + 2, y + (lane_h - ImGui::GetTextLineHeight()) * 0.5f),
                  ImGui::GetColorU32(ImGuiCol_Text), label.c_str());
      dl->PopClipRect();
    }
    m.lod(g, static_cast<VirtualTime>(vs.t0), static_cast<VirtualTime>(std::ceil(vs.t1)), ns_per_px, pieces_);
    for (const LodPiece& p : pieces_) {
      if (p.state == GState::Done) continue;
      float a = std::max(x0, vs.x_of(static_cast<double>(p.start), x0, w));
      float b = std::min(x0 + w, std::max(a + 1.0f, vs.x_of(static_cast<double>(p.end), x0, w)));
      if (b <= x0 || a >= x0 + w) continue;
      const float gap = lane_h > 8 ? 2.0f : 0.5f;
      dl->AddRectFilled(ImVec2(a, y + gap), ImVec2(b, y + lane_h - gap), state_color(p.state, p.reason));
    }
  }
}

void CompareView::draw(RunController& run, ViewState& vs) {
  if (!run.has_run()) return;
  if (b_ && run.generation() != generation_) set_seed(run, seed_b_);  // A was restarted or reloaded
  ImGui::SetNextItemWidth(120 * vs.scale);
  ImGui::InputInt("seed B", &seed_input_);
  ImGui::SameLine();
  if (ImGui::Button(b_ ? "Re-run B" : "Compare")) set_seed(run, static_cast<std::uint64_t>(std::max(0, seed_input_)));
  if (b_) {
    ImGui::SameLine();
    if (ImGui::Button("Close")) {
      close();
      return;
    }
  }
  if (!b_) {
    ImGui::TextDisabled("Run the same scenario with another seed (B) and see both runs on one time axis.");
    return;
  }
  const TraceModel& a = run.model();
  model_b_.update();
  find_difference(*a.recorder());
  // The first difference, in words, and where it is.
  VirtualTime at = 0;
  if (diff_) {
    const TraceRecorder& ra = *a.recorder();
    const TraceRecorder& rb = b_->trace();
    const std::size_t i = *diff_;
    at = i < ra.size() ? ra[i].time : rb[std::min(i, rb.size() - 1)].time;
    if (i < rb.size() && i < ra.size()) at = std::min(ra[i].time, rb[i].time);
    diff_text_ = "first difference at " + format_time(at) + " (event " + std::to_string(i) +
                 "): A: " + (i < ra.size() ? describe(a, ra[i]) : "(ended)") +
                 "; B: " + (i < rb.size() ? describe(model_b_, rb[i]) : "(ended)");
  } else {
    diff_text_ = b_->scheduler().outcome() != Outcome::Running && run.finished() ? "the two runs are identical"
                                                                                 : "no difference yet";
  }
  const std::string head = "A: seed " + std::to_string(run.config().seed) + ", " +
                           std::string(to_string(run.session().scheduler().outcome())) + " at " +
                           format_time(a.end_time()) + "    B: seed " + std::to_string(seed_b_) + ", " +
                           std::string(to_string(b_->scheduler().outcome())) + " at " +
                           format_time(model_b_.end_time());
  ImGui::TextUnformatted(head.c_str());
  ImGui::TextColored(diff_ ? ImVec4(1.0f, 0.45f, 0.4f, 1.0f) : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled), "%s",
                     diff_text_.c_str());
  vs.report.compare = head + "; " + diff_text_;
  // The lanes: A's, then B's, on the timeline's time axis.
  ImGui::BeginChild("compare_lanes", ImVec2(0, 0), false);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float total = static_cast<float>(a.goroutine_count() + model_b_.goroutine_count());
  const float lane_h = std::clamp((ImGui::GetContentRegionAvail().y - 8) / std::max(1.0f, total), 4.0f,
                                  ImGui::GetTextLineHeightWithSpacing() * 1.2f);
  const float label_w = label_width(vs);
  const std::string tag_a = "A (seed " + std::to_string(run.config().seed) + ")";
  const std::string tag_b = "B (seed " + std::to_string(seed_b_) + ")";
  lanes(a, tag_a.c_str(), vs, origin, width, lane_h, label_w);
  const ImVec2 origin_b(origin.x, origin.y + static_cast<float>(a.goroutine_count()) * lane_h + 6);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddLine(ImVec2(origin.x, origin_b.y - 3), ImVec2(origin.x + width, origin_b.y - 3),
              ImGui::GetColorU32(ImGuiCol_Separator));
  lanes(model_b_, tag_b.c_str(), vs, origin_b, width, lane_h, label_w);
  const float bottom = origin_b.y + static_cast<float>(model_b_.goroutine_count()) * lane_h;
  const float x0 = origin.x + label_w, w = width - label_w;
  // The cursor, and the first difference in red across both.
  float cx = vs.x_of(static_cast<double>(vs.cursor), x0, w);
  if (cx >= x0 && cx <= x0 + w)
    dl->AddLine(ImVec2(cx, origin.y), ImVec2(cx, bottom), ImGui::GetColorU32(ImGuiCol_Text));
  if (diff_) {
    float dx = vs.x_of(static_cast<double>(at), x0, w);
    if (dx >= x0 && dx <= x0 + w) {
      dl->AddLine(ImVec2(dx, origin.y), ImVec2(dx, bottom), IM_COL32(235, 40, 40, 255), 3.0f * vs.scale);
      vs.report.compare_marker = true;
    }
  }
  ImGui::Dummy(ImVec2(width, bottom - origin.y));
  ImGui::EndChild();
}

}  // namespace interleave::gui
