// controls_view.h — ControlsView: the toolbar. Play/pause, step, step the selected goroutine, back (by
// re-execution), restart, speed (virtual time per second, log scale), the step scrubber, seed / policy /
// processors, "you are the scheduler", and save replay / export trace / screenshot / presenter / help.
//
//   ControlsView controls;
//   controls.draw(run, vs);
#pragma once

#include <functional>
#include <string>

#include "gui/ui.h"

namespace interleave::gui {

class ControlsView {
 public:
  void draw(RunController& run, ViewState& vs);
  // The window's menu bar: File (save replay, export trace, screenshot), View (presenter, fullscreen, help).
  // The menu bar; `more_menus` draws menus of other views after File and View.
  void draw_menu(RunController& run, ViewState& vs, const std::function<void()>& more_menus = {});
  // Keyboard shortcuts (space, arrows, F, +/-, F1/?, F11, P); call once per frame.
  void shortcuts(RunController& run, ViewState& vs);

  // Where the cursor jumps: the lesson's notes, a goroutine starting to block, the end of a run that went wrong.
  enum class Jump { Note, Block, End };
  // Moves the time cursor to the next (forward) or previous such moment; false if there is none.
  static bool jump(RunController& run, ViewState& vs, Jump what, bool forward);
  // One step back, by re-executing the run to the previous step.
  static void back_one_step(RunController& run, ViewState& vs);

 private:
  std::string output_name(RunController& run, const char* suffix) const;
  std::uint64_t scrub_ = 0;
  bool scrubbing_ = false;
};

}  // namespace interleave::gui
