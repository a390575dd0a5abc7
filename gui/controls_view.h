// controls_view.h — ControlsView: the toolbar. Play/pause, step, step the selected goroutine, back (by
// re-execution), restart, speed (virtual time per second, log scale), the step scrubber, seed / policy /
// processors, "you are the scheduler", and save replay / export trace / screenshot / presenter / help.
//
//   ControlsView controls;
//   controls.draw(run, vs);
#pragma once

#include <functional>
#include <string>

#include "gui/file_dialog.h"
#include "gui/ui.h"

namespace interleave::gui {

class ControlsView {
 public:
  void draw(RunController& run, ViewState& vs);
  // The window's menu bar: File (open, save replay, export trace, screenshot), View (presenter, fullscreen,
  // help), then `more_menus`; and the file dialog those open.
  void draw_menu(RunController& run, ViewState& vs, const std::function<void()>& more_menus = {});
  // Keyboard shortcuts (space, arrows, F, +/-, F1/?, F11, P); call once per frame.
  void shortcuts(RunController& run, ViewState& vs);

  // Where the cursor jumps: the lesson's notes, a goroutine starting to block, the end of a run that went wrong.
  enum class Jump { Note, Block, End };
  // Moves the time cursor to the next (forward) or previous such moment; false if there is none.
  static bool jump(RunController& run, ViewState& vs, Jump what, bool forward);
  // One step back, by re-executing the run to the previous step.
  static void back_one_step(RunController& run, ViewState& vs);

  // File > Open..., Save replay..., Export trace...: the dialog that asks which file (`folder`: where it starts;
  // empty: the scenario's folder, or the working directory).
  enum class FileTask { Open, SaveReplay, ExportTrace };
  void ask_file(FileTask task, RunController& run, const std::filesystem::path& folder = {});
  FileDialog& dialog() { return dialog_; }

 private:
  std::string output_name(RunController& run, const char* suffix) const;
  void file_dialog(RunController& run, ViewState& vs);
  FileDialog dialog_;
  FileTask task_ = FileTask::Open;
  std::uint64_t scrub_ = 0;
  bool scrubbing_ = false;
};

}  // namespace interleave::gui
