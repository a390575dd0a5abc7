// controls_view.cpp — the toolbar and the keyboard shortcuts.
#include "gui/controls_view.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "gui/run_controller.h"

namespace interleave::gui {

void ControlsView::back_one_step(RunController& run, ViewState& vs) {
  std::uint64_t s = run.steps();
  run.rewind_to_step(s > 0 ? s - 1 : 0);
  vs.follow = true;
  run.playing = false;
}

bool ControlsView::jump(RunController& run, ViewState& vs, Jump what, bool forward) {
  if (!run.has_run()) return false;
  const TraceModel& m = run.model();
  const VirtualTime now = vs.cursor;
  std::optional<VirtualTime> to;
  auto consider = [&](VirtualTime t) {
    if (forward ? t > now && (!to || t < *to) : t < now && (!to || t > *to)) to = t;
  };
  switch (what) {
    case Jump::Note: to = forward ? run.notes().next_after(now) : run.notes().previous_before(now); break;
    case Jump::Block:
      for (GoroutineId g = 1; g <= m.goroutine_count(); ++g) {
        const auto& ivs = m.intervals(g);
        long i = m.interval_index_at(g, now);
        if (forward) {
          for (auto k = static_cast<std::size_t>(std::max(0L, i)); k < ivs.size(); ++k)
            if (ivs[k].state == GState::Blocked && ivs[k].start > now) {
              consider(ivs[k].start);
              break;
            }
        } else {
          for (long k = std::min<long>(i, static_cast<long>(ivs.size()) - 1); k >= 0; --k)
            if (ivs[static_cast<std::size_t>(k)].state == GState::Blocked &&
                ivs[static_cast<std::size_t>(k)].start < now) {
              consider(ivs[static_cast<std::size_t>(k)].start);
              break;
            }
        }
      }
      break;
    case Jump::End:
      if (m.run_end().ended && m.run_end().outcome != Outcome::Completed) consider(m.run_end().time);
      break;
  }
  if (!to || *to > std::max(m.end_time(), run.play_time())) return false;
  vs.cursor = *to;
  vs.follow = false;
  run.playing = false;
  if (vs.cursor < vs.t0 || vs.cursor > vs.t1) vs.fit = true;
  return true;
}

std::string ControlsView::output_name(RunController& run, const char* suffix) const {
  std::string stem = run.path().empty() ? "interleave" : run.path().stem().string();
  return stem + "-seed" + std::to_string(run.config().seed) + suffix;
}

void ControlsView::draw(RunController& run, ViewState& vs) {
  if (!run.has_run()) return;
  const float s = vs.scale;
  // Row 1: time.
  if (ImGui::Button(run.playing ? "\xE2\x80\x96 Pause" : "\xE2\x96\xB6 Play", ImVec2(80 * s, 0))) {
    run.playing = !run.playing;
    if (run.playing) vs.follow = true;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("space");
  ImGui::SameLine();
  if (ImGui::Button("Step \xE2\x96\xB8")) {
    run.playing = false;
    run.step_once();
    vs.follow = true;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("one scheduler step (\xE2\x86\x92)");
  ImGui::SameLine();
  ImGui::BeginDisabled(vs.selected_g == kNoGoroutine);
  if (ImGui::Button("Step goroutine")) {
    run.playing = false;
    run.step_goroutine(vs.selected_g);
    vs.follow = true;
  }
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("run until the selected goroutine changes state");
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("\xE2\x97\x82 Back")) back_one_step(run, vs);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("one step back: re-executes the run to the previous step (\xE2\x86\x90)");
  ImGui::SameLine();
  if (ImGui::Button("\xE2\x86\xBB Restart")) {
    run.restart();
    vs.fit = true;
    vs.follow = true;
  }
  ImGui::SameLine();
  // Speed: virtual time per wall-clock second, on a log scale from 1 us/s to 1 s/s.
  float lg = static_cast<float>(std::log10(run.speed));
  std::string speed_label = format_time(static_cast<Duration>(run.speed)) + "/s";
  ImGui::SetNextItemWidth(150 * s);
  if (ImGui::SliderFloat("##speed", &lg, 3.0f, 9.0f, speed_label.c_str()))
    run.speed = std::clamp(std::pow(10.0, static_cast<double>(lg)), RunController::kMinSpeed, RunController::kMaxSpeed);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("speed: virtual time played per real second ([ halves, ] doubles); at most %.0f steps a second",
                      run.max_steps_per_second);
  ImGui::SameLine();
  // Jumps: previous / next note, block, end of the run.
  auto jump_button = [&](const char* label, Jump what, bool forward, const char* tip) {
    if (ImGui::SmallButton(label)) jump(run, vs, what, forward);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
    ImGui::SameLine(0, 2 * s);
  };
  jump_button("\xE2\x97\x82note", Jump::Note, false, "previous lesson note (shift+N)");
  jump_button("note\xE2\x96\xB8", Jump::Note, true, "next lesson note (N)");
  jump_button(
      "\xE2\x97\x82"
      "block",
      Jump::Block, false, "previous moment a goroutine blocks (shift+B)");
  jump_button("block\xE2\x96\xB8", Jump::Block, true, "next moment a goroutine blocks (B)");
  jump_button("end\xE2\x96\xB8", Jump::End, true, "the deadlock or violation that ended the run (E)");
  ImGui::SameLine();
  // The step scrubber: dragging re-executes the run to that step.
  std::uint64_t max_step = std::max(run.furthest_step(), run.steps());
  if (!scrubbing_) scrub_ = run.steps();
  // It takes the room the buttons after it leave; when too little is left, those go on their own line.
  const ImGuiStyle& st = ImGui::GetStyle();
  auto button_w = [&](const char* l) { return ImGui::CalcTextSize(l).x + 2 * st.FramePadding.x + st.ItemSpacing.x; };
  // Presenter mode's large font: short labels (the tooltips say the rest).
  const bool compact = vs.presenter;
  const char* follow_label = vs.follow ? (compact ? "Live" : "Following") : (compact ? "Go live" : "Follow live");
  const char* fit_label = compact ? "Fit" : "Fit (F)";
  const char* help_label = compact ? "Help" : "Help (F1)";
  const char* record_label = compact ? "\xE2\x97\x8F Rec" : "\xE2\x97\x8F Record";
  const char* mode_label = vs.presenter ? "Desktop" : "Presenter";
  const float tail = button_w(follow_label) + button_w(fit_label) + button_w(help_label) + button_w(record_label) +
                     button_w(mode_label) + st.ItemSpacing.x;
  const bool tail_fits = ImGui::GetContentRegionAvail().x - tail >= 120.0f * s;
  ImGui::SetNextItemWidth(tail_fits ? ImGui::GetContentRegionAvail().x - tail
                                    : std::max(120.0f * s, ImGui::GetContentRegionAvail().x - st.ItemSpacing.x));
  std::uint64_t lo = 0;
  std::string scrub_label = "step %llu of " + std::to_string(max_step);
  if (ImGui::SliderScalar("##scrub", ImGuiDataType_U64, &scrub_, &lo, &max_step, scrub_label.c_str())) {
    scrubbing_ = true;
  }
  if (scrubbing_ && !ImGui::IsItemActive()) {
    scrubbing_ = false;
    run.playing = false;
    run.rewind_to_step(scrub_);
    vs.follow = true;
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("scrub: re-executes the run with the same seed and decisions up to this step");
  if (tail_fits) ImGui::SameLine();
  if (ImGui::Button(follow_label)) vs.follow = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("the time cursor follows the live end of the run");
  ImGui::SameLine();
  if (ImGui::Button(fit_label)) vs.fit = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("show the whole run (F)");
  ImGui::SameLine();
  if (ImGui::Button(help_label)) vs.show_help = !vs.show_help;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("keyboard shortcuts (F1)");
  ImGui::SameLine();
  if (ImGui::Button(record_label)) vs.request_record = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("record the run from its start as an animated GIF, for slides");
  ImGui::SameLine();
  if (ImGui::Button(mode_label)) vs.request_presenter_toggle = true;
  vs.report.toolbar_fits = ImGui::GetItemRectMax().x <= ImGui::GetWindowPos().x + ImGui::GetWindowWidth();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("presenter mode: large fonts, high contrast (P)");

  // Row 2: the schedule, manual scheduling, files.
  engine::RunConfig& cfg = run.config();
  bool restart = false;
  ImGui::SetNextItemWidth(110 * s);
  restart |= ImGui::InputScalar("seed", ImGuiDataType_U64, &cfg.seed, nullptr, nullptr, nullptr,
                                ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90 * s);
  const char* policies[] = {"fifo", "random", "pct", "go"};
  if (ImGui::BeginCombo("policy", cfg.policy.c_str())) {
    for (const char* p : policies) {
      if (ImGui::Selectable(p, cfg.policy == p)) {
        cfg.policy = p;
        restart = true;
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90 * s);
  if (ImGui::SliderInt("procs", &cfg.procs, 1, 8)) restart = true;
  // The rest of the schedule: time slice, which waiter a wake-one wakes, and PCT's depth.
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90 * s);
  int quantum_us = static_cast<int>(cfg.quantum / 1000);
  if (ImGui::SliderInt("quantum", &quantum_us, 0, 10000, quantum_us == 0 ? "none" : "%d us",
                       ImGuiSliderFlags_Logarithmic)) {
    cfg.quantum = static_cast<Duration>(quantum_us) * 1000;
    restart = true;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("time slice: work() longer than this may be preempted (0: never)");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(80 * s);
  const char* orders[] = {"fifo", "policy"};
  int order = cfg.wake_order == WakeOrder::Fifo ? 0 : 1;
  if (ImGui::Combo("wake", &order, orders, 2)) {
    cfg.wake_order = order == 0 ? WakeOrder::Fifo : WakeOrder::Policy;
    restart = true;
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("which waiter a wake-one wakes: the longest waiting, or the policy's pick");
  if (cfg.policy == "pct") {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(70 * s);
    int depth = static_cast<int>(cfg.pct_depth);
    if (ImGui::SliderInt("depth", &depth, 1, 10)) {
      cfg.pct_depth = static_cast<std::uint32_t>(depth);
      restart = true;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("PCT depth: how many priority change points a run gets");
  }
  if (restart) {
    run.apply_config();
    vs.fit = true;
    vs.follow = true;
  }
  ImGui::SameLine(0, 20 * s);
  bool manual = run.manual();
  if (ImGui::Checkbox("You are the scheduler", &manual)) {
    run.set_manual(manual);
    if (manual) run.playing = true;
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("manual policy: you choose which runnable goroutine runs next; untick to hand back to %s",
                      cfg.policy.c_str());
  if (run.needs_decision()) {
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(state_color(GState::Runnable)), "run next:");
    const TraceModel& m = run.model();
    for (GoroutineId g : run.runnable()) {
      ImGui::SameLine();
      ImGui::PushID(static_cast<int>(g));
      ImGui::PushStyleColor(ImGuiCol_Button, goroutine_color(g));
      ImGui::PushStyleColor(ImGuiCol_Text, text_on(goroutine_color(g)));
      if (ImGui::SmallButton(std::string(m.name(g)).c_str())) {
        run.pick(g);
        vs.follow = true;
      }
      ImGui::PopStyleColor(2);
      ImGui::PopID();
    }
  }
}

void ControlsView::ask_file(FileTask task, RunController& run, const std::filesystem::path& folder) {
  std::filesystem::path dir = folder;
  if (dir.empty()) dir = task == FileTask::Open && !run.path().empty() ? run.path().parent_path() : ".";
  task_ = task;
  switch (task) {
    case FileTask::Open:
      dialog_.open(FileDialog::Mode::Open, "Open a scenario, Go program or recording", dir, "",
                   {".toml", ".go", ".native"});
      break;
    case FileTask::SaveReplay:
      dialog_.open(FileDialog::Mode::Save, "Save the replay", dir, output_name(run, ".native"), {".native"});
      break;
    case FileTask::ExportTrace:
      dialog_.open(FileDialog::Mode::Save, "Export the trace (Perfetto / Chrome JSON)", dir,
                   output_name(run, ".perfetto.json"), {".json"});
      break;
  }
}

void ControlsView::file_dialog(RunController& run, ViewState& vs) {
  if (dialog_.is_open())
    vs.report.dialog = std::string(task_ == FileTask::Open ? "open" : "save") + " in " + dialog_.folder().string() +
                       " (" + std::to_string(dialog_.entries().size()) + " entries)";
  auto path = dialog_.draw(vs);
  if (!path) return;
  std::string msg;
  switch (task_) {
    case FileTask::Open:
      if (run.open(*path)) {
        vs.fit = vs.follow = true;
        vs.set_message("opened " + path->string());
      }
      break;
    case FileTask::SaveReplay:
      run.save_replay(path->string(), &msg);
      vs.set_message(msg);
      break;
    case FileTask::ExportTrace:
      run.export_trace(path->string(), &msg);
      vs.set_message(msg);
      break;
  }
}

void ControlsView::draw_menu(RunController& run, ViewState& vs, const std::function<void()>& more_menus) {
  file_dialog(run, vs);
  if (!ImGui::BeginMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open...", "Ctrl+O")) ask_file(FileTask::Open, run);
    if (ImGui::MenuItem("Save replay...", nullptr, false, run.has_run())) ask_file(FileTask::SaveReplay, run);
    if (ImGui::MenuItem("Export trace (Perfetto)...", nullptr, false, run.has_run()))
      ask_file(FileTask::ExportTrace, run);
    if (ImGui::MenuItem("Save screenshot")) vs.request_screenshot = true;
    if (ImGui::MenuItem("Record the run as a GIF")) vs.request_record = true;
    if (ImGui::MenuItem("Restart the run", "R")) {
      run.restart();
      vs.fit = vs.follow = true;
    }
    // (Saving the file reloads it too, by itself.)
    if (ImGui::MenuItem("Reload the scenario file", nullptr, false, !run.path().empty())) run.reload();
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    if (ImGui::MenuItem("Presenter mode", "P", vs.presenter)) vs.request_presenter_toggle = true;
    if (ImGui::MenuItem("Fullscreen", "F11")) vs.request_fullscreen = true;
    if (ImGui::MenuItem("Fit the whole run", "F")) vs.fit = true;
    if (ImGui::MenuItem("Keyboard shortcuts", "F1")) vs.show_help = true;
    ImGui::EndMenu();
  }
  if (more_menus) more_menus();
  // The scenario's name in the bar, so the projector always says what is on screen.
  if (run.has_run()) {
    ImGui::SameLine(0, 30 * vs.scale);
    ImGui::TextDisabled("%s  \xE2\x80\x94  %s", run.path().filename().string().c_str(),
                        run.session().program().name().c_str());
  }
  ImGui::EndMenuBar();
}

void ControlsView::shortcuts(RunController& run, ViewState& vs) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || dialog_.is_open()) return;
  auto pressed = [](ImGuiKey k) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(k)); };
  if (io.KeyCtrl &&
      ImGui::IsKeyPressed('O')) {  // ImGui 1.86 names no O key; the GLFW backend indexes keys by GLFW code
    ask_file(FileTask::Open, run);
    return;
  }
  if (pressed(ImGuiKey_Space)) {
    run.playing = !run.playing;
    if (run.playing) vs.follow = true;
  }
  if (pressed(ImGuiKey_RightArrow)) {
    run.playing = false;
    if (vs.selected_g != kNoGoroutine && io.KeyShift)
      run.step_goroutine(vs.selected_g);
    else
      run.step_once();
    vs.follow = true;
  }
  if (pressed(ImGuiKey_LeftArrow)) back_one_step(run, vs);
  if (pressed(ImGuiKey_Escape)) {
    vs.show_help = false;
    vs.selected_g = kNoGoroutine;
    vs.selected_obj = kNoObject;
  }
  for (const ImWchar c : io.InputQueueCharacters) {
    double mid = static_cast<double>(vs.cursor);
    if (mid < vs.t0 || mid > vs.t1) mid = (vs.t0 + vs.t1) * 0.5;
    switch (c) {
      case 'f':
      case 'F': vs.fit = true; break;
      case '+':
      case '=': vs.zoom(0.5, mid); break;
      case '-':
      case '_': vs.zoom(2.0, mid); break;
      case '?': vs.show_help = !vs.show_help; break;
      case '[': run.speed = std::max(RunController::kMinSpeed, run.speed / 2); break;
      case ']': run.speed = std::min(RunController::kMaxSpeed, run.speed * 2); break;
      case 'n': jump(run, vs, Jump::Note, true); break;
      case 'N': jump(run, vs, Jump::Note, false); break;
      case 'b': jump(run, vs, Jump::Block, true); break;
      case 'B': jump(run, vs, Jump::Block, false); break;
      case 'e': jump(run, vs, Jump::End, true); break;
      case 'E': jump(run, vs, Jump::End, false); break;
      case 'p':
      case 'P': vs.request_presenter_toggle = true; break;
      case 'r':
      case 'R':
        run.restart();
        vs.fit = vs.follow = true;
        break;
      default: break;
    }
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_F1)) vs.show_help = !vs.show_help;
  if (ImGui::IsKeyPressed(GLFW_KEY_F11)) vs.request_fullscreen = true;
}

}  // namespace interleave::gui
