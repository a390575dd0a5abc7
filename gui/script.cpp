// script.cpp — the commands of `interleave gui --actions` (see script.h).
#include "gui/script.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "gui/app.h"

namespace interleave::gui {

bool Script::apply(App& app, Clock::time_point now) {
  if (click_ != 0) return true;
  if (playing_) {
    double dt = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    if (now >= play_until_) {
      playing_ = false;
      app.run.playing = false;
    } else {
      app.run.tick(dt, 50.0);
      return true;
    }
  }
  if (settle_ > 0) {
    --settle_;
    return true;
  }
  if (next_ >= actions_.size() || !error_.empty()) return false;
  const std::string a = actions_[next_++];
  settle_ = 2;
  auto colon = a.find(':');
  std::string verb = a.substr(0, colon), arg = colon == std::string::npos ? "" : a.substr(colon + 1);
  RunController& run = app.run;
  ViewState& vs = app.vs;
  auto time_arg = [&]() -> std::optional<VirtualTime> {
    auto d = patterns::parse_duration(arg);
    if (!d) error_ = "'" + a + "': needs a time with a unit (like 20ms)";
    return d;
  };
  if (verb == "step") {
    run.playing = false;
    run.step_once();
    vs.follow = true;
  } else if (verb == "back") {
    ControlsView::back_one_step(run, vs);
  } else if (verb == "end") {
    run.run_to_end(30'000);
    vs.follow = true;
  } else if (verb == "rewind") {
    try {
      run.rewind_to_step(std::stoull(arg));
    } catch (const std::exception&) {
      error_ = "'" + a + "': needs a step number";
    }
    run.playing = false;
    vs.follow = true;
  } else if (verb == "cursor") {
    if (auto t = time_arg()) {
      vs.cursor = *t;
      vs.follow = false;
    }
  } else if (verb == "play") {
    if (auto t = time_arg()) {
      playing_ = true;
      last_ = now;
      play_until_ = now + std::chrono::nanoseconds(*t);
      run.playing = true;
      vs.follow = true;
    }
  } else if (verb == "manual") {
    run.set_manual(true);
    run.playing = true;
  } else if (verb == "next-note" || verb == "prev-note" || verb == "next-block" || verb == "prev-block" ||
             verb == "next-end" || verb == "prev-end") {
    auto what = verb.ends_with("note")    ? ControlsView::Jump::Note
                : verb.ends_with("block") ? ControlsView::Jump::Block
                                          : ControlsView::Jump::End;
    ControlsView::jump(run, vs, what, verb.starts_with("next"));
  } else if (verb == "tab") {
    vs.select_tab = arg;
  } else if (verb == "select") {
    GoroutineId found = kNoGoroutine;
    for (GoroutineId g = 1; g <= run.model().goroutine_count(); ++g)
      if (run.model().name(g) == arg) found = g;
    if (found == kNoGoroutine) error_ = "'" + a + "': no goroutine called '" + arg + "'";
    vs.selected_g = found;
  } else if (verb == "edit") {
    std::ifstream in(arg, std::ios::binary);
    if (!in) {
      error_ = "'" + a + "': cannot read '" + arg + "'";
      return false;
    }
    std::ostringstream text;
    text << in.rdbuf();
    app.editor.set_text(run, text.str());
    vs.select_tab = "Editor";
  } else if (verb == "editor-run") {
    vs.select_tab = "Editor";
    app.editor.run_text(run, vs);
    if (run.has_run() && app.editor.errors().empty()) {
      run.run_to_end(30'000);
      vs.follow = true;
    }
  } else if (verb == "editor-save") {
    app.editor.save(run, vs);
  } else if (verb == "open-dialog") {  // File > Open..., in folder ARG (default: the scenario's)
    app.controls.ask_file(ControlsView::FileTask::Open, run, arg);
  } else if (verb == "save-dialog" || verb == "export-dialog") {  // File > Save replay... / Export trace...
    app.controls.ask_file(
        verb == "save-dialog" ? ControlsView::FileTask::SaveReplay : ControlsView::FileTask::ExportTrace, run, arg);
  } else if (verb == "dialog-name") {  // type a file name in the open dialog and press Enter
    if (!app.controls.dialog().is_open() || !app.controls.dialog().confirm(arg))
      error_ = "'" + a + "': the file dialog cannot take '" + arg + "'";
  } else if (verb == "dialog") {  // a double click on an entry of the open dialog ("..", a folder, a file)
    if (!app.controls.dialog().is_open() || !app.controls.dialog().choose(arg))
      error_ = "'" + a + "': the file dialog has no entry '" + arg + "'";
  } else if (verb == "save-replay") {  // File > Save replay, to this path
    std::string msg;
    if (arg.empty() || !run.save_replay(arg, &msg)) error_ = "'" + a + "': " + (arg.empty() ? "needs a path" : msg);
  } else if (verb == "click") {
    auto it = vs.targets.find(arg);
    if (it == vs.targets.end()) {
      error_ = "'" + a + "': nothing called '" + arg + "' on screen";
      return false;
    }
    at_ = it->second;
    click_ = 1;
  } else {
    error_ = "unknown action '" + a + "'";
  }
  return !done();
}

void Script::mouse(ImGuiIO& io) {
  if (click_ == 0) return;
  io.MousePos = at_;
  io.MouseDown[0] = click_ == 1;
  click_ = click_ == 3 ? 0 : click_ + 1;
}

}  // namespace interleave::gui
