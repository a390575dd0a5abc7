// log_view.cpp — the filterable event log.
#include "gui/log_view.h"

#include <algorithm>

#include "gui/run_controller.h"

namespace interleave::gui {

namespace {
bool contains_ci(std::string_view hay, std::string_view needle) {
  if (needle.empty()) return true;
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
  return it != hay.end();
}
}  // namespace

bool LogView::matches(const TraceModel& m, const Event& e, GoroutineId only) const {
  auto type = static_cast<std::size_t>(e.type);
  if (type >= std::size(show_) || !show_[type]) return false;
  if (only != kNoGoroutine) {
    bool involves = e.g == only;
    if ((e.type == EventType::Wake || e.type == EventType::ChanMatch) && static_cast<GoroutineId>(e.value) == only)
      involves = true;
    if (!involves) return false;
  }
  if (filter_[0] == '\0') return true;
  std::string_view f = filter_;
  return contains_ci(m.name(e.g), f) || contains_ci(m.object_name(e.object), f) || contains_ci(to_string(e.type), f) ||
         (e.type == EventType::State &&
          (contains_ci(to_string(e.state()), f) || contains_ci(to_string(e.reason()), f)));
}

std::string LogView::describe(const TraceModel& m, const Event& e) const {
  std::string who = e.g ? std::string(m.name(e.g)) : std::string("scheduler");
  auto other = static_cast<GoroutineId>(e.value);
  switch (e.type) {
    case EventType::GoCreate: return who + " created by " + (e.value ? std::string(m.name(other)) : "the run");
    case EventType::State: {
      std::string s = who + " \xE2\x86\x92 " + state_text(e.state(), e.reason());
      if (e.object) s += " on " + m.object_label(e.object);
      if (e.state() == GState::Running && e.value >= 0) s += " (P" + std::to_string(e.value) + ")";
      return s;
    }
    case EventType::ObjCreate: return m.object_label(e.object) + " created";
    case EventType::Counter:
      return m.object_label(e.object) + " " + std::string(to_string(e.counter())) + " = " + std::to_string(e.value);
    case EventType::Wake:
      return who + " woke " + std::string(m.name(other)) + (e.object ? " via " + m.object_label(e.object) : "");
    case EventType::ChanMatch:
      return who + " handed a value to " + std::string(m.name(other)) + " through " + m.object_label(e.object);
    case EventType::Decision:
      return "decision " + std::string(to_string(e.decision())) + ": option " + std::to_string(e.value) + " of " +
             std::to_string(e.object);
    case EventType::Note:
      if (e.b == kAccessNote)
        return who + (e.a ? " wrote " : " read ") +
               (e.value == kOutputLocation ? std::string("the output") : "a variable");
      return who + " note " + std::to_string(e.value);
    case EventType::RunEnd: return "run ended: " + std::string(to_string(e.outcome()));
  }
  return {};
}

void LogView::draw(RunController& run, ViewState& vs) {
  if (!run.has_run()) return;
  const TraceModel& m = run.model();
  const TraceRecorder& rec = *m.recorder();
  // Filter bar.
  const char* names[] = {"create", "state", "object", "counter", "wake", "decision", "hand-off", "note", "end"};
  bool changed = false;
  ImGui::SetNextItemWidth(160 * vs.scale);
  changed |= ImGui::InputTextWithHint("##filter", "filter: name, object...", filter_, sizeof filter_);
  for (int i = 0; i < 9; ++i) {
    if (i == 2 || i == 7) continue;  // object creation and notes are rare: always shown when their kind is on
    ImGui::SameLine();
    changed |= ImGui::Checkbox(names[i], &show_[i]);
  }
  ImGui::SameLine();
  changed |= ImGui::Checkbox("selected only", &only_selected_);
  GoroutineId only = only_selected_ ? vs.selected_g : kNoGoroutine;
  if (changed || only != only_used_ || run.generation() != generation_ || rec.size() < scanned_) {
    rows_.clear();
    scanned_ = 0;
    only_used_ = only;
    generation_ = run.generation();
  }
  // Only events the model has consumed are shown, so the log, timeline and cursor agree.
  std::size_t upto = m.consumed();
  for (; scanned_ < upto; ++scanned_)
    if (matches(m, rec[scanned_], only)) rows_.push_back(static_cast<std::uint32_t>(scanned_));

  ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("events", 3, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, 70 * vs.scale);
  ImGui::TableSetupColumn("time", ImGuiTableColumnFlags_WidthFixed, 90 * vs.scale);
  ImGui::TableSetupColumn("event", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  // The first event at or after the cursor, highlighted and (when following) kept in view.
  auto at = std::ranges::lower_bound(rows_, vs.cursor, {}, [&](std::uint32_t i) { return rec[i].time; });
  long cursor_row = at == rows_.end() ? static_cast<long>(rows_.size()) - 1 : static_cast<long>(at - rows_.begin());
  const float row_h = ImGui::GetTextLineHeightWithSpacing();
  if (vs.follow) ImGui::SetScrollY(std::max(0.0f, static_cast<float>(rows_.size()) * row_h));
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows_.size()), row_h);
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      std::uint32_t i = rows_[static_cast<std::size_t>(r)];
      const Event& e = rec[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(r);
      bool here = r == cursor_row || i == clicked_;
      if (ImGui::Selectable(std::to_string(i).c_str(), here, ImGuiSelectableFlags_SpanAllColumns)) {
        vs.cursor = e.time;
        vs.follow = false;
        clicked_ = i;
        if (e.g) vs.selected_g = e.g;
        if (e.object && e.type != EventType::Decision) vs.selected_obj = e.object;
      }
      ImGui::PopID();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_time(e.time).c_str());
      ImGui::TableNextColumn();
      if (e.type == EventType::State) {
        ImGui::PushStyleColor(ImGuiCol_Text, state_color(e.state(), e.reason()));
        ImGui::TextUnformatted("\xE2\x96\xA0");  // ■ in the state's colour
        ImGui::PopStyleColor();
        ImGui::SameLine();
      }
      ImGui::TextUnformatted(describe(m, e).c_str());
    }
  }
  ImGui::EndTable();
}

}  // namespace interleave::gui
