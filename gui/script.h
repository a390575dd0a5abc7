// script.h — Script: the commands of `interleave gui --actions` (for tests and teachers' scripts), applied
// between frames of the real window, one at a time.
//
//   step            one scheduler step                  back          one step back (re-execution)
//   end             run to the end                      rewind:N      re-execute to step N
//   cursor:TIME     move the time cursor (20ms)         play:TIME     play for that much wall-clock time
//   next-note / prev-note / next-block / prev-block / next-end        jump the cursor (as the keys do)
//   manual          "you are the scheduler" on          click:NAME    press and release the left mouse button
//                                                                     on a named target (ViewState::targets)
//   tab:NAME        bring a tab forward (Editor, Output, Variables...)   select:NAME   select a goroutine
//   edit:FILE       the editor's text becomes FILE's (as if typed)       editor-run    the editor's Run button
//   editor-save     the editor's Save button                             (then the run plays to its end)
//
//   Script script(req.actions);
//   per frame: busy = script.apply(app, now);  ...  script.mouse(io) before ImGui::NewFrame()
#pragma once

#include <imgui.h>

#include <chrono>
#include <string>
#include <vector>

namespace interleave::gui {

struct App;

class Script {
 public:
  using Clock = std::chrono::steady_clock;
  explicit Script(std::vector<std::string> actions) : actions_(std::move(actions)) {}
  // Applies the next command when the previous one is over; true while one is still in progress.
  bool apply(App& app, Clock::time_point now);
  // A click in progress: puts the pointer on its target and the button down, then up (call before NewFrame).
  void mouse(ImGuiIO& io);
  bool done() const { return next_ >= actions_.size() && click_ == 0 && !playing_ && settle_ == 0; }
  const std::string& error() const { return error_; }

 private:
  std::vector<std::string> actions_;
  std::size_t next_ = 0;
  int click_ = 0;  // 0 none, 1 press, 2 release, 3 a frame to settle
  ImVec2 at_;
  bool playing_ = false;
  int settle_ = 0;  // frames to let the views catch up (scrolling follows a frame late)
  Clock::time_point play_until_, last_;
  std::string error_;
};

}  // namespace interleave::gui
